import { recordAudit } from '../../platform/audit/record.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import { ConflictError, NotFoundError } from '../../platform/http/errors.ts';
import { inTransaction } from '../../platform/tx.ts';
import { requireUuid, type ScreeningContext } from '../context.ts';
import { screeningPolicy } from '../policy.ts';
import * as store from '../store.ts';

/** Acknowledges an open alert; acknowledging one twice is a conflict. */
export async function acknowledgeAlert(ctx: ScreeningContext, actor: Actor, alertId: string, tx?: Tx) {
  const { db, clock } = ctx.deps;
  screeningPolicy.require(actor, 'screening.alerts.manage');
  requireUuid(alertId, 'Alert');
  return inTransaction(db, tx, async (t) => {
    const row = await store.acknowledgeAlert(t, alertId, clock.now(), actor.name);
    if (!row) {
      if ((await store.alertsByIds(t, [alertId])).length === 0) throw new NotFoundError('Alert', alertId);
      throw new ConflictError('The alert was already acknowledged.');
    }
    await recordAudit(t, actor, clock, { action: 'screening.alert.acknowledge', entity: 'screening_alert', entityId: row.id, state: store.alertState(row) });
    return store.alertState(row);
  });
}
