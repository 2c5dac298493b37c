import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FixedClock } from '../platform/clock.ts';
import { testConfig } from '../platform/config.ts';
import { openPostgres } from '../platform/db/postgres.ts';
import { openScratchPostgres, type ScratchDb } from '../platform/db/scratch.ts';
import type { Db, Queryable } from '../platform/db/types.ts';
import type { Deps } from '../platform/deps.ts';
import { uuidv7 } from '../platform/ids.ts';
import { ENGINES, describeEngines } from '../../test/support/engines.ts';
import { createTestDeps, type TestDeps } from '../../test/support/deps.ts';
import { insertMachineToken } from '../../test/support/tokens.ts';
import { newSecret, secretDigest, SESSION_IDLE_MS, SESSION_LIFETIME_MS, SESSION_TOUCH_MS } from './model.ts';
import { createAccountsService } from './service.ts';
import { insertSession } from './store.ts';
import { sessionCacheFor } from './token-cache.ts';
import { createServices } from '../modules.ts';

const silent = { info() {}, warn() {}, error() {}, debug() {} };
const admin = { kind: 'user' as const, userId: uuidv7(), name: 'Admin', role: 'administrator' as const, organisationId: null };

/** A registry clerk signed in: a session row as sign-in writes it (without the argon2 check), and its secret. */
async function signedInClerk(db: Queryable, now: Date): Promise<{ userId: string; sessionId: string; secret: string }> {
  const { userId } = await insertMachineToken(db, { role: 'registry_clerk', username: `clerk-${uuidv7().slice(-8)}`, now, expiresAt: new Date('2999-01-01T00:00:00Z') });
  const secret = newSecret();
  const sessionId = uuidv7();
  await insertSession(db, {
    id: sessionId,
    user_id: userId,
    secret_hash: secretDigest(secret),
    created_at: now,
    expires_at: new Date(now.getTime() + SESSION_LIFETIME_MS),
    last_seen_at: now,
    ip: null,
    user_agent: null,
  });
  return { userId, sessionId, secret };
}

/** Waits until `check` holds (notifications arrive on their own connection); the test's timeout bounds a real failure. */
async function eventually(check: () => Promise<boolean> | boolean): Promise<boolean> {
  while (!(await check())) await new Promise((r) => setTimeout(r, 10));
  return true;
}

const actorOf = (userId: string) => ({ kind: 'user' as const, userId, name: 'Clerk', role: 'registry_clerk' as const, organisationId: null });

describeEngines('browser sessions resolved from the per-process cache', (engine) => {
  let deps: TestDeps;
  let service: ReturnType<typeof createAccountsService>;
  let clock: FixedClock;
  beforeAll(async () => {
    deps = await createTestDeps(engine);
    clock = deps.clock as FixedClock;
    service = createServices(deps).accounts;
  });
  afterAll(async () => {
    await deps?.close();
  });
  let clerk: { userId: string; sessionId: string; secret: string };
  let startedAt: Date;
  beforeEach(async () => {
    startedAt = clock.now();
    clerk = await signedInClerk(deps.db, startedAt);
    expect(await eventually(() => sessionCacheFor(deps.db).isListening)).toBe(true);
  });
  const accepted = async (secret = clerk.secret) => (await service.authenticateSession(secret)) !== undefined;
  const cached = (secret = clerk.secret) => sessionCacheFor(deps.db).get(secretDigest(secret));
  const lastSeen = async (id = clerk.sessionId) => (await deps.db.query<{ t: Date }>('SELECT last_seen_at AS t FROM sessions WHERE id = $1', [id]))[0].t.getTime();

  it('serves a resolved session from the cache; its last-seen touch does not clear it and is still written', async () => {
    expect(await accepted()).toBe(true);
    expect(cached()?.session.id).toBe(clerk.sessionId);
    clock.advance(SESSION_TOUCH_MS);
    try {
      expect(await accepted()).toBe(true);
      // The touch is not awaited by the request (an import may hold the embedded database's connection): it lands soon after.
      expect(await eventually(async () => (await lastSeen()) === clock.now().getTime())).toBe(true);
      expect(cached()?.session.id).toBe(clerk.sessionId);
    } finally {
      clock.set(startedAt);
    }
  });

  it('refuses a session signed out through the service at once, in this process', async () => {
    expect(await accepted()).toBe(true);
    expect((await service.logout(actorOf(clerk.userId), clerk.sessionId)).revoked).toBe(true);
    expect(cached()).toBeUndefined();
    expect(await accepted()).toBe(false);
  });

  it('refuses a session revoked by plain SQL (another tool or process) once the change is committed', async () => {
    expect(await accepted()).toBe(true);
    const clears = sessionCacheFor(deps.db).clears;
    await deps.db.query("UPDATE sessions SET revoked_at = $2, revoke_reason = 'stolen laptop' WHERE id = $1", [clerk.sessionId, clock.now()]);
    if (engine === 'pglite') expect(await accepted()).toBe(false); // one connection: notified at commit
    // Announced (migration 0028), not merely aged out of the cache.
    expect(await eventually(() => sessionCacheFor(deps.db).clears > clears)).toBe(true);
    expect(await accepted()).toBe(false);
  });

  it("refuses the sessions of a user deactivated through the service at once, and by plain SQL once committed", async () => {
    expect(await accepted()).toBe(true);
    await service.deactivateUser(admin, clerk.userId, { reason: 'left the service' });
    expect(await accepted()).toBe(false);
    const other = await signedInClerk(deps.db, clock.now());
    expect(await accepted(other.secret)).toBe(true);
    await deps.db.query('UPDATE users SET active = false WHERE id = $1', [other.userId]);
    expect(await eventually(async () => !(await accepted(other.secret)))).toBe(true);
  });

  it('refuses the other sessions at once when a password is reset', async () => {
    expect(await accepted()).toBe(true);
    await service.resetPassword(admin, clerk.userId, { reason: 'forgotten' });
    expect(await accepted()).toBe(false);
  });

  it('refuses a cached session once it is idle or expired, by the clock, on every request', async () => {
    expect(await accepted()).toBe(true);
    try {
      clock.set(new Date(startedAt.getTime() + SESSION_IDLE_MS));
      expect(await accepted()).toBe(false);
      clock.set(new Date(startedAt.getTime() + SESSION_LIFETIME_MS));
      expect(await accepted()).toBe(false);
    } finally {
      clock.set(startedAt);
    }
  });

  it('does not refuse as idle a session another process has seen since it was cached: it reads the row again', async () => {
    expect(await accepted()).toBe(true);
    try {
      // Another process served the session 20 minutes in and touched last_seen_at (not announced).
      const touched = new Date(startedAt.getTime() + 20 * 60_000);
      await deps.db.query('UPDATE sessions SET last_seen_at = $2 WHERE id = $1', [clerk.sessionId, touched]);
      await new Promise((r) => setTimeout(r, 50));
      expect(cached()?.session.last_seen_at.getTime()).toBe(startedAt.getTime()); // the cached copy is older
      clock.set(new Date(startedAt.getTime() + SESSION_IDLE_MS + 60_000)); // idle by the cached copy, not by the row
      expect(await accepted()).toBe(true);
      expect(cached()?.session.last_seen_at.getTime()).toBe(clock.now().getTime()); // read again, then touched
      expect(await eventually(async () => (await lastSeen()) === clock.now().getTime())).toBe(true); // the touch is not awaited
    } finally {
      clock.set(startedAt);
    }
  });
});

describe.skipIf(!ENGINES.includes('postgres'))('browser session cache across server processes [postgres]', () => {
  let scratch: ScratchDb;
  let second: Db;
  let a: ReturnType<typeof createAccountsService>;
  let b: ReturnType<typeof createAccountsService>;
  const start = new Date('2026-06-01T10:00:00Z');
  const clock = new FixedClock(start);
  const depsOf = (db: Db): Deps => ({ db, clock, config: testConfig(), log: silent });

  beforeAll(async () => {
    scratch = await openScratchPostgres(process.env.TEST_DATABASE_URL!, 'custodia_t');
    second = await openPostgres(scratch.url, 2); // what another server process (CUSTODIA_WORKERS=2) would open
    a = createServices(depsOf(scratch.db)).accounts;
    b = createServices(depsOf(second)).accounts;
    expect(await eventually(() => sessionCacheFor(scratch.db).isListening && sessionCacheFor(second).isListening)).toBe(true);
  });
  afterAll(async () => {
    await second?.close();
    await scratch?.close();
  });

  it('forgets a session when another process signs it out', async () => {
    clock.set(start);
    const clerk = await signedInClerk(scratch.db, clock.now());
    expect(await a.authenticateSession(clerk.secret)).toBeDefined();
    expect(await b.authenticateSession(clerk.secret)).toBeDefined();
    const cacheA = sessionCacheFor(scratch.db);
    expect(cacheA.get(secretDigest(clerk.secret))).toBeDefined();
    const clears = cacheA.clears;
    await b.logout(actorOf(clerk.userId), clerk.sessionId);
    expect(await b.authenticateSession(clerk.secret)).toBeUndefined(); // at once where it happened
    // A hears of it from the database's notification (not from the cache's maximum age).
    expect(await eventually(() => cacheA.clears > clears)).toBe(true);
    expect(cacheA.get(secretDigest(clerk.secret))).toBeUndefined();
    expect(await a.authenticateSession(clerk.secret)).toBeUndefined();
  });

  it("keeps a session alive that only the other process has served (idle timeout), and still ends it once idle everywhere", async () => {
    clock.set(start);
    const clerk = await signedInClerk(scratch.db, clock.now());
    expect(await a.authenticateSession(clerk.secret)).toBeDefined(); // cached in A at 10:00
    clock.set(new Date(start.getTime() + 20 * 60_000));
    expect(await b.authenticateSession(clerk.secret)).toBeDefined(); // B serves it at 10:20 and touches it
    const touchedAt = clock.now().getTime(); // (not awaited by the request: wait for it to land)
    expect(await eventually(async () => (await scratch.db.query<{ t: Date }>('SELECT last_seen_at AS t FROM sessions WHERE id = $1', [clerk.sessionId]))[0].t.getTime() === touchedAt)).toBe(true);
    clock.set(new Date(start.getTime() + 40 * 60_000)); // idle by A's copy (10:00 + 30 min), not by the row
    expect(await a.authenticateSession(clerk.secret)).toBeDefined();
    clock.set(new Date(start.getTime() + 40 * 60_000 + SESSION_IDLE_MS)); // nobody has seen it for 30 minutes
    expect(await a.authenticateSession(clerk.secret)).toBeUndefined();
    expect(await b.authenticateSession(clerk.secret)).toBeUndefined();
  });

  it('forgets every session of a user another process deactivated, and uses no cache while its listener is down', async () => {
    clock.set(start);
    const clerk = await signedInClerk(scratch.db, clock.now());
    const cacheA = sessionCacheFor(scratch.db);
    expect(await a.authenticateSession(clerk.secret)).toBeDefined();
    const clears = cacheA.clears;
    await b.deactivateUser(admin, clerk.userId, { reason: 'left the service' });
    expect(await eventually(() => cacheA.clears > clears)).toBe(true);
    expect(await a.authenticateSession(clerk.secret)).toBeUndefined();

    const other = await signedInClerk(scratch.db, clock.now());
    expect(await a.authenticateSession(other.secret)).toBeDefined();
    await scratch.db.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'custodia-listen' AND datname = current_database()");
    expect(await eventually(() => !cacheA.isListening)).toBe(true);
    await second.query("UPDATE sessions SET revoked_at = now(), revoke_reason = 'stolen laptop' WHERE id = $1", [other.sessionId]);
    expect(await a.authenticateSession(other.secret)).toBeUndefined();
    expect(await eventually(() => cacheA.isListening)).toBe(true);
  });
});
