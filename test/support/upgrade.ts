import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db, Queryable } from '../../src/platform/db/types.ts';

/**
 * Support for the upgrade test (test/upgrade.test.ts) and for making its fixtures
 * (test/fixtures/upgrade/make.ts): a database as an earlier release left it, its rows as JSON, and the
 * catalog to compare with a fresh install.
 */
export const UPGRADE_FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/upgrade');

/** A database of an earlier release: the migrations it applied, in the order it applied them, and its rows. */
export interface ReleaseFixture {
  release: string;
  note: string;
  /** The committed key directory the node signed with (checkpoints, licences), relative to test/fixtures. */
  keys: string;
  /**
   * Each migration as that release had it: the name its runner recorded and the SQL it ran, in the order
   * the files reached main. The SQL is kept here, not read from migrations/, so that a released file
   * edited since shows up as a difference from a fresh install.
   */
  migrations: { name: string; sql: string }[];
  /** Every table's rows (`row_to_json`), except `schema_migrations`. */
  data: Record<string, Record<string, unknown>[]>;
}

export function readReleaseFixtures(): ReleaseFixture[] {
  return fs
    .readdirSync(UPGRADE_FIXTURES)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(fs.readFileSync(path.join(UPGRADE_FIXTURES, f), 'utf8')) as ReleaseFixture);
}

/** What the runner of an earlier release did: each migration in the given order, recorded under its name. */
export async function applyAsReleased(db: Db, migrations: ReleaseFixture['migrations']): Promise<void> {
  await db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    name text PRIMARY KEY,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
  for (const m of migrations) {
    await db.transaction(async (tx) => {
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (name) VALUES ($1)', [m.name]);
    });
  }
}

async function tableNames(db: Queryable): Promise<string[]> {
  const rows = await db.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname <> 'schema_migrations' ORDER BY 1`,
  );
  return rows.map((r) => r.name);
}

/** Tables ordered so that every table comes after the tables its foreign keys point to. */
async function loadOrder(db: Queryable, tables: string[]): Promise<string[]> {
  const edges = await db.query<{ child: string; parent: string }>(
    `SELECT c.relname AS child, p.relname AS parent FROM pg_constraint k
       JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
      WHERE k.contype = 'f' AND k.connamespace = 'public'::regnamespace AND c.oid <> p.oid`,
  );
  const parents = new Map(tables.map((t) => [t, new Set<string>()]));
  for (const e of edges) parents.get(e.child)?.add(e.parent);
  const out: string[] = [];
  const visit = (t: string) => {
    if (out.includes(t)) return;
    for (const p of parents.get(t) ?? []) visit(p);
    out.push(t);
  };
  for (const t of tables) visit(t);
  return out;
}

/** Every row of every table (but `schema_migrations`), as `row_to_json` gives it, sorted. */
export async function dumpTables(db: Queryable): Promise<Record<string, Record<string, unknown>[]>> {
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const t of await tableNames(db)) {
    const rows = await db.query<{ r: string }>(`SELECT row_to_json(t)::text AS r FROM "${t}" t ORDER BY 1`);
    out[t] = rows.map((r) => JSON.parse(r.r) as Record<string, unknown>);
  }
  return out;
}

/**
 * Writes a fixture's rows into a database at that fixture's schema, parents before children. Rows a
 * migration seeded (audit_head) are replaced by the fixture's.
 */
export async function loadTables(db: Db, data: ReleaseFixture['data']): Promise<void> {
  await db.transaction(async (tx) => {
    for (const t of await loadOrder(tx, Object.keys(data))) {
      await tx.exec(`DELETE FROM "${t}"`);
      if (data[t].length === 0) continue;
      await tx.query(`INSERT INTO "${t}" SELECT * FROM json_populate_recordset(NULL::"${t}", $1::json)`, [JSON.stringify(data[t])]);
    }
  });
}

/**
 * What a fresh install and an upgraded node must agree on: extensions, tables and views, columns (type,
 * default, nullability, position), indexes, constraints, functions, triggers, types and sequences of the
 * public schema, and the applied migrations. Objects an extension owns are covered by its version.
 */
export async function schemaCatalog(db: Queryable): Promise<Record<string, string[]>> {
  const lines = async (sql: string) => (await db.query<{ l: string }>(sql)).map((r) => r.l);
  const notExtension = (oid: string) => `NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = ${oid} AND d.deptype = 'e')`;
  return {
    extensions: await lines(`SELECT extname || ' ' || extversion AS l FROM pg_extension ORDER BY 1`),
    relations: await lines(
      `SELECT c.relkind::text || ' ' || c.relname || coalesce(' ' || pg_get_viewdef(c.oid), '') AS l FROM pg_class c
        WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND ${notExtension('c.oid')} ORDER BY 1`,
    ),
    columns: await lines(
      `SELECT c.relname || '.' || a.attname || ' #' || row_number() OVER (PARTITION BY c.oid ORDER BY a.attnum)
              || ' ' || format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END
              || coalesce(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '') || CASE WHEN a.attidentity <> '' THEN ' IDENTITY ' || a.attidentity::text ELSE '' END
              || CASE WHEN a.attgenerated <> '' THEN ' GENERATED ' || a.attgenerated::text ELSE '' END AS l
         FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND a.attnum > 0 AND NOT a.attisdropped
          AND ${notExtension('c.oid')} ORDER BY 1`,
    ),
    indexes: await lines(`SELECT indexdef AS l FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1`),
    constraints: await lines(
      `SELECT k.conrelid::regclass::text || ' ' || k.conname || ' ' || pg_get_constraintdef(k.oid) AS l FROM pg_constraint k
        WHERE k.connamespace = 'public'::regnamespace ORDER BY 1`,
    ),
    functions: await lines(
      `SELECT pg_get_functiondef(p.oid) AS l FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace AND p.prokind IN ('f', 'p') AND ${notExtension('p.oid')} ORDER BY 1`,
    ),
    triggers: await lines(`SELECT pg_get_triggerdef(t.oid) AS l FROM pg_trigger t WHERE NOT t.tgisinternal ORDER BY 1`),
    types: await lines(
      `SELECT t.typname || ' ' || t.typtype::text || coalesce(' ' || (SELECT string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid), '') AS l
         FROM pg_type t WHERE t.typnamespace = 'public'::regnamespace AND t.typtype IN ('e', 'd', 'r') AND ${notExtension('t.oid')} ORDER BY 1`,
    ),
    migrations: await lines(`SELECT name AS l FROM schema_migrations ORDER BY 1`),
  };
}
