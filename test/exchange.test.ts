import { afterAll, beforeAll, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../src/platform/auth/actor.ts';
import { encryptEnvelope, newEnvelope, signEnvelope } from '../src/exchange/envelope.ts';
import { EXAMPLE_BODIES } from '../src/exchange/fixtures.ts';
import { keyRotationBody, verifiedEncryptionKey } from '../src/exchange/pins.ts';
import { describeEngines } from './support/engines.ts';
import { enrol, startExchangeNode, type ExchangeNode } from './support/exchange-nodes.ts';
import { testNodeKeys } from './support/exchange-keys.ts';

/**
 * Two States' nodes on loopback, XA (exporter) and XB (importer), each a real server with its own database
 * and keys: enrolment by fingerprint, the outbox delivering through real HTTP, the inbox's refusals, the
 * officers' queue, an answer back, a node out of reach and back, dead letters, a key rotation.
 */
describeEngines('State-to-State exchange between two nodes', (engine) => {
  let a: ExchangeNode;
  let b: ExchangeNode;

  beforeAll(async () => {
    a = await startExchangeNode(engine, 'XA', 'xa-keys', { settings: { deadLetterAfterMs: 3_600_000 } });
    b = await startExchangeNode(engine, 'XB', 'xb-keys');
  }, 120_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  /** Both nodes' clocks move together (a clock that is off is a test of its own). */
  const advance = (ms: number) => {
    a.t.deps.clock.advance(ms);
    b.t.deps.clock.advance(ms);
  };
  const count = async (node: ExchangeNode, sql: string, params: unknown[] = []) => Number((await node.t.deps.db.query<{ n: number }>(sql, params))[0].n);
  const auditCount = (node: ExchangeNode, action: string) => count(node, 'SELECT count(*)::int AS n FROM audit_log WHERE action = $1', [action]);
  const post = async (node: ExchangeNode, message: string) => node.t.app.inject({ method: 'POST', url: '/api/v1/exchange/inbox', payload: { message } });
  const check = () => ({ to: 'XB', type: 'import_authorisation_check' as const, body: EXAMPLE_BODIES.import_authorisation_check });

  it('publishes the X25519 key bound to the signing key in /.well-known/jwks.json', async () => {
    const res = await b.t.app.inject({ method: 'GET', url: '/.well-known/jwks.json' });
    expect(res.statusCode).toBe(200);
    const jwks = res.json() as { keys: { kid: string; use: string; crv: string }[] };
    expect(jwks.keys[0]).toMatchObject({ kid: b.keys.kid, use: 'sig', crv: 'Ed25519' });
    expect(jwks.keys.find((k) => k.use === 'enc')).toMatchObject({ kid: b.keys.encryption.kid, crv: 'X25519' });
    const peer = { state: 'XB', status: 'active' as const, allowedTypes: [], pins: [{ kid: b.keys.kid, x: b.keys.publicJwk.x, pinnedAt: '2026-01-01T00:00:00.000Z', source: 'enrolment' as const, acceptUntil: null }] };
    expect(await verifiedEncryptionKey(peer, jwks, new Date())).toEqual({ ok: true, key: { kid: b.keys.encryption.kid, x: b.keys.encryption.publicJwk.x } });
  });

  it('enrols a peer only with the fingerprint its key set offers, writing nothing otherwise', async () => {
    const admin = await a.headers('administrator');
    const preview = await a.t.app.inject({ method: 'POST', url: '/api/v1/exchange/peers/preview', headers: admin, payload: { baseUrl: b.url } });
    expect(preview.statusCode).toBe(200);
    expect(preview.json().candidates).toEqual([{ kid: b.keys.kid, x: b.keys.publicJwk.x, fingerprint: b.fingerprint }]);
    const wrong = await a.t.app.inject({ method: 'POST', url: '/api/v1/exchange/peers', headers: admin, payload: { state: 'XB', baseUrl: b.url, fingerprint: a.fingerprint } });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().code).toBe('enrolment.fingerprint_mismatch');
    expect(await count(a, 'SELECT count(*)::int AS n FROM exchange_peer')).toBe(0);
    const officer = await a.t.app.inject({ method: 'POST', url: '/api/v1/exchange/peers', headers: await a.headers('licensing_officer'), payload: { state: 'XB', baseUrl: b.url, fingerprint: b.fingerprint } });
    expect(officer.statusCode).toBe(403);

    await enrol(a, b, ['import_authorisation_answer', 'transit_answer', 'delivery_confirmation']);
    await enrol(b, a, ['import_authorisation_check', 'delivery_confirmation_request']);
    const listed = await a.t.app.inject({ method: 'GET', url: '/api/v1/exchange/peers', headers: await a.headers('auditor') });
    expect(listed.json().items).toMatchObject([{ state: 'XB', status: 'active', baseUrl: b.url, pins: [{ kid: b.keys.kid, source: 'enrolment', acceptUntil: null }], encryptionKey: { kid: b.keys.encryption.kid } }]);
    expect(await auditCount(a, 'exchange.peer.enrol')).toBe(1);
    const again = await a.t.app.inject({ method: 'POST', url: '/api/v1/exchange/peers', headers: admin, payload: { state: 'XB', baseUrl: b.url, fingerprint: b.fingerprint } });
    expect(again.statusCode).toBe(409);
  });

  let checkId: string;
  it('delivers an envelope from the outbox, which the receiver keeps as signed and queues for its officers', async () => {
    const sent = await a.svc.send(SYSTEM_ACTOR, check());
    checkId = sent.id;
    expect(await count(a, "SELECT count(*)::int AS n FROM exchange_outbox WHERE status = 'pending'")).toBe(1);
    const pass = await a.svc.deliverDue();
    expect(pass).toEqual({ attempted: 1, delivered: 1, failed: 0, dead: 0 });
    const [row] = await a.t.deps.db.query<{ status: string; ack_token: string; token: string }>('SELECT status, ack_token, token FROM exchange_outbox WHERE id = $1', [sent.id]);
    expect(row.status).toBe('delivered');
    expect(row.ack_token.split('.')).toHaveLength(3);
    const [held] = await b.t.deps.db.query<{ token: string; effect: string; from_state: string }>('SELECT token, effect, from_state FROM exchange_inbox WHERE envelope_id = $1', [sent.id]);
    expect(held).toEqual({ token: row.token, effect: 'queued', from_state: 'XA' });
    expect(await auditCount(b, 'exchange.envelope.receive')).toBe(1);
    expect(await auditCount(a, 'exchange.envelope.delivered')).toBe(1);
    const queue = await b.t.app.inject({ method: 'GET', url: '/api/v1/exchange/requests', headers: await b.headers('licensing_officer') });
    expect(queue.statusCode).toBe(200);
    expect(queue.json().items).toMatchObject([{ envelopeId: sent.id, type: 'import_authorisation_check', from: 'XA', effect: 'queued', envelope: { body: { caseReference: 'XA-APP-2026-000042' } } }]);
  });

  it('answers a redelivery as a duplicate without a second effect, and refuses other bytes under the same id', async () => {
    const [row] = await a.t.deps.db.query<{ token: string }>('SELECT token FROM exchange_outbox WHERE id = $1', [checkId]);
    const again = await post(b, row.token);
    expect(again.statusCode).toBe(200);
    expect(again.json().status).toBe('duplicate');
    expect(await count(b, 'SELECT count(*)::int AS n FROM exchange_inbox')).toBe(1);
    expect(await auditCount(b, 'exchange.envelope.receive')).toBe(1);
    const original = JSON.parse(Buffer.from(row.token.split('.')[1], 'base64url').toString('utf8'));
    const altered = await signEnvelope(a.keys, { ...original, body: { ...original.body, caseReference: 'XA-APP-2026-000043' } });
    const replay = await post(b, altered);
    expect(replay.statusCode).toBe(409);
    expect(replay.json()).toMatchObject({ code: 'envelope.replay', retryable: false });
    expect(await count(b, 'SELECT count(*)::int AS n FROM exchange_inbox')).toBe(1);
  });

  it('refuses forged, unknown, misaddressed, expired and future envelopes with their codes, writing nothing', async () => {
    const before = await count(b, 'SELECT count(*)::int AS n FROM audit_log');
    const now = b.t.deps.clock.now();
    const env = (over: Partial<{ to: string; now: Date; lifetimeMs: number }> = {}) =>
      newEnvelope({ from: 'XA', to: over.to ?? 'XB', type: 'import_authorisation_check', body: EXAMPLE_BODIES.import_authorisation_check, now: over.now ?? now, lifetimeMs: over.lifetimeMs ?? 3_600_000 });
    const { keys: [stranger], cleanup } = await testNodeKeys(null);
    try {
      // XA's header and payload, signed by another key.
      const [header, payload] = (await signEnvelope(a.keys, env())).split('.');
      const forged = `${header}.${payload}.${stranger.signBytes(Buffer.from(`${header}.${payload}`)).toString('base64url')}`;
      expect((await post(b, forged)).json()).toMatchObject({ code: 'envelope.bad_signature' });
      const unknown = await signEnvelope(stranger, { ...env(), from: 'XD', body: { ...EXAMPLE_BODIES.import_authorisation_check, exportCountry: 'XD' } });
      const u = await post(b, unknown);
      expect(u.statusCode).toBe(401);
      expect(u.json()).toMatchObject({ code: 'envelope.unknown_sender', retryable: true });
    } finally {
      cleanup();
    }
    expect((await post(b, await signEnvelope(a.keys, { ...env(), to: 'XC', body: { ...EXAMPLE_BODIES.import_authorisation_check, importCountry: 'XC' } }))).json()).toMatchObject({ code: 'envelope.not_for_us' });
    expect((await post(b, await signEnvelope(a.keys, env({ now: new Date(now.getTime() - 2 * 3_600_000) })))).json()).toMatchObject({ code: 'envelope.expired' });
    // A sender whose clock is 10 minutes ahead: beyond the 5-minute tolerance.
    expect((await post(b, await signEnvelope(a.keys, env({ now: new Date(now.getTime() + 10 * 60_000) })))).json()).toMatchObject({ code: 'envelope.from_future', retryable: true });
    expect((await post(b, 'not.a.jws')).statusCode).toBe(400);
    expect(await count(b, 'SELECT count(*)::int AS n FROM audit_log')).toBe(before);
    expect(await count(b, 'SELECT count(*)::int AS n FROM exchange_inbox')).toBe(1);
  });

  it('has one effect for concurrent deliveries of the same bytes, and opens envelopes a relay carried', async () => {
    const now = b.t.deps.clock.now();
    const token = await signEnvelope(a.keys, newEnvelope({ from: 'XA', to: 'XB', type: 'import_authorisation_check', body: { ...EXAMPLE_BODIES.import_authorisation_check, caseReference: 'XA-APP-2026-CONCURRENT' }, now, lifetimeMs: 3_600_000 }));
    const answers = await Promise.all(Array.from({ length: 8 }, () => post(b, token)));
    expect(answers.map((r) => r.statusCode)).toEqual(Array(8).fill(200));
    expect(answers.map((r) => r.json().status).sort()).toEqual(['accepted', ...Array(7).fill('duplicate')]);
    const id = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')).id;
    expect(await count(b, 'SELECT count(*)::int AS n FROM exchange_inbox WHERE envelope_id = $1', [id])).toBe(1);

    // Carried by a relay: encrypted to XB's X25519 key; the relay can read the routing only, and any change breaks it.
    const relayed = await signEnvelope(a.keys, newEnvelope({ from: 'XA', to: 'XB', type: 'import_authorisation_check', body: { ...EXAMPLE_BODIES.import_authorisation_check, caseReference: 'XA-APP-2026-RELAYED' }, now, lifetimeMs: 3_600_000 }));
    const jwe = await encryptEnvelope(relayed, { kid: b.keys.encryption.kid, x: b.keys.encryption.publicJwk.x });
    const parts = jwe.split('.');
    const flipped = parts[3][0] === 'A' ? 'B' : 'A';
    const altered = [...parts.slice(0, 3), flipped + parts[3].slice(1), parts[4]].join('.');
    expect((await post(b, altered)).json()).toMatchObject({ code: 'envelope.decryption_failed' });
    expect((await post(b, jwe)).json().status).toBe('accepted');
    const [held] = await b.t.deps.db.query<{ token: string; relayed_as: string }>("SELECT token, relayed_as FROM exchange_inbox WHERE envelope->'body'->>'caseReference' = 'XA-APP-2026-RELAYED'");
    expect(held).toEqual({ token: relayed, relayed_as: jwe });
  });

  it("an officer's answer goes back through the outbox and is accepted as the answer to the request", async () => {
    const queued = (await b.svc.listRequests(SYSTEM_ACTOR, {})).items.find((r) => r.envelopeId === checkId)!;
    const res = await b.t.app.inject({
      method: 'POST',
      url: `/api/v1/exchange/requests/${queued.id}/answer`,
      headers: await b.headers('licensing_officer'),
      payload: { body: EXAMPLE_BODIES.import_authorisation_answer },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().effect).toBe('answered');
    const twice = await b.t.app.inject({ method: 'POST', url: `/api/v1/exchange/requests/${queued.id}/answer`, headers: await b.headers('licensing_officer'), payload: { body: EXAMPLE_BODIES.import_authorisation_answer } });
    expect(twice.json().errors[0].code).toBe('exchange.already_answered');
    expect(await b.svc.deliverDue()).toMatchObject({ delivered: 1 });
    const [answer] = await a.t.deps.db.query<{ type: string; in_reply_to: string; effect: string }>('SELECT type, in_reply_to, effect FROM exchange_inbox');
    expect(answer).toEqual({ type: 'import_authorisation_answer', in_reply_to: checkId, effect: 'none' });
    // An answer to something never asked is refused.
    const stray = newEnvelope({ from: 'XB', to: 'XA', type: 'import_authorisation_answer', body: EXAMPLE_BODIES.import_authorisation_answer, now: a.t.deps.clock.now(), lifetimeMs: 3_600_000, inReplyTo: '01900000-0000-7000-8000-000000000000' });
    expect((await post(a, await signEnvelope(b.keys, stray))).json()).toMatchObject({ code: 'envelope.reply_mismatch' });
  });

  it('keeps envelopes while the peer is out of reach and delivers each exactly once when it is back', async () => {
    const actor = SYSTEM_ACTOR;
    await b.proxy.stop();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await a.svc.send(actor, { ...check(), body: { ...EXAMPLE_BODIES.import_authorisation_check, caseReference: `XA-APP-2026-10${i}` } })).id);
    const down = await a.svc.deliverDue();
    // One failure stops the pass for that peer: the other four are not tried into a dead link.
    expect(down).toMatchObject({ attempted: 1, delivered: 0, failed: 1 });
    const rows = await a.t.deps.db.query<{ attempts: number; next_attempt_at: Date; last_error: string }>("SELECT attempts, next_attempt_at, last_error FROM exchange_outbox WHERE status = 'pending' ORDER BY id");
    expect(rows).toHaveLength(5);
    expect(rows[0].attempts).toBe(1);
    expect(rows[0].last_error).toMatch(/unreachable/);
    // Backoff: nothing is due again before its delay (base 1 s, equal jitter at 0.5 → 750 ms).
    expect(await a.svc.deliverDue()).toMatchObject({ attempted: 0 });
    await b.proxy.start();
    advance(60_000);
    const back = await a.svc.deliverDue();
    expect(back).toMatchObject({ attempted: 5, delivered: 5, failed: 0 });
    expect(await count(b, 'SELECT count(*)::int AS n FROM exchange_inbox WHERE envelope_id = ANY($1::uuid[])', [ids])).toBe(5);
    expect(await a.svc.deliverDue()).toMatchObject({ attempted: 0 });
  });

  it('dead-letters an envelope that cannot be delivered in time, with an audit entry', async () => {
    const actor = SYSTEM_ACTOR;
    await b.proxy.stop();
    try {
      const sent = await a.svc.send(actor, check());
      expect(await a.svc.deliverDue()).toMatchObject({ failed: 1 });
      advance(3_600_000);
      expect(await a.svc.deliverDue()).toMatchObject({ dead: 1 });
      const [row] = await a.t.deps.db.query<{ status: string; dead_reason: string }>('SELECT status, dead_reason FROM exchange_outbox WHERE id = $1', [sent.id]);
      expect(row.status).toBe('dead');
      expect(row.dead_reason).toMatch(/not delivered within 3600 s/);
      expect(await auditCount(a, 'exchange.envelope.dead_letter')).toBe(1);
      const listed = await a.t.app.inject({ method: 'GET', url: '/api/v1/exchange/outbox?status=dead', headers: await a.headers('point_of_contact') });
      expect(listed.json().items).toMatchObject([{ id: sent.id, status: 'dead' }]);
    } finally {
      await b.proxy.start();
    }
  });

  it('keeps a suspended sender pending (retryable) and delivers after reactivation', async () => {
    const actor = SYSTEM_ACTOR;
    const admin = await b.headers('administrator');
    expect((await b.t.app.inject({ method: 'POST', url: '/api/v1/exchange/peers/XA/suspend', headers: admin, payload: { reason: 'test' } })).json().status).toBe('suspended');
    const sent = await a.svc.send(actor, check());
    expect(await a.svc.deliverDue()).toMatchObject({ failed: 1 });
    const [row] = await a.t.deps.db.query<{ status: string; last_error: string }>('SELECT status, last_error FROM exchange_outbox WHERE id = $1', [sent.id]);
    expect(row).toMatchObject({ status: 'pending', last_error: expect.stringMatching(/^envelope.sender_suspended/) });
    expect((await b.t.app.inject({ method: 'POST', url: '/api/v1/exchange/peers/XA/reactivate', headers: admin, payload: {} })).json().status).toBe('active');
    advance(60_000);
    const pass = await a.svc.deliverDue();
    // On failure, say why (the attempt's error is kept on the row).
    const [after] = await a.t.deps.db.query<{ status: string; last_error: string | null }>('SELECT status, last_error FROM exchange_outbox WHERE id = $1', [sent.id]);
    expect({ pass, after }).toMatchObject({ pass: { delivered: 1 }, after: { status: 'delivered' } });
  });

  it('follows a key rotation announced by the old key; the old key is refused after its grace period', async () => {
    const actor = SYSTEM_ACTOR;
    const { keys: [next], cleanup } = await testNodeKeys(null);
    try {
      const body = await keyRotationBody({ state: 'XA', retiringKid: a.keys.kid, newKeys: next, effectiveAt: a.t.deps.clock.now() });
      await a.svc.send(actor, { to: 'XB', type: 'key_rotation', body });
      expect(await a.svc.deliverDue()).toMatchObject({ delivered: 1 });
      const [peer] = await b.t.deps.db.query<{ pins: { kid: string; acceptUntil: string | null }[] }>("SELECT pins FROM exchange_peer WHERE state = 'XA'");
      expect(peer.pins.map((p) => [p.kid, p.acceptUntil === null])).toEqual([[next.kid, true], [a.keys.kid, false]]);
      expect(await auditCount(b, 'exchange.peer.rotate')).toBe(1);
      const now = b.t.deps.clock.now();
      const byNew = await signEnvelope(next, newEnvelope({ from: 'XA', to: 'XB', type: 'import_authorisation_check', body: EXAMPLE_BODIES.import_authorisation_check, now, lifetimeMs: 3_600_000 }));
      expect((await post(b, byNew)).json().status).toBe('accepted');
      advance(8 * 24 * 3_600_000);
      const later = b.t.deps.clock.now();
      const byOld = await signEnvelope(a.keys, newEnvelope({ from: 'XA', to: 'XB', type: 'import_authorisation_check', body: EXAMPLE_BODIES.import_authorisation_check, now: later, lifetimeMs: 3_600_000 }));
      expect((await post(b, byOld)).json()).toMatchObject({ code: 'envelope.key_retired' });
    } finally {
      cleanup();
    }
  });

  it('passes audit verify on both nodes', async () => {
    for (const node of [a, b]) {
      const res = await node.t.app.inject({ method: 'POST', url: '/api/v1/audit/verify', headers: await node.headers('auditor') });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ ok: true });
    }
  });
});
