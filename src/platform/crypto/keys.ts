import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, sign as edSign, verify as edVerify, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { compactDecrypt, compactVerify, calculateJwkThumbprint, decodeProtectedHeader, importJWK, type JWK } from 'jose';
import type { Config } from '../config.ts';

/**
 * The node's Ed25519 signing keys. The private key lives in a file (mode 0600) in `config.keysDir`,
 * never in the database: a database dump must not let anyone sign licences or checkpoints in the
 * State's name. Public keys are JWKs whose `kid` is the RFC 7638 thumbprint, so a key id names the key
 * itself and cannot be reused for a different key. Rotation replaces the private key and keeps every
 * retired public key, so licences and checkpoints signed years ago still verify.
 *
 * Files in keysDir:
 *   node-ed25519.pem  the current private key (PKCS#8 PEM, 0600)
 *   node-x25519.pem   the X25519 key other States encrypt relayed envelopes to (PKCS#8 PEM, 0600);
 *                     created beside the signing key the first time a directory without one is loaded
 *   jwks.json         every public signing key this node ever used: { keys: [JWK + created/retired] }
 */
export interface NodeJwk extends JWK {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  kid: string;
  alg: 'EdDSA';
  use: 'sig';
}

export interface PublishedKey extends NodeJwk {
  /** ISO 8601, when the key became current (informational; not signed). */
  created?: string;
  /** ISO 8601, when the key was retired by rotation; absent for the current key. */
  retired?: string;
}

export interface Jwks {
  keys: PublishedKey[];
}

/** The node's X25519 public key: State-to-State envelopes carried by a relay are encrypted to it (JWE ECDH-ES). */
export interface NodeEncryptionJwk extends JWK {
  kty: 'OKP';
  crv: 'X25519';
  x: string;
  kid: string;
  alg: 'ECDH-ES';
  use: 'enc';
}

export interface NodeEncryptionKey {
  /** kid (RFC 7638 thumbprint) of the X25519 key. */
  readonly kid: string;
  readonly publicJwk: NodeEncryptionJwk;
  /**
   * Decrypts a compact JWE made to this key. Only ECDH-ES with A256GCM is accepted; throws (jose's error)
   * when the token is not one, was made to another key, or was altered (the GCM tag covers the header).
   */
  decryptCompactJwe(token: string): Promise<{ plaintext: Uint8Array; protectedHeader: Record<string, unknown> }>;
}

export interface NodeKeys {
  /** kid (RFC 7638 thumbprint, base64url) of the current signing key. */
  readonly kid: string;
  /** The current public key as a JWK. */
  readonly publicJwk: NodeJwk;
  /** SHA-256 fingerprint of the current public key (hex, colon-grouped) for humans comparing out of band. */
  readonly fingerprint: string;
  /** Every public key, current first, then retired ones. */
  publicJwks(): Jwks;
  /**
   * Compact JWS (alg EdDSA, kid header) over the JSON of `payload`, or over a string exactly as given
   * (State-to-State envelopes sign their canonical JSON, whose bytes the caller has already fixed).
   */
  signCompactJws(payload: object | string, header?: Record<string, unknown>): Promise<string>;
  /** Raw Ed25519 signature (64 bytes) over `data`: used for checkpoints' canonical text. */
  signBytes(data: Uint8Array): Buffer;
  /** Verifies a raw Ed25519 signature with the current or a retired key named by kid. */
  verifyBytes(kid: string, data: Uint8Array, signature: Uint8Array): boolean;
  /** The X25519 key envelopes are encrypted to (rotated by `rotateNodeKeys` only when asked). */
  readonly encryption: NodeEncryptionKey;
  /** X25519 keys replaced by rotation, kept so envelopes encrypted to them before peers learnt the new one still open. */
  readonly retiredEncryption: readonly NodeEncryptionKey[];
}

/** The keys a rotation will switch to, made (and kept on disk) before anything is announced with the old key. */
export interface NextNodeKeys {
  readonly kid: string;
  readonly publicJwk: NodeJwk;
  signCompactJws(payload: object | string, header?: Record<string, unknown>): Promise<string>;
  readonly encryption: { readonly kid: string; readonly publicJwk: NodeEncryptionJwk };
}

const PRIVATE_FILE = 'node-ed25519.pem';
const ENCRYPTION_FILE = 'node-x25519.pem';
const JWKS_FILE = 'jwks.json';
/** The next keys of a rotation under way (prepareNodeKeyRotation), consumed by rotateNodeKeys. */
const NEXT_PRIVATE_FILE = 'node-ed25519.next.pem';
const NEXT_ENCRYPTION_FILE = 'node-x25519.next.pem';
const RETIRED_ENCRYPTION_RE = /^node-x25519\.retired\.[A-Za-z0-9_-]{43}\.pem$/;

export const KEY_FILES = { private: PRIVATE_FILE, encryption: ENCRYPTION_FILE, jwks: JWKS_FILE } as const;

async function jwkOf(publicKey: KeyObject): Promise<NodeJwk> {
  const raw = publicKey.export({ format: 'jwk' }) as { kty: string; crv: string; x: string };
  if (raw.kty !== 'OKP' || raw.crv !== 'Ed25519') throw new Error('node key is not Ed25519');
  // RFC 7638: the thumbprint covers only the required members (crv, kty, x).
  const kid = await calculateJwkThumbprint({ kty: raw.kty, crv: raw.crv, x: raw.x }, 'sha256');
  return { kty: 'OKP', crv: 'Ed25519', x: raw.x, kid, alg: 'EdDSA', use: 'sig' };
}

async function encryptionJwkOf(publicKey: KeyObject): Promise<NodeEncryptionJwk> {
  const raw = publicKey.export({ format: 'jwk' }) as { kty: string; crv: string; x: string };
  if (raw.kty !== 'OKP' || raw.crv !== 'X25519') throw new Error('node encryption key is not X25519');
  const kid = await calculateJwkThumbprint({ kty: raw.kty, crv: raw.crv, x: raw.x }, 'sha256');
  return { kty: 'OKP', crv: 'X25519', x: raw.x, kid, alg: 'ECDH-ES', use: 'enc' };
}

/** SHA-256 of the raw 32-byte public key, colon-grouped hex, for people comparing keys out of band. */
export function fingerprintOf(jwk: Pick<NodeJwk, 'x'>): string {
  return createHash('sha256').update(Buffer.from(jwk.x, 'base64url')).digest('hex').match(/../g)!.join(':');
}

/**
 * The fingerprint two States' administrators read to each other when one enrols the other's node as a
 * peer: the key's RFC 7638 SHA-256 thumbprint (the same bytes as its kid) in upper-case hex, in 16 groups
 * of 4 (`3F2A 91C0 …`), so it can be compared by telephone group by group.
 */
export async function enrolmentFingerprint(jwk: { kty: string; crv: string; x: string }): Promise<string> {
  const thumb = await calculateJwkThumbprint({ kty: jwk.kty, crv: jwk.crv, x: jwk.x }, 'sha256');
  return Buffer.from(thumb, 'base64url').toString('hex').toUpperCase().match(/.{4}/g)!.join(' ');
}

function readJwksFile(dir: string): PublishedKey[] {
  const file = path.join(dir, JWKS_FILE);
  if (!fs.existsSync(file)) return [];
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Jwks;
  if (!Array.isArray(parsed.keys)) throw new Error(`${file}: not a JWK set`);
  return parsed.keys;
}

/** Writes through a temporary file and rename, so a reader never sees half a file. */
function writeAtomic(file: string, content: string, mode: number): void {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  fs.writeFileSync(tmp, content, { mode });
  fs.renameSync(tmp, file);
}

function ensureDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
}

/**
 * Creates the private key only if none exists. link() fails when the target exists, so two processes
 * starting at once (tests, a CLI next to the server) agree on one key instead of overwriting each other.
 */
function createPrivateKeyFileIfAbsent(dir: string, name: string, type: 'ed25519' | 'x25519'): void {
  const file = path.join(dir, name);
  if (fs.existsSync(file)) return;
  const { privateKey } = type === 'ed25519' ? generateKeyPairSync('ed25519') : generateKeyPairSync('x25519');
  const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  fs.writeFileSync(tmp, pem, { mode: 0o600 });
  try {
    fs.linkSync(tmp, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    fs.unlinkSync(tmp);
  }
}

interface Loaded {
  mtimeMs: number;
  keys: NodeKeys;
}
const cache = new Map<string, Loaded>();

/**
 * Loads the node's keys from `config.keysDir`, creating a key pair on first use. Cached per directory;
 * the cache follows the private key file's mtime, so a running server picks up `custodia keys rotate`.
 */
export async function loadNodeKeys(config: Pick<Config, 'keysDir'>): Promise<NodeKeys> {
  const dir = config.keysDir;
  const file = path.join(dir, PRIVATE_FILE);
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(file);
  } catch {
    stat = undefined;
  }
  const cached = cache.get(dir);
  if (stat && cached && cached.mtimeMs === stat.mtimeMs) return cached.keys;
  if (!stat) {
    ensureDir(dir);
    createPrivateKeyFileIfAbsent(dir, PRIVATE_FILE, 'ed25519');
    stat = fs.statSync(file);
  }
  if ((stat.mode & 0o077) !== 0) {
    // Someone widened the permissions: put them back rather than sign with a readable key.
    fs.chmodSync(file, 0o600);
  }
  // Directories made before the encryption key existed get one now; the signing key is untouched.
  const encFile = path.join(dir, ENCRYPTION_FILE);
  createPrivateKeyFileIfAbsent(dir, ENCRYPTION_FILE, 'x25519');
  if ((fs.statSync(encFile).mode & 0o077) !== 0) fs.chmodSync(encFile, 0o600);
  const encryptionPrivate = createPrivateKey(fs.readFileSync(encFile, 'utf8'));
  const encryption = makeEncryptionKey(encryptionPrivate, await encryptionJwkOf(createPublicKey(encryptionPrivate)));
  const retiredEncryption: NodeEncryptionKey[] = [];
  for (const name of fs.readdirSync(dir).filter((n) => RETIRED_ENCRYPTION_RE.test(n)).sort()) {
    const priv = createPrivateKey(fs.readFileSync(path.join(dir, name), 'utf8'));
    retiredEncryption.push(makeEncryptionKey(priv, await encryptionJwkOf(createPublicKey(priv))));
  }
  const privateKey = createPrivateKey(fs.readFileSync(file, 'utf8'));
  const publicKey = createPublicKey(privateKey);
  const current = await jwkOf(publicKey);
  const published = readJwksFile(dir);
  if (!published.some((k) => k.kid === current.kid)) {
    published.unshift({ ...current, created: new Date().toISOString() });
    writeAtomic(path.join(dir, JWKS_FILE), `${JSON.stringify({ keys: published }, null, 2)}\n`, 0o644);
  }
  const keys = makeNodeKeys(privateKey, current, published, encryption, retiredEncryption);
  cache.set(dir, { mtimeMs: stat.mtimeMs, keys });
  return keys;
}

function makeEncryptionKey(privateKey: KeyObject, publicJwk: NodeEncryptionJwk): NodeEncryptionKey {
  return {
    kid: publicJwk.kid,
    publicJwk,
    async decryptCompactJwe(token) {
      const { plaintext, protectedHeader } = await compactDecrypt(token, privateKey, {
        keyManagementAlgorithms: ['ECDH-ES'],
        contentEncryptionAlgorithms: ['A256GCM'],
      });
      return { plaintext, protectedHeader: protectedHeader as Record<string, unknown> };
    },
  };
}

function makeNodeKeys(privateKey: KeyObject, current: NodeJwk, published: PublishedKey[], encryption: NodeEncryptionKey, retiredEncryption: readonly NodeEncryptionKey[]): NodeKeys {
  const ordered = [published.find((k) => k.kid === current.kid)!, ...published.filter((k) => k.kid !== current.kid)];
  const publicByKid = new Map<string, KeyObject>();
  for (const k of ordered) publicByKid.set(k.kid, createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: k.x }, format: 'jwk' }));
  return {
    kid: current.kid,
    publicJwk: current,
    fingerprint: fingerprintOf(current),
    publicJwks: () => ({ keys: ordered.map((k) => ({ ...k })) }),
    encryption,
    retiredEncryption,
    async signCompactJws(payload, header = {}) {
      return signCompact(privateKey, payload, { ...header, alg: 'EdDSA', kid: current.kid });
    },
    signBytes(data) {
      return edSign(null, data, privateKey);
    },
    verifyBytes(kid, data, signature) {
      const key = publicByKid.get(kid);
      if (!key || signature.length !== 64) return false;
      return edVerify(null, data, key, signature);
    },
  };
}

const B64URL = /^[A-Za-z0-9_-]+$/;

/**
 * Compact JWS (RFC 7515) with EdDSA over Ed25519, made with node:crypto: base64url(JSON of the header) "."
 * base64url(payload) "." base64url(signature over those two). The same bytes jose's CompactSign makes
 * (Ed25519 is deterministic; keys.test.ts checks both against each other).
 */
function signCompact(privateKey: KeyObject, payload: object | string, header: Record<string, unknown>): string {
  const signingInput = `${Buffer.from(JSON.stringify(header), 'utf8').toString('base64url')}.${Buffer.from(typeof payload === 'string' ? payload : JSON.stringify(payload), 'utf8').toString('base64url')}`;
  return `${signingInput}.${edSign(null, Buffer.from(signingInput, 'ascii'), privateKey).toString('base64url')}`;
}

function verifySignature(publicKey: KeyObject, signingInput: string, signature: string): boolean {
  const sig = Buffer.from(signature, 'base64url');
  if (sig.length !== 64) return false;
  try {
    return edVerify(null, Buffer.from(signingInput, 'ascii'), publicKey, sig);
  } catch {
    return false;
  }
}

/** Public Ed25519 keys by their x, with their RFC 7638 thumbprint: pinned keys are few and verified again and again. */
const ed25519Keys = new Map<string, { kid: string; publicKey: KeyObject }>();

function ed25519Key(x: string): { kid: string; publicKey: KeyObject } {
  let known = ed25519Keys.get(x);
  if (!known) {
    if (ed25519Keys.size >= 1024) ed25519Keys.clear();
    const kid = createHash('sha256').update(JSON.stringify({ crv: 'Ed25519', kty: 'OKP', x })).digest('base64url');
    let publicKey: KeyObject;
    try {
      publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' });
    } catch {
      throw new JwsVerificationError('the key is not an Ed25519 public key');
    }
    known = { kid, publicKey };
    ed25519Keys.set(x, known);
  }
  return known;
}

export class JwsVerificationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JwsVerificationError';
  }
}

/**
 * Verifies a compact JWS made by `signCompactJws` (here or on a peer node) against a JWK set: the
 * key is chosen by the header's kid, only EdDSA is accepted (no alg confusion), and the payload must
 * be a JSON object.
 */
export async function verifyCompactJws(token: string, jwks: Jwks | { keys: JWK[] }): Promise<{ payload: Record<string, unknown>; kid: string; header: Record<string, unknown> }> {
  let header: Record<string, unknown>;
  try {
    header = decodeProtectedHeader(token) as Record<string, unknown>;
  } catch {
    throw new JwsVerificationError('not a compact JWS');
  }
  if (header.alg !== 'EdDSA') throw new JwsVerificationError(`unsupported alg ${String(header.alg)}`);
  const kid = header.kid;
  if (typeof kid !== 'string') throw new JwsVerificationError('JWS has no kid');
  const jwk = jwks.keys.find((k) => k.kid === kid);
  if (!jwk) throw new JwsVerificationError(`unknown key ${kid}`);
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519') throw new JwsVerificationError(`key ${kid} is not Ed25519`);
  // The kid must be the key's own thumbprint, so a JWK set cannot present another key under a trusted kid.
  const key = ed25519Key(String(jwk.x));
  if (key.kid !== kid) throw new JwsVerificationError(`key ${kid} does not match its thumbprint`);
  let payloadBytes: Uint8Array;
  if (header.crit === undefined && header.b64 === undefined) {
    // The common case, with node:crypto directly (WebCrypto's per-call key import and job costs ten times more).
    const parts = token.split('.');
    if (parts.length !== 3 || !parts.every((p) => B64URL.test(p)) || !verifySignature(key.publicKey, `${parts[0]}.${parts[1]}`, parts[2])) {
      throw new JwsVerificationError('signature does not verify');
    }
    payloadBytes = Buffer.from(parts[1], 'base64url');
  } else {
    // Critical header extensions: jose's rules.
    try {
      ({ payload: payloadBytes } = await compactVerify(token, await importJWK({ kty: 'OKP', crv: 'Ed25519', x: String(jwk.x) }, 'EdDSA'), { algorithms: ['EdDSA'] }));
    } catch {
      throw new JwsVerificationError('signature does not verify');
    }
  }
  let payload: unknown;
  try {
    payload = JSON.parse(new TextDecoder().decode(payloadBytes));
  } catch {
    throw new JwsVerificationError('payload is not JSON');
  }
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) throw new JwsVerificationError('payload is not a JSON object');
  return { payload: payload as Record<string, unknown>, kid, header };
}

/**
 * Makes the keys a rotation will switch to, on disk beside the current ones (so an announcement signed with
 * the old key never names a key that a crash could lose), or returns those made by an interrupted rotation.
 */
export async function prepareNodeKeyRotation(config: Pick<Config, 'keysDir'>): Promise<NextNodeKeys> {
  await loadNodeKeys(config);
  const dir = config.keysDir;
  createPrivateKeyFileIfAbsent(dir, NEXT_PRIVATE_FILE, 'ed25519');
  createPrivateKeyFileIfAbsent(dir, NEXT_ENCRYPTION_FILE, 'x25519');
  const privateKey = createPrivateKey(fs.readFileSync(path.join(dir, NEXT_PRIVATE_FILE), 'utf8'));
  const publicJwk = await jwkOf(createPublicKey(privateKey));
  const encPrivate = createPrivateKey(fs.readFileSync(path.join(dir, NEXT_ENCRYPTION_FILE), 'utf8'));
  const encJwk = await encryptionJwkOf(createPublicKey(encPrivate));
  return {
    kid: publicJwk.kid,
    publicJwk,
    encryption: { kid: encJwk.kid, publicJwk: encJwk },
    async signCompactJws(payload, header = {}) {
      return signCompact(privateKey, payload, { ...header, alg: 'EdDSA', kid: publicJwk.kid });
    },
  };
}

/**
 * Replaces the current key with a new one (the one prepareNodeKeyRotation made, if any); the old public key
 * stays in jwks.json marked retired so everything it signed still verifies. With `encryption`, the X25519 key
 * is replaced too and the old one kept (node-x25519.retired.<kid>.pem) to open envelopes still in flight to it.
 * Returns the new keys.
 */
export async function rotateNodeKeys(config: Pick<Config, 'keysDir'>, now: Date = new Date(), options: { encryption?: boolean } = {}): Promise<{ retired: string; current: NodeKeys }> {
  const before = await loadNodeKeys(config);
  const dir = config.keysDir;
  const nextFile = path.join(dir, NEXT_PRIVATE_FILE);
  const privateKey = fs.existsSync(nextFile) ? createPrivateKey(fs.readFileSync(nextFile, 'utf8')) : generateKeyPairSync('ed25519').privateKey;
  const next = await jwkOf(createPublicKey(privateKey));
  const published = readJwksFile(dir).map((k) => (k.kid === before.kid && !k.retired ? { ...k, retired: now.toISOString() } : k));
  if (!published.some((k) => k.kid === before.kid)) published.push({ ...before.publicJwk, retired: now.toISOString() });
  if (!published.some((k) => k.kid === next.kid)) published.unshift({ ...next, created: now.toISOString() });
  if (options.encryption) {
    // The old X25519 key is kept under its kid before the new one takes its name.
    const encFile = path.join(dir, ENCRYPTION_FILE);
    fs.copyFileSync(encFile, path.join(dir, `node-x25519.retired.${before.encryption.kid}.pem`));
    const nextEnc = path.join(dir, NEXT_ENCRYPTION_FILE);
    const encPem = fs.existsSync(nextEnc) ? fs.readFileSync(nextEnc, 'utf8') : (generateKeyPairSync('x25519').privateKey.export({ format: 'pem', type: 'pkcs8' }) as string);
    writeAtomic(encFile, encPem, 0o600);
  }
  // Public keys first: if we crash between the writes, the new key is already published.
  writeAtomic(path.join(dir, JWKS_FILE), `${JSON.stringify({ keys: published }, null, 2)}\n`, 0o644);
  writeAtomic(path.join(dir, PRIVATE_FILE), privateKey.export({ format: 'pem', type: 'pkcs8' }) as string, 0o600);
  for (const f of [NEXT_PRIVATE_FILE, ...(options.encryption ? [NEXT_ENCRYPTION_FILE] : [])]) fs.rmSync(path.join(dir, f), { force: true });
  cache.delete(dir);
  return { retired: before.kid, current: await loadNodeKeys(config) };
}
