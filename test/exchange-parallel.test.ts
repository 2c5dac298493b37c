import http from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../src/platform/auth/actor.ts';
import { newEnvelope, signEnvelope } from '../src/exchange/envelope.ts';
import type { EnvelopeEffect } from '../src/exchange/inbox.ts';
import { createExchangeService } from '../src/exchange/service.ts';
import { verifyCompactJws } from '../src/platform/crypto/keys.ts';
import type { Tx } from '../src/platform/db/types.ts';
import { EXAMPLE_BODIES } from '../src/exchange/fixtures.ts';
import { keyRotationBody } from '../src/exchange/pins.ts';
import { describeEngines } from './support/engines.ts';
import { enrol, startExchangeNode, type ExchangeNode } from './support/exchange-nodes.ts';
import { testNodeKeys } from './support/exchange-keys.ts';

/**
 * An HTTP hop in front of a real node that watches the envelopes going to its inbox: how many are in flight
 * at once (all, and of ordered types), and in which order they arrive. Each inbox request is held until
 * `hold` are in flight or a short while has passed, so that envelopes sent in parallel are seen in flight
 * together however loaded the machine is (a sender that sends one at a time is seen with one in flight).
 */
async function watcher(target: string, hold: number) {
  let inFlight = 0;
  let orderedInFlight = 0;
  const seen = { maxInFlight: 0, maxOrderedInFlight: 0, arrivals: [] as { id: string; type: string }[] };
  const waiting: (() => void)[] = [];
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    let ordered = false;
    if (req.method === 'POST' && req.url === '/api/v1/exchange/inbox') {
      const envelope = JSON.parse(Buffer.from((JSON.parse(body) as { message: string }).message.split('.')[1], 'base64url').toString('utf8')) as { id: string; type: string };
      seen.arrivals.push({ id: envelope.id, type: envelope.type });
      ordered = envelope.type === 'denial_notification';
      inFlight++;
      if (ordered) orderedInFlight++;
      seen.maxInFlight = Math.max(seen.maxInFlight, inFlight);
      seen.maxOrderedInFlight = Math.max(seen.maxOrderedInFlight, orderedInFlight);
      if (inFlight >= hold) for (const release of waiting.splice(0)) release();
      else await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 300);
        waiting.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    try {
      const upstream = await fetch(`${target}${req.url}`, { method: req.method, headers: { 'content-type': 'application/json' }, body: req.method === 'GET' ? undefined : body });
      res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
      res.end(await upstream.text());
    } finally {
      if (req.method === 'POST' && req.url === '/api/v1/exchange/inbox') {
        inFlight--;
        if (ordered) orderedInFlight--;
      }
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, seen, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/**
 * The outbox sends envelopes of unordered types to one peer several at a time (CUSTODIA_EXCHANGE_SEND_CONCURRENCY)
 * and those of ordered types one at a time in the order they were made. Two real nodes on loopback; the receiver
 * is watched through an HTTP hop. Both engines.
 */
describeEngines('parallel sending of unordered types, ordered types kept in order', (engine) => {
  let a: ExchangeNode;
  let b: ExchangeNode;
  let hop: Awaited<ReturnType<typeof watcher>>;

  beforeAll(async () => {
    a = await startExchangeNode(engine, 'XA', 'xa-keys', { settings: { sendConcurrency: 4, requestTimeoutMs: 30_000 } });
    b = await startExchangeNode(engine, 'XB', 'xb-keys');
    hop = await watcher(b.url, 3);
    // A real node's clock: the one B checks envelopes against is its own test clock, the same date.
    const res = await a.t.app.inject({ method: 'POST', url: '/api/v1/exchange/peers', headers: await a.headers('administrator'), payload: { state: 'XB', baseUrl: hop.url, fingerprint: b.fingerprint, allowedTypes: [] } });
    expect(res.statusCode).toBe(201);
    await enrol(b, a, ['import_authorisation_check', 'denial_notification']);
  }, 120_000);
  afterAll(async () => {
    await hop?.close();
    await a?.close();
    await b?.close();
  });

  const count = async (node: ExchangeNode, sql: string, params: unknown[] = []) => Number((await node.t.deps.db.query<{ n: number }>(sql, params))[0].n);

  it('has several unordered envelopes in flight to one peer at once, ordered ones one at a time in order, each received once', async () => {
    const checks: string[] = [];
    const denials: string[] = [];
    for (let i = 0; i < 12; i++) {
      checks.push((await a.svc.send(SYSTEM_ACTOR, { to: 'XB', type: 'import_authorisation_check', body: { ...EXAMPLE_BODIES.import_authorisation_check, caseReference: `XA-APP-PAR-${i}` } })).id);
      if (i % 2 === 0) {
        const denial = { ...EXAMPLE_BODIES.denial_notification, reference: `XA-DEN-PAR-${i}`, destination: 'NG', endUser: { name: 'Example Security Services Ltd', country: 'NG' } };
        denials.push((await a.svc.send(SYSTEM_ACTOR, { to: 'XB', type: 'denial_notification', body: denial })).id);
      }
    }
    // Each pass sends what is due; an ordered envelope is due only once the one before it was delivered.
    for (let pass = 0; pass < 30 && (await count(a, "SELECT count(*)::int AS n FROM exchange_outbox WHERE status = 'pending'")) > 0; pass++) {
      const done = await a.svc.deliverDue();
      expect(done.failed).toBe(0);
    }
    expect(await count(a, "SELECT count(*)::int AS n FROM exchange_outbox WHERE status = 'delivered'")).toBe(18);

    expect(hop.seen.maxInFlight).toBeGreaterThan(1);
    expect(hop.seen.maxInFlight).toBeLessThanOrEqual(4);
    expect(hop.seen.maxOrderedInFlight).toBe(1);
    expect(hop.seen.arrivals.filter((x) => x.type === 'denial_notification').map((x) => x.id)).toEqual(denials);

    expect(await count(b, 'SELECT count(DISTINCT envelope_id)::int AS n FROM exchange_inbox WHERE envelope_id = ANY($1::uuid[])', [[...checks, ...denials]])).toBe(18);
    expect(await count(b, 'SELECT count(*)::int AS n FROM exchange_inbox')).toBe(18);
    expect(await count(b, "SELECT count(*)::int AS n FROM audit_log WHERE action = 'exchange.envelope.receive'")).toBe(18);
    expect(await count(a, "SELECT count(*)::int AS n FROM audit_log WHERE action = 'exchange.envelope.delivered'")).toBe(18);
  }, 180_000);
  it('writes envelopes that arrive together in one go, each with its effect once: redeliveries, a replay and a refused effect among them', async () => {
    const before = await count(b, "SELECT count(*)::int AS n FROM audit_log WHERE action = 'exchange.envelope.receive'");
    const now = b.t.deps.clock.now();
    const make = (ref: string) => newEnvelope({ from: 'XA', to: 'XB', type: 'import_authorisation_check', body: { ...EXAMPLE_BODIES.import_authorisation_check, caseReference: ref }, now, lifetimeMs: 3_600_000 });
    const checks = await Promise.all(Array.from({ length: 30 }, (_, i) => signEnvelope(a.keys, make(`XA-APP-BATCH-${i}`))));
    const first = JSON.parse(Buffer.from(checks[0].split('.')[1], 'base64url').toString('utf8'));
    const replay = await signEnvelope(a.keys, { ...first, body: { ...first.body, caseReference: 'XA-APP-BATCH-OTHER' } });
    // A key rotation whose proof names another State: its effect refuses it, inside the transaction.
    const { keys: [next], cleanup } = await testNodeKeys(null);
    let rotation: string;
    try {
      const body = await keyRotationBody({ state: 'XZ', retiringKid: a.keys.kid, newKeys: next, effectiveAt: now });
      rotation = await signEnvelope(a.keys, newEnvelope({ from: 'XA', to: 'XB', type: 'key_rotation', body, now, lifetimeMs: 3_600_000 }));
    } finally {
      cleanup();
    }
    const messages = [...checks, checks[3], checks[3], replay, rotation, checks[7], checks[3]];
    const answers = await Promise.all(
      messages.map(async (message) => {
        const res = await fetch(`${b.url}/api/v1/exchange/inbox`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message }) });
        return { status: res.status, body: (await res.json()) as { status?: unknown; code?: string } };
      }),
    );
    const outcome = answers.map((r) => (r.status === 200 ? r.body.status : r.body.code));
    // Which of the same bytes arrives first is the network's choice: one is accepted, the others are duplicates.
    const of = (indexes: number[]) => indexes.map((i) => outcome[i]).sort();
    expect(of([3, 30, 31, 35])).toEqual(['accepted', 'duplicate', 'duplicate', 'duplicate']);
    expect(of([7, 34])).toEqual(['accepted', 'duplicate']);
    // Two contents under one id: the first to arrive is kept, the other is a replay (409).
    expect(of([0, 32])).toEqual(['accepted', 'envelope.replay']);
    expect(answers[outcome[0] === 'accepted' ? 32 : 0].status).toBe(409);
    expect(outcome[33]).toBe('rotation.bad_proof');
    expect(outcome.filter((o, i) => ![0, 3, 7, 30, 31, 32, 33, 34, 35].includes(i))).toEqual(Array(27).fill('accepted'));
    const ids = checks.map((t) => JSON.parse(Buffer.from(t.split('.')[1], 'base64url').toString('utf8')).id as string);
    expect(await count(b, 'SELECT count(*)::int AS n FROM exchange_inbox WHERE envelope_id = ANY($1::uuid[])', [ids])).toBe(30);
    expect(await count(b, "SELECT count(*)::int AS n FROM exchange_inbox WHERE envelope_id = ANY($1::uuid[]) AND effect = 'queued' AND effect_detail ? 'draft'", [ids])).toBe(30);
    expect(await count(b, "SELECT count(*)::int AS n FROM audit_log WHERE action = 'exchange.envelope.receive'")).toBe(before + 30);
    expect(await count(b, "SELECT count(*)::int AS n FROM audit_log WHERE action = 'exchange.peer.rotate'")).toBe(0);
    const res = await b.t.app.inject({ method: 'POST', url: '/api/v1/audit/verify', headers: await b.headers('auditor') });
    expect(res.json()).toMatchObject({ ok: true });
  }, 180_000);

  it('answers envelopes received together at once in their transaction: the answers in one insert, every audit entry in one append', async () => {
    // A service over B's database that counts transactions and audit appends; its effect answers each check at
    // once, as the licensing effect does under CUSTODIA_EXCHANGE_AUTO_ANSWER.
    const db = b.t.deps.db;
    const seen = { transactions: 0, auditAppends: 0, outboxInserts: 0 };
    const watch = <T extends object>(q: T): T =>
      new Proxy(q, {
        get(target, prop) {
          const v = Reflect.get(target, prop, target);
          if (prop === 'query') {
            return (text: string, params?: unknown[]) => {
              if (text.startsWith('UPDATE audit_head')) seen.auditAppends++;
              if (text.startsWith('INSERT INTO exchange_outbox')) seen.outboxInserts++;
              return (v as (t: string, p?: unknown[]) => unknown).call(target, text, params);
            };
          }
          if (prop === 'transaction') {
            return (fn: (tx: Tx) => Promise<unknown>) => {
              seen.transactions++;
              return db.transaction((tx) => fn(watch(tx)));
            };
          }
          return typeof v === 'function' ? v.bind(target) : v;
        },
      });
    const answer: EnvelopeEffect = async (t, v, _inboxId, tools) => {
      const sent = await tools.send(SYSTEM_ACTOR, { to: v.envelope.from, type: 'import_authorisation_answer', body: { ...EXAMPLE_BODIES.import_authorisation_answer, caseReference: (v.envelope.body as { caseReference: string }).caseReference }, inReplyTo: v.envelope.id }, t);
      return { effect: 'answered', detail: { automatic: true }, answerId: sent.id };
    };
    const svc = createExchangeService({ ...b.t.deps, db: watch(db) }, { effects: { import_authorisation_check: answer } });
    const now = b.t.deps.clock.now();
    const checks = await Promise.all(
      Array.from({ length: 20 }, (_, i) => signEnvelope(a.keys, newEnvelope({ from: 'XA', to: 'XB', type: 'import_authorisation_check', body: { ...EXAMPLE_BODIES.import_authorisation_check, caseReference: `XA-APP-AUTO-${i}` }, now, lifetimeMs: 3_600_000 }))),
    );
    const sendsBefore = await count(b, "SELECT count(*)::int AS n FROM audit_log WHERE action = 'exchange.envelope.send'");
    // Received in the same turn of the event loop, as envelopes read from several sockets at once are.
    const results = await Promise.all(checks.map((message) => svc.receive({ message })));
    expect(results.map((r) => ('status' in r ? r.status : r))).toEqual(Array(20).fill('accepted'));
    expect(seen).toEqual({ transactions: 1, auditAppends: 1, outboxInserts: 1 });

    const ids = checks.map((t) => JSON.parse(Buffer.from(t.split('.')[1], 'base64url').toString('utf8')).id as string);
    const rows = await db.query<{ envelope_id: string; effect: string; answer_id: string; out_reply: string; out_status: string; out_to: string }>(
      `SELECT i.envelope_id, i.effect, i.answer_id, o.in_reply_to AS out_reply, o.status AS out_status, o.peer_state AS out_to
       FROM exchange_inbox i JOIN exchange_outbox o ON o.id = i.answer_id WHERE i.envelope_id = ANY($1::uuid[])`,
      [ids],
    );
    expect(rows).toHaveLength(20);
    for (const r of rows) expect(r).toMatchObject({ effect: 'answered', out_reply: r.envelope_id, out_status: 'pending', out_to: 'XA' });
    const audited = await db.query<{ entity_id: string }>("SELECT entity_id FROM audit_log WHERE action = 'exchange.envelope.send' ORDER BY seq DESC LIMIT 20");
    expect(audited.map((x) => x.entity_id).sort()).toEqual(rows.map((r) => r.answer_id).sort());
    expect(await count(b, "SELECT count(*)::int AS n FROM audit_log WHERE action = 'exchange.envelope.send'")).toBe(sendsBefore + 20);
    // Each answer is what the outbox would have signed alone: B's own key, addressed to XA, answering its check.
    const [one] = await db.query<{ token: string }>('SELECT token FROM exchange_outbox WHERE id = $1', [rows[0].answer_id]);
    const { payload } = await verifyCompactJws(one.token, b.keys.publicJwks());
    expect(payload).toMatchObject({ from: 'XB', to: 'XA', type: 'import_authorisation_answer', inReplyTo: rows[0].envelope_id });
    const res = await b.t.app.inject({ method: 'POST', url: '/api/v1/audit/verify', headers: await b.headers('auditor') });
    expect(res.json()).toMatchObject({ ok: true });
  }, 180_000);
});
