import { SqlFilter } from '../platform/db/filter.ts';
import type { Queryable } from '../platform/db/types.ts';
import type { ApplicationContent, ApplicationKind, ApplicationStatus, ImportAuthorizationEvidence, TransitNoObjectionEvidence, Unit } from './model.ts';

/**
 * SQL for licensing cases: applications, their decisions, documents and Art. 10(2) evidence (import
 * authorizations, transit no-objections), and the reference counters. Each `xState(row)` is both what a
 * use case hashes into the audit log and what the audited-entity loader re-reads (entities.ts).
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

/** The case a State-to-State message names by its reference (the exporting State's case reference). */
export async function getApplicationByReference(q: Queryable, reference: string): Promise<ApplicationRow | undefined> {
  const rows = await q.query<ApplicationRow>('SELECT * FROM licensing_applications WHERE reference = $1', [reference]);
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

// ---------------------------------------------------------------------------------------------- audit loaders

/** Documents' audited states with their bytes re-hashed, so altered content shows up, not only altered metadata. */
export async function documentStatesByIds(q: Queryable, ids: readonly string[]): Promise<Map<string, ReturnType<typeof documentState>>> {
  const rows = await q.query<DocumentRow>(
    `SELECT id, application_id, kind, filename, media_type, size_bytes, uploaded_at, uploaded_by,
            encode(sha256(content), 'hex') AS sha256
     FROM licensing_documents WHERE id = ANY($1::uuid[])`,
    [ids],
  );
  return new Map(rows.map((r) => [r.id, documentState(r)]));
}

export async function loadByIds<R>(q: Queryable, table: string, ids: readonly string[]): Promise<R[]> {
  return q.query<R>(`SELECT * FROM ${table} WHERE id = ANY($1::uuid[])`, [ids]);
}
