import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import { readDb } from '../../platform/db/replica.ts';
import { inTransaction } from '../../platform/tx.ts';
import { loadCaseDetail } from '../case-view.ts';
import type { TracingContext } from '../context.ts';
import { tracingPolicy } from '../policy.ts';
import type { RecoveryDetail } from '../schemas.ts';

/** A recovery's page: items, marks as read with their state, ranked candidates, hits and links. */
export async function getRecovery(ctx: TracingContext, actor: Actor, id: string, tx?: Tx): Promise<RecoveryDetail> {
  tracingPolicy.require(actor, 'tracing.recoveries.read');
  return inTransaction(readDb(ctx.deps, actor), tx, (t) => loadCaseDetail(ctx, actor, t, id));
}
