import type { Command } from 'commander';
import pino from 'pino';
import { systemClock } from '../platform/clock.ts';
import { loadConfig } from '../platform/config.ts';
import { openDatabase } from '../platform/db/open.ts';
import type { Deps } from '../platform/deps.ts';
import { createAccountsService } from './service.ts';

type Out = Pick<NodeJS.WriteStream, 'write'>;

function printOneTimePassword(out: Out, username: string, password: string): void {
  out.write(
    [
      '',
      '  ------------------------------------------------------------------',
      `  Administrator account: ${username}`,
      `  One-time password:     ${password}`,
      '  It is shown only this once and must be changed at first sign-in.',
      '  ------------------------------------------------------------------',
      '',
      '',
    ].join('\n'),
  );
}

/**
 * First start: with no user in the database, creates `admin` and prints its one-time password once
 * (on the terminal, not into the JSON log). Returns whether one was created.
 */
export async function announceInitialAdministrator(deps: Deps, out: Out = process.stdout): Promise<boolean> {
  const created = await createAccountsService(deps).ensureInitialAdministrator();
  if (!created) return false;
  deps.log.warn({ username: created.user.username }, 'first start: created the initial administrator (one-time password printed on the terminal)');
  printOneTimePassword(out, created.user.username, created.password);
  return true;
}

/** `custodia users create-admin USERNAME`: another administrator, e.g. when every administrator is locked out. */
export function registerAccountsCommands(program: Command): void {
  const users = program.command('users').description('user accounts');
  users
    .command('create-admin')
    .argument('<username>', 'the new administrator’s username')
    .option('--name <displayName>', 'display name')
    .description('create an administrator with a one-time password (printed once; must be changed at first sign-in)')
    .action(async (username: string, opts: { name?: string }) => {
      const config = loadConfig();
      // Takes the data-directory lock: with the server running on the embedded database this refuses
      // clearly instead of writing behind the server's back.
      const opened = await openDatabase(config, 'custodia users create-admin');
      try {
        const deps: Deps = { db: opened.db, clock: systemClock, config, log: pino({ level: config.logLevel }) };
        const { user, password } = await createAccountsService(deps).createAdministrator(username, opts.name);
        printOneTimePassword(process.stdout, user.username, password);
      } finally {
        await opened.close();
      }
    });
}
