import type { Actor } from '../platform/auth/actor.ts';
import type { Tx } from '../platform/db/types.ts';
import { NotFoundError } from '../platform/http/errors.ts';
import type { CustodyEvent } from '../registry/schemas.ts';
import type { TracingContext } from './context.ts';
import { partyLookup } from './presenters.ts';
import type { Trace } from './schemas.ts';
import * as store from './store.ts';
import type { TraceEvent } from './trace-model.ts';

/** A registry event as the trace rules read it. */
export function traceEvent(e: CustodyEvent): TraceEvent {
  return {
    id: e.id,
    kind: e.kind,
    occurredAt: new Date(e.occurredAt),
    fromPartyId: e.from?.id ?? null,
    toPartyId: e.to?.id ?? null,
    placeLocode: e.placeLocode,
    placeText: e.placeText,
    counterpartCountry: e.counterpartCountry,
    authorizationRef: e.authorizationRef,
    licenceId: e.licenceId,
  };
}

/** A stored trace with the registry events it cites (events are append-only: they read as when traced). */
export async function loadTrace(ctx: TracingContext, actor: Actor, t: Tx, id: string): Promise<{ trace: Trace; row: store.TraceRow }> {
  const [row] = await store.getTraces(t, [id]);
  if (!row) throw new NotFoundError('Trace', id);
  const [item] = await store.getItems(t, [row.recovered_item_id]);
  const c = (await store.getCase(t, item.case_id))!;
  const registryItem = await ctx.registry.getItem(actor, row.registry_item_id, t);
  const byId = new Map(registryItem.events.map((e) => [e.id, e]));
  const partyIds = [row.last_legal_holder_party_id, row.findings.originPartyId].filter((p): p is string => !!p);
  const party = partyLookup(await ctx.registry.partySummaries(actor, partyIds, t));
  const trace: Trace = {
    id: row.id,
    reference: row.reference,
    recoveredItemId: row.recovered_item_id,
    registryItemId: row.registry_item_id,
    recoveryReference: `${c.reference}/${item.seq}`,
    recoveryId: c.id,
    origin: { kind: row.origin_kind, at: row.origin_event_id ? (byId.get(row.origin_event_id)?.occurredAt ?? null) : null, party: party(row.findings.originPartyId), country: row.origin_country },
    chain: row.findings.chain.flatMap((eventId) => (byId.has(eventId) ? [byId.get(eventId)!] : [])),
    lastLegalEventId: row.last_legal_event_id,
    lastLegalHolder: party(row.last_legal_holder_party_id),
    diversion: {
      from: row.diversion_from ? row.diversion_from.toISOString() : null,
      to: row.diversion_to.toISOString(),
      basis: row.diversion_basis,
      place: row.diversion_place,
      reportEventId: row.report_event_id,
    },
    authorizations: row.findings.authorizations,
    endsAbroad: row.ends_abroad,
    requestCountry: row.request_country,
    illicitOriginEstablished: row.illicit_origin_established,
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_by,
  };
  return { trace, row };
}
