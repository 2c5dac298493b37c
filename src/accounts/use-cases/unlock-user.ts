import { recordAudit } from '../../platform/audit/record.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import { inTransaction } from '../../platform/tx.ts';
import { parseInput } from '../../platform/validation.ts';
import { mustFindUser, userAudit, type AccountsContext } from '../context.ts';
import { accountsPolicy } from '../policy.ts';
import { presentUser, type UserView } from '../presenters.ts';
import { reasonInputSchema } from '../schemas.ts';
import * as store from '../store.ts';

/** Lifts a sign-in lockout and forgets the failed attempts counted. */
export async function unlockUser(ctx: AccountsContext, actor: Actor, id: string, input: { reason: string }, tx?: Tx): Promise<UserView> {
  const { clock } = ctx.deps;
  accountsPolicy.require(actor, 'accounts.users.manage');
  const { reason } = parseInput('accounts', reasonInputSchema, input);
  const row = await inTransaction(ctx.deps.db, tx, async (t) => {
    const u = await mustFindUser(t, id, true);
    // Nothing to lift (no lock recorded, no failed attempt counted): nothing written, nothing audited.
    if (!u.locked_until && u.failed_logins === 0) return u;
    const updated = await store.unlockUser(t, id, clock.now());
    await recordAudit(t, actor, clock, userAudit('accounts.user.unlock', updated, reason));
    return updated;
  });
  return presentUser(row);
}
