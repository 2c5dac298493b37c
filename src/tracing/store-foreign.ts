import { defineAuditedEntity } from '../platform/audit/entities.ts';
import type { Queryable } from '../platform/db/types.ts';

/**
 * SQL for what other States tell this one about lost and stolen firearms (migrations/0020_exchange_effects.sql):
 * foreign reports and their serials, recoveries here that match them, and hits other States notify on
 * this State's reports.
 */

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

// ---------------------------------------------------------------------------------------------
// Foreign lost/stolen reports

export interface ForeignReportRow {
  id: string;
  reporting_state: string;
  report_reference: string;
  kind: 'lost' | 'stolen';
  status: 'active' | 'withdrawn';
  occurred_on: string | null;
  place: Record<string, unknown> | null;
  reporting_authority: Record<string, unknown>;
  weapons: Record<string, unknown>[];
  envelope_id: string;
  received_at: Date;
  withdrawn_at: Date | null;
  withdrawal_reason: string | null;
  withdrawal_envelope_id: string | null;
}

export function foreignReportState(r: ForeignReportRow) {
  return {
    id: r.id,
    reportingState: r.reporting_state,
    reportReference: r.report_reference,
    kind: r.kind,
    status: r.status,
    occurredOn: r.occurred_on,
    place: r.place,
    reportingAuthority: r.reporting_authority,
    weapons: r.weapons,
    envelopeId: r.envelope_id,
    receivedAt: iso(r.received_at),
    withdrawnAt: iso(r.withdrawn_at),
    withdrawalReason: r.withdrawal_reason,
    withdrawalEnvelopeId: r.withdrawal_envelope_id,
  };
}

const reportColumns = (a = '') =>
  `${a}id, ${a}reporting_state, ${a}report_reference, ${a}kind, ${a}status, ${a}occurred_on::text AS occurred_on, ${a}place, ${a}reporting_authority, ${a}weapons, ${a}envelope_id, ${a}received_at, ${a}withdrawn_at, ${a}withdrawal_reason, ${a}withdrawal_envelope_id`;
const REPORT_COLUMNS = reportColumns();

export async function insertForeignReport(q: Queryable, r: ForeignReportRow, serials: readonly { weaponIndex: number; serialNorm: string }[]): Promise<ForeignReportRow | undefined> {
  const [row] = await q.query<ForeignReportRow>(
    `INSERT INTO tracing_foreign_reports (id, reporting_state, report_reference, kind, status, occurred_on, place, reporting_authority, weapons, envelope_id, received_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9::jsonb, $10, $11) ON CONFLICT (reporting_state, report_reference) DO NOTHING RETURNING ${REPORT_COLUMNS}`,
    [r.id, r.reporting_state, r.report_reference, r.kind, r.status, r.occurred_on, r.place ? JSON.stringify(r.place) : null, JSON.stringify(r.reporting_authority), JSON.stringify(r.weapons), r.envelope_id, r.received_at.toISOString()],
  );
  if (!row) return undefined;
  if (serials.length > 0) {
    await q.query('INSERT INTO tracing_foreign_report_serials (report_id, weapon_index, serial_norm) SELECT $1, * FROM unnest($2::int[], $3::text[])', [
      r.id,
      serials.map((s) => s.weaponIndex),
      serials.map((s) => s.serialNorm),
    ]);
  }
  return row;
}

export async function foreignReportByReference(q: Queryable, state: string, reference: string, forUpdate = false): Promise<ForeignReportRow | undefined> {
  const [row] = await q.query<ForeignReportRow>(`SELECT ${REPORT_COLUMNS} FROM tracing_foreign_reports WHERE reporting_state = $1 AND report_reference = $2${forUpdate ? ' FOR UPDATE' : ''}`, [state, reference]);
  return row;
}

export async function foreignReportsByIds(q: Queryable, ids: readonly string[]): Promise<ForeignReportRow[]> {
  return q.query<ForeignReportRow>(`SELECT ${REPORT_COLUMNS} FROM tracing_foreign_reports WHERE id = ANY($1::uuid[])`, [ids]);
}

export async function withdrawForeignReport(q: Queryable, id: string, at: Date, reason: string | null, envelopeId: string): Promise<ForeignReportRow> {
  const [row] = await q.query<ForeignReportRow>(
    `UPDATE tracing_foreign_reports SET status = 'withdrawn', withdrawn_at = $2, withdrawal_reason = $3, withdrawal_envelope_id = $4 WHERE id = $1 RETURNING ${REPORT_COLUMNS}`,
    [id, at.toISOString(), reason, envelopeId],
  );
  return row;
}

/** Active foreign reports with a weapon whose normalised serial is one of `serials`. */
export async function activeForeignWeaponsBySerial(q: Queryable, serials: readonly string[]): Promise<(ForeignReportRow & { weapon_index: number; serial_norm: string })[]> {
  if (serials.length === 0) return [];
  return q.query(
    `SELECT ${reportColumns('r.')}, s.weapon_index, s.serial_norm
       FROM tracing_foreign_report_serials s JOIN tracing_foreign_reports r ON r.id = s.report_id
      WHERE s.serial_norm = ANY($1::text[]) AND r.status = 'active'
      ORDER BY r.received_at, s.weapon_index`,
    [serials],
  );
}

// ---------------------------------------------------------------------------------------------
// Recoveries here matching a foreign report

export interface ForeignHitRow {
  id: string;
  recovered_item_id: string;
  foreign_report_id: string;
  weapon_index: number;
  matched_on: string[];
  notification_envelope_id: string | null;
  created_at: Date;
  created_by: string;
}

export function foreignHitState(r: ForeignHitRow) {
  return {
    id: r.id,
    recoveredItemId: r.recovered_item_id,
    foreignReportId: r.foreign_report_id,
    weaponIndex: r.weapon_index,
    matchedOn: [...r.matched_on],
    notificationEnvelopeId: r.notification_envelope_id,
    createdAt: iso(r.created_at),
    createdBy: r.created_by,
  };
}

/**
 * Recoveries' hits on foreign reports, in one statement: answers the rows inserted (a hit already recorded for
 * the same item, report and weapon is skipped). `matched_on` travels as JSON (arrays of different lengths
 * cannot share one array parameter).
 */
export async function insertForeignHits(q: Queryable, rows: readonly ForeignHitRow[]): Promise<ForeignHitRow[]> {
  if (rows.length === 0) return [];
  return q.query<ForeignHitRow>(
    `INSERT INTO tracing_foreign_hits (id, recovered_item_id, foreign_report_id, weapon_index, matched_on, notification_envelope_id, created_at, created_by)
     SELECT u.id, u.recovered_item_id, u.foreign_report_id, u.weapon_index, ARRAY(SELECT jsonb_array_elements_text(u.matched_on::jsonb)),
            u.notification_envelope_id, u.created_at, u.created_by
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::int[], $5::text[], $6::uuid[], $7::timestamptz[], $8::text[])
            AS u(id, recovered_item_id, foreign_report_id, weapon_index, matched_on, notification_envelope_id, created_at, created_by)
     ON CONFLICT (recovered_item_id, foreign_report_id, weapon_index) DO NOTHING RETURNING *`,
    [
      rows.map((r) => r.id),
      rows.map((r) => r.recovered_item_id),
      rows.map((r) => r.foreign_report_id),
      rows.map((r) => r.weapon_index),
      rows.map((r) => JSON.stringify(r.matched_on)),
      rows.map((r) => r.notification_envelope_id),
      rows.map((r) => r.created_at.toISOString()),
      rows.map((r) => r.created_by),
    ],
  );
}

/** The hit_notification envelopes sent for hits, in one statement; answers the rows as updated. */
export async function setForeignHitNotifications(q: Queryable, sent: readonly { id: string; envelopeId: string }[]): Promise<ForeignHitRow[]> {
  if (sent.length === 0) return [];
  return q.query<ForeignHitRow>(
    `UPDATE tracing_foreign_hits h SET notification_envelope_id = u.envelope_id
       FROM unnest($1::uuid[], $2::uuid[]) AS u(id, envelope_id) WHERE h.id = u.id RETURNING h.*`,
    [sent.map((s) => s.id), sent.map((s) => s.envelopeId)],
  );
}

export async function foreignHitsByIds(q: Queryable, ids: readonly string[]): Promise<ForeignHitRow[]> {
  return q.query<ForeignHitRow>('SELECT * FROM tracing_foreign_hits WHERE id = ANY($1::uuid[])', [ids]);
}

export async function foreignHitsForItems(q: Queryable, itemIds: readonly string[]): Promise<ForeignHitRow[]> {
  return q.query<ForeignHitRow>('SELECT * FROM tracing_foreign_hits WHERE recovered_item_id = ANY($1::uuid[]) ORDER BY id', [itemIds]);
}

/** A recovered item's foreign hits with the report each matched (the recovery page shows them per item). */
export interface ForeignHitWithReportRow {
  id: string;
  recovered_item_id: string;
  matched_on: string[];
  notification_envelope_id: string | null;
  created_at: Date;
  reporting_state: string;
  report_reference: string;
  kind: 'lost' | 'stolen';
  report_status: 'active' | 'withdrawn';
  occurred_on: string | null;
  reporting_authority: Record<string, unknown>;
}

export async function foreignHitsWithReportsForItems(q: Queryable, itemIds: readonly string[]): Promise<ForeignHitWithReportRow[]> {
  if (itemIds.length === 0) return [];
  return q.query<ForeignHitWithReportRow>(
    `SELECT h.id, h.recovered_item_id, h.matched_on, h.notification_envelope_id, h.created_at, r.reporting_state, r.report_reference, r.kind,
            r.status AS report_status, r.occurred_on::text AS occurred_on, r.reporting_authority
       FROM tracing_foreign_hits h JOIN tracing_foreign_reports r ON r.id = h.foreign_report_id
      WHERE h.recovered_item_id = ANY($1::uuid[]) ORDER BY h.id`,
    [itemIds],
  );
}

// ---------------------------------------------------------------------------------------------
// Hits other States notify on this State's reports

export interface HitAbroadRow {
  id: string;
  notifying_state: string;
  report_reference: string;
  weapon: Record<string, unknown>;
  matched_on: string[];
  recovery_type: string;
  recovered_on: string;
  place: Record<string, unknown>;
  holding_authority: Record<string, unknown>;
  case_reference: string | null;
  envelope_id: string;
  alert_status: 'open' | 'acknowledged';
  received_at: Date;
  /** The agency that took this State's report, when the registry names one. */
  reporting_agency_party_id: string | null;
}

export function hitAbroadState(r: HitAbroadRow) {
  return {
    id: r.id,
    notifyingState: r.notifying_state,
    reportReference: r.report_reference,
    weapon: r.weapon,
    matchedOn: [...r.matched_on],
    recoveryType: r.recovery_type,
    recoveredOn: r.recovered_on,
    place: r.place,
    holdingAuthority: r.holding_authority,
    caseReference: r.case_reference,
    envelopeId: r.envelope_id,
    alertStatus: r.alert_status,
    receivedAt: iso(r.received_at),
    // Present only when set, so a hit audited before hits named an agency re-reads with the hash it was audited with.
    ...(r.reporting_agency_party_id ? { reportingAgencyPartyId: r.reporting_agency_party_id } : {}),
  };
}

const HIT_ABROAD_COLUMNS =
  'id, notifying_state, report_reference, weapon, matched_on, recovery_type, recovered_on::text AS recovered_on, place, holding_authority, case_reference, envelope_id, alert_status, received_at, reporting_agency_party_id';

export async function insertHitAbroad(q: Queryable, r: HitAbroadRow): Promise<HitAbroadRow | undefined> {
  const [row] = await q.query<HitAbroadRow>(
    `INSERT INTO tracing_hits_abroad (id, notifying_state, report_reference, weapon, matched_on, recovery_type, recovered_on, place, holding_authority, case_reference, envelope_id, alert_status, received_at, reporting_agency_party_id)
     VALUES ($1, $2, $3, $4::jsonb, $5::text[], $6, $7, $8::jsonb, $9::jsonb, $10, $11, $12, $13, $14) ON CONFLICT (notifying_state, envelope_id) DO NOTHING RETURNING ${HIT_ABROAD_COLUMNS}`,
    [
      r.id, r.notifying_state, r.report_reference, JSON.stringify(r.weapon), r.matched_on, r.recovery_type, r.recovered_on, JSON.stringify(r.place), JSON.stringify(r.holding_authority),
      r.case_reference, r.envelope_id, r.alert_status, r.received_at.toISOString(), r.reporting_agency_party_id,
    ],
  );
  return row;
}

export async function hitsAbroadByIds(q: Queryable, ids: readonly string[]): Promise<HitAbroadRow[]> {
  return q.query<HitAbroadRow>(`SELECT ${HIT_ABROAD_COLUMNS} FROM tracing_hits_abroad WHERE id = ANY($1::uuid[])`, [ids]);
}

export async function getHitAbroad(q: Queryable, id: string, forUpdate = false): Promise<HitAbroadRow | undefined> {
  return (await q.query<HitAbroadRow>(`SELECT ${HIT_ABROAD_COLUMNS} FROM tracing_hits_abroad WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]))[0];
}

/** The alert leaves the open count; who and when are in its audit entry. */
export async function acknowledgeHitAbroad(q: Queryable, id: string): Promise<HitAbroadRow> {
  const [row] = await q.query<HitAbroadRow>(`UPDATE tracing_hits_abroad SET alert_status = 'acknowledged' WHERE id = $1 RETURNING ${HIT_ABROAD_COLUMNS}`, [id]);
  return row;
}

/** Hits notified from abroad per agency that took this State's report and alert status (the dashboard's counts). */
export async function countHitsAbroad(q: Queryable): Promise<{ agency_party_id: string | null; alert_status: string; count: number }[]> {
  return q.query(
    `SELECT reporting_agency_party_id AS agency_party_id, alert_status, count(*)::int8 AS count FROM tracing_hits_abroad
      GROUP BY reporting_agency_party_id, alert_status ORDER BY reporting_agency_party_id NULLS LAST, alert_status`,
  );
}

export async function listHitsAbroad(q: Queryable, f: { alertStatus?: 'open' | 'acknowledged'; agencyPartyId?: string; limit: number }): Promise<HitAbroadRow[]> {
  return q.query<HitAbroadRow>(
    `SELECT ${HIT_ABROAD_COLUMNS} FROM tracing_hits_abroad
      WHERE ($1::text IS NULL OR alert_status = $1) AND ($3::uuid IS NULL OR reporting_agency_party_id = $3)
      ORDER BY received_at DESC, id DESC LIMIT $2`,
    [f.alertStatus ?? null, f.limit, f.agencyPartyId ?? null],
  );
}

/**
 * A page of the alerts list (GET /tracing/hits): newest first by id (UUIDv7, so by arrival), which the
 * hits made here are ordered by too, so one cursor pages both; `limit + 1` rows.
 */
export async function listHitsAbroadPage(q: Queryable, f: { alertStatus?: 'open' | 'acknowledged'; agencyPartyId?: string; after?: string; limit: number }): Promise<HitAbroadRow[]> {
  return q.query<HitAbroadRow>(
    `SELECT ${HIT_ABROAD_COLUMNS} FROM tracing_hits_abroad
      WHERE ($1::text IS NULL OR alert_status = $1) AND ($2::uuid IS NULL OR reporting_agency_party_id = $2) AND ($3::uuid IS NULL OR id < $3)
      ORDER BY id DESC LIMIT $4`,
    [f.alertStatus ?? null, f.agencyPartyId ?? null, f.after ?? null, f.limit + 1],
  );
}

// ---------------------------------------------------------------------------------------------
// Audited entities (`custodia audit verify` re-reads each one's state)

export const AUDITED_FOREIGN_REPORT = defineAuditedEntity({
  entity: 'tracing_foreign_report',
  async load(db, ids) {
    return new Map((await foreignReportsByIds(db, ids)).map((r) => [r.id, foreignReportState(r)]));
  },
});

export const AUDITED_FOREIGN_HIT = defineAuditedEntity({
  entity: 'tracing_foreign_hit',
  async load(db, ids) {
    return new Map((await foreignHitsByIds(db, ids)).map((r) => [r.id, foreignHitState(r)]));
  },
});

export const AUDITED_HIT_ABROAD = defineAuditedEntity({
  entity: 'tracing_hit_abroad',
  async load(db, ids) {
    return new Map((await hitsAbroadByIds(db, ids)).map((r) => [r.id, hitAbroadState(r)]));
  },
});

/** Recovered items here with a mark whose serial, read in full, is one of `serials` (a new foreign report is checked against them). */
export async function recoveredItemIdsBySerial(q: Queryable, serials: readonly string[]): Promise<string[]> {
  if (serials.length === 0) return [];
  const rows = await q.query<{ id: string }>('SELECT DISTINCT recovered_item_id AS id FROM recovered_item_markings WHERE serial_norm = ANY($1::text[]) ORDER BY 1', [serials]);
  return rows.map((r) => r.id);
}
