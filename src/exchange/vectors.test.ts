import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compactDecrypt, compactVerify, decodeProtectedHeader, importJWK } from 'jose';
import type { NodeKeys } from '../platform/crypto/keys.ts';
import { EXCHANGE_FIXTURES, testNodeKeys } from '../../test/support/exchange-keys.ts';
import { signEnvelope, verifyIncoming } from './envelope.ts';
import { DEFAULT_LIMITS, type Envelope, type PeerRecord } from './model.ts';
import { confirmEnrolment, verifiedEncryptionKey } from './pins.ts';

/**
 * The committed test vectors of docs/exchange.md (test/fixtures/exchange), checked three ways: by
 * Custodia's own code, by a standard JOSE library, and by hand with node:crypto alone, following only
 * what the document says.
 */

const read = (name: string) => fs.readFileSync(path.join(EXCHANGE_FIXTURES, name), 'utf8');
const envelopeJson = JSON.parse(read('envelope.json')) as Envelope;
const jws = read('envelope.jws').trim();
const jwe = read('envelope.jwe').trim();
const xaJwks = JSON.parse(read('xa.jwks.json')) as { keys: Record<string, string>[] };
const xbJwks = JSON.parse(read('xb.jwks.json')) as { keys: Record<string, string>[] };
const xaSig = xaJwks.keys.find((k) => k.use === 'sig')!;
const xbEnc = xbJwks.keys.find((k) => k.use === 'enc')!;
const NOW = new Date('2026-05-04T10:05:00.000Z');

describe('test vectors with Custodia', () => {
  let xa: NodeKeys;
  let xb: NodeKeys;
  let cleanup: () => void;
  beforeAll(async () => {
    ({ keys: [xa, xb], cleanup } = await testNodeKeys('xa-keys', 'xb-keys'));
  });
  afterAll(() => cleanup());

  it('envelope.jws is exactly what signEnvelope makes of envelope.json with XA\'s key', async () => {
    expect(await signEnvelope(xa, envelopeJson)).toBe(jws);
  });

  it('XB, having enrolled XA by fingerprint, accepts both vectors, the JWE with the key XA bound', async () => {
    const fingerprint = Buffer.from(xaSig.kid, 'base64url').toString('hex').toUpperCase().match(/.{4}/g)!.join(' ');
    const enrolled = await confirmEnrolment(xaJwks, fingerprint, NOW);
    if (!enrolled.ok) throw new Error(enrolled.code);
    const peer: PeerRecord = { state: 'XA', status: 'active', pins: enrolled.pins, allowedTypes: ['import_authorisation_check'] };
    const ctx = { state: 'XB', now: NOW, ...DEFAULT_LIMITS };
    expect(await verifyIncoming(jws, () => peer, xb.encryption, ctx)).toMatchObject({ ok: true, envelope: envelopeJson, relayed: false });
    expect(await verifyIncoming(jwe, () => peer, xb.encryption, ctx)).toMatchObject({ ok: true, envelope: envelopeJson, token: jws, relayed: true });
    // XA, enrolling XB, finds XB's encryption key bound to XB's signing key.
    const xbSig = xbJwks.keys.find((k) => k.use === 'sig')!;
    const peerB: PeerRecord = { state: 'XB', status: 'active', pins: [{ kid: xbSig.kid, x: xbSig.x, pinnedAt: NOW.toISOString(), source: 'enrolment', acceptUntil: null }], allowedTypes: [] };
    expect(await verifiedEncryptionKey(peerB, xbJwks, NOW)).toEqual({ ok: true, key: { kid: xbEnc.kid, x: xbEnc.x } });
  });
});

describe('test vectors with a standard JOSE library (jose)', () => {
  it('the JWS verifies with XA\'s published key and its payload is the envelope', async () => {
    const { payload, protectedHeader } = await compactVerify(jws, await importJWK(xaSig, 'EdDSA'), { algorithms: ['EdDSA'] });
    expect(protectedHeader).toEqual({ typ: 'custodia-envelope+jws', alg: 'EdDSA', kid: xaSig.kid });
    expect(JSON.parse(new TextDecoder().decode(payload))).toEqual(envelopeJson);
  });

  it('the JWE decrypts with XB\'s X25519 private key to the JWS', async () => {
    const privateKey = crypto.createPrivateKey(fs.readFileSync(path.join(EXCHANGE_FIXTURES, 'xb-keys/node-x25519.pem')));
    const { plaintext, protectedHeader } = await compactDecrypt(jwe, privateKey, { keyManagementAlgorithms: ['ECDH-ES'], contentEncryptionAlgorithms: ['A256GCM'] });
    expect(new TextDecoder().decode(plaintext)).toBe(jws);
    expect(protectedHeader).toMatchObject({ kid: xbEnc.kid, from: 'XA', to: 'XB', id: envelopeJson.id, expiresAt: envelopeJson.expiresAt });
    expect(decodeProtectedHeader(jwe).epk).toMatchObject({ kty: 'OKP', crv: 'X25519' });
  });
});

describe('test vectors by hand, with node:crypto only (what another State implements from docs/exchange.md)', () => {
  // RFC 8785 for the values envelopes hold (strings, integers, booleans, null, arrays, objects):
  // members sorted by UTF-16 code units, no whitespace, JSON.stringify's string and number forms.
  function jcs(v: unknown): string {
    if (Array.isArray(v)) return `[${v.map(jcs).join(',')}]`;
    if (v !== null && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      return `{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${jcs(o[k])}`).join(',')}}`;
    }
    return JSON.stringify(v);
  }
  const b64url = (s: string) => Buffer.from(s, 'base64url');

  it('RFC 7638 thumbprint of the published key is its kid', () => {
    const thumb = crypto.createHash('sha256').update(`{"crv":"Ed25519","kty":"OKP","x":"${xaSig.x}"}`).digest('base64url');
    expect(thumb).toBe(xaSig.kid);
  });

  it('the payload is the canonical JSON of envelope.json, and Ed25519 verifies over header.payload', () => {
    const [h, p, s] = jws.split('.');
    expect(JSON.parse(b64url(h).toString('utf8'))).toEqual({ typ: 'custodia-envelope+jws', alg: 'EdDSA', kid: xaSig.kid });
    expect(b64url(p).toString('utf8')).toBe(jcs(envelopeJson));
    const publicKey = crypto.createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: xaSig.x }, format: 'jwk' });
    expect(crypto.verify(null, Buffer.from(`${h}.${p}`, 'ascii'), publicKey, b64url(s))).toBe(true);
    // One changed byte of the signing input and it fails.
    expect(crypto.verify(null, Buffer.from(`${h}.${p.slice(0, -1)}${p.endsWith('A') ? 'B' : 'A'}`, 'ascii'), publicKey, b64url(s))).toBe(false);
  });

  it('the JWE opens with X25519, the Concat KDF of RFC 7518 §4.6.2 and AES-256-GCM', () => {
    const [h, encryptedKey, iv, ciphertext, tag] = jwe.split('.');
    expect(encryptedKey).toBe(''); // ECDH-ES in direct key agreement mode
    const header = JSON.parse(b64url(h).toString('utf8'));
    expect(header).toMatchObject({ alg: 'ECDH-ES', enc: 'A256GCM', kid: xbEnc.kid });
    // Z: the X25519 shared secret of the recipient's private key and the sender's ephemeral public key.
    const recipient = crypto.createPrivateKey(fs.readFileSync(path.join(EXCHANGE_FIXTURES, 'xb-keys/node-x25519.pem')));
    const ephemeral = crypto.createPublicKey({ key: header.epk, format: 'jwk' });
    const z = crypto.diffieHellman({ privateKey: recipient, publicKey: ephemeral });
    // Concat KDF (NIST SP 800-56A) with SHA-256, one round for a 256-bit key:
    // AlgorithmID = len("A256GCM") || "A256GCM"; PartyUInfo = PartyVInfo = len 0 (no apu/apv); SuppPubInfo = 256.
    const u32 = (n: number) => {
      const b = Buffer.alloc(4);
      b.writeUInt32BE(n);
      return b;
    };
    const otherInfo = Buffer.concat([u32(7), Buffer.from('A256GCM'), u32(0), u32(0), u32(256)]);
    const cek = crypto.createHash('sha256').update(Buffer.concat([u32(1), z, otherInfo])).digest();
    // AES-256-GCM; the additional authenticated data is the ASCII of the encoded protected header.
    const decipher = crypto.createDecipheriv('aes-256-gcm', cek, b64url(iv));
    decipher.setAAD(Buffer.from(h, 'ascii'));
    decipher.setAuthTag(b64url(tag));
    const plaintext = Buffer.concat([decipher.update(b64url(ciphertext)), decipher.final()]).toString('ascii');
    expect(plaintext).toBe(jws);
  });
});
