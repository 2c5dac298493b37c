import { SYSTEM_ACTOR } from '../../platform/auth/actor.ts';
import { parseInput } from '../../platform/validation.ts';
import { hashPassword, insertNewUser, type AccountsContext } from '../context.ts';
import { oneTimePassword } from '../model.ts';
import { presentUser, type UserView } from '../presenters.ts';
import { newUserInput } from '../schemas.ts';

/** `custodia users create-admin`: an administrator with a one-time password, from the operator's shell. */
export async function createAdministrator(ctx: AccountsContext, username: string, displayName?: string): Promise<{ user: UserView; password: string }> {
  const input = parseInput('accounts', newUserInput, { username, displayName: displayName ?? username, role: 'administrator' });
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  const row = await ctx.deps.db.transaction((tx) => insertNewUser(ctx, tx, SYSTEM_ACTOR, input, passwordHash, 'created from the command line'));
  return { user: presentUser(row), password };
}
