/**
 * Audit log benchmark (issue 3): appends per second batched within transactions, inclusion and
 * consistency proof time at N entries (default 1,000,000), and `custodia audit verify` over the whole
 * log, on PGlite (persisted to a temporary data directory) and PostgreSQL (a fresh database beside
 * TEST_DATABASE_URL, default postgres://root@127.0.0.1:5432/test).
 *
 *   npx tsx bench/audit.ts [--entries 1000000] [--batch 1000] [--engine pglite|postgres|both]
 *
 * Raw baselines measured in the same run, to read the figures against: the same rows written by a bare
 * INSERT … unnest into a copy of audit_log, one audit_node row fetched by key, and the verifier's reads
 * alone (no hashing).
 *
 * The audited records are a bench table (entries/4 rows, each audited four times) declared as an
 * audited entity, so verify re-hashes real rows too. Prints figures; never fails on a timing.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SYSTEM_ACTOR, type Actor } from '../src/platform/auth/actor.ts';
import { defineAuditedEntity } from '../src/platform/audit/entities.ts';
import { proofRanges, verifyConsistency, verifyInclusion } from '../src/platform/audit/merkle.ts';
import { recordAuditBatch } from '../src/platform/audit/record.ts';
import { rangeHashes } from '../src/platform/audit/tree-store.ts';
import { systemClock } from '../src/platform/clock.ts';
import { testConfig } from '../src/platform/config.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { openPglite } from '../src/platform/db/pglite.ts';
import { openScratchPostgres } from '../src/platform/db/scratch.ts';
import type { Db, Engine, Queryable } from '../src/platform/db/types.ts';
import type { Deps } from '../src/platform/deps.ts';
import { createAuditService } from '../src/audit/service.ts';
import * as auditStore from '../src/audit/store.ts';
import { sha256Hex } from '../src/platform/crypto/canonical.ts';
import { uuidv7 } from '../src/platform/ids.ts';
import { MODULES } from '../src/modules.ts';
import { buildCatalog } from '../src/platform/module.ts';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}
const ENTRIES = Number(arg('entries', '1000000'));
const BATCH = Number(arg('batch', '1000'));
const ENGINE = arg('engine', 'both');
const PROOFS = Number(arg('proofs', '1000'));

const benchState = (id: string, v: number) => ({ id, v });
const BENCH_RECORD = defineAuditedEntity({
  entity: 'bench_record',
  async load(db: Queryable, ids: readonly string[]) {
    const rows = await db.query<{ id: string; v: number }>('SELECT id, v FROM bench_record WHERE id = ANY($1::text[])', [ids]);
    return new Map(rows.map((r) => [r.id, benchState(r.id, Number(r.v))]));
  },
});
const BENCH_CATALOG = buildCatalog([...MODULES, { name: 'bench', auditedEntities: [BENCH_RECORD] }]);

const actor: Actor = { kind: 'user', userId: '0190a000-0000-7000-8000-00000000b001', name: 'Bench Clerk', role: 'registry_clerk', organisationId: null };

async function openFresh(engine: Engine): Promise<{ db: Db; close(): Promise<void> }> {
  if (engine === 'pglite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-audit-bench-'));
    const db = await openPglite(dir);
    await migrate(db);
    return {
      db,
      async close() {
        await db.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const { db, close } = await openScratchPostgres(process.env.TEST_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test', 'custodia_bench_audit', 4);
  return { db, close };
}

function stats(samples: number[], cpuMs?: number): string {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  const mean = s.reduce((a, b) => a + b, 0) / s.length;
  const cpu = cpuMs === undefined ? '' : `, process CPU ${(cpuMs / s.length).toFixed(3)} ms/proof`;
  return `mean ${mean.toFixed(3)} ms, p50 ${q(0.5).toFixed(3)} ms, p99 ${q(0.99).toFixed(3)} ms (n=${s.length}${cpu}; load average ${load()})`;
}

/** CPU seconds this process used since `from` (for PGlite that includes the database itself). */
function cpuSince(from: NodeJS.CpuUsage): number {
  const c = process.cpuUsage(from);
  return (c.user + c.system) / 1e6;
}

const load = () => os.loadavg()[0].toFixed(1);

function rnd(n: number): number {
  return Math.floor(Math.random() * n);
}

async function runEngine(engine: Engine): Promise<void> {
  const { db, close } = await openFresh(engine);
  const keysDir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-audit-bench-keys-'));
  const deps: Deps = { db, clock: systemClock, config: testConfig({ keysDir }), log: { info() {}, warn() {}, error() {}, debug() {} } };
  const service = createAuditService(deps, BENCH_CATALOG);
  try {
    const records = Math.max(1, Math.floor(ENTRIES / 4));
    await db.exec('CREATE TABLE bench_record (id text PRIMARY KEY, v integer NOT NULL)');
    await db.query("INSERT INTO bench_record (id, v) SELECT 'r' || g, g FROM generate_series(0, $1::int - 1) AS g", [records]);

    // 0. Raw baseline in the same run: the same number of rows, shaped and indexed like audit_log, written
    //    with one INSERT … SELECT unnest per BATCH rows and transaction (values made outside the timing).
    const rawAppendSeconds = await rawAppends(db);
    process.stdout.write(`[${engine}] raw baseline: ${Math.round(ENTRIES / rawAppendSeconds)} rows/s (INSERT … unnest into a copy of audit_log, batches of ${BATCH})\n`);

    // 1. Appends, BATCH entries per transaction.
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    let written = 0;
    let lastReport = t0;
    while (written < ENTRIES) {
      const n = Math.min(BATCH, ENTRIES - written);
      const start = written;
      await db.transaction((tx) =>
        recordAuditBatch(
          tx,
          actor,
          systemClock,
          Array.from({ length: n }, (_, i) => {
            const r = (start + i) % records;
            return { action: 'bench.record.update', entity: 'bench_record', entityId: `r${r}`, reason: 'benchmark', state: benchState(`r${r}`, r) };
          }),
        ),
      );
      written += n;
      if (performance.now() - lastReport > 15_000) {
        lastReport = performance.now();
        process.stdout.write(`  [${engine}] ${written} entries, ${Math.round(written / ((lastReport - t0) / 1000))}/s so far\n`);
      }
    }
    const appendSeconds = (performance.now() - t0) / 1000;
    const appendCpu = cpuSince(c0);
    process.stdout.write(
      `[${engine}] appends: ${ENTRIES} entries in ${appendSeconds.toFixed(1)} s = ${Math.round(ENTRIES / appendSeconds)} entries/s (batches of ${BATCH} per transaction, ` +
        `${((rawAppendSeconds / appendSeconds) * 100).toFixed(0)}% of raw); this process used ${appendCpu.toFixed(1)} CPU-s = ${Math.round(ENTRIES / appendCpu)} entries per CPU-second; load average ${load()}\n`,
    );

    // Small transactions: 10 entries each (a typical service call audits a handful of rows).
    const smallN = 2_000;
    const t1 = performance.now();
    for (let i = 0; i < smallN / 10; i++) {
      await db.transaction((tx) =>
        recordAuditBatch(tx, actor, systemClock, Array.from({ length: 10 }, (_, j) => {
          const r = (i * 10 + j) % records;
          return { action: 'bench.record.update', entity: 'bench_record', entityId: `r${r}`, state: benchState(`r${r}`, r) };
        })),
      );
    }
    const smallSeconds = (performance.now() - t1) / 1000;
    process.stdout.write(`[${engine}] appends: ${Math.round(smallN / smallSeconds)} entries/s in transactions of 10 entries (${smallN / 10} transactions)\n`);

    const cp = await service.createCheckpoint(SYSTEM_ACTOR);
    const size = cp.treeSize;
    const root = Buffer.from(cp.rootHash, 'base64');

    // 2. Proofs at this size: the stored-node fetch alone, and the whole service call (entry lookup,
    //    checkpoint, nodes). Each proof is verified, outside the timing.
    const seqs = Array.from({ length: PROOFS }, () => rnd(size));
    const froms = Array.from({ length: PROOFS }, () => 1 + rnd(size - 1));
    async function timed(fn: (i: number) => Promise<unknown>): Promise<{ samples: number[]; cpuMs: number }> {
      const samples: number[] = [];
      const c = process.cpuUsage();
      for (let i = 0; i < PROOFS; i++) {
        const s = performance.now();
        await fn(i);
        samples.push(performance.now() - s);
      }
      return { samples, cpuMs: cpuSince(c) * 1000 };
    }
    const incProofs: Buffer[][] = [];
    const consProofs: Buffer[][] = [];
    // Raw baseline: one stored node by its key, the smallest query a proof could be.
    const rawKey = await timed(() => db.query('SELECT hash FROM audit_node WHERE level = $1 AND idx = $2', [1 + rnd(10), rnd(size >> 11)]));
    process.stdout.write(`[${engine}] raw baseline: one audit_node row by key: ${stats(rawKey.samples, rawKey.cpuMs)}\n`);
    const storeInc = await timed(async (i) => incProofs.push(await rangeHashes(db, proofRanges(seqs[i], seqs[i] + 1, size))));
    const serviceInc = await timed((i) => service.inclusionProof(SYSTEM_ACTOR, { seq: seqs[i] }));
    const storeCons = await timed(async (i) => consProofs.push(await rangeHashes(db, proofRanges(0, froms[i], size))));
    const serviceCons = await timed((i) => service.consistencyProof(SYSTEM_ACTOR, { from: froms[i], to: size }));
    // Every proof served is checked (outside the timings).
    for (let i = 0; i < PROOFS; i++) {
      const entry = await service.getEntry(SYSTEM_ACTOR, { seq: seqs[i] });
      verifyInclusion(seqs[i], size, Buffer.from(entry.leafHash, 'base64'), incProofs[i], root);
      const c = await service.consistencyProof(SYSTEM_ACTOR, { from: froms[i], to: size });
      verifyConsistency(froms[i], size, consProofs[i], Buffer.from(c.fromRoot, 'base64'), root);
    }
    process.stdout.write(`[${engine}] inclusion proof at ${size} entries, node fetch: ${stats(storeInc.samples, storeInc.cpuMs)}\n`);
    process.stdout.write(`[${engine}] inclusion proof at ${size} entries, service call: ${stats(serviceInc.samples, serviceInc.cpuMs)}\n`);
    process.stdout.write(`[${engine}] consistency proof at ${size} entries, node fetch: ${stats(storeCons.samples, storeCons.cpuMs)}\n`);
    process.stdout.write(`[${engine}] consistency proof at ${size} entries, service call (incl. both roots): ${stats(serviceCons.samples, serviceCons.cpuMs)}\n`);

    // 3. Full verification, after the raw baseline: reading the same entries and nodes the same way
    //    (batches of 20,000, through the same store functions), without re-hashing or comparing anything.
    const tr = performance.now();
    for (let from = 0; from < size; from += 20_000) {
      const to = Math.min(size, from + 20_000);
      await Promise.all([auditStore.entriesBetween(db, from, to), auditStore.nodesCompletedBetween(db, from, to)]);
    }
    const rawReadSeconds = (performance.now() - tr) / 1000;
    process.stdout.write(`[${engine}] raw baseline: reading ${size} entries and their nodes in batches of 20,000: ${rawReadSeconds.toFixed(1)} s\n`);
    const t2 = performance.now();
    const c2 = process.cpuUsage();
    const report = await service.verify(SYSTEM_ACTOR);
    const verifySeconds = (performance.now() - t2) / 1000;
    process.stdout.write(
      `[${engine}] audit verify: ${report.entriesChecked} entries, ${report.nodesChecked} nodes, ${report.checkpointsChecked} checkpoints, ${report.recordsChecked} records in ${verifySeconds.toFixed(1)} s (${cpuSince(c2).toFixed(1)} CPU-s in this process; load average ${load()}); ok=${report.ok}, problems=${report.problemCount}; ${(verifySeconds / rawReadSeconds).toFixed(1)}× the raw read\n`,
    );
    const [{ bytes }] = await db.query<{ bytes: number }>("SELECT pg_total_relation_size('audit_log') + pg_total_relation_size('audit_node') AS bytes");
    process.stdout.write(`[${engine}] storage: audit_log + audit_node = ${(Number(bytes) / 2 ** 20).toFixed(0)} MiB\n`);
  } finally {
    await close();
    fs.rmSync(keysDir, { recursive: true, force: true });
  }
}

/** Seconds to write ENTRIES audit_log-shaped rows into a scratch copy of the table (then dropped). */
async function rawAppends(db: Db): Promise<number> {
  await db.exec('CREATE TABLE bench_raw_log (LIKE audit_log INCLUDING ALL)');
  const at = new Date().toISOString();
  let ms = 0;
  for (let start = 0; start < ENTRIES; start += BATCH) {
    const n = Math.min(BATCH, ENTRIES - start);
    const seqs = Array.from({ length: n }, (_, i) => start + i);
    const cols = [
      seqs,
      seqs.map(() => uuidv7()),
      seqs.map(() => at),
      seqs.map(() => actor.kind),
      seqs.map(() => actor.userId),
      seqs.map(() => actor.name),
      seqs.map(() => actor.role),
      seqs.map(() => 'bench.record.update'),
      seqs.map(() => 'bench_record'),
      seqs.map((q) => `r${q}`),
      seqs.map(() => 'benchmark'),
      seqs.map((q) => sha256Hex(String(q))),
      seqs.map((q) => createHash('sha256').update(String(q)).digest()),
    ];
    const t = performance.now();
    await db.transaction((tx) =>
      tx.query(
        `INSERT INTO bench_raw_log SELECT * FROM unnest($1::bigint[], $2::uuid[], $3::timestamptz[], $4::text[], $5::uuid[], $6::text[], $7::text[],
                                                         $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::bytea[])`,
        cols,
      ),
    );
    ms += performance.now() - t;
  }
  await db.exec('DROP TABLE bench_raw_log');
  return ms / 1000;
}

const engines: Engine[] = ENGINE === 'both' ? ['pglite', 'postgres'] : [ENGINE as Engine];
process.stdout.write(`audit bench: ${ENTRIES} entries, batches of ${BATCH}, ${PROOFS} proofs, engines ${engines.join(', ')}, node ${process.version}\n`);
for (const engine of engines) await runEngine(engine);
