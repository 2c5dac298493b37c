import { describe, expect, it } from 'vitest';
import {
  admissionRefusal,
  clockRefusal,
  currentPin,
  DEFAULT_LIMITS,
  deliveryDecision,
  normaliseFingerprint,
  pinFor,
  REFUSAL_CODES,
  REFUSALS,
  replyRefusal,
  repin,
  rotatePins,
  type LocalContext,
  type PeerRecord,
  type PinnedKey,
} from './model.ts';

const NOW = new Date('2026-05-04T10:00:00.000Z');
const ctx: LocalContext = { state: 'XB', now: NOW, ...DEFAULT_LIMITS };
const K1: PinnedKey = { kid: 'k1'.padEnd(43, 'a'), x: 'x1'.padEnd(43, 'a'), pinnedAt: '2026-01-01T00:00:00.000Z', source: 'enrolment', acceptUntil: null };
const K0: PinnedKey = { kid: 'k0'.padEnd(43, 'a'), x: 'x0'.padEnd(43, 'a'), pinnedAt: '2025-01-01T00:00:00.000Z', source: 'enrolment', acceptUntil: '2026-05-05T00:00:00.000Z' };
const peer: PeerRecord = { state: 'XA', status: 'active', pins: [K1, K0], allowedTypes: ['import_authorisation_check'] };
const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs).toISOString();
const env = (over: Partial<{ to: string; type: string; createdAt: string; expiresAt: string }> = {}) => ({
  to: 'XB',
  type: 'import_authorisation_check',
  createdAt: at(0),
  expiresAt: at(3_600_000),
  ...over,
});

describe('refusal codes', () => {
  it('are namespaced and each has a description', () => {
    for (const code of REFUSAL_CODES) {
      expect(code).toMatch(/^(envelope|rotation|enrolment|enc_key)\.[a-z_]+$/);
      expect(REFUSALS[code].length).toBeGreaterThan(10);
    }
  });
});

describe('pinned keys', () => {
  it('accepts the current key and a retired key within its grace period', () => {
    expect(pinFor(peer, K1.kid, NOW)).toEqual({ ok: true, pin: K1 });
    expect(pinFor(peer, K0.kid, NOW)).toEqual({ ok: true, pin: K0 });
  });

  it('refuses a key never pinned (envelope.key_not_pinned)', () => {
    expect(pinFor(peer, 'other', NOW)).toMatchObject({ ok: false, code: 'envelope.key_not_pinned', params: { state: 'XA', kid: 'other' } });
  });

  it('refuses a retired key once its grace period has ended (envelope.key_retired)', () => {
    expect(pinFor(peer, K0.kid, new Date('2026-05-05T00:00:00.000Z'))).toMatchObject({ ok: false, code: 'envelope.key_retired' });
  });
});

describe('admission of an authentic envelope', () => {
  it('admits an envelope to us, of an allowed type, in time', () => {
    expect(admissionRefusal(peer, env(), ctx)).toBeNull();
  });

  it('refuses a suspended sender first (envelope.sender_suspended)', () => {
    expect(admissionRefusal({ ...peer, status: 'suspended' }, env({ to: 'XC' }), ctx)?.code).toBe('envelope.sender_suspended');
  });

  it('refuses an envelope for another State (envelope.not_for_us)', () => {
    expect(admissionRefusal(peer, env({ to: 'XC' }), ctx)).toMatchObject({ code: 'envelope.not_for_us', params: { to: 'XC', state: 'XB' } });
  });

  it('refuses a type outside the catalogue (envelope.unknown_type) and one the peer may not send (envelope.type_not_allowed)', () => {
    expect(admissionRefusal(peer, env({ type: 'gossip' }), ctx)?.code).toBe('envelope.unknown_type');
    expect(admissionRefusal(peer, env({ type: 'tracing_request' }), ctx)).toMatchObject({ code: 'envelope.type_not_allowed', params: { type: 'tracing_request' } });
  });

  it('always admits the control types from an active peer', () => {
    for (const type of ['ack', 'error', 'key_rotation']) expect(admissionRefusal({ ...peer, allowedTypes: [] }, env({ type }), ctx)).toBeNull();
  });
});

describe('clock rules', () => {
  const skew = DEFAULT_LIMITS.clockSkewMs;

  it('tolerates a sender clock ahead by up to the tolerance, refuses beyond it (envelope.from_future)', () => {
    expect(clockRefusal(env({ createdAt: at(skew), expiresAt: at(skew + 3_600_000) }), ctx)).toBeNull();
    const r = clockRefusal(env({ createdAt: at(10 * 60_000), expiresAt: at(10 * 60_000 + 3_600_000) }), ctx);
    expect(r).toMatchObject({ code: 'envelope.from_future', params: { toleranceSeconds: 300 } });
  });

  it('a sender clock 10 minutes behind is no refusal while the envelope lives', () => {
    expect(clockRefusal(env({ createdAt: at(-10 * 60_000), expiresAt: at(3_600_000) }), ctx)).toBeNull();
  });

  it('expires an envelope only once expiresAt is more than the tolerance past (envelope.expired)', () => {
    expect(clockRefusal(env({ createdAt: at(-3_600_000), expiresAt: at(-skew + 1) }), ctx)).toBeNull();
    expect(clockRefusal(env({ createdAt: at(-3_600_000), expiresAt: at(-skew) }), ctx)?.code).toBe('envelope.expired');
  });

  it('refuses an envelope that would live longer than the receiver accepts (envelope.lifetime_too_long)', () => {
    expect(clockRefusal(env({ expiresAt: at(DEFAULT_LIMITS.maxLifetimeMs) }), ctx)).toBeNull();
    expect(clockRefusal(env({ expiresAt: at(DEFAULT_LIMITS.maxLifetimeMs + 1) }), ctx)?.code).toBe('envelope.lifetime_too_long');
  });
});

describe('replays and redeliveries', () => {
  const incoming = { from: 'XA', id: '019df26e-2d00-7a3c-9d41-5e2f0c8b7a16', token: 'aaa.bbb.ccc' };

  it('a first envelope is new; the same bytes again are a redelivery (idempotent)', () => {
    expect(deliveryDecision(incoming, undefined)).toEqual({ ok: true, kind: 'new' });
    expect(deliveryDecision(incoming, { token: 'aaa.bbb.ccc' })).toEqual({ ok: true, kind: 'redelivery' });
  });

  it('other bytes under a known (from, id) are a replay (envelope.replay)', () => {
    expect(deliveryDecision(incoming, { token: 'aaa.bbX.ccc' })).toMatchObject({ ok: false, code: 'envelope.replay', params: { from: 'XA', id: incoming.id } });
  });
});

describe('replies', () => {
  const sent = { id: 'r1', to: 'XA', type: 'import_authorisation_check' };

  it('an answer must answer an envelope this node sent to the sender, of the type it answers (envelope.reply_mismatch)', () => {
    const answer = { from: 'XA', type: 'import_authorisation_answer', inReplyTo: 'r1' };
    expect(replyRefusal(answer, ['import_authorisation_check'], sent)).toBeNull();
    expect(replyRefusal(answer, ['import_authorisation_check'], undefined)?.code).toBe('envelope.reply_mismatch');
    expect(replyRefusal({ ...answer, from: 'XC' }, ['import_authorisation_check'], sent)?.code).toBe('envelope.reply_mismatch');
    expect(replyRefusal({ ...answer, type: 'transit_answer' }, ['transit_notification'], sent)).toMatchObject({ code: 'envelope.reply_mismatch', params: { answered: 'import_authorisation_check' } });
  });

  it('ack and error may answer any envelope sent to the sender', () => {
    expect(replyRefusal({ from: 'XA', type: 'ack', inReplyTo: 'r1' }, null, sent)).toBeNull();
    expect(replyRefusal({ from: 'XA', type: 'error', inReplyTo: null }, null, undefined)).toBeNull();
  });
});

describe('key rotation and re-pinning', () => {
  const K2 = { kid: 'k2'.padEnd(43, 'a'), x: 'x2'.padEnd(43, 'a') };
  const grace = 7 * 24 * 3_600_000;

  it('makes the announced key current and keeps the old one for the grace period, removing nothing', () => {
    const r = rotatePins(peer, { signedByKid: K1.kid, retiringKid: K1.kid, newKey: K2 }, NOW, grace);
    if (!r.ok) throw new Error(r.code);
    expect(currentPin(r.pins)).toMatchObject({ kid: K2.kid, source: 'rotation', pinnedAt: NOW.toISOString() });
    expect(r.pins.find((p) => p.kid === K1.kid)?.acceptUntil).toBe(at(grace));
    expect(r.pins.find((p) => p.kid === K0.kid)).toEqual(K0);
    expect(r.pins).toHaveLength(3);
    // The old key still verifies during the grace period, not after.
    const rotated = { ...peer, pins: r.pins };
    expect(pinFor(rotated, K1.kid, new Date(NOW.getTime() + grace - 1)).ok).toBe(true);
    expect(pinFor(rotated, K1.kid, new Date(NOW.getTime() + grace))).toMatchObject({ code: 'envelope.key_retired' });
  });

  it('refuses a rotation signed by a key that is not current (rotation.not_current_key)', () => {
    expect(rotatePins(peer, { signedByKid: K0.kid, retiringKid: K0.kid, newKey: K2 }, NOW, grace)).toMatchObject({ code: 'rotation.not_current_key' });
  });

  it('refuses a rotation retiring another key than its signer (rotation.retiring_kid_mismatch)', () => {
    expect(rotatePins(peer, { signedByKid: K1.kid, retiringKid: K0.kid, newKey: K2 }, NOW, grace)).toMatchObject({ code: 'rotation.retiring_kid_mismatch' });
  });

  it('refuses a rollback to a key pinned before (rotation.key_reused)', () => {
    expect(rotatePins(peer, { signedByKid: K1.kid, retiringKid: K1.kid, newKey: { kid: K0.kid, x: K0.x } }, NOW, grace)).toMatchObject({ code: 'rotation.key_reused' });
  });

  it('an administrator re-pins by hand: the new key is current, the others stop at once or after the grace given', () => {
    const now = repin(peer, K2, NOW);
    expect(currentPin(now)).toMatchObject({ kid: K2.kid, source: 'manual' });
    expect(pinFor({ ...peer, pins: now }, K1.kid, NOW)).toMatchObject({ code: 'envelope.key_retired' });
    // A retired key whose grace ends before the new limit keeps its earlier end.
    const later = repin(peer, K2, NOW, 3 * 24 * 3_600_000);
    expect(later.find((p) => p.kid === K1.kid)?.acceptUntil).toBe(at(3 * 24 * 3_600_000));
    expect(later.find((p) => p.kid === K0.kid)?.acceptUntil).toBe(K0.acceptUntil);
  });
});

describe('fingerprints as people read them', () => {
  it('ignores spaces, colons, dashes and case', () => {
    expect(normaliseFingerprint('3f2a 91c0:ab-CD')).toBe('3F2A91C0ABCD');
  });
});
