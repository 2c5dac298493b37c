import type { Queryable, Tx } from '../platform/db/types.ts';
import type { ListEntry } from './parse/types.ts';

/** SQL for the screening tables only. Bulk writes are set-based (unnest), in chunks. */

const CHUNK = 2000;

function chunks<T>(rows: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

export interface VersionRow {
  id: string;
  source: string;
  format: string;
  published_on: string | null;
  file_name: string | null;
  file_sha256: string;
  entry_count: number;
  name_count: number;
  status: 'loading' | 'active' | 'superseded';
  imported_at: Date;
  imported_by: string;
  superseded_at: Date | null;
  superseded_by: string | null;
}

export function versionState(r: VersionRow) {
  return {
    id: r.id,
    source: r.source,
    format: r.format,
    publishedOn: r.published_on,
    fileName: r.file_name,
    fileSha256: r.file_sha256,
    entryCount: Number(r.entry_count),
    nameCount: Number(r.name_count),
    status: r.status,
    importedAt: r.imported_at.toISOString(),
    importedBy: r.imported_by,
    supersededAt: r.superseded_at ? r.superseded_at.toISOString() : null,
    supersededBy: r.superseded_by,
  };
}
export type ListVersion = ReturnType<typeof versionState>;

export async function insertVersion(q: Queryable, v: Omit<VersionRow, 'superseded_at' | 'superseded_by'>): Promise<void> {
  await q.query(
    `INSERT INTO screening_list_version (id, source, format, published_on, file_name, file_sha256, entry_count, name_count, status, imported_at, imported_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [v.id, v.source, v.format, v.published_on, v.file_name, v.file_sha256, v.entry_count, v.name_count, v.status, v.imported_at.toISOString(), v.imported_by],
  );
}

export async function getVersion(q: Queryable, id: string): Promise<VersionRow | undefined> {
  const [row] = await q.query<VersionRow>('SELECT * FROM screening_list_version WHERE id = $1', [id]);
  return row;
}

export async function activeVersions(q: Queryable): Promise<VersionRow[]> {
  return q.query<VersionRow>(`SELECT * FROM screening_list_version WHERE status = 'active' ORDER BY source`);
}

export async function listVersions(q: Queryable): Promise<VersionRow[]> {
  return q.query<VersionRow>('SELECT * FROM screening_list_version ORDER BY imported_at DESC, id DESC');
}

export async function findActiveBySha(q: Queryable, source: string, sha: string): Promise<VersionRow | undefined> {
  const [row] = await q.query<VersionRow>(`SELECT * FROM screening_list_version WHERE source = $1 AND file_sha256 = $2 AND status = 'active'`, [source, sha]);
  return row;
}

/** The switch: the old active version of the list is superseded and the new one activated, in the caller's transaction. */
export async function activate(q: Queryable, id: string, source: string, at: Date): Promise<VersionRow[]> {
  const old = await q.query<VersionRow>(
    `UPDATE screening_list_version SET status = 'superseded', superseded_at = $3, superseded_by = $1
     WHERE source = $2 AND status = 'active' RETURNING *`,
    [id, source, at.toISOString()],
  );
  await q.query(`UPDATE screening_list_version SET status = 'active' WHERE id = $1`, [id]);
  return old;
}

export interface EntryInsert {
  entry: ListEntry;
  hash: string;
  names: Array<{ name: string; normalized: string; quality: string }>;
}

export async function insertEntries(q: Queryable, versionId: string, rows: EntryInsert[]): Promise<void> {
  for (const part of chunks(rows)) {
    await q.query(
      `INSERT INTO screening_entry (version_id, external_id, kind, primary_name, reference_number, programmes, countries, data, content_hash)
       SELECT $1, t.external_id, t.kind, t.primary_name, t.reference_number,
              string_to_array(t.programmes, chr(31)), string_to_array(t.countries, chr(31)), t.data::jsonb, t.hash
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
         AS t(external_id, kind, primary_name, reference_number, programmes, countries, data, hash)`,
      [
        versionId,
        part.map((r) => r.entry.externalId),
        part.map((r) => r.entry.kind),
        part.map((r) => r.entry.primaryName),
        part.map((r) => r.entry.referenceNumber),
        part.map((r) => r.entry.programmes.join('\x1f')),
        part.map((r) => r.entry.countries.join('\x1f')),
        part.map((r) => JSON.stringify(r.entry)),
        part.map((r) => r.hash),
      ],
    );
  }
  const names = rows.flatMap((r) => r.names.map((n, i) => ({ id: r.entry.externalId, no: i, ...n })));
  for (const part of chunks(names)) {
    await q.query(
      `INSERT INTO screening_entry_name (version_id, external_id, name_no, name, normalized, quality)
       SELECT $1, * FROM unnest($2::text[], $3::int[], $4::text[], $5::text[], $6::text[])`,
      [versionId, part.map((n) => n.id), part.map((n) => n.no), part.map((n) => n.name), part.map((n) => n.normalized), part.map((n) => n.quality)],
    );
  }
}

export interface EntryRow {
  version_id: string;
  external_id: string;
  content_hash: string;
  data: ListEntry;
}

export async function entriesOfVersion(q: Queryable, versionId: string): Promise<EntryRow[]> {
  return q.query<EntryRow>('SELECT version_id, external_id, content_hash, data FROM screening_entry WHERE version_id = $1', [versionId]);
}

export async function getEntry(q: Queryable, versionId: string, externalId: string): Promise<EntryRow | undefined> {
  const [row] = await q.query<EntryRow>(
    'SELECT version_id, external_id, content_hash, data FROM screening_entry WHERE version_id = $1 AND external_id = $2',
    [versionId, externalId],
  );
  return row;
}

/** Fresh statistics after a bulk load, so the planner uses the trigram index rather than scanning. */
export async function analyzeEntries(q: Queryable): Promise<void> {
  await q.exec('ANALYZE screening_entry_name; ANALYZE screening_entry;');
}

/**
 * Entries whose normalised names are trigram-similar to the name (catches typos no key shares).
 * `tx` must be a transaction: the planner prices `%` like a cheap operator and seq-scans the ~25k names
 * (computing every name's trigrams: 100–150 ms on PGlite) where the GIN trigram index answers in ~6 ms,
 * so sequential scans are switched off for this one statement (set_config local, then restored).
 */
export async function trigramCandidates(tx: Tx, normalized: string, versionIds: string[], limit: number): Promise<Array<{ version_id: string; external_id: string }>> {
  if (!normalized || versionIds.length === 0) return [];
  const [{ prev }] = await tx.query<{ prev: string }>(
    `SELECT current_setting('enable_seqscan') AS prev, set_config('enable_seqscan', 'off', true)`,
  );
  const rows = await tx.query<{ version_id: string; external_id: string }>(
    `SELECT version_id, external_id, max(similarity(normalized, $1)) AS sim FROM screening_entry_name
     WHERE version_id = ANY($2::uuid[]) AND normalized % $1
     GROUP BY version_id, external_id ORDER BY sim DESC LIMIT $3`,
    [normalized, versionIds, limit],
  );
  await tx.query(`SELECT set_config('enable_seqscan', $1, true)`, [prev]);
  return rows;
}

export interface DiffRow {
  external_id: string;
  change: 'added' | 'removed' | 'changed';
  old_data: ListEntry | null;
  new_data: ListEntry | null;
}

export async function diffVersions(q: Queryable, fromId: string, toId: string): Promise<DiffRow[]> {
  return q.query<DiffRow>(
    `SELECT coalesce(n.external_id, o.external_id) AS external_id,
            CASE WHEN o.external_id IS NULL THEN 'added' WHEN n.external_id IS NULL THEN 'removed' ELSE 'changed' END AS change,
            o.data AS old_data, n.data AS new_data
     FROM (SELECT external_id, content_hash, data FROM screening_entry WHERE version_id = $1) o
     FULL JOIN (SELECT external_id, content_hash, data FROM screening_entry WHERE version_id = $2) n
       ON n.external_id = o.external_id
     WHERE o.external_id IS NULL OR n.external_id IS NULL OR o.content_hash <> n.content_hash
     ORDER BY 2, 1`,
    [fromId, toId],
  );
}

// ------------------------------------------------------------------ subjects, runs, hits

export interface SubjectRow {
  id: string;
  party_ref: string;
  origin: string;
  name: string;
  kind: string;
  country: string | null;
  birth_date: string | null;
  identifiers: Array<{ type?: string; number: string }>;
  fingerprint: string;
  created_at: Date;
  updated_at: Date;
}

export function subjectState(r: SubjectRow) {
  return {
    id: r.id,
    partyRef: r.party_ref,
    origin: r.origin,
    name: r.name,
    kind: r.kind,
    country: r.country,
    birthDate: r.birth_date,
    identifiers: r.identifiers,
    fingerprint: r.fingerprint,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

export async function subjectsByRef(q: Queryable, refs: string[]): Promise<SubjectRow[]> {
  if (refs.length === 0) return [];
  return q.query<SubjectRow>('SELECT * FROM screening_subject WHERE party_ref = ANY($1::text[])', [refs]);
}

export async function versionsByIds(q: Queryable, ids: readonly string[]): Promise<VersionRow[]> {
  if (ids.length === 0) return [];
  return q.query<VersionRow>('SELECT * FROM screening_list_version WHERE id = ANY($1::uuid[])', [ids]);
}

export async function runsByIds(q: Queryable, ids: readonly string[]): Promise<RunRow[]> {
  if (ids.length === 0) return [];
  return q.query<RunRow>('SELECT * FROM screening_run WHERE id = ANY($1::uuid[])', [ids]);
}

export async function hitsByIds(q: Queryable, ids: readonly string[]): Promise<HitRow[]> {
  if (ids.length === 0) return [];
  return q.query<HitRow>('SELECT * FROM screening_hit WHERE id = ANY($1::uuid[])', [ids]);
}

export async function subjectsByIds(q: Queryable, ids: readonly string[]): Promise<SubjectRow[]> {
  if (ids.length === 0) return [];
  return q.query<SubjectRow>('SELECT * FROM screening_subject WHERE id = ANY($1::uuid[])', [ids]);
}

export async function allSubjects(q: Queryable): Promise<SubjectRow[]> {
  return q.query<SubjectRow>('SELECT * FROM screening_subject ORDER BY party_ref');
}

export async function upsertSubjects(q: Queryable, rows: SubjectRow[]): Promise<SubjectRow[]> {
  if (rows.length === 0) return [];
  return q.query<SubjectRow>(
    `INSERT INTO screening_subject (id, party_ref, origin, name, kind, country, birth_date, identifiers, fingerprint, created_at, updated_at)
     SELECT t.id, t.party_ref, t.origin, t.name, t.kind, t.country, t.birth_date, t.identifiers::jsonb, t.fingerprint, t.at, t.at
     FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::timestamptz[])
       AS t(id, party_ref, origin, name, kind, country, birth_date, identifiers, fingerprint, at)
     ON CONFLICT (party_ref) DO UPDATE SET
       name = excluded.name, kind = excluded.kind, country = excluded.country, birth_date = excluded.birth_date,
       identifiers = excluded.identifiers, fingerprint = excluded.fingerprint,
       updated_at = CASE WHEN screening_subject.fingerprint = excluded.fingerprint THEN screening_subject.updated_at ELSE excluded.updated_at END
     RETURNING *`,
    [
      rows.map((r) => r.id),
      rows.map((r) => r.party_ref),
      rows.map((r) => r.origin),
      rows.map((r) => r.name),
      rows.map((r) => r.kind),
      rows.map((r) => r.country),
      rows.map((r) => r.birth_date),
      rows.map((r) => JSON.stringify(r.identifiers)),
      rows.map((r) => r.fingerprint),
      rows.map((r) => r.created_at.toISOString()),
    ],
  );
}

export interface RunRow {
  id: string;
  subject_id: string | null;
  purpose: string;
  query: unknown;
  list_versions: unknown;
  threshold: number;
  hit_count: number;
  open_hit_count: number;
  screened_at: Date;
  screened_by: string;
}

export function runState(r: RunRow) {
  return {
    id: r.id,
    subjectId: r.subject_id,
    purpose: r.purpose,
    query: r.query,
    listVersions: r.list_versions,
    threshold: Number(r.threshold),
    hitCount: Number(r.hit_count),
    openHitCount: Number(r.open_hit_count),
    screenedAt: r.screened_at.toISOString(),
    screenedBy: r.screened_by,
  };
}

export async function insertRuns(q: Queryable, rows: RunRow[]): Promise<void> {
  for (const part of chunks(rows)) {
    await q.query(
      `INSERT INTO screening_run (id, subject_id, purpose, query, list_versions, threshold, hit_count, open_hit_count, screened_at, screened_by)
       SELECT t.id, t.subject_id, t.purpose, t.query::jsonb, t.lv::jsonb, t.threshold, t.hc, t.ohc, t.at, t.by
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::real[], $7::int[], $8::int[], $9::timestamptz[], $10::text[])
         AS t(id, subject_id, purpose, query, lv, threshold, hc, ohc, at, by)`,
      [
        part.map((r) => r.id),
        part.map((r) => r.subject_id),
        part.map((r) => r.purpose),
        part.map((r) => JSON.stringify(r.query)),
        part.map((r) => JSON.stringify(r.list_versions)),
        part.map((r) => r.threshold),
        part.map((r) => r.hit_count),
        part.map((r) => r.open_hit_count),
        part.map((r) => r.screened_at.toISOString()),
        part.map((r) => r.screened_by),
      ],
    );
  }
}

/** Screening runs by purpose (operations metrics). */
export async function countRunsByPurpose(q: Queryable): Promise<Record<string, number>> {
  const rows = await q.query<{ purpose: string; n: number }>('SELECT purpose, count(*)::int AS n FROM screening_run GROUP BY purpose');
  return Object.fromEntries(rows.map((r) => [r.purpose, r.n]));
}

export interface HitRow {
  id: string;
  run_id: string;
  subject_id: string | null;
  version_id: string;
  source: string;
  external_id: string;
  entry_hash: string;
  entry_name: string;
  score: number;
  explanation: unknown;
  status: 'open' | 'suppressed' | 'decided';
  suppressed_by: string | null;
}

export function hitState(r: HitRow) {
  return {
    id: r.id,
    runId: r.run_id,
    subjectId: r.subject_id,
    versionId: r.version_id,
    source: r.source,
    externalId: r.external_id,
    entryHash: r.entry_hash,
    entryName: r.entry_name,
    score: Math.round(Number(r.score) * 1000) / 1000,
    explanation: r.explanation,
    status: r.status,
    suppressedBy: r.suppressed_by,
  };
}

export async function insertHits(q: Queryable, rows: HitRow[]): Promise<void> {
  for (const part of chunks(rows)) {
    await q.query(
      `INSERT INTO screening_hit (id, run_id, subject_id, version_id, source, external_id, entry_hash, entry_name, score, explanation, status, suppressed_by)
       SELECT t.id, t.run_id, t.subject_id, t.version_id, t.source, t.external_id, t.entry_hash, t.entry_name, t.score, t.explanation::jsonb, t.status, t.suppressed_by
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::text[], $9::real[], $10::text[], $11::text[], $12::uuid[])
         AS t(id, run_id, subject_id, version_id, source, external_id, entry_hash, entry_name, score, explanation, status, suppressed_by)`,
      [
        part.map((r) => r.id),
        part.map((r) => r.run_id),
        part.map((r) => r.subject_id),
        part.map((r) => r.version_id),
        part.map((r) => r.source),
        part.map((r) => r.external_id),
        part.map((r) => r.entry_hash),
        part.map((r) => r.entry_name),
        part.map((r) => r.score),
        part.map((r) => JSON.stringify(r.explanation)),
        part.map((r) => r.status),
        part.map((r) => r.suppressed_by),
      ],
    );
  }
}

export async function getHit(q: Queryable, id: string): Promise<HitRow | undefined> {
  const [row] = await q.query<HitRow>('SELECT * FROM screening_hit WHERE id = $1', [id]);
  return row;
}

export async function hitsOfRun(q: Queryable, runId: string): Promise<HitRow[]> {
  return q.query<HitRow>('SELECT * FROM screening_hit WHERE run_id = $1 ORDER BY score DESC, id', [runId]);
}

export async function getRun(q: Queryable, id: string): Promise<RunRow | undefined> {
  const [row] = await q.query<RunRow>('SELECT * FROM screening_run WHERE id = $1', [id]);
  return row;
}

export async function setHitStatus(q: Queryable, id: string, status: HitRow['status']): Promise<HitRow> {
  const [row] = await q.query<HitRow>('UPDATE screening_hit SET status = $2 WHERE id = $1 RETURNING *', [id, status]);
  return row;
}

/** (subject, source, entry) pairs that earlier runs already hit, to tell new hits from known ones. */
export async function previousHitKeys(q: Queryable, subjectIds: string[]): Promise<Array<{ subject_id: string; source: string; external_id: string; entry_hash: string }>> {
  if (subjectIds.length === 0) return [];
  return q.query(
    'SELECT DISTINCT subject_id, source, external_id, entry_hash FROM screening_hit WHERE subject_id = ANY($1::uuid[])',
    [subjectIds],
  );
}

// ------------------------------------------------------------------ decisions

export interface DecisionRow {
  id: string;
  hit_id: string;
  subject_id: string | null;
  source: string;
  external_id: string;
  entry_hash: string;
  subject_fingerprint: string | null;
  decision: 'true_match' | 'false_positive';
  reason: string;
  decided_at: Date;
  decided_by: string;
}

export function decisionState(r: DecisionRow) {
  return {
    id: r.id,
    hitId: r.hit_id,
    subjectId: r.subject_id,
    source: r.source,
    externalId: r.external_id,
    entryHash: r.entry_hash,
    subjectFingerprint: r.subject_fingerprint,
    decision: r.decision,
    reason: r.reason,
    decidedAt: r.decided_at.toISOString(),
    decidedBy: r.decided_by,
  };
}

export async function insertDecision(q: Queryable, r: DecisionRow): Promise<DecisionRow> {
  const [row] = await q.query<DecisionRow>(
    `INSERT INTO screening_decision (id, hit_id, subject_id, source, external_id, entry_hash, subject_fingerprint, decision, reason, decided_at, decided_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING *`,
    [r.id, r.hit_id, r.subject_id, r.source, r.external_id, r.entry_hash, r.subject_fingerprint, r.decision, r.reason, r.decided_at.toISOString(), r.decided_by],
  );
  return row;
}

export async function decisionsByIds(q: Queryable, ids: readonly string[]): Promise<DecisionRow[]> {
  if (ids.length === 0) return [];
  return q.query<DecisionRow>('SELECT * FROM screening_decision WHERE id = ANY($1::uuid[])', [ids]);
}

/** The latest decision per (subject, source, entry) for these subjects. */
export async function latestDecisions(q: Queryable, subjectIds: string[]): Promise<DecisionRow[]> {
  if (subjectIds.length === 0) return [];
  return q.query<DecisionRow>(
    `SELECT DISTINCT ON (subject_id, source, external_id) * FROM screening_decision
     WHERE subject_id = ANY($1::uuid[]) ORDER BY subject_id, source, external_id, decided_at DESC, id DESC`,
    [subjectIds],
  );
}

// ------------------------------------------------------------------ alerts

export interface AlertRow {
  id: string;
  subject_id: string;
  hit_id: string;
  version_id: string;
  reason: string;
  status: 'open' | 'acknowledged';
  raised_at: Date;
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
}

export function alertState(r: AlertRow) {
  return {
    id: r.id,
    subjectId: r.subject_id,
    hitId: r.hit_id,
    versionId: r.version_id,
    reason: r.reason,
    status: r.status,
    raisedAt: r.raised_at.toISOString(),
    acknowledgedAt: r.acknowledged_at ? r.acknowledged_at.toISOString() : null,
    acknowledgedBy: r.acknowledged_by,
  };
}

export async function insertAlerts(q: Queryable, rows: AlertRow[]): Promise<void> {
  for (const part of chunks(rows)) {
    await q.query(
      `INSERT INTO screening_alert (id, subject_id, hit_id, version_id, reason, status, raised_at)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::timestamptz[])`,
      [
        part.map((r) => r.id),
        part.map((r) => r.subject_id),
        part.map((r) => r.hit_id),
        part.map((r) => r.version_id),
        part.map((r) => r.reason),
        part.map((r) => r.status),
        part.map((r) => r.raised_at.toISOString()),
      ],
    );
  }
}

export async function listAlerts(q: Queryable, status: 'open' | 'acknowledged' | undefined, limit: number): Promise<AlertRow[]> {
  return q.query<AlertRow>(
    `SELECT * FROM screening_alert WHERE ($1::text IS NULL OR status = $1) ORDER BY raised_at DESC, id DESC LIMIT $2`,
    [status ?? null, limit],
  );
}

export async function alertsByIds(q: Queryable, ids: readonly string[]): Promise<AlertRow[]> {
  if (ids.length === 0) return [];
  return q.query<AlertRow>('SELECT * FROM screening_alert WHERE id = ANY($1::uuid[])', [ids]);
}

export async function acknowledgeAlert(q: Queryable, id: string, at: Date, by: string): Promise<AlertRow | undefined> {
  const [row] = await q.query<AlertRow>(
    `UPDATE screening_alert SET status = 'acknowledged', acknowledged_at = $2, acknowledged_by = $3 WHERE id = $1 AND status = 'open' RETURNING *`,
    [id, at.toISOString(), by],
  );
  return row;
}

// ------------------------------------------------------------------ denials

export interface DenialRow {
  id: string;
  notifying_state: string;
  reference: string;
  denied_on: string;
  destination: string;
  end_user_name: string;
  end_user_normalized: string;
  control_categories: string[];
  reason: string | null;
  received_at: Date;
  received_by: string;
  revoked_at: Date | null;
  revoked_reason: string | null;
}

export function denialState(r: DenialRow) {
  return {
    id: r.id,
    notifyingState: r.notifying_state,
    reference: r.reference,
    deniedOn: r.denied_on,
    destination: r.destination,
    endUserName: r.end_user_name,
    controlCategories: [...r.control_categories],
    reason: r.reason,
    receivedAt: r.received_at.toISOString(),
    receivedBy: r.received_by,
    revokedAt: r.revoked_at ? r.revoked_at.toISOString() : null,
    revokedReason: r.revoked_reason,
  };
}

export async function insertDenial(q: Queryable, r: DenialRow): Promise<DenialRow> {
  const [row] = await q.query<DenialRow>(
    `INSERT INTO screening_denial (id, notifying_state, reference, denied_on, destination, end_user_name, end_user_normalized, control_categories, reason, received_at, received_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (notifying_state, reference) DO NOTHING RETURNING *`,
    [r.id, r.notifying_state, r.reference, r.denied_on, r.destination, r.end_user_name, r.end_user_normalized, r.control_categories, r.reason, r.received_at.toISOString(), r.received_by],
  );
  return row;
}

export async function denialByReference(q: Queryable, notifyingState: string, reference: string): Promise<DenialRow | undefined> {
  const [row] = await q.query<DenialRow>('SELECT * FROM screening_denial WHERE notifying_state = $1 AND reference = $2 FOR UPDATE', [notifyingState, reference]);
  return row;
}

/** A later notification about a received denial: what it covers now, and whether it is in force (revoked_at null). */
export async function updateDenial(q: Queryable, r: DenialRow): Promise<DenialRow> {
  const [row] = await q.query<DenialRow>(
    `UPDATE screening_denial SET denied_on = $2, destination = $3, end_user_name = $4, end_user_normalized = $5, control_categories = $6, reason = $7, revoked_at = $8, revoked_reason = $9
     WHERE id = $1 RETURNING *`,
    [r.id, r.denied_on, r.destination, r.end_user_name, r.end_user_normalized, r.control_categories, r.reason, r.revoked_at ? r.revoked_at.toISOString() : null, r.revoked_reason],
  );
  return row;
}

export async function denialsByIds(q: Queryable, ids: readonly string[]): Promise<DenialRow[]> {
  if (ids.length === 0) return [];
  return q.query<DenialRow>('SELECT * FROM screening_denial WHERE id = ANY($1::uuid[])', [ids]);
}

export async function activeDenialsFor(q: Queryable, destination: string): Promise<DenialRow[]> {
  return q.query<DenialRow>('SELECT * FROM screening_denial WHERE destination = $1 AND revoked_at IS NULL ORDER BY denied_on DESC', [destination]);
}

export async function listDenials(q: Queryable, limit: number): Promise<DenialRow[]> {
  return q.query<DenialRow>('SELECT * FROM screening_denial ORDER BY received_at DESC, id DESC LIMIT $1', [limit]);
}

// ------------------------------------------------------------------ a party's current hits (licensing's case page)

/** Each subject's latest run (a re-screen after a list update is newer than the submission's run). */
export async function latestRunsOfSubjects(q: Queryable, subjectIds: string[]): Promise<RunRow[]> {
  if (subjectIds.length === 0) return [];
  return q.query<RunRow>(
    `SELECT DISTINCT ON (subject_id) * FROM screening_run WHERE subject_id = ANY($1::uuid[]) ORDER BY subject_id, screened_at DESC, id DESC`,
    [subjectIds],
  );
}

export async function hitsOfRuns(q: Queryable, runIds: string[]): Promise<HitRow[]> {
  if (runIds.length === 0) return [];
  return q.query<HitRow>('SELECT * FROM screening_hit WHERE run_id = ANY($1::uuid[]) ORDER BY score DESC, id', [runIds]);
}

export async function entriesByKeys(q: Queryable, keys: Array<{ versionId: string; externalId: string }>): Promise<EntryRow[]> {
  if (keys.length === 0) return [];
  return q.query<EntryRow>(
    `SELECT e.version_id, e.external_id, e.content_hash, e.data FROM screening_entry e
     JOIN unnest($1::uuid[], $2::text[]) AS k(version_id, external_id) ON e.version_id = k.version_id AND e.external_id = k.external_id`,
    [keys.map((k) => k.versionId), keys.map((k) => k.externalId)],
  );
}

export async function alertsOfSubjects(q: Queryable, subjectIds: string[]): Promise<AlertRow[]> {
  if (subjectIds.length === 0) return [];
  return q.query<AlertRow>('SELECT * FROM screening_alert WHERE subject_id = ANY($1::uuid[]) ORDER BY raised_at DESC, id DESC', [subjectIds]);
}
