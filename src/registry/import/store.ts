import { defineAuditedEntity } from '../../platform/audit/entities.ts';
import { CopyText, copyTextOf } from '../../platform/db/copy.ts';
import type { Queryable } from '../../platform/db/types.ts';
import { ITEM_COLS, type EventRow, type ItemRow } from '../store.ts';

/**
 * SQL of the bulk import: its own job and error tables, and the set-based writes into the registry's
 * tables (one statement per batch, never one per row). Markings go through registry/store-events.ts's
 * insertMarkings, which is already set-based.
 */

// ---------------------------------------------------------------- items, set-based

const ITEM_UNNEST = `unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::int[], $10::text[],
  $11::text[], $12::uuid[], $13::text[], $14::text[], $15::text[], $16::bigint[], $17::bool[], $18::bool[], $19::text[], $20::text[], $21::text[],
  $22::text[], $23::uuid[], $24::uuid[], $25::int[], $26::timestamptz[], $27::timestamptz[], $28::timestamptz[], $29::timestamptz[])`;

function itemColumns(rows: readonly ItemRow[]): unknown[] {
  const col = <K extends keyof ItemRow>(k: K) => rows.map((r) => r[k]);
  return [
    col('id'),
    col('kind'),
    col('firearm_type'),
    col('part_type'),
    col('ammunition_component'),
    col('make'),
    col('model'),
    col('calibre'),
    col('year_of_manufacture'),
    col('country_of_manufacture'),
    col('place_of_manufacture'),
    col('manufacturer_party_id'),
    col('serial_number'),
    col('serial_norm'),
    col('lot_number'),
    col('quantity_rounds'),
    col('is_antique'),
    col('is_replica'),
    col('temporary_import_purpose'),
    col('description'),
    col('import_key'),
    col('status'),
    col('holder_party_id'),
    col('keeper_party_id'),
    col('event_count'),
    col('last_event_at'),
    col('manufactured_at'),
    col('destroyed_at'),
    col('created_at'),
  ];
}

/**
 * Inserts a batch of items in one statement; rows whose import key is already present (an earlier or
 * concurrent import of the same item) are skipped. Returns the ids actually inserted.
 */
export async function insertItemsSkippingExisting(q: Queryable, rows: readonly ItemRow[]): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const inserted = await q.query<{ id: string }>(
    `INSERT INTO registry_items (${ITEM_COLS}) SELECT * FROM ${ITEM_UNNEST}
     ON CONFLICT (import_key) WHERE import_key IS NOT NULL DO NOTHING RETURNING id`,
    itemColumns(rows),
  );
  return new Set(inserted.map((r) => r.id));
}

const ITEM_COLUMN_NAMES = ITEM_COLS.split(', ') as (keyof ItemRow)[];

/**
 * Inserts a batch of new items with COPY (no conflict handling: the caller has checked the import keys
 * while holding the audit log's head (`lockAuditHead`), so no other import can add one meanwhile; a
 * key that is there all the same fails the batch with the unique index's error rather than being
 * skipped). `rows` may already be COPY text (itemsCopyText: the import builds it in its preparation
 * thread), which needs a connection that can COPY; rows as objects fall back to `insertItemsRaw` on one
 * that cannot.
 */
export async function copyItems(q: Queryable, rows: readonly ItemRow[] | CopyText): Promise<void> {
  if (!q.copyFrom) {
    if (rows instanceof CopyText) throw new Error('items as COPY text need a connection that can COPY');
    return insertItemsRaw(q, rows);
  }
  const text = rows instanceof CopyText ? rows : itemsCopyText(rows);
  if (text.rows > 0) await q.copyFrom('registry_items', ITEM_COLUMN_NAMES, text);
}

/** The COPY text of `rows` for copyItems (a bulk writer builds it ahead, while the database is busy). */
export const itemsCopyText = (rows: readonly ItemRow[]): CopyText => copyTextOf(rows, ITEM_COLUMN_NAMES);

/** The same statement without conflict handling: the "raw" baseline of the benchmark, and the demo loader. */
export async function insertItemsRaw(q: Queryable, rows: readonly ItemRow[]): Promise<void> {
  if (rows.length === 0) return;
  await q.query(`INSERT INTO registry_items (${ITEM_COLS}) SELECT * FROM ${ITEM_UNNEST}`, itemColumns(rows));
}

export interface ExistingItemKeyRow {
  import_key: string | null;
  kind: ItemRow['kind'];
  firearm_type: string | null;
  part_type: string | null;
  ammunition_component: string | null;
  make: string | null;
  calibre: string | null;
  lot_number: string | null;
  serial_norm: string | null;
  manufacturer_name: string | null;
}

/** Import keys among `keys` that the registry already holds (one indexed lookup per batch). */
export async function existingImportKeys(q: Queryable, keys: readonly string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await q.query<{ import_key: string }>('SELECT import_key FROM registry_items WHERE import_key = ANY($1::text[])', [keys]);
  return new Set(rows.map((r) => r.import_key));
}

/**
 * Items registered one by one (no import key) that share a normalised serial with the batch, with the
 * manufacturer named on their first manufacture marking: the caller recomputes their natural key.
 */
export async function unkeyedItemsBySerial(q: Queryable, serialNorms: readonly string[]): Promise<ExistingItemKeyRow[]> {
  if (serialNorms.length === 0) return [];
  return q.query<ExistingItemKeyRow>(
    `SELECT i.import_key, i.kind, i.firearm_type, i.part_type, i.ammunition_component, i.make, i.calibre, i.lot_number, i.serial_norm,
            (SELECT m.manufacturer_name FROM registry_markings m WHERE m.item_id = i.id AND m.kind = 'manufacture' ORDER BY m.seq LIMIT 1) AS manufacturer_name
       FROM registry_items i
      WHERE i.serial_norm = ANY($1::text[]) AND i.import_key IS NULL`,
    [serialNorms],
  );
}

/** Whether the registry holds no item at all (the first load of a register). */
export async function registryIsEmpty(q: Queryable): Promise<boolean> {
  const [r] = await q.query<{ empty: boolean }>('SELECT NOT EXISTS (SELECT 1 FROM registry_items) AS empty');
  return r.empty;
}

export async function countItems(q: Queryable): Promise<number> {
  const [r] = await q.query<{ n: number }>('SELECT count(*)::int8 AS n FROM registry_items');
  return Number(r.n);
}

// ---------------------------------------------------------------- custody events, set-based (demo)

const EVENT_COLS =
  'id, item_id, seq, kind, occurred_at, recorded_at, from_party_id, to_party_id, place_locode, place_text, counterpart_country, authorization_ref, ' +
  'licence_id, certificate_ref, destruction_method, witnesses, temporary_import_purpose, note';

/**
 * Many events in one statement. `witnesses` (a text[] per row) cannot ride in unnest of a 2-D array,
 * so it travels as one JSON text per row and is turned back into text[] in SQL.
 */
export async function insertEventsBatch(q: Queryable, rows: readonly EventRow[]): Promise<void> {
  if (rows.length === 0) return;
  const col = <K extends keyof EventRow>(k: K) => rows.map((r) => r[k]);
  await q.query(
    `INSERT INTO registry_custody_events (${EVENT_COLS})
     SELECT u.id, u.item_id, u.seq, u.kind, u.occurred_at, u.recorded_at, u.from_party_id, u.to_party_id, u.place_locode, u.place_text,
            u.counterpart_country, u.authorization_ref, u.licence_id, u.certificate_ref, u.destruction_method,
            CASE WHEN u.witnesses IS NULL THEN NULL ELSE ARRAY(SELECT jsonb_array_elements_text(u.witnesses::jsonb)) END,
            u.temporary_import_purpose, u.note
       FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::text[], $5::timestamptz[], $6::timestamptz[], $7::uuid[], $8::uuid[], $9::text[], $10::text[],
                   $11::text[], $12::text[], $13::uuid[], $14::text[], $15::text[], $16::text[], $17::text[], $18::text[])
         AS u(id, item_id, seq, kind, occurred_at, recorded_at, from_party_id, to_party_id, place_locode, place_text,
              counterpart_country, authorization_ref, licence_id, certificate_ref, destruction_method, witnesses, temporary_import_purpose, note)`,
    [
      col('id'),
      col('item_id'),
      col('seq'),
      col('kind'),
      col('occurred_at'),
      col('recorded_at'),
      col('from_party_id'),
      col('to_party_id'),
      col('place_locode'),
      col('place_text'),
      col('counterpart_country'),
      col('authorization_ref'),
      col('licence_id'),
      col('certificate_ref'),
      col('destruction_method'),
      rows.map((r) => (r.witnesses ? JSON.stringify(r.witnesses) : null)),
      col('temporary_import_purpose'),
      col('note'),
    ],
  );
}

// ---------------------------------------------------------------- jobs

export type ImportMode = 'all_or_nothing' | 'partial';
export type ImportStatus = 'running' | 'completed' | 'rejected' | 'failed';

export interface ImportJobRow {
  id: string;
  kind: 'items';
  file_name: string | null;
  file_sha256: string;
  file_bytes: number;
  mode: ImportMode;
  status: ImportStatus;
  rows_total: number;
  rows_invalid: number;
  items_created: number;
  items_existing: number;
  message: string | null;
  actor_id: string | null;
  actor_name: string;
  started_at: Date;
  finished_at: Date | null;
  /** Until when the process running the job vouches for it (renewed while it runs; not audited state). */
  lease_until: Date | null;
}

const JOB_COLS =
  'id, kind, file_name, file_sha256, file_bytes, mode, status, rows_total, rows_invalid, items_created, items_existing, message, actor_id, actor_name, started_at, finished_at, lease_until';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The job's audited state (what recordAudit hashes and the verifier re-reads). */
export function importJobState(row: ImportJobRow) {
  return {
    id: row.id,
    kind: row.kind,
    fileName: row.file_name,
    fileSha256: row.file_sha256,
    fileBytes: Number(row.file_bytes),
    mode: row.mode,
    status: row.status,
    rowsTotal: row.rows_total,
    rowsInvalid: row.rows_invalid,
    itemsCreated: row.items_created,
    itemsExisting: row.items_existing,
    message: row.message,
    actorId: row.actor_id,
    actorName: row.actor_name,
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
  };
}

export async function insertJob(q: Queryable, r: ImportJobRow): Promise<void> {
  await q.query(`INSERT INTO registry_import_jobs (${JOB_COLS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`, [
    r.id,
    r.kind,
    r.file_name,
    r.file_sha256,
    r.file_bytes,
    r.mode,
    r.status,
    r.rows_total,
    r.rows_invalid,
    r.items_created,
    r.items_existing,
    r.message,
    r.actor_id,
    r.actor_name,
    r.started_at,
    r.finished_at,
    r.lease_until,
  ]);
}

/** The running import's heartbeat: a lease only ever moves forward; a finished job keeps the lease it had. */
export async function renewJobLease(q: Queryable, id: string, until: Date): Promise<void> {
  await q.query(`UPDATE registry_import_jobs SET lease_until = GREATEST(lease_until, $2) WHERE id = $1 AND status = 'running'`, [id, until]);
}

export async function updateJob(q: Queryable, r: ImportJobRow): Promise<void> {
  await q.query(
    `UPDATE registry_import_jobs SET status = $2, rows_total = $3, rows_invalid = $4, items_created = $5, items_existing = $6, message = $7, finished_at = $8
      WHERE id = $1`,
    [r.id, r.status, r.rows_total, r.rows_invalid, r.items_created, r.items_existing, r.message, r.finished_at],
  );
}

export async function getJob(q: Queryable, id: string): Promise<ImportJobRow | undefined> {
  const rows = await q.query<ImportJobRow>(`SELECT ${JOB_COLS} FROM registry_import_jobs WHERE id = $1`, [id]);
  return rows[0];
}

/** The completed import of the same bytes, if any: importing it again changes nothing. */
export async function findCompletedJobBySha(q: Queryable, sha256: string): Promise<ImportJobRow | undefined> {
  const rows = await q.query<ImportJobRow>(
    `SELECT ${JOB_COLS} FROM registry_import_jobs WHERE file_sha256 = $1 AND status = 'completed' ORDER BY started_at LIMIT 1`,
    [sha256],
  );
  return rows[0];
}

/** Jobs by status (operations metrics). */
export async function countJobsByStatus(q: Queryable): Promise<Record<string, number>> {
  const rows = await q.query<{ status: string; n: number }>('SELECT status, count(*)::int AS n FROM registry_import_jobs GROUP BY status');
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

export interface ImportErrorRow {
  line: number;
  column: string;
  code: string;
  message: string;
}

export async function insertJobErrors(q: Queryable, jobId: string, errors: readonly ImportErrorRow[], firstN = 0): Promise<void> {
  const CHUNK = 5000;
  for (let i = 0; i < errors.length; i += CHUNK) {
    const chunk = errors.slice(i, i + CHUNK);
    await q.query(
      `INSERT INTO registry_import_errors (job_id, n, line, column_name, code, message)
       SELECT $1::uuid, * FROM unnest($2::int[], $3::int[], $4::text[], $5::text[], $6::text[])`,
      [jobId, chunk.map((_, j) => firstN + i + j), chunk.map((e) => e.line), chunk.map((e) => e.column), chunk.map((e) => e.code), chunk.map((e) => e.message)],
    );
  }
}

export async function listJobErrors(q: Queryable, jobId: string, after = -1, limit = 100_000): Promise<(ImportErrorRow & { n: number })[]> {
  return q.query<ImportErrorRow & { n: number }>(
    'SELECT n, line, column_name AS "column", code, message FROM registry_import_errors WHERE job_id = $1 AND n > $2 ORDER BY n LIMIT $3',
    [jobId, after, limit],
  );
}

export const AUDITED_IMPORT_JOB = defineAuditedEntity({
  entity: 'import_job',
  async load(db, ids) {
    const rows = await db.query<ImportJobRow>(`SELECT ${JOB_COLS} FROM registry_import_jobs WHERE id = ANY($1::uuid[])`, [ids]);
    return new Map(rows.map((r) => [r.id, importJobState(r)]));
  },
});

/** Fresh planner statistics for the tables an import fills (see service.ts ANALYZE_AFTER_ITEMS). */
export async function analyseImportedTables(q: Queryable): Promise<void> {
  await q.exec('ANALYZE registry_items; ANALYZE registry_markings');
}
