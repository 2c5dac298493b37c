import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import { FixedClock } from '../src/platform/clock.ts';
import { testConfig } from '../src/platform/config.ts';
import { openPostgres } from '../src/platform/db/postgres.ts';
import { openScratchPostgres, type ScratchDb } from '../src/platform/db/scratch.ts';
import type { Db } from '../src/platform/db/types.ts';
import { startTcpProxy, type TcpProxy } from './support/tcp-proxy.ts';
import { insertMachineToken } from './support/tokens.ts';

const url = process.env.TEST_DATABASE_URL;
const silentLog = { info() {}, warn() {}, error() {}, debug() {} };

// PostgreSQL only (CI sets TEST_DATABASE_URL): the embedded database lives in the process and cannot become unreachable.
describe.runIf(url)('while the database server is unreachable', () => {
  let scratch: ScratchDb;
  let proxy: TcpProxy;
  let db: Db;
  let app: FastifyInstance;
  let headers: Record<string, string>;

  beforeAll(async () => {
    scratch = await openScratchPostgres(url!, 'custodia_t');
    const target = new URL(scratch.url);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const through = new URL(scratch.url);
    through.hostname = '127.0.0.1';
    through.port = String(proxy.port);
    db = await openPostgres(through.toString(), 2);
    const clock = new FixedClock(new Date('2026-06-01T10:00:00Z'));
    app = await buildApp({ deps: { db, clock, config: testConfig(), log: silentLog } });
    await app.ready();
    ({ headers } = await insertMachineToken(db, {
      role: 'registry_clerk', organisationId: null, username: 'outage-clerk', displayName: 'clerk', tokenName: 'outage', now: clock.now(), expiresAt: new Date('2999-01-01T00:00:00Z'),
    }));
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
    await proxy?.close();
    await scratch?.close();
  });

  it('answers 503 problem+json with Retry-After on every route, then recovers by itself', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/v1/registry/items', headers })).statusCode).toBe(200);
    await proxy.stop();

    const requests = [
      { method: 'GET' as const, url: '/api/v1/registry/items', headers },
      { method: 'POST' as const, url: '/api/v1/auth/login', payload: { username: 'someone', password: 'a password' } },
      { method: 'GET' as const, url: '/api/v1/public/licences/XC-EXP-2026-000001/verification' },
    ];
    for (const r of requests) {
      const res = await app.inject(r);
      expect(res.statusCode, `${r.method} ${r.url}: ${res.body}`).toBe(503);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.json()).toMatchObject({ status: 503, type: '/problems/unavailable' });
    }

    await proxy.start();
    // The pool opens a new connection on the next query: wait for the condition, not for a time.
    let res = await app.inject({ method: 'GET', url: '/api/v1/registry/items', headers });
    while (res.statusCode === 503) res = await app.inject({ method: 'GET', url: '/api/v1/registry/items', headers });
    expect(res.statusCode).toBe(200);
  });
});
