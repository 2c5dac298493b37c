/**
 * Exact serial lookup over HTTP against the same lookup in SQL, in one run
 * (`npx tsx bench/lookup.ts [--items N] [--engine pglite|postgres|both] [--duration S] [--workers N] [--connections C] [--client autocannon|wrk] [--partial] [--bulk-load]`).
 *
 * Per engine, on a fresh database: N item rows written raw (INSERT … unnest, as bench/registry.ts's baseline),
 * a registry clerk with a real API token, then
 *  - the registry store's exact search in SQL, sequential on one connection: lookups/s, p50, p99;
 *  - `GET /api/v1/registry/items?serial=…` with the token, autocannon in a worker thread: req/s, p50, p99,
 *    and its ratio to the SQL figure.
 * `--workers 0` (default) serves from this process (buildApp, no request logging, as bench/registry.ts);
 * `--workers N` (N ≥ 1) starts the real server (`custodia start`, info-level logging, CUSTODIA_WORKERS=N)
 * on the same database; on the embedded database `--workers 1` only (one process), the bench's own connection
 * closed first (one opener per data directory), with CUSTODIA_EMBEDDED_THREAD=1 when `--pglite-thread`.
 * `--pglite-thread` opens the embedded database with the thread adapter (openPgliteThread: PGlite in a worker
 * thread, as `custodia start` with CUSTODIA_EMBEDDED_THREAD=1) instead of in this thread; the SQL figures
 * then include the crossing to the thread. In process with `--client wrk`, the CPU per HTTP request is this
 * process's (every thread: the server's and PGlite's) and the peak RSS this process's.
 * `--profile FILE` writes a CPU profile of the in-process server under the load (`--workers 0`).
 * `--server-profile DIR` runs `custodia start` under `node --cpu-prof`: each process (the primary and every
 * worker) writes its profile into DIR when it stops (`--workers N`); summarise the load's part with
 * `npx tsx bench/support/profile-summary.ts FILE --last S`.
 * Besides rates, the CPU each costs (read from /proc, steadier than rates on a shared machine): per SQL
 * lookup, this process's CPU plus the PostgreSQL backends'; per HTTP request (`--workers N`), the server
 * processes' (`custodia start` and its workers, not the load generator) plus the backends'. And the peak
 * RSS (VmHWM) of the server processes.
 * `--auth session` sends the requests as a signed-in browser (session cookie) instead of with the API token.
 * `--floor` also measures, on the same connection, `SELECT 1` and the item row by its serial alone (one
 * index, no markings, no count), each unprepared and prepared (QueryOptions.prepare, as the route's
 * statement is): what the engine does at best for this client, the ceiling of the route.
 * `--keep` keeps the loaded database for the next run instead of dropping it: PostgreSQL database
 * `bench_lookup_<N>` beside DATABASE_URL's, PGlite data directory `<tmpdir>/custodia-bench-lookup-<N>`
 * (`--keep-dir DIR` elsewhere). A later `--keep` run with the same N finds the N items there and measures
 * without loading them again; `--load-only` loads (or finds) them and stops. So the load runs under
 * /work/wt/cpu-shared.sh and only the measurement under cpu-bench.sh. `--drop` removes the kept data of N items (and measures nothing).
 * `--client wrk` drives the HTTP load with wrk (C, one thread; bench/support/wrk-load.ts) instead of autocannon
 * (JavaScript, a worker thread of this process): on a 2-core machine the load generator shares the CPU with the
 * server and PostgreSQL, so each run prints the client's CPU (share of the machine) and the machine's busy share.
 * `--partial` also times the partial serial search (`serialPattern`), 200 sequential requests, against the same
 * search in SQL. `--bulk-load` (PostgreSQL, with `--load-only`/`--keep`) loads with COPY and builds the
 * secondary indexes afterwards, as a first load of a large registry would (the schema at the end is the same).
 * Figures are printed as a Markdown table for BENCHMARKS.md. Timings never fail anything.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import inspector from 'node:inspector/promises';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../src/app.ts';
import { systemClock } from '../src/platform/clock.ts';
import { testConfig } from '../src/platform/config.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { openPglite } from '../src/platform/db/pglite.ts';
import { openPgliteThread } from '../src/platform/db/pglite-thread.ts';
import { openPostgres } from '../src/platform/db/postgres.ts';
import { openScratchPostgres } from '../src/platform/db/scratch.ts';
import pg from 'pg';
import type { Db, Engine } from '../src/platform/db/types.ts';
import type { Deps } from '../src/platform/deps.ts';
import { normaliseSerial, partialSerialPattern } from '../src/registry/model.ts';
import { requireSearchablePattern } from '../src/registry/checks.ts';
import { createContext, searchFills } from '../src/registry/context.ts';
import { searchItems, type ItemRow } from '../src/registry/store.ts';
import { ITEM_COLS } from '../src/registry/store-items.ts';
import { copyItems, insertItemsRaw } from '../src/registry/import/store.ts';
import { insertMachineToken } from '../test/support/tokens.ts';
import { newSecret, secretDigest, SESSION_COOKIE, SESSION_LIFETIME_MS } from '../src/accounts/model.ts';
import { insertSession } from '../src/accounts/store.ts';
import { uuidv7 } from '../src/platform/ids.ts';
import { httpLoad, itemRow, percentile, row, type LoadResult } from './support/registry-data.ts';
import { wrkLoad } from './support/wrk-load.ts';

const PORT = 18120;
const BATCH = 5000;
const BULK_BATCH = 50_000;

interface Args {
  items: number;
  engines: Engine[];
  duration: number;
  workers: number;
  connections: number;
  profile?: string;
  serverProfile?: string;
  keep: boolean;
  keepDir?: string;
  floor: boolean;
  auth: 'token' | 'session';
  loadOnly: boolean;
  drop: boolean;
  bulkLoad: boolean;
  client: 'autocannon' | 'wrk';
  partial: boolean;
  thread: boolean;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { items: 200_000, engines: ['pglite', 'postgres'], duration: 10, workers: 0, connections: 10, keep: false, loadOnly: false, drop: false, floor: false, auth: 'token', bulkLoad: false, client: 'autocannon', partial: false, thread: false };
  for (let i = 0; i < argv.length; i++) {
    const v = argv[i + 1];
    if (argv[i] === '--items') (a.items = Number(v)), i++;
    else if (argv[i] === '--engine') (a.engines = v === 'both' ? ['pglite', 'postgres'] : [v as Engine]), i++;
    else if (argv[i] === '--duration') (a.duration = Number(v)), i++;
    else if (argv[i] === '--workers') (a.workers = Number(v)), i++;
    else if (argv[i] === '--connections') (a.connections = Number(v)), i++;
    else if (argv[i] === '--profile') (a.profile = v), i++;
    else if (argv[i] === '--server-profile') (a.serverProfile = path.resolve(v)), i++;
    else if (argv[i] === '--keep') a.keep = true;
    else if (argv[i] === '--keep-dir') (a.keepDir = path.resolve(v)), (a.keep = true), i++;
    else if (argv[i] === '--load-only') (a.loadOnly = true), (a.keep = true);
    else if (argv[i] === '--drop') a.drop = true;
    else if (argv[i] === '--bulk-load') a.bulkLoad = true;
    else if (argv[i] === '--partial') a.partial = true;
    else if (argv[i] === '--client') (a.client = v === 'wrk' ? 'wrk' : 'autocannon'), i++;
    else if (argv[i] === '--floor') a.floor = true;
    else if (argv[i] === '--pglite-thread') a.thread = true;
    else if (argv[i] === '--auth') (a.auth = v === 'session' ? 'session' : 'token'), i++;
    else throw new Error(`unknown option ${argv[i]}`);
  }
  if (!Number.isInteger(a.items) || a.items < 1000) throw new Error('--items must be an integer ≥ 1000');
  if (a.workers > 1 && a.engines.includes('pglite')) throw new Error('--workers N > 1 needs --engine postgres: the embedded database is served by one process');
  if (a.workers > 0 && a.partial && a.engines.includes('pglite')) throw new Error('--partial with --workers needs --engine postgres (the bench closes its PGlite connection for the server)');
  return a;
}

const log = (s: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${s}\n`);

interface Figures {
  engine: Engine;
  /** PGlite in a worker thread (--pglite-thread). */
  thread: boolean;
  workers: number;
  items: number;
  http: { requests: number; p50: number; p99: number; total: number };
  sqlPerSec: number;
  sqlP50: number;
  sqlP99: number;
  /** CPU microseconds per SQL lookup (this process + backends) and per HTTP request (server processes + backends; --workers N only). */
  sqlCpuUs: number;
  httpCpuUs?: number;
  /** Peak RSS (VmHWM) of the largest server process, MiB (--workers N only). */
  serverHwmMiB?: number;
  load: string;
  loadBefore: string;
  floor?: { select1: number; select1Prepared: number; serialOnly: number; serialOnlyPrepared: number };
  client: Args['client'];
  /** The load generator's CPU over the measured phase, as a share of the machine's (all cores); unknown for autocannon in-process. */
  clientShare?: number;
  /** The whole machine's CPU busy over the measured phase (/proc/stat), share of all cores. */
  machineBusy: number;
  /** `--partial`: the partial serial search over HTTP and the same search in SQL, sequential, ms. */
  partial?: { n: number; httpP50: number; httpP95: number; sqlP50: number; sqlP95: number; matchesP50: number };
}

/** Calls per second of `fn` called 3,000 times one after another. */
async function sequentialRate(fn: (i: number) => Promise<void>): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < 3000; i++) await fn(i);
  return 3000 / ((performance.now() - start) / 1000);
}

/** CPU seconds a process has used (utime + stime from /proc; 0 when it is gone). */
function procCpu(pid: number): number {
  try {
    const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return 0;
  }
}

/** CPU seconds of each thread of a process (/proc/<pid>/task), by thread id. */
function threadCpu(pid: number): Map<number, number> {
  const out = new Map<number, number>();
  try {
    for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
      try {
        const f = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8').split(') ')[1].split(' ');
        out.set(Number(tid), (Number(f[11]) + Number(f[12])) / 100);
      } catch {
        /* gone */
      }
    }
  } catch {
    /* gone */
  }
  return out;
}

/** A process and its descendants (the server's workers), from /proc. */
function processTree(root: number): number[] {
  const parents = new Map<number, number>();
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      parents.set(Number(d), Number(fs.readFileSync(`/proc/${d}/stat`, 'utf8').split(') ')[1].split(' ')[1]));
    } catch {
      /* gone */
    }
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++) for (const [pid, ppid] of parents) if (ppid === tree[i]) tree.push(pid);
  return tree;
}

/** VmHWM (peak resident set) of a process in MiB, 0 when unknown. */
function peakRssMiB(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** CPU seconds used since `start()` by some processes: PostgreSQL's backends of this database, and `extra()`'s. */
function cpuMeter(db: Db, extra: () => number[]): { start(): Promise<void>; stop(): Promise<number> } {
  let base = new Map<number, number>();
  const sample = async () => {
    const pids = db.engine === 'postgres' ? (await db.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database()')).map((r) => Number(r.pid)) : [];
    return new Map([...pids, ...extra()].map((pid) => [pid, procCpu(pid)]));
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
/** Busy and total jiffies of the whole machine (/proc/stat's first line). */
function machineJiffies(): { busy: number; total: number } {
  const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const total = f.reduce((a, b) => a + b, 0);
  return { busy: total - f[3] - (f[4] ?? 0), total };
}
const ownCpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

/** Starts `custodia start` on the bench database with CUSTODIA_WORKERS and waits until it answers. */
async function startServer(url: string, workers: number, dataDir: string, profileDir?: string, env: Record<string, string> = {}): Promise<ChildProcess> {
  const out = fs.openSync(path.join(dataDir, 'server.log'), 'w');
  // node:cluster forks the workers with the primary's execArgv, so every process is profiled.
  const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const child = spawn(process.execPath, [...profile, path.resolve('bin/custodia.mjs'), 'start'], {
    env: { ...process.env, DATABASE_URL: url, CUSTODIA_WORKERS: String(workers), PORT: String(PORT), CUSTODIA_DATA_DIR: dataDir, CUSTODIA_SKIP_WEB_BUILD: 'true', ...env },
    stdio: ['ignore', out, out],
  });
  let notReady = 0;
  for (let i = 0; i < 3000; i++) {
    if (child.exitCode !== null) throw new Error(`server exited: ${fs.readFileSync(path.join(dataDir, 'server.log'), 'utf8').slice(-2000)}`);
    let answer: Response | undefined;
    try {
      answer = await fetch(`http://127.0.0.1:${PORT}/readyz`);
    } catch {
      /* not listening yet */
    }
    if (answer?.ok) return child;
    // Listening but not ready for 30 s (e.g. a kept database migrated by another checkout): say why now
    // rather than hold the exclusive lock for the whole wait.
    const body = answer ? await answer.text() : '';
    if (answer && ++notReady >= 150) {
      child.kill('SIGTERM');
      throw new Error(`server not ready: ${answer.status} ${body.slice(0, 1000)}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('server did not become ready');
}

const ADMIN_URL = () => process.env.DATABASE_URL || 'postgres://root@127.0.0.1:5432/test';
const keptName = (items: number) => `bench_lookup_${items}`;
const keptDir = (args: Args) => args.keepDir ?? path.join(os.tmpdir(), `custodia-bench-lookup-${args.items}`);

interface BenchDb {
  db: Db;
  url: string;
  /** PGlite: its data directory. */
  pgliteDir?: string;
  close(): Promise<void>;
}

/** The bench's database: a fresh one, or with `--keep` the kept one (created when missing). */
async function openBenchDb(engine: Engine, args: Args, dir: string): Promise<BenchDb> {
  if (engine === 'pglite') {
    const dataDir = args.keep ? keptDir(args) : path.join(dir, 'pgdata');
    const db = await (args.thread ? openPgliteThread : openPglite)(dataDir);
    await migrate(db);
    return { db, url: '', pgliteDir: dataDir, close: () => db.close() };
  }
  if (!args.keep) {
    const scratch = await openScratchPostgres(ADMIN_URL(), 'custodia_bench', 20);
    return { db: scratch.db, url: scratch.url, close: scratch.close };
  }
  const admin = new pg.Client({ connectionString: ADMIN_URL() });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [keptName(args.items)]);
    if (!rowCount) await admin.query(`CREATE DATABASE ${keptName(args.items)}`);
  } finally {
    await admin.end();
  }
  const url = new URL(ADMIN_URL());
  url.pathname = `/${keptName(args.items)}`;
  const db = await openPostgres(url.toString(), 20);
  await migrate(db);
  return { db, url: url.toString(), close: () => db.close() };
}

/** Removes the kept data of `--items N` on an engine (`--drop`). */
async function dropKept(engine: Engine, args: Args): Promise<void> {
  if (engine === 'pglite') {
    fs.rmSync(keptDir(args), { recursive: true, force: true });
    return;
  }
  const admin = new pg.Client({ connectionString: ADMIN_URL() });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${keptName(args.items)} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/** Writes the N items raw unless they are there already (a kept database); returns whether it wrote them. */
async function loadItems(db: Db, engine: Engine, args: Args): Promise<boolean> {
  const [{ n }] = await db.query<{ n: string }>('SELECT count(*) AS n FROM registry_items');
  if (Number(n) === args.items) {
    log(`[${engine}] ${args.items} items found, not loaded again`);
    return false;
  }
  if (Number(n) !== 0) throw new Error(`the kept ${engine} database holds ${n} items, not ${args.items}: --drop it first`);
  if (args.bulkLoad && engine === 'postgres') return bulkLoadItems(db, args);
  const started = performance.now();
  await db.transaction(async (tx) => {
    const now = new Date();
    for (let i = 0; i < args.items; i += BATCH) {
      const rows: ItemRow[] = [];
      for (let j = i; j < Math.min(args.items, i + BATCH); j++) rows.push(itemRow(j, now));
      await insertItemsRaw(tx, rows);
    }
  });
  await db.exec('ANALYZE');
  log(`[${engine}] ${args.items} items written in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return true;
}

/**
 * `--bulk-load` (PostgreSQL, empty table): the first load of a large registry as an operator would do it.
 * In one transaction the secondary indexes are dropped, the rows written with COPY (the import's own
 * `copyItems`), and the same indexes built again from their definitions in the catalogue, so the schema
 * at the end is the migrations' (the primary key stays throughout). Prints each phase's time.
 */
async function bulkLoadItems(db: Db, args: Args): Promise<boolean> {
  const started = performance.now();
  let copied = 0;
  let built = 0;
  await db.transaction(async (tx) => {
    const indexes = await tx.query<{ name: string; def: string }>(
      `SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
        WHERE i.schemaname = current_schema() AND i.tablename = 'registry_items'
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = to_regclass(quote_ident(i.indexname)))`,
    );
    for (const ix of indexes) await tx.query(`DROP INDEX ${ix.name.replace(/[^a-z0-9_]/g, '')}`);
    const now = new Date();
    // The next batch is built here while PostgreSQL copies the previous one (two processes, two cores).
    let copying: Promise<void> = Promise.resolve();
    for (let i = 0; i < args.items; i += BULK_BATCH) {
      const rows: ItemRow[] = [];
      for (let j = i; j < Math.min(args.items, i + BULK_BATCH); j++) rows.push(itemRow(j, now));
      await copying;
      copying = copyItems(tx, rows);
      if ((i / BULK_BATCH) % 20 === 19) log(`[postgres] ${i + BULK_BATCH} items copied`);
    }
    await copying;
    copied = performance.now();
    log(`[postgres] ${args.items} items copied in ${((copied - started) / 1000).toFixed(1)} s; building ${indexes.length} indexes`);
    // The index builds' sort memory (this transaction only); the machine's RAM allows it.
    await tx.query(`SET LOCAL maintenance_work_mem = '1GB'`);
    for (const ix of indexes) {
      const t = performance.now();
      await tx.query(ix.def);
      log(`[postgres] ${ix.name} built in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    }
    built = performance.now();
  });
  const t = performance.now();
  await db.exec('ANALYZE registry_items');
  log(`[postgres] ${args.items} items loaded in ${((performance.now() - started) / 1000).toFixed(1)} s (COPY ${((copied - started) / 1000).toFixed(1)} s, indexes ${((built - copied) / 1000).toFixed(1)} s, commit ${((t - built) / 1000).toFixed(1)} s, ANALYZE ${((performance.now() - t) / 1000).toFixed(1)} s)`);
  return true;
}

/**
 * `--partial`: the partial serial search officers use (`serialPattern`, as bench/registry.ts: a fragment of
 * a serial with one unknown character, or two fragments around a `*` gap), 200 requests one after another
 * over HTTP, then the same searches through the registry store on this process's connection.
 */
async function partialSearch(db: Db, args: Args, headers: Record<string, string>, serialAt: (k: number) => string): Promise<Figures['partial']> {
  const patterns: string[] = [];
  for (let i = 0; patterns.length < 200; i++) {
    const s = normaliseSerial(serialAt(i + 5000));
    const pattern = i % 2 === 0 ? `${s.slice(3, 5)}?${s.slice(6, 9)}` : `${s.slice(2, 5)}*${s.slice(7, 10)}`;
    if (partialSerialPattern(pattern).known >= 3) patterns.push(pattern);
  }
  const httpTimes: number[] = [];
  const matches: number[] = [];
  for (const pattern of patterns) {
    const t = performance.now();
    const res = await fetch(`http://127.0.0.1:${PORT}/api/v1/registry/items?serialPattern=${encodeURIComponent(pattern)}&limit=50`, { headers });
    const body = (await res.json()) as { total?: number };
    httpTimes.push(performance.now() - t);
    if (res.status !== 200) throw new Error(`partial search failed: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
    matches.push(body.total ?? 0);
  }
  const sqlTimes: number[] = [];
  // The registry's own choice of fills, with its own sample of the serials (read before the first timing).
  const registry = createContext({ db } as Deps);
  await searchFills(registry, db, [requireSearchablePattern('C2?RS2')]);
  for (const pattern of patterns) {
    const t = performance.now();
    // The route's own filter: the pattern and, when it is searched through them, its fills.
    const searchable = requireSearchablePattern(pattern);
    const [fills] = await searchFills(registry, db, [searchable]);
    await searchItems(db, { serialLike: searchable.like, serialFills: fills }, { key: 'registeredAt', desc: false, limit: 50 });
    sqlTimes.push(performance.now() - t);
  }
  // By class: "XX?YYY" (one trigram: searched as itself or through its fills) and "YYY*ZZZ" (two trigrams).
  const byClass = (times: number[], cls: number) => times.filter((_, i) => Number(patterns[i].includes('*')) === cls).sort((x, y) => x - y);
  for (const [cls, name] of [[0, 'XX?YYY'], [1, 'YYY*ZZZ']] as const) {
    const h = byClass(httpTimes, cls);
    const q = byClass(sqlTimes, cls);
    log(`[${args.engines.join(',')}]   ${name} (${h.length}): HTTP p50 ${percentile(h, 50).toFixed(1)} ms p95 ${percentile(h, 95).toFixed(1)} ms; SQL p50 ${percentile(q, 50).toFixed(1)} ms p95 ${percentile(q, 95).toFixed(1)} ms`);
  }
  for (const a of [httpTimes, sqlTimes, matches]) a.sort((x, y) => x - y);
  const f = { n: patterns.length, httpP50: percentile(httpTimes, 50), httpP95: percentile(httpTimes, 95), sqlP50: percentile(sqlTimes, 50), sqlP95: percentile(sqlTimes, 95), matchesP50: percentile(matches, 50) };
  log(`[${args.engines.join(',')}] partial search (${f.n}, sequential): HTTP p50 ${f.httpP50.toFixed(1)} ms p95 ${f.httpP95.toFixed(1)} ms; SQL p50 ${f.sqlP50.toFixed(1)} ms p95 ${f.sqlP95.toFixed(1)} ms; matches p50 ${f.matchesP50}`);
  return f;
}

async function benchEngine(engine: Engine, args: Args): Promise<Figures | undefined> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `custodia-lookup-${engine}-`));
  const { db, url, pgliteDir, close: closeDb } = await openBenchDb(engine, args, dir);
  let closed = false;
  let movedFrom: string | undefined;
  const close = async () => {
    if (!closed) await closeDb();
    closed = true;
  };
  let child: ChildProcess | undefined;
  try {
    await loadItems(db, engine, args);
    if (args.loadOnly) return undefined;
    const now = new Date();
    // A new clerk per run (a kept database keeps the earlier runs' clerks).
    const clerk = await insertMachineToken(db, { role: 'registry_clerk', username: `bench-clerk-${Date.now()}`, tokenName: 'bench', now, expiresAt: new Date(now.getTime() + 86_400_000) });
    let headers = clerk.headers;
    if (args.auth === 'session') {
      // A signed-in browser: a session row as sign-in writes it (without the argon2 check) and its cookie.
      const secret = newSecret();
      await insertSession(db, { id: uuidv7(), user_id: clerk.userId, secret_hash: secretDigest(secret), created_at: now, expires_at: new Date(now.getTime() + SESSION_LIFETIME_MS), last_seen_at: now, ip: null, user_agent: null });
      headers = { cookie: `${SESSION_COOKIE}=${encodeURIComponent(secret)}` };
    }
    const loadBefore = os.loadavg().map((l) => l.toFixed(1)).join(' ');
    const serialAt = (k: number) => row((k * 7919) % args.items).serial;

    // The same lookup in SQL, sequential on one connection.
    const sqlTimes: number[] = [];
    const sqlMeter = cpuMeter(db, () => []);
    await sqlMeter.start();
    const ownAtStart = ownCpu();
    const sqlStart = performance.now();
    for (let i = 0; i < 3000; i++) {
      const t = performance.now();
      const { rows } = await searchItems(db, { serialExact: normaliseSerial(serialAt(i + 100)) }, { key: 'registeredAt', desc: false, limit: 50 });
      sqlTimes.push(performance.now() - t);
      if (rows.length !== 1) throw new Error('SQL exact lookup did not find its item');
    }
    const sqlPerSec = 3000 / ((performance.now() - sqlStart) / 1000);
    const sqlCpuUs = ((ownCpu() - ownAtStart + (await sqlMeter.stop())) / 3000) * 1e6;
    sqlTimes.sort((a, b) => a - b);
    log(`[${engine}] SQL exact: ${Math.round(sqlPerSec)} lookups/s p50 ${percentile(sqlTimes, 50).toFixed(2)} ms p99 ${percentile(sqlTimes, 99).toFixed(2)} ms, ${Math.round(sqlCpuUs)} µs CPU each`);
    // --floor: what the engine does at best on one connection, for the same client: an empty statement,
    // and the item row by its serial alone (one index, no markings, no count): the ceiling of any lookup.
    const itemBySerial = `SELECT ${ITEM_COLS} FROM registry_items WHERE serial_norm = $1`;
    const bySerial = (prepare: boolean) => async (i: number) => {
      const rows = await db.query(itemBySerial, [normaliseSerial(serialAt(i + 100))], { prepare });
      if (rows.length !== 1) throw new Error('serial-only lookup did not find its item');
    };
    // Unprepared (parsed and planned each time) and prepared (QueryOptions.prepare, as the route's statement).
    const floor = args.floor
      ? {
          select1: await sequentialRate(async () => void (await db.query('SELECT 1'))),
          select1Prepared: await sequentialRate(async () => void (await db.query('SELECT 1', [], { prepare: true }))),
          serialOnly: await sequentialRate(bySerial(false)),
          serialOnlyPrepared: await sequentialRate(bySerial(true)),
        }
      : undefined;
    if (floor) {
      const r = (n: number) => Math.round(n);
      log(`[${engine}] floor: SELECT 1 ${r(floor.select1)}/s (prepared ${r(floor.select1Prepared)}/s), item by serial_norm alone ${r(floor.serialOnly)}/s (prepared ${r(floor.serialOnlyPrepared)}/s) (sequential, one connection)`);
    }

    let app: Awaited<ReturnType<typeof buildApp>> | undefined;
    if (args.workers > 0) {
      if (pgliteDir) {
        // One opener per data directory: the server's (it opens <CUSTODIA_DATA_DIR>/pgdata) replaces the bench's.
        await close();
        // A kept data directory is moved there for the run (PGlite does not open one through a symbolic link).
        if (pgliteDir !== path.join(dir, 'pgdata')) {
          fs.renameSync(pgliteDir, path.join(dir, 'pgdata'));
          movedFrom = pgliteDir;
        }
      }
      child = await startServer(url, args.workers, dir, args.serverProfile, pgliteDir ? { CUSTODIA_EMBEDDED_THREAD: args.thread ? '1' : '0' } : {});
    } else {
      const deps: Deps = { db, clock: systemClock, config: testConfig({ dataDir: dir }), log: { info() {}, warn() {}, error: console.error, debug() {} } };
      app = await buildApp({ deps, logger: false });
      await app.listen({ port: PORT, host: '127.0.0.1' });
    }
    const probe = await fetch(`http://127.0.0.1:${PORT}/api/v1/registry/items?serial=${encodeURIComponent(serialAt(1).toLowerCase())}`, { headers });
    const probeBody = (await probe.json()) as { items?: unknown[] };
    if (probe.status !== 200 || probeBody.items?.length !== 1) throw new Error(`exact lookup probe failed: ${probe.status} ${JSON.stringify(probeBody).slice(0, 300)}`);
    const paths = Array.from({ length: 20_000 }, (_, i) => `/api/v1/registry/items?serial=${encodeURIComponent(serialAt(i + 2))}`);
    // Warm-up (JIT, token cache, every worker's pool), not counted.
    const load = (duration: number) => (args.client === 'wrk' ? wrkLoad : httpLoad)({ url: `http://127.0.0.1:${PORT}`, paths, headers, connections: args.connections, duration });
    await load(2);
    const serverPids = child ? processTree(child.pid!) : [];
    const httpMeter = cpuMeter(db, () => serverPids);
    await httpMeter.start();
    const session = args.profile && !child ? new inspector.Session() : undefined;
    if (session) {
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.start');
    }
    const ownBefore = ownCpu();
    // Per thread of the server (this process in process, else the one server process): how the two halves
    // split when PGlite has its own thread.
    const serverPid = child && args.workers === 1 ? child.pid! : child ? undefined : process.pid;
    const threadsBefore = serverPid ? threadCpu(serverPid) : new Map<number, number>();
    const machineBefore = machineJiffies();
    const httpStart = performance.now();
    const http: LoadResult & { clientCpu?: number } = await load(args.duration);
    const httpSeconds = (performance.now() - httpStart) / 1000;
    const threadShares = serverPid
      ? [...threadCpu(serverPid)]
          .map(([tid, t]) => ({ tid, share: (t - (threadsBefore.get(tid) ?? 0)) / httpSeconds, main: tid === serverPid }))
          .sort((a, b) => b.share - a.share)
          .slice(0, 3)
      : [];
    const machineAfter = machineJiffies();
    const machineBusy = (machineAfter.busy - machineBefore.busy) / (machineAfter.total - machineBefore.total);
    // wrk reports its own CPU; autocannon runs in this process, which does nothing else while a server process serves.
    const clientCpu = http.clientCpu ?? (child ? ownCpu() - ownBefore : undefined);
    const clientShare = clientCpu === undefined ? undefined : clientCpu / (httpSeconds * os.cpus().length);
    if (session && args.profile) {
      const { profile } = await session.post('Profiler.stop');
      fs.writeFileSync(args.profile.replace(/(\.cpuprofile)?$/, `-${engine}.cpuprofile`), JSON.stringify(profile));
      session.disconnect();
    }
    const httpCpu = await httpMeter.stop();
    // In process, this process is the server (all its threads) when the client is wrk (autocannon runs here).
    const httpCpuUs = child ? (httpCpu / http.total) * 1e6 : args.client === 'wrk' ? ((ownCpu() - ownBefore) / http.total) * 1e6 : undefined;
    const serverHwmMiB = child ? Math.max(...serverPids.map(peakRssMiB)) : peakRssMiB(process.pid);
    if (http.non2xx > 0 || http.errors > 0) log(`[${engine}] warning: ${http.non2xx} non-2xx responses, ${http.errors} errors`);
    log(`[${engine}] HTTP exact, ${args.client}, ${args.auth} (${args.workers ? `${args.workers} worker(s)` : 'in-process'}${args.thread && engine === 'pglite' ? ', PGlite thread' : ''}): ${Math.round(http.requests)} req/s p50 ${http.p50} ms p99 ${http.p99} ms (${(http.requests / sqlPerSec).toFixed(2)}× SQL)${httpCpuUs ? `, ${Math.round(httpCpuUs)} µs CPU each (server + backends)` : ''}, server peak RSS ${Math.round(serverHwmMiB)} MiB; client CPU ${clientShare === undefined ? '?' : `${Math.round(clientShare * 100)}%`}, machine busy ${Math.round(machineBusy * 100)}% of ${os.cpus().length} cores`);
    // The answers under concurrency are the right ones (a rate of wrong or empty answers would mean nothing):
    // 1,000 lookups 10 at a time, each must find exactly its own item.
    for (let i = 0; i < 1000; i += 10) {
      await Promise.all(
        Array.from({ length: 10 }, async (_, j) => {
          const serial = serialAt(30_000 + i + j);
          const res = await fetch(`http://127.0.0.1:${PORT}/api/v1/registry/items?serial=${encodeURIComponent(serial)}`, { headers });
          const body = (await res.json()) as { items?: { serialNumber?: string; serial?: string }[] };
          const found = body.items?.map((it) => normaliseSerial(it.serialNumber ?? it.serial ?? ''));
          if (res.status !== 200 || found?.length !== 1 || found[0] !== normaliseSerial(serial)) throw new Error(`lookup of ${serial} under concurrency answered ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
        }),
      );
    }
    if (threadShares.length) log(`[${engine}] server threads' CPU under the load (share of one core): ${threadShares.map((t) => `${t.main ? 'main' : `thread ${t.tid}`} ${Math.round(t.share * 100)}%`).join(', ')}`);
    const partial = args.partial ? await partialSearch(db, args, headers, serialAt) : undefined;
    await app?.close();
    return { engine, thread: args.thread && engine === 'pglite', workers: args.workers, items: args.items, http, sqlPerSec, sqlP50: percentile(sqlTimes, 50), sqlP99: percentile(sqlTimes, 99), sqlCpuUs, httpCpuUs, serverHwmMiB, floor, partial, client: args.client, clientShare, machineBusy, loadBefore, load: os.loadavg().map((l) => l.toFixed(1)).join(' ') };
  } finally {
    if (child) {
      child.kill('SIGTERM');
      await new Promise((r) => child!.once('exit', r));
    }
    await close();
    if (movedFrom) fs.renameSync(path.join(dir, 'pgdata'), movedFrom);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const all: Figures[] = [];
  if (args.drop) {
    for (const engine of args.engines) await dropKept(engine, args);
    return;
  }
  for (const engine of args.engines) {
    const f = await benchEngine(engine, args);
    if (f) all.push(f);
  }
  if (args.loadOnly) return;
  const f0 = (n: number) => Math.round(n).toLocaleString('en');
  console.log(`\nExact lookup benchmark, ${new Date().toISOString().slice(0, 16)} UTC, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, ${args.connections} connections, ${args.duration} s, authenticated by ${args.auth === "session" ? "a session cookie" : "an API token"}\n`);
  console.log('| engine | server | client | items | HTTP req/s | p50 ms | p99 ms | SQL lookups/s (sequential) | SQL p50 ms | SQL p99 ms | HTTP / SQL | CPU µs per SQL lookup | CPU µs per HTTP request | server peak RSS MiB | client CPU (share of the machine) | machine CPU busy | load average before → after |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const f of all) {
    const server = (f.workers ? (f.workers === 1 ? 'custodia start (one process)' : `custodia start, CUSTODIA_WORKERS=${f.workers}`) : 'in-process') + (f.thread ? ', PGlite thread' : '');
    const pct = (x?: number) => (x === undefined ? '–' : `${Math.round(x * 100)}%`);
    console.log(`| ${f.engine} | ${server} | ${f.client} | ${f0(f.items)} | ${f0(f.http.requests)} | ${f.http.p50} | ${f.http.p99} | ${f0(f.sqlPerSec)} | ${f.sqlP50.toFixed(2)} | ${f.sqlP99.toFixed(2)} | ${(f.http.requests / f.sqlPerSec).toFixed(2)}× | ${f0(f.sqlCpuUs)} | ${f.httpCpuUs ? f0(f.httpCpuUs) : '–'} | ${f.serverHwmMiB ? f0(f.serverHwmMiB) : '–'} | ${pct(f.clientShare)} | ${pct(f.machineBusy)} | ${f.loadBefore} → ${f.load} |`);
  }
  const partials = all.filter((f) => f.partial);
  if (partials.length) {
    console.log('\n| engine | items | partial searches | HTTP p50 ms | HTTP p95 ms | SQL p50 ms | SQL p95 ms | HTTP p95 / SQL p95 | matches (median) |');
    console.log('|---|---|---|---|---|---|---|---|---|');
    for (const f of partials) {
      const p = f.partial!;
      console.log(`| ${f.engine} | ${f0(f.items)} | ${p.n} | ${p.httpP50.toFixed(1)} | ${p.httpP95.toFixed(1)} | ${p.sqlP50.toFixed(1)} | ${p.sqlP95.toFixed(1)} | ${(p.httpP95 / p.sqlP95).toFixed(2)}× | ${p.matchesP50} |`);
    }
  }
  const floors = all.filter((f) => f.floor);
  if (floors.length) {
    console.log('\n| engine | items | SELECT 1 /s | SELECT 1 prepared /s | item by serial_norm alone /s | the same prepared /s | the route\'s SQL /s | HTTP req/s |');
    console.log('|---|---|---|---|---|---|---|---|');
    for (const f of floors) {
      const x = f.floor!;
      console.log(`| ${f.engine} | ${f0(f.items)} | ${f0(x.select1)} | ${f0(x.select1Prepared)} | ${f0(x.serialOnly)} | ${f0(x.serialOnlyPrepared)} | ${f0(f.sqlPerSec)} | ${f0(f.http.requests)} |`);
    }
  }
}

await main();
