import { SYSTEM_ACTOR } from '../../platform/auth/actor.ts';
import { parseInput } from '../../platform/validation.ts';
import { hashPassword, insertNewUser, type AccountsContext } from '../context.ts';
import { oneTimePassword } from '../model.ts';
import { presentUser, type UserView } from '../presenters.ts';
import { newUserInput } from '../schemas.ts';
import * as store from '../store.ts';

/**
 * First start: when no user exists, creates `admin` with a one-time password (shown once by the
 * caller, changed at first sign-in). Returns null when users already exist: never a default password.
 */
export async function ensureInitialAdministrator(ctx: AccountsContext): Promise<{ user: UserView; password: string } | null> {
  const { db } = ctx.deps;
  if ((await store.countUsers(db)) > 0) return null;
  const input = parseInput('accounts', newUserInput, { username: 'admin', displayName: 'Administrator', role: 'administrator' });
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  const row = await db.transaction(async (tx) => {
    // Re-checked inside the transaction so two servers starting together create one administrator.
    await store.lockUsers(tx);
    if ((await store.countUsers(tx)) > 0) return null;
    return insertNewUser(ctx, tx, SYSTEM_ACTOR, input, passwordHash, 'first start');
  });
  return row ? { user: presentUser(row), password } : null;
}
