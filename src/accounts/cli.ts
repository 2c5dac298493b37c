import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { cliActor } from '../platform/auth/actor.ts';
import { NotFoundError } from '../platform/http/errors.ts';
import type { Deps } from '../platform/deps.ts';
import type { CommandContext } from '../platform/module.ts';
import type { AccountsService } from './service.ts';

type Out = Pick<NodeJS.WriteStream, 'write'> & { isTTY?: boolean };

function printOneTimePassword(out: Out, username: string, password: string, label: string): void {
  out.write(
    [
      '',
      '  ------------------------------------------------------------------',
      `  ${label}: ${username}`,
      `  One-time password:     ${password}`,
      '  It is shown only this once and must be changed at first sign-in.',
      '  Lost it? `custodia users create-admin NAME` makes another administrator.',
      '  ------------------------------------------------------------------',
      '',
      '',
    ].join('\n'),
  );
}

/**
 * Hands a one-time password to the operator once. On a terminal it is printed. When standard output is
 * not a terminal (journald, a container's log) it would stay in the log, so it is written to a file only
 * the owner can read, in the data directory, and that file's path is printed instead. Returns the file.
 */
export function deliverOneTimePassword(out: Out, dataDir: string, username: string, password: string, label = 'Administrator account'): string | null {
  if (out.isTTY) {
    printOneTimePassword(out, username, password, label);
    return null;
  }
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, `one-time-password-${username.replace(/[^A-Za-z0-9._@-]/g, '_')}.txt`);
  fs.rmSync(file, { force: true }); // a new file, so it is created with the owner-only mode
  fs.writeFileSync(file, `${label}: ${username}\nOne-time password: ${password}\nChange it at first sign-in, then delete this file.\n`, { mode: 0o600, flag: 'wx' });
  out.write(
    [
      '',
      `  ${label}: ${username}`,
      `  Its one-time password is in ${file} (readable only by this user; standard output is not a terminal).`,
      '  Change it at first sign-in, then delete the file.',
      '  Lost it? `custodia users create-admin NAME` makes another administrator.',
      '',
      '',
    ].join('\n'),
  );
  return file;
}

/**
 * First start: with no user in the database, creates `admin` and hands its one-time password over once
 * (on the terminal, or in an owner-only file: never into the JSON log). Returns whether one was created.
 */
export async function announceInitialAdministrator(accounts: AccountsService, deps: Pick<Deps, 'config' | 'log'>, out: Out = process.stdout): Promise<boolean> {
  const created = await accounts.ensureInitialAdministrator();
  if (!created) return false;
  const file = deliverOneTimePassword(out, deps.config.dataDir, created.user.username, created.password);
  deps.log.warn({ username: created.user.username, ...(file ? { passwordFile: file } : {}) }, `first start: created the initial administrator (one-time password ${file ? 'in the file named' : 'printed on the terminal'})`);
  return true;
}

/** `none` (or an empty value) clears an option that names a party. */
const partyOption = (v: string | undefined): string | null | undefined => (v === undefined ? undefined : v === '' || v.toLowerCase() === 'none' ? null : v);

/** The user a command names by username (how an operator knows them), through the service's list. */
async function userNamed(service: AccountsService, username: string) {
  const [user] = (await service.listUsers(cliActor(), { username, limit: 1 })).items;
  if (!user) throw new NotFoundError('User', username);
  return user;
}

/**
 * `custodia users create-admin USERNAME`: another administrator, e.g. when every administrator is locked out.
 * `custodia users create USERNAME --role ROLE [--agency PARTY]` and `custodia users update USERNAME …`: the
 * accounts API's create and update from the operator's shell (audited as the CLI's operator).
 */
export function registerAccountsCommands(program: Command, cli: CommandContext<AccountsService>): void {
  const users = program.command('users').description('user accounts');
  users
    .command('create-admin')
    .argument('<username>', 'the new administrator’s username')
    .option('--name <displayName>', 'display name')
    .description('create an administrator with a one-time password (printed once; must be changed at first sign-in)')
    .action(async (username: string, opts: { name?: string }) => {
      // Takes the data-directory lock: with the server running on the embedded database this refuses
      // clearly instead of writing behind the server's back.
      await cli.run('custodia users create-admin', async ({ deps, service }) => {
        const { user, password } = await service.createAdministrator(username, opts.name);
        deliverOneTimePassword(process.stdout, deps.config.dataDir, user.username, password);
      });
    });

  users
    .command('create')
    .argument('<username>', 'the new user’s username')
    .requiredOption('--role <role>', 'administrator, registry_clerk, licensing_officer, licensing_supervisor, tracing_officer, customs_officer, auditor, point_of_contact or industry')
    .option('--name <displayName>', 'display name (default: the username)')
    .option('--organisation <partyId>', 'an industry user’s organisation (a registry party)')
    .option('--agency <partyId>', 'the State agency the user works for (a registry party with the state_agency role): its lost/stolen alerts are shown to them first')
    .option('--machine', 'a machine account (API tokens only, no password)')
    .description('create a user; a person gets a one-time password (printed once; must be changed at first sign-in)')
    .action(async (username: string, opts: { role: string; name?: string; organisation?: string; agency?: string; machine?: boolean }) => {
      await cli.run('custodia users create', async ({ deps, service }) => {
        const { user, oneTimePassword } = await service.createUser(cliActor(), {
          username,
          displayName: opts.name ?? username,
          role: opts.role,
          organisationId: partyOption(opts.organisation) ?? null,
          agencyPartyId: partyOption(opts.agency) ?? null,
          kind: opts.machine ? 'machine' : 'person',
        });
        process.stdout.write(`${JSON.stringify(user, null, 2)}\n`);
        if (oneTimePassword) deliverOneTimePassword(process.stdout, deps.config.dataDir, user.username, oneTimePassword, 'Account');
      });
    });
  users
    .command('update')
    .argument('<username>', 'the user to change')
    .requiredOption('--reason <text>', 'why (kept in the audit log)')
    .option('--name <displayName>', 'new display name')
    .option('--role <role>', 'new role (ends the user’s sessions and tokens)')
    .option('--organisation <partyId>', 'new organisation (a registry party; ends the user’s sessions and tokens)')
    .option('--agency <partyId>', 'the State agency the user works for (a registry party with the state_agency role), or "none"')
    .description('change a user’s name, role, organisation or agency')
    .action(async (username: string, opts: { reason: string; name?: string; role?: string; organisation?: string; agency?: string }) => {
      await cli.run('custodia users update', async ({ service }) => {
        const user = await userNamed(service, username);
        const updated = await service.updateUser(cliActor(), user.id, {
          reason: opts.reason,
          ...(opts.name !== undefined ? { displayName: opts.name } : {}),
          ...(opts.role !== undefined ? { role: opts.role } : {}),
          ...(opts.organisation !== undefined ? { organisationId: partyOption(opts.organisation) } : {}),
          ...(opts.agency !== undefined ? { agencyPartyId: partyOption(opts.agency) } : {}),
        });
        process.stdout.write(`${JSON.stringify(updated, null, 2)}\n`);
      });
    });
}
