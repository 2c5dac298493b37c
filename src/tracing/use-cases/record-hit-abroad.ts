import { recordAudit } from '../../platform/audit/record.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { inTransaction } from '../../platform/tx.ts';
import { parseInput } from '../../platform/validation.ts';
import type { TracingContext } from '../context.ts';
import { hitAbroadInput } from '../foreign-schemas.ts';
import { tracingPolicy } from '../policy.ts';
import * as foreign from '../store-foreign.ts';

/**
 * Another State's node notifies a hit: an item this State reported lost or stolen was recovered there.
 * It is recorded as an open alert (GET /api/v1/tracing/hits-abroad), with the holding authority and its
 * case reference for the tracing request that may follow. Called by the exchange with the envelope's id.
 */
export async function recordHitAbroad(ctx: TracingContext, actor: Actor, input: unknown, tx?: Tx) {
  tracingPolicy.require(actor, 'tracing.recoveries.write');
  const { state, envelopeId, body } = parseInput('tracing', hitAbroadInput, input);
  return inTransaction(ctx.deps.db, tx, async (t) => {
    const row = await foreign.insertHitAbroad(t, {
      id: uuidv7(),
      notifying_state: state,
      report_reference: body.reportReference,
      weapon: body.weapon,
      matched_on: body.matchedOn,
      recovery_type: body.recoveryType,
      recovered_on: body.recoveredOn,
      place: body.place,
      holding_authority: body.holdingAuthority,
      case_reference: body.caseReference ?? null,
      envelope_id: envelopeId,
      alert_status: 'open',
      received_at: ctx.deps.clock.now(),
    });
    if (!row) return null;
    await recordAudit(t, actor, ctx.deps.clock, { action: 'tracing.hit_abroad.receive', entity: 'tracing_hit_abroad', entityId: row.id, state: foreign.hitAbroadState(row) });
    ctx.deps.log.warn({ alert: 'tracing.hit_abroad', notifyingState: state, reportReference: body.reportReference, caseReference: body.caseReference ?? null }, 'tracing: an item this State reported lost or stolen was recovered abroad');
    return foreign.hitAbroadState(row);
  });
}
