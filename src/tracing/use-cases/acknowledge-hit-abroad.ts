import type { Actor } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/record.ts';
import type { Tx } from '../../platform/db/types.ts';
import { ConflictError, NotFoundError } from '../../platform/http/errors.ts';
import { inTransaction } from '../../platform/tx.ts';
import type { TracingContext } from '../context.ts';
import { tracingPolicy } from '../policy.ts';
import * as foreign from '../store-foreign.ts';

/**
 * An officer has seen a hit another State notified on this State's lost/stolen report: the alert leaves the
 * open count (the hit stays; who and when are in the audit entry). Nothing is sent to the other State.
 */
export async function acknowledgeHitAbroad(ctx: TracingContext, actor: Actor, id: string, tx?: Tx) {
  tracingPolicy.require(actor, 'tracing.hits.acknowledge');
  return inTransaction(ctx.deps.db, tx, async (t) => {
    const row = await foreign.getHitAbroad(t, id, true);
    if (!row) throw new NotFoundError('Hit notified from abroad', id);
    if (row.alert_status !== 'open') {
      throw new ConflictError('The hit is already acknowledged.', [{ field: 'id', code: 'hit_abroad.already_acknowledged', message: 'The hit notified from abroad is already acknowledged.' }]);
    }
    const updated = await foreign.acknowledgeHitAbroad(t, row.id);
    await recordAudit(t, actor, ctx.deps.clock, { action: 'tracing.hit_abroad.acknowledge', entity: 'tracing_hit_abroad', entityId: row.id, state: foreign.hitAbroadState(updated) });
    return foreign.hitAbroadState(updated);
  });
}
