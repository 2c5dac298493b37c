import type { Queryable, Tx } from '../platform/db/types.ts';
import type { HistoricalRow, HistoryMapping, HistorySource } from './history.ts';
import type { Basis, BrokerEvidence, HistoricalFact, CategoryMapping, ItemEvidence, LicenceEvidence, ChartLine, DualUseTier, MappingKey, MappingValue, OverrideFact, RefusalFact, ReportKind, TransferGroup, WithholdReason } from './model.ts';

/**
 * SQL for the reporting tables. Licensing's records are read only through the views of migration
 * 0016 (reporting_authorised_lines, reporting_refusals, reporting_denial_overrides; licensing's read
 * contract for reporting) and, for the aggregates, through their typed projection
 * reporting_transfer_lines (migration 0017), appended by refreshTransferLines.
 */

// ---------------------------------------------------------------------------------------------
// Category mappings.

export interface MappingRow {
  id: string;
  control_entry: string;
  item_type: string;
  firearm_type: string;
  unroca_category: string | null;
  wassenaar_category: string | null;
  dual_use_tier: DualUseTier | null;
  reportable: boolean;
  version: number;
  source: 'reference' | 'officer';
  reason: string;
  created_at: Date;
  created_by: string;
  superseded_at: Date | null;
  superseded_by: string | null;
}

const MAPPING_COLUMNS =
  'id, control_entry, item_type, firearm_type, unroca_category, wassenaar_category, dual_use_tier, reportable, version, source, reason, created_at, created_by, superseded_at, superseded_by';

export function mappingFromRow(r: MappingRow): CategoryMapping {
  return {
    id: r.id,
    controlEntry: r.control_entry,
    itemType: r.item_type,
    firearmType: r.firearm_type,
    unrocaCategory: r.unroca_category,
    wassenaarCategory: r.wassenaar_category,
    dualUseTier: r.dual_use_tier,
    reportable: r.reportable,
    version: Number(r.version),
    source: r.source,
    reason: r.reason,
    createdAt: r.created_at,
    createdBy: r.created_by,
    supersededAt: r.superseded_at,
    supersededBy: r.superseded_by,
  };
}

/** The audited state of a mapping row (what `audit verify` re-reads). */
export function mappingState(r: MappingRow) {
  const m = mappingFromRow(r);
  return { ...m, createdAt: m.createdAt.toISOString(), supersededAt: m.supersededAt?.toISOString() ?? null };
}

export async function countMappings(q: Queryable): Promise<number> {
  const [row] = await q.query<{ n: number | string }>('SELECT count(*) AS n FROM reporting_category_mappings');
  return Number(row.n);
}

/** Held to the end of the transaction: two first transactions seed the reference mappings once. */
export async function lockMappings(tx: Tx): Promise<void> {
  await tx.exec('LOCK TABLE reporting_category_mappings IN SHARE ROW EXCLUSIVE MODE');
}

export async function listCurrentMappings(q: Queryable): Promise<MappingRow[]> {
  return q.query<MappingRow>(
    `SELECT ${MAPPING_COLUMNS} FROM reporting_category_mappings WHERE superseded_at IS NULL ORDER BY control_entry, item_type, firearm_type`,
  );
}

export async function listMappingHistory(q: Queryable, key: MappingKey): Promise<MappingRow[]> {
  return q.query<MappingRow>(
    `SELECT ${MAPPING_COLUMNS} FROM reporting_category_mappings
     WHERE control_entry = $1 AND item_type = $2 AND firearm_type = $3 ORDER BY version`,
    [key.controlEntry, key.itemType, key.firearmType],
  );
}

export async function currentMappingForUpdate(q: Queryable, key: MappingKey): Promise<MappingRow | undefined> {
  const [row] = await q.query<MappingRow>(
    `SELECT ${MAPPING_COLUMNS} FROM reporting_category_mappings
     WHERE control_entry = $1 AND item_type = $2 AND firearm_type = $3 AND superseded_at IS NULL FOR UPDATE`,
    [key.controlEntry, key.itemType, key.firearmType],
  );
  return row;
}

export async function insertMappings(
  q: Queryable,
  rows: readonly (MappingKey & MappingValue & { id: string; version: number; source: 'reference' | 'officer'; reason: string; createdAt: Date; createdBy: string })[],
): Promise<MappingRow[]> {
  if (!rows.length) return [];
  return q.query<MappingRow>(
    `INSERT INTO reporting_category_mappings
       (id, control_entry, item_type, firearm_type, unroca_category, wassenaar_category, dual_use_tier, reportable, version, source, reason, created_at, created_by)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::boolean[], $9::int[], $10::text[], $11::text[], $12::timestamptz[], $13::text[])
     RETURNING ${MAPPING_COLUMNS}`,
    [
      rows.map((r) => r.id),
      rows.map((r) => r.controlEntry),
      rows.map((r) => r.itemType),
      rows.map((r) => r.firearmType),
      rows.map((r) => r.unrocaCategory),
      rows.map((r) => r.wassenaarCategory),
      rows.map((r) => r.dualUseTier),
      rows.map((r) => r.reportable),
      rows.map((r) => r.version),
      rows.map((r) => r.source),
      rows.map((r) => r.reason),
      rows.map((r) => r.createdAt.toISOString()),
      rows.map((r) => r.createdBy),
    ],
  );
}

export async function supersedeMapping(q: Queryable, id: string, at: Date, by: string): Promise<MappingRow> {
  const [row] = await q.query<MappingRow>(
    `UPDATE reporting_category_mappings SET superseded_at = $2, superseded_by = $3 WHERE id = $1 RETURNING ${MAPPING_COLUMNS}`,
    [id, at.toISOString(), by],
  );
  return row;
}

export async function loadMappingsByIds(q: Queryable, ids: readonly string[]): Promise<MappingRow[]> {
  return q.query<MappingRow>(`SELECT ${MAPPING_COLUMNS} FROM reporting_category_mappings WHERE id = ANY($1::uuid[])`, [ids]);
}

// ---------------------------------------------------------------------------------------------
// Withheld licence lines (ATT Art. 13(3)).

export interface WithheldRow {
  id: string;
  licence_id: string;
  line_no: number;
  reason: WithholdReason;
  note: string | null;
  marked_at: Date;
  marked_by: string;
  released_at: Date | null;
  released_by: string | null;
  released_reason: string | null;
}

const WITHHELD_COLUMNS = 'id, licence_id, line_no, reason, note, marked_at, marked_by, released_at, released_by, released_reason';

export function withheldState(r: WithheldRow) {
  return {
    id: r.id,
    licenceId: r.licence_id,
    lineNo: Number(r.line_no),
    reason: r.reason,
    note: r.note,
    markedAt: r.marked_at.toISOString(),
    markedBy: r.marked_by,
    releasedAt: r.released_at?.toISOString() ?? null,
    releasedBy: r.released_by,
    releasedReason: r.released_reason,
  };
}

/** The licence lines (number, line) of a licence, read through the reporting view. */
export async function licenceLines(q: Queryable, licenceNumber: string): Promise<{ licence_id: string; line_no: number; licence_kind: string }[]> {
  return q.query(`SELECT licence_id, line_no, licence_kind FROM reporting_authorised_lines WHERE licence_number = $1 ORDER BY line_no`, [licenceNumber]);
}

export async function currentWithheldForUpdate(q: Queryable, licenceId: string, lineNo: number): Promise<WithheldRow | undefined> {
  const [row] = await q.query<WithheldRow>(
    `SELECT ${WITHHELD_COLUMNS} FROM reporting_withheld_lines WHERE licence_id = $1 AND line_no = $2 AND released_at IS NULL FOR UPDATE`,
    [licenceId, lineNo],
  );
  return row;
}

export async function insertWithheld(q: Queryable, w: { id: string; licenceId: string; lineNo: number; reason: WithholdReason; note: string | null; markedAt: Date; markedBy: string }): Promise<WithheldRow> {
  const [row] = await q.query<WithheldRow>(
    `INSERT INTO reporting_withheld_lines (id, licence_id, line_no, reason, note, marked_at, marked_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${WITHHELD_COLUMNS}`,
    [w.id, w.licenceId, w.lineNo, w.reason, w.note, w.markedAt.toISOString(), w.markedBy],
  );
  return row;
}

export async function releaseWithheld(q: Queryable, id: string, at: Date, by: string, reason: string): Promise<WithheldRow> {
  const [row] = await q.query<WithheldRow>(
    `UPDATE reporting_withheld_lines SET released_at = $2, released_by = $3, released_reason = $4 WHERE id = $1 RETURNING ${WITHHELD_COLUMNS}`,
    [id, at.toISOString(), by, reason],
  );
  return row;
}

export async function listWithheld(q: Queryable): Promise<(WithheldRow & { licence_number: string })[]> {
  return q.query(
    `SELECT w.id, w.licence_id, w.line_no, w.reason, w.note, w.marked_at, w.marked_by, w.released_at, w.released_by, w.released_reason, a.licence_number
     FROM reporting_withheld_lines w JOIN reporting_authorised_lines a ON a.licence_id = w.licence_id AND a.line_no = w.line_no
     WHERE w.released_at IS NULL ORDER BY a.licence_number, w.line_no`,
  );
}

export async function loadWithheldByIds(q: Queryable, ids: readonly string[]): Promise<WithheldRow[]> {
  return q.query<WithheldRow>(`SELECT ${WITHHELD_COLUMNS} FROM reporting_withheld_lines WHERE id = ANY($1::uuid[])`, [ids]);
}

// ---------------------------------------------------------------------------------------------
// Aggregates (the hot queries: one pass over the period's lines, grouped in the database).

interface GroupRow {
  licence_kind: 'export' | 'import';
  partner: string;
  control_entry: string;
  item_type: string;
  firearm_type: string;
  description: string;
  transit: string[] | string;
  quantity: number | string;
  unit: string;
  value_minor: number | string;
  currency: string;
  lines: number | string;
  licences?: number | string;
  withheld: WithholdReason | null;
}

const GROUP_KEYS = 'direction, partner, control_entry, item_type, firearm_type, description, transit, unit, currency';

/**
 * The tail of a projection statement whose CTE `ins` appended transfer lines: adds them to the monthly sums
 * and the per-basis source count in the same statement, so the sums never disagree with the lines.
 */
function rollUpInserted(basis: 'authorised' | 'actual'): string {
  return `), grp AS (
       INSERT INTO reporting_transfer_groups AS g (basis, month, ${GROUP_KEYS}, quantity, value_minor, lines)
       SELECT basis, date_trunc('month', on_date)::date, ${GROUP_KEYS}, sum(quantity), sum(value_minor), count(*)
       FROM ins GROUP BY basis, date_trunc('month', on_date)::date, ${GROUP_KEYS}
       ON CONFLICT (basis, month, ${GROUP_KEYS})
       DO UPDATE SET quantity = g.quantity + EXCLUDED.quantity, value_minor = g.value_minor + EXCLUDED.value_minor, lines = g.lines + EXCLUDED.lines
       RETURNING 1
     ), cnt AS (
       UPDATE reporting_projection_counts SET sources = sources + (SELECT count(DISTINCT source_id) FROM ins) WHERE basis = '${basis}'
       RETURNING 1
     )
     SELECT count(*) AS n FROM ins`;
}

/** A period of whole months (every report's: a year or a half-year) can be read from the monthly sums. */
function wholeMonths(start: string, end: string): boolean {
  const next = new Date(`${end}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return start.endsWith('-01') && next.getUTCDate() === 1;
}

function groupKey(g: TransferGroup): string {
  return [g.direction, g.partner, g.controlEntry, g.itemType, g.firearmType ?? '', g.description, JSON.stringify(g.transit), g.unit, g.currency].join('\u0000');
}

/**
 * Licence lines issued (authorised) or shipped (actual) in [start, end], grouped by direction, partner,
 * control entry, item and firearm type, description, route, unit, currency and withholding (from the
 * projection: call refreshTransferLines first in the same transaction). A period of whole months sums the
 * monthly groups (reporting_transfer_groups) and takes the withheld lines out of them; any other period
 * groups the lines themselves (transferGroupsFromLines). Both give the same groups.
 */
export async function transferGroups(q: Queryable, basis: Basis, start: string, end: string): Promise<TransferGroup[]> {
  if (!wholeMonths(start, end)) return transferGroupsFromLines(q, basis, start, end);
  const totals = (
    await q.query<GroupRow>(
      `SELECT direction AS licence_kind, partner, control_entry, item_type, firearm_type, description, transit,
              sum(quantity) AS quantity, unit, sum(value_minor) AS value_minor, currency, sum(lines) AS lines, NULL AS withheld
       FROM reporting_transfer_groups
       WHERE basis = $3 AND month BETWEEN $1::date AND $2::date
       GROUP BY ${GROUP_KEYS}`,
      [start, end, basis],
    )
  ).map(groupFromRow);
  // Withheld lines are few: found from the withholding table, then moved out of their group.
  const withheld = (
    await q.query<GroupRow>(
      `SELECT t.direction AS licence_kind, t.partner, t.control_entry, t.item_type, t.firearm_type, t.description, t.transit,
              sum(t.quantity) AS quantity, t.unit, sum(t.value_minor) AS value_minor, t.currency, count(*) AS lines, w.reason AS withheld
       FROM reporting_withheld_lines w
       JOIN reporting_transfer_lines t ON t.licence_id = w.licence_id AND t.line_no = w.line_no
       WHERE w.released_at IS NULL AND t.basis = $3 AND t.on_date BETWEEN $1::date AND $2::date
       GROUP BY t.direction, t.partner, t.control_entry, t.item_type, t.firearm_type, t.description, t.transit, t.unit, t.currency, w.reason`,
      [start, end, basis],
    )
  ).map(groupFromRow);
  const byKey = new Map(totals.map((g) => [groupKey(g), g]));
  for (const w of withheld) {
    const g = byKey.get(groupKey(w));
    if (!g) continue;
    g.quantity -= w.quantity;
    g.valueMinor -= w.valueMinor;
    g.lines -= w.lines;
  }
  return [...totals.filter((g) => g.lines > 0), ...withheld];
}

/** The same groups from the projected lines themselves (any period; the benchmark's raw baseline). */
export async function transferGroupsFromLines(q: Queryable, basis: Basis, start: string, end: string): Promise<TransferGroup[]> {
  // count(*), not count(DISTINCT licence_id): a DISTINCT aggregate forces a sort on eleven text keys,
  // which over 1,000,000 lines costs more than everything else (BENCHMARKS.md, reporting).
  const rows = await q.query<GroupRow>(
    `SELECT t.direction AS licence_kind, t.partner, t.control_entry, t.item_type, t.firearm_type, t.description, t.transit,
            sum(t.quantity) AS quantity, t.unit, sum(t.value_minor) AS value_minor, t.currency,
            count(*) AS lines,
            w.reason AS withheld
     FROM reporting_transfer_lines t
     LEFT JOIN reporting_withheld_lines w ON w.licence_id = t.licence_id AND w.line_no = t.line_no AND w.released_at IS NULL
     WHERE t.basis = $3 AND t.on_date BETWEEN $1::date AND $2::date
     GROUP BY 1, 2, 3, 4, 5, 6, 7, 9, 11, 13`,
    [start, end, basis],
  );
  return rows.map(groupFromRow);
}

/** Dual-use licence lines issued in the period (Wassenaar SL/VSL licences), with their distinct licences. */
export async function dualUseLicenceGroups(q: Queryable, start: string, end: string): Promise<(TransferGroup & { licences: number })[]> {
  const rows = await q.query<GroupRow>(
    `SELECT t.direction AS licence_kind, t.partner, t.control_entry, t.item_type, t.firearm_type, t.description, t.transit,
            sum(t.quantity) AS quantity, t.unit, sum(t.value_minor) AS value_minor, t.currency,
            count(*) AS lines, count(DISTINCT t.licence_id) AS licences, NULL AS withheld
     FROM reporting_transfer_lines t
     WHERE t.basis = 'authorised' AND t.on_date BETWEEN $1::date AND $2::date AND t.control_entry ~ '^[0-9][A-E][0-9]{3}'
     GROUP BY 1, 2, 3, 4, 5, 6, 7, 9, 11`,
    [start, end],
  );
  return rows.map((r) => ({ ...groupFromRow(r), licences: Number(r.licences) }));
}

function groupFromRow(r: GroupRow): TransferGroup {
  return {
    direction: r.licence_kind,
    partner: r.partner,
    controlEntry: r.control_entry,
    itemType: r.item_type,
    firearmType: r.firearm_type || null,
    description: r.description,
    transit: (typeof r.transit === 'string' ? (JSON.parse(r.transit) as string[]) : r.transit) ?? [],
    quantity: Number(r.quantity),
    unit: r.unit,
    valueMinor: Number(r.value_minor),
    currency: r.currency,
    lines: Number(r.lines),
    withheld: r.withheld,
  };
}

export async function refusals(q: Queryable, start: string, end: string): Promise<RefusalFact[]> {
  const rows = await q.query<{ reference: string; denied_on: string; destination: string; end_user_name: string; control_entries: string[]; reason: string }>(
    `SELECT reference, denied_on, destination, end_user_name, control_entries, reason FROM reporting_refusals
     WHERE denied_on BETWEEN $1::date AND $2::date ORDER BY denied_on, reference`,
    [start, end],
  );
  return rows.map((r) => ({ reference: r.reference, deniedOn: String(r.denied_on), destination: r.destination, endUserName: r.end_user_name, controlEntries: r.control_entries, reason: r.reason }));
}

export async function denialOverrides(q: Queryable, start: string, end: string): Promise<OverrideFact[]> {
  const rows = await q.query<{ licence_number: string; approved_on: string; destination: string; end_user_name: string; denial_reference: string; denial_source: string }>(
    `SELECT licence_number, approved_on, destination, end_user_name, denial_reference, denial_source FROM reporting_denial_overrides
     WHERE approved_on BETWEEN $1::date AND $2::date ORDER BY approved_on, licence_number`,
    [start, end],
  );
  return rows.map((r) => ({ licenceNumber: r.licence_number, approvedOn: String(r.approved_on), destination: r.destination, endUserName: r.end_user_name ?? '', denialReference: r.denial_reference, denialSource: r.denial_source }));
}

// ---------------------------------------------------------------------------------------------
// Protocol self-assessment evidence (licensing's and the registry's read contracts, migration 0019).

/** Licences issued in [start, end] by kind, with what Arts 7, 10 and 15 ask them to carry. */
export async function licenceEvidence(q: Queryable, start: string, end: string): Promise<LicenceEvidence[]> {
  const rows = await q.query<Record<string, string | number>>(
    `SELECT licence_kind AS kind, count(*) AS issued,
            count(*) FILTER (WHERE has_place_of_issue AND has_countries AND has_final_recipient AND goods_lines > 0 AND expires_on IS NOT NULL) AS complete,
            count(*) FILTER (WHERE import_authorizations > 0) AS with_import_authorisation,
            count(*) FILTER (WHERE transit_states > 0) AS with_transit,
            count(*) FILTER (WHERE transit_states > 0 AND transit_states_no_objection >= transit_states) AS transit_all_no_objection,
            count(*) FILTER (WHERE brokers_named > 0) AS with_brokers,
            COALESCE(sum(shipments), 0) AS shipments, COALESCE(sum(shipments_verified), 0) AS shipments_verified
     FROM reporting_licence_evidence WHERE on_date BETWEEN $1::date AND $2::date GROUP BY licence_kind ORDER BY licence_kind`,
    [start, end],
  );
  return rows.map((r) => ({
    kind: String(r.kind),
    issued: Number(r.issued),
    complete: Number(r.complete),
    withImportAuthorisation: Number(r.with_import_authorisation),
    withTransit: Number(r.with_transit),
    transitAllNoObjection: Number(r.transit_all_no_objection),
    withBrokers: Number(r.with_brokers),
    shipments: Number(r.shipments),
    shipmentsVerified: Number(r.shipments_verified),
  }));
}

/** Registry items registered in [start, end] with their markings (Art. 8), and items reported lost or stolen in [start, end] (Art. 11). */
export async function itemEvidence(q: Queryable, start: string, end: string): Promise<ItemEvidence> {
  const [r] = await q.query<Record<string, string | number>>(
    `SELECT count(*) FILTER (WHERE registered_on BETWEEN $1::date AND $2::date) AS registered,
            count(*) FILTER (WHERE registered_on BETWEEN $1::date AND $2::date AND kind = 'firearm') AS firearms,
            count(*) FILTER (WHERE registered_on BETWEEN $1::date AND $2::date AND kind = 'firearm' AND has_manufacture_marking) AS firearms_marked,
            count(*) FILTER (WHERE registered_on BETWEEN $1::date AND $2::date AND imported) AS imported,
            count(*) FILTER (WHERE registered_on BETWEEN $1::date AND $2::date AND imported AND has_import_marking) AS imported_marked,
            count(*) FILTER (WHERE registered_on BETWEEN $1::date AND $2::date AND imported AND temporary_import) AS imported_temporary,
            (SELECT count(DISTINCT item_id) FROM reporting_loss_theft_reports WHERE reported_on BETWEEN $1::date AND $2::date) AS lost_or_stolen
     FROM reporting_item_evidence`,
    [start, end],
  );
  return {
    registered: Number(r.registered),
    firearms: Number(r.firearms),
    firearmsWithManufactureMarking: Number(r.firearms_marked),
    imported: Number(r.imported),
    importedWithImportMarking: Number(r.imported_marked),
    importedTemporary: Number(r.imported_temporary),
    lostOrStolen: Number(r.lost_or_stolen),
  };
}

/** Registered brokers (Art. 15(1)(a)): all, active, and registered in [start, end]. */
export async function brokerEvidence(q: Queryable, start: string, end: string): Promise<BrokerEvidence> {
  const [r] = await q.query<Record<string, string | number>>(
    `SELECT count(*) AS registered, count(*) FILTER (WHERE status = 'active') AS active,
            count(*) FILTER (WHERE registered_on BETWEEN $1::date AND $2::date) AS registered_in_period
     FROM reporting_broker_evidence`,
    [start, end],
  );
  return { registered: Number(r.registered), active: Number(r.active), registeredInPeriod: Number(r.registered_in_period) };
}

/** The audit log's size (platform table): a report records it, so its figures can be re-derived later. */
export async function auditLogSize(q: Queryable): Promise<number> {
  const [row] = await q.query<{ size: number | string }>('SELECT size FROM audit_head WHERE id = 1');
  return Number(row?.size ?? 0);
}

// ---------------------------------------------------------------------------------------------
// Generated reports.

export interface ReportRow {
  id: string;
  reference: string;
  kind: ReportKind;
  period_start: string;
  period_end: string;
  options: Record<string, unknown>;
  audit_size: number | string;
  content: unknown;
  content_hash: string;
  generated_at: Date;
  generated_by: string;
}

const REPORT_COLUMNS = 'id, reference, kind, period_start, period_end, options, audit_size, content, content_hash, generated_at, generated_by';

export function reportState(r: ReportRow) {
  return {
    id: r.id,
    reference: r.reference,
    kind: r.kind,
    periodStart: String(r.period_start),
    periodEnd: String(r.period_end),
    options: r.options,
    auditSize: Number(r.audit_size),
    contentHash: r.content_hash,
    generatedAt: r.generated_at.toISOString(),
    generatedBy: r.generated_by,
  };
}

export async function insertReport(
  q: Queryable,
  r: { id: string; reference: string; kind: ReportKind; periodStart: string; periodEnd: string; options: unknown; auditSize: number; content: unknown; contentHash: string; generatedAt: Date; generatedBy: string },
): Promise<ReportRow> {
  const [row] = await q.query<ReportRow>(
    `INSERT INTO reporting_reports (id, reference, kind, period_start, period_end, options, audit_size, content, content_hash, generated_at, generated_by)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8::jsonb, $9, $10, $11) RETURNING ${REPORT_COLUMNS}`,
    [r.id, r.reference, r.kind, r.periodStart, r.periodEnd, JSON.stringify(r.options), r.auditSize, JSON.stringify(r.content), r.contentHash, r.generatedAt.toISOString(), r.generatedBy],
  );
  return row;
}

/** Held to the end of the transaction: two reports of the same kind and period get consecutive numbers. */
export async function lockReports(tx: Tx): Promise<void> {
  await tx.exec('LOCK TABLE reporting_reports IN SHARE ROW EXCLUSIVE MODE');
}

export async function nextReportNumber(q: Queryable, prefix: string): Promise<number> {
  const [row] = await q.query<{ n: number | string }>(`SELECT count(*) + 1 AS n FROM reporting_reports WHERE reference LIKE $1`, [`${prefix}%`]);
  return Number(row.n);
}

export async function getReport(q: Queryable, reference: string): Promise<ReportRow | undefined> {
  const [row] = await q.query<ReportRow>(`SELECT ${REPORT_COLUMNS} FROM reporting_reports WHERE reference = $1`, [reference]);
  return row;
}

export async function listReports(q: Queryable, f: { limit: number; kind?: ReportKind; after?: { at: string; id: string } }): Promise<ReportRow[]> {
  return q.query<ReportRow>(
    `SELECT ${REPORT_COLUMNS} FROM reporting_reports
     WHERE ($1::text IS NULL OR kind = $1) AND ($2::timestamptz IS NULL OR (generated_at, id) < ($2::timestamptz, $3::uuid))
     ORDER BY generated_at DESC, id DESC LIMIT $4`,
    [f.kind ?? null, f.after?.at ?? null, f.after?.id ?? null, f.limit],
  );
}

export async function loadReportsByIds(q: Queryable, ids: readonly string[]): Promise<ReportRow[]> {
  return q.query<ReportRow>(`SELECT ${REPORT_COLUMNS} FROM reporting_reports WHERE id = ANY($1::uuid[])`, [ids]);
}

// ---------------------------------------------------------------------------------------------
// Charts.

/** Transfer lines summed per bucket (year or month), direction, partner and what the mapping reads. */
export async function chartLines(q: Queryable, basis: Basis, start: string, end: string, granularity: 'year' | 'month'): Promise<ChartLine[]> {
  // Whole months: the monthly sums (reporting_transfer_groups); otherwise the lines.
  const [table, date] = wholeMonths(start, end) ? ['reporting_transfer_groups', 'month'] : ['reporting_transfer_lines', 'on_date'];
  const rows = await q.query<{ bucket: string; licence_kind: 'export' | 'import'; partner: string; control_entry: string; item_type: string; firearm_type: string; quantity: number | string }>(
    `SELECT to_char(t.${date}, $3) AS bucket, t.direction AS licence_kind, t.partner,
            t.control_entry, t.item_type, t.firearm_type, sum(t.quantity) AS quantity
     FROM ${table} t
     WHERE t.basis = $4 AND t.${date} BETWEEN $1::date AND $2::date
     GROUP BY 1, 2, 3, 4, 5, 6`,
    [start, end, granularity === 'year' ? 'YYYY' : 'YYYY-MM', basis],
  );
  return rows.map((r) => ({ bucket: r.bucket, direction: r.licence_kind, partner: r.partner, controlEntry: r.control_entry, itemType: r.item_type, firearmType: r.firearm_type || null, quantity: Number(r.quantity) }));
}

/** Export and import licences issued, and refusals, per month. */
export async function licenceDecisionsByMonth(q: Queryable, start: string, end: string): Promise<{ month: string; issued: number; refused: number }[]> {
  const rows = await q.query<{ month: string; issued: number | string; refused: number | string }>(
    `SELECT month, sum(issued) AS issued, sum(refused) AS refused FROM (
       SELECT to_char(on_date, 'YYYY-MM') AS month, count(DISTINCT source_id) AS issued, 0 AS refused
       FROM reporting_transfer_lines WHERE basis = 'authorised' AND on_date BETWEEN $1::date AND $2::date GROUP BY 1
       UNION ALL
       SELECT to_char(denied_on, 'YYYY-MM'), 0, count(*) FROM reporting_refusals
       WHERE kind IN ('export', 'import') AND denied_on BETWEEN $1::date AND $2::date GROUP BY 1
     ) x GROUP BY month ORDER BY month`,
    [start, end],
  );
  return rows.map((r) => ({ month: r.month, issued: Number(r.issued), refused: Number(r.refused) }));
}

/**
 * Appends to reporting_transfer_lines the licence lines and shipment lines not yet there (set-based;
 * the anti-join reads only ids, so a refresh with nothing new costs one pass over the ids), and adds the
 * lines it inserted to their monthly groups in the same statement. Concurrent refreshes insert a line once
 * (primary key, ON CONFLICT DO NOTHING), so each line is added to its group once.
 */
export async function refreshTransferLines(q: Queryable): Promise<{ authorised: number; actual: number }> {
  // As many sources as projected: nothing new (licences and shipments are never deleted), no anti-join.
  const [c] = await q.query<{ licences: number | string; shipments: number | string; authorised: number | string; actual: number | string }>(
    `SELECT (SELECT count(*) FROM licensing_licences WHERE kind IN ('export', 'import')) AS licences,
            (SELECT count(*) FROM licensing_shipments s JOIN licensing_licences l ON l.id = s.licence_id AND l.kind IN ('export', 'import')) AS shipments,
            (SELECT sources FROM reporting_projection_counts WHERE basis = 'authorised') AS authorised,
            (SELECT sources FROM reporting_projection_counts WHERE basis = 'actual') AS actual`,
  );
  const none = [{ n: 0 }];
  const authorised = Number(c.licences) === Number(c.authorised) ? none : await q.query<{ n: number | string }>(
    `WITH pending AS MATERIALIZED (
       SELECT l.id FROM licensing_licences l
       WHERE l.kind IN ('export', 'import')
         AND NOT EXISTS (SELECT 1 FROM reporting_transfer_lines p WHERE p.basis = 'authorised' AND p.source_id = l.id)
     ), ins AS (
       INSERT INTO reporting_transfer_lines (basis, source_id, licence_id, line_no, on_date, direction, partner, control_entry, item_type, firearm_type, description, transit, quantity, unit, value_minor, currency)
       SELECT 'authorised', a.licence_id, a.licence_id, a.line_no, a.on_date, a.licence_kind,
              CASE WHEN a.licence_kind = 'export' THEN a.import_country ELSE a.export_country END,
              a.control_entry, a.item_type, a.firearm_type, a.description, a.transit_countries::text, a.quantity, a.unit, a.value_minor, a.currency
       FROM reporting_authorised_lines a
       WHERE a.licence_id IN (SELECT id FROM pending)
       ON CONFLICT DO NOTHING
       RETURNING basis, source_id, on_date, ${GROUP_KEYS}, quantity, value_minor
     ${rollUpInserted('authorised')}`,
  );
  const actual = Number(c.shipments) === Number(c.actual) && Number(authorised[0].n) === 0 ? none : await q.query<{ n: number | string }>(
    `WITH pending AS MATERIALIZED (
       SELECT s.id FROM licensing_shipments s
       WHERE NOT EXISTS (SELECT 1 FROM reporting_transfer_lines p WHERE p.basis = 'actual' AND p.source_id = s.id)
     ), ins AS (
       INSERT INTO reporting_transfer_lines (basis, source_id, licence_id, line_no, on_date, direction, partner, control_entry, item_type, firearm_type, description, transit, quantity, unit, value_minor, currency)
       SELECT 'actual', s.id, s.licence_id, a.line_no, s.shipped_on, a.direction, a.partner, a.control_entry, a.item_type, a.firearm_type, a.description, a.transit,
              (sl->>'quantity')::bigint, a.unit,
              CASE WHEN a.quantity > 0 THEN (a.value_minor * (sl->>'quantity')::bigint) / a.quantity ELSE 0 END, a.currency
       FROM licensing_shipments s
       CROSS JOIN LATERAL jsonb_array_elements(s.lines) AS sl
       JOIN reporting_transfer_lines a ON a.basis = 'authorised' AND a.source_id = s.licence_id AND a.line_no = (sl->>'lineNo')::int
       WHERE s.id IN (SELECT id FROM pending)
       ON CONFLICT DO NOTHING
       RETURNING basis, source_id, on_date, ${GROUP_KEYS}, quantity, value_minor
     ${rollUpInserted('actual')}`,
  );
  const added = { authorised: Number(authorised[0].n), actual: Number(actual[0].n) };
  // Fresh statistics after a large append, so the planner hashes rather than sorts the groups.
  if (added.authorised + added.actual >= 10_000) await q.exec('ANALYZE reporting_transfer_lines; ANALYZE reporting_transfer_groups');
  return added;
}

// ---------------------------------------------------------------------------------------------
// Historical transfers (migration 0021): imports of published registers, and their rows.

export interface HistoryImportRow {
  id: string;
  state: string;
  source_name: string;
  source: HistorySource;
  file_name: string;
  file_sha256: string;
  counts: Record<string, number>;
  attribution: string;
  imported_at: Date;
  imported_by: string;
  superseded_at: Date | null;
  superseded_by: string | null;
}

const HISTORY_IMPORT_COLUMNS = 'id, state, source_name, source, file_name, file_sha256, counts, attribution, imported_at, imported_by, superseded_at, superseded_by';

export function historyImportState(r: HistoryImportRow) {
  return {
    id: r.id,
    state: r.state,
    sourceName: r.source_name,
    source: r.source,
    fileName: r.file_name,
    fileSha256: r.file_sha256,
    counts: r.counts,
    attribution: r.attribution,
    importedAt: r.imported_at.toISOString(),
    importedBy: r.imported_by,
    supersededAt: r.superseded_at?.toISOString() ?? null,
    supersededBy: r.superseded_by,
  };
}

/** Held to the end of the transaction: two imports of the same source supersede in turn. */
export async function lockHistoryImports(tx: Tx): Promise<void> {
  await tx.exec('LOCK TABLE reporting_history_imports IN SHARE ROW EXCLUSIVE MODE');
}

export async function currentHistoryImport(q: Queryable, state: string, source: HistorySource): Promise<HistoryImportRow | undefined> {
  const [row] = await q.query<HistoryImportRow>(
    `SELECT ${HISTORY_IMPORT_COLUMNS} FROM reporting_history_imports WHERE state = $1 AND source = $2 AND superseded_at IS NULL`,
    [state, source],
  );
  return row;
}

export async function listHistoryImports(q: Queryable, state: string): Promise<HistoryImportRow[]> {
  return q.query<HistoryImportRow>(`SELECT ${HISTORY_IMPORT_COLUMNS} FROM reporting_history_imports WHERE state = $1 ORDER BY imported_at DESC, id DESC`, [state]);
}

export async function supersedeHistoryImport(q: Queryable, id: string, at: Date, by: string): Promise<HistoryImportRow> {
  const [row] = await q.query<HistoryImportRow>(
    `UPDATE reporting_history_imports SET superseded_at = $2, superseded_by = $3 WHERE id = $1 RETURNING ${HISTORY_IMPORT_COLUMNS}`,
    [id, at.toISOString(), by],
  );
  return row;
}

export async function insertHistoryImport(
  q: Queryable,
  r: { id: string; state: string; sourceName: string; source: HistorySource; fileName: string; fileSha256: string; counts: Record<string, number>; attribution: string; importedAt: Date; importedBy: string },
): Promise<HistoryImportRow> {
  const [row] = await q.query<HistoryImportRow>(
    `INSERT INTO reporting_history_imports (id, state, source_name, source, file_name, file_sha256, counts, attribution, imported_at, imported_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10) RETURNING ${HISTORY_IMPORT_COLUMNS}`,
    [r.id, r.state, r.sourceName, r.source, r.fileName, r.fileSha256, JSON.stringify(r.counts), r.attribution, r.importedAt.toISOString(), r.importedBy],
  );
  return row;
}

export async function loadHistoryImportsByIds(q: Queryable, ids: readonly string[]): Promise<HistoryImportRow[]> {
  return q.query<HistoryImportRow>(`SELECT ${HISTORY_IMPORT_COLUMNS} FROM reporting_history_imports WHERE id = ANY($1::uuid[])`, [ids]);
}

/** Set-based insert of an import's rows (unnest of one array per column). */
export async function insertHistoricalTransfers(q: Queryable, importId: string, state: string, rows: readonly HistoricalRow[]): Promise<void> {
  const col = <K extends keyof HistoricalRow>(k: K) => rows.map((x) => x[k]);
  await q.query(
    `INSERT INTO reporting_historical_transfers
       (import_id, state, source_line, direction, supplier, recipient, partner_code, partner_name, year_actual, year_authorised, mapping, category, rule,
        control_entry, designation, description, quantity_actual, quantity_authorised, licences, value_authorised_minor, value_actual_minor, currency,
        delivery_years, tiv, comments)
     SELECT $1::uuid, $2::text, * FROM unnest($3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::int[], $10::int[], $11::text[],
       $12::text[], $13::text[], $14::text[], $15::text[], $16::text[], $17::bigint[], $18::bigint[], $19::int[], $20::bigint[], $21::bigint[], $22::text[],
       $23::text[], $24::text[], $25::text[])`,
    [
      importId, state,
      col('sourceLine'), col('direction'), col('supplier'), col('recipient'), col('partnerCode'), col('partnerName'), col('yearActual'), col('yearAuthorised'),
      col('mapping'), col('category'), col('rule'), col('controlEntry'), col('designation'), col('description'), col('quantityActual'), col('quantityAuthorised'),
      col('licences'), col('valueAuthorisedMinor'), col('valueActualMinor'), col('currency'), col('deliveryYears'), col('tiv'), col('comments'),
    ],
  );
}

export interface HistoricalFactRow {
  source: HistorySource;
  file_name: string;
  source_line: number;
  direction: 'export' | 'import';
  partner_code: string | null;
  partner_name: string;
  year: number;
  mapping: HistoryMapping;
  category: string | null;
  rule: string;
  control_entry: string | null;
  designation: string;
  description: string;
  quantity: number | string | null;
  value_minor: number | string | null;
  licences: number | null;
  currency: string | null;
  comments: string;
}

/**
 * The State's historical rows of the current imports whose year (on the basis: first delivery or the
 * year of order / of the licences) falls in [fromYear, toYear], in file order.
 */
export async function historicalFacts(q: Queryable, state: string, basis: Basis, fromYear: number, toYear: number): Promise<HistoricalFact[]> {
  const actual = basis === 'actual';
  const rows = await q.query<HistoricalFactRow>(
    `SELECT i.source, i.file_name, h.source_line, h.direction, h.partner_code, h.partner_name,
            ${actual ? 'h.year_actual' : 'h.year_authorised'} AS year, h.mapping, h.category, h.rule, h.control_entry, h.designation, h.description,
            ${actual ? 'h.quantity_actual' : 'h.quantity_authorised'} AS quantity, ${actual ? 'h.value_actual_minor' : 'h.value_authorised_minor'} AS value_minor,
            h.licences, h.currency, h.comments
     FROM reporting_historical_transfers h JOIN reporting_history_imports i ON i.id = h.import_id AND i.superseded_at IS NULL
     WHERE h.state = $1 AND ${actual ? 'h.year_actual' : 'h.year_authorised'} BETWEEN $2 AND $3
     ORDER BY i.source, h.source_line`,
    [state, fromYear, toYear],
  );
  return rows.map((r) => ({
    source: r.source,
    fileName: r.file_name,
    sourceLine: Number(r.source_line),
    direction: r.direction,
    partnerCode: r.partner_code,
    partnerName: r.partner_name,
    year: Number(r.year),
    mapping: r.mapping,
    category: r.category,
    rule: r.rule,
    controlEntry: r.control_entry,
    designation: r.designation,
    description: r.description,
    quantity: r.quantity === null ? null : Number(r.quantity),
    valueMinor: r.value_minor === null ? null : Number(r.value_minor),
    licences: r.licences === null ? null : Number(r.licences),
    currency: r.currency,
    comments: r.comments,
  }));
}

/** The current imports of the State that have rows in [fromYear, toYear] on the basis (a report's sources). */
export async function historicalSources(q: Queryable, state: string, basis: Basis, fromYear: number, toYear: number): Promise<HistoryImportRow[]> {
  const year = basis === 'actual' ? 'h.year_actual' : 'h.year_authorised';
  return q.query<HistoryImportRow>(
    `SELECT ${HISTORY_IMPORT_COLUMNS.split(', ').map((c) => `i.${c}`).join(', ')} FROM reporting_history_imports i
     WHERE i.state = $1 AND i.superseded_at IS NULL
       AND EXISTS (SELECT 1 FROM reporting_historical_transfers h WHERE h.import_id = i.id AND ${year} BETWEEN $2 AND $3)
     ORDER BY i.source`,
    [state, fromYear, toYear],
  );
}

/** Historical exports in items per year, category and partner (the charts; SIPRI's rows carry numbers). */
export async function historicalChartLines(q: Queryable, state: string, basis: Basis, fromYear: number, toYear: number): Promise<{ year: number; mapping: HistoryMapping; category: string | null; partner: string; quantity: number }[]> {
  const year = basis === 'actual' ? 'h.year_actual' : 'h.year_authorised';
  const quantity = basis === 'actual' ? 'h.quantity_actual' : 'h.quantity_authorised';
  const rows = await q.query<{ year: number; mapping: HistoryMapping; category: string | null; partner: string; quantity: number | string }>(
    `SELECT ${year} AS year, h.mapping, h.category, COALESCE(h.partner_code, h.partner_name) AS partner, sum(${quantity}) AS quantity
     FROM reporting_historical_transfers h JOIN reporting_history_imports i ON i.id = h.import_id AND i.superseded_at IS NULL
     WHERE h.state = $1 AND h.direction = 'export' AND ${year} BETWEEN $2 AND $3 AND ${quantity} IS NOT NULL
     GROUP BY 1, 2, 3, 4`,
    [state, fromYear, toYear],
  );
  return rows.map((r) => ({ year: Number(r.year), mapping: r.mapping, category: r.category, partner: r.partner, quantity: Number(r.quantity) }));
}
