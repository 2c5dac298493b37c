/**
 * Registry benchmark (`npm run bench -- --only registry [--items N] [--engine pglite|postgres|both]`).
 *
 * Per engine, on a fresh database:
 *  1. raw baseline: the same N item rows written with INSERT … SELECT unnest(…) in batches of 5,000, one transaction;
 *  2. import: the same rows as a CSV file through the real import service (parse, validate, natural-key
 *     check, items + markings + audit, one transaction) — rows/s and the ratio to (1);
 *  3. exact serial lookup over HTTP (GET /api/v1/registry/items?serial=…) with a registry clerk's API token,
 *     autocannon in a worker thread: req/s, p50, p99;
 *     and the same lookup done directly in SQL (registry store's search), sequentially: p50, p99, lookups/s;
 *  4. partial serial search over HTTP (`serialPattern` with `?` and `*`), sequential: p50, p95.
 * Figures are printed as a Markdown table for BENCHMARKS.md. Timings never fail anything.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import { buildApp } from '../src/app.ts';
import { SYSTEM_ACTOR } from '../src/platform/auth/actor.ts';
import { systemClock } from '../src/platform/clock.ts';
import { testConfig } from '../src/platform/config.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { openPglite } from '../src/platform/db/pglite.ts';
import { openScratchPostgres } from '../src/platform/db/scratch.ts';
import type { Db, Engine } from '../src/platform/db/types.ts';
import type { Deps } from '../src/platform/deps.ts';
import { uuidv7 } from '../src/platform/ids.ts';
import { normaliseSerial, partialSerialPattern } from '../src/registry/model.ts';
import { searchItems, type ItemRow } from '../src/registry/store.ts';
import { createImportService } from '../src/registry/import/service.ts';
import { insertItemsRaw } from '../src/registry/import/store.ts';
import { insertMachineToken } from '../test/support/tokens.ts';
import { naturalKey } from '../src/registry/import/model.ts';

const PORT = 18110;

interface LoadResult {
  requests: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  total: number;
}

/** Runs autocannon in a worker thread (bench/support/http-load.mjs) and returns its summary. */
function httpLoad(data: { url: string; paths: string[]; headers: Record<string, string>; connections: number; duration: number }): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./support/http-load.mjs', import.meta.url), { workerData: data });
    worker.once('message', (m: LoadResult) => resolve(m));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`load generator exited with code ${code}`));
    });
  });
}

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
}

function parseArgs(argv: string[]): Args {
  let items = 1_000_000;
  let engine = 'both';
  let duration = 10;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--items') items = Number(argv[++i]);
    else if (argv[i] === '--engine') engine = argv[++i];
    else if (argv[i] === '--duration') duration = Number(argv[++i]);
  }
  if (!Number.isInteger(items) || items < 1000) throw new Error('--items must be an integer ≥ 1000');
  return { items, engines: engine === 'both' ? ['pglite', 'postgres'] : [engine as Engine], duration };
}

const MAKES: [string, string, string, string][] = [
  ['Glock', '17', 'self_loading_pistol', 'AT'],
  ['Beretta', '92FS', 'self_loading_pistol', 'IT'],
  ['CZ', '75 B', 'self_loading_pistol', 'CZ'],
  ['Remington', '870', 'shotgun', 'US'],
  ['Ruger', '10/22', 'rifle', 'US'],
  ['Smith & Wesson', 'Model 686', 'revolver', 'US'],
  ['Tikka', 'T3x', 'rifle', 'FI'],
  ['Benelli', 'M4', 'shotgun', 'IT'],
];
const CALIBRES = ['9mm Luger', '9mm Luger', '9mm Luger', '12/76', '22 Long Rifle', '357 Magnum', '308 Winchester', '12/76'];

/** Row i of the benchmark data set: deterministic, unique serials with letters and digits. */
function row(i: number) {
  const m = i % MAKES.length;
  const [make, model, type, country] = MAKES[m];
  const serial = `${make.slice(0, 2).toUpperCase()}-${(i * 2654435761 % 4294967291).toString(36).toUpperCase().padStart(7, '0')}${(i % 97).toString().padStart(2, '0')}`;
  return { make, model, type, country, calibre: CALIBRES[m], serial, year: 1990 + (i % 35) };
}

function writeCsv(file: string, n: number): void {
  const fd = fs.openSync(file, 'w');
  fs.writeSync(fd, 'kind,type,make,model,calibre,serial_number,country_of_manufacture,year_of_manufacture\n');
  let buf: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = row(i);
    buf.push(`firearm,${r.type},${r.make},${r.model},${r.calibre},${r.serial},${r.country},${r.year}`);
    if (buf.length === 10_000) {
      fs.writeSync(fd, `${buf.join('\n')}\n`);
      buf = [];
    }
  }
  if (buf.length) fs.writeSync(fd, `${buf.join('\n')}\n`);
  fs.closeSync(fd);
}

function itemRow(i: number, now: Date): ItemRow {
  const r = row(i);
  const serialNorm = normaliseSerial(r.serial);
  return {
    id: uuidv7(),
    kind: 'firearm',
    firearm_type: r.type,
    part_type: null,
    ammunition_component: null,
    make: r.make,
    model: r.model,
    calibre: r.calibre,
    year_of_manufacture: r.year,
    country_of_manufacture: r.country,
    place_of_manufacture: null,
    manufacturer_party_id: null,
    serial_number: r.serial,
    serial_norm: serialNorm,
    lot_number: null,
    quantity_rounds: null,
    is_antique: false,
    is_replica: false,
    temporary_import_purpose: null,
    description: null,
    import_key: naturalKey({ kind: 'firearm', firearmType: r.type as never, make: r.make }, r.make, serialNorm),
    status: 'registered',
    holder_party_id: null,
    keeper_party_id: null,
    event_count: 0,
    last_event_at: null,
    manufactured_at: null,
    destroyed_at: null,
    created_at: now,
  };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
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

const log = (s: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${s}\n`);

interface Figures {
  engine: Engine;
  items: number;
  rawRowsPerSec: number;
  importRowsPerSec: number;
  httpReqPerSec: number;
  httpP50: number;
  httpP99: number;
  sqlPerSec: number;
  sqlP50: number;
  sqlP99: number;
  partialP50: number;
  partialP95: number;
  partialN: number;
}

async function benchEngine(engine: Engine, args: Args, csvFile: string): Promise<Figures> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `custodia-bench-${engine}-`));
  const { db, close, where } = await freshDb(engine, dir);
  log(`[${engine}] fresh database: ${where}`);
  const deps: Deps = { db, clock: systemClock, config: testConfig({ dataDir: dir }), log: { info() {}, warn() {}, error: console.error, debug() {} } };
  try {
    // 1. raw baseline (row generation outside the timed statements).
    let rawMs = 0;
    await db.transaction(async (tx) => {
      const now = new Date();
      for (let i = 0; i < args.items; i += BATCH) {
        const rows: ItemRow[] = [];
        for (let j = i; j < Math.min(args.items, i + BATCH); j++) rows.push(itemRow(j, now));
        const t = performance.now();
        await insertItemsRaw(tx, rows);
        rawMs += performance.now() - t;
      }
    });
    const rawRowsPerSec = args.items / (rawMs / 1000);
    log(`[${engine}] raw INSERT … SELECT unnest: ${Math.round(rawRowsPerSec)} rows/s`);
    // Same rows again through the import: start from an empty table with the same indexes.
    await db.exec('TRUNCATE registry_items CASCADE');

    // 2. import of the same rows from CSV.
    const service = createImportService(deps);
    const stat = fs.statSync(csvFile);
    const t0 = performance.now();
    const out = await service.importItems(SYSTEM_ACTOR, { fileName: path.basename(csvFile), bytes: stat.size, open: () => fs.createReadStream(csvFile) });
    const importMs = performance.now() - t0;
    if (out.job.status !== 'completed' || out.job.items_created !== args.items) throw new Error(`import did not complete: ${JSON.stringify(out.job)}`);
    const importRowsPerSec = args.items / (importMs / 1000);
    log(`[${engine}] import: ${Math.round(importRowsPerSec)} rows/s (${(importRowsPerSec / rawRowsPerSec * 100).toFixed(0)}% of raw)`);
    if (engine === 'postgres') await db.exec('ANALYZE');

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
      const rows = await searchItems(db, { serialExact: normaliseSerial(serialAt(i + 100)), limit: 50 });
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
    return {
      engine,
      items: args.items,
      rawRowsPerSec,
      importRowsPerSec,
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
  console.log('| engine | items | raw unnest rows/s | import rows/s | import/raw | HTTP exact req/s | p50 ms | p99 ms | SQL exact lookups/s | SQL p50 ms | SQL p99 ms | partial p50 ms | partial p95 ms |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const f of all) {
    console.log(
      `| ${f.engine} | ${f0(f.items)} | ${f0(f.rawRowsPerSec)} | ${f0(f.importRowsPerSec)} | ${((f.importRowsPerSec / f.rawRowsPerSec) * 100).toFixed(0)}% | ${f0(f.httpReqPerSec)} | ${f.httpP50} | ${f.httpP99} | ${f0(f.sqlPerSec)} | ${f.sqlP50.toFixed(2)} | ${f.sqlP99.toFixed(2)} | ${f1(f.partialP50)} | ${f1(f.partialP95)} |`,
    );
  }
}

await main();
