import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompactEncrypt, importJWK } from 'jose';
import { canonicalJson, sha256Hex } from '../platform/crypto/canonical.ts';
import type { NodeKeys } from '../platform/crypto/keys.ts';
import { testNodeKeys } from '../../test/support/exchange-keys.ts';
import {
  EnvelopeError,
  encryptEnvelope,
  newEnvelope,
  openEncryptedEnvelope,
  parseEnvelopeToken,
  readRouting,
  signEnvelope,
  verifyEnvelope,
  verifyIncoming,
} from './envelope.ts';
import { EXAMPLE_BODIES } from './fixtures.ts';
import { DEFAULT_LIMITS, deliveryDecision, ENVELOPE_TYP, RELAYED_ENVELOPE_TYP, type Envelope, type LocalContext, type PeerRecord, type Refusal } from './model.ts';

const NOW = new Date('2026-05-04T10:00:00.000Z');
const ctxB: LocalContext = { state: 'XB', now: NOW, ...DEFAULT_LIMITS };

let xa: NodeKeys;
let xb: NodeKeys;
let xc: NodeKeys;
let cleanup: () => void;
let peerA: PeerRecord;
let peers: Map<string, PeerRecord>;
const find = (state: string) => peers.get(state);

beforeAll(async () => {
  ({ keys: [xa, xb, xc], cleanup } = await testNodeKeys('xa-keys', 'xb-keys', null));
  peerA = { state: 'XA', status: 'active', pins: [{ kid: xa.kid, x: xa.publicJwk.x, pinnedAt: '2026-01-01T00:00:00.000Z', source: 'enrolment', acceptUntil: null }], allowedTypes: ['import_authorisation_check'] };
  peers = new Map([['XA', peerA]]);
});
afterAll(() => cleanup());

function check(over: Partial<Envelope> = {}): Envelope {
  return { ...newEnvelope({ from: 'XA', to: 'XB', type: 'import_authorisation_check', body: EXAMPLE_BODIES.import_authorisation_check, now: NOW, lifetimeMs: 3_600_000 }), ...over };
}

/** Signs any payload text with a node key and the envelope typ, bypassing signEnvelope's own checks. */
function signRaw(keys: NodeKeys, payload: string, header: Record<string, unknown> = { typ: ENVELOPE_TYP }) {
  return keys.signCompactJws(payload, header);
}

function b64(o: unknown): string {
  return Buffer.from(typeof o === 'string' ? o : JSON.stringify(o)).toString('base64url');
}

function code(r: { ok: boolean }): string {
  return r.ok ? 'ok' : (r as Refusal).code;
}

describe('signing', () => {
  it('signs the canonical JSON with header {typ, alg EdDSA, kid}; deterministic', async () => {
    const env = check();
    const token = await signEnvelope(xa, env);
    const [h, p] = token.split('.');
    expect(JSON.parse(Buffer.from(h, 'base64url').toString())).toEqual({ typ: ENVELOPE_TYP, alg: 'EdDSA', kid: xa.kid });
    expect(Buffer.from(p, 'base64url').toString()).toBe(canonicalJson(env));
    expect(await signEnvelope(xa, env)).toBe(token);
  });

  it('refuses to sign what a receiver would refuse', async () => {
    await expect(signEnvelope(xa, check({ type: 'gossip' }))).rejects.toThrow(EnvelopeError);
    await expect(signEnvelope(xa, check({ from: 'xa' }))).rejects.toThrow(/envelope.malformed/);
    const bad = check({ body: { ...EXAMPLE_BODIES.import_authorisation_check, goods: [] } });
    await expect(signEnvelope(xa, bad)).rejects.toSatisfy((e: EnvelopeError) => e.fields.some((f) => f.field === 'body.goods'));
  });
});

describe('verifying a signed envelope', () => {
  it('accepts an envelope from an enrolled, active peer, to us, in time, with a valid body', async () => {
    const env = check({ caveats: [{ code: 'confidential' }] });
    const token = await signEnvelope(xa, env);
    const r = await verifyEnvelope(token, find, ctxB);
    expect(r).toEqual({ ok: true, envelope: env, kid: xa.kid, token, sha256: sha256Hex(token), relayed: false });
  });

  it('envelope.too_large', async () => {
    const token = await signEnvelope(xa, check());
    expect(code(await verifyEnvelope(token, find, { ...ctxB, maxBytes: token.length - 1 }))).toBe('envelope.too_large');
  });

  it('envelope.malformed: not a JWS, extra header members, a short signature, a payload that is no envelope', async () => {
    expect(code(await verifyEnvelope('not-a-jws', find, ctxB))).toBe('envelope.malformed');
    const withExtra = await signRaw(xa, canonicalJson(check()), { typ: ENVELOPE_TYP, jku: 'https://evil.example/jwks.json' });
    expect(code(await verifyEnvelope(withExtra, find, ctxB))).toBe('envelope.malformed');
    const token = await signEnvelope(xa, check());
    expect(code(await verifyEnvelope(`${token.split('.').slice(0, 2).join('.')}.${b64('short')}`, find, ctxB))).toBe('envelope.malformed');
    const notJson = `${token.split('.')[0]}.${b64('{"id":')}.${token.split('.')[2]}`;
    expect(code(await verifyEnvelope(notJson, find, ctxB))).toBe('envelope.malformed');
    const { caveats: _c, ...noCaveats } = check();
    const r = await verifyEnvelope(await signRaw(xa, canonicalJson(noCaveats)), find, ctxB);
    expect(r).toMatchObject({ code: 'envelope.malformed', fields: [{ field: 'caveats' }] });
  });

  it('envelope.not_an_envelope: a licence token signed by the same key is not an envelope', async () => {
    const licence = await signRaw(xa, canonicalJson(check()), { typ: 'custodia-licence+jws' });
    expect(code(await verifyEnvelope(licence, find, ctxB))).toBe('envelope.not_an_envelope');
  });

  it('envelope.unsupported_algorithm: no HS256 or "none", whatever the signature', async () => {
    const token = await signEnvelope(xa, check());
    const [, p, s] = token.split('.');
    for (const alg of ['HS256', 'none', 'ES256']) {
      expect(code(await verifyEnvelope(`${b64({ typ: ENVELOPE_TYP, alg, kid: xa.kid })}.${p}.${s}`, find, ctxB))).toBe('envelope.unsupported_algorithm');
    }
  });

  it('envelope.not_canonical: members out of order, whitespace, or a duplicate member', async () => {
    const env = check();
    const { to, ...rest } = env;
    const unsorted = JSON.stringify({ to, ...rest });
    expect(code(await verifyEnvelope(await signRaw(xa, unsorted), find, ctxB))).toBe('envelope.not_canonical');
    expect(code(await verifyEnvelope(await signRaw(xa, JSON.stringify(JSON.parse(canonicalJson(env)), null, 1)), find, ctxB))).toBe('envelope.not_canonical');
    const duplicate = canonicalJson(env).replace('"from":"XA"', '"from":"XC","from":"XA"');
    expect(code(await verifyEnvelope(await signRaw(xa, duplicate), find, ctxB))).toBe('envelope.not_canonical');
  });

  it('envelope.unknown_sender: a State that is not an enrolled peer', async () => {
    const token = await signEnvelope(xc, check({ from: 'XC', body: { ...EXAMPLE_BODIES.import_authorisation_check, exportCountry: 'XC' } }));
    expect(await verifyEnvelope(token, find, ctxB)).toMatchObject({ code: 'envelope.unknown_sender', params: { from: 'XC' } });
  });

  it('envelope.key_not_pinned: another key signing in XA\'s name', async () => {
    expect(code(await verifyEnvelope(await signEnvelope(xc, check()), find, ctxB))).toBe('envelope.key_not_pinned');
  });

  it('envelope.key_retired: a rotated-out key after its grace period', async () => {
    const retired = { ...peerA, pins: [{ ...peerA.pins[0], acceptUntil: '2026-05-04T09:00:00.000Z' }] };
    expect(code(await verifyEnvelope(await signEnvelope(xa, check()), () => retired, ctxB))).toBe('envelope.key_retired');
  });

  it('envelope.bad_signature: a canonical, well-formed payload that was not what XA signed', async () => {
    const token = await signEnvelope(xa, check());
    const [h, , s] = token.split('.');
    const forged = check({ body: { ...EXAMPLE_BODIES.import_authorisation_check, caseReference: 'XA-APP-2026-999999' } });
    expect(code(await verifyEnvelope(`${h}.${b64(canonicalJson(forged))}.${s}`, find, ctxB))).toBe('envelope.bad_signature');
  });

  it('envelope.sender_suspended', async () => {
    const token = await signEnvelope(xa, check());
    expect(code(await verifyEnvelope(token, () => ({ ...peerA, status: 'suspended' }), ctxB))).toBe('envelope.sender_suspended');
  });

  it('envelope.not_for_us: an envelope for another State', async () => {
    const token = await signEnvelope(xa, check({ to: 'XC', body: { ...EXAMPLE_BODIES.import_authorisation_check, importCountry: 'XC' } }));
    expect(code(await verifyEnvelope(token, find, ctxB))).toBe('envelope.not_for_us');
  });

  it('envelope.unknown_type and envelope.type_not_allowed', async () => {
    expect(code(await verifyEnvelope(await signRaw(xa, canonicalJson(check({ type: 'gossip' }))), find, ctxB))).toBe('envelope.unknown_type');
    const trace = await signEnvelope(xa, check({ type: 'tracing_request', body: EXAMPLE_BODIES.tracing_request }));
    expect(code(await verifyEnvelope(trace, find, ctxB))).toBe('envelope.type_not_allowed');
  });

  it('envelope.from_future: a sender clock 10 minutes ahead', async () => {
    const ahead = new Date(NOW.getTime() + 10 * 60_000);
    const token = await signEnvelope(xa, check({ createdAt: ahead.toISOString(), expiresAt: new Date(ahead.getTime() + 3_600_000).toISOString() }));
    expect(code(await verifyEnvelope(token, find, ctxB))).toBe('envelope.from_future');
  });

  it('envelope.expired and envelope.lifetime_too_long', async () => {
    const token = await signEnvelope(xa, check());
    expect(code(await verifyEnvelope(token, find, { ...ctxB, now: new Date(NOW.getTime() + 2 * 3_600_000) }))).toBe('envelope.expired');
    expect(code(await verifyEnvelope(token, find, { ...ctxB, maxLifetimeMs: 60_000 }))).toBe('envelope.lifetime_too_long');
  });

  it('envelope.bad_body: the body of its type is checked, each bad field named', async () => {
    const body = { ...EXAMPLE_BODIES.import_authorisation_check, goods: [{ lineNo: 1, description: 'x', itemType: 'firearm', controlEntry: 'rifles', quantity: 0, unit: 'piece' }] };
    const r = await verifyEnvelope(await signRaw(xa, canonicalJson(check({ body }))), find, ctxB);
    expect(r).toMatchObject({ code: 'envelope.bad_body' });
    expect((r as Refusal).fields?.map((f) => f.field).sort()).toEqual(['body.goods.0.controlEntry', 'body.goods.0.quantity']);
  });

  it('envelope.replay: the same (from, id) with other bytes; the same bytes are a redelivery', async () => {
    const first = check();
    const token = await signEnvelope(xa, first);
    const again = await signEnvelope(xa, first);
    const altered = await signEnvelope(xa, { ...first, caveats: [{ code: 'confidential' }] });
    const held = { token };
    const parsed = parseEnvelopeToken(altered, DEFAULT_LIMITS.maxBytes);
    if (!parsed.ok) throw new Error(parsed.code);
    expect(deliveryDecision({ from: 'XA', id: first.id, token: again }, held)).toEqual({ ok: true, kind: 'redelivery' });
    expect(code(deliveryDecision({ from: parsed.envelope.from, id: parsed.envelope.id, token: altered }, held))).toBe('envelope.replay');
  });
});

describe('encryption for relays', () => {
  const ctxC: LocalContext = { ...ctxB, state: 'XC' };

  async function relayed(env: Envelope = check()) {
    const token = await signEnvelope(xa, env);
    return { token, jwe: await encryptEnvelope(token, { kid: xb.encryption.kid, x: xb.encryption.publicJwk.x }) };
  }

  it('shows a relay only the routing, and the recipient gets the signed envelope back', async () => {
    const env = check();
    const { token, jwe } = await relayed(env);
    const route = readRouting(jwe, DEFAULT_LIMITS.maxBytes);
    expect(route).toEqual({ ok: true, kid: xb.encryption.kid, routing: { from: 'XA', to: 'XB', id: env.id, expiresAt: env.expiresAt } });
    const header = JSON.parse(Buffer.from(jwe.split('.')[0], 'base64url').toString());
    expect(Object.keys(header).sort()).toEqual(['alg', 'cty', 'enc', 'epk', 'expiresAt', 'from', 'id', 'kid', 'to', 'typ']);
    expect(header).toMatchObject({ alg: 'ECDH-ES', enc: 'A256GCM', typ: RELAYED_ENVELOPE_TYP, cty: ENVELOPE_TYP });
    // Nothing of the body is readable: not the plaintext, not its base64url form.
    for (const needle of ['XB-IMP-2026-000123', b64('XB-IMP-2026-000123').slice(0, 12), token.split('.')[1].slice(0, 40)]) expect(jwe).not.toContain(needle);
    const r = await verifyIncoming(jwe, find, xb.encryption, ctxB);
    expect(r).toMatchObject({ ok: true, envelope: env, token, relayed: true });
  });

  it('a relay that alters the routing, the ciphertext or the tag is detected (envelope.decryption_failed)', async () => {
    const { jwe } = await relayed();
    const [h, k, iv, ct, tag] = jwe.split('.');
    const header = JSON.parse(Buffer.from(h, 'base64url').toString());
    const later = b64({ ...header, expiresAt: '2026-05-05T10:00:00.000Z' });
    const flip = (s: string) => {
      const b = Buffer.from(s, 'base64url');
      b[0] ^= 1;
      return b.toString('base64url');
    };
    for (const tampered of [[later, k, iv, ct, tag], [h, k, iv, flip(ct), tag], [h, k, iv, ct, flip(tag)], [h, k, flip(iv), ct, tag]]) {
      expect(code(await verifyIncoming(tampered.join('.'), find, xb.encryption, ctxB))).toBe('envelope.decryption_failed');
    }
  });

  it('a relay cannot redirect an envelope: re-addressed it is not for the new recipient, and not decryptable there', async () => {
    const { jwe } = await relayed();
    const [h, ...rest] = jwe.split('.');
    const header = JSON.parse(Buffer.from(h, 'base64url').toString());
    expect(code(await verifyIncoming(jwe, find, xc.encryption, ctxC))).toBe('envelope.not_for_us');
    const readdressed = [b64({ ...header, to: 'XC', kid: xc.encryption.kid }), ...rest].join('.');
    expect(code(await verifyIncoming(readdressed, find, xc.encryption, ctxC))).toBe('envelope.decryption_failed');
  });

  it('an envelope encrypted to another key of ours is refused (envelope.decryption_failed)', async () => {
    const token = await signEnvelope(xa, check());
    const toC = await encryptEnvelope(token, { kid: xc.encryption.kid, x: xc.encryption.publicJwk.x });
    const [h, ...rest] = toC.split('.');
    const header = JSON.parse(Buffer.from(h, 'base64url').toString());
    expect(code(await openEncryptedEnvelope(toC, xb.encryption, ctxB))).toBe('envelope.decryption_failed');
    const relabelled = [b64({ ...header, kid: xb.encryption.kid }), ...rest].join('.');
    expect(code(await openEncryptedEnvelope(relabelled, xb.encryption, ctxB))).toBe('envelope.decryption_failed');
  });

  it('envelope.routing_mismatch: routing that is not the signed envelope\'s', async () => {
    const env = check();
    const token = await signEnvelope(xa, env);
    const key = await importJWK({ kty: 'OKP', crv: 'X25519', x: xb.encryption.publicJwk.x }, 'ECDH-ES');
    const jwe = await new CompactEncrypt(new TextEncoder().encode(token))
      .setProtectedHeader({ alg: 'ECDH-ES', enc: 'A256GCM', kid: xb.encryption.kid, typ: RELAYED_ENVELOPE_TYP, cty: ENVELOPE_TYP, from: 'XA', to: 'XB', id: env.id, expiresAt: '2026-05-04T10:30:00.000Z' })
      .encrypt(key);
    expect(await verifyIncoming(jwe, find, xb.encryption, ctxB)).toMatchObject({ code: 'envelope.routing_mismatch', params: { members: 'expiresAt' } });
  });

  it('refuses other JWE algorithms and malformed JWEs', async () => {
    const { jwe } = await relayed();
    const [h, ...rest] = jwe.split('.');
    const header = JSON.parse(Buffer.from(h, 'base64url').toString());
    expect(code(readRouting([b64({ ...header, enc: 'A128GCM' }), ...rest].join('.'), DEFAULT_LIMITS.maxBytes))).toBe('envelope.unsupported_algorithm');
    expect(code(readRouting([b64({ ...header, typ: 'JWT' }), ...rest].join('.'), DEFAULT_LIMITS.maxBytes))).toBe('envelope.not_an_envelope');
    expect(code(readRouting([b64({ ...header, to: 'xb' }), ...rest].join('.'), DEFAULT_LIMITS.maxBytes))).toBe('envelope.malformed');
    expect(code(readRouting(`${h}.AAAA.${rest.slice(1).join('.')}`, DEFAULT_LIMITS.maxBytes))).toBe('envelope.malformed');
    expect(code(await verifyIncoming('a.b.c.d', find, xb.encryption, ctxB))).toBe('envelope.malformed');
    expect(code(readRouting(jwe, jwe.length - 1))).toBe('envelope.too_large');
  });
});
