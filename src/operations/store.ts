import type { Queryable } from '../platform/db/types.ts';

/**
 * SQL of the operations module: its own table (operations_runs) and the catalogue-driven statements that
 * count, read and copy every table of the schema generically (backups' manifests, `migrate-to`). Table
 * and column names come from the catalogue and are checked to be plain identifiers before they are
 * quoted into a statement; every value is a parameter.
 */
export interface RunRow {
  id: string;
  kind: 'backup' | 'restore' | 'migration';
  at: Date;
  actor_name: string;
  engine: string;
  detail: Record<string, unknown>;
}

/** The audited state of a run: built from the row, so `audit verify` re-hashes what was written. */
export function runState(r: RunRow) {
  return { id: r.id, kind: r.kind, at: new Date(r.at).toISOString(), actorName: r.actor_name, engine: r.engine, detail: r.detail };
}

export async function insertRun(q: Queryable, r: RunRow): Promise<void> {
  await q.query('INSERT INTO operations_runs (id, kind, at, actor_name, engine, detail) VALUES ($1, $2, $3, $4, $5, $6::jsonb)', [
    r.id,
    r.kind,
    r.at.toISOString(),
    r.actor_name,
    r.engine,
    JSON.stringify(r.detail),
  ]);
}

export async function runsByIds(q: Queryable, ids: readonly string[]): Promise<RunRow[]> {
  return q.query<RunRow>('SELECT id, kind, at, actor_name, engine, detail FROM operations_runs WHERE id = ANY($1::uuid[])', [ids]);
}

export function ident(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`unexpected identifier in the catalogue: "${name}"`);
  return `"${name}"`;
}

/** Every table of the application's schema. */
export async function listTables(q: Queryable): Promise<string[]> {
  const rows = await q.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') ORDER BY c.relname`,
  );
  return rows.map((r) => r.name);
}

/** Relations of any kind outside the system schemas: zero means an empty database. */
export async function userRelationCount(q: Queryable): Promise<number> {
  const [row] = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'`,
  );
  return row.n;
}

export async function foreignKeys(q: Queryable): Promise<{ table: string; references: string }[]> {
  return q.query<{ table: string; references: string }>(
    `SELECT cl.relname AS table, cr.relname AS references
     FROM pg_constraint k
     JOIN pg_class cl ON cl.oid = k.conrelid
     JOIN pg_class cr ON cr.oid = k.confrelid
     JOIN pg_namespace n ON n.oid = cl.relnamespace
     WHERE k.contype = 'f' AND n.nspname = current_schema()`,
  );
}

export interface KeyColumn {
  name: string;
  type: string;
}

export async function primaryKey(q: Queryable, table: string): Promise<KeyColumn[]> {
  return q.query<KeyColumn>(
    `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type
     FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
     WHERE i.indrelid = $1::regclass AND i.indisprimary
     ORDER BY array_position(i.indkey::int2[], a.attnum)`,
    [ident(table)],
  );
}

/** Row count of each table, in one statement. */
export async function tableCounts(q: Queryable, tables: readonly string[]): Promise<Record<string, number>> {
  if (tables.length === 0) return {};
  const rows = await q.query<{ t: string; n: number }>(tables.map((t, i) => `SELECT $${i + 1}::text AS t, count(*)::bigint AS n FROM ${ident(t)}`).join(' UNION ALL '), [...tables]);
  return Object.fromEntries(rows.map((r) => [r.t, Number(r.n)]));
}

/**
 * Makes this transaction render values the same way on every server (time zone, dates, floats, bytea),
 * so the JSON text of a row read from PGlite and from PostgreSQL can be compared byte for byte.
 */
export async function useStableOutput(q: Queryable): Promise<void> {
  await q.exec(
    `SET LOCAL TimeZone = 'UTC'; SET LOCAL DateStyle = 'ISO, YMD'; SET LOCAL IntervalStyle = 'postgres';
     SET LOCAL extra_float_digits = 1; SET LOCAL bytea_output = 'hex'`,
  );
}

export interface RowBatch {
  /** JSON array of the rows, in primary-key order; null when there were none. */
  json: string | null;
  count: number;
  /** The last row's primary key as text, to continue after it. */
  last: string[] | null;
}

/** Up to `limit` rows after `after` (primary-key order), as one JSON text. */
export async function readRowBatch(q: Queryable, table: string, key: readonly KeyColumn[], after: readonly string[] | null, limit: number): Promise<RowBatch> {
  if (key.length === 0) throw new Error(`table ${table} has no primary key: it cannot be copied in order`);
  const cols = key.map((k) => ident(k.name));
  const order = cols.join(', ');
  const params: unknown[] = [];
  let where = '';
  if (after) {
    const values = key.map((k, i) => {
      params.push(after[i]);
      return `$${params.length}::${k.type}`;
    });
    where = `WHERE (${order}) > (${values.join(', ')})`;
  }
  params.push(limit);
  const [row] = await q.query<{ json: string | null; n: number; last: string | null }>(
    `WITH b AS (SELECT * FROM ${ident(table)} ${where} ORDER BY ${order} LIMIT $${params.length})
     SELECT (SELECT json_agg(b ORDER BY ${order})::text FROM b) AS json,
            (SELECT count(*)::int FROM b) AS n,
            (SELECT json_build_array(${cols.map((c) => `${c}::text`).join(', ')})::text FROM b ORDER BY ${cols.map((c) => `${c} DESC`).join(', ')} LIMIT 1) AS last`,
    params,
  );
  return { json: row.json, count: row.n, last: row.last ? (JSON.parse(row.last) as string[]) : null };
}

/** Inserts a batch read by `readRowBatch` (same table definition on both sides). */
export async function insertRowBatch(q: Queryable, table: string, json: string): Promise<void> {
  await q.query(`INSERT INTO ${ident(table)} SELECT * FROM json_populate_recordset(NULL::${ident(table)}, $1::json)`, [json]);
}

/**
 * Empties tables of a target that holds nothing but what its migrations seeded (audit log size 0), so
 * the source's rows, seeds included, can be copied as they are.
 */
export async function truncateTables(q: Queryable, tables: readonly string[]): Promise<void> {
  if (tables.length) await q.exec(`TRUNCATE ${tables.map(ident).join(', ')}`);
}

/** Fresh planner statistics for the whole database, after it was filled in bulk (migrate-to, restore). */
export async function analyseDatabase(q: Queryable): Promise<void> {
  await q.exec('ANALYZE');
}
