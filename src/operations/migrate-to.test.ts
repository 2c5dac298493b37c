import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { announceInitialAdministrator } from '../accounts/cli.ts';
import { createAuditService } from '../audit/service.ts';
import { SYSTEM_ACTOR, cliActor } from '../platform/auth/actor.ts';
import { FixedClock } from '../platform/clock.ts';
import { testConfig } from '../platform/config.ts';
import { openDatabase } from '../platform/db/open.ts';
import { openPglite } from '../platform/db/pglite.ts';
import { openPostgres } from '../platform/db/postgres.ts';
import type { Db } from '../platform/db/types.ts';
import { loadDemo } from '../registry/demo/load.ts';
import { migrateTo } from './migrate-to.ts';
import * as store from './store.ts';
import { CATALOG, createServices } from '../modules.ts';

/**
 * An embedded node holding the demonstration State (a few thousand items, parties, custody events, the
 * initial administrator, a signed checkpoint) copied into an empty PostgreSQL database.
 */
const adminUrl = process.env.TEST_DATABASE_URL;
const silent = { info() {}, warn() {}, error() {}, debug() {} };
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-migrate-to-'));
const config = testConfig({ dataDir: path.join(dir, 'data'), keysDir: path.join(dir, 'data', 'keys'), databaseUrl: undefined });
const clock = new FixedClock(new Date('2026-06-01T10:00:00Z'));
const databases: string[] = [];

async function emptyDatabase(): Promise<string> {
  const name = `custodia_migrate_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  databases.push(name);
  const u = new URL(adminUrl!);
  u.pathname = `/${name}`;
  return u.toString();
}

async function snapshot(db: Db) {
  const tables = await store.listTables(db);
  return { counts: await store.tableCounts(db, tables), head: await createAuditService({ db, clock, config, log: silent }, CATALOG).head(SYSTEM_ACTOR) };
}

describe.skipIf(!adminUrl)('custodia migrate-to (embedded → PostgreSQL)', () => {
  beforeAll(async () => {
    const opened = await openDatabase(config, 'test');
    const deps = { db: opened.db, clock, config, log: silent };
    await announceInitialAdministrator(createServices(deps).accounts, deps);
    const demo = await loadDemo(deps, { firearms: 3000, parts: 150, ammunitionLots: 150 });
    expect(demo.items).toBe(3300);
    await createAuditService(deps, CATALOG).createCheckpoint(SYSTEM_ACTOR);
    await opened.close();
  }, 600_000);
  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    if (!adminUrl) return;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    for (const name of databases) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  it('copies every table, the audit log and its tree: same counts, same rows, same root, audit verify passes', async () => {
    const url = await emptyDatabase();
    const report = await migrateTo(config, url, { actor: cliActor(), clock, log: silent, auditedEntities: CATALOG.auditedEntities, batchSize: 700 });
    expect(report.verify.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.verify.checkpointsChecked).toBe(1);

    const source = await openPglite(path.join(config.dataDir, 'pgdata'));
    const target = await openPostgres(url, 2);
    try {
      const [from, to] = [await snapshot(source), await snapshot(target)];
      expect(to.counts).toEqual(from.counts);
      expect(to.head).toEqual(from.head);
      // The target's planner statistics are fresh (-1: never analysed), whatever autovacuum does.
      const [{ reltuples }] = await target.query<{ reltuples: number }>("SELECT reltuples::float8 AS reltuples FROM pg_class WHERE relname = 'registry_items' AND relkind = 'r'");
      expect(Number(reltuples)).toBe(3300);
      expect(from.counts.registry_items).toBe(3300);
      expect(from.counts.audit_log).toBeGreaterThan(3300);
      expect(Object.keys(from.counts)).toEqual(expect.arrayContaining(['schema_migrations', 'audit_node', 'audit_checkpoint', 'users', 'operations_runs']));
      // Both hold the record of the migration, written on the source before the copy.
      const [run] = await target.query<{ kind: string; detail: { to: string } }>('SELECT kind, detail FROM operations_runs');
      expect(run).toEqual({ kind: 'migration', detail: expect.objectContaining({ to: expect.stringContaining('custodia_migrate_') }) });
      const copied = report.tables.find((t) => t.table === 'registry_markings')!;
      expect(copied.rows).toBe(from.counts.registry_markings);
      // Values survive exactly, e.g. timestamps to the microsecond and bytea.
      const q = `SELECT id::text, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') AS at, encode(leaf_hash, 'hex') AS leaf FROM audit_log ORDER BY seq DESC LIMIT 3`;
      expect(await target.query(q)).toEqual(await source.query(q));
    } finally {
      await source.close();
      await target.close();
    }

    // The target now holds a node: a second run refuses and changes nothing.
    await expect(migrateTo(config, url, { actor: cliActor(), clock, log: silent, auditedEntities: CATALOG.auditedEntities })).rejects.toMatchObject({
      status: 409,
      errors: [expect.objectContaining({ code: 'operations.migrate_target_not_empty' })],
    });
  }, 600_000);

  it('copies into a database already migrated by Custodia but never written to', async () => {
    const url = await emptyDatabase();
    const pre = await openPostgres(url, 1);
    const { migrate } = await import('../platform/db/migrate.ts');
    await migrate(pre);
    await pre.close();
    const report = await migrateTo(config, url, { actor: cliActor(), clock, log: silent, auditedEntities: CATALOG.auditedEntities });
    expect(report.ok).toBe(true);
  }, 600_000);

  it('refuses a node that already runs on PostgreSQL', async () => {
    await expect(migrateTo({ ...config, databaseUrl: adminUrl }, adminUrl!, { actor: cliActor(), clock, log: silent, auditedEntities: CATALOG.auditedEntities })).rejects.toMatchObject({
      errors: [expect.objectContaining({ code: 'operations.migrate_source_not_embedded' })],
    });
  });
});
