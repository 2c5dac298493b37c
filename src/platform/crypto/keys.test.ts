import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { calculateJwkThumbprint } from 'jose';
import { KEY_FILES, JwsVerificationError, loadNodeKeys, rotateNodeKeys, verifyCompactJws } from './keys.ts';
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
