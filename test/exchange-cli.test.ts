import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '../src/platform/db/pglite.ts';
import { startExchangeNode, type ExchangeNode } from './support/exchange-nodes.ts';
import { runCustodia, type CliResult } from './support/processes.ts';

/**
 * `custodia peers …` and `custodia keys …` as an administrator runs them on an embedded node (XA), against real
 * peer nodes (XB, XC) listening on loopback: the fingerprints its key set offers, enrolment with the one read
 * out, a suspension, the list, delivery through a relay and back to direct, a key rotation announced to the
 * peers (each command a process of its own, as an operator runs them).
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-peers-cli-'));

function custodia(args: string[]): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, CUSTODIA_DATA_DIR: path.join(dir, 'xa'), CUSTODIA_STATE: 'XA', LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  delete env.CUSTODIA_KEYS_DIR;
  return runCustodia(env, args);
}

describe('custodia peers (command line, embedded database)', () => {
  let b: ExchangeNode;
  let c: ExchangeNode;
  beforeAll(async () => {
    b = await startExchangeNode('pglite', 'XB', 'xb-keys');
    c = await startExchangeNode('pglite', 'XC', null);
  }, 180_000);
  afterAll(async () => {
    await b?.close();
    await c?.close();
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

  it('sends to a peer through another peer\'s node and directly again (custodia peers relay)', async () => {
    expect((await custodia(['peers', 'reactivate', 'XB'])).code).toBe(0);
    // A relay must be another enrolled peer.
    const unknown = await custodia(['peers', 'relay', 'XB', '--via', 'XC']);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('XC is not another enrolled peer');

    const added = await custodia(['peers', 'add', 'XC', '--url', c.url, '--fingerprint', c.fingerprint]);
    expect(added.code, added.stderr).toBe(0);
    const relayed = await custodia(['peers', 'relay', 'XB', '--via', 'xc']);
    expect(relayed.code, relayed.stderr).toBe(0);
    expect(relayed.stdout).toContain("delivered through XC's node (encrypted to XB)");
    const listed = JSON.parse((await custodia(['peers', 'list', '--json'])).stdout) as { state: string; relayVia?: string | null }[];
    expect(listed.map((p) => [p.state, p.relayVia ?? null])).toEqual([['XB', 'XC'], ['XC', null]]);

    const direct = await custodia(['peers', 'relay', 'XB', '--direct']);
    expect(direct.code, direct.stderr).toBe(0);
    expect(direct.stdout).toContain('XB  active');
    expect(direct.stdout).not.toContain('delivered through');
  }, 900_000);

  it('rotates the node\'s keys and announces the new ones to every active peer, signed by the old key (custodia keys rotate)', async () => {
    const before = JSON.parse((await custodia(['keys', 'show', '--json'])).stdout) as { keys: { kid: string; crv: string; retired?: string }[] };
    const oldKid = before.keys.find((k) => k.crv === 'Ed25519' && !k.retired)!.kid;
    expect((await custodia(['peers', 'suspend', 'XC', '--reason', 'no announcement for a suspended peer'])).code).toBe(0);

    const rotated = await custodia(['keys', 'rotate']);
    expect(rotated.code, rotated.stderr).toBe(0);
    expect(rotated.stdout).toContain(`retired key: ${oldKid}`);
    expect(rotated.stdout).toContain('announced to: XB (key_rotation envelopes in the outbox)');
    const newKid = /current key: (\S+)/.exec(rotated.stdout)![1];
    expect(newKid).not.toBe(oldKid);

    // The key set the node publishes: the new key current, the old one kept, marked retired.
    const after = JSON.parse((await custodia(['keys', 'show', '--json'])).stdout) as { keys: { kid: string; crv: string; retired?: string }[] };
    expect(after.keys[0]).toMatchObject({ kid: newKid, crv: 'Ed25519' });
    expect(after.keys.find((k) => k.kid === oldKid)?.retired).toBeTruthy();

    // The announcement in XA's outbox (every process has exited: the data directory is free), signed by the old key.
    const db = await openPglite(path.join(dir, 'xa', 'pgdata'));
    try {
      const rows = await db.query<{ peer_state: string; token: string; status: string }>("SELECT peer_state, token, status FROM exchange_outbox WHERE type = 'key_rotation'");
      expect(rows.map((r) => [r.peer_state, r.status])).toEqual([['XB', 'pending']]);
      const [header, payload] = rows[0].token.split('.').slice(0, 2).map((p) => JSON.parse(Buffer.from(p, 'base64url').toString('utf8')));
      expect(header.kid).toBe(oldKid);
      expect(payload).toMatchObject({ from: 'XA', to: 'XB', type: 'key_rotation', body: { retiringKid: oldKid, newKey: { kid: newKid } } });
    } finally {
      await db.close();
    }
  }, 900_000);
});
