import type { Actor } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/record.ts';
import type { Tx } from '../../platform/db/types.ts';
import { lockYearlyNumber } from '../../platform/db/numbering.ts';
import { ConflictError, NotFoundError } from '../../platform/http/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { inTransaction } from '../../platform/tx.ts';
import type { TracingContext } from '../context.ts';
import { tracingPolicy } from '../policy.ts';
import type { Trace } from '../schemas.ts';
import * as store from '../store.ts';
import { traceChain, traceReference } from '../trace-model.ts';
import { loadTrace, traceEvent } from '../trace-view.ts';

/**
 * Runs the domestic trace of a recovered item that is a registry item (matched or registered): origin
 * (manufacture or most recent import), the lawful chain, the last legal holder, the authorizations cited,
 * and the window of diversion. The findings are recorded (audited) so the report and the figures read
 * what the officer saw; a new trace may be run later and is recorded beside the first.
 */
export async function traceRecoveredItem(ctx: TracingContext, actor: Actor, caseId: string, itemId: string, tx?: Tx): Promise<Trace> {
  tracingPolicy.require(actor, 'tracing.traces.run');
  return inTransaction(ctx.deps.db, tx, async (t) => {
    const item = await store.getItem(t, itemId, true);
    if (!item || item.case_id !== caseId) throw new NotFoundError('Recovered item', itemId);
    if (!item.registry_item_id) {
      throw new ConflictError('The recovered item is not identified with a registry item yet.', [
        { field: 'itemId', code: 'trace.not_identified', message: 'Confirm a candidate or register the item before tracing it.' },
      ]);
    }
    const c = (await store.getCase(t, caseId))!;
    const registryItem = await ctx.registry.getItem(actor, item.registry_item_id, t);
    const findings = traceChain(registryItem.events.map(traceEvent), { countryOfManufacture: registryItem.countryOfManufacture }, c.recovered_on, ctx.deps.config.state);
    const now = ctx.deps.clock.now();
    // Held to the commit: a trace run at the same moment waits here, then reads the number this one took.
    await lockYearlyNumber(t, 'tracing.trace_reference', now.getUTCFullYear());
    const row: store.TraceRow = {
      id: uuidv7(),
      reference: traceReference(now.getUTCFullYear(), (await store.lastTraceNumber(t, now.getUTCFullYear())) + 1),
      recovered_item_id: item.id,
      registry_item_id: registryItem.id,
      origin_kind: findings.origin.kind,
      origin_event_id: findings.origin.eventId,
      origin_country: findings.origin.country,
      last_legal_event_id: findings.lastLegalEventId,
      last_legal_holder_party_id: findings.lastLegalHolderPartyId,
      diversion_from: findings.diversion.from ? new Date(findings.diversion.from) : null,
      diversion_to: new Date(findings.diversion.to),
      diversion_basis: findings.diversion.basis,
      diversion_place: findings.diversion.place,
      report_event_id: findings.diversion.reportEventId,
      ends_abroad: findings.endsAbroad,
      request_country: findings.requestCountry,
      illicit_origin_established: findings.established,
      findings: { chain: findings.chain, authorizations: findings.authorizations, originPartyId: findings.origin.partyId },
      created_at: now,
      created_by: actor.name,
    };
    await store.insertTrace(t, row);
    await recordAudit(t, actor, ctx.deps.clock, { action: 'tracing.trace.create', entity: 'domestic_trace', entityId: row.id, state: store.traceState(row) });
    return (await loadTrace(ctx, actor, t, row.id)).trace;
  });
}
