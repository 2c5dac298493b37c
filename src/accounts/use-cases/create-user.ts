import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import { inTransaction } from '../../platform/tx.ts';
import { parseInput } from '../../platform/validation.ts';
import { hashPassword, insertNewUser, type AccountsContext } from '../context.ts';
import { oneTimePassword } from '../model.ts';
import { accountsPolicy } from '../policy.ts';
import { presentUser, type UserView } from '../presenters.ts';
import { newUserInput, type CreateUserInput } from '../schemas.ts';

/** A person gets a one-time password (returned once, to be changed at first sign-in); a machine account none. */
export async function createUser(ctx: AccountsContext, actor: Actor, input: CreateUserInput, tx?: Tx): Promise<{ user: UserView; oneTimePassword: string | null }> {
  accountsPolicy.require(actor, 'accounts.users.manage');
  const parsed = parseInput('accounts', newUserInput, input);
  const password = (parsed.kind ?? 'person') === 'person' ? oneTimePassword() : null;
  const passwordHash = password ? await hashPassword(password) : null;
  const row = await inTransaction(ctx.deps.db, tx, (t) => insertNewUser(ctx, t, actor, parsed, passwordHash, null));
  return { user: presentUser(row), oneTimePassword: password };
}
