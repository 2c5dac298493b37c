import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import { inTransaction } from '../../platform/tx.ts';
import { mustFindUser, type AccountsContext } from '../context.ts';
import { accountsPolicy } from '../policy.ts';
import { presentUser, type UserView } from '../presenters.ts';

/** One user; anyone may read their own account. */
export async function getUser(ctx: AccountsContext, actor: Actor, id: string, tx?: Tx): Promise<UserView> {
  if (actor.userId !== id) accountsPolicy.require(actor, 'accounts.users.read');
  return presentUser(await inTransaction(ctx.deps.db, tx, (t) => mustFindUser(t, id)));
}
