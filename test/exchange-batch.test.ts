import { afterAll, beforeAll, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../src/platform/auth/actor.ts';
import { signEnvelope } from '../src/exchange/envelope.ts';
import { EXAMPLE_BODIES } from '../src/exchange/fixtures.ts';
import { createExchangeService } from '../src/exchange/service.ts';
import { httpTransport, type PeerTransport } from '../src/exchange/transport.ts';
import { describeEngines } from './support/engines.ts';
import { enrol, startExchangeNode, type ExchangeNode } from './support/exchange-nodes.ts';

/** A real HTTP transport that counts what goes out: single posts, batch posts and their sizes. */
function countingTransport(batching = true) {
  const http = httpTransport(30_000);
  const seen = { single: 0, batches: [] as number[] };
  const transport: PeerTransport = {
    fetchJwks: (url) => http.fetchJwks(url),
    postMessage: (url, message) => {
      seen.single++;
      return http.postMessage(url, message);
    },
    // A sender of before batch delivery has no postMessages at all.
    ...(batching
      ? {
          postMessages: (url: string, messages: readonly string[]) => {
            seen.batches.push(messages.length);
            return http.postMessages!(url, messages);
          },
        }
      : {}),
  };
  return { transport, seen };
}

/** Runs `env` set while `fn` builds a node (its app reads the exchange settings from the environment). */
async function withEnv<T>(env: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const before = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    return await fn();
  } finally {
    for (const [k, v] of Object.entries(before)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

/**
 * Batch delivery (docs/exchange.md §13.11) between real nodes on loopback, with old and new peers mixed: XA
 * (sender, batching) delivers to XB (announces batches) and to XC (a node of before: no batch route, no
 * announcement); XA's sender of before (no batch transport) still delivers to XB one per POST. Each envelope
 * of a batch is verified, kept, has its effect, is audited and acknowledged on its own, exactly once.
 */
describeEngines('batch delivery: several envelopes per POST, old and new peers mixed', (engine) => {
  let a: ExchangeNode;
  let b: ExchangeNode;
  let c: ExchangeNode;
  const batching = countingTransport(true);
  const older = countingTransport(false);
  let oldSender: ExchangeNode['svc'];

  beforeAll(async () => {
    a = await startExchangeNode(engine, 'XA', 'xa-keys', { transport: batching.transport, settings: { sendConcurrency: 2 } });
    // XB: a small anonymous limit, to see an address that delivered authentic envelopes get the peer limit.
    b = await withEnv({ CUSTODIA_EXCHANGE_INBOX_RATE_LIMIT: '4', CUSTODIA_EXCHANGE_PEER_RATE_LIMIT: '100000' }, () => startExchangeNode(engine, 'XB', 'xb-keys'));
    c = await withEnv({ CUSTODIA_EXCHANGE_INBOX_BATCH: '0' }, () => startExchangeNode(engine, 'XC', null));
    await enrol(a, b, []);
    await enrol(a, c, []);
    await enrol(b, a, ['import_authorisation_check']);
    await enrol(c, a, ['import_authorisation_check']);
    oldSender = createExchangeService(a.t.deps, { transport: older.transport, random: () => 0.5, settings: { retryBaseMs: 1_000, requestTimeoutMs: 30_000 } });
  }, 300_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await c?.close();
  });

  const count = async (node: ExchangeNode, sql: string, params: unknown[] = []) => Number((await node.t.deps.db.query<{ n: number }>(sql, params))[0].n);
  const send = async (to: string, n: number, tag: string) => {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) ids.push((await a.svc.send(SYSTEM_ACTOR, { to, type: 'import_authorisation_check', body: { ...EXAMPLE_BODIES.import_authorisation_check, caseReference: `XA-APP-${tag}-${i}`, importCountry: to } })).id);
    return ids;
  };
  const drain = async (svc: ExchangeNode['svc']) => {
    for (let pass = 0; pass < 20; pass++) {
      const p = await svc.deliverDue();
      if (p.attempted === 0) return;
    }
  };
  const deliveredOnce = async (to: ExchangeNode, ids: string[]) => {
    expect(await count(a, "SELECT count(*)::int AS n FROM exchange_outbox WHERE status = 'delivered' AND id = ANY($1::uuid[])", [ids])).toBe(ids.length);
    expect(await count(a, "SELECT count(*)::int AS n FROM audit_log WHERE action = 'exchange.envelope.delivered' AND entity_id = ANY($1::text[])", [ids])).toBe(ids.length);
    expect(await count(to, 'SELECT count(*)::int AS n FROM exchange_inbox WHERE envelope_id = ANY($1::uuid[])', [ids])).toBe(ids.length);
    const inboxIds = (await to.t.deps.db.query<{ id: string }>('SELECT id FROM exchange_inbox WHERE envelope_id = ANY($1::uuid[])', [ids])).map((r) => r.id);
    expect(await count(to, "SELECT count(*)::int AS n FROM audit_log WHERE action = 'exchange.envelope.receive' AND entity_id = ANY($1::text[])", [inboxIds])).toBe(ids.length);
  };

  it('announces batch delivery in every inbox answer; a node of before answers neither header nor route', async () => {
    const probe = await b.t.app.inject({ method: 'POST', url: '/api/v1/exchange/inbox', remoteAddress: '127.0.0.9', payload: { message: 'not.a.jws' } });
    expect(probe.statusCode).toBe(400);
    expect(probe.headers['custodia-inbox-batch']).toBe('64');
    expect(Number(probe.headers['custodia-inbox-batch-bytes'])).toBe(b.t.deps.config.bodyLimitBytes);
    const old = await c.t.app.inject({ method: 'POST', url: '/api/v1/exchange/inbox', payload: { message: 'not.a.jws' } });
    expect(old.headers['custodia-inbox-batch']).toBeUndefined();
    const noRoute = await c.t.app.inject({ method: 'POST', url: '/api/v1/exchange/inbox/batch', payload: { messages: ['not.a.jws'] } });
    expect(noRoute.statusCode).toBe(404);
  });

  it('delivers to a batching node one probe alone, then several per POST, each envelope kept, answered, audited and acknowledged once', async () => {
    const ids = await send('XB', 30, 'B');
    await drain(a.svc);
    expect(batching.seen.single).toBe(1);
    expect(batching.seen.batches.length).toBeGreaterThan(0);
    expect(batching.seen.batches.every((n) => n > 1)).toBe(true);
    expect(batching.seen.batches.reduce((s, n) => s + n, 0)).toBe(29);
    await deliveredOnce(b, ids);
    // Each ack is XB's, for that envelope's bytes.
    const rows = await a.t.deps.db.query<{ id: string; sha256: string; ack_token: string }>('SELECT id, sha256, ack_token FROM exchange_outbox WHERE id = ANY($1::uuid[])', [ids]);
    for (const r of rows) {
      const ack = JSON.parse(Buffer.from(r.ack_token.split('.')[1], 'base64url').toString('utf8'));
      expect(ack).toMatchObject({ from: 'XB', type: 'ack', inReplyTo: r.id, body: { status: 'accepted', envelopeSha256: r.sha256 } });
    }
  });

  it('delivers to a node of before one envelope per POST (no batch announced)', async () => {
    const before = { single: batching.seen.single, batches: batching.seen.batches.length };
    const ids = await send('XC', 6, 'C');
    await drain(a.svc);
    expect(batching.seen.single - before.single).toBe(6);
    expect(batching.seen.batches.length).toBe(before.batches);
    await deliveredOnce(c, ids);
  });

  it('a sender of before delivers to a batching node one envelope per POST', async () => {
    const ids = await send('XB', 5, 'OLD');
    await drain(oldSender);
    expect(older.seen.single).toBe(5);
    await deliveredOnce(b, ids);
  });

  it('answers each message of a batch as if posted alone: accepted, duplicate (in the batch and of one held), refused with its code', async () => {
    const [fresh] = await send('XB', 1, 'MIX');
    const token = (id: string) => a.t.deps.db.query<{ token: string }>('SELECT token FROM exchange_outbox WHERE id = $1', [id]).then((r) => r[0].token);
    const freshToken = await token(fresh);
    const [heldId] = (await a.t.deps.db.query<{ id: string }>("SELECT id FROM exchange_outbox WHERE status = 'delivered' AND peer_state = 'XB' ORDER BY id LIMIT 1"));
    const heldToken = await token(heldId.id);
    const original = JSON.parse(Buffer.from(heldToken.split('.')[1], 'base64url').toString('utf8'));
    const replay = await signEnvelope(a.keys, { ...original, body: { ...original.body, caseReference: 'XA-APP-OTHER' } });
    const [h, p] = freshToken.split('.');
    const forged = `${h}.${p}.${Buffer.alloc(64, 7).toString('base64url')}`;
    const inboxBefore = await count(b, 'SELECT count(*)::int AS n FROM exchange_inbox');
    const res = await b.t.app.inject({ method: 'POST', url: '/api/v1/exchange/inbox/batch', remoteAddress: '127.0.0.10', payload: { messages: [forged, freshToken, freshToken, heldToken, replay] } });
    expect(res.statusCode).toBe(200);
    const results = (res.json() as { results: { status: number; body: Record<string, unknown> }[] }).results;
    expect(results.map((r) => [r.status, r.status === 200 ? r.body.status : r.body.code])).toEqual([
      [401, 'envelope.bad_signature'],
      [200, 'accepted'],
      [200, 'duplicate'],
      [200, 'duplicate'],
      [409, 'envelope.replay'],
    ]);
    expect(results[4].body).toMatchObject({ retryable: false, type: expect.stringContaining('envelope-refused') });
    // One new envelope kept, with its effect and its audit entry once.
    expect(await count(b, 'SELECT count(*)::int AS n FROM exchange_inbox')).toBe(inboxBefore + 1);
    expect(await count(b, 'SELECT count(*)::int AS n FROM exchange_inbox WHERE envelope_id = $1', [fresh])).toBe(1);
    // More messages than announced: refused whole, naming the field.
    const tooMany = await b.t.app.inject({ method: 'POST', url: '/api/v1/exchange/inbox/batch', remoteAddress: '127.0.0.10', payload: { messages: Array.from({ length: 65 }, () => freshToken) } });
    expect(tooMany.statusCode).toBe(400);
    expect(JSON.stringify(tooMany.json().errors)).toContain('messages');
  });

  it('gives an address that delivered authentic envelopes the peer limit; an anonymous address keeps the small one', async () => {
    const junk = (ip: string) => b.t.app.inject({ method: 'POST', url: '/api/v1/exchange/inbox', remoteAddress: ip, payload: { message: 'not.a.jws' } });
    const anonymous = [];
    for (let i = 0; i < 5; i++) anonymous.push((await junk('127.0.0.20')).statusCode);
    expect(anonymous).toEqual([400, 400, 400, 400, 429]);
    // 127.0.0.30 delivers one authentic envelope (a redelivery, answered duplicate), then is not held to 4 a minute.
    const [heldId] = await a.t.deps.db.query<{ token: string }>("SELECT token FROM exchange_outbox WHERE status = 'delivered' AND peer_state = 'XB' ORDER BY id LIMIT 1");
    const first = await b.t.app.inject({ method: 'POST', url: '/api/v1/exchange/inbox', remoteAddress: '127.0.0.30', payload: { message: heldId.token } });
    expect(first.statusCode).toBe(200);
    const after = [];
    for (let i = 0; i < 6; i++) after.push((await junk('127.0.0.30')).statusCode);
    expect(after).toEqual([400, 400, 400, 400, 400, 400]);
  });
});
