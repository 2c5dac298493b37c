import { lostStolenReference } from '../../exchange/bridge-registry.ts';
import { recordAudit } from '../../platform/audit/record.ts';
import { SYSTEM_ACTOR, type Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { inTransaction } from '../../platform/tx.ts';
import { parseInput } from '../../platform/validation.ts';
import type { TracingContext } from '../context.ts';
import { hitAbroadInput } from '../foreign-schemas.ts';
import { tracingPolicy } from '../policy.ts';
import * as foreign from '../store-foreign.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The agency that took the report a hit names: this node's notices cite their registry event
 * (`XA-LS-<event id>`), whose recipient is that agency; the event is found through the item the weapon's
 * serial names. Null for a reference this node did not make, or a report it cannot trace to an agency.
 */
async function reportingAgency(ctx: TracingContext, t: Tx, reportReference: string, serial: string | null | undefined): Promise<string | null> {
  const prefix = lostStolenReference(ctx.deps.config.state, '');
  const eventId = reportReference.startsWith(prefix) ? reportReference.slice(prefix.length) : '';
  if (!UUID.test(eventId) || !serial) return null;
  const found = await ctx.registry.findItemsBySerials(SYSTEM_ACTOR, [serial], t);
  const latest = found.find((m) => m.lossReport?.eventId === eventId);
  if (latest) return latest.lossReport!.reportedToPartyId;
  // A report since withdrawn or followed by another: the event is still in the item's history.
  for (const m of found) {
    const event = (await ctx.registry.getItem(SYSTEM_ACTOR, m.item.id, t)).events.find((e) => e.id === eventId);
    if (event) return event.to?.id ?? null;
  }
  return null;
}

/**
 * Another State's node notifies a hit: an item this State reported lost or stolen was recovered there.
 * It is recorded as an open alert (GET /api/v1/tracing/hits-abroad), with the holding authority and its
 * case reference for the tracing request that may follow, addressed to the agency that took the report. Called by the exchange with the envelope's id.
 */
export async function recordHitAbroad(ctx: TracingContext, actor: Actor, input: unknown, tx?: Tx) {
  tracingPolicy.require(actor, 'tracing.recoveries.write');
  const { state, envelopeId, body } = parseInput('tracing', hitAbroadInput, input);
  return inTransaction(ctx.deps.db, tx, async (t) => {
    const agency = await reportingAgency(ctx, t, body.reportReference, body.weapon.serialNumber);
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
      reporting_agency_party_id: agency,
    });
    if (!row) return null;
    await recordAudit(t, actor, ctx.deps.clock, { action: 'tracing.hit_abroad.receive', entity: 'tracing_hit_abroad', entityId: row.id, state: foreign.hitAbroadState(row) });
    ctx.deps.log.warn({ alert: 'tracing.hit_abroad', notifyingState: state, reportReference: body.reportReference, caseReference: body.caseReference ?? null }, 'tracing: an item this State reported lost or stolen was recovered abroad');
    return foreign.hitAbroadState(row);
  });
}
