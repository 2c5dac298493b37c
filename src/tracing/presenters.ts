import type { PartySummary } from '../registry/schemas.ts';
import type { Hit, HitFromAbroad, Match, RecoveredItem, RecoveryDetail, RecoverySummary } from './schemas.ts';
import type { Photograph } from './photograph-schemas.ts';
import { photographState, type PlacedPhotographRow } from './store-photographs.ts';
import type { ForeignHitWithReportRow, HitAbroadRow } from './store-foreign.ts';
import { recoveredItemState, type CandidateRow, type CaseRow, type HitRow, type MatchRow, type PersonRow, type RecoveredItemRow, type RecoveredMarkingRow, type TraceRow } from './store.ts';

/**
 * Stored rows → API shapes. Parties appear as the registry's public summaries (a person's name stays on
 * the registry's party page, where reading it is audited); no row leaves without passing through here.
 */

export type PartyLookup = (id: string | null) => PartySummary | null;

export function partyLookup(parties: readonly PartySummary[]): PartyLookup {
  const byId = new Map(parties.map((p) => [p.id, p]));
  return (id) => (id ? (byId.get(id) ?? null) : null);
}

/** `matchingItems`: how many of its items a filtered list selected (all of them when the list has no item filter). */
export function presentCaseSummary(row: CaseRow, itemCount: number, party: PartyLookup, matchingItems = itemCount): RecoverySummary {
  return {
    id: row.id,
    reference: row.reference,
    recoveredOn: row.recovered_on,
    placeLocode: row.place_locode,
    placeLatitude: row.place_latitude,
    placeLongitude: row.place_longitude,
    placeText: row.place_text,
    agency: party(row.agency_party_id),
    recoveryType: row.recovery_type,
    legalJustification: row.legal_justification,
    criminalContext: row.criminal_context,
    legalReference: row.legal_reference,
    itemCount,
    matchingItems,
    createdAt: row.created_at.toISOString(),
  };
}

export function presentMatch(row: MatchRow, party: PartyLookup): Match {
  return {
    id: row.id,
    kind: row.kind,
    foundBy: row.found_by,
    registryItemId: row.registry_item_id,
    registryStatus: row.registry_status,
    recoveryReference: row.recovery_reference,
    reportEventId: row.report_event_id,
    reportReference: row.report_reference,
    reportingAgency: party(row.reporting_agency_party_id),
    alertStatus: row.alert_status,
    acknowledgedAt: row.acknowledged_at ? row.acknowledged_at.toISOString() : null,
    createdAt: row.created_at.toISOString(),
  };
}

export function presentCandidate(row: CandidateRow) {
  return {
    registryItemId: row.registry_item_id,
    rank: row.rank,
    score: row.score,
    serialNumber: row.serial_number,
    make: row.make,
    model: row.model,
    calibre: row.calibre,
    registryStatus: row.registry_status,
  };
}

export function presentItem(
  row: RecoveredItemRow,
  markings: readonly RecoveredMarkingRow[],
  candidates: readonly CandidateRow[],
  match: MatchRow | undefined,
  traces: readonly TraceRow[],
  party: PartyLookup,
  foreignHits: readonly ForeignHitWithReportRow[] = [],
): RecoveredItem {
  // The audited state less what the API does not show (the case link is the page's, serialNorm is internal).
  const { caseId: _case, createdAt: _created, markings: stated, ...item } = recoveredItemState(row, markings);
  return {
    ...item,
    markings: stated.map(({ id: _id, serialNorm: _norm, ...m }) => m),
    candidates: candidates.map(presentCandidate),
    match: match ? presentMatch(match, party) : null,
    traces: traces.map((t) => ({ id: t.id, reference: t.reference, createdAt: t.created_at.toISOString() })),
    foreignHits: foreignHits.map(presentForeignHitOnItem),
  };
}

export function presentForeignHitOnItem(h: ForeignHitWithReportRow): RecoveredItem['foreignHits'][number] {
  const authority = h.reporting_authority?.name;
  return {
    id: h.id,
    reportingState: h.reporting_state,
    reportReference: h.report_reference,
    kind: h.kind,
    reportStatus: h.report_status,
    occurredOn: h.occurred_on,
    reportingAuthority: typeof authority === 'string' ? authority : null,
    matchedOn: [...h.matched_on],
    notified: h.notification_envelope_id !== null,
    createdAt: new Date(h.created_at).toISOString(),
  };
}

export interface CaseParts {
  row: CaseRow;
  persons: readonly PersonRow[];
  items: readonly RecoveredItemRow[];
  markings: readonly RecoveredMarkingRow[];
  candidates: readonly CandidateRow[];
  matches: readonly MatchRow[];
  traces: readonly TraceRow[];
  foreignHits?: readonly ForeignHitWithReportRow[];
}

export function presentCaseDetail(c: CaseParts, party: PartyLookup): RecoveryDetail {
  const group = <T extends { recovered_item_id: string }>(rows: readonly T[]) => {
    const m = new Map<string, T[]>();
    for (const r of rows) m.set(r.recovered_item_id, [...(m.get(r.recovered_item_id) ?? []), r]);
    return m;
  };
  const markings = group(c.markings);
  const candidates = group(c.candidates);
  const matches = new Map(c.matches.map((m) => [m.recovered_item_id, m]));
  const traces = group(c.traces);
  const foreignHits = group(c.foreignHits ?? []);
  return {
    ...presentCaseSummary(c.row, c.items.length, party),
    notes: c.row.notes,
    createdBy: c.row.created_by,
    persons: c.persons.flatMap((p) => {
      const summary = party(p.party_id);
      return summary ? [{ role: p.role, party: summary }] : [];
    }),
    items: c.items.map((i) => presentItem(i, markings.get(i.id) ?? [], candidates.get(i.id) ?? [], matches.get(i.id), traces.get(i.id) ?? [], party, foreignHits.get(i.id) ?? [])),
  };
}

export function presentHit(row: HitRow, party: PartyLookup): Hit {
  return {
    ...presentMatch(row, party),
    recoveredItemId: row.recovered_item_id,
    caseId: row.case_id,
    recoveredOn: row.recovered_on,
    origin: 'here',
    item: { kind: row.item_kind, type: row.item_type, make: row.make, model: row.model, calibre: row.calibre },
  };
}

/** A hit notified from abroad in the alerts list: what its envelope carried that identifies the item, no person. */
export function presentHitFromAbroad(row: HitAbroadRow, party: PartyLookup): HitFromAbroad {
  const w = row.weapon as Partial<Record<'kind' | 'type' | 'make' | 'model' | 'calibre' | 'serialNumber', string | null>>;
  const place = row.place as { country: string; locode?: string | null; description?: string | null };
  return {
    origin: 'abroad',
    id: row.id,
    notifyingState: row.notifying_state,
    receivedAt: row.received_at.toISOString(),
    reportReference: row.report_reference,
    reportingAgency: party(row.reporting_agency_party_id),
    alertStatus: row.alert_status,
    recoveredOn: row.recovered_on,
    recoveryType: row.recovery_type as HitFromAbroad['recoveryType'],
    matchedOn: [...row.matched_on],
    item: { kind: w.kind as HitFromAbroad['item']['kind'], type: w.type ?? null, make: w.make ?? null, model: w.model ?? null, calibre: w.calibre ?? null, serialNumber: w.serialNumber ?? null },
    place: { country: place.country, locode: place.locode ?? null, description: place.description ?? null },
    holdingAuthority: { name: (row.holding_authority as { name: string }).name },
    caseReference: row.case_reference,
    envelopeId: row.envelope_id,
  };
}

/** A photograph's metadata (never its bytes, which are read at `contentUrl`). */
export function presentPhotograph(r: PlacedPhotographRow): Photograph {
  // The API shape is the audited state (fixed for audit verify) plus where the photograph sits.
  return {
    ...photographState(r),
    recoveryId: r.case_id,
    itemReference: `${r.case_reference}/${r.item_seq}`,
    withdrawn: r.withdrawn_at !== null,
    contentUrl: `/api/v1/tracing/photographs/${r.id}/content`,
  };
}
