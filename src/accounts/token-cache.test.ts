import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { FixedClock } from '../platform/clock.ts';
import { testConfig } from '../platform/config.ts';
import { openPostgres } from '../platform/db/postgres.ts';
import { openScratchPostgres, type ScratchDb } from '../platform/db/scratch.ts';
import type { Db } from '../platform/db/types.ts';
import type { Deps } from '../platform/deps.ts';
import { uuidv7 } from '../platform/ids.ts';
import { ENGINES, describeEngines } from '../../test/support/engines.ts';
import { createTestDeps, type TestDeps } from '../../test/support/deps.ts';
import { insertMachineToken } from '../../test/support/tokens.ts';
import { secretDigest } from './model.ts';
import { createAccountsService } from './service.ts';
import { TokenCache, tokenCacheFor } from './token-cache.ts';
import { createServices } from '../modules.ts';

const silent = { info() {}, warn() {}, error() {}, debug() {} };

/** A registry clerk with one API token. */
async function clerkWithToken(db: Db, now: Date): Promise<{ userId: string; tokenId: string; secret: string }> {
  return insertMachineToken(db, { role: 'registry_clerk', username: `clerk-${uuidv7().slice(-8)}`, tokenName: 'customs gateway', now, expiresAt: new Date('2999-01-01T00:00:00Z') });
}

/**
 * Waits until `check` holds (notifications from PostgreSQL arrive on their own connection). No deadline of
 * its own: on a loaded machine a notification takes what it takes; the test's timeout bounds a real failure.
 */
async function eventually(check: () => Promise<boolean> | boolean): Promise<boolean> {
  while (!(await check())) await new Promise((r) => setTimeout(r, 10));
  return true;
}

describe('TokenCache', () => {
  const found = { token: {} as never, user: {} as never };

  it('stores and serves nothing until its listener listens, and forgets everything when it stops', () => {
    const c = new TokenCache();
    c.put('d', found, c.begin());
    expect(c.get('d')).toBeUndefined();
    c.setListening(true);
    c.put('d', found, c.begin());
    expect(c.get('d')).toBe(found);
    c.setListening(false);
    expect(c.get('d')).toBeUndefined();
  });

  it('forgets an entry past its age limit, and keeps it without one (the embedded database, notified in-process)', () => {
    let now = 0;
    const bounded = new TokenCache(60_000, () => now);
    const unbounded = new TokenCache(Infinity, () => now);
    for (const c of [bounded, unbounded]) {
      c.setListening(true);
      c.put('d', found, c.begin());
    }
    now = 60_001;
    expect(bounded.get('d')).toBeUndefined();
    expect(unbounded.get('d')).toBe(found);
  });

  it('never stores a lookup that began before a change was announced', () => {
    const c = new TokenCache();
    c.setListening(true);
    const begun = c.begin();
    c.clear(); // a notification arrived while the lookup was reading the old row
    c.put('d', found, begun);
    expect(c.get('d')).toBeUndefined();
    expect(c.size).toBe(0);
  });
});

describeEngines('API tokens resolved from the per-process cache', (engine) => {
  let deps: TestDeps;
  let service: ReturnType<typeof createAccountsService>;
  beforeAll(async () => {
    deps = await createTestDeps(engine);
    service = createServices(deps).accounts;
  });
  afterAll(async () => {
    await deps?.close();
  });
  let clerk: { userId: string; tokenId: string; secret: string };
  beforeEach(async () => {
    clerk = await clerkWithToken(deps.db, deps.clock.now());
    expect(await eventually(() => tokenCacheFor(deps.db).isListening)).toBe(true);
  });
  const accepted = async () => (await service.authenticateToken(clerk.secret)) !== undefined;

  it('serves a resolved token from the cache, and the last-used touch does not clear it', async () => {
    expect(await accepted()).toBe(true); // first use also writes last_used_at
    const cache = tokenCacheFor(deps.db);
    expect(cache.get(secretDigest(clerk.secret))?.token.id).toBe(clerk.tokenId);
    await deps.db.query('UPDATE api_tokens SET last_used_at = $2 WHERE id = $1', [clerk.tokenId, new Date()]);
    await new Promise((r) => setTimeout(r, 50));
    expect(cache.get(secretDigest(clerk.secret))?.token.id).toBe(clerk.tokenId);
  });

  it('refuses a token revoked by plain SQL (another tool or process) once the change is committed', async () => {
    expect(await accepted()).toBe(true);
    await deps.db.query("UPDATE api_tokens SET revoked_at = $2, revoke_reason = 'leaked' WHERE id = $1", [clerk.tokenId, deps.clock.now()]);
    if (engine === 'pglite') expect(await accepted()).toBe(false); // one connection: notified at commit
    expect(await eventually(async () => !(await accepted()))).toBe(true);
  });

  it('refuses the token of a user deactivated or given another role by plain SQL', async () => {
    expect(await accepted()).toBe(true);
    await deps.db.query("UPDATE users SET role = 'auditor' WHERE id = $1", [clerk.userId]);
    expect(await eventually(async () => !(await accepted()))).toBe(true);
    const other = await clerkWithToken(deps.db, deps.clock.now());
    expect(await service.authenticateToken(other.secret)).toBeDefined();
    await deps.db.query('UPDATE users SET active = false WHERE id = $1', [other.userId]);
    expect(await eventually(async () => (await service.authenticateToken(other.secret)) === undefined)).toBe(true);
  });

  it('refuses a token revoked through the service at once, in this process', async () => {
    expect(await accepted()).toBe(true);
    const admin = { kind: 'user' as const, userId: uuidv7(), name: 'Admin', role: 'administrator' as const, organisationId: null };
    await service.revokeToken(admin, clerk.tokenId, { reason: 'gateway replaced' });
    expect(await accepted()).toBe(false);
  });

  it('still checks expiry on every request against the cached row', async () => {
    expect(await accepted()).toBe(true);
    const clock = deps.clock as FixedClock;
    const before = clock.now();
    clock.set('3000-01-01T00:00:00Z');
    try {
      expect(await accepted()).toBe(false);
    } finally {
      clock.set(before.toISOString());
    }
  });
});

describe.skipIf(!ENGINES.includes('postgres'))('API token cache across server processes [postgres]', () => {
  let scratch: ScratchDb;
  let second: Db;
  let a: ReturnType<typeof createAccountsService>;
  let b: ReturnType<typeof createAccountsService>;
  const clock = new FixedClock(new Date('2026-06-01T10:00:00Z'));
  const depsOf = (db: Db): Deps => ({ db, clock, config: testConfig(), log: silent });

  beforeAll(async () => {
    scratch = await openScratchPostgres(process.env.TEST_DATABASE_URL!, 'custodia_t');
    second = await openPostgres(scratch.url, 2); // what another server process would open
    a = createServices(depsOf(scratch.db)).accounts;
    b = createServices(depsOf(second)).accounts;
  });
  afterAll(async () => {
    await second?.close();
    await scratch?.close();
  });

  it("forgets a token when another process revokes it, and uses no cache while its listener is down", async () => {
    const cacheA = tokenCacheFor(scratch.db);
    tokenCacheFor(second);
    expect(await eventually(() => cacheA.isListening)).toBe(true);
    const clerk = await clerkWithToken(scratch.db, clock.now());
    expect(await a.authenticateToken(clerk.secret)).toBeDefined();
    expect(cacheA.size).toBe(1);

    const admin = { kind: 'user' as const, userId: uuidv7(), name: 'Admin', role: 'administrator' as const, organisationId: null };
    await b.revokeToken(admin, clerk.tokenId, { reason: 'leaked' });
    expect(await eventually(async () => (await a.authenticateToken(clerk.secret)) === undefined)).toBe(true);

    // The listening connection dies (server restart, terminated backend): the cache stops being used at
    // once, so a revocation it could not hear about is still honoured, and it listens again afterwards.
    const second2 = await clerkWithToken(scratch.db, clock.now());
    expect(await a.authenticateToken(second2.secret)).toBeDefined();
    await scratch.db.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'custodia-listen' AND datname = current_database()");
    expect(await eventually(() => !cacheA.isListening)).toBe(true);
    await scratch.db.query("UPDATE api_tokens SET revoked_at = now(), revoke_reason = 'leaked' WHERE id = $1", [second2.tokenId]);
    expect(await a.authenticateToken(second2.secret)).toBeUndefined();
    expect(await eventually(() => cacheA.isListening)).toBe(true);
    const third = await clerkWithToken(scratch.db, clock.now());
    expect(await a.authenticateToken(third.secret)).toBeDefined();
    expect(cacheA.get(secretDigest(third.secret))?.token.id).toBe(third.tokenId);
  });
});

describeEngines('the server starts its credential caches before its first request', (engine) => {
  let deps: TestDeps;
  let app: FastifyInstance;
  /** Credential lookups that reached the database (the touch of last use is an UPDATE, not counted). */
  let lookups = 0;
  beforeAll(async () => {
    deps = await createTestDeps(engine);
    const counted: Db = {
      ...deps.db,
      query: (text, params, options) => {
        if (/^\s*SELECT[\s\S]*FROM api_tokens t JOIN users/.test(text)) lookups += 1;
        return deps.db.query(text, params, options);
      },
    };
    app = await buildApp({ deps: { ...deps, db: counted } });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await deps?.close();
  });

  it("keeps a token's very first lookup, so the client's next requests never wait for the database to resolve it", async () => {
    const clerk = await clerkWithToken(deps.db, deps.clock.now());
    const session = () => app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { authorization: `Bearer ${clerk.secret}` } });
    expect((await session()).statusCode).toBe(200);
    expect((await session()).statusCode).toBe(200);
    expect((await session()).statusCode).toBe(200);
    expect(lookups).toBe(1);
  });
});
