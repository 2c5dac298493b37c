import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { Deps } from '../platform/deps.ts';
import type { CommandContext } from '../platform/module.ts';
import type { AccountsService } from './service.ts';

type Out = Pick<NodeJS.WriteStream, 'write'> & { isTTY?: boolean };

function printOneTimePassword(out: Out, username: string, password: string): void {
  out.write(
    [
      '',
      '  ------------------------------------------------------------------',
      `  Administrator account: ${username}`,
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
export function deliverOneTimePassword(out: Out, dataDir: string, username: string, password: string): string | null {
  if (out.isTTY) {
    printOneTimePassword(out, username, password);
    return null;
  }
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, `one-time-password-${username.replace(/[^A-Za-z0-9._@-]/g, '_')}.txt`);
  fs.rmSync(file, { force: true }); // a new file, so it is created with the owner-only mode
  fs.writeFileSync(file, `Administrator account: ${username}\nOne-time password: ${password}\nChange it at first sign-in, then delete this file.\n`, { mode: 0o600, flag: 'wx' });
  out.write(
    [
      '',
      `  Administrator account: ${username}`,
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

/** `custodia users create-admin USERNAME`: another administrator, e.g. when every administrator is locked out. */
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
}
