import { SqlFilter } from '../platform/db/filter.ts';
import type { Queryable } from '../platform/db/types.ts';
import type { ApplicationKind, LicenceSnapshot, LicenceStatus, ShipmentLineInput, Unit } from './model.ts';

/**
 * SQL for licences (their lines, status history and usage) and the shipments made under them. Each
 * `xState(row)` is both what a use case hashes into the audit log and what entities.ts re-reads.
 */

// ---------------------------------------------------------------------------------------------- licences

export interface LicenceRow {
  id: string;
  number: string;
  application_id: string;
  kind: ApplicationKind;
  status: LicenceStatus;
  organisation_id: string | null;
  valid_from: string;
  expires_on: string;
  issued_at: Date;
  snapshot: LicenceSnapshot;
  snapshot_hash: string;
  token: string;
  status_reason: string | null;
  status_changed_at: Date;
  /** The public wording of the current status (PUBLIC_WORDINGS), null when none is published. */
  public_wording: string | null;
}

export interface LicenceLineRow {
  licence_id: string;
  line_no: number;
  quantity: number;
  unit: Unit;
  used: number;
}

export function licenceState(r: LicenceRow, lines: LicenceLineRow[]) {
  return {
    id: r.id,
    number: r.number,
    applicationId: r.application_id,
    kind: r.kind,
    status: r.status,
    organisationId: r.organisation_id,
    validFrom: r.valid_from,
    expiresOn: r.expires_on,
    issuedAt: r.issued_at,
    snapshotHash: r.snapshot_hash,
    statusReason: r.status_reason,
    statusChangedAt: r.status_changed_at,
    // Only when set, so the audited state of licences from before the column existed hashes the same.
    ...(r.public_wording ? { publicWording: r.public_wording } : {}),
    lines: [...lines].sort((a, b) => a.line_no - b.line_no).map((l) => ({ lineNo: l.line_no, quantity: Number(l.quantity), unit: l.unit, used: Number(l.used) })),
  };
}

export async function insertLicence(
  q: Queryable,
  l: Omit<LicenceRow, 'status_reason' | 'public_wording'> & { status_reason: string | null },
  lines: { lineNo: number; quantity: number; unit: Unit }[],
): Promise<{ licence: LicenceRow; lines: LicenceLineRow[] }> {
  const rows = await q.query<LicenceRow>(
    `INSERT INTO licensing_licences (id, number, application_id, kind, status, organisation_id, valid_from, expires_on, issued_at,
       snapshot, snapshot_hash, token, status_reason, status_changed_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10::jsonb,$11,$12,$13,$14) RETURNING *`,
    [l.id, l.number, l.application_id, l.kind, l.status, l.organisation_id, l.valid_from, l.expires_on, l.issued_at, JSON.stringify(l.snapshot), l.snapshot_hash, l.token, l.status_reason, l.status_changed_at],
  );
  const lineRows = await q.query<LicenceLineRow>(
    `INSERT INTO licensing_licence_lines (licence_id, line_no, quantity, unit, used)
     SELECT $1::uuid, * , 0 FROM unnest($2::int[], $3::bigint[], $4::text[]) RETURNING *`,
    [l.id, lines.map((x) => x.lineNo), lines.map((x) => x.quantity), lines.map((x) => x.unit)],
  );
  return { licence: rows[0], lines: lineRows };
}

export async function getLicenceByNumber(q: Queryable, number: string, forUpdate = false): Promise<LicenceRow | undefined> {
  const rows = await q.query<LicenceRow>(`SELECT * FROM licensing_licences WHERE number = $1${forUpdate ? ' FOR UPDATE' : ''}`, [number]);
  return rows[0];
}

/** The licences with these numbers (not locked). */
export async function getLicencesByNumbers(q: Queryable, numbers: readonly string[]): Promise<LicenceRow[]> {
  if (numbers.length === 0) return [];
  return q.query<LicenceRow>('SELECT * FROM licensing_licences WHERE number = ANY($1::text[])', [numbers]);
}

/** The licences a batch of shipments names, locked in id order (usage is consumed under the lock). */
export async function getLicencesByNumbersForUpdate(q: Queryable, numbers: readonly string[]): Promise<LicenceRow[]> {
  return q.query<LicenceRow>('SELECT * FROM licensing_licences WHERE number = ANY($1::text[]) ORDER BY id FOR UPDATE', [numbers]);
}

export async function getLicenceById(q: Queryable, id: string): Promise<LicenceRow | undefined> {
  const rows = await q.query<LicenceRow>('SELECT * FROM licensing_licences WHERE id = $1', [id]);
  return rows[0];
}

export async function getLicenceLines(q: Queryable, licenceIds: readonly string[]): Promise<LicenceLineRow[]> {
  return q.query<LicenceLineRow>('SELECT * FROM licensing_licence_lines WHERE licence_id = ANY($1::uuid[]) ORDER BY licence_id, line_no', [licenceIds]);
}

export async function setLicenceStatus(q: Queryable, id: string, status: LicenceStatus, reason: string | null, at: Date, publicWording: string | null = null): Promise<LicenceRow> {
  const rows = await q.query<LicenceRow>(
    'UPDATE licensing_licences SET status = $2, status_reason = $3, status_changed_at = $4, public_wording = $5 WHERE id = $1 RETURNING *',
    [id, status, reason, at, publicWording],
  );
  return rows[0];
}

export async function insertLicenceEvents(
  q: Queryable,
  events: { id: string; licenceId: string; from: string | null; to: string; at: Date; actorName: string; actorRole: string; reason: string | null }[],
): Promise<void> {
  if (events.length === 0) return;
  await q.query(
    `INSERT INTO licensing_licence_events (id, licence_id, from_status, to_status, at, actor_name, actor_role, reason)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::timestamptz[], $6::text[], $7::text[], $8::text[])`,
    [
      events.map((e) => e.id),
      events.map((e) => e.licenceId),
      events.map((e) => e.from),
      events.map((e) => e.to),
      events.map((e) => e.at),
      events.map((e) => e.actorName),
      events.map((e) => e.actorRole),
      events.map((e) => e.reason),
    ],
  );
}

export interface LicenceEventRow {
  id: string;
  licence_id: string;
  from_status: string | null;
  to_status: string;
  at: Date;
  actor_name: string;
  actor_role: string;
  reason: string | null;
}

export async function listLicenceEvents(q: Queryable, licenceId: string): Promise<LicenceEventRow[]> {
  return listLicenceEventsFor(q, [licenceId]);
}

export async function listLicenceEventsFor(q: Queryable, licenceIds: readonly string[]): Promise<LicenceEventRow[]> {
  return q.query<LicenceEventRow>('SELECT * FROM licensing_licence_events WHERE licence_id = ANY($1::uuid[]) ORDER BY licence_id, at, id', [licenceIds]);
}

export async function listLicences(
  q: Queryable,
  f: { organisationId?: string | null; status?: string; limit: number; after?: { issuedAt: string; id: string } },
): Promise<LicenceRow[]> {
  const w = new SqlFilter();
  const p = w.p;
  if (f.organisationId !== undefined) w.and(`organisation_id = ${p(f.organisationId)}`);
  if (f.status) w.and(`status = ${p(f.status)}`);
  if (f.after) w.and(`(issued_at, id) < (${p(f.after.issuedAt)}::timestamptz, ${p(f.after.id)}::uuid)`);
  return q.query<LicenceRow>(`SELECT * FROM licensing_licences ${w.clause} ORDER BY issued_at DESC, id DESC LIMIT ${p(f.limit + 1)}`, w.params);
}

export async function expireLicences(q: Queryable, ids: readonly string[], at: Date): Promise<LicenceRow[]> {
  return q.query<LicenceRow>(
    `UPDATE licensing_licences SET status = 'expired', status_reason = 'Expired on ' || expires_on::text, status_changed_at = $2, public_wording = NULL
     WHERE id = ANY($1::uuid[]) RETURNING *`,
    [ids, at],
  );
}

/** Active licences whose expiry date has passed (for the expiry sweep). */
export async function listExpirable(q: Queryable, today: string, limit: number): Promise<LicenceRow[]> {
  return q.query<LicenceRow>(
    `SELECT * FROM licensing_licences WHERE status IN ('issued', 'partly_used', 'suspended') AND expires_on < $1 ORDER BY expires_on, id LIMIT $2 FOR UPDATE`,
    [today, limit],
  );
}

// ---------------------------------------------------------------------------------------------- shipments

export interface ShipmentRow {
  id: string;
  licence_id: string;
  shipped_on: string;
  exit_point: string;
  carrier: { name: string; country: string } | Record<string, never>;
  lines: ShipmentLineInput[];
  external_reference: string | null;
  recorded_at: Date;
  recorded_by: string;
  status: 'shipped' | 'delivered';
  delivered_on: string | null;
  verified_at: Date | null;
  verifying_state: string | null;
  verification_evidence: string | null;
  verification_document_sha256: string | null;
}

export function shipmentState(r: ShipmentRow) {
  return {
    id: r.id,
    licenceId: r.licence_id,
    shippedOn: r.shipped_on,
    exitPoint: r.exit_point,
    carrier: r.carrier,
    lines: r.lines,
    externalReference: r.external_reference,
    recordedAt: r.recorded_at,
    recordedBy: r.recorded_by,
    status: r.status,
    deliveredOn: r.delivered_on,
    verifiedAt: r.verified_at,
    verifyingState: r.verifying_state,
    verificationEvidence: r.verification_evidence,
    verificationDocumentSha256: r.verification_document_sha256,
  };
}

export async function insertShipments(q: Queryable, s: ReturnType<typeof shipmentState>[]): Promise<ShipmentRow[]> {
  return q.query<ShipmentRow>(
    `INSERT INTO licensing_shipments (id, licence_id, shipped_on, exit_point, carrier, lines, external_reference, recorded_at, recorded_by, status)
     SELECT u.id, u.licence_id, u.shipped_on, u.exit_point, u.carrier::jsonb, u.lines::jsonb, u.ext, u.recorded_at, u.recorded_by, 'shipped'
     FROM unnest($1::uuid[], $2::uuid[], $3::date[], $4::text[], $5::text[], $6::text[], $7::text[], $8::timestamptz[], $9::text[])
       AS u(id, licence_id, shipped_on, exit_point, carrier, lines, ext, recorded_at, recorded_by)
     RETURNING *`,
    [
      s.map((x) => x.id),
      s.map((x) => x.licenceId),
      s.map((x) => x.shippedOn),
      s.map((x) => x.exitPoint),
      s.map((x) => JSON.stringify(x.carrier)),
      s.map((x) => JSON.stringify(x.lines)),
      s.map((x) => x.externalReference),
      s.map((x) => x.recordedAt),
      s.map((x) => x.recordedBy),
    ],
  );
}

/** Shipments already recorded under these (licence, external reference) pairs, in one query. */
export async function findShipmentsByExternal(q: Queryable, pairs: { licenceId: string; externalReference: string }[]): Promise<ShipmentRow[]> {
  if (pairs.length === 0) return [];
  return q.query<ShipmentRow>(
    `SELECT s.* FROM licensing_shipments s
     JOIN unnest($1::uuid[], $2::text[]) AS u(licence_id, ext) ON s.licence_id = u.licence_id AND s.external_reference = u.ext`,
    [pairs.map((p) => p.licenceId), pairs.map((p) => p.externalReference)],
  );
}

export async function findShipmentByExternal(q: Queryable, licenceId: string, externalReference: string): Promise<ShipmentRow | undefined> {
  const rows = await q.query<ShipmentRow>('SELECT * FROM licensing_shipments WHERE licence_id = $1 AND external_reference = $2', [licenceId, externalReference]);
  return rows[0];
}

/** Adds used quantities for (licence, line) pairs in one statement. */
export async function addUsage(q: Queryable, usage: { licenceId: string; lineNo: number; quantity: number }[]): Promise<void> {
  if (usage.length === 0) return;
  await q.query(
    `UPDATE licensing_licence_lines l SET used = l.used + u.qty
     FROM (SELECT licence_id, line_no, sum(qty) AS qty FROM unnest($1::uuid[], $2::int[], $3::bigint[]) AS x(licence_id, line_no, qty)
           GROUP BY licence_id, line_no) u
     WHERE l.licence_id = u.licence_id AND l.line_no = u.line_no`,
    [usage.map((u) => u.licenceId), usage.map((u) => u.lineNo), usage.map((u) => u.quantity)],
  );
}

export async function getShipment(q: Queryable, id: string, forUpdate = false): Promise<ShipmentRow | undefined> {
  const rows = await q.query<ShipmentRow>(`SELECT * FROM licensing_shipments WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
  return rows[0];
}

export async function listShipmentsForLicence(q: Queryable, licenceId: string): Promise<ShipmentRow[]> {
  return q.query<ShipmentRow>('SELECT * FROM licensing_shipments WHERE licence_id = $1 ORDER BY shipped_on, id', [licenceId]);
}

export async function markDelivered(
  q: Queryable,
  id: string,
  v: { deliveredOn: string; verifiedAt: Date; verifyingState: string; evidence: string; documentSha256: string | null },
): Promise<ShipmentRow> {
  const rows = await q.query<ShipmentRow>(
    `UPDATE licensing_shipments SET status = 'delivered', delivered_on = $2, verified_at = $3, verifying_state = $4,
       verification_evidence = $5, verification_document_sha256 = $6 WHERE id = $1 RETURNING *`,
    [id, v.deliveredOn, v.verifiedAt, v.verifyingState, v.evidence, v.documentSha256],
  );
  return rows[0];
}

export async function listAwaitingVerification(
  q: Queryable,
  f: { shippedBefore: string; organisationId?: string | null; limit: number },
): Promise<(ShipmentRow & { number: string; import_country: string })[]> {
  const w = new SqlFilter();
  const p = w.p;
  w.and(`s.status = 'shipped' AND s.shipped_on < ${p(f.shippedBefore)}`);
  if (f.organisationId !== undefined) w.and(`l.organisation_id = ${p(f.organisationId)}`);
  return q.query(
    `SELECT s.*, l.number, l.snapshot->>'importCountry' AS import_country
     FROM licensing_shipments s JOIN licensing_licences l ON l.id = s.licence_id
     ${w.clause} ORDER BY s.shipped_on, s.id LIMIT ${p(f.limit)}`,
    w.params,
  );
}

/** The number of the licence issued on an application, if any. */
export async function licenceNumberForApplication(q: Queryable, applicationId: string): Promise<string | null> {
  const rows = await q.query<{ number: string }>('SELECT number FROM licensing_licences WHERE application_id = $1', [applicationId]);
  return rows[0]?.number ?? null;
}
