import http from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { decodeProtectedHeader } from 'jose';
import { encryptEnvelope, newEnvelope, signEnvelope } from '../src/exchange/envelope.ts';
import { EXAMPLE_BODIES } from '../src/exchange/fixtures.ts';
import { enrolmentFingerprint, loadNodeKeys } from '../src/platform/crypto/keys.ts';
import { describeEngines } from './support/engines.ts';
import { enrol, startExchangeNode, type ExchangeNode } from './support/exchange-nodes.ts';
import { testActor as actor } from './support/failure.ts';

/** An HTTP hop in front of a node that hands every inbox message to `alter` before passing it on (a relay's host gone bad). */
async function interceptor(target: string, alter: (message: string) => string) {
  const seen: string[] = [];
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    let body = Buffer.concat(chunks).toString('utf8');
    if (req.method === 'POST' && req.url === '/api/v1/exchange/inbox') {
      const { message } = JSON.parse(body) as { message: string };
      seen.push(message);
      body = JSON.stringify({ message: alter(message) });
    }
    const upstream = await fetch(`${target}${req.url}`, { method: req.method, headers: { 'content-type': 'application/json' }, body: req.method === 'GET' ? undefined : body });
    res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
    res.end(await upstream.text());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, seen, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/**
 * Three nodes on loopback: ES cannot reach KE (KE's address as ES knows it is down), FR can, and carries ES's
 * envelopes for it. What FR carries is encrypted to KE: FR reads the routing only, and bytes altered on the
 * way are refused by KE. Both engines.
 */
describeEngines('relaying: ES → KE through FR', (engine) => {
  let es: ExchangeNode;
  let fr: ExchangeNode;
  let ke: ExchangeNode;
  const poc = actor('point_of_contact');

  beforeAll(async () => {
    // A delivery through the relay is two hops in one attempt: room for a loaded machine.
    es = await startExchangeNode(engine, 'ES', 'xa-keys', { settings: { requestTimeoutMs: 30_000 } });
    fr = await startExchangeNode(engine, 'FR', 'xb-keys');
    ke = await startExchangeNode(engine, 'KE', null, { settings: { requestTimeoutMs: 30_000 } });
    await enrol(es, fr, []);
    await enrol(ke, fr, []);
    await enrol(fr, es, []);
    await enrol(es, ke, ['denial_notification']);
    await enrol(ke, es, ['denial_notification']);
    // FR reaches KE at its own address (not the one ES knows, which the test takes down).
    const direct = `http://127.0.0.1:${(ke.t.app.server.address() as { port: number }).port}`;
    const res = await fr.t.app.inject({ method: 'POST', url: '/api/v1/exchange/peers', headers: await fr.headers('administrator'), payload: { state: 'KE', baseUrl: direct, fingerprint: ke.fingerprint, allowedTypes: [] } });
    expect(res.statusCode).toBe(201);
  }, 300_000);
  afterAll(async () => {
    for (const n of [es, fr, ke]) await n?.close();
  });

  const admin = (n: ExchangeNode) => n.headers('administrator');
  /** The three clocks move together (an envelope made later must not look as if from the future). */
  const advance = (ms: number) => {
    for (const n of [es, fr, ke]) n.t.deps.clock.advance(ms);
  };
  const patchPeer = async (n: ExchangeNode, state: string, payload: object) => n.t.app.inject({ method: 'PATCH', url: `/api/v1/exchange/peers/${state}`, headers: await admin(n), payload });
  const denial = (reference: string) => ({ ...EXAMPLE_BODIES.denial_notification, reference, destination: 'NG', endUser: { name: 'Example Security Services Ltd', country: 'NG' } });
  const send = (reference: string) => es.svc.send(poc, { to: 'KE', type: 'denial_notification', body: denial(reference) });
  const keInbox = async () => (await ke.t.app.inject({ method: 'GET', url: '/api/v1/exchange/inbox?type=denial_notification', headers: await ke.headers('auditor') })).json().items as { envelope: { id: string; body: { reference: string } }; relayed: boolean; effect: string }[];

  it('carries an encrypted envelope it cannot read, and KE has its effect once', async () => {
    await ke.proxy.stop();
    const direct = await send('ES-DEN-R-1');
    expect(await es.svc.deliverDue()).toMatchObject({ failed: 1 });

    // FR refuses to carry for ES until its administrator allows it; ES retries.
    expect((await patchPeer(es, 'KE', { relayVia: 'FR' })).statusCode).toBe(200);
    advance(120_000);
    expect(await es.svc.deliverDue()).toMatchObject({ failed: 1 });
    const [refused] = (await es.svc.listOutbox(poc, { status: 'pending' })).items;
    expect(refused.lastError).toMatch(/^relay\.not_allowed/);

    expect((await patchPeer(fr, 'ES', { relayAllowed: true })).json()).toMatchObject({ relayAllowed: true });
    advance(300_000);
    expect(await es.svc.deliverDue()).toMatchObject({ delivered: 1 });

    const [received] = await keInbox();
    expect(received).toMatchObject({ envelope: { id: direct.id, body: { reference: 'ES-DEN-R-1' } }, relayed: true, effect: 'applied' });
    const [carried] = await fr.t.deps.db.query<Record<string, unknown>>('SELECT * FROM exchange_relayed');
    expect(carried).toMatchObject({ from_state: 'ES', envelope_id: direct.id, to_state: 'KE', forwards: 1, last_status: 200 });
    // FR keeps the routing and a hash; it has nothing of the content, and its own key does not open the envelope.
    const jwe = (await ke.t.deps.db.query<{ relayed_as: string }>('SELECT relayed_as FROM exchange_inbox WHERE envelope_id = $1', [direct.id]))[0].relayed_as;
    expect(Object.keys(decodeProtectedHeader(jwe)).sort()).toEqual(['alg', 'cty', 'enc', 'epk', 'expiresAt', 'from', 'id', 'kid', 'to', 'typ']);
    await expect(fr.keys.encryption.decryptCompactJwe(jwe)).rejects.toThrow();
    expect(JSON.stringify(carried)).not.toContain('Example Security');
    expect(await fr.t.deps.db.query('SELECT 1 FROM exchange_inbox')).toHaveLength(0);

    // KE's ack came back through FR and closed the outbox entry; a resend is a redelivery (no second effect).
    const again = await fr.t.app.inject({ method: 'POST', url: '/api/v1/exchange/inbox', payload: { message: jwe } });
    expect(again.json()).toMatchObject({ status: 'duplicate' });
    expect(await keInbox()).toHaveLength(1);
    expect((await ke.t.app.services.screening.listDenials(actor('licensing_officer'))).map((d: { reference: string; notifyingState: string }) => [d.reference, d.notifyingState])).toContainEqual(['ES-DEN-R-1', 'ES']);
  });

  it('a relay host that alters what it carries gets it refused by KE, and ES dead-letters it', async () => {
    const flipCiphertext = (m: string) => {
      const p = m.split('.');
      p[3] = (p[3][0] === 'A' ? 'B' : 'A') + p[3].slice(1);
      return p.join('.');
    };
    const laterExpiry = (m: string) => {
      const p = m.split('.');
      const header = JSON.parse(Buffer.from(p[0], 'base64url').toString('utf8')) as Record<string, unknown>;
      p[0] = Buffer.from(JSON.stringify({ ...header, expiresAt: '2099-01-01T00:00:00.000Z' })).toString('base64url');
      return p.join('.');
    };
    const frUrl = fr.url;
    for (const [n, alter] of [flipCiphertext, laterExpiry].entries()) {
      const evil = await interceptor(frUrl, alter);
      try {
        expect((await patchPeer(es, 'FR', { baseUrl: evil.url })).statusCode).toBe(200);
        const sent = await send(`ES-DEN-ALTERED-${n}`);
        expect(await es.svc.deliverDue()).toMatchObject({ dead: 1 });
        const [dead] = (await es.svc.listOutbox(poc, { status: 'dead' })).items.filter((o: { id: string }) => o.id === sent.id);
        expect(dead.deadReason).toMatch(/^envelope\.decryption_failed/);
        // What the bad host saw: the routing, not the content.
        expect(evil.seen).toHaveLength(1);
        expect(Buffer.from(evil.seen[0].split('.')[3], 'base64url').toString('latin1')).not.toContain('ES-DEN-ALTERED');
        expect(decodeProtectedHeader(evil.seen[0])).toMatchObject({ from: 'ES', to: 'KE', id: sent.id });
      } finally {
        await patchPeer(es, 'FR', { baseUrl: frUrl });
        await evil.close();
      }
    }
    expect((await keInbox()).map((e) => e.envelope.body.reference)).toEqual(['ES-DEN-R-1']);

    // The honest path still works.
    await send('ES-DEN-R-2');
    expect(await es.svc.deliverDue()).toMatchObject({ delivered: 1 });
    expect(await keInbox()).toHaveLength(2);
  });

  it('ES rotates its signing and X25519 keys: every peer is told by the old key, and delivery goes on both ways', async () => {
    const before = await loadNodeKeys({ keysDir: es.keysDir });
    const rotated = await es.t.app.inject({ method: 'POST', url: '/api/v1/exchange/keys/rotate', headers: await admin(es) });
    expect(rotated.statusCode).toBe(200);
    const r = rotated.json();
    expect(r).toMatchObject({ retiredKid: before.kid, announcedTo: ['FR', 'KE'] });
    expect(r.kid).not.toBe(before.kid);
    expect(r.encryptionKid).not.toBe(before.encryption.kid);
    const after = await loadNodeKeys({ keysDir: es.keysDir });
    expect([after.kid, after.encryption.kid]).toEqual([r.kid, r.encryptionKid]);

    // Signed with the new key, sent after the announcements: KE (through FR) learns the key first, then takes the denial.
    const afterRotation = await send('ES-DEN-AFTER-ROTATION');
    // Denial notifications are ordered per peer like key rotations: KE's waits for the announcement's delivery.
    expect(await es.svc.deliverDue()).toMatchObject({ attempted: 2, delivered: 2 });
    await es.svc.deliverDue();
    expect(await es.t.deps.db.query('SELECT status, last_error FROM exchange_outbox WHERE id = $1', [afterRotation.id])).toEqual([{ status: 'delivered', last_error: null }]);
    const [peerAtKe] = await ke.t.deps.db.query<{ pins: { kid: string; acceptUntil: string | null }[]; encryption_key: { kid: string } }>("SELECT pins, encryption_key FROM exchange_peer WHERE state = 'ES'");
    expect(peerAtKe.pins.map((p) => [p.kid, p.acceptUntil === null])).toEqual([[r.kid, true], [before.kid, false]]);
    expect(peerAtKe.encryption_key.kid).toBe(r.encryptionKid);
    expect((await keInbox()).map((e) => e.envelope.body.reference)).toContain('ES-DEN-AFTER-ROTATION');

    // KE writes back through FR, encrypted to ES's new X25519 key; ES's ack, signed with its new key, is accepted.
    expect((await patchPeer(ke, 'ES', { relayVia: 'FR' })).statusCode).toBe(200);
    expect((await patchPeer(fr, 'KE', { relayAllowed: true })).statusCode).toBe(200);
    const [frToEs] = await fr.t.deps.db.query<{ base_url: string }>("SELECT base_url FROM exchange_peer WHERE state = 'ES'");
    expect(frToEs.base_url).toBe(es.url);
    const back = await ke.svc.send(poc, { to: 'ES', type: 'denial_notification', body: denial('KE-DEN-1') });
    expect(await ke.svc.deliverDue()).toMatchObject({ delivered: 1 });
    const [atEs] = await es.t.deps.db.query<{ relayed_as: string }>('SELECT relayed_as FROM exchange_inbox WHERE envelope_id = $1', [back.id]);
    expect(JSON.parse(Buffer.from(atEs.relayed_as.split('.')[0], 'base64url').toString('utf8')).kid).toBe(r.encryptionKid);

    // Something encrypted to ES's old X25519 key before KE learnt the new one still opens.
    const inFlight = await signEnvelope(await loadNodeKeys({ keysDir: ke.keysDir }), newEnvelope({ from: 'KE', to: 'ES', type: 'denial_notification', body: denial('KE-DEN-2'), now: ke.t.deps.clock.now(), lifetimeMs: 3_600_000 }));
    const old = await encryptEnvelope(inFlight, { kid: before.encryption.kid, x: before.encryption.publicJwk.x });
    expect((await es.t.app.inject({ method: 'POST', url: '/api/v1/exchange/inbox', payload: { message: old } })).json()).toMatchObject({ status: 'accepted' });

    for (const n of [es, fr, ke]) expect((await n.t.app.inject({ method: 'POST', url: '/api/v1/audit/verify', headers: await n.headers('auditor') })).json()).toMatchObject({ ok: true });
  });

  it('chained relays: ES → FR → KE → PT, where only KE reaches PT; a loop of routes is refused back to ES, which delivers once it is corrected', async () => {
    const pt = await startExchangeNode(engine, 'PT', null);
    try {
      pt.t.deps.clock.set(es.t.deps.clock.now());
      const advanceAll = (ms: number) => {
        advance(ms);
        pt.t.deps.clock.advance(ms);
      };
      // ES's key was rotated above: PT's administrator is read out the current fingerprint.
      const esNow = await enrolmentFingerprint((await loadNodeKeys({ keysDir: es.keysDir })).publicJwk);
      const enrolled = await pt.t.app.inject({ method: 'POST', url: '/api/v1/exchange/peers', headers: await admin(pt), payload: { state: 'ES', baseUrl: es.url, fingerprint: esNow, allowedTypes: ['denial_notification'] } });
      expect(enrolled.statusCode, enrolled.body).toBe(201);
      await enrol(es, pt, []);
      await enrol(ke, pt, []);
      await enrol(fr, pt, []);
      // ES reaches PT through FR; FR knows no working address of PT's and reaches it through KE; KE reaches it.
      expect((await patchPeer(es, 'PT', { relayVia: 'FR' })).statusCode).toBe(200);
      expect((await patchPeer(fr, 'PT', { baseUrl: 'http://127.0.0.1:9', relayVia: 'KE' })).statusCode).toBe(200);
      // Each relay on the way carries for ES by its administrator's decision (FR already does).
      expect((await patchPeer(ke, 'ES', { relayAllowed: true })).statusCode).toBe(200);

      const ptInbox = async () => (await pt.t.app.inject({ method: 'GET', url: '/api/v1/exchange/inbox?type=denial_notification', headers: await pt.headers('auditor') })).json().items as { envelope: { id: string; body: { reference: string } }; relayed: boolean; effect: string }[];
      const sendPt = (reference: string) => es.svc.send(poc, { to: 'PT', type: 'denial_notification', body: denial(reference) });
      const first = await sendPt('ES-DEN-CHAIN-1');
      expect(await es.svc.deliverDue()).toMatchObject({ delivered: 1, failed: 0 });
      expect(await ptInbox()).toMatchObject([{ envelope: { id: first.id, body: { reference: 'ES-DEN-CHAIN-1' } }, relayed: true, effect: 'applied' }]);
      // Both relays recorded the routing they carried, and neither holds the content.
      for (const [relay, carriedTo] of [[fr, 'PT'], [ke, 'PT']] as const) {
        const rows = await relay.t.deps.db.query<Record<string, unknown>>('SELECT * FROM exchange_relayed WHERE envelope_id = $1', [first.id]);
        expect(rows).toMatchObject([{ from_state: 'ES', to_state: carriedTo, forwards: 1, last_status: 200 }]);
        expect(JSON.stringify(rows)).not.toContain('Example Security');
      }

      // KE's administrator points PT's route back at FR: FR → KE → FR is a loop, refused where it closes.
      expect((await patchPeer(ke, 'PT', { relayVia: 'FR' })).statusCode).toBe(200);
      const second = await sendPt('ES-DEN-CHAIN-2');
      expect(await es.svc.deliverDue()).toMatchObject({ failed: 1 });
      const [waiting] = await es.t.deps.db.query<{ status: string; last_error: string }>('SELECT status, last_error FROM exchange_outbox WHERE id = $1', [second.id]);
      expect(waiting.status).toBe('pending');
      expect(waiting.last_error).toMatch(/^relay\.loop/);
      expect((await ptInbox()).map((e) => e.envelope.id)).toEqual([first.id]);

      // Corrected: delivered once.
      expect((await patchPeer(ke, 'PT', { relayVia: null })).statusCode).toBe(200);
      advanceAll(120_000);
      expect(await es.svc.deliverDue()).toMatchObject({ delivered: 1 });
      expect((await ptInbox()).map((e) => e.envelope.id).sort()).toEqual([first.id, second.id].sort());
      for (const n of [es, fr, ke, pt]) expect((await n.t.app.inject({ method: 'POST', url: '/api/v1/audit/verify', headers: await n.headers('auditor') })).json()).toMatchObject({ ok: true });
    } finally {
      await pt.close();
    }
  });
});
