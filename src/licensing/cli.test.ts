import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadNodeKeys } from '../platform/crypto/keys.ts';
import { registerLicensingCommands, tokenFromArgument } from './cli.ts';

const run = promisify(execFile);

describe('custodia verify-licence', () => {
  let dir: string;
  let token: string;
  let jwksFile: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-licensing-cli-'));
    const keys = await loadNodeKeys({ keysDir: dir });
    token = await keys.signCompactJws({ iss: 'XC', sub: 'XC-EXP-2026-000001', lh: 'ab'.repeat(32), vf: '2026-06-01', vt: '2027-03-31', iat: 1_780_000_000 }, { typ: 'custodia-licence+jws' });
    jwksFile = path.join(dir, 'published.json');
    fs.writeFileSync(jwksFile, JSON.stringify(keys.publicJwks()));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function cli(args: string[]) {
    const out: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
    const err = vi.spyOn(process.stderr, 'write').mockImplementation((s) => (out.push(String(s)), true));
    process.exitCode = undefined;
    try {
      const program = new Command('custodia').exitOverride();
      registerLicensingCommands(program);
      await program.parseAsync(['node', 'custodia', 'verify-licence', ...args]);
      return { out: out.join(''), code: process.exitCode ?? 0 };
    } finally {
      spy.mockRestore();
      err.mockRestore();
      process.exitCode = undefined;
    }
  }

  it('verifies a token offline against a published JWK set', async () => {
    const r = await cli([token, '--jwks', jwksFile, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ valid: true, licence: 'XC-EXP-2026-000001', expiresOn: '2027-03-31' });
  });

  it('accepts the whole verification URL from the QR code', () => {
    expect(tokenFromArgument(`https://custodia.example/verify/XC-EXP-2026-000001?t=${token}`)).toBe(token);
  });

  it('rejects a tampered token and a token signed by another key', async () => {
    const [h, p, s] = token.split('.');
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...claims, vt: '2099-01-01' })).toString('base64url')}.${s}`;
    const r = await cli([forged, '--jwks', jwksFile, '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toMatchObject({ valid: false, problem: 'signature does not verify' });
    const other = await loadNodeKeys({ keysDir: path.join(dir, 'other') });
    fs.writeFileSync(path.join(dir, 'other.json'), JSON.stringify(other.publicJwks()));
    expect((await cli([token, '--jwks', path.join(dir, 'other.json'), '--json'])).code).toBe(1);
  });

  it('runs from the custodia command with the node’s own keys', async () => {
    const bin = path.resolve('bin/custodia.mjs');
    const { stdout } = await run(process.execPath, [bin, 'verify-licence', token], { env: { ...process.env, CUSTODIA_KEYS_DIR: dir, CUSTODIA_DATA_DIR: dir } });
    expect(stdout).toContain('VALID signature');
    expect(stdout).toContain('XC-EXP-2026-000001');
  });
});
