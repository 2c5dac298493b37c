import { SqlFilter } from '../platform/db/filter.ts';
import type { Queryable } from '../platform/db/types.ts';
import type {
  ApplicationContent,
  ApplicationKind,
  ApplicationStatus,
  ImportAuthorizationEvidence,
  LicenceSnapshot,
  LicenceStatus,
  ShipmentLineInput,
  TransitNoObjectionEvidence,
  Unit,
} from './model.ts';

/**
 * SQL for the licensing tables only. Each `xState(row)` is both what the service hashes into the audit
 * log and what the audited-entity loader re-reads, so `custodia audit verify` compares like with like.
 */

// ---------------------------------------------------------------------------------------------- counters

export async function nextCounter(q: Queryable, prefix: string, by = 1): Promise<number> {
  const rows = await q.query<{ last: number }>(
    `INSERT INTO licensing_counters (prefix, last) VALUES ($1, $2)
     ON CONFLICT (prefix) DO UPDATE SET last = licensing_counters.last + $2
     RETURNING last`,
    [prefix, by],
  );
  return Number(rows[0].last);
}

// ---------------------------------------------------------------------------------------------- applications

export interface ApplicationRow {
  id: string;
  reference: string;
  kind: ApplicationKind;
  status: ApplicationStatus;
  organisation_id: string | null;
  applicant_name: string;
  export_country: string;
  import_country: string;
  content: ApplicationContent;
  assigned_officer: string | null;
  countersignature_required: boolean;
  recommendation: string | null;
  submitted_at: Date;
  updated_at: Date;
}

export function applicationState(r: ApplicationRow) {
  return {
    id: r.id,
    reference: r.reference,
    kind: r.kind,
    status: r.status,
    organisationId: r.organisation_id,
    applicantName: r.applicant_name,
    exportCountry: r.export_country,
    importCountry: r.import_country,
    content: r.content,
    assignedOfficer: r.assigned_officer,
    countersignatureRequired: r.countersignature_required,
    recommendation: r.recommendation,
    submittedAt: r.submitted_at,
    updatedAt: r.updated_at,
  };
}
export type ApplicationState = ReturnType<typeof applicationState>;

export async function insertApplication(q: Queryable, a: ApplicationState): Promise<ApplicationRow> {
  const rows = await q.query<ApplicationRow>(
    `INSERT INTO licensing_applications (id, reference, kind, status, organisation_id, applicant_name, export_country,
       import_country, content, assigned_officer, countersignature_required, recommendation, submitted_at, updated_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9::jsonb,$10,$11,$12,$13,$14) RETURNING *`,
    [
      a.id,
      a.reference,
      a.kind,
      a.status,
      a.organisationId,
      a.applicantName,
      a.exportCountry,
      a.importCountry,
      JSON.stringify(a.content),
      a.assignedOfficer,
      a.countersignatureRequired,
      a.recommendation,
      a.submittedAt,
      a.updatedAt,
    ],
  );
  return rows[0];
}

export async function getApplication(q: Queryable, id: string, forUpdate = false): Promise<ApplicationRow | undefined> {
  const rows = await q.query<ApplicationRow>(`SELECT * FROM licensing_applications WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
  return rows[0];
}

export async function updateApplication(
  q: Queryable,
  id: string,
  patch: { status: ApplicationStatus; updatedAt: Date; assignedOfficer?: string | null; recommendation?: string | null; countersignatureRequired?: boolean },
): Promise<ApplicationRow> {
  const rows = await q.query<ApplicationRow>(
    `UPDATE licensing_applications SET status = $2, updated_at = $3,
       assigned_officer = CASE WHEN $4::boolean THEN $5 ELSE assigned_officer END,
       recommendation = CASE WHEN $6::boolean THEN $7 ELSE recommendation END,
       countersignature_required = COALESCE($8, countersignature_required)
     WHERE id = $1 RETURNING *`,
    [
      id,
      patch.status,
      patch.updatedAt,
      patch.assignedOfficer !== undefined,
      patch.assignedOfficer ?? null,
      patch.recommendation !== undefined,
      patch.recommendation ?? null,
      patch.countersignatureRequired ?? null,
    ],
  );
  return rows[0];
}

export async function listApplications(
  q: Queryable,
  f: { organisationId?: string | null; status?: string; kind?: string; limit: number; after?: { submittedAt: string; id: string } },
): Promise<ApplicationRow[]> {
  const w = new SqlFilter();
  const p = w.p;
  if (f.organisationId !== undefined) w.and(`organisation_id = ${p(f.organisationId)}`);
  if (f.status) w.and(`status = ${p(f.status)}`);
  if (f.kind) w.and(`kind = ${p(f.kind)}`);
  if (f.after) w.and(`(submitted_at, id) < (${p(f.after.submittedAt)}::timestamptz, ${p(f.after.id)}::uuid)`);
  return q.query<ApplicationRow>(`SELECT * FROM licensing_applications ${w.clause} ORDER BY submitted_at DESC, id DESC LIMIT ${p(f.limit + 1)}`, w.params);
}

// ---------------------------------------------------------------------------------------------- decisions

export interface DecisionDbRow {
  id: string;
  application_id: string;
  kind: string;
  at: Date;
  actor_name: string;
  actor_role: string;
  reason: string | null;
  data: Record<string, unknown>;
  rules_version: string | null;
}

export function decisionState(r: DecisionDbRow) {
  return {
    id: r.id,
    applicationId: r.application_id,
    kind: r.kind,
    at: r.at,
    actorName: r.actor_name,
    actorRole: r.actor_role,
    reason: r.reason,
    data: r.data,
    rulesVersion: r.rules_version,
  };
}
export type DecisionState = ReturnType<typeof decisionState>;

export async function insertDecision(q: Queryable, d: DecisionState): Promise<DecisionDbRow> {
  const rows = await q.query<DecisionDbRow>(
    `INSERT INTO licensing_decisions (id, application_id, kind, at, actor_name, actor_role, reason, data, rules_version)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8::jsonb,$9) RETURNING *`,
    [d.id, d.applicationId, d.kind, d.at, d.actorName, d.actorRole, d.reason, JSON.stringify(d.data), d.rulesVersion],
  );
  return rows[0];
}

export async function listDecisions(q: Queryable, applicationId: string): Promise<DecisionDbRow[]> {
  return q.query<DecisionDbRow>('SELECT * FROM licensing_decisions WHERE application_id = $1 ORDER BY at, id', [applicationId]);
}

// ---------------------------------------------------------------------------------------------- documents

export interface DocumentRow {
  id: string;
  application_id: string | null;
  kind: string;
  filename: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  uploaded_at: Date;
  uploaded_by: string;
}

/** The audited state names the content by its hash; the bytes themselves are re-hashed by the loader. */
export function documentState(r: DocumentRow & { content_sha256?: string }) {
  return {
    id: r.id,
    applicationId: r.application_id,
    kind: r.kind,
    filename: r.filename,
    mediaType: r.media_type,
    sizeBytes: Number(r.size_bytes),
    sha256: r.sha256,
    uploadedAt: r.uploaded_at,
    uploadedBy: r.uploaded_by,
  };
}

export async function insertDocument(
  q: Queryable,
  d: { id: string; applicationId: string | null; kind: string; filename: string; mediaType: string; content: Buffer; sha256: string; uploadedAt: Date; uploadedBy: string },
): Promise<DocumentRow> {
  const rows = await q.query<DocumentRow>(
    `INSERT INTO licensing_documents (id, application_id, kind, filename, media_type, size_bytes, sha256, content, uploaded_at, uploaded_by)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)
     RETURNING id, application_id, kind, filename, media_type, size_bytes, sha256, uploaded_at, uploaded_by`,
    [d.id, d.applicationId, d.kind, d.filename, d.mediaType, d.content.length, d.sha256, d.content, d.uploadedAt, d.uploadedBy],
  );
  return rows[0];
}

export async function listDocuments(q: Queryable, applicationId: string): Promise<DocumentRow[]> {
  return q.query<DocumentRow>(
    `SELECT id, application_id, kind, filename, media_type, size_bytes, sha256, uploaded_at, uploaded_by
     FROM licensing_documents WHERE application_id = $1 ORDER BY uploaded_at, id`,
    [applicationId],
  );
}

export async function getDocumentContent(q: Queryable, id: string): Promise<(DocumentRow & { content: Uint8Array }) | undefined> {
  const rows = await q.query<DocumentRow & { content: Uint8Array }>('SELECT * FROM licensing_documents WHERE id = $1', [id]);
  return rows[0];
}

// ---------------------------------------------------------------------------------------------- evidence

export interface ImportAuthRow {
  id: string;
  application_id: string;
  reference: string;
  issuing_state: string;
  issuing_authority: string;
  issue_date: string;
  expiry_date: string;
  document_id: string | null;
  document_sha256: string | null;
  goods: { controlEntry: string; quantity: number; unit: Unit }[];
  source: string;
  recorded_at: Date;
  superseded_at: Date | null;
  superseded_reason: string | null;
}

export function importAuthState(r: ImportAuthRow) {
  return {
    id: r.id,
    applicationId: r.application_id,
    reference: r.reference,
    issuingState: r.issuing_state,
    issuingAuthority: r.issuing_authority,
    issueDate: r.issue_date,
    expiryDate: r.expiry_date,
    documentId: r.document_id,
    documentSha256: r.document_sha256,
    goods: r.goods,
    source: r.source,
    recordedAt: r.recorded_at,
    supersededAt: r.superseded_at,
    supersededReason: r.superseded_reason,
  };
}

export function importAuthEvidence(r: ImportAuthRow): ImportAuthorizationEvidence {
  return {
    id: r.id,
    reference: r.reference,
    issuingState: r.issuing_state,
    issuingAuthority: r.issuing_authority,
    issueDate: r.issue_date,
    expiryDate: r.expiry_date,
    documentSha256: r.document_sha256,
    goods: r.goods,
    source: r.source,
  };
}

export async function insertImportAuth(q: Queryable, s: ReturnType<typeof importAuthState>): Promise<ImportAuthRow> {
  const rows = await q.query<ImportAuthRow>(
    `INSERT INTO licensing_import_authorizations (id, application_id, reference, issuing_state, issuing_authority, issue_date,
       expiry_date, document_id, document_sha256, goods, source, recorded_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10::jsonb,$11,$12) RETURNING *`,
    [s.id, s.applicationId, s.reference, s.issuingState, s.issuingAuthority, s.issueDate, s.expiryDate, s.documentId, s.documentSha256, JSON.stringify(s.goods), s.source, s.recordedAt],
  );
  return rows[0];
}

export async function listImportAuths(q: Queryable, applicationId: string, includeSuperseded = false): Promise<ImportAuthRow[]> {
  return q.query<ImportAuthRow>(
    `SELECT * FROM licensing_import_authorizations WHERE application_id = $1 ${includeSuperseded ? '' : 'AND superseded_at IS NULL'} ORDER BY recorded_at, id`,
    [applicationId],
  );
}

export interface TransitRow {
  id: string;
  application_id: string;
  state: string;
  reference: string;
  notice_date: string;
  document_id: string | null;
  document_sha256: string | null;
  source: string;
  recorded_at: Date;
  superseded_at: Date | null;
  superseded_reason: string | null;
}

export function transitState(r: TransitRow) {
  return {
    id: r.id,
    applicationId: r.application_id,
    state: r.state,
    reference: r.reference,
    noticeDate: r.notice_date,
    documentId: r.document_id,
    documentSha256: r.document_sha256,
    source: r.source,
    recordedAt: r.recorded_at,
    supersededAt: r.superseded_at,
    supersededReason: r.superseded_reason,
  };
}

export function transitEvidence(r: TransitRow): TransitNoObjectionEvidence {
  return { id: r.id, state: r.state, reference: r.reference, noticeDate: r.notice_date, documentSha256: r.document_sha256, source: r.source };
}

export async function insertTransit(q: Queryable, s: ReturnType<typeof transitState>): Promise<TransitRow> {
  const rows = await q.query<TransitRow>(
    `INSERT INTO licensing_transit_no_objections (id, application_id, state, reference, notice_date, document_id, document_sha256, source, recorded_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) RETURNING *`,
    [s.id, s.applicationId, s.state, s.reference, s.noticeDate, s.documentId, s.documentSha256, s.source, s.recordedAt],
  );
  return rows[0];
}

export async function listTransits(q: Queryable, applicationId: string, includeSuperseded = false): Promise<TransitRow[]> {
  return q.query<TransitRow>(
    `SELECT * FROM licensing_transit_no_objections WHERE application_id = $1 ${includeSuperseded ? '' : 'AND superseded_at IS NULL'} ORDER BY recorded_at, id`,
    [applicationId],
  );
}

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

// ---------------------------------------------------------------------------------------------- brokers

export interface BrokerRow {
  id: string;
  party_id: string | null;
  name: string;
  legal_form: string | null;
  registration_no: string;
  country: string;
  location: string;
  valid_from: string;
  valid_to: string;
  status: 'active' | 'suspended' | 'retired';
  status_reason: string | null;
  registered_at: Date;
  updated_at: Date;
}

export function brokerState(r: BrokerRow) {
  return {
    id: r.id,
    partyId: r.party_id,
    name: r.name,
    legalForm: r.legal_form,
    registrationNo: r.registration_no,
    country: r.country,
    location: r.location,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    status: r.status,
    statusReason: r.status_reason,
    registeredAt: r.registered_at,
    updatedAt: r.updated_at,
  };
}
export type BrokerState = ReturnType<typeof brokerState>;

export async function insertBroker(q: Queryable, b: BrokerState): Promise<BrokerRow> {
  const rows = await q.query<BrokerRow>(
    `INSERT INTO licensing_brokers (id, party_id, name, legal_form, registration_no, country, location, valid_from, valid_to, status, status_reason, registered_at, updated_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13) RETURNING *`,
    [b.id, b.partyId, b.name, b.legalForm, b.registrationNo, b.country, b.location, b.validFrom, b.validTo, b.status, b.statusReason, b.registeredAt, b.updatedAt],
  );
  return rows[0];
}

export async function updateBrokerStatus(q: Queryable, id: string, status: BrokerRow['status'], reason: string, validTo: string | null, at: Date): Promise<BrokerRow | undefined> {
  const rows = await q.query<BrokerRow>(
    'UPDATE licensing_brokers SET status = $2, status_reason = $3, valid_to = COALESCE($4::date, valid_to), updated_at = $5 WHERE id = $1 RETURNING *',
    [id, status, reason, validTo, at],
  );
  return rows[0];
}

export async function getBrokers(q: Queryable, ids: readonly string[]): Promise<BrokerRow[]> {
  return q.query<BrokerRow>('SELECT * FROM licensing_brokers WHERE id = ANY($1::uuid[])', [ids]);
}

export async function listBrokers(q: Queryable, f: { name?: string; limit: number }): Promise<BrokerRow[]> {
  if (f.name) {
    return q.query<BrokerRow>(`SELECT * FROM licensing_brokers WHERE lower(name) LIKE '%' || lower($1) || '%' ORDER BY name, id LIMIT $2`, [f.name, f.limit]);
  }
  return q.query<BrokerRow>('SELECT * FROM licensing_brokers ORDER BY name, id LIMIT $1', [f.limit]);
}

// ---------------------------------------------------------------------------------------------- denials

export interface DenialRow {
  id: string;
  application_id: string;
  reference: string;
  kind: string;
  denied_at: Date;
  applicant_name: string;
  consignee_name: string | null;
  end_user_name: string;
  parties: unknown;
  export_country: string;
  import_country: string;
  control_entries: string[];
  goods: unknown;
  criteria: string[];
  reason: string;
}

export function denialState(r: DenialRow) {
  return {
    id: r.id,
    applicationId: r.application_id,
    reference: r.reference,
    kind: r.kind,
    deniedAt: r.denied_at,
    applicantName: r.applicant_name,
    consigneeName: r.consignee_name,
    endUserName: r.end_user_name,
    parties: r.parties,
    exportCountry: r.export_country,
    importCountry: r.import_country,
    controlEntries: r.control_entries,
    goods: r.goods,
    criteria: r.criteria,
    reason: r.reason,
  };
}
export type DenialState = ReturnType<typeof denialState>;

export async function insertDenial(q: Queryable, d: DenialState): Promise<DenialRow> {
  const rows = await q.query<DenialRow>(
    `INSERT INTO licensing_denials (id, application_id, reference, kind, denied_at, applicant_name, consignee_name, end_user_name, parties,
       export_country, import_country, control_entries, goods, criteria, reason)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9::jsonb,$10,$11,$12::text[],$13::jsonb,$14::text[],$15) RETURNING *`,
    [d.id, d.applicationId, d.reference, d.kind, d.deniedAt, d.applicantName, d.consigneeName, d.endUserName, JSON.stringify(d.parties), d.exportCountry, d.importCountry, d.controlEntries, JSON.stringify(d.goods), d.criteria, d.reason],
  );
  return rows[0];
}

export async function listDenials(q: Queryable, limit: number): Promise<DenialRow[]> {
  return q.query<DenialRow>('SELECT * FROM licensing_denials ORDER BY denied_at DESC, id DESC LIMIT $1', [limit]);
}

// ---------------------------------------------------------------------------------------------- audit loaders

export async function loadByIds<R>(q: Queryable, table: string, ids: readonly string[]): Promise<R[]> {
  return q.query<R>(`SELECT * FROM ${table} WHERE id = ANY($1::uuid[])`, [ids]);
}
