import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formerNameMap, migrationFiles as filesIn, readReleased } from './released.ts';
import type { Db, Queryable } from './types.ts';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../../migrations/', import.meta.url));

export interface MigrationResult {
  applied: string[];
}

/**
 * A pending migration sorts before one the database has already applied: applying it would give this
 * node an order no fresh install has. Nothing is applied.
 */
export class MigrationOrderError extends Error {
  constructor(readonly outOfOrder: { pending: string; appliedAfter: string }[]) {
    super(
      `Refusing to migrate: ${outOfOrder.map((o) => `${o.pending} sorts before ${o.appliedAfter}, which this database has already applied`).join('; ')}. ` +
        'Migrations apply in one order on every node, so a new migration must sort after every released one: ' +
        'rename it to the next number (migrations/README.md). Nothing was applied.',
    );
    this.name = 'MigrationOrderError';
  }
}

/** The pending files that sort before the last applied name (pure; `files` and `applied` in any order). */
export function outOfOrder(files: readonly string[], applied: readonly string[]): { pending: string; appliedAfter: string }[] {
  const done = new Set(applied);
  const last = [...applied].sort().at(-1);
  if (last === undefined) return [];
  return files
    .filter((f) => !done.has(f) && f < last)
    .sort()
    .map((pending) => ({ pending, appliedAfter: last }));
}

/**
 * Applies numbered plain-SQL migrations in name order, each in its own transaction, and records
 * them in `schema_migrations`. The table lock makes two servers starting together on one
 * PostgreSQL database apply each migration once.
 *
 * First, names a file was released under before (migrations/released.txt) are renamed in the table, so
 * a node that applied `0100_registry.sql` knows it has applied `0002_registry.sql`. Then a pending file
 * that sorts before an applied one is refused (MigrationOrderError) before anything runs.
 */
export async function migrate(db: Db, dir = MIGRATIONS_DIR): Promise<MigrationResult> {
  await db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    name text PRIMARY KEY,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
  const files = filesIn(dir);
  const renames = formerNameMap(readReleased(dir));
  await db.transaction(async (tx) => {
    await tx.exec('LOCK TABLE schema_migrations IN EXCLUSIVE MODE');
    if (renames.size > 0) {
      await tx.query(
        `UPDATE schema_migrations m SET name = r.current
           FROM unnest($1::text[], $2::text[]) AS r(former, current)
          WHERE m.name = r.former`,
        [[...renames.keys()], [...renames.values()]],
      );
    }
    const applied = await tx.query<{ name: string }>('SELECT name FROM schema_migrations');
    const refused = outOfOrder(files, applied.map((r) => r.name));
    if (refused.length > 0) throw new MigrationOrderError(refused);
  });
  const applied: string[] = [];
  for (const file of files) {
    const script = fs.readFileSync(path.join(dir, file), 'utf8');
    await db.transaction(async (tx) => {
      await tx.exec('LOCK TABLE schema_migrations IN EXCLUSIVE MODE');
      const done = await tx.query('SELECT 1 FROM schema_migrations WHERE name = $1', [file]);
      if (done.length > 0) return;
      await tx.exec(script);
      await tx.query('INSERT INTO schema_migrations (name) VALUES ($1)', [file]);
      applied.push(file);
    });
  }
  return { applied };
}

/** The migration files this version of Custodia ships, in the order they apply. */
export function migrationFiles(dir = MIGRATIONS_DIR): string[] {
  return filesIn(dir);
}

/**
 * Every name a migration of this version has been released under: the files, and the former names that
 * databases (and backups) of earlier releases recorded.
 */
export function knownMigrationNames(dir = MIGRATIONS_DIR): string[] {
  return [...migrationFiles(dir), ...formerNameMap(readReleased(dir)).keys()];
}

/** The migrations a database has applied, in order (its schema version); none when it was never migrated. */
export async function appliedMigrations(q: Queryable): Promise<string[]> {
  const [exists] = await q.query<{ t: string | null }>(`SELECT to_regclass('schema_migrations')::text AS t`);
  if (!exists?.t) return [];
  const rows = await q.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name');
  return rows.map((r) => r.name);
}
