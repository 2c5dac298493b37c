import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, expect, it, onTestFailed } from 'vitest';
import { openPglite } from '../src/platform/db/pglite.ts';
import { openScratchPostgres, type ScratchDb } from '../src/platform/db/scratch.ts';
import type { Db } from '../src/platform/db/types.ts';
import { EXAMPLE_BODIES } from '../src/exchange/fixtures.ts';
import { describeEngines, openTestDb } from './support/engines.ts';
import { killStartedServers, runCustodia, startCustodia, until, untilServed, freePort } from './support/processes.ts';
import { insertMachineToken } from './support/tokens.ts';

/**
 * The fault drill of issue 14: a node stopped during a burst of 1,000 messages; after it returns, every message
 * has its effect exactly once. Two real nodes, each `custodia start` in a process of its own with its own data
 * directory, port, keys and real clock: XA sends, XB receives. They enrol each other with `custodia peers add`
 * and the fingerprint `custodia keys show` prints, as two administrators do. XA is asked (its API, a point of
 * contact's token) for 1,000 envelopes — lost/stolen notices (an ordered type: one at a time, in order) and
 * tracing requests (several in flight, written by XB's inbox several per transaction), alternately — while its
 * sender loop delivers them. In the middle of the burst XB is killed (SIGKILL), restarted on the same data
 * directory, later stopped (SIGTERM) and restarted again; then XA is killed with envelopes in flight (their answers
 * lost: sent again after its restart, answered as redeliveries) and restarted. Then: every envelope delivered, none dead; XB holds each
 * once with its effect once (a foreign lost/stolen report or an incoming tracing request, and their audit
 * entries); `custodia audit verify` passes on both nodes. XB on PGlite, and on PostgreSQL when TEST_DATABASE_URL
 * is set (a database of its own); XA on PGlite. The delivery time is printed (docs/exchange.md §13.10).
 */
const BURST = 1_000;
const cleanups: (() => Promise<void>)[] = [];

afterAll(async () => {
  killStartedServers();
  for (const c of cleanups.reverse()) await c();
});

/** `peers add` fetches the peer's key set: give it a minute on a loaded machine (the drill's own setting is 5 s). */
const PEERS_ADD_TIMEOUT_MS = 60_000;
const custodia = (env: NodeJS.ProcessEnv, args: string[]) =>
  runCustodia(args[0] === 'peers' && args[1] === 'add' ? { ...env, CUSTODIA_EXCHANGE_REQUEST_TIMEOUT_MS: String(PEERS_ADD_TIMEOUT_MS) } : env, args);
const startNode = (env: NodeJS.ProcessEnv) => startCustodia(env);

const fingerprintOf = (keysShow: string) => /enrolment fingerprint[^:]*: (.+)/.exec(keysShow)![1].trim();
const count = async (db: Db, sql: string, params: unknown[] = []) => Number((await db.query<{ n: number }>(sql, params))[0].n);

/** The migrated test template as a dumped data directory (made once per run). */
let templateDump: Promise<Blob> | undefined;
function migratedDump(): Promise<Blob> {
  templateDump ??= openTestDb('pglite').then(async (template) => {
    try {
      return await template.db.dumpDataDir!();
    } finally {
      await template.close();
    }
  });
  return templateDump;
}

/** A data directory already migrated (the test template), so a first start skips initdb. */
async function seedPglite(dataDir: string, withToken: boolean): Promise<Record<string, string> | undefined> {
  const blob = await migratedDump();
  fs.mkdirSync(dataDir, { recursive: true });
  const db = await openPglite(path.join(dataDir, 'pgdata'), { loadDataDir: blob });
  try {
    if (!withToken) return undefined;
    const now = new Date();
    const token = await insertMachineToken(db, { role: 'point_of_contact', username: 'drill-poc', now, expiresAt: new Date(now.getTime() + 86_400_000) });
    return token.headers;
  } finally {
    await db.close();
  }
}

describeEngines('a node stopped during a burst of 1,000 envelopes (real processes)', (engine) => {
  it(
    'has every envelope delivered and its effect once after it returns: no dead letter, the outbox drained, audit verify on both nodes',
    async () => {
      const t0 = performance.now();
      const phases: string[] = [];
      let tPhase = t0;
      const phase = (name: string) => {
        const now = performance.now();
        phases.push(`${name} ${((now - tPhase) / 1000).toFixed(1)} s`);
        tPhase = now;
      };
      // A failure (a timeout on a loaded machine) says how far the drill got, and does not leave its nodes
      // running to slow the next engine's run.
      onTestFailed(() => {
        process.stdout.write(`exchange drill [receiver ${engine}] failed after ${((performance.now() - t0) / 1000).toFixed(1)} s; phases done: ${phases.join(', ') || '(none)'}\n`);
        killStartedServers();
      });
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-drill-'));
      cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
      const [portA, portB] = [await freePort(), await freePort()];
      const base: NodeJS.ProcessEnv = { ...process.env, CUSTODIA_SKIP_WEB_BUILD: 'true', LOG_LEVEL: 'info' };
      delete base.DATABASE_URL;
      delete base.CUSTODIA_KEYS_DIR;
      delete base.CUSTODIA_WORKERS;
      const envA: NodeJS.ProcessEnv = {
        ...base,
        CUSTODIA_STATE: 'XA',
        CUSTODIA_DATA_DIR: path.join(dir, 'xa'),
        PORT: String(portA),
        // A drill, not a week: retry soon after the peer comes back.
        CUSTODIA_EXCHANGE_POLL_MS: '200',
        CUSTODIA_EXCHANGE_RETRY_BASE_MS: '200',
        CUSTODIA_EXCHANGE_RETRY_MAX_MS: '1000',
        // A killed sender's claims lapse after 2 × this + 5 s; then what was in flight is sent again.
        CUSTODIA_EXCHANGE_REQUEST_TIMEOUT_MS: '5000',
      };
      const envB: NodeJS.ProcessEnv = { ...base, CUSTODIA_STATE: 'XB', CUSTODIA_DATA_DIR: path.join(dir, 'xb'), PORT: String(portB) };
      let pg: ScratchDb | undefined;
      if (engine === 'postgres') {
        pg = await openScratchPostgres(process.env.TEST_DATABASE_URL!, 'custodia_drill', 2);
        cleanups.push(() => pg!.close());
        envB.DATABASE_URL = pg.url;
      } else {
        await seedPglite(envB.CUSTODIA_DATA_DIR!, false);
      }
      const tokenA = (await seedPglite(envA.CUSTODIA_DATA_DIR!, true))!;
      phase('seed');
      const urlA = `http://127.0.0.1:${portA}`;
      const urlB = `http://127.0.0.1:${portB}`;

      // Each administrator reads out the fingerprint of its node's key (made by the first command that needs it).
      const [keysA, keysB] = await Promise.all([custodia(envA, ['keys', 'show']), custodia(envB, ['keys', 'show'])]);
      expect(keysA.code, keysA.stderr).toBe(0);
      expect(keysB.code, keysB.stderr).toBe(0);
      phase('keys show');

      // Enrolment both ways (an embedded node's command runs while its own server is stopped; the peer's runs).
      let b = await startNode(envB);
      phase('start B');
      await untilServed(`${urlB}/.well-known/jwks.json`);
      const addB = await custodia(envA, ['peers', 'add', 'XB', '--url', urlB, '--fingerprint', fingerprintOf(keysB.stdout)]);
      expect(addB.code, addB.stderr).toBe(0);
      phase('peers add on A');
      expect(await b.stop('SIGTERM')).toBe(0);
      phase('stop B');
      let a = await startNode(envA);
      phase('start A');
      await untilServed(`${urlA}/.well-known/jwks.json`);
      const addA = await custodia(envB, ['peers', 'add', 'XA', '--url', urlA, '--fingerprint', fingerprintOf(keysA.stdout), '--allow', 'lost_stolen_notice,tracing_request']);
      expect(addA.code, addA.stderr).toBe(0);
      phase('peers add on B');
      b = await startNode(envB);
      phase('start B');
      const setupSecs = (performance.now() - t0) / 1000;

      const counts = async () => (await (await fetch(`${urlA}/api/v1/exchange/outbox/counts`, { headers: tokenA })).json()) as { pending: number; delivered: number; dead: number };

      // The burst, made through XA's API (4 requests in flight) while its sender loop delivers.
      const tBurst = performance.now();
      const ids: string[] = new Array(BURST);
      let next = 0;
      const burst = Promise.all(
        Array.from({ length: 4 }, async () => {
          while (next < BURST) {
            const i = next++;
            const body =
              i % 2 === 0
                ? { to: 'XB', type: 'lost_stolen_notice', body: { ...EXAMPLE_BODIES.lost_stolen_notice, reportReference: `XA-LS-DRILL-${i}` } }
                : {
                    to: 'XB',
                    type: 'tracing_request',
                    body: { ...EXAMPLE_BODIES.tracing_request, requestReference: `XA-TR-DRILL-${i}`, circumstances: { ...(EXAMPLE_BODIES.tracing_request.circumstances as object), place: { country: 'XA', description: 'Port of XA' } } },
                  };
            const res = await fetch(`${urlA}/api/v1/exchange/envelopes`, { method: 'POST', headers: { ...tokenA, 'content-type': 'application/json' }, body: JSON.stringify(body) });
            const sent = (await res.json()) as { id: string };
            if (res.status !== 201) throw new Error(`envelope ${i}: ${res.status} ${JSON.stringify(sent)}`);
            ids[i] = sent.id;
          }
        }),
      );

      // XB killed outright a quarter of the way in, back a second later; stopped properly at 60 %, back at once.
      // Then the sender: XA killed outright at 80 % with envelopes in flight (their answers lost), back at once.
      const kills: { node: string; signal: string; delivered: number; made: number; restartSecs?: number }[] = [];
      const plan = [['XB', 'SIGKILL', BURST / 4], ['XB', 'SIGTERM', (BURST * 3) / 5], ['XA', 'SIGKILL', (BURST * 4) / 5]] as const;
      for (const [node, signal, at] of plan) {
        // XA is killed once the burst is made (a request to make one cut short would leave its outcome unknown).
        if (node === 'XA') await burst;
        await until(`${at} delivered`, async () => (await counts()).delivered >= at, 300);
        kills.push({ node, signal, delivered: (await counts()).delivered, made: next });
        const code = await (node === 'XB' ? b : a).stop(signal);
        expect(code).toBe(signal === 'SIGTERM' ? 0 : null);
        if (node === 'XB' && signal === 'SIGKILL') await new Promise((r) => setTimeout(r, 1_000));
        const tRestart = performance.now();
        if (node === 'XB') b = await startNode(envB);
        else a = await startNode(envA);
        kills[kills.length - 1].restartSecs = (performance.now() - tRestart) / 1000;
      }
      const tBack = performance.now();
      const drained = await until('the outbox to drain', async () => {
        const c = await counts();
        return c.pending === 0 ? c : undefined;
      }, 300);
      const tDone = performance.now();
      phase('burst');

      expect(await b.stop('SIGTERM')).toBe(0);
      expect(await a.stop('SIGTERM')).toBe(0);
      phase('stop both');
      expect(drained).toEqual({ pending: 0, delivered: BURST, dead: 0 });
      // Both stops landed in the middle of the burst: envelopes not yet delivered each time.
      for (const k of kills) expect(k.delivered).toBeLessThan(BURST);

      // XA: every envelope delivered once (one delivery entry each); how many were answered as redeliveries.
      const dbA = await openPglite(path.join(envA.CUSTODIA_DATA_DIR!, 'pgdata'));
      let duplicates: number;
      try {
        expect(await count(dbA, "SELECT count(*)::int8 AS n FROM exchange_outbox WHERE status = 'delivered' AND id = ANY($1::uuid[])", [ids])).toBe(BURST);
        expect(await count(dbA, "SELECT count(*)::int8 AS n FROM audit_log WHERE action = 'exchange.envelope.delivered'")).toBe(BURST);
        expect(await count(dbA, "SELECT count(*)::int8 AS n FROM audit_log WHERE action = 'exchange.envelope.dead_letter'")).toBe(0);
        const acks = await dbA.query<{ ack_token: string }>('SELECT ack_token FROM exchange_outbox WHERE id = ANY($1::uuid[])', [ids]);
        duplicates = acks.filter((r) => JSON.parse(Buffer.from(r.ack_token.split('.')[1], 'base64url').toString('utf8')).body.status === 'duplicate').length;
      } finally {
        await dbA.close();
      }

      // XB: each envelope held once, each effect once, each audited once.
      const dbB: Db = pg ? pg.db : await openPglite(path.join(envB.CUSTODIA_DATA_DIR!, 'pgdata'));
      try {
        const reports = ids.filter((_, i) => i % 2 === 0);
        const requests = ids.filter((_, i) => i % 2 === 1);
        expect(await count(dbB, "SELECT count(*)::int8 AS n FROM exchange_inbox WHERE from_state = 'XA'")).toBe(BURST);
        expect(await count(dbB, "SELECT count(DISTINCT envelope_id)::int8 AS n FROM exchange_inbox WHERE from_state = 'XA' AND envelope_id = ANY($1::uuid[])", [ids])).toBe(BURST);
        expect(await count(dbB, "SELECT count(*)::int8 AS n FROM exchange_inbox WHERE from_state = 'XA' AND effect = 'applied' AND NOT (effect_detail ? 'refused')")).toBe(BURST);
        expect(await count(dbB, "SELECT count(*)::int8 AS n FROM audit_log WHERE action = 'exchange.envelope.receive'")).toBe(BURST);
        // Lost/stolen notices: one foreign report each, from its envelope, audited once.
        expect(await count(dbB, "SELECT count(*)::int8 AS n FROM tracing_foreign_reports WHERE reporting_state = 'XA'")).toBe(BURST / 2);
        expect(await count(dbB, 'SELECT count(DISTINCT envelope_id)::int8 AS n FROM tracing_foreign_reports WHERE envelope_id = ANY($1::uuid[])', [reports])).toBe(BURST / 2);
        expect(await count(dbB, "SELECT count(*)::int8 AS n FROM audit_log WHERE action = 'tracing.foreign_report.receive'")).toBe(BURST / 2);
        // Tracing requests: one incoming request each, from its envelope, audited once, with its own reference.
        expect(await count(dbB, "SELECT count(*)::int8 AS n FROM tracing_requests WHERE direction = 'incoming' AND counterpart_state = 'XA'")).toBe(BURST / 2);
        expect(await count(dbB, "SELECT count(DISTINCT request_envelope_id)::int8 AS n FROM tracing_requests WHERE direction = 'incoming' AND request_envelope_id = ANY($1::uuid[])", [requests])).toBe(BURST / 2);
        expect(await count(dbB, "SELECT count(DISTINCT reference)::int8 AS n FROM tracing_requests WHERE direction = 'incoming'")).toBe(BURST / 2);
        expect(await count(dbB, "SELECT count(*)::int8 AS n FROM audit_log WHERE action = 'tracing.request.receive'")).toBe(BURST / 2);
      } finally {
        if (!pg) await dbB.close();
      }

      phase('counts');
      // The tamper-evident logs of both nodes verify after the kill.
      for (const env of [envA, envB]) {
        const verified = await custodia(env, ['audit', 'verify']);
        expect(verified.code, `${env.CUSTODIA_STATE}: ${verified.stdout}${verified.stderr}`).toBe(0);
        expect(verified.stdout).toContain('OK: nothing was altered');
        phase(`audit verify ${env.CUSTODIA_STATE}`);
      }

      const line =
        `exchange drill [receiver ${engine}]: ${BURST} envelopes made in ${((tDone - tBurst) / 1000).toFixed(1)} s end to end; ` +
        kills.map((k) => `${k.node} ${k.signal} after ${k.delivered} delivered (${k.made} made), back in ${k.restartSecs!.toFixed(1)} s`).join(', ') +
        `; outbox drained ${((tDone - tBack) / 1000).toFixed(1)} s after the last restart; ${duplicates} answered as redeliveries; ` +
        `setup ${setupSecs.toFixed(1)} s, whole test ${((performance.now() - t0) / 1000).toFixed(1)} s (${phases.join(', ')})`;
      process.stdout.write(`${line}\n`);
    },
    900_000,
  );
});
