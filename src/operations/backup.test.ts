import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEngines } from '../../test/support/engines.ts';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { createAuditService } from '../audit/service.ts';
import { SYSTEM_ACTOR, cliActor } from '../platform/auth/actor.ts';
import { rootAt } from '../platform/audit/tree-store.ts';
import { testConfig, type Config } from '../platform/config.ts';
import { openPglite } from '../platform/db/pglite.ts';
import { openPostgres } from '../platform/db/postgres.ts';
import type { Db, Engine } from '../platform/db/types.ts';
import { loadDemo } from '../registry/demo/load.ts';
import { ArchiveRejectedError, checkBackupFile, restoreBackup } from './restore.ts';
import * as store from './store.ts';
import { listTar } from './tar.ts';
import { CATALOG, createServices } from '../modules.ts';

const silent = { info() {}, warn() {}, error() {}, debug() {} };
const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-backup-test-'));
const createdDatabases: string[] = [];

afterAll(async () => {
  fs.rmSync(tmpRoot, { recursive: true, force: true });
  if (!process.env.TEST_DATABASE_URL) return;
  const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await admin.connect();
  for (const name of createdDatabases) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
});

/** A new, empty PostgreSQL database (no schema at all), as an operator would create for a restore. */
async function emptyPostgres(): Promise<string> {
  const name = `custodia_restore_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  createdDatabases.push(name);
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${name}`;
  return url.toString();
}

async function targetConfig(engine: Engine, label: string): Promise<Config> {
  const dir = path.join(tmpRoot, label);
  return testConfig({ dataDir: dir, keysDir: path.join(dir, 'keys'), databaseUrl: engine === 'postgres' ? await emptyPostgres() : undefined });
}

async function openTarget(config: Config): Promise<Db> {
  return config.databaseUrl ? openPostgres(config.databaseUrl, 2) : openPglite(path.join(config.dataDir, 'pgdata'));
}

async function counts(db: Db): Promise<Record<string, number>> {
  return store.tableCounts(db, await store.listTables(db));
}

describeEngines('backup and restore', (engine) => {
  let t: TestApp;
  let archive: string;
  let sourceCounts: Record<string, number>;
  let sourceHead: { treeSize: number; rootHash: string };

  beforeAll(async () => {
    t = await createTestApp(engine, { keysDir: path.join(tmpRoot, `${engine}-source-keys`) });
    await loadDemo(t.deps, { firearms: 150, parts: 20, ammunitionLots: 20 });
    await createAuditService(t.deps, CATALOG).createCheckpoint(SYSTEM_ACTOR); // a signed checkpoint, checked after the restore with the restored keys
  }, 240_000);
  afterAll(async () => {
    await t?.close();
  });

  it('lets only an administrator take a backup through the API', async () => {
    for (const role of ['auditor', 'registry_clerk', 'public'] as const) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/operations/backups', headers: await t.headersFor(role) });
      expect(res.statusCode, role).toBe(role === 'public' ? 401 : 403);
    }
    const [{ n }] = await t.deps.db.query<{ n: number }>('SELECT count(*)::int AS n FROM operations_runs');
    expect(n).toBe(0);
  });

  it('streams a consistent archive that records itself in the audit log', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/operations/backups', headers: await t.headersFor('administrator') });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/x-tar');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="custodia-backup-XC-\d{8}T\d{6}Z\.tar"$/);
    archive = path.join(tmpRoot, `${engine}.tar`);
    fs.writeFileSync(archive, res.rawPayload);
    expect(Number(res.headers['content-length'])).toBe(res.rawPayload.length);

    const members = (await listTar(archive)).map((m) => m.name);
    expect(members).toEqual(['manifest.json', engine === 'pglite' ? 'database/pglite-datadir.tar' : 'database/postgres.pgdump', 'keys/jwks.json', 'keys/node-ed25519.pem', 'keys/node-x25519.pem']);
    const manifest = await checkBackupFile(archive);
    expect(manifest.id).toBe(res.headers['x-custodia-backup-id']);

    // Nothing was written since: the source now is exactly what the snapshot saw.
    sourceCounts = await counts(t.deps.db);
    sourceHead = await createAuditService(t.deps, CATALOG).head(SYSTEM_ACTOR);
    expect(manifest.tables).toEqual(sourceCounts);
    expect(manifest.audit).toMatchObject(sourceHead);
    expect(manifest.engine).toBe(engine);
    expect(manifest.migrations).toContain('0012_operations.sql');
    const [last] = await t.deps.db.query<{ action: string; entity_id: string; actor_role: string }>('SELECT action, entity_id, actor_role FROM audit_log ORDER BY seq DESC LIMIT 1');
    expect(last).toEqual({ action: 'operations.backup.create', entity_id: manifest.id, actor_role: 'administrator' });
  });

  it('restores into an empty target with the same counts, the same audit root and a passing audit verify', async () => {
    const config = await targetConfig(engine, `${engine}-restored`);
    const report = await restoreBackup(config, archive, { force: false, actor: cliActor(), clock: t.deps.clock, log: silent, auditedEntities: CATALOG.auditedEntities });
    expect(report.verify.problems).toEqual([]);
    expect(report).toMatchObject({ ok: true, countDifferences: [], audit: { matchesManifest: true }, movedAside: [] });
    expect(report.verify.checkpointsChecked).toBeGreaterThan(0);
    expect(fs.readFileSync(path.join(config.keysDir, 'node-ed25519.pem'))).toEqual(fs.readFileSync(path.join(t.deps.config.keysDir, 'node-ed25519.pem')));
    for (const f of fs.readdirSync(t.deps.config.keysDir)) expect(fs.readFileSync(path.join(config.keysDir, f)), f).toEqual(fs.readFileSync(path.join(t.deps.config.keysDir, f)));
    expect(fs.statSync(path.join(config.keysDir, 'node-ed25519.pem')).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.join(config.keysDir, 'node-x25519.pem')).mode & 0o777).toBe(0o600);

    const db = await openTarget(config);
    try {
      // The restore appended its own run and audit entry; everything else is as the source was.
      const restored = await counts(db);
      expect({ ...restored, audit_log: 0, audit_node: 0, operations_runs: 0 }).toEqual({ ...sourceCounts, audit_log: 0, audit_node: 0, operations_runs: 0 });
      expect(restored.audit_log).toBe(sourceCounts.audit_log + 1);
      expect(restored.operations_runs).toBe(sourceCounts.operations_runs + 1);
      expect((await rootAt(db, sourceHead.treeSize)).toString('base64')).toBe(sourceHead.rootHash);
      const [last] = await db.query<{ action: string }>('SELECT action FROM audit_log ORDER BY seq DESC LIMIT 1');
      expect(last.action).toBe('operations.backup.restore');
      // Planner statistics on the restored database (-1: never analysed; pg_restore leaves none).
      const [{ reltuples }] = await db.query<{ reltuples: number }>("SELECT reltuples::float8 AS reltuples FROM pg_class WHERE relname = 'audit_log' AND relkind = 'r'");
      expect(Number(reltuples)).toBeGreaterThanOrEqual(0);
    } finally {
      await db.close();
    }

    // A second restore onto it is refused without --force, and nothing changes.
    await expect(restoreBackup(config, archive, { force: false, actor: cliActor(), clock: t.deps.clock, log: silent, auditedEntities: CATALOG.auditedEntities })).rejects.toMatchObject({
      status: 409,
      errors: [expect.objectContaining({ code: 'operations.restore_target_not_empty' })],
    });
    if (engine === 'pglite') {
      // --force moves the existing database and keys aside (never deletes them) and restores again.
      const forced = await restoreBackup(config, archive, { force: true, actor: cliActor(), clock: t.deps.clock, log: silent, auditedEntities: CATALOG.auditedEntities });
      expect(forced.ok).toBe(true);
      expect(forced.movedAside).toHaveLength(2);
      for (const d of forced.movedAside) expect(fs.readdirSync(d).length).toBeGreaterThan(0);
    }
  }, 240_000);

  it('refuses a corrupted or truncated archive, naming the part, before touching the target', async () => {
    const members = await listTar(archive);
    const dbPart = members[1];
    const corrupted = path.join(tmpRoot, `${engine}-corrupted.tar`);
    const bytes = fs.readFileSync(archive);
    bytes[dbPart.offset + Math.floor(dbPart.size / 2)] ^= 0xff;
    fs.writeFileSync(corrupted, bytes);
    const err = await checkBackupFile(corrupted).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ArchiveRejectedError);
    expect((err as ArchiveRejectedError).errors).toEqual([expect.objectContaining({ field: dbPart.name, code: 'operations.archive_part_hash' })]);

    const config = await targetConfig(engine, `${engine}-corrupted`);
    await expect(restoreBackup(config, corrupted, { force: false, actor: cliActor(), clock: t.deps.clock, log: silent, auditedEntities: CATALOG.auditedEntities })).rejects.toBeInstanceOf(ArchiveRejectedError);
    expect(fs.existsSync(config.keysDir)).toBe(false);
    if (engine === 'pglite') expect(fs.existsSync(path.join(config.dataDir, 'pgdata'))).toBe(false);
    else {
      const db = await openPostgres(config.databaseUrl!, 1);
      expect(await store.userRelationCount(db)).toBe(0);
      await db.close();
    }

    const truncated = path.join(tmpRoot, `${engine}-truncated.tar`);
    fs.writeFileSync(truncated, bytes.subarray(0, dbPart.offset + 1000));
    await expect(checkBackupFile(truncated)).rejects.toMatchObject({ errors: [expect.objectContaining({ code: 'operations.archive_format' })] });

    const key = members.find((m) => m.name === 'keys/node-ed25519.pem')!;
    const swapped = Buffer.from(fs.readFileSync(archive));
    swapped[key.offset + 40] = swapped[key.offset + 40] === 0x41 ? 0x42 : 0x41;
    fs.writeFileSync(corrupted, swapped);
    await expect(checkBackupFile(corrupted)).rejects.toMatchObject({ errors: [expect.objectContaining({ field: 'keys/node-ed25519.pem', code: 'operations.archive_part_hash' })] });
  });

  it('takes one backup at a time per server', async () => {
    const service = createServices(t.deps).operations;
    const first = await service.create(SYSTEM_ACTOR, { via: 'cli' });
    try {
      await expect(service.create(SYSTEM_ACTOR, { via: 'cli' })).rejects.toMatchObject({ status: 409, errors: [expect.objectContaining({ code: 'operations.backup_running' })] });
    } finally {
      await first.dispose();
    }
    // Reading an archive to its end releases it too (the API never calls dispose itself on success).
    const second = await service.create(SYSTEM_ACTOR, { via: 'cli' });
    for await (const chunk of second.stream()) void chunk;
    const third = await service.create(SYSTEM_ACTOR, { via: 'cli' });
    await third.dispose();
  }, 120_000);
});
