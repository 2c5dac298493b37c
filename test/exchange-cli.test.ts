import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startExchangeNode, type ExchangeNode } from './support/exchange-nodes.ts';

/**
 * `custodia peers …` as an administrator runs them on an embedded node (XA), against a real peer node (XB)
 * listening on loopback: the fingerprints its key set offers, enrolment with the one read out, a suspension,
 * the list (each command a process of its own, as an operator runs them).
 */
const ROOT = path.resolve(import.meta.dirname, '..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-peers-cli-'));

function custodia(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, CUSTODIA_DATA_DIR: path.join(dir, 'xa'), CUSTODIA_STATE: 'XA', LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  delete env.CUSTODIA_KEYS_DIR;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/custodia.mjs'), ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('custodia peers (command line, embedded database)', () => {
  let b: ExchangeNode;
  beforeAll(async () => {
    b = await startExchangeNode('pglite', 'XB', 'xb-keys');
  }, 120_000);
  afterAll(async () => {
    await b?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('enrols a peer by fingerprint, suspends and lists it', async () => {
    const preview = await custodia(['peers', 'add', 'XB', '--url', b.url]);
    expect(preview.code, preview.stderr).toBe(0);
    expect(preview.stdout).toContain(b.fingerprint);

    const added = await custodia(['peers', 'add', 'XB', '--url', b.url, '--fingerprint', b.fingerprint, '--allow', 'import_authorisation_answer']);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toContain(`current key ${b.keys.kid}`);

    const suspended = await custodia(['peers', 'suspend', 'XB', '--reason', 'audit of the link']);
    expect(suspended.stdout).toContain('XB  suspended (audit of the link)');

    const carrying = await custodia(['peers', 'carry-for', 'XB']);
    expect(carrying.code, carrying.stderr).toBe(0);
    expect(carrying.stdout).toContain('may hand this node envelopes for other peers to carry');

    const listed = await custodia(['peers', 'list', '--json']);
    const [peer] = JSON.parse(listed.stdout);
    expect(peer).toMatchObject({ state: 'XB', status: 'suspended', relayAllowed: true, allowedTypes: ['import_authorisation_answer'], pins: [{ kid: b.keys.kid, source: 'enrolment', acceptUntil: null }] });
  }, 300_000);
});
