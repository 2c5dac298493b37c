import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Role } from '../../src/platform/auth/actor.ts';
import { enrolmentFingerprint, loadNodeKeys, type NodeKeys } from '../../src/platform/crypto/keys.ts';
import type { Engine } from '../../src/platform/db/types.ts';
import { createExchangeService, type ExchangeService, type ExchangeServiceOptions } from '../../src/exchange/service.ts';
import { createTestApp, type TestApp } from './app.ts';
import { EXCHANGE_FIXTURES } from './exchange-keys.ts';
import { startTcpProxy, type TcpProxy } from './tcp-proxy.ts';

/**
 * One State's node for exchange tests: a real app listening on loopback (reached through a TCP proxy, so a
 * test can take it out of reach and back), its keys (a copy of a committed test key directory, or fresh),
 * and an exchange service over its database for the sender loop, which tests drive pass by pass.
 */
export interface ExchangeNode {
  state: string;
  t: TestApp;
  keys: NodeKeys;
  keysDir: string;
  fingerprint: string;
  proxy: TcpProxy;
  /** http://127.0.0.1:<proxy port> */
  url: string;
  svc: ExchangeService;
  headers(role: Role): Promise<Record<string, string>>;
  close(): Promise<void>;
}

export async function startExchangeNode(engine: Engine, state: string, fixture: 'xa-keys' | 'xb-keys' | null, options: ExchangeServiceOptions = {}): Promise<ExchangeNode> {
  const keysDir = fs.mkdtempSync(path.join(os.tmpdir(), `custodia-node-${state}-`));
  if (fixture) fs.cpSync(path.join(EXCHANGE_FIXTURES, fixture), keysDir, { recursive: true });
  const t = await createTestApp(engine, { state, keysDir });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const port = (t.app.server.address() as { port: number }).port;
  const proxy = await startTcpProxy({ host: '127.0.0.1', port });
  const keys = await loadNodeKeys({ keysDir });
  const svc = createExchangeService(t.deps, { random: () => 0.5, ...options, settings: { retryBaseMs: 1_000, retryMaxMs: 60_000, requestTimeoutMs: 5_000, ...options.settings } });
  return {
    state,
    t,
    keys,
    keysDir,
    fingerprint: await enrolmentFingerprint(keys.publicJwk),
    proxy,
    url: `http://127.0.0.1:${proxy.port}`,
    svc,
    headers: (role) => t.headersFor(role),
    async close() {
      await proxy.close();
      await t.close();
      fs.rmSync(keysDir, { recursive: true, force: true });
    },
  };
}

/** Enrols `peer` at `node` through the node's API, as its administrator would after the telephone call. */
export async function enrol(node: ExchangeNode, peer: ExchangeNode, allowedTypes: string[]): Promise<void> {
  const res = await node.t.app.inject({
    method: 'POST',
    url: '/api/v1/exchange/peers',
    headers: await node.headers('administrator'),
    payload: { state: peer.state, baseUrl: peer.url, fingerprint: peer.fingerprint, allowedTypes },
  });
  if (res.statusCode !== 201) throw new Error(`enrolling ${peer.state} at ${node.state}: ${res.statusCode} ${res.body}`);
}
