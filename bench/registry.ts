/**
 * Registry benchmark (`npm run bench -- --only registry [--items N] [--engine pglite|postgres|both]`).
 *
 * Per engine, on a fresh database:
 *  1. raw baselines: the same N item rows written in batches of 5,000, one transaction, with
 *     INSERT … SELECT unnest(…) and with COPY (what the import now uses for its rows);
 *  2. import: the same rows as a CSV file through the real import service (parse, validate, natural-key
 *     check, items + markings + audit, one transaction) — rows/s and the ratio to each baseline (1).
 *     Also the CPU seconds each took: this process's (on PGlite the database's too) plus, on PostgreSQL,
 *     the server backends' of the bench database (/proc), so the ratio can be read on a loaded machine;
 *  3. exact serial lookup over HTTP (GET /api/v1/registry/items?serial=…) with a registry clerk's API token,
 *     autocannon in a worker thread: req/s, p50, p99;
 *     and the same lookup done directly in SQL (registry store's search), sequentially: p50, p99, lookups/s;
 *  4. partial serial search over HTTP (`serialPattern` with `?` and `*`), sequential: p50, p95.
 * Figures are printed as a Markdown table for BENCHMARKS.md. Timings never fail anything.
 */
import fs from 'node:fs';
import inspector from 'node:inspector/promises';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../src/app.ts';
import { SYSTEM_ACTOR } from '../src/platform/auth/actor.ts';
import { systemClock } from '../src/platform/clock.ts';
import { testConfig } from '../src/platform/config.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { openPglite } from '../src/platform/db/pglite.ts';
import { openScratchPostgres } from '../src/platform/db/scratch.ts';
import type { Db, Engine, Tx } from '../src/platform/db/types.ts';
import type { Deps } from '../src/platform/deps.ts';
import { normaliseSerial, partialSerialPattern } from '../src/registry/model.ts';
import { searchItems, type ItemRow } from '../src/registry/store.ts';
import { createImportService } from '../src/registry/import/service.ts';
import { copyItems, insertItemsRaw } from '../src/registry/import/store.ts';
import { insertMachineToken } from '../test/support/tokens.ts';
import { httpLoad, itemRow, percentile, row, writeCsv } from './support/registry-data.ts';

const PORT = 18110;

/** A registry clerk with an API token, as a machine client holds one. */
async function clerkTokenHeaders(db: Db): Promise<Record<string, string>> {
  const now = new Date();
  const { headers } = await insertMachineToken(db, { role: 'registry_clerk', username: 'bench-clerk', tokenName: 'bench', now, expiresAt: new Date(now.getTime() + 86_400_000) });
  return headers;
}
const BATCH = 5000;

interface Args {
  items: number;
  engines: Engine[];
  duration: number;
  /** Raw baseline and import only (no HTTP parts). */
  importOnly: boolean;
  /** Write a CPU profile of the import to FILE-<engine>.cpuprofile. */
  profile?: string;
}

function parseArgs(argv: string[]): Args {
  let items = 1_000_000;
  let engine = 'both';
  let duration = 10;
  let importOnly = false;
  let profile: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--import-only') importOnly = true;
    else if (argv[i] === '--profile') profile = argv[++i];
    else if (argv[i] === '--items') items = Number(argv[++i]);
    else if (argv[i] === '--engine') engine = argv[++i];
    else if (argv[i] === '--duration') duration = Number(argv[++i]);
  }
  if (!Number.isInteger(items) || items < 1000) throw new Error('--items must be an integer ≥ 1000');
  return { items, engines: engine === 'both' ? ['pglite', 'postgres'] : [engine as Engine], duration, importOnly, profile };
}



async function freshDb(engine: Engine, dir: string): Promise<{ db: Db; close(): Promise<void>; where: string }> {
  if (engine === 'pglite') {
    const dataDir = path.join(dir, 'pgdata');
    const db = await openPglite(dataDir);
    await migrate(db);
    return { db, close: () => db.close(), where: `PGlite ${dataDir}` };
  }
  const scratch = await openScratchPostgres(process.env.DATABASE_URL || 'postgres://root@127.0.0.1:5432/test', 'custodia_bench', 20);
  return { db: scratch.db, where: `PostgreSQL ${scratch.where}`, close: scratch.close };
}

/** Peak resident set size of this process (which holds the embedded database) over a phase, sampled every 50 ms. */
function rssSampler(): { phase(): number } {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 50);
  timer.unref();
  return {
    /** The peak since the previous call (then starts a new phase). */
    phase() {
      const p = Math.max(peak, process.memoryUsage.rss());
      peak = process.memoryUsage.rss();
      return p;
    },
  };
}

/** CPU seconds of this process (on PGlite: the database's too). */
const ownCpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

/**
 * CPU seconds used by the PostgreSQL backends serving the bench database since `start()` (read from
 * /proc on this machine; a backend that exits within the phase loses its share, which the bench's
 * transactions never do: each phase is one long transaction on one connection).
 */
function serverCpu(db: Db): { start(): Promise<void>; stop(): Promise<number> } {
  const ticks = (pid: number) => {
    try {
      const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      return (Number(f[11]) + Number(f[12])) / 100;
    } catch {
      return 0;
    }
  };
  let base = new Map<number, number>();
  const sample = async () => {
    if (db.engine !== 'postgres') return new Map<number, number>();
    const rows = await db.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database()');
    return new Map(rows.map((r) => [Number(r.pid), ticks(Number(r.pid))]));
  };
  return {
    async start() {
      base = await sample();
    },
    async stop() {
      let sum = 0;
      for (const [pid, t] of await sample()) sum += t - (base.get(pid) ?? 0);
      return sum;
    },
  };
}

/** Runs one raw baseline: N rows in batches, one transaction; returns rows/s and CPU seconds. */
async function rawBaseline(db: Db, n: number, write: (tx: Tx, rows: ItemRow[]) => Promise<void>) {
  let ms = 0;
  const server = serverCpu(db);
  let cpu = 0;
  await db.transaction(async (tx) => {
    await server.start();
    const now = new Date();
    for (let i = 0; i < n; i += BATCH) {
      const rows: ItemRow[] = [];
      for (let j = i; j < Math.min(n, i + BATCH); j++) rows.push(itemRow(j, now));
      const c = ownCpu();
      const t = performance.now();
      await write(tx, rows);
      ms += performance.now() - t;
      cpu += ownCpu() - c;
    }
    cpu += await server.stop();
  });
  await db.exec('TRUNCATE registry_items CASCADE');
  return { rowsPerSec: n / (ms / 1000), cpu };
}

const pct = (x: number) => `${(x * 100).toFixed(0)}%`;
const log = (s: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${s}\n`);

interface Figures {
  engine: Engine;
  items: number;
  rawRowsPerSec: number;
  rawCopyRowsPerSec: number;
  importRowsPerSec: number;
  /** CPU seconds (this process + PostgreSQL backends): raw unnest, raw COPY, import. */
  cpu: { rawInsert: number; rawCopy: number; importing: number };
  httpReqPerSec: number;
  httpP50: number;
  httpP99: number;
  sqlPerSec: number;
  sqlP50: number;
  sqlP99: number;
  partialP50: number;
  partialP95: number;
  partialN: number;
  rssImportMiB: number;
  rssLookupMiB: number;
  /** pg_database_size after the import (the raw rows were truncated; dead space included). */
  dbMiB: number;
}

async function benchEngine(engine: Engine, args: Args, csvFile: string): Promise<Figures> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `custodia-bench-${engine}-`));
  const { db, close, where } = await freshDb(engine, dir);
  log(`[${engine}] fresh database: ${where}`);
  const deps: Deps = { db, clock: systemClock, config: testConfig({ dataDir: dir }), log: { info() {}, warn() {}, error: console.error, debug() {} } };
  try {
    // 1. raw baselines (row generation outside the timed statements), each from an empty table with the same indexes.
    const rawInsert = await rawBaseline(db, args.items, insertItemsRaw);
    log(`[${engine}] raw INSERT … SELECT unnest: ${Math.round(rawInsert.rowsPerSec)} rows/s, ${rawInsert.cpu.toFixed(1)} CPU-s`);
    const rawCopy = await rawBaseline(db, args.items, copyItems);
    log(`[${engine}] raw COPY: ${Math.round(rawCopy.rowsPerSec)} rows/s, ${rawCopy.cpu.toFixed(1)} CPU-s`);
    const rawRowsPerSec = rawInsert.rowsPerSec;

    // 2. import of the same rows from CSV.
    const service = createImportService(deps);
    const stat = fs.statSync(csvFile);
    const session = args.profile ? new inspector.Session() : undefined;
    if (session) {
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.start');
    }
    const rss = rssSampler();
    const server = serverCpu(db);
    await server.start();
    const c0 = ownCpu();
    const t0 = performance.now();
    const out = await service.importItems(SYSTEM_ACTOR, { fileName: path.basename(csvFile), bytes: stat.size, open: () => fs.createReadStream(csvFile) });
    const importMs = performance.now() - t0;
    const importOwnCpu = ownCpu() - c0;
    const importServerCpu = await server.stop();
    const importCpu = importOwnCpu + importServerCpu;
    log(`[${engine}] import CPU: ${importOwnCpu.toFixed(1)} s this process${engine === 'postgres' ? `, ${importServerCpu.toFixed(1)} s PostgreSQL` : ' (the database included)'}`);
    const rssImportMiB = rss.phase() / 2 ** 20;
    if (session && args.profile) {
      const { profile } = await session.post('Profiler.stop');
      fs.writeFileSync(`${args.profile}-${engine}.cpuprofile`, JSON.stringify(profile));
      session.disconnect();
    }
    if (out.job.status !== 'completed' || out.job.items_created !== args.items) throw new Error(`import did not complete: ${JSON.stringify(out.job)}`);
    const importRowsPerSec = args.items / (importMs / 1000);
    log(
      `[${engine}] import: ${Math.round(importRowsPerSec)} rows/s (${pct(importRowsPerSec / rawInsert.rowsPerSec)} of raw unnest, ${pct(importRowsPerSec / rawCopy.rowsPerSec)} of raw COPY), ` +
        `${importCpu.toFixed(1)} CPU-s (raw/import CPU: unnest ${pct(rawInsert.cpu / importCpu)}, COPY ${pct(rawCopy.cpu / importCpu)}), peak RSS ${Math.round(rssImportMiB)} MiB`,
    );
    if (engine === 'postgres') await db.exec('ANALYZE');
    const [size] = await db.query<{ bytes: string }>('SELECT pg_database_size(current_database())::text AS bytes');
    const dbMiB = Number(size.bytes) / 2 ** 20;
    log(`[${engine}] database size after the import: ${Math.round(dbMiB)} MiB`);
    const skipped = { httpReqPerSec: NaN, httpP50: NaN, httpP99: NaN, sqlPerSec: NaN, sqlP50: NaN, sqlP99: NaN, partialP50: NaN, partialP95: NaN, partialN: 0, rssLookupMiB: NaN };
    const common = { engine, items: args.items, rawRowsPerSec, rawCopyRowsPerSec: rawCopy.rowsPerSec, importRowsPerSec, cpu: { rawInsert: rawInsert.cpu, rawCopy: rawCopy.cpu, importing: importCpu }, rssImportMiB, dbMiB };
    if (args.importOnly) return { ...common, ...skipped };

    // 3a. exact lookup over HTTP, as a machine client makes it: a registry clerk's real API token checked
    //     on every request by the production resolver (from its per-process cache after the first);
    //     autocannon in a worker thread, so the load generator does not share the server's event loop.
    const app = await buildApp({ deps, logger: false });
    await app.listen({ port: PORT, host: '127.0.0.1' });
    const headers = await clerkTokenHeaders(db);
    const serialAt = (k: number) => row((k * 7919) % args.items).serial;
    // Warm-up and correctness check.
    const probe = await fetch(`http://127.0.0.1:${PORT}/api/v1/registry/items?serial=${encodeURIComponent(serialAt(1).toLowerCase())}`, { headers });
    const probeBody = (await probe.json()) as { items?: unknown[] };
    if (probe.status !== 200 || !probeBody.items || probeBody.items.length !== 1) throw new Error(`exact lookup probe failed: ${probe.status} ${JSON.stringify(probeBody).slice(0, 300)}`);
    const paths = Array.from({ length: 20_000 }, (_, i) => `/api/v1/registry/items?serial=${encodeURIComponent(serialAt(i + 2))}`);
    const result = await httpLoad({ url: `http://127.0.0.1:${PORT}`, paths, headers, connections: 10, duration: args.duration });
    if (result.non2xx > 0 || result.errors > 0) log(`[${engine}] warning: ${result.non2xx} non-2xx responses, ${result.errors} errors`);
    log(`[${engine}] HTTP exact: ${Math.round(result.requests)} req/s p50 ${result.p50} ms p99 ${result.p99} ms (${result.total} requests, each with its bearer token checked)`);

    // 3b. the same lookup directly in SQL.
    const sqlTimes: number[] = [];
    const sqlStart = performance.now();
    for (let i = 0; i < 3000; i++) {
      const t = performance.now();
      const { rows } = await searchItems(db, { serialExact: normaliseSerial(serialAt(i + 100)) }, { key: 'registeredAt', desc: false, limit: 50 });
      sqlTimes.push(performance.now() - t);
      if (rows.length !== 1) throw new Error('SQL exact lookup did not find its item');
    }
    const sqlPerSec = 3000 / ((performance.now() - sqlStart) / 1000);
    sqlTimes.sort((a, b) => a - b);
    log(`[${engine}] SQL exact: ${Math.round(sqlPerSec)} lookups/s p50 ${percentile(sqlTimes, 50).toFixed(2)} ms p99 ${percentile(sqlTimes, 99).toFixed(2)} ms`);

    // 4. partial search: a fragment of a serial with one unknown character, and a `*` gap.
    const partialTimes: number[] = [];
    const N = 200;
    for (let i = 0; i < N; i++) {
      const s = normaliseSerial(serialAt(i + 5000));
      const pattern = i % 2 === 0 ? `${s.slice(3, 5)}?${s.slice(6, 9)}` : `${s.slice(2, 5)}*${s.slice(7, 10)}`;
      if (partialSerialPattern(pattern).known < 3) continue;
      const t = performance.now();
      const res = await fetch(`http://127.0.0.1:${PORT}/api/v1/registry/items?serialPattern=${encodeURIComponent(pattern)}&limit=50`, { headers });
      await res.arrayBuffer();
      partialTimes.push(performance.now() - t);
      if (res.status !== 200) throw new Error(`partial search failed: ${res.status}`);
    }
    partialTimes.sort((a, b) => a - b);
    log(`[${engine}] HTTP partial: p50 ${percentile(partialTimes, 50).toFixed(1)} ms p95 ${percentile(partialTimes, 95).toFixed(1)} ms`);
    await app.close();
    const rssLookupMiB = rss.phase() / 2 ** 20;
    return {
      ...common,
      rssLookupMiB,
      httpReqPerSec: result.requests,
      httpP50: result.p50,
      httpP99: result.p99,
      sqlPerSec,
      sqlP50: percentile(sqlTimes, 50),
      sqlP99: percentile(sqlTimes, 99),
      partialP50: percentile(partialTimes, 50),
      partialP95: percentile(partialTimes, 95),
      partialN: partialTimes.length,
    };
  } finally {
    await close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-bench-csv-'));
  const csvFile = path.join(dir, 'items.csv');
  log(`writing ${args.items} rows to ${csvFile}`);
  writeCsv(csvFile, args.items);
  const all: Figures[] = [];
  try {
    for (const engine of args.engines) all.push(await benchEngine(engine, args, csvFile));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const load = os.loadavg().map((l) => l.toFixed(1)).join(' ');
  const f0 = (n: number) => Math.round(n).toLocaleString('en');
  const f1 = (n: number) => n.toFixed(1);
  console.log(`\nRegistry benchmark, ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, load average ${load}\n`);
  console.log('| engine | items | raw unnest rows/s | raw COPY rows/s | import rows/s | import/raw unnest | import/raw COPY | CPU-s raw unnest / raw COPY / import | CPU ratio vs unnest / COPY | peak RSS import / lookups MiB | database MiB |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const f of all) {
    console.log(
      `| ${f.engine} | ${f0(f.items)} | ${f0(f.rawRowsPerSec)} | ${f0(f.rawCopyRowsPerSec)} | ${f0(f.importRowsPerSec)} | ${pct(f.importRowsPerSec / f.rawRowsPerSec)} | ${pct(f.importRowsPerSec / f.rawCopyRowsPerSec)} | ` +
        `${f1(f.cpu.rawInsert)} / ${f1(f.cpu.rawCopy)} / ${f1(f.cpu.importing)} | ${pct(f.cpu.rawInsert / f.cpu.importing)} / ${pct(f.cpu.rawCopy / f.cpu.importing)} | ${f0(f.rssImportMiB)} / ${f0(f.rssLookupMiB)} | ${f0(f.dbMiB)} |`,
    );
  }
  if (!args.importOnly) {
    console.log('\n| engine | items | HTTP exact req/s | p50 ms | p99 ms | SQL exact lookups/s | SQL p50 ms | SQL p99 ms | HTTP / SQL | partial p50 ms | partial p95 ms |');
    console.log('|---|---|---|---|---|---|---|---|---|---|---|');
    for (const f of all) {
      console.log(
        `| ${f.engine} | ${f0(f.items)} | ${f0(f.httpReqPerSec)} | ${f.httpP50} | ${f.httpP99} | ${f0(f.sqlPerSec)} | ${f.sqlP50.toFixed(2)} | ${f.sqlP99.toFixed(2)} | ${(f.httpReqPerSec / f.sqlPerSec).toFixed(2)}× | ${f1(f.partialP50)} | ${f1(f.partialP95)} |`,
      );
    }
  }
}

await main();
