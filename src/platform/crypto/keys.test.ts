import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { calculateJwkThumbprint, CompactEncrypt, CompactSign, compactVerify, importJWK } from 'jose';
import { createPrivateKey } from 'node:crypto';
import { enrolmentFingerprint, KEY_FILES, JwsVerificationError, loadNodeKeys, prepareNodeKeyRotation, rotateNodeKeys, verifyCompactJws } from './keys.ts';
import { createTestApp } from '../../../test/support/app.ts';
import { ENGINES } from '../../../test/support/engines.ts';

const dirs: string[] = [];
function tempKeysDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-keys-'));
  dirs.push(d);
  return path.join(d, 'keys');
}
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('node keys', () => {
  it('creates an Ed25519 key on first use, private file 0600, kid = RFC 7638 thumbprint', async () => {
    const keysDir = tempKeysDir();
    const keys = await loadNodeKeys({ keysDir });
    const stat = fs.statSync(path.join(keysDir, KEY_FILES.private));
    expect(stat.mode & 0o777).toBe(0o600);
    expect(keys.publicJwk.kty).toBe('OKP');
    expect(keys.publicJwk.crv).toBe('Ed25519');
    expect(keys.kid).toBe(await calculateJwkThumbprint({ kty: 'OKP', crv: 'Ed25519', x: keys.publicJwk.x }, 'sha256'));
    expect(keys.fingerprint).toMatch(/^([0-9a-f]{2}:){31}[0-9a-f]{2}$/);
    expect(fs.readFileSync(path.join(keysDir, KEY_FILES.private), 'utf8')).toContain('PRIVATE KEY');
    // The public key set never contains private material.
    expect(JSON.stringify(keys.publicJwks())).not.toMatch(/"d"/);
  });

  it('reuses the same key on the next start', async () => {
    const keysDir = tempKeysDir();
    const a = await loadNodeKeys({ keysDir });
    const again = await loadNodeKeys({ keysDir: `${keysDir}/` .replace(/\/$/, '') });
    expect(again.kid).toBe(a.kid);
  });

  it('signs a compact JWS with alg EdDSA and kid, verifiable against the JWK set', async () => {
    const keys = await loadNodeKeys({ keysDir: tempKeysDir() });
    const token = await keys.signCompactJws({ licence: 'XC-2026-0001', qty: 3 });
    const header = JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString());
    expect(header).toEqual({ alg: 'EdDSA', kid: keys.kid });
    const { payload, kid } = await verifyCompactJws(token, keys.publicJwks());
    expect(payload).toEqual({ licence: 'XC-2026-0001', qty: 3 });
    expect(kid).toBe(keys.kid);
  });

  it('refuses a tampered payload, an unknown key, another alg, and a kid that is not the key thumbprint', async () => {
    const keys = await loadNodeKeys({ keysDir: tempKeysDir() });
    const other = await loadNodeKeys({ keysDir: tempKeysDir() });
    const token = await keys.signCompactJws({ a: 1 });
    const [h, , s] = token.split('.');
    const forged = `${h}.${Buffer.from(JSON.stringify({ a: 2 })).toString('base64url')}.${s}`;
    await expect(verifyCompactJws(forged, keys.publicJwks())).rejects.toThrow(JwsVerificationError);
    await expect(verifyCompactJws(token, other.publicJwks())).rejects.toThrow(/unknown key/);
    const hs = `${Buffer.from(JSON.stringify({ alg: 'HS256', kid: keys.kid })).toString('base64url')}.${token.split('.')[1]}.${s}`;
    await expect(verifyCompactJws(hs, keys.publicJwks())).rejects.toThrow(/unsupported alg/);
    // A JWK set that presents another key under this node's kid.
    const impostor = { keys: [{ ...other.publicJwk, kid: keys.kid }] };
    const byOther = await other.signCompactJws({ a: 1 });
    const relabelled = `${Buffer.from(JSON.stringify({ alg: 'EdDSA', kid: keys.kid })).toString('base64url')}.${byOther.split('.')[1]}.${byOther.split('.')[2]}`;
    await expect(verifyCompactJws(relabelled, impostor)).rejects.toThrow(/thumbprint/);
    await expect(verifyCompactJws('not-a-jws', keys.publicJwks())).rejects.toThrow(JwsVerificationError);
  });

  it('rotation makes a new current key and keeps the retired public key for verification', async () => {
    const keysDir = tempKeysDir();
    const before = await loadNodeKeys({ keysDir });
    const oldToken = await before.signCompactJws({ n: 1 });
    const oldSig = before.signBytes(Buffer.from('checkpoint'));
    const { retired, current } = await rotateNodeKeys({ keysDir }, new Date('2026-06-01T00:00:00Z'));
    expect(retired).toBe(before.kid);
    expect(current.kid).not.toBe(before.kid);
    expect((await loadNodeKeys({ keysDir })).kid).toBe(current.kid);
    const set = current.publicJwks();
    expect(set.keys[0].kid).toBe(current.kid);
    expect(set.keys.find((k) => k.kid === before.kid)?.retired).toBe('2026-06-01T00:00:00.000Z');
    expect((await verifyCompactJws(oldToken, set)).kid).toBe(before.kid);
    expect(current.verifyBytes(before.kid, Buffer.from('checkpoint'), oldSig)).toBe(true);
    expect(current.verifyBytes(before.kid, Buffer.from('checkpoinT'), oldSig)).toBe(false);
    expect(fs.statSync(path.join(keysDir, KEY_FILES.private)).mode & 0o777).toBe(0o600);
  });
});

describe('node encryption key (X25519)', () => {
  it('is created beside the signing key, private file 0600, kid = RFC 7638 thumbprint', async () => {
    const keysDir = tempKeysDir();
    const keys = await loadNodeKeys({ keysDir });
    expect(fs.statSync(path.join(keysDir, KEY_FILES.encryption)).mode & 0o777).toBe(0o600);
    expect(keys.encryption.publicJwk).toMatchObject({ kty: 'OKP', crv: 'X25519', use: 'enc', alg: 'ECDH-ES' });
    expect(keys.encryption.kid).toBe(await calculateJwkThumbprint({ kty: 'OKP', crv: 'X25519', x: keys.encryption.publicJwk.x }, 'sha256'));
    // Not in the signing key set: verifiers of licences and checkpoints see only signing keys.
    expect(keys.publicJwks().keys.some((k) => k.kid === keys.encryption.kid)).toBe(false);
  });

  it('is added to a key directory made before it existed, leaving the signing key as it was', async () => {
    const keysDir = tempKeysDir();
    const before = await loadNodeKeys({ keysDir });
    const token = await before.signCompactJws({ n: 1 });
    fs.unlinkSync(path.join(keysDir, KEY_FILES.encryption));
    // A later start (the cache follows the signing key's file, so touch it as a new process would see it).
    fs.utimesSync(path.join(keysDir, KEY_FILES.private), new Date(), new Date(Date.now() + 1000));
    const after = await loadNodeKeys({ keysDir });
    expect(after.kid).toBe(before.kid);
    expect(after.encryption.kid).not.toBe(before.encryption.kid);
    expect((await verifyCompactJws(token, after.publicJwks())).kid).toBe(before.kid);
  });

  it('decrypts ECDH-ES + A256GCM made to it, refuses another key exchange, and survives signing-key rotation', async () => {
    const keysDir = tempKeysDir();
    const keys = await loadNodeKeys({ keysDir });
    const to = async (alg: string, enc: string) =>
      new CompactEncrypt(new TextEncoder().encode('secret')).setProtectedHeader({ alg, enc }).encrypt(await importJWK({ kty: 'OKP', crv: 'X25519', x: keys.encryption.publicJwk.x }, alg));
    const { plaintext } = await keys.encryption.decryptCompactJwe(await to('ECDH-ES', 'A256GCM'));
    expect(new TextDecoder().decode(plaintext)).toBe('secret');
    await expect(keys.encryption.decryptCompactJwe(await to('ECDH-ES+A128KW', 'A128GCM'))).rejects.toThrow();
    const { current } = await rotateNodeKeys({ keysDir });
    expect(current.encryption.kid).toBe(keys.encryption.kid);
  });

  it('rotates the X25519 key when asked, to the key prepared beforehand, and keeps the old one to open what was made to it', async () => {
    const keysDir = tempKeysDir();
    const keys = await loadNodeKeys({ keysDir });
    const toOld = await new CompactEncrypt(new TextEncoder().encode('in flight')).setProtectedHeader({ alg: 'ECDH-ES', enc: 'A256GCM' }).encrypt(await importJWK({ kty: 'OKP', crv: 'X25519', x: keys.encryption.publicJwk.x }, 'ECDH-ES'));
    const next = await prepareNodeKeyRotation({ keysDir });
    expect((await prepareNodeKeyRotation({ keysDir })).kid).toBe(next.kid);
    const { current } = await rotateNodeKeys({ keysDir }, new Date('2026-06-01T00:00:00Z'), { encryption: true });
    expect([current.kid, current.encryption.kid]).toEqual([next.kid, next.encryption.kid]);
    expect(current.retiredEncryption.map((k) => k.kid)).toEqual([keys.encryption.kid]);
    await expect(current.encryption.decryptCompactJwe(toOld)).rejects.toThrow();
    expect(new TextDecoder().decode((await current.retiredEncryption[0].decryptCompactJwe(toOld)).plaintext)).toBe('in flight');
    expect(current.publicJwks().keys.map((k) => [k.kid, k.retired ?? null])).toEqual([[next.kid, null], [keys.kid, '2026-06-01T00:00:00.000Z']]);
  });
});

describe('signing exact bytes and enrolment fingerprints', () => {
  it('signs a string payload as given (canonical JSON stays canonical)', async () => {
    const keys = await loadNodeKeys({ keysDir: tempKeysDir() });
    const text = '{"b":1,"a":2}';
    const token = await keys.signCompactJws(text, { typ: 'x+jws' });
    expect(Buffer.from(token.split('.')[1], 'base64url').toString()).toBe(text);
    expect(JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString())).toEqual({ typ: 'x+jws', alg: 'EdDSA', kid: keys.kid });
  });

  it('makes the same bytes as jose, and what jose makes and verifies is verified here (node:crypto fast path)', async () => {
    const dir = tempKeysDir();
    const keys = await loadNodeKeys({ keysDir: dir });
    const privateKey = createPrivateKey(fs.readFileSync(path.join(dir, KEY_FILES.private), 'utf8'));
    const text = '{"a":"é","n":[1,2.5]}';
    const ours = await keys.signCompactJws(text, { typ: 'x+jws' });
    const theirs = await new CompactSign(new TextEncoder().encode(text)).setProtectedHeader({ typ: 'x+jws', alg: 'EdDSA', kid: keys.kid }).sign(privateKey);
    expect(ours).toBe(theirs);
    const { payload } = await compactVerify(ours, await importJWK(keys.publicJwk, 'EdDSA'));
    expect(new TextDecoder().decode(payload)).toBe(text);
    expect((await verifyCompactJws(theirs, keys.publicJwks())).payload).toEqual({ a: 'é', n: [1, 2.5] });
    // A signature one bit off, and a token with padding or a fourth part, are refused.
    const [h, p, sig] = ours.split('.');
    const flipped = Buffer.from(sig, 'base64url');
    flipped[0] ^= 1;
    await expect(verifyCompactJws(`${h}.${p}.${flipped.toString('base64url')}`, keys.publicJwks())).rejects.toThrow(/signature does not verify/);
    await expect(verifyCompactJws(`${h}.${p}=.${sig}`, keys.publicJwks())).rejects.toThrow(JwsVerificationError);
    await expect(verifyCompactJws(`${ours}.${sig}`, keys.publicJwks())).rejects.toThrow(JwsVerificationError);
    // A critical extension nobody here understands: refused as jose refuses it.
    const crit = await keys.signCompactJws('{}', { crit: ['exp'], exp: 1 });
    await expect(verifyCompactJws(crit, keys.publicJwks())).rejects.toThrow(/signature does not verify/);
  });

  it('the enrolment fingerprint is the kid (RFC 7638 thumbprint) in 16 groups of 4 upper-case hex digits', async () => {
    const keys = await loadNodeKeys({ keysDir: tempKeysDir() });
    const fp = await enrolmentFingerprint(keys.publicJwk);
    expect(fp).toMatch(/^[0-9A-F]{4}( [0-9A-F]{4}){15}$/);
    expect(fp.replace(/ /g, '')).toBe(Buffer.from(keys.kid, 'base64url').toString('hex').toUpperCase());
  });
});

describe('GET /.well-known/jwks.json', () => {
  for (const engine of ENGINES) {
    it(`serves the public keys without authentication [${engine}]`, async () => {
      const keysDir = tempKeysDir();
      const t = await createTestApp(engine, { keysDir });
      try {
        const keys = await loadNodeKeys({ keysDir });
        const res = await t.app.inject({ method: 'GET', url: '/.well-known/jwks.json' });
        expect(res.statusCode).toBe(200);
        const body = res.json();
        expect(body.keys[0].kid).toBe(keys.kid);
        expect(JSON.stringify(body)).not.toMatch(/"d"/);
      } finally {
        await t.close();
      }
    });
  }
});
