/**
 * Trust between nodes: enrolling a peer by the fingerprint its administrator reads out, binding a node's
 * X25519 encryption key to its Ed25519 signing key, and key rotation announced by the old key. The
 * decisions are model.ts rules; this file does the signature checks they rest on.
 */
import { calculateJwkThumbprint, decodeProtectedHeader } from 'jose';
import { canonicalJson } from '../platform/crypto/canonical.ts';
import { enrolmentFingerprint, JwsVerificationError, verifyCompactJws, type NodeEncryptionJwk } from '../platform/crypto/keys.ts';
import type { EnvelopeSigner, RecipientKey, VerifiedEnvelope } from './envelope.ts';
import { keyRotationSchema } from './messages.ts';
import {
  ENCRYPTION_KEY_BINDING_TYP,
  KEY_ROTATION_PROOF_TYP,
  normaliseFingerprint,
  pinFor,
  refusal,
  rotatePins,
  type PeerRecord,
  type PinnedKey,
  type Refusal,
} from './model.ts';

interface OkpJwk {
  kty: string;
  crv: string;
  x: string;
  kid?: string;
}

function isOkp(k: unknown, crv: 'Ed25519' | 'X25519'): k is OkpJwk {
  const j = k as Partial<OkpJwk> | null;
  return !!j && typeof j === 'object' && j.kty === 'OKP' && j.crv === crv && typeof j.x === 'string' && /^[A-Za-z0-9_-]{43}$/.test(j.x);
}

async function thumbprint(k: OkpJwk): Promise<string> {
  return calculateJwkThumbprint({ kty: k.kty, crv: k.crv, x: k.x }, 'sha256');
}

/** Verifies a compact JWS by one Ed25519 key and returns its payload, or null (wrong typ, key or signature). */
async function verifiedPayload(token: string, key: { kid: string; x: string }, typ: string): Promise<Record<string, unknown> | null> {
  try {
    const { payload, header } = await verifyCompactJws(token, { keys: [{ kty: 'OKP', crv: 'Ed25519', x: key.x, kid: key.kid }] });
    return header.typ === typ ? payload : null;
  } catch (err) {
    if (err instanceof JwsVerificationError) return null;
    throw err;
  }
}

// ---------------------------------------------------------------------------------------------
// Enrolment

export interface EnrolmentCandidate {
  kid: string;
  x: string;
  /** What the administrator compares with the one the peer's administrator reads out. */
  fingerprint: string;
}

/**
 * The signing keys a peer's `/.well-known/jwks.json` offers for enrolment: its current Ed25519 keys (not
 * those marked retired), each with the fingerprint to compare. Keys whose kid is not their thumbprint are
 * left out (a JWK set must not present one key under another's name).
 */
export async function enrolmentCandidates(jwks: unknown): Promise<EnrolmentCandidate[]> {
  const keys = (jwks as { keys?: unknown })?.keys;
  if (!Array.isArray(keys)) return [];
  const out: EnrolmentCandidate[] = [];
  for (const k of keys) {
    if (!isOkp(k, 'Ed25519') || (k as { retired?: unknown }).retired || ((k as { use?: unknown }).use ?? 'sig') !== 'sig') continue;
    if (k.kid !== (await thumbprint(k))) continue;
    out.push({ kid: k.kid, x: k.x, fingerprint: await enrolmentFingerprint(k) });
  }
  return out;
}

/**
 * Enrols a peer's signing key: the current key of the fetched key set whose fingerprint is the one the
 * administrator confirmed (typed or read back, spaces and case ignored) becomes the peer's only pin. A
 * retired key is never enrolled.
 */
export async function confirmEnrolment(jwks: unknown, confirmedFingerprint: string, now: Date): Promise<{ ok: true; pins: PinnedKey[]; fingerprint: string } | Refusal> {
  const wanted = normaliseFingerprint(confirmedFingerprint);
  const keys = (jwks as { keys?: unknown })?.keys;
  for (const k of Array.isArray(keys) ? keys : []) {
    if (!isOkp(k, 'Ed25519') || (k as { retired?: unknown }).retired) continue;
    const fingerprint = await enrolmentFingerprint(k);
    if (normaliseFingerprint(fingerprint) !== wanted) continue;
    if (k.kid !== (await thumbprint(k))) return refusal('enrolment.bad_key', `The key with fingerprint ${fingerprint} is published under kid ${String(k.kid)}, not its thumbprint.`, { fingerprint });
    return { ok: true, fingerprint, pins: [{ kid: k.kid, x: k.x, pinnedAt: now.toISOString(), source: 'enrolment', acceptUntil: null }] };
  }
  return refusal('enrolment.fingerprint_mismatch', `No signing key in the published key set has the fingerprint ${confirmedFingerprint}.`, { fingerprint: confirmedFingerprint });
}

// ---------------------------------------------------------------------------------------------
// The encryption key and its binding

/** The X25519 key as published in /.well-known/jwks.json beside the signing keys. */
export interface PublishedEncryptionKey extends NodeEncryptionJwk {
  /** Compact JWS by the node's current Ed25519 key (typ custodia-enc-key+jws) over {key, state}. */
  binding: string;
}

function bindingPayload(state: string, key: { kty: string; crv: string; x: string; kid: string }): string {
  return canonicalJson({ key: { crv: key.crv, kid: key.kid, kty: key.kty, x: key.x }, state });
}

/**
 * The JWK entry a node publishes for its X25519 key: the key (use enc, alg ECDH-ES) and a binding signed
 * by its current signing key, which peers have pinned; so a peer trusts the encryption key because it
 * trusts the signing key, and nobody pins two keys by telephone. Deterministic (Ed25519), so the entry
 * only changes when one of the keys does.
 */
export async function publishedEncryptionKey(keys: EnvelopeSigner & { encryption: { publicJwk: NodeEncryptionJwk } }, state: string): Promise<PublishedEncryptionKey> {
  const jwk = keys.encryption.publicJwk;
  return { ...jwk, binding: await keys.signCompactJws(bindingPayload(state, jwk), { typ: ENCRYPTION_KEY_BINDING_TYP }) };
}

/**
 * The peer's encryption key to encrypt relayed envelopes to: an X25519 entry of its key set whose binding
 * verifies with one of the peer's accepted pins and names this key and the peer's State.
 */
export async function verifiedEncryptionKey(peer: PeerRecord, jwks: unknown, now: Date): Promise<{ ok: true; key: RecipientKey } | Refusal> {
  const keys = (jwks as { keys?: unknown })?.keys;
  const candidates = (Array.isArray(keys) ? keys : []).filter((k) => isOkp(k, 'X25519') && (k as { use?: unknown }).use === 'enc');
  if (candidates.length === 0) return refusal('enc_key.missing', `${peer.state} publishes no X25519 encryption key.`, { state: peer.state });
  for (const k of candidates as (OkpJwk & { binding?: unknown })[]) {
    if (typeof k.binding !== 'string' || k.kid !== (await thumbprint(k))) continue;
    let signer: unknown;
    try {
      signer = decodeProtectedHeader(k.binding).kid;
    } catch {
      continue;
    }
    if (typeof signer !== 'string') continue;
    const pin = pinFor(peer, signer, now);
    if (!pin.ok) continue;
    const payload = await verifiedPayload(k.binding, pin.pin, ENCRYPTION_KEY_BINDING_TYP);
    if (payload && canonicalJson(payload) === bindingPayload(peer.state, { ...k, kid: k.kid })) return { ok: true, key: { kid: k.kid, x: k.x } };
  }
  return refusal('enc_key.bad_binding', `No X25519 key of ${peer.state} is bound to one of its pinned signing keys.`, { state: peer.state });
}

// ---------------------------------------------------------------------------------------------
// Key rotation

function proofPayload(state: string, retiringKid: string, newKid: string): string {
  return canonicalJson({ newKid, retiringKid, state });
}

/**
 * The body of a key_rotation envelope. `newKeys` signs the proof (so the announcer shows it holds the new
 * key); the envelope itself must then be signed with the key being retired, before it is replaced.
 */
export async function keyRotationBody(input: {
  state: string;
  retiringKid: string;
  newKeys: EnvelopeSigner & { publicJwk: { kty: 'OKP'; crv: 'Ed25519'; x: string; kid: string } };
  effectiveAt: Date;
  /** The new X25519 key, when it is replaced too: announced with its binding by the new signing key. */
  newEncryption?: { publicJwk: NodeEncryptionJwk };
}) {
  const { kty, crv, x, kid } = input.newKeys.publicJwk;
  return {
    newKey: { kty, crv, x, kid },
    retiringKid: input.retiringKid,
    proof: await input.newKeys.signCompactJws(proofPayload(input.state, input.retiringKid, kid), { typ: KEY_ROTATION_PROOF_TYP }),
    effectiveAt: input.effectiveAt.toISOString(),
    ...(input.newEncryption ? { newEncryptionKey: await publishedEncryptionKey({ kid, signCompactJws: (p, h) => input.newKeys.signCompactJws(p, h), encryption: input.newEncryption }, input.state) } : {}),
  };
}

/**
 * Applies a verified key_rotation envelope to the sender's pins: the new key must be a well-formed
 * Ed25519 JWK named by its thumbprint and must have signed the proof; then model.rotatePins decides
 * (signed by the current key, retiring that key, not a key seen before).
 */
export async function acceptKeyRotation(peer: PeerRecord, verified: VerifiedEnvelope, now: Date, graceMs: number): Promise<{ ok: true; pins: PinnedKey[]; encryptionKey: RecipientKey | null } | Refusal> {
  const body = keyRotationSchema.parse(verified.envelope.body);
  if (verified.envelope.from !== peer.state) throw new Error(`key rotation from ${verified.envelope.from} applied to peer ${peer.state}`);
  if (body.newKey.kid !== (await thumbprint(body.newKey))) {
    return refusal('rotation.bad_new_key', `The announced key's kid ${body.newKey.kid} is not its thumbprint.`, { kid: body.newKey.kid });
  }
  const proof = await verifiedPayload(body.proof, body.newKey, KEY_ROTATION_PROOF_TYP);
  if (!proof || canonicalJson(proof) !== proofPayload(peer.state, body.retiringKid, body.newKey.kid)) {
    return refusal('rotation.bad_proof', `The proof was not signed by the announced key ${body.newKey.kid} for ${peer.state}.`, { kid: body.newKey.kid });
  }
  const rotated = rotatePins(peer, { signedByKid: verified.kid, retiringKid: body.retiringKid, newKey: { kid: body.newKey.kid, x: body.newKey.x } }, now, graceMs);
  if (!rotated.ok) return rotated;
  if (!body.newEncryptionKey) return { ...rotated, encryptionKey: null };
  // The new X25519 key counts only if the new signing key (now pinned) bound it to this State.
  const enc = await verifiedEncryptionKey({ ...peer, pins: rotated.pins }, { keys: [body.newEncryptionKey] }, now);
  if (!enc.ok) return enc;
  return { ...rotated, encryptionKey: enc.key };
}
