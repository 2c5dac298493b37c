/**
 * State-to-State exchange benchmark (issue 14): two nodes in this process, each a real server on loopback
 * with its own database and keys (XA sends, XB receives), on PGlite (in memory) and PostgreSQL (fresh
 * databases beside TEST_DATABASE_URL).
 *
 *   npm run bench -- --only exchange [--engine pglite|postgres|both] [--envelopes 2000] [--round-trips 200] [--drill 1000]
 *     [--in-flight 16] [--batch N] [--statements] [--profile FILE]
 *
 * - round trip: XA's outbox delivers an import authorisation check, XB's node answers it by itself
 *   (CUSTODIA_EXCHANGE_AUTO_ANSWER) from its records, XB's outbox delivers the answer, XA's inbox accepts
 *   it: request → answer, p50/p95/p99;
 * - envelopes accepted per second by XB's inbox: pre-signed, posted one per request by a sending peer in a
 *   worker thread (its own event loop) straight to XB's port, `--in-flight` at once. Each is verified,
 *   checked against the replay and reply rules, kept, has its effect (the automatic answer: drafted from
 *   XB's licence table, signed, put in XB's outbox) and is audited, and gets a signed ack. Against the raw
 *   database work of the same rows (one INSERT per transaction into a copy of exchange_inbox). With
 *   `--batch N` (N > 1) a second inbox run follows on fresh envelopes: N envelopes per POST to the batch
 *   route (batch delivery, docs/exchange.md §13.11), each still verified, kept, answered, audited and acked;
 * - partition drill: XB out of reach (a TCP proxy stopped) while XA makes N envelopes; XB back; the time
 *   until every one is delivered, and a check that XB holds each exactly once.
 * `--statements` prints XB's statements by total time after the inbox run; `--profile FILE` writes a CPU
 * profile of the inbox run (FILE-inbox-<engine>.cpuprofile; bench/support/profile-summary.ts reads it).
 * Prints figures; never fails on a timing.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import inspector from 'node:inspector/promises';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { buildApp } from '../src/app.ts';
import { SYSTEM_ACTOR } from '../src/platform/auth/actor.ts';
import { systemClock } from '../src/platform/clock.ts';
import { testConfig } from '../src/platform/config.ts';
import { enrolmentFingerprint, loadNodeKeys } from '../src/platform/crypto/keys.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { openPglite } from '../src/platform/db/pglite.ts';
import { openScratchPostgres } from '../src/platform/db/scratch.ts';
import type { Db, Engine, Tx } from '../src/platform/db/types.ts';
import type { Deps } from '../src/platform/deps.ts';
import { uuidv7 } from '../src/platform/ids.ts';
import { newEnvelope, signEnvelope } from '../src/exchange/envelope.ts';
import { EXAMPLE_BODIES } from '../src/exchange/fixtures.ts';
import { createExchangeService, type ExchangeService } from '../src/exchange/service.ts';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}
const ENGINE = arg('engine', 'both');
const ENVELOPES = Number(arg('envelopes', '2000'));
const ROUND_TRIPS = Number(arg('round-trips', '200'));
const DRILL = Number(arg('drill', '1000'));
const IN_FLIGHT = Number(arg('in-flight', '16'));
const BATCH = Number(arg('batch', '1'));
const STATEMENTS = process.argv.includes('--statements');
const PROFILE = process.argv.includes('--profile') ? arg('profile', 'exchange.cpuprofile') : undefined;
const log = (s: string) => process.stdout.write(`${s}\n`);
const silent = { info() {}, warn() {}, error() {}, debug() {} };

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** A TCP relay that can be stopped and started again on the same port (the partition). */
async function relay(target: number) {
  const sockets = new Set<net.Socket>();
  let server: net.Server | undefined;
  let port = 0;
  const start = () =>
    new Promise<void>((resolve) => {
      server = net.createServer((client) => {
        const up = net.connect(target, '127.0.0.1');
        for (const s of [client, up]) {
          // As the nodes' own sockets: no Nagle delay (a relayed request would otherwise wait for delayed ACKs).
          s.setNoDelay(true);
          sockets.add(s);
          s.on('close', () => sockets.delete(s));
          s.on('error', () => s.destroy());
        }
        client.pipe(up).pipe(client);
      });
      server.listen(port, '127.0.0.1', () => {
        port = (server!.address() as net.AddressInfo).port;
        resolve();
      });
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server ? server.close(() => resolve()) : resolve();
    });
  await start();
  return { get port() { return port; }, start, stop };
}

let statementStats: Map<string, [number, number]> | undefined;

interface Node {
  state: string;
  db: Db;
  url: string;
  /** The node's own port, not through the drill's relay. */
  directUrl: string;
  deps: Deps;
  svc: ExchangeService;
  fingerprint: string;
  proxy: Awaited<ReturnType<typeof relay>>;
  close(): Promise<void>;
}

async function openDb(engine: Engine): Promise<{ db: Db; close(): Promise<void> }> {
  if (engine === 'pglite') {
    const db = await openPglite(undefined);
    await migrate(db);
    return { db, close: () => db.close() };
  }
  return openScratchPostgres(process.env.TEST_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test', 'custodia_bench_exchange', 8);
}

async function startNode(engine: Engine, state: string): Promise<Node> {
  const keysDir = fs.mkdtempSync(path.join(os.tmpdir(), `custodia-bench-${state}-`));
  const opened = await openDb(engine);
  if (STATEMENTS && state === 'XB') {
    // --statements: each statement XB runs, counted and timed, printed after the inbox run.
    const stats = new Map<string, [number, number]>();
    statementStats = stats;
    const wrapQ = <Q extends { query: Db['query'] }>(q: Q): Q => {
      const orig = q.query.bind(q);
      q.query = (async (text: string, params?: unknown[]) => {
        const t = performance.now();
        try {
          return await orig(text, params);
        } finally {
          const k = text.replace(/\s+/g, ' ').slice(0, 90);
          const e = stats.get(k) ?? [0, 0];
          e[0]++; e[1] += performance.now() - t;
          stats.set(k, e);
        }
      }) as Db['query'];
      return q;
    };
    wrapQ(opened.db);
    const origTx = opened.db.transaction.bind(opened.db);
    opened.db.transaction = ((fn: (tx: Tx) => Promise<unknown>) => origTx((tx) => fn(wrapQ(tx)))) as Db['transaction'];
  }
  const deps: Deps = { db: opened.db, clock: systemClock, config: testConfig({ state, keysDir }), log: silent };
  const app = await buildApp({ deps });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const proxy = await relay((app.server.address() as net.AddressInfo).port);
  const keys = await loadNodeKeys({ keysDir });
  return {
    state,
    db: opened.db,
    url: `http://127.0.0.1:${proxy.port}`,
    directUrl: `http://127.0.0.1:${(app.server.address() as net.AddressInfo).port}`,
    deps,
    svc: createExchangeService(deps, { settings: { retryBaseMs: 200, retryMaxMs: 2_000 } }),
    fingerprint: await enrolmentFingerprint(keys.publicJwk),
    proxy,
    async close() {
      await proxy.stop();
      await app.close();
      await opened.close();
      fs.rmSync(keysDir, { recursive: true, force: true });
    },
  };
}

/** Posts pre-signed envelopes from a worker thread (bench/support/exchange-post.mjs). */
function postLoad(data: { url: string; tokens: string[]; inFlight: number; batch?: number }): Promise<{ accepted: number; refused: Record<string, number>; latencies: number[]; seconds: number }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./support/exchange-post.mjs', import.meta.url), { workerData: data });
    worker.once('message', (m) => {
      resolve(m);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

async function drain(node: Node, until: () => Promise<boolean>): Promise<void> {
  while (!(await until())) {
    const pass = await node.svc.deliverDue(500);
    if (pass.attempted === 0) await new Promise((r) => setTimeout(r, 20));
  }
}

async function count(db: Db, sql: string, params: unknown[] = []): Promise<number> {
  return Number((await db.query<{ n: number }>(sql, params))[0].n);
}

async function runEngine(engine: Engine) {
  // The inbox's per-address limit would throttle a load generator on the same address.
  process.env.CUSTODIA_EXCHANGE_INBOX_RATE_LIMIT = '100000000';
  const a = await startNode(engine, 'XA');
  process.env.CUSTODIA_EXCHANGE_AUTO_ANSWER = 'import_authorisation_check';
  const b = await startNode(engine, 'XB');
  delete process.env.CUSTODIA_EXCHANGE_AUTO_ANSWER;
  try {
    await a.svc.addPeer(SYSTEM_ACTOR, { state: 'XB', baseUrl: b.url, fingerprint: b.fingerprint, allowedTypes: ['import_authorisation_answer'] });
    await b.svc.addPeer(SYSTEM_ACTOR, { state: 'XA', baseUrl: a.url, fingerprint: a.fingerprint, allowedTypes: ['import_authorisation_check'] });

    // 1. Round trip request → automatic answer.
    const times: number[] = [];
    for (let i = 0; i < ROUND_TRIPS; i++) {
      const t0 = performance.now();
      const sent = await a.svc.send(SYSTEM_ACTOR, { to: 'XB', type: 'import_authorisation_check', body: { ...EXAMPLE_BODIES.import_authorisation_check, caseReference: `XA-APP-RT-${i}` } });
      await a.svc.deliverDue();
      await b.svc.deliverDue();
      if ((await count(a.db, 'SELECT count(*)::int8 AS n FROM exchange_inbox WHERE in_reply_to = $1', [sent.id])) !== 1) throw new Error('the answer did not arrive');
      times.push(performance.now() - t0);
    }
    times.sort((x, y) => x - y);
    log(`[${engine}] round trip check → answer: ${ROUND_TRIPS} in ${(times.reduce((s, x) => s + x, 0) / 1000).toFixed(1)} s, p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms, p99 ${percentile(times, 99).toFixed(1)} ms`);

    // 2. Envelopes accepted per second by one node: one per POST, then (--batch N) N per POST.
    const keysA = await loadNodeKeys(a.deps.config);
    const inboxRun = async (batch: number, tag: string) => {
      const now = new Date();
      const tokens: string[] = [];
      for (let i = 0; i < ENVELOPES; i++) {
        tokens.push(await signEnvelope(keysA, newEnvelope({ from: 'XA', to: 'XB', type: 'import_authorisation_check', body: { ...EXAMPLE_BODIES.import_authorisation_check, caseReference: `XA-APP-${tag}-${i}` }, now, lifetimeMs: 3_600_000 })));
      }
      statementStats?.clear();
      // The sending peer posts from a worker thread (its own event loop), straight to XB's port: what is
      // measured is the receiving node, not the load generator or the drill's TCP relay.
      const session = PROFILE ? new inspector.Session() : undefined;
      if (session) {
        session.connect();
        await session.post('Profiler.enable');
        await session.post('Profiler.start');
      }
      const t1 = performance.now();
      const load = await postLoad({ url: b.directUrl, tokens, inFlight: IN_FLIGHT, batch });
      const secs = (performance.now() - t1) / 1000;
      if (statementStats) {
        log(`[${engine}] XB's statements in the inbox run, ${batch} per POST (count, total ms, ms each):`);
        for (const [k, [n, ms]] of [...statementStats.entries()].sort((x, y) => y[1][1] - x[1][1]).slice(0, 15)) log(`${String(n).padStart(8)} ${ms.toFixed(0).padStart(7)} ${(ms / n).toFixed(2).padStart(7)}  ${k}`);
      }
      if (session) {
        const { profile } = await session.post('Profiler.stop');
        fs.writeFileSync(PROFILE!.replace(/(\.cpuprofile)?$/, `-inbox-${engine}${batch > 1 ? `-batch${batch}` : ''}.cpuprofile`), JSON.stringify(profile));
        session.disconnect();
      }
      if (Object.keys(load.refused).length > 0) log(`[${engine}] warning: refused ${JSON.stringify(load.refused)}`);
      return { batch, accepted: load.accepted, secs, lat: [...load.latencies].sort((x, y) => x - y), tokens };
    };
    const runs = [await inboxRun(1, 'L')];
    if (BATCH > 1) runs.push(await inboxRun(BATCH, 'LB'));
    const tokens = runs[0].tokens;
    await b.db.exec('CREATE TABLE bench_inbox (LIKE exchange_inbox INCLUDING ALL)');
    const t2 = performance.now();
    for (let i = 0; i < ENVELOPES; i++) {
      await b.db.transaction((tx) =>
        tx.query(
          `INSERT INTO bench_inbox (id, from_state, envelope_id, type, in_reply_to, kid, token, sha256, relayed_as, envelope, received_at, effect) VALUES ($1, 'XA', $2, 'import_authorisation_check', NULL, 'k', $3, 's', NULL, '{}'::jsonb, now(), 'queued')`,
          [uuidv7(), uuidv7(), tokens[i]],
        ),
      );
    }
    const rawSecs = (performance.now() - t2) / 1000;
    for (const { batch, accepted, secs, lat } of runs) {
      const how = batch > 1 ? `${batch} per POST to /inbox/batch, ${IN_FLIGHT} POSTs in flight` : `${IN_FLIGHT} in flight, one per POST`;
      log(`[${engine}] inbox: ${accepted} of ${ENVELOPES} accepted in ${secs.toFixed(1)} s = ${Math.round(accepted / secs)} envelopes/s (${how}; per POST p50 ${percentile(lat, 50).toFixed(1)} ms, p95 ${percentile(lat, 95).toFixed(1)} ms, p99 ${percentile(lat, 99).toFixed(1)} ms); raw INSERT per transaction ${Math.round(ENVELOPES / rawSecs)} rows/s; ratio ${((accepted / secs) / (ENVELOPES / rawSecs) * 100).toFixed(0)}%`);
    }

    // 3. Partition drill.
    await b.proxy.stop();
    const ids: string[] = [];
    for (let i = 0; i < DRILL; i++) ids.push((await a.svc.send(SYSTEM_ACTOR, { to: 'XB', type: 'import_authorisation_check', body: { ...EXAMPLE_BODIES.import_authorisation_check, caseReference: `XA-APP-P-${i}` } })).id);
    const down = await a.svc.deliverDue(500);
    await b.proxy.start();
    const t3 = performance.now();
    await drain(a, async () => (await count(a.db, "SELECT count(*)::int8 AS n FROM exchange_outbox WHERE status = 'pending'")) === 0);
    const drillSecs = (performance.now() - t3) / 1000;
    const held = await count(b.db, "SELECT count(DISTINCT envelope_id)::int8 AS n FROM exchange_inbox WHERE from_state = 'XA' AND envelope_id = ANY($1::uuid[])", [ids]);
    const rows = await count(b.db, "SELECT count(*)::int8 AS n FROM exchange_inbox WHERE from_state = 'XA' AND envelope_id = ANY($1::uuid[])", [ids]);
    const dead = await count(a.db, "SELECT count(*)::int8 AS n FROM exchange_outbox WHERE status = 'dead'");
    log(`[${engine}] partition drill: ${DRILL} envelopes made while XB was out of reach (first pass: ${down.failed} failed), all delivered ${drillSecs.toFixed(1)} s after XB returned; XB holds ${held} distinct, ${rows} rows (exactly once: ${held === DRILL && rows === DRILL}); dead letters ${dead}`);
  } finally {
    await a.close();
    await b.close();
  }
}

const engines: Engine[] = ENGINE === 'both' ? ['pglite', 'postgres'] : [ENGINE as Engine];
for (const e of engines) await runEngine(e);
