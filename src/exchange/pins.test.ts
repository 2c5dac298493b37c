import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolmentFingerprint, type NodeKeys } from '../platform/crypto/keys.ts';
import { testNodeKeys } from '../../test/support/exchange-keys.ts';
import { newEnvelope, signEnvelope, verifyEnvelope, type VerifiedEnvelope } from './envelope.ts';
import { EXAMPLE_BODIES } from './fixtures.ts';
import { DEFAULT_LIMITS, DEFAULT_ROTATION_GRACE_MS, currentPin, type PeerRecord, type Refusal } from './model.ts';
import { acceptKeyRotation, confirmEnrolment, enrolmentCandidates, keyRotationBody, publishedEncryptionKey, verifiedEncryptionKey } from './pins.ts';

const NOW = new Date('2026-05-04T10:00:00.000Z');
let xa: NodeKeys;
let xaNext: NodeKeys;
let xc: NodeKeys;
let cleanup: () => void;

beforeAll(async () => {
  ({ keys: [xa, xaNext, xc], cleanup } = await testNodeKeys('xa-keys', null, null));
});
afterAll(() => cleanup());

function peerOf(keys: NodeKeys, state = 'XA'): PeerRecord {
  return { state, status: 'active', pins: [{ kid: keys.kid, x: keys.publicJwk.x, pinnedAt: '2026-01-01T00:00:00.000Z', source: 'enrolment', acceptUntil: null }], allowedTypes: [] };
}

function code(r: { ok: boolean }): string {
  return r.ok ? 'ok' : (r as Refusal).code;
}

describe('enrolment by fingerprint', () => {
  it('prints 16 groups of 4 upper-case hex digits: the kid\'s bytes', async () => {
    const fp = await enrolmentFingerprint(xa.publicJwk);
    expect(fp).toMatch(/^[0-9A-F]{4}( [0-9A-F]{4}){15}$/);
    expect(fp.replace(/ /g, '').toLowerCase()).toBe(Buffer.from(xa.kid, 'base64url').toString('hex'));
  });

  it('offers the current signing keys of a published key set, with fingerprints, and not retired or encryption keys', async () => {
    const jwks = { keys: [...xa.publicJwks().keys, { ...xc.publicJwk, retired: '2026-01-01T00:00:00.000Z' }, await publishedEncryptionKey(xa, 'XA')] };
    expect(await enrolmentCandidates(jwks)).toEqual([{ kid: xa.kid, x: xa.publicJwk.x, fingerprint: await enrolmentFingerprint(xa.publicJwk) }]);
    expect(await enrolmentCandidates({ keys: [{ ...xa.publicJwk, kid: xc.kid }] })).toEqual([]);
    expect(await enrolmentCandidates('nonsense')).toEqual([]);
  });

  it('pins the key whose fingerprint the administrator confirmed, however it was typed', async () => {
    const fp = await enrolmentFingerprint(xa.publicJwk);
    const typed = fp.toLowerCase().replace(/ /g, ':');
    const r = await confirmEnrolment(xa.publicJwks(), typed, NOW);
    expect(r).toEqual({ ok: true, fingerprint: fp, pins: [{ kid: xa.kid, x: xa.publicJwk.x, pinnedAt: NOW.toISOString(), source: 'enrolment', acceptUntil: null }] });
  });

  it('refuses when no key has that fingerprint (enrolment.fingerprint_mismatch)', async () => {
    const fp = await enrolmentFingerprint(xc.publicJwk);
    expect(code(await confirmEnrolment(xa.publicJwks(), fp, NOW))).toBe('enrolment.fingerprint_mismatch');
    const oneDigitOff = (await enrolmentFingerprint(xa.publicJwk)).replace(/.$/, (c) => (c === '0' ? '1' : '0'));
    expect(code(await confirmEnrolment(xa.publicJwks(), oneDigitOff, NOW))).toBe('enrolment.fingerprint_mismatch');
    const retired = { keys: [{ ...xc.publicJwk, retired: '2026-01-01T00:00:00.000Z' }] };
    expect(code(await confirmEnrolment(retired, fp, NOW))).toBe('enrolment.fingerprint_mismatch');
  });

  it('refuses the right key published under another kid (enrolment.bad_key)', async () => {
    const fp = await enrolmentFingerprint(xa.publicJwk);
    expect(code(await confirmEnrolment({ keys: [{ ...xa.publicJwk, kid: xc.kid }] }, fp, NOW))).toBe('enrolment.bad_key');
  });
});

describe('the encryption key, bound to the signing key', () => {
  it('is published with use enc, alg ECDH-ES and a binding a peer verifies with the pinned signing key', async () => {
    const published = await publishedEncryptionKey(xa, 'XA');
    expect(published).toMatchObject({ kty: 'OKP', crv: 'X25519', use: 'enc', alg: 'ECDH-ES', kid: xa.encryption.kid });
    expect(await publishedEncryptionKey(xa, 'XA')).toEqual(published); // deterministic
    const jwks = { keys: [...xa.publicJwks().keys, published] };
    expect(await verifiedEncryptionKey(peerOf(xa), jwks, NOW)).toEqual({ ok: true, key: { kid: xa.encryption.kid, x: xa.encryption.publicJwk.x } });
  });

  it('enc_key.missing: a key set without an X25519 key', async () => {
    expect(code(await verifiedEncryptionKey(peerOf(xa), xa.publicJwks(), NOW))).toBe('enc_key.missing');
  });

  it('enc_key.bad_binding: another node\'s key, a binding by an unpinned key, or for another State', async () => {
    const published = await publishedEncryptionKey(xa, 'XA');
    // A man in the middle substitutes his own X25519 key under XA's binding.
    const substituted = { ...published, x: xc.encryption.publicJwk.x, kid: xc.encryption.kid };
    expect(code(await verifiedEncryptionKey(peerOf(xa), { keys: [substituted] }, NOW))).toBe('enc_key.bad_binding');
    // ... or binds his key with his own signing key, which XB never pinned for XA.
    expect(code(await verifiedEncryptionKey(peerOf(xa), { keys: [await publishedEncryptionKey(xc, 'XA')] }, NOW))).toBe('enc_key.bad_binding');
    // XA's binding of its key names XA; it does not make the key XC's.
    expect(code(await verifiedEncryptionKey(peerOf(xa, 'XC'), { keys: [published] }, NOW))).toBe('enc_key.bad_binding');
    expect(code(await verifiedEncryptionKey(peerOf(xa), { keys: [{ ...published, binding: 'x.y.z' }] }, NOW))).toBe('enc_key.bad_binding');
  });
});

describe('key rotation announced by the old key', () => {
  const ctx = { state: 'XB', now: NOW, ...DEFAULT_LIMITS };

  async function announcement(signer: NodeKeys, body: Record<string, unknown>): Promise<VerifiedEnvelope> {
    const env = newEnvelope({ from: 'XA', to: 'XB', type: 'key_rotation', body, now: NOW, lifetimeMs: 3_600_000 });
    const r = await verifyEnvelope(await signEnvelope(signer, env), () => peer, ctx);
    if (!r.ok) throw new Error(`${r.code}: ${JSON.stringify(r.fields)}`);
    return r;
  }
  let peer: PeerRecord;
  beforeAll(() => {
    peer = peerOf(xa);
  });

  it('pins the new key, keeps the old one for the grace period, and the new key then verifies', async () => {
    const body = await keyRotationBody({ state: 'XA', retiringKid: xa.kid, newKeys: xaNext, effectiveAt: NOW });
    const r = await acceptKeyRotation(peer, await announcement(xa, body), NOW, DEFAULT_ROTATION_GRACE_MS);
    if (!r.ok) throw new Error(r.code);
    expect(currentPin(r.pins)?.kid).toBe(xaNext.kid);
    expect(r.pins.find((p) => p.kid === xa.kid)?.acceptUntil).toBe(new Date(NOW.getTime() + DEFAULT_ROTATION_GRACE_MS).toISOString());
    const rotated = { ...peer, pins: r.pins, allowedTypes: ['import_authorisation_check'] as string[] };
    const next = newEnvelope({ from: 'XA', to: 'XB', type: 'import_authorisation_check', body: EXAMPLE_BODIES.import_authorisation_check, now: NOW, lifetimeMs: 3_600_000 });
    expect((await verifyEnvelope(await signEnvelope(xaNext, next), () => rotated, ctx)).ok).toBe(true);
    // An envelope in flight, signed by the old key, still verifies during the grace period.
    expect((await verifyEnvelope(await signEnvelope(xa, next), () => rotated, ctx)).ok).toBe(true);
  });

  it('rotation.bad_proof: the announcer does not show it holds the new key', async () => {
    const body = await keyRotationBody({ state: 'XA', retiringKid: xa.kid, newKeys: xaNext, effectiveAt: NOW });
    // Proof signed by another key, or for another State.
    const byOther = await keyRotationBody({ state: 'XA', retiringKid: xa.kid, newKeys: xc, effectiveAt: NOW });
    expect(code(await acceptKeyRotation(peer, await announcement(xa, { ...body, proof: byOther.proof }), NOW, 0))).toBe('rotation.bad_proof');
    const forC = await keyRotationBody({ state: 'XC', retiringKid: xa.kid, newKeys: xaNext, effectiveAt: NOW });
    expect(code(await acceptKeyRotation(peer, await announcement(xa, { ...body, proof: forC.proof }), NOW, 0))).toBe('rotation.bad_proof');
  });

  it('rotation.bad_new_key: a key whose kid is not its thumbprint', async () => {
    const body = await keyRotationBody({ state: 'XA', retiringKid: xa.kid, newKeys: xaNext, effectiveAt: NOW });
    const relabelled = { ...body, newKey: { ...body.newKey, kid: xc.kid } };
    expect(code(await acceptKeyRotation(peer, await announcement(xa, relabelled), NOW, 0))).toBe('rotation.bad_new_key');
  });

  it('rotation.not_current_key: a key in its grace period cannot rotate again', async () => {
    const first = await acceptKeyRotation(peer, await announcement(xa, await keyRotationBody({ state: 'XA', retiringKid: xa.kid, newKeys: xaNext, effectiveAt: NOW })), NOW, DEFAULT_ROTATION_GRACE_MS);
    if (!first.ok) throw new Error(first.code);
    const rotated = { ...peer, pins: first.pins };
    const again = await keyRotationBody({ state: 'XA', retiringKid: xa.kid, newKeys: xc, effectiveAt: NOW });
    const env = newEnvelope({ from: 'XA', to: 'XB', type: 'key_rotation', body: again, now: NOW, lifetimeMs: 3_600_000 });
    const verified = await verifyEnvelope(await signEnvelope(xa, env), () => rotated, ctx);
    if (!verified.ok) throw new Error(verified.code);
    expect(code(await acceptKeyRotation(rotated, verified, NOW, 0))).toBe('rotation.not_current_key');
  });

  it('rotation.retiring_kid_mismatch and rotation.key_reused', async () => {
    const old = { kid: xc.kid, x: xc.publicJwk.x, pinnedAt: '2025-01-01T00:00:00.000Z', source: 'enrolment' as const, acceptUntil: '2026-01-01T00:00:00.000Z' };
    const withHistory = { ...peer, pins: [...peer.pins, old] };
    const announce = async (body: Record<string, unknown>) => {
      const env = newEnvelope({ from: 'XA', to: 'XB', type: 'key_rotation', body, now: NOW, lifetimeMs: 3_600_000 });
      const v = await verifyEnvelope(await signEnvelope(xa, env), () => withHistory, ctx);
      if (!v.ok) throw new Error(v.code);
      return v;
    };
    const mismatch = await keyRotationBody({ state: 'XA', retiringKid: xc.kid, newKeys: xaNext, effectiveAt: NOW });
    expect(code(await acceptKeyRotation(withHistory, await announce(mismatch), NOW, 0))).toBe('rotation.retiring_kid_mismatch');
    const rollback = await keyRotationBody({ state: 'XA', retiringKid: xa.kid, newKeys: xc, effectiveAt: NOW });
    expect(code(await acceptKeyRotation(withHistory, await announce(rollback), NOW, 0))).toBe('rotation.key_reused');
  });
});
