/**
 * State-to-State exchange: the types and pure rules of the envelope protocol (docs/exchange.md). No I/O
 * and no cryptography here: which refusal an incoming envelope earns once its signature has been checked,
 * which pinned key may sign at a given instant, how a key rotation changes a peer's pins, and what a
 * second envelope with a known id is (a redelivery to answer again, or a replay to refuse).
 */
import type { FieldError } from '../platform/http/errors.ts';

/** JOSE `typ` of a signed envelope (RFC 8725 §3.11 explicit typing: a licence JWS is never an envelope). */
export const ENVELOPE_TYP = 'custodia-envelope+jws';
/** JOSE `typ` of an envelope encrypted to its recipient for a relay to carry; its `cty` is ENVELOPE_TYP. */
export const RELAYED_ENVELOPE_TYP = 'custodia-envelope+jwe';
/** JOSE `typ` of the statement, signed by a node's Ed25519 key, that binds its X25519 key to it. */
export const ENCRYPTION_KEY_BINDING_TYP = 'custodia-enc-key+jws';
/** JOSE `typ` of the new key's signature in a key rotation (proof that the announcer holds it). */
export const KEY_ROTATION_PROOF_TYP = 'custodia-key-proof+jws';

export const MESSAGE_TYPES = [
  'import_authorisation_check',
  'import_authorisation_answer',
  'transit_notification',
  'transit_answer',
  'delivery_confirmation_request',
  'delivery_confirmation',
  'tracing_request',
  'tracing_acknowledgement',
  'tracing_response',
  'lost_stolen_notice',
  'hit_notification',
  'denial_notification',
  'key_rotation',
  'ack',
  'error',
] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

/**
 * Types every active peer may send, whatever its allowed business types: the protocol cannot run without
 * acknowledgements, errors and key rotations.
 */
export const CONTROL_TYPES: readonly MessageType[] = ['ack', 'error', 'key_rotation'];

export function isMessageType(type: string): type is MessageType {
  return (MESSAGE_TYPES as readonly string[]).includes(type);
}

/**
 * Art. 12(5) conditions on use. They travel in the envelope, outside the body, so every screen and
 * export that shows the data can show them too.
 */
export const CAVEAT_CODES = [
  /** Disclose only to the authorities competent for the purpose of the message. */
  'confidential',
  /** Use only for the purpose stated in `text` (for a trace: the intended use the request gave). */
  'purpose_limited',
  /** No onward disclosure to another State or organisation without the provider's prior consent. */
  'no_onward_transfer',
  /** Not to be produced as evidence in proceedings without consent (mutual legal assistance instead). */
  'no_judicial_use_without_consent',
  /** Art. 12(5) second sentence: if the law compels disclosure, notify the provider before disclosing. */
  'notify_before_disclosure',
  /** Any other condition, stated in `text`. */
  'other',
] as const;
export type CaveatCode = (typeof CAVEAT_CODES)[number];

export interface Caveat {
  code: CaveatCode;
  /** The provider's words; required for `purpose_limited` and `other`. */
  text?: string | null;
}

/** The signed message between two States' nodes. Every member is present; `inReplyTo` is null when absent. */
export interface Envelope<B = Record<string, unknown>> {
  /** UUIDv7 made by the sender; unique per sender. */
  id: string;
  /** ISO 3166-1 alpha-2 of the sending State. */
  from: string;
  /** ISO 3166-1 alpha-2 of the receiving State. */
  to: string;
  type: string;
  /** RFC 3339 UTC instants (`2026-05-04T10:00:00.000Z`). */
  createdAt: string;
  expiresAt: string;
  /** id of the envelope this one answers. */
  inReplyTo: string | null;
  caveats: Caveat[];
  body: B;
}

// ---------------------------------------------------------------------------------------------
// Refusals

/** Every reason an incoming envelope (or a key rotation, or an enrolment) is refused, with its meaning. */
export const REFUSALS = {
  'envelope.too_large': 'The message is larger than the receiver accepts.',
  'envelope.malformed': 'Not a compact JWS/JWE of the expected shape, or an envelope member is missing, extra or invalid.',
  'envelope.not_an_envelope': 'The JOSE typ is not that of a Custodia envelope (e.g. a licence token).',
  'envelope.unsupported_algorithm': 'Only EdDSA (Ed25519) signatures and ECDH-ES + A256GCM encryption are accepted.',
  'envelope.not_canonical': 'The signed payload is not the canonical JSON of the envelope it carries.',
  'envelope.unknown_sender': 'The sending State is not an enrolled peer.',
  'envelope.key_not_pinned': "The signing key is not one of the sender's pinned keys.",
  'envelope.key_retired': "The signing key was pinned, but its grace period after a rotation has ended.",
  'envelope.bad_signature': 'The signature does not verify with the pinned key.',
  'envelope.sender_suspended': 'The sending peer is suspended.',
  'envelope.not_for_us': 'The envelope is addressed to another State.',
  'envelope.unknown_type': 'The message type is not in the catalogue.',
  'envelope.type_not_allowed': 'This peer may not send this message type.',
  'envelope.from_future': 'createdAt is later than now plus the clock-skew tolerance (the sender\'s clock is ahead).',
  'envelope.expired': 'expiresAt has passed (beyond the clock-skew tolerance).',
  'envelope.lifetime_too_long': 'expiresAt is further after createdAt than the receiver accepts.',
  'envelope.bad_body': "The body does not satisfy its type's schema, or contradicts the envelope.",
  'envelope.reply_mismatch': 'inReplyTo names no envelope this node sent to the sender, or one of a type this type does not answer.',
  'envelope.replay': 'An envelope with this sender and id was already received with different content.',
  'envelope.decryption_failed': 'The encrypted envelope was not made to this node\'s key, or was altered on the way.',
  'envelope.routing_mismatch': 'The routing members visible to the relay differ from the signed envelope inside.',
  'rotation.not_current_key': "A key rotation must be signed by the sender's current key.",
  'rotation.retiring_kid_mismatch': 'The announcement retires another key than the one that signed it.',
  'rotation.bad_new_key': 'The announced key is not an Ed25519 public JWK whose kid is its RFC 7638 thumbprint.',
  'rotation.key_reused': 'The announced key is already, or was once, pinned for this peer.',
  'rotation.bad_proof': 'The announced key did not sign the rotation statement (no proof of possession).',
  'enrolment.bad_key': 'The published key is not an Ed25519 public JWK whose kid is its RFC 7638 thumbprint.',
  'enrolment.fingerprint_mismatch': "No signing key in the peer's published key set has the fingerprint the administrator confirmed.",
  'enc_key.missing': 'The peer publishes no X25519 encryption key bound to a pinned signing key.',
  'enc_key.bad_binding': "The encryption key's binding statement does not verify, or names another key or State.",
} as const;
export type RefusalCode = keyof typeof REFUSALS;
export const REFUSAL_CODES = Object.keys(REFUSALS) as RefusalCode[];

export interface Refusal {
  ok: false;
  code: RefusalCode;
  /** English sentence for logs and operators; screens translate `code` with `params`. */
  message: string;
  params: Record<string, string | number>;
  /** For `envelope.malformed` and `envelope.bad_body`: each bad member. */
  fields?: FieldError[];
}

export function refusal(code: RefusalCode, message: string = REFUSALS[code], params: Record<string, string | number> = {}, fields?: FieldError[]): Refusal {
  return fields && fields.length > 0 ? { ok: false, code, message, params, fields } : { ok: false, code, message, params };
}

// ---------------------------------------------------------------------------------------------
// Peers and pinned keys

export const PEER_STATUSES = ['active', 'suspended'] as const;
export type PeerStatus = (typeof PEER_STATUSES)[number];

/** How a key came to be pinned: confirmed by fingerprint at enrolment, announced by the old key, or re-pinned by an administrator. */
export const PIN_SOURCES = ['enrolment', 'rotation', 'manual'] as const;
export type PinSource = (typeof PIN_SOURCES)[number];

export interface PinnedKey {
  /** RFC 7638 thumbprint (base64url) of the key: the JWS `kid`. */
  kid: string;
  /** The Ed25519 public key (JWK `x`, base64url of 32 bytes). */
  x: string;
  pinnedAt: string;
  source: PinSource;
  /** null while the key is current; after a rotation, the instant until which it is still accepted. */
  acceptUntil: string | null;
}

export interface PeerRecord {
  /** ISO 3166-1 alpha-2. */
  state: string;
  status: PeerStatus;
  /** Every key ever pinned for the peer, never removed (a retired key has acceptUntil set). */
  pins: PinnedKey[];
  /** Business message types the peer may send (control types are always allowed). */
  allowedTypes: readonly string[];
}

/** What the receiving node knows about itself and the instant of receipt. */
export interface LocalContext {
  /** ISO 3166-1 alpha-2 of the State this node serves. */
  state: string;
  now: Date;
  /** Tolerated difference between the sender's clock and ours. */
  clockSkewMs: number;
  /** Longest accepted expiresAt − createdAt. */
  maxLifetimeMs: number;
  /** Largest accepted message (bytes of the compact serialisation). */
  maxBytes: number;
}

export const DEFAULT_LIMITS = {
  clockSkewMs: 5 * 60_000,
  maxLifetimeMs: 14 * 24 * 3_600_000,
  maxBytes: 8 * 1024 * 1024,
} as const;

/** How long a rotated-out key still verifies envelopes already in flight, unless configured otherwise. */
export const DEFAULT_ROTATION_GRACE_MS = 7 * 24 * 3_600_000;

/** The current pin (the one with no acceptUntil); enrolment and rotation keep exactly one. */
export function currentPin(pins: readonly PinnedKey[]): PinnedKey | undefined {
  return pins.find((p) => p.acceptUntil === null);
}

/** The pin a signature by `kid` must verify with at `now`, or why there is none. */
export function pinFor(peer: PeerRecord, kid: string, now: Date): { ok: true; pin: PinnedKey } | Refusal {
  const pin = peer.pins.find((p) => p.kid === kid);
  if (!pin) return refusal('envelope.key_not_pinned', `Key ${kid} is not pinned for ${peer.state}.`, { state: peer.state, kid });
  if (pin.acceptUntil !== null && now.getTime() >= Date.parse(pin.acceptUntil)) {
    return refusal('envelope.key_retired', `Key ${kid} of ${peer.state} was accepted until ${pin.acceptUntil}.`, { state: peer.state, kid, acceptUntil: pin.acceptUntil });
  }
  return { ok: true, pin };
}

/**
 * Checks on an authentic envelope (its signature already verified with a pin of `peer`), in the order a
 * receiver applies them: the peer's status, the recipient, the type, then the clock.
 */
export function admissionRefusal(peer: PeerRecord, envelope: Pick<Envelope, 'to' | 'type' | 'createdAt' | 'expiresAt'>, ctx: LocalContext): Refusal | null {
  if (peer.status !== 'active') return refusal('envelope.sender_suspended', `Peer ${peer.state} is suspended.`, { state: peer.state });
  if (envelope.to !== ctx.state) return refusal('envelope.not_for_us', `The envelope is addressed to ${envelope.to}, this node serves ${ctx.state}.`, { to: envelope.to, state: ctx.state });
  if (!isMessageType(envelope.type)) return refusal('envelope.unknown_type', `Unknown message type ${envelope.type}.`, { type: envelope.type });
  if (!CONTROL_TYPES.includes(envelope.type) && !peer.allowedTypes.includes(envelope.type)) {
    return refusal('envelope.type_not_allowed', `${peer.state} may not send ${envelope.type}.`, { state: peer.state, type: envelope.type });
  }
  return clockRefusal(envelope, ctx);
}

/**
 * The clock rules. The tolerance works both ways: an envelope is from the future only when createdAt is
 * more than the tolerance ahead of our clock, and expired only when expiresAt is more than the tolerance
 * behind it. The lifetime bound needs no tolerance (both instants come from the sender's clock).
 */
export function clockRefusal(envelope: Pick<Envelope, 'createdAt' | 'expiresAt'>, ctx: Pick<LocalContext, 'now' | 'clockSkewMs' | 'maxLifetimeMs'>): Refusal | null {
  const now = ctx.now.getTime();
  const created = Date.parse(envelope.createdAt);
  const expires = Date.parse(envelope.expiresAt);
  if (created > now + ctx.clockSkewMs) {
    return refusal('envelope.from_future', `createdAt ${envelope.createdAt} is ahead of this node's clock (${ctx.now.toISOString()}) by more than ${ctx.clockSkewMs / 1000} s.`, {
      createdAt: envelope.createdAt,
      now: ctx.now.toISOString(),
      toleranceSeconds: ctx.clockSkewMs / 1000,
    });
  }
  if (expires - created > ctx.maxLifetimeMs) {
    return refusal('envelope.lifetime_too_long', `The envelope lives ${Math.round((expires - created) / 1000)} s; at most ${ctx.maxLifetimeMs / 1000} s are accepted.`, {
      lifetimeSeconds: Math.round((expires - created) / 1000),
      maxSeconds: ctx.maxLifetimeMs / 1000,
    });
  }
  if (expires + ctx.clockSkewMs <= now) {
    return refusal('envelope.expired', `The envelope expired at ${envelope.expiresAt}.`, { expiresAt: envelope.expiresAt, now: ctx.now.toISOString() });
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Replays and redeliveries

/** What the inbox already holds under the incoming envelope's (from, id). */
export interface HeldEnvelope {
  /** The compact JWS exactly as received (for a relayed envelope: the signed envelope inside the JWE). */
  token: string;
}

/**
 * The replay rule. Envelopes are keyed by (from, id), never by id alone: a relay sees ids and must not
 * be able to block a State's envelope by sending one of its own under the same id. The same bytes again
 * are a redelivery (the sender did not see our answer): it has its effect once, and the answer is given
 * again. Anything else under a known key is a replay and is refused. A sender that retries resends the
 * bytes it stored; it never re-signs (after a key rotation the bytes would differ).
 */
export function deliveryDecision(incoming: { from: string; id: string; token: string }, held: HeldEnvelope | undefined): { ok: true; kind: 'new' | 'redelivery' } | Refusal {
  if (!held) return { ok: true, kind: 'new' };
  if (held.token === incoming.token) return { ok: true, kind: 'redelivery' };
  return refusal('envelope.replay', `An envelope ${incoming.id} from ${incoming.from} was already received with different content.`, { from: incoming.from, id: incoming.id });
}

/** What this node sent, looked up by an incoming envelope's inReplyTo. */
export interface SentEnvelope {
  id: string;
  to: string;
  type: string;
}

/**
 * An answer must answer something this node asked of the sender: inReplyTo names an envelope we sent
 * to that State, of a type the answer's type answers (the catalogue's `answers`). Types that answer
 * nothing in particular (ack, error) only need the envelope to exist and to have gone to the sender.
 */
export function replyRefusal(envelope: Pick<Envelope, 'from' | 'type' | 'inReplyTo'>, answers: readonly string[] | null, sent: SentEnvelope | undefined): Refusal | null {
  if (envelope.inReplyTo === null) return null;
  if (!sent || sent.to !== envelope.from) {
    return refusal('envelope.reply_mismatch', `inReplyTo ${envelope.inReplyTo} names no envelope this node sent to ${envelope.from}.`, { inReplyTo: envelope.inReplyTo, from: envelope.from });
  }
  if (answers !== null && !answers.includes(sent.type)) {
    return refusal('envelope.reply_mismatch', `A ${envelope.type} cannot answer a ${sent.type}.`, { inReplyTo: envelope.inReplyTo, type: envelope.type, answered: sent.type });
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Key rotation (the cryptographic checks are in pins.ts; this is what they decide)

export interface RotationAnnouncement {
  /** kid of the key that signed the key_rotation envelope. */
  signedByKid: string;
  /** kid the body says it retires. */
  retiringKid: string;
  newKey: { kid: string; x: string };
}

/**
 * The new pin set after a verified key_rotation: the new key becomes current; the signing key stays
 * accepted until now + grace for envelopes already in flight; nothing is removed. Only the current key
 * may rotate (a key in its grace period, or one that leaked after retirement, cannot re-point the pin),
 * and no key once pinned comes back (no rollback to an old key).
 */
export function rotatePins(peer: PeerRecord, a: RotationAnnouncement, now: Date, graceMs: number): { ok: true; pins: PinnedKey[] } | Refusal {
  const current = currentPin(peer.pins);
  if (!current || current.kid !== a.signedByKid) {
    return refusal('rotation.not_current_key', `Key ${a.signedByKid} is not the current key of ${peer.state}.`, { state: peer.state, kid: a.signedByKid });
  }
  if (a.retiringKid !== a.signedByKid) {
    return refusal('rotation.retiring_kid_mismatch', `The announcement retires ${a.retiringKid} but is signed by ${a.signedByKid}.`, { retiringKid: a.retiringKid, kid: a.signedByKid });
  }
  if (peer.pins.some((p) => p.kid === a.newKey.kid || p.x === a.newKey.x)) {
    return refusal('rotation.key_reused', `Key ${a.newKey.kid} is or was already pinned for ${peer.state}.`, { state: peer.state, kid: a.newKey.kid });
  }
  const at = now.toISOString();
  const graceEnd = new Date(now.getTime() + graceMs).toISOString();
  return {
    ok: true,
    pins: [{ kid: a.newKey.kid, x: a.newKey.x, pinnedAt: at, source: 'rotation', acceptUntil: null }, ...peer.pins.map((p) => (p.kid === current.kid ? { ...p, acceptUntil: graceEnd } : p))],
  };
}

/**
 * An administrator re-pins a peer by hand (`custodia peers rotate-pin`, after comparing the new key's
 * fingerprint out of band: the old key was lost or is distrusted). Every other key stops being accepted
 * at once unless a grace is given.
 */
export function repin(peer: PeerRecord, key: { kid: string; x: string }, now: Date, graceMs = 0): PinnedKey[] {
  const at = now.toISOString();
  const until = new Date(now.getTime() + graceMs).toISOString();
  const others = peer.pins
    .filter((p) => p.kid !== key.kid)
    .map((p) => (p.acceptUntil === null || Date.parse(p.acceptUntil) > Date.parse(until) ? { ...p, acceptUntil: until } : p));
  return [{ kid: key.kid, x: key.x, pinnedAt: at, source: 'manual', acceptUntil: null }, ...others];
}

/** Normalises what an administrator typed or read (`3f2a91c0…`, `3F2A 91C0 …`, colon-separated) for comparison. */
export function normaliseFingerprint(input: string): string {
  return input.replace(/[\s:.-]/g, '').toUpperCase();
}

// ---------------------------------------------------------------------------------------------
// The outbox's rules

/**
 * Refusals a later delivery of the same bytes may overcome, because the receiver's administrator can act
 * (enrol us, pin our new key, reactivate us, allow the type) or its clock can catch up with ours. Every
 * other refusal is final for those bytes: the outbox dead-letters the envelope at once.
 */
export const RETRYABLE_REFUSALS: readonly RefusalCode[] = ['envelope.unknown_sender', 'envelope.key_not_pinned', 'envelope.sender_suspended', 'envelope.type_not_allowed', 'envelope.from_future'];

export function isRetryableRefusal(code: string): boolean {
  return (RETRYABLE_REFUSALS as readonly string[]).includes(code);
}

/**
 * Delay before the next attempt after `failures` failed ones: exponential from `baseMs`, capped at
 * `maxMs`, with "equal jitter" (half fixed, half random) so that the envelopes of a peer that comes back
 * do not all return at the same instant. `random` is in [0, 1).
 */
export function retryDelayMs(failures: number, baseMs: number, maxMs: number, random: number): number {
  const exp = Math.min(maxMs, baseMs * 2 ** Math.min(Math.max(failures - 1, 0), 30));
  return Math.round(exp / 2 + (exp / 2) * random);
}

/** Why a pending envelope is dead-lettered without another attempt, or null while it may still go. */
export function deadLetterReason(entry: { createdAt: Date; expiresAt: Date }, now: Date, deadLetterAfterMs: number): string | null {
  if (entry.expiresAt.getTime() <= now.getTime()) return `expired at ${entry.expiresAt.toISOString()} before delivery`;
  if (now.getTime() - entry.createdAt.getTime() >= deadLetterAfterMs) return `not delivered within ${Math.round(deadLetterAfterMs / 1000)} s`;
  return null;
}
