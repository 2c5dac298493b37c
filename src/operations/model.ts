import { z } from 'zod';
import type { Engine } from '../platform/db/types.ts';

/**
 * Rules of backups, restores and migrations: what an archive holds and what makes one acceptable.
 * No I/O here.
 *
 * An archive is a ustar file: `manifest.json` first, then the database (a PGlite data directory as a tar,
 * or `pg_dump --format=custom`), then every file of the node's keys directory. The manifest names the
 * Custodia version, the schema (applied migrations), the audit log's size and root and every table's row
 * count, all read in the same snapshot as the database part, and the size and SHA-256 of each part.
 */
export const MANIFEST_NAME = 'manifest.json';
export const BACKUP_FORMAT = 'custodia-backup';
export const BACKUP_FORMAT_VERSION = 1;

export const DATABASE_PART: Record<Engine, string> = {
  pglite: 'database/pglite-datadir.tar',
  postgres: 'database/postgres.pgdump',
};

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

export const partSchema = z.object({
  name: z.string().min(1),
  role: z.enum(['database', 'key']),
  bytes: z.number().int().min(0),
  sha256: sha256Hex,
});
export type ManifestPart = z.infer<typeof partSchema>;

export const manifestSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.literal(BACKUP_FORMAT_VERSION),
  id: z.string().uuid(),
  createdAt: z.string(),
  custodiaVersion: z.string(),
  state: z.string(),
  engine: z.enum(['pglite', 'postgres']),
  serverVersion: z.string(),
  /** Applied migrations, in order: the schema version. */
  migrations: z.array(z.string()),
  audit: z.object({
    treeSize: z.number().int().min(0),
    rootHash: z.string(),
    latestCheckpoint: z.object({ treeSize: z.number().int(), at: z.string() }).nullable(),
  }),
  /** Row count of every table in the snapshot. */
  tables: z.record(z.string(), z.number().int().min(0)),
  parts: z.array(partSchema).min(1),
});
export type Manifest = z.infer<typeof manifestSchema>;

export interface SnapshotFacts {
  serverVersion: string;
  migrations: string[];
  audit: Manifest['audit'];
  tables: Record<string, number>;
}

export function buildManifest(input: {
  id: string;
  createdAt: Date;
  custodiaVersion: string;
  state: string;
  engine: Engine;
  facts: SnapshotFacts;
  parts: ManifestPart[];
}): Manifest {
  return {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    id: input.id,
    createdAt: input.createdAt.toISOString(),
    custodiaVersion: input.custodiaVersion,
    state: input.state,
    engine: input.engine,
    serverVersion: input.facts.serverVersion,
    migrations: input.facts.migrations,
    audit: input.facts.audit,
    tables: input.facts.tables,
    parts: input.parts,
  };
}

/** A problem found in an archive, named so the operator knows which part is bad. */
export interface ArchiveProblem {
  part: string;
  code: string;
  message: string;
}

/**
 * Compares the archive's members (name → size and SHA-256 computed from the archive) with the manifest.
 * Every part must be present once with the announced size and hash, and nothing else may be there.
 */
export function checkParts(manifest: Manifest, found: ReadonlyMap<string, { bytes: number; sha256: string }>): ArchiveProblem[] {
  const problems: ArchiveProblem[] = [];
  const announced = new Set<string>();
  for (const p of manifest.parts) {
    announced.add(p.name);
    const f = found.get(p.name);
    if (!f) problems.push({ part: p.name, code: 'operations.archive_part_missing', message: `the manifest lists ${p.name} but the archive does not hold it` });
    else if (f.bytes !== p.bytes) problems.push({ part: p.name, code: 'operations.archive_part_size', message: `${p.name} has ${f.bytes} bytes, the manifest says ${p.bytes}` });
    else if (f.sha256 !== p.sha256) problems.push({ part: p.name, code: 'operations.archive_part_hash', message: `${p.name} does not hash to the manifest's SHA-256 (corrupted or altered)` });
  }
  for (const name of found.keys()) {
    if (!announced.has(name)) problems.push({ part: name, code: 'operations.archive_part_unexpected', message: `${name} is in the archive but not in its manifest` });
  }
  const databases = manifest.parts.filter((p) => p.role === 'database');
  if (databases.length !== 1 || databases[0].name !== DATABASE_PART[manifest.engine]) {
    problems.push({ part: MANIFEST_NAME, code: 'operations.archive_database_part', message: `the manifest must list exactly one database part, ${DATABASE_PART[manifest.engine]}` });
  }
  for (const p of manifest.parts) {
    if (p.role === 'key' && !/^keys\/[A-Za-z0-9._-]+$/.test(p.name)) problems.push({ part: p.name, code: 'operations.archive_key_part', message: `key part ${p.name} is not a file directly under keys/` });
  }
  return problems;
}

/** Migrations the archive's database has that this Custodia does not know: it was made by a newer version. */
export function unknownMigrations(manifest: Pick<Manifest, 'migrations'>, known: readonly string[]): string[] {
  const k = new Set(known);
  return manifest.migrations.filter((m) => !k.has(m));
}

/** Tables whose row counts differ between two snapshots (a table missing on one side counts as different). */
export function countDifferences(expected: Record<string, number>, actual: Record<string, number>): { table: string; expected: number | null; actual: number | null }[] {
  const names = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
  return names
    .filter((t) => expected[t] !== actual[t])
    .map((t) => ({ table: t, expected: expected[t] ?? null, actual: actual[t] ?? null }));
}

/**
 * Tables in an order where every table comes after the tables its foreign keys reference, so rows can be
 * copied table by table with the constraints checked as they go. Throws on a cycle (none exists today;
 * one would need deferred constraints).
 */
export function dependencyOrder(tables: readonly string[], references: readonly { table: string; references: string }[]): string[] {
  const deps = new Map(tables.map((t) => [t, new Set<string>()]));
  for (const r of references) if (r.table !== r.references && deps.has(r.table) && deps.has(r.references)) deps.get(r.table)!.add(r.references);
  const ordered: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (t: string, path: string[]) => {
    if (state.get(t) === 'done') return;
    if (state.get(t) === 'visiting') throw new Error(`foreign keys form a cycle: ${[...path, t].join(' -> ')}`);
    state.set(t, 'visiting');
    for (const d of [...deps.get(t)!].sort()) visit(d, [...path, t]);
    state.set(t, 'done');
    ordered.push(t);
  };
  for (const t of [...tables].sort()) visit(t, []);
  return ordered;
}

/** `custodia-backup-XC-20260601T100000Z.tar`: what the API suggests as the file name. */
export function backupFileName(state: string, at: Date): string {
  return `custodia-backup-${state}-${at.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}.tar`;
}

/** The name an existing directory is moved to when `restore --force` replaces it (nothing is deleted). */
export function replacedName(dir: string, at: Date): string {
  return `${dir}.before-restore-${at.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}`;
}
