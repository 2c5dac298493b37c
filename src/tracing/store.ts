import { defineAuditedEntity } from '../platform/audit/entities.ts';
import { SqlFilter } from '../platform/db/filter.ts';
import type { Queryable } from '../platform/db/types.ts';
import type { ItemKind, ItemStatus } from '../registry/model.ts';
import type { RequestStatus } from './request-model.ts';
import type { CertificateContent } from './disposal-model.ts';
import type { CheckOutcome, CriminalContext, ItemNature, LegalJustification, MarkingState, MatchKind, PersonRole, RecoveryType } from './model.ts';

/** SQL for the tracing tables only (migrations/0015_tracing_recoveries.sql). Parameterised, set-based. */

export interface CaseRow {
  id: string;
  reference: string;
  recovered_on: string;
  place_locode: string | null;
  place_latitude: number | null;
  place_longitude: number | null;
  place_text: string | null;
  agency_party_id: string;
  recovery_type: RecoveryType;
  legal_justification: LegalJustification;
  criminal_context: CriminalContext;
  legal_reference: string | null;
  notes: string | null;
  created_at: Date;
  created_by: string;
}

export interface PersonRow {
  case_id: string;
  party_id: string;
  role: PersonRole;
}

export interface RecoveredItemRow {
  id: string;
  case_id: string;
  seq: number;
  kind: ItemKind;
  item_type: string | null;
  make: string | null;
  model: string | null;
  calibre: string | null;
  country_of_manufacture: string | null;
  nature: ItemNature;
  quantity: number;
  description: string | null;
  check_outcome: CheckOutcome;
  checked_at: Date | null;
  candidate_count: number;
  registry_item_id: string | null;
  created_at: Date;
}

export interface RecoveredMarkingRow {
  id: string;
  recovered_item_id: string;
  seq: number;
  location: string;
  state: MarkingState;
  serial_as_read: string | null;
  serial_norm: string | null;
  manufacturer_name: string | null;
  country_of_manufacture: string | null;
  text_as_read: string | null;
}

export interface CandidateRow {
  recovered_item_id: string;
  registry_item_id: string;
  rank: number;
  score: number;
  serial_number: string | null;
  make: string | null;
  model: string | null;
  calibre: string | null;
  registry_status: ItemStatus;
}

export interface MatchRow {
  id: string;
  recovered_item_id: string;
  registry_item_id: string;
  kind: MatchKind;
  found_by: 'exact_serial' | 'confirmed_candidate';
  registry_status: ItemStatus;
  recovery_reference: string;
  report_event_id: string | null;
  report_reference: string | null;
  reporting_agency_party_id: string | null;
  alert_status: 'open' | 'acknowledged' | null;
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
  created_at: Date;
  created_by: string;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

// ---------------------------------------------------------------- audited states

export function caseState(row: CaseRow, persons: readonly PersonRow[]) {
  return {
    id: row.id,
    reference: row.reference,
    recoveredOn: row.recovered_on,
    placeLocode: row.place_locode,
    placeLatitude: row.place_latitude,
    placeLongitude: row.place_longitude,
    placeText: row.place_text,
    agencyPartyId: row.agency_party_id,
    recoveryType: row.recovery_type,
    legalJustification: row.legal_justification,
    criminalContext: row.criminal_context,
    legalReference: row.legal_reference,
    notes: row.notes,
    createdAt: iso(row.created_at),
    createdBy: row.created_by,
    persons: [...persons].sort((a, b) => (a.party_id + a.role).localeCompare(b.party_id + b.role)).map((p) => ({ partyId: p.party_id, role: p.role })),
  };
}

export function recoveredItemState(row: RecoveredItemRow, markings: readonly RecoveredMarkingRow[]) {
  return {
    id: row.id,
    caseId: row.case_id,
    seq: row.seq,
    kind: row.kind,
    type: row.item_type,
    make: row.make,
    model: row.model,
    calibre: row.calibre,
    countryOfManufacture: row.country_of_manufacture,
    nature: row.nature,
    quantity: row.quantity,
    description: row.description,
    checkOutcome: row.check_outcome,
    checkedAt: iso(row.checked_at),
    candidateCount: row.candidate_count,
    registryItemId: row.registry_item_id,
    createdAt: iso(row.created_at),
    markings: [...markings]
      .sort((a, b) => a.seq - b.seq)
      .map((m) => ({
        id: m.id,
        seq: m.seq,
        location: m.location,
        state: m.state,
        serialAsRead: m.serial_as_read,
        serialNorm: m.serial_norm,
        manufacturerName: m.manufacturer_name,
        countryOfManufacture: m.country_of_manufacture,
        textAsRead: m.text_as_read,
      })),
  };
}

export function matchState(row: MatchRow) {
  return {
    id: row.id,
    recoveredItemId: row.recovered_item_id,
    registryItemId: row.registry_item_id,
    kind: row.kind,
    foundBy: row.found_by,
    registryStatus: row.registry_status,
    recoveryReference: row.recovery_reference,
    reportEventId: row.report_event_id,
    reportReference: row.report_reference,
    reportingAgencyPartyId: row.reporting_agency_party_id,
    alertStatus: row.alert_status,
    acknowledgedAt: iso(row.acknowledged_at),
    acknowledgedBy: row.acknowledged_by,
    createdAt: iso(row.created_at),
    createdBy: row.created_by,
  };
}

// ---------------------------------------------------------------- cases

const CASE_COLS =
  'id, reference, recovered_on::text AS recovered_on, place_locode, place_latitude, place_longitude, place_text, agency_party_id, recovery_type, ' +
  'legal_justification, criminal_context, legal_reference, notes, created_at, created_by';

/**
 * The highest number used in a year's references (REC-<year>-NNNNNN), so the next one follows it: the
 * last entry of the year in the index recovery_cases_reference_number (migration 0029), one row read
 * however many cases the year holds (the max over every case of the year read them all).
 */
export async function lastReferenceNumber(q: Queryable, year: number): Promise<number> {
  const rows = await q.query<{ n: number | null }>(
    `SELECT substring(reference FROM 10)::int AS n FROM recovery_cases
      WHERE substring(reference FROM 5 FOR 4) = $1 AND reference LIKE $2
      ORDER BY substring(reference FROM 5 FOR 4) DESC, length(reference) DESC, (reference COLLATE "C") DESC LIMIT 1`,
    [String(year), `REC-${year}-%`],
  );
  return Number(rows[0]?.n ?? 0);
}

export async function insertCases(q: Queryable, rows: readonly CaseRow[]): Promise<void> {
  if (rows.length === 0) return;
  const col = <K extends keyof CaseRow>(k: K) => rows.map((r) => r[k]);
  await q.query(
    `INSERT INTO recovery_cases (id, reference, recovered_on, place_locode, place_latitude, place_longitude, place_text, agency_party_id, recovery_type,
       legal_justification, criminal_context, legal_reference, notes, created_at, created_by)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::date[], $4::text[], $5::float8[], $6::float8[], $7::text[], $8::uuid[], $9::text[],
       $10::text[], $11::text[], $12::text[], $13::text[], $14::timestamptz[], $15::text[])`,
    [
      col('id'),
      col('reference'),
      col('recovered_on'),
      col('place_locode'),
      col('place_latitude'),
      col('place_longitude'),
      col('place_text'),
      col('agency_party_id'),
      col('recovery_type'),
      col('legal_justification'),
      col('criminal_context'),
      col('legal_reference'),
      col('notes'),
      col('created_at'),
      col('created_by'),
    ],
  );
}

export async function insertPersons(q: Queryable, rows: readonly PersonRow[]): Promise<void> {
  if (rows.length === 0) return;
  await q.query(`INSERT INTO recovery_case_persons (case_id, party_id, role) SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[]) ON CONFLICT DO NOTHING`, [
    rows.map((r) => r.case_id),
    rows.map((r) => r.party_id),
    rows.map((r) => r.role),
  ]);
}

export async function getCase(q: Queryable, id: string): Promise<CaseRow | undefined> {
  return (await q.query<CaseRow>(`SELECT ${CASE_COLS} FROM recovery_cases WHERE id = $1`, [id]))[0];
}

export async function getCaseByReference(q: Queryable, reference: string): Promise<CaseRow | undefined> {
  return (await q.query<CaseRow>(`SELECT ${CASE_COLS} FROM recovery_cases WHERE reference = $1`, [reference]))[0];
}

export async function getCases(q: Queryable, ids: readonly string[]): Promise<CaseRow[]> {
  return q.query<CaseRow>(`SELECT ${CASE_COLS} FROM recovery_cases WHERE id = ANY($1::uuid[])`, [ids]);
}

export async function listPersons(q: Queryable, caseIds: readonly string[]): Promise<PersonRow[]> {
  return q.query<PersonRow>(`SELECT case_id, party_id, role FROM recovery_case_persons WHERE case_id = ANY($1::uuid[]) ORDER BY case_id, role, party_id`, [caseIds]);
}

export interface CaseFilter {
  recoveryType?: string;
  agencyPartyId?: string;
  from?: string;
  to?: string;
  legalJustification?: string;
  criminalContext?: string;
  /** Item filters: a case is listed when one of its items matches; `matching_items` counts them. */
  kind?: string;
  itemType?: string;
  /** The item's latest domestic trace established (true) or did not establish (false: none, or not established) the illicit origin. */
  originEstablished?: boolean;
  after?: string;
  limit: number;
}

/** Newest first (UUIDv7 ids are time-ordered); keyset pages on the id. */
export async function listCases(q: Queryable, f: CaseFilter): Promise<(CaseRow & { item_count: number; matching_items: number })[]> {
  const w = new SqlFilter();
  const p = w.p;
  if (f.recoveryType) w.and(`recovery_type = ${p(f.recoveryType)}`);
  if (f.agencyPartyId) w.and(`agency_party_id = ${p(f.agencyPartyId)}`);
  if (f.from) w.and(`recovered_on >= ${p(f.from)}::date`);
  if (f.to) w.and(`recovered_on <= ${p(f.to)}::date`);
  if (f.legalJustification) w.and(`legal_justification = ${p(f.legalJustification)}`);
  if (f.criminalContext) w.and(`criminal_context = ${p(f.criminalContext)}`);
  // The same item rule as countRecovered (figures), so a figure and the list behind it agree.
  const item: string[] = [];
  if (f.kind) item.push(`i.kind = ${p(f.kind)}`);
  if (f.itemType) item.push(`i.item_type = ${p(f.itemType)}`);
  if (f.originEstablished !== undefined) {
    item.push(`COALESCE((SELECT t.illicit_origin_established FROM domestic_traces t WHERE t.recovered_item_id = i.id ORDER BY t.id DESC LIMIT 1), false) = ${p(f.originEstablished)}`);
  }
  const itemWhere = item.length ? ` AND ${item.join(' AND ')}` : '';
  if (item.length) w.and(`EXISTS (SELECT 1 FROM recovered_items i WHERE i.case_id = c.id${itemWhere})`);
  if (f.after) w.and(`id < ${p(f.after)}`);
  return q.query(
    `SELECT ${CASE_COLS}, (SELECT count(*) FROM recovered_items i WHERE i.case_id = c.id)::int8 AS item_count,
       (SELECT count(*) FROM recovered_items i WHERE i.case_id = c.id${itemWhere})::int8 AS matching_items
     FROM recovery_cases c ${w.clause} ORDER BY id DESC LIMIT ${p(f.limit + 1)}`,
    w.params,
  );
}

// ---------------------------------------------------------------- recovered items and their marks

const ITEM_COLS =
  'id, case_id, seq, kind, item_type, make, model, calibre, country_of_manufacture, nature, quantity, description, check_outcome, checked_at, ' +
  'candidate_count, registry_item_id, created_at';

export async function insertItems(q: Queryable, rows: readonly RecoveredItemRow[]): Promise<void> {
  if (rows.length === 0) return;
  const col = <K extends keyof RecoveredItemRow>(k: K) => rows.map((r) => r[k]);
  await q.query(
    `INSERT INTO recovered_items (${ITEM_COLS})
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[],
       $11::int[], $12::text[], $13::text[], $14::timestamptz[], $15::int[], $16::uuid[], $17::timestamptz[])`,
    [
      col('id'),
      col('case_id'),
      col('seq'),
      col('kind'),
      col('item_type'),
      col('make'),
      col('model'),
      col('calibre'),
      col('country_of_manufacture'),
      col('nature'),
      col('quantity'),
      col('description'),
      col('check_outcome'),
      col('checked_at'),
      col('candidate_count'),
      col('registry_item_id'),
      col('created_at'),
    ],
  );
}

const MARKING_COLS = 'id, recovered_item_id, seq, location, state, serial_as_read, serial_norm, manufacturer_name, country_of_manufacture, text_as_read';

export async function insertMarkings(q: Queryable, rows: readonly RecoveredMarkingRow[]): Promise<void> {
  if (rows.length === 0) return;
  const col = <K extends keyof RecoveredMarkingRow>(k: K) => rows.map((r) => r[k]);
  await q.query(
    `INSERT INTO recovered_item_markings (${MARKING_COLS})
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[])`,
    [
      col('id'),
      col('recovered_item_id'),
      col('seq'),
      col('location'),
      col('state'),
      col('serial_as_read'),
      col('serial_norm'),
      col('manufacturer_name'),
      col('country_of_manufacture'),
      col('text_as_read'),
    ],
  );
}

export async function getItem(q: Queryable, id: string, forUpdate = false): Promise<RecoveredItemRow | undefined> {
  return (await q.query<RecoveredItemRow>(`SELECT ${ITEM_COLS} FROM recovered_items WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]))[0];
}

export async function getItems(q: Queryable, ids: readonly string[]): Promise<RecoveredItemRow[]> {
  return q.query<RecoveredItemRow>(`SELECT ${ITEM_COLS} FROM recovered_items WHERE id = ANY($1::uuid[]) ORDER BY id`, [ids]);
}

export async function listItems(q: Queryable, caseId: string): Promise<RecoveredItemRow[]> {
  return q.query<RecoveredItemRow>(`SELECT ${ITEM_COLS} FROM recovered_items WHERE case_id = $1 ORDER BY seq`, [caseId]);
}

export async function listMarkings(q: Queryable, itemIds: readonly string[]): Promise<RecoveredMarkingRow[]> {
  return q.query<RecoveredMarkingRow>(`SELECT ${MARKING_COLS} FROM recovered_item_markings WHERE recovered_item_id = ANY($1::uuid[]) ORDER BY recovered_item_id, seq`, [itemIds]);
}

export interface CheckResult {
  id: string;
  outcome: CheckOutcome;
  checkedAt: Date;
  candidateCount: number;
  registryItemId: string | null;
}

/** Records what the automatic check (or an officer's decision) concluded, for a batch of items in one statement. */
export async function setCheckResults(q: Queryable, rows: readonly CheckResult[]): Promise<void> {
  if (rows.length === 0) return;
  await q.query(
    `UPDATE recovered_items r SET check_outcome = u.outcome, checked_at = u.checked_at, candidate_count = u.candidates, registry_item_id = u.registry_item_id
       FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::int[], $5::uuid[]) AS u(id, outcome, checked_at, candidates, registry_item_id)
      WHERE r.id = u.id`,
    [rows.map((r) => r.id), rows.map((r) => r.outcome), rows.map((r) => r.checkedAt), rows.map((r) => r.candidateCount), rows.map((r) => r.registryItemId)],
  );
}

// ---------------------------------------------------------------- candidates and matches

const CANDIDATE_COLS = 'recovered_item_id, registry_item_id, rank, score, serial_number, make, model, calibre, registry_status';

export async function insertCandidates(q: Queryable, rows: readonly CandidateRow[]): Promise<void> {
  if (rows.length === 0) return;
  const col = <K extends keyof CandidateRow>(k: K) => rows.map((r) => r[k]);
  await q.query(
    `INSERT INTO recovery_candidates (${CANDIDATE_COLS})
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::float8[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[]) ON CONFLICT DO NOTHING`,
    [col('recovered_item_id'), col('registry_item_id'), col('rank'), col('score'), col('serial_number'), col('make'), col('model'), col('calibre'), col('registry_status')],
  );
}

export async function listCandidates(q: Queryable, itemIds: readonly string[]): Promise<CandidateRow[]> {
  return q.query<CandidateRow>(
    `SELECT ${CANDIDATE_COLS} FROM recovery_candidates WHERE recovered_item_id = ANY($1::uuid[]) ORDER BY recovered_item_id, rank`,
    [itemIds],
  );
}

const MATCH_COLS =
  'id, recovered_item_id, registry_item_id, kind, found_by, registry_status, recovery_reference, report_event_id, report_reference, ' +
  'reporting_agency_party_id, alert_status, acknowledged_at, acknowledged_by, created_at, created_by';

export async function insertMatches(q: Queryable, rows: readonly MatchRow[]): Promise<void> {
  if (rows.length === 0) return;
  const col = <K extends keyof MatchRow>(k: K) => rows.map((r) => r[k]);
  await q.query(
    `INSERT INTO recovery_matches (${MATCH_COLS})
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::uuid[], $9::text[], $10::uuid[],
                          $11::text[], $12::timestamptz[], $13::text[], $14::timestamptz[], $15::text[])`,
    [
      col('id'),
      col('recovered_item_id'),
      col('registry_item_id'),
      col('kind'),
      col('found_by'),
      col('registry_status'),
      col('recovery_reference'),
      col('report_event_id'),
      col('report_reference'),
      col('reporting_agency_party_id'),
      col('alert_status'),
      col('acknowledged_at'),
      col('acknowledged_by'),
      col('created_at'),
      col('created_by'),
    ],
  );
}

export async function getMatch(q: Queryable, id: string, forUpdate = false): Promise<MatchRow | undefined> {
  return (await q.query<MatchRow>(`SELECT ${MATCH_COLS} FROM recovery_matches WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]))[0];
}

export async function getMatches(q: Queryable, ids: readonly string[]): Promise<MatchRow[]> {
  return q.query<MatchRow>(`SELECT ${MATCH_COLS} FROM recovery_matches WHERE id = ANY($1::uuid[])`, [ids]);
}

export async function listMatchesForItems(q: Queryable, itemIds: readonly string[]): Promise<MatchRow[]> {
  return q.query<MatchRow>(`SELECT ${MATCH_COLS} FROM recovery_matches WHERE recovered_item_id = ANY($1::uuid[])`, [itemIds]);
}

export async function acknowledgeMatch(q: Queryable, id: string, at: Date, by: string): Promise<void> {
  await q.query(`UPDATE recovery_matches SET alert_status = 'acknowledged', acknowledged_at = $2, acknowledged_by = $3 WHERE id = $1`, [id, at, by]);
}

export interface HitRow extends MatchRow {
  case_id: string;
  recovered_on: string;
  item_kind: ItemKind;
  item_type: string | null;
  make: string | null;
  model: string | null;
  calibre: string | null;
}

export interface HitFilter {
  agencyPartyId?: string;
  alertStatus?: string;
  after?: string;
  limit: number;
}

/** Lost/stolen hits (the alerts), newest first. */
export async function listHits(q: Queryable, f: HitFilter): Promise<HitRow[]> {
  const w = new SqlFilter();
  const p = w.p;
  w.and(`m.kind = 'lost_stolen_hit'`);
  if (f.agencyPartyId) w.and(`m.reporting_agency_party_id = ${p(f.agencyPartyId)}`);
  if (f.alertStatus) w.and(`m.alert_status = ${p(f.alertStatus)}`);
  if (f.after) w.and(`m.id < ${p(f.after)}`);
  const cols = MATCH_COLS.split(', ')
    .map((c) => `m.${c}`)
    .join(', ');
  return q.query<HitRow>(
    `SELECT ${cols}, i.case_id, c.recovered_on::text AS recovered_on, i.kind AS item_kind, i.item_type, i.make, i.model, i.calibre
     FROM recovery_matches m JOIN recovered_items i ON i.id = m.recovered_item_id JOIN recovery_cases c ON c.id = i.case_id
     ${w.clause} ORDER BY m.id DESC LIMIT ${p(f.limit + 1)}`,
    w.params,
  );
}

/** Alerts counted per reporting agency and status (the dashboard). */
export async function countHits(q: Queryable): Promise<{ agency_party_id: string | null; alert_status: string; count: number }[]> {
  return q.query(
    `SELECT reporting_agency_party_id AS agency_party_id, alert_status, count(*)::int8 AS count FROM recovery_matches
     WHERE kind = 'lost_stolen_hit' GROUP BY reporting_agency_party_id, alert_status ORDER BY reporting_agency_party_id NULLS LAST, alert_status`,
  );
}

// ---------------------------------------------------------------- audited entities

export const AUDITED_RECOVERY_CASE = defineAuditedEntity({
  entity: 'recovery_case',
  async load(db, ids) {
    const [cases, persons] = await Promise.all([getCases(db, ids), listPersons(db, ids)]);
    return new Map(cases.map((c) => [c.id, caseState(c, persons.filter((p) => p.case_id === c.id))]));
  },
});

export const AUDITED_RECOVERED_ITEM = defineAuditedEntity({
  entity: 'recovered_item',
  async load(db, ids) {
    const [items, markings] = await Promise.all([getItems(db, ids), listMarkings(db, ids)]);
    return new Map(items.map((i) => [i.id, recoveredItemState(i, markings.filter((m) => m.recovered_item_id === i.id))]));
  },
});

export const AUDITED_RECOVERY_MATCH = defineAuditedEntity({
  entity: 'recovery_match',
  async load(db, ids) {
    return new Map((await getMatches(db, ids)).map((m) => [m.id, matchState(m)]));
  },
});

// ---------------------------------------------------------------- domestic traces

export interface TraceRow {
  id: string;
  reference: string;
  recovered_item_id: string;
  registry_item_id: string;
  origin_kind: 'manufactured' | 'imported' | 'unknown';
  origin_event_id: string | null;
  origin_country: string | null;
  last_legal_event_id: string | null;
  last_legal_holder_party_id: string | null;
  diversion_from: Date | null;
  diversion_to: Date;
  diversion_basis: 'lost_stolen_report' | 'recovery';
  diversion_place: string | null;
  report_event_id: string | null;
  ends_abroad: boolean;
  request_country: string | null;
  illicit_origin_established: boolean;
  findings: { chain: string[]; authorizations: { eventId: string; kind: string; ref: string | null; licenceId: string | null }[]; originPartyId: string | null };
  created_at: Date;
  created_by: string;
}

const TRACE_COLS =
  'id, reference, recovered_item_id, registry_item_id, origin_kind, origin_event_id, origin_country, last_legal_event_id, last_legal_holder_party_id, ' +
  'diversion_from, diversion_to, diversion_basis, diversion_place, report_event_id, ends_abroad, request_country, illicit_origin_established, findings, created_at, created_by';

export function traceState(row: TraceRow) {
  return {
    id: row.id,
    reference: row.reference,
    recoveredItemId: row.recovered_item_id,
    registryItemId: row.registry_item_id,
    originKind: row.origin_kind,
    originEventId: row.origin_event_id,
    originCountry: row.origin_country,
    lastLegalEventId: row.last_legal_event_id,
    lastLegalHolderPartyId: row.last_legal_holder_party_id,
    diversionFrom: iso(row.diversion_from),
    diversionTo: iso(row.diversion_to),
    diversionBasis: row.diversion_basis,
    diversionPlace: row.diversion_place,
    reportEventId: row.report_event_id,
    endsAbroad: row.ends_abroad,
    requestCountry: row.request_country,
    illicitOriginEstablished: row.illicit_origin_established,
    findings: row.findings,
    createdAt: iso(row.created_at),
    createdBy: row.created_by,
  };
}

export async function lastTraceNumber(q: Queryable, year: number): Promise<number> {
  const rows = await q.query<{ n: number | null }>(`SELECT max(substring(reference FROM 10)::int) AS n FROM domestic_traces WHERE reference LIKE $1`, [`TRC-${year}-%`]);
  return Number(rows[0]?.n ?? 0);
}

export async function insertTrace(q: Queryable, r: TraceRow): Promise<void> {
  await q.query(
    `INSERT INTO domestic_traces (${TRACE_COLS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18::jsonb, $19, $20)`,
    [
      r.id,
      r.reference,
      r.recovered_item_id,
      r.registry_item_id,
      r.origin_kind,
      r.origin_event_id,
      r.origin_country,
      r.last_legal_event_id,
      r.last_legal_holder_party_id,
      r.diversion_from,
      r.diversion_to,
      r.diversion_basis,
      r.diversion_place,
      r.report_event_id,
      r.ends_abroad,
      r.request_country,
      r.illicit_origin_established,
      JSON.stringify(r.findings),
      r.created_at,
      r.created_by,
    ],
  );
}

export async function getTraces(q: Queryable, ids: readonly string[]): Promise<TraceRow[]> {
  return q.query<TraceRow>(`SELECT ${TRACE_COLS} FROM domestic_traces WHERE id = ANY($1::uuid[])`, [ids]);
}

export async function listTracesForItems(q: Queryable, itemIds: readonly string[]): Promise<TraceRow[]> {
  return q.query<TraceRow>(`SELECT ${TRACE_COLS} FROM domestic_traces WHERE recovered_item_id = ANY($1::uuid[]) ORDER BY id`, [itemIds]);
}

export const AUDITED_DOMESTIC_TRACE = defineAuditedEntity({
  entity: 'domestic_trace',
  async load(db, ids) {
    return new Map((await getTraces(db, ids)).map((t) => [t.id, traceState(t)]));
  },
});

// ---------------------------------------------------------------- international tracing requests

export interface RequestRow {
  id: string;
  direction: 'outgoing' | 'incoming';
  reference: string;
  counterpart_state: string;
  counterpart_reference: string | null;
  recovered_item_id: string | null;
  trace_id: string | null;
  status: RequestStatus;
  status_reason: string | null;
  priority: 'routine' | 'urgent';
  request_body: Record<string, unknown>;
  caveats: { code: string; text?: string | null }[];
  response_due_on: string | null;
  request_document: string | null;
  request_envelope_id: string | null;
  sender_key_fingerprint: string | null;
  response_body: Record<string, unknown> | null;
  response_document: string | null;
  sent_at: Date | null;
  acknowledged_at: Date | null;
  responded_at: Date | null;
  closed_at: Date | null;
  created_at: Date;
  created_by: string;
  updated_at: Date;
}

const REQUEST_COLS =
  'id, direction, reference, counterpart_state, counterpart_reference, recovered_item_id, trace_id, status, status_reason, priority, request_body, caveats, ' +
  'response_due_on::text AS response_due_on, request_document, request_envelope_id, sender_key_fingerprint, response_body, response_document, sent_at, acknowledged_at, ' +
  'responded_at, closed_at, created_at, created_by, updated_at';

export function requestState(r: RequestRow) {
  return {
    id: r.id,
    direction: r.direction,
    reference: r.reference,
    counterpartState: r.counterpart_state,
    counterpartReference: r.counterpart_reference,
    recoveredItemId: r.recovered_item_id,
    traceId: r.trace_id,
    status: r.status,
    statusReason: r.status_reason,
    priority: r.priority,
    requestBody: r.request_body,
    caveats: r.caveats,
    responseDueOn: r.response_due_on,
    requestDocument: r.request_document,
    requestEnvelopeId: r.request_envelope_id,
    senderKeyFingerprint: r.sender_key_fingerprint,
    responseBody: r.response_body,
    responseDocument: r.response_document,
    sentAt: iso(r.sent_at),
    acknowledgedAt: iso(r.acknowledged_at),
    respondedAt: iso(r.responded_at),
    closedAt: iso(r.closed_at),
    createdAt: iso(r.created_at),
    createdBy: r.created_by,
    updatedAt: iso(r.updated_at),
  };
}

export async function lastRequestNumber(q: Queryable, year: number): Promise<number> {
  const rows = await q.query<{ n: number | null }>(`SELECT max(substring(reference FROM 10)::int) AS n FROM tracing_requests WHERE reference LIKE $1`, [`TRQ-${year}-%`]);
  return Number(rows[0]?.n ?? 0);
}

/** Inserts or rewrites a request row whole (every change is audited with the row's full state). */
export async function saveRequest(q: Queryable, r: RequestRow): Promise<void> {
  await q.query(
    `INSERT INTO tracing_requests (id, direction, reference, counterpart_state, counterpart_reference, recovered_item_id, trace_id, status, status_reason, priority,
       request_body, caveats, response_due_on, request_document, request_envelope_id, sender_key_fingerprint, response_body, response_document, sent_at,
       acknowledged_at, responded_at, closed_at, created_at, created_by, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, $12::jsonb, $13::date, $14, $15, $16, $17::jsonb, $18, $19, $20, $21, $22, $23, $24, $25)
     ON CONFLICT (id) DO UPDATE SET counterpart_reference = EXCLUDED.counterpart_reference, status = EXCLUDED.status, status_reason = EXCLUDED.status_reason,
       request_body = EXCLUDED.request_body, caveats = EXCLUDED.caveats, response_due_on = EXCLUDED.response_due_on, request_document = EXCLUDED.request_document,
       request_envelope_id = EXCLUDED.request_envelope_id, response_body = EXCLUDED.response_body, response_document = EXCLUDED.response_document,
       sent_at = EXCLUDED.sent_at, acknowledged_at = EXCLUDED.acknowledged_at, responded_at = EXCLUDED.responded_at, closed_at = EXCLUDED.closed_at,
       updated_at = EXCLUDED.updated_at`,
    [
      r.id,
      r.direction,
      r.reference,
      r.counterpart_state,
      r.counterpart_reference,
      r.recovered_item_id,
      r.trace_id,
      r.status,
      r.status_reason,
      r.priority,
      JSON.stringify(r.request_body),
      JSON.stringify(r.caveats),
      r.response_due_on,
      r.request_document,
      r.request_envelope_id,
      r.sender_key_fingerprint,
      r.response_body === null ? null : JSON.stringify(r.response_body),
      r.response_document,
      r.sent_at,
      r.acknowledged_at,
      r.responded_at,
      r.closed_at,
      r.created_at,
      r.created_by,
      r.updated_at,
    ],
  );
}

export async function getRequest(q: Queryable, id: string, forUpdate = false): Promise<RequestRow | undefined> {
  return (await q.query<RequestRow>(`SELECT ${REQUEST_COLS} FROM tracing_requests WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]))[0];
}

export async function getRequests(q: Queryable, ids: readonly string[]): Promise<RequestRow[]> {
  return q.query<RequestRow>(`SELECT ${REQUEST_COLS} FROM tracing_requests WHERE id = ANY($1::uuid[])`, [ids]);
}

/** The request whose envelope from (incoming) or to (outgoing) `state` had this id. */
export async function findByEnvelope(q: Queryable, direction: 'incoming' | 'outgoing', state: string, envelopeId: string, forUpdate = false): Promise<RequestRow | undefined> {
  return (
    await q.query<RequestRow>(
      `SELECT ${REQUEST_COLS} FROM tracing_requests WHERE direction = $1 AND counterpart_state = $2 AND request_envelope_id = $3${forUpdate ? ' FOR UPDATE' : ''}`,
      [direction, state, envelopeId],
    )
  )[0];
}

export interface RequestFilter {
  direction?: string;
  status?: string;
  /** Only requests still awaiting an answer whose due date is before this day. */
  overdueOn?: string;
  /** Only requests still awaiting an answer due on or before this day (the reminder list). */
  remindUntil?: string;
  /** Made on or after / on or before these days (as countRequests counts them). */
  from?: string;
  to?: string;
  after?: string;
  limit: number;
}

export async function listRequests(q: Queryable, f: RequestFilter): Promise<RequestRow[]> {
  const w = new SqlFilter();
  const p = w.p;
  if (f.direction) w.and(`direction = ${p(f.direction)}`);
  if (f.status) w.and(`status = ${p(f.status)}`);
  if (f.overdueOn) w.and(`status IN (${AWAITING_SQL}) AND response_due_on < ${p(f.overdueOn)}::date`);
  if (f.remindUntil) w.and(`status IN (${AWAITING_SQL}) AND response_due_on <= ${p(f.remindUntil)}::date`);
  if (f.from) w.and(`created_at >= ${p(f.from)}::date`);
  if (f.to) w.and(`created_at < (${p(f.to)}::date + 1)`);
  if (f.after) w.and(`id < ${p(f.after)}`);
  return q.query<RequestRow>(`SELECT ${REQUEST_COLS} FROM tracing_requests ${w.clause} ORDER BY id DESC LIMIT ${p(f.limit + 1)}`, w.params);
}

/** Statuses an answer is still awaited in (request-model.ts AWAITING). */
const AWAITING_SQL = "'received', 'sent', 'acknowledged', 'in_progress', 'delayed'";

/** Requests awaiting an answer due on or before `until`, earliest deadline first (the reminders). */
export async function listReminders(q: Queryable, f: { until: string; direction?: string; limit: number }): Promise<RequestRow[]> {
  return q.query<RequestRow>(
    `SELECT ${REQUEST_COLS} FROM tracing_requests WHERE status IN (${AWAITING_SQL}) AND response_due_on <= $1::date AND ($2::text IS NULL OR direction = $2)
     ORDER BY response_due_on, id LIMIT $3`,
    [f.until, f.direction ?? null, f.limit],
  );
}

/** How many of the reminders are overdue (before `today`), due (on it) and approaching (after it, up to `until`). */
export async function countReminders(q: Queryable, f: { today: string; until: string; direction?: string }): Promise<{ approaching: number; due: number; overdue: number }> {
  const [r] = await q.query<{ approaching: number | string; due: number | string; overdue: number | string }>(
    `SELECT count(*) FILTER (WHERE response_due_on < $1::date) AS overdue, count(*) FILTER (WHERE response_due_on = $1::date) AS due,
            count(*) FILTER (WHERE response_due_on > $1::date) AS approaching
       FROM tracing_requests WHERE status IN (${AWAITING_SQL}) AND response_due_on <= $2::date AND ($3::text IS NULL OR direction = $3)`,
    [f.today, f.until, f.direction ?? null],
  );
  return { approaching: Number(r.approaching), due: Number(r.due), overdue: Number(r.overdue) };
}

export const AUDITED_TRACING_REQUEST = defineAuditedEntity({
  entity: 'tracing_request',
  async load(db, ids) {
    return new Map((await getRequests(db, ids)).map((r) => [r.id, requestState(r)]));
  },
});

// ---------------------------------------------------------------- disposals

export interface DisposalRow {
  id: string;
  certificate_number: string;
  kind: 'destruction' | 'deactivation' | 'other';
  registry_item_id: string;
  recovered_item_id: string | null;
  disposed_on: string;
  place: string;
  method: string;
  witnesses: string[];
  standard_applied: string | null;
  verifying_authority: string | null;
  essential_parts: string[] | null;
  deactivation_mark: string | null;
  authorization_ref: string | null;
  authorizing_body: string | null;
  recipient_party_id: string | null;
  identifying_marking: string | null;
  item_snapshot: CertificateContent['item'];
  content_hash: string;
  certificate_token: string;
  created_at: Date;
  created_by: string;
}

const DISPOSAL_COLS =
  'id, certificate_number, kind, registry_item_id, recovered_item_id, disposed_on::text AS disposed_on, place, method, witnesses, standard_applied, verifying_authority, ' +
  'essential_parts, deactivation_mark, authorization_ref, authorizing_body, recipient_party_id, identifying_marking, item_snapshot, content_hash, certificate_token, created_at, created_by';

export function disposalState(r: DisposalRow) {
  return {
    id: r.id,
    certificateNumber: r.certificate_number,
    kind: r.kind,
    registryItemId: r.registry_item_id,
    recoveredItemId: r.recovered_item_id,
    disposedOn: r.disposed_on,
    place: r.place,
    method: r.method,
    witnesses: r.witnesses,
    standardApplied: r.standard_applied,
    verifyingAuthority: r.verifying_authority,
    essentialParts: r.essential_parts,
    deactivationMark: r.deactivation_mark,
    authorizationRef: r.authorization_ref,
    authorizingBody: r.authorizing_body,
    recipientPartyId: r.recipient_party_id,
    identifyingMarking: r.identifying_marking,
    itemSnapshot: r.item_snapshot,
    contentHash: r.content_hash,
    certificateToken: r.certificate_token,
    createdAt: iso(r.created_at),
    createdBy: r.created_by,
  };
}

export async function lastCertificateNumber(q: Queryable, prefix: string, year: number): Promise<number> {
  const rows = await q.query<{ n: number | null }>(`SELECT max(substring(certificate_number FROM 10)::int) AS n FROM disposals WHERE certificate_number LIKE $1`, [`${prefix}-${year}-%`]);
  return Number(rows[0]?.n ?? 0);
}

export async function insertDisposal(q: Queryable, r: DisposalRow): Promise<void> {
  await q.query(
    `INSERT INTO disposals (id, certificate_number, kind, registry_item_id, recovered_item_id, disposed_on, place, method, witnesses, standard_applied, verifying_authority,
       essential_parts, deactivation_mark, authorization_ref, authorizing_body, recipient_party_id, identifying_marking, item_snapshot, content_hash, certificate_token, created_at, created_by)
     VALUES ($1, $2, $3, $4, $5, $6::date, $7, $8, $9::text[], $10, $11, $12::text[], $13, $14, $15, $16, $17, $18::jsonb, $19, $20, $21, $22)`,
    [
      r.id,
      r.certificate_number,
      r.kind,
      r.registry_item_id,
      r.recovered_item_id,
      r.disposed_on,
      r.place,
      r.method,
      r.witnesses,
      r.standard_applied,
      r.verifying_authority,
      r.essential_parts,
      r.deactivation_mark,
      r.authorization_ref,
      r.authorizing_body,
      r.recipient_party_id,
      r.identifying_marking,
      JSON.stringify(r.item_snapshot),
      r.content_hash,
      r.certificate_token,
      r.created_at,
      r.created_by,
    ],
  );
}

export async function getDisposals(q: Queryable, ids: readonly string[]): Promise<DisposalRow[]> {
  return q.query<DisposalRow>(`SELECT ${DISPOSAL_COLS} FROM disposals WHERE id = ANY($1::uuid[])`, [ids]);
}

export async function getDisposalByNumber(q: Queryable, number: string): Promise<DisposalRow | undefined> {
  return (await q.query<DisposalRow>(`SELECT ${DISPOSAL_COLS} FROM disposals WHERE certificate_number = $1`, [number]))[0];
}

export interface DisposalFilter {
  kind?: string;
  from?: string;
  to?: string;
  after?: string;
  limit: number;
}

/** Newest first (UUIDv7 ids are time-ordered); keyset pages on the id. */
export async function listDisposals(q: Queryable, f: DisposalFilter): Promise<DisposalRow[]> {
  const w = new SqlFilter();
  const p = w.p;
  if (f.kind) w.and(`kind = ${p(f.kind)}`);
  if (f.from) w.and(`disposed_on >= ${p(f.from)}::date`);
  if (f.to) w.and(`disposed_on <= ${p(f.to)}::date`);
  if (f.after) w.and(`id < ${p(f.after)}`);
  return q.query<DisposalRow>(`SELECT ${DISPOSAL_COLS} FROM disposals ${w.clause} ORDER BY id DESC LIMIT ${p(f.limit + 1)}`, w.params);
}

export async function listDisposalsForItem(q: Queryable, registryItemId: string): Promise<DisposalRow[]> {
  return q.query<DisposalRow>(`SELECT ${DISPOSAL_COLS} FROM disposals WHERE registry_item_id = $1 ORDER BY id`, [registryItemId]);
}

export const AUDITED_DISPOSAL = defineAuditedEntity({
  entity: 'disposal',
  async load(db, ids) {
    return new Map((await getDisposals(db, ids)).map((d) => [d.id, disposalState(d)]));
  },
});

// ---------------------------------------------------------------- figures (SDG 16.4.2, UNODC IAFQ)

export interface FigureRow {
  recovery_type: string;
  kind: string;
  item_type: string | null;
  legal_justification: string;
  criminal_context: string;
  items: number;
  quantity: number;
  established: number;
}

/**
 * Recovered items of a period, counted by weapon type, recovery type, legal justification and criminal
 * context; `established` counts those whose latest domestic trace established the illicit origin.
 */
export async function countRecovered(q: Queryable, from: string, to: string): Promise<FigureRow[]> {
  return q.query<FigureRow>(
    `SELECT c.recovery_type, i.kind, i.item_type, c.legal_justification, c.criminal_context, count(*)::int8 AS items, sum(i.quantity)::int8 AS quantity,
       count(*) FILTER (WHERE (SELECT t.illicit_origin_established FROM domestic_traces t WHERE t.recovered_item_id = i.id ORDER BY t.id DESC LIMIT 1))::int8 AS established
     FROM recovered_items i JOIN recovery_cases c ON c.id = i.case_id
     WHERE c.recovered_on BETWEEN $1::date AND $2::date
     GROUP BY c.recovery_type, i.kind, i.item_type, c.legal_justification, c.criminal_context
     ORDER BY c.recovery_type, i.kind, i.item_type, c.legal_justification, c.criminal_context`,
    [from, to],
  );
}

/** Tracing requests made in a period, by direction and status. */
export async function countRequests(q: Queryable, from: string, to: string): Promise<{ direction: string; status: string; count: number }[]> {
  return q.query(
    `SELECT direction, status, count(*)::int8 AS count FROM tracing_requests
     WHERE created_at >= $1::date AND created_at < ($2::date + 1) GROUP BY direction, status ORDER BY direction, status`,
    [from, to],
  );
}

// ---------------------------------------------------------------- records behind the figures (reporting)

export interface RecordRow {
  case_reference: string;
  seq: number;
  recovered_on: string;
  place_locode: string | null;
  place_text: string | null;
  recovery_type: string;
  legal_justification: string;
  criminal_context: string;
  kind: string;
  item_type: string | null;
  nature: string | null;
  country_of_manufacture: string | null;
  quantity: number;
  marking_defaced: boolean;
  established: boolean;
}

/**
 * Every item recovered in a period with the facts the figures count (the same period, the same latest-trace
 * rule as countRecovered), so a report lists the records behind each number.
 */
export async function listRecoveredForFigures(q: Queryable, from: string, to: string): Promise<RecordRow[]> {
  return q.query<RecordRow>(
    `SELECT c.reference AS case_reference, i.seq, c.recovered_on, c.place_locode, c.place_text, c.recovery_type, c.legal_justification, c.criminal_context,
            i.kind, i.item_type, i.nature, i.country_of_manufacture, i.quantity::int8 AS quantity,
            EXISTS (SELECT 1 FROM recovered_item_markings m WHERE m.recovered_item_id = i.id AND m.state IN ('obliterated', 'altered', 'removed', 'falsified')) AS marking_defaced,
            COALESCE((SELECT t.illicit_origin_established FROM domestic_traces t WHERE t.recovered_item_id = i.id ORDER BY t.id DESC LIMIT 1), false) AS established
     FROM recovered_items i JOIN recovery_cases c ON c.id = i.case_id
     WHERE c.recovered_on BETWEEN $1::date AND $2::date
     ORDER BY c.recovered_on, c.reference, i.seq`,
    [from, to],
  );
}

/** Tracing requests made in a period (as countRequests counts them), with when they were answered. */
export async function listRequestsForFigures(q: Queryable, from: string, to: string): Promise<{ reference: string; direction: string; status: string; counterpart_state: string; created_at: Date; responded_at: Date | null }[]> {
  return q.query(
    `SELECT reference, direction, status, counterpart_state, created_at, responded_at FROM tracing_requests
     WHERE created_at >= $1::date AND created_at < ($2::date + 1) ORDER BY created_at, reference`,
    [from, to],
  );
}

/** Disposals made in a period, with the facts Protocol Arts 6 and 9 ask of them. */
export async function listDisposalsForFigures(q: Queryable, from: string, to: string): Promise<{ certificate_number: string; kind: string; disposed_on: string; witnesses: number; verified: boolean; marked: boolean; from_recovery: boolean }[]> {
  return q.query(
    `SELECT certificate_number, kind, disposed_on, cardinality(witnesses) AS witnesses,
            (verifying_authority IS NOT NULL AND verifying_authority <> '') AS verified,
            (COALESCE(deactivation_mark, '') <> '' OR COALESCE(identifying_marking, '') <> '') AS marked,
            recovered_item_id IS NOT NULL AS from_recovery
     FROM disposals WHERE disposed_on BETWEEN $1::date AND $2::date ORDER BY disposed_on, certificate_number`,
    [from, to],
  );
}
