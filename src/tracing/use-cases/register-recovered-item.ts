import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import { inTransaction } from '../../platform/tx.ts';
import { loadCaseDetail } from '../case-view.ts';
import type { TracingContext } from '../context.ts';
import { itemAwaitingDecision } from '../decided-item.ts';
import { registerRecoveredItems } from '../matching.ts';
import { tracingPolicy } from '../policy.ts';
import type { RecoveryDetail } from '../schemas.ts';
import * as store from '../store.ts';

/**
 * An officer finds that none of an item's candidates is it: the item is registered as seized with the
 * State's confiscation mark (ITI para 9), as the automatic check does when nothing matches.
 */
export async function registerRecoveredItem(ctx: TracingContext, actor: Actor, caseId: string, itemId: string, tx?: Tx): Promise<RecoveryDetail> {
  tracingPolicy.require(actor, 'tracing.candidates.decide');
  return inTransaction(ctx.deps.db, tx, async (t) => {
    const { c, item } = await itemAwaitingDecision(t, caseId, itemId);
    await registerRecoveredItems(ctx, t, actor, [{ c, item, markings: await store.listMarkings(t, [item.id]) }]);
    return loadCaseDetail(ctx, actor, t, caseId);
  });
}
