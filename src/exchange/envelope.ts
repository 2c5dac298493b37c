/**
 * Signing, encrypting and verifying State-to-State envelopes (docs/exchange.md). A signed envelope is a
 * compact JWS (EdDSA, Ed25519) whose payload is the canonical JSON of the envelope; an envelope a relay
 * carries is that JWS encrypted to the recipient's X25519 key (compact JWE, ECDH-ES + A256GCM) with only
 * the routing members readable outside. Everything here is a function of its arguments: keys come in as
 * the node's NodeKeys (or anything with the same two methods), peers and the clock as values.
 */
import { CompactEncrypt, decodeProtectedHeader, importJWK } from 'jose';
import { canonicalJson, sha256Hex } from '../platform/crypto/canonical.ts';
import type { FieldError } from '../platform/http/errors.ts';
import { JwsVerificationError, verifyCompactJws } from '../platform/crypto/keys.ts';
import { uuidv7 } from '../platform/ids.ts';
import { envelopeBodyProblems, envelopeSchema, fieldErrors, instant, MESSAGE_CATALOGUE, stateCode, uuidv7 as uuidv7Schema } from './messages.ts';
import {
  admissionRefusal,
  ENVELOPE_TYP,
  isMessageType,
  pinFor,
  refusal,
  RELAYED_ENVELOPE_TYP,
  type Caveat,
  type Envelope,
  type LocalContext,
  type MessageType,
  type PeerRecord,
  type Refusal,
} from './model.ts';

/** What signs envelopes: the node's keys (NodeKeys) satisfy it. */
export interface EnvelopeSigner {
  readonly kid: string;
  signCompactJws(payload: string, header: Record<string, unknown>): Promise<string>;
}

/** What opens envelopes encrypted to this node: NodeKeys.encryption satisfies it. */
export interface EnvelopeDecrypter {
  readonly kid: string;
  decryptCompactJwe(token: string): Promise<{ plaintext: Uint8Array; protectedHeader: Record<string, unknown> }>;
}

/** A peer's X25519 key, taken from its key set after its binding was checked (pins.ts verifiedEncryptionKey). */
export interface RecipientKey {
  kid: string;
  x: string;
}

export interface VerifiedEnvelope {
  ok: true;
  envelope: Envelope;
  /** The pinned key that signed it. */
  kid: string;
  /** The compact JWS exactly as received: what the inbox keeps and what idempotency compares. */
  token: string;
  /** SHA-256 (hex) of `token`, quoted in acknowledgements and evidence. */
  sha256: string;
  /** Whether it arrived encrypted (through a relay). */
  relayed: boolean;
}

export class EnvelopeError extends Error {
  constructor(
    message: string,
    readonly fields: FieldError[],
  ) {
    super(message);
    this.name = 'EnvelopeError';
  }
}

/** A new envelope: a fresh UUIDv7 id, createdAt = now, expiresAt = now + lifetime. */
export function newEnvelope<B extends Record<string, unknown>>(input: {
  from: string;
  to: string;
  type: MessageType;
  body: B;
  now: Date;
  lifetimeMs: number;
  inReplyTo?: string | null;
  caveats?: Caveat[];
}): Envelope<B> {
  return {
    id: uuidv7(input.now.getTime()),
    from: input.from,
    to: input.to,
    type: input.type,
    createdAt: input.now.toISOString(),
    expiresAt: new Date(input.now.getTime() + input.lifetimeMs).toISOString(),
    inReplyTo: input.inReplyTo ?? null,
    caveats: input.caveats ?? [],
    body: input.body,
  };
}

/** Every problem of an envelope that a receiver would refuse as malformed or as a bad body (sender and receiver share it). */
export function envelopeProblems(envelope: unknown): { code: 'envelope.malformed' | 'envelope.bad_body'; fields: { field: string; message: string; code: string }[] } | null {
  const shape = envelopeSchema.safeParse(envelope);
  if (!shape.success) return { code: 'envelope.malformed', fields: fieldErrors(shape.error) };
  return bodyProblems(shape.data as Envelope);
}

/** The body's problems, for an envelope whose members were already checked (parseEnvelopeToken): validated once, not twice. */
function bodyProblems(envelope: Envelope): { code: 'envelope.bad_body'; fields: { field: string; message: string; code: string }[] } | null {
  if (!isMessageType(envelope.type)) return null;
  const spec = MESSAGE_CATALOGUE[envelope.type];
  const body = spec.body.safeParse(envelope.body);
  if (!body.success) return { code: 'envelope.bad_body', fields: fieldErrors(body.error, 'body') };
  const problems = envelopeBodyProblems(envelope);
  return problems.length > 0 ? { code: 'envelope.bad_body', fields: problems } : null;
}

/**
 * Signs an envelope: compact JWS, protected header {typ, alg: EdDSA, kid}, payload the canonical JSON of
 * the envelope. Ed25519 is deterministic, so the same envelope signed by the same key always gives the
 * same bytes. Refuses (throws EnvelopeError) what a receiver would refuse as malformed or bad body.
 */
export async function signEnvelope(signer: EnvelopeSigner, envelope: Envelope): Promise<string> {
  if (!isMessageType(envelope.type)) throw new EnvelopeError(`Unknown message type ${envelope.type}.`, [{ field: 'type', message: 'not in the catalogue', code: 'envelope.unknown_type' }]);
  const problems = envelopeProblems(envelope);
  if (problems) throw new EnvelopeError(`The envelope is not valid (${problems.code}).`, problems.fields);
  return signer.signCompactJws(canonicalJson(envelope), { typ: ENVELOPE_TYP });
}

// ---------------------------------------------------------------------------------------------
// Reading a compact JWS envelope

const B64URL = /^[A-Za-z0-9_-]*$/;
const KID_RE = /^[A-Za-z0-9_-]{43}$/;

function decodeJsonSegment(segment: string): unknown {
  if (!B64URL.test(segment)) return undefined;
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(segment, 'base64url')));
  } catch {
    return undefined;
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function sameMembers(obj: Record<string, unknown>, names: readonly string[]): boolean {
  const keys = Object.keys(obj);
  return keys.length === names.length && names.every((n) => Object.hasOwn(obj, n));
}

export interface ParsedEnvelope {
  ok: true;
  /** Not yet verified: only its form is known to be right. */
  envelope: Envelope;
  kid: string;
}

/**
 * Reads a compact JWS envelope without verifying it: shape, header (exactly typ, alg EdDSA and kid),
 * canonical payload, envelope members. The inbox uses the (from, id) it yields to look for a redelivery
 * before verifying; verifyEnvelope starts with it.
 */
export function parseEnvelopeToken(token: string, maxBytes: number): ParsedEnvelope | Refusal {
  if (token.length > maxBytes) return refusal('envelope.too_large', `The message has ${token.length} bytes; at most ${maxBytes} are accepted.`, { bytes: token.length, maxBytes });
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((p) => p.length > 0 && B64URL.test(p))) {
    return refusal('envelope.malformed', 'Not a compact JWS (three base64url segments).');
  }
  const header = decodeJsonSegment(parts[0]);
  if (!isPlainObject(header)) return refusal('envelope.malformed', 'The JWS protected header is not a JSON object.');
  if (header.typ !== ENVELOPE_TYP) return refusal('envelope.not_an_envelope', `JWS typ is ${JSON.stringify(header.typ ?? null)}, not ${ENVELOPE_TYP}.`, { typ: String(header.typ ?? '') });
  if (header.alg !== 'EdDSA') return refusal('envelope.unsupported_algorithm', `JWS alg ${String(header.alg)} is not accepted; only EdDSA.`, { alg: String(header.alg ?? '') });
  if (!sameMembers(header, ['alg', 'kid', 'typ']) || typeof header.kid !== 'string' || !KID_RE.test(header.kid)) {
    return refusal('envelope.malformed', 'The JWS protected header has exactly alg, kid (an RFC 7638 thumbprint) and typ.', {}, [{ field: 'header', message: `members: ${Object.keys(header).join(', ')}`, code: 'envelope.header_members' }]);
  }
  if (Buffer.from(parts[2], 'base64url').length !== 64) return refusal('envelope.malformed', 'An Ed25519 signature has 64 bytes.');
  let payloadText: string;
  try {
    payloadText = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(parts[1], 'base64url'));
  } catch {
    return refusal('envelope.malformed', 'The JWS payload is not UTF-8.');
  }
  let payload: unknown;
  try {
    payload = JSON.parse(payloadText);
  } catch {
    return refusal('envelope.malformed', 'The JWS payload is not JSON.');
  }
  if (!isPlainObject(payload)) return refusal('envelope.malformed', 'The JWS payload is not a JSON object.');
  // One byte sequence per envelope: no duplicate members, no whitespace, one number form, sorted keys.
  if (canonicalJson(payload) !== payloadText) return refusal('envelope.not_canonical');
  const shape = envelopeSchema.safeParse(payload);
  if (!shape.success) return refusal('envelope.malformed', 'The envelope has missing, extra or invalid members.', {}, fieldErrors(shape.error));
  return { ok: true, envelope: shape.data as Envelope, kid: header.kid };
}

/**
 * Verifies an incoming signed envelope, in this order: form (parseEnvelopeToken), sender enrolled,
 * signing key pinned and still accepted, signature, sender active, addressed to us, type known and
 * allowed for the sender, clock (future, lifetime, expiry), body against its type. Only an authentic
 * envelope earns a refusal beyond the signature: unauthenticated bytes learn nothing about our peers'
 * status or allowed types. The replay rule (model.deliveryDecision) and the reply rule
 * (model.replyRefusal) need the inbox's records and are applied by the caller.
 */
export async function verifyEnvelope(token: string, findPeer: (state: string) => PeerRecord | undefined, ctx: LocalContext): Promise<VerifiedEnvelope | Refusal> {
  const parsed = parseEnvelopeToken(token, ctx.maxBytes);
  if (!parsed.ok) return parsed;
  const { envelope, kid } = parsed;
  const peer = findPeer(envelope.from);
  if (!peer) return refusal('envelope.unknown_sender', `${envelope.from} is not an enrolled peer.`, { from: envelope.from });
  const pin = pinFor(peer, kid, ctx.now);
  if (!pin.ok) return pin;
  try {
    await verifyCompactJws(token, { keys: [{ kty: 'OKP', crv: 'Ed25519', x: pin.pin.x, kid: pin.pin.kid }] });
  } catch (err) {
    if (!(err instanceof JwsVerificationError)) throw err;
    return refusal('envelope.bad_signature', `The signature does not verify with ${envelope.from}'s key ${kid}.`, { from: envelope.from, kid });
  }
  const refused = admissionRefusal(peer, envelope, ctx);
  if (refused) return refused;
  const problems = bodyProblems(envelope);
  if (problems) return refusal(problems.code, `The ${envelope.type} body is not valid.`, { type: envelope.type }, problems.fields);
  return { ok: true, envelope, kid, token, sha256: sha256Hex(token), relayed: false };
}

// ---------------------------------------------------------------------------------------------
// Encryption for relays

/** The members of an encrypted envelope's header a relay reads: where it goes, and until when. */
export interface Routing {
  from: string;
  to: string;
  id: string;
  expiresAt: string;
}

const JWE_HEADER_MEMBERS = ['alg', 'cty', 'enc', 'epk', 'expiresAt', 'from', 'id', 'kid', 'to', 'typ'] as const;

/**
 * Encrypts a signed envelope to the recipient's X25519 key (sign, then encrypt): compact JWE, alg ECDH-ES
 * (direct key agreement, empty encrypted key), enc A256GCM, the JWS as plaintext. The routing members
 * are copied into the protected header, which A256GCM authenticates: a relay reads them and can change
 * neither them nor the ciphertext without the recipient noticing.
 */
export async function encryptEnvelope(token: string, recipient: RecipientKey): Promise<string> {
  const parsed = parseEnvelopeToken(token, Number.MAX_SAFE_INTEGER);
  if (!parsed.ok) throw new EnvelopeError(`Only a signed envelope is encrypted (${parsed.code}).`, parsed.fields ?? []);
  const { from, to, id, expiresAt } = parsed.envelope;
  const key = await importJWK({ kty: 'OKP', crv: 'X25519', x: recipient.x }, 'ECDH-ES');
  return new CompactEncrypt(new TextEncoder().encode(token))
    .setProtectedHeader({ alg: 'ECDH-ES', enc: 'A256GCM', kid: recipient.kid, typ: RELAYED_ENVELOPE_TYP, cty: ENVELOPE_TYP, from, to, id, expiresAt })
    .encrypt(key);
}

/** Reads the routing members of an encrypted envelope without decrypting it (what a relay does). */
export function readRouting(jwe: string, maxBytes: number): { ok: true; routing: Routing; kid: string } | Refusal {
  if (jwe.length > maxBytes) return refusal('envelope.too_large', `The message has ${jwe.length} bytes; at most ${maxBytes} are accepted.`, { bytes: jwe.length, maxBytes });
  const parts = jwe.split('.');
  // ECDH-ES in direct mode has an empty encrypted-key segment.
  if (parts.length !== 5 || parts[1] !== '' || ![0, 2, 3, 4].every((i) => parts[i].length > 0 && B64URL.test(parts[i]))) {
    return refusal('envelope.malformed', 'Not a compact JWE made with ECDH-ES (five segments, the second empty).');
  }
  let header: Record<string, unknown>;
  try {
    header = decodeProtectedHeader(jwe) as Record<string, unknown>;
  } catch {
    return refusal('envelope.malformed', 'The JWE protected header is not a JSON object.');
  }
  if (header.typ !== RELAYED_ENVELOPE_TYP || header.cty !== ENVELOPE_TYP) {
    return refusal('envelope.not_an_envelope', `JWE typ/cty are ${JSON.stringify(header.typ ?? null)}/${JSON.stringify(header.cty ?? null)}.`, { typ: String(header.typ ?? '') });
  }
  if (header.alg !== 'ECDH-ES' || header.enc !== 'A256GCM') {
    return refusal('envelope.unsupported_algorithm', `JWE ${String(header.alg)}/${String(header.enc)} is not accepted; only ECDH-ES with A256GCM.`, { alg: String(header.alg ?? ''), enc: String(header.enc ?? '') });
  }
  const fields: { field: string; message: string; code: string }[] = [];
  if (!sameMembers(header, JWE_HEADER_MEMBERS)) fields.push({ field: 'header', message: `members: ${Object.keys(header).join(', ')}`, code: 'envelope.header_members' });
  if (typeof header.kid !== 'string' || !KID_RE.test(header.kid)) fields.push({ field: 'header.kid', message: 'must be an RFC 7638 thumbprint', code: 'envelope.header_kid' });
  for (const [name, schema] of [['from', stateCode], ['to', stateCode], ['id', uuidv7Schema], ['expiresAt', instant]] as const) {
    const r = schema.safeParse(header[name]);
    if (!r.success) fields.push(...fieldErrors(r.error, `header.${name}`));
  }
  if (fields.length > 0) return refusal('envelope.malformed', 'The JWE header has missing, extra or invalid members.', {}, fields);
  return { ok: true, routing: { from: header.from as string, to: header.to as string, id: header.id as string, expiresAt: header.expiresAt as string }, kid: header.kid as string };
}

/**
 * Opens an envelope encrypted to this node: routing readable and addressed to us, made to our current
 * X25519 key, and decrypts (the GCM tag fails on any change to header, IV or ciphertext). Returns the
 * signed envelope inside, still to be verified.
 */
export async function openEncryptedEnvelope(
  jwe: string,
  decrypters: EnvelopeDecrypter | readonly EnvelopeDecrypter[],
  ctx: Pick<LocalContext, 'state' | 'maxBytes'>,
): Promise<{ ok: true; token: string; routing: Routing } | Refusal> {
  const read = readRouting(jwe, ctx.maxBytes);
  if (!read.ok) return read;
  if (read.routing.to !== ctx.state) return refusal('envelope.not_for_us', `The envelope is addressed to ${read.routing.to}, this node serves ${ctx.state}.`, { to: read.routing.to, state: ctx.state });
  // The current X25519 key, or one replaced by rotation (envelopes encrypted before the sender learnt the new one).
  const decrypter = (Array.isArray(decrypters) ? decrypters : [decrypters]).find((d: EnvelopeDecrypter) => d.kid === read.kid);
  if (!decrypter) return refusal('envelope.decryption_failed', `The envelope was encrypted to key ${read.kid}, not to this node's key.`, { kid: read.kid });
  let plaintext: Uint8Array;
  try {
    ({ plaintext } = await decrypter.decryptCompactJwe(jwe));
  } catch {
    return refusal('envelope.decryption_failed', 'The encrypted envelope does not decrypt: it was altered, or made to another key.');
  }
  const token = Buffer.from(plaintext).toString('latin1');
  if (!/^[A-Za-z0-9_.-]+$/.test(token)) return refusal('envelope.malformed', 'The decrypted content is not a compact JWS.');
  return { ok: true, token, routing: read.routing };
}

/** The routing a relay saw must be the signed envelope's own (a sender cannot route one envelope as another). */
export function routingRefusal(routing: Routing, envelope: Envelope): Refusal | null {
  const differing = (['from', 'to', 'id', 'expiresAt'] as const).filter((k) => routing[k] !== envelope[k]);
  if (differing.length === 0) return null;
  return refusal('envelope.routing_mismatch', `The encrypted envelope's ${differing.join(', ')} differ from the signed envelope.`, { members: differing.join(',') });
}

/**
 * Verifies whatever arrived: a compact JWS (sent directly) or a compact JWE (carried by a relay), which is
 * opened, verified as a JWS, and checked for routing that matches its content.
 */
export async function verifyIncoming(
  message: string,
  findPeer: (state: string) => PeerRecord | undefined,
  decrypter: EnvelopeDecrypter | readonly EnvelopeDecrypter[],
  ctx: LocalContext,
): Promise<VerifiedEnvelope | Refusal> {
  const segments = message.split('.').length;
  if (segments === 3) return verifyEnvelope(message, findPeer, ctx);
  if (segments !== 5) return refusal('envelope.malformed', 'Neither a compact JWS nor a compact JWE.');
  const opened = await openEncryptedEnvelope(message, decrypter, ctx);
  if (!opened.ok) return opened;
  const verified = await verifyEnvelope(opened.token, findPeer, ctx);
  if (!verified.ok) return verified;
  return routingRefusal(opened.routing, verified.envelope) ?? { ...verified, relayed: true };
}
