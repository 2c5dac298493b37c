import { afterAll, beforeAll, expect, it } from 'vitest';
import { SYSTEM_ACTOR, type Role } from '../platform/auth/actor.ts';
import { stateHash } from '../platform/crypto/canonical.ts';
import { describeEngines } from '../../test/support/engines.ts';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { LOCKOUT_THRESHOLD, LOGIN_RATE_MAX, SESSION_COOKIE, SESSION_IDLE_MS, SESSION_LIFETIME_MS } from './model.ts';
import { createAccountsService, hashPassword, type AccountsService } from './service.ts';
import { verifyAuditLog } from '../audit/verify.ts';
import { createRegistryService } from '../registry/service.ts';
import { CATALOG, createServices } from '../modules.ts';

const GOOD_PASSWORD = 'Quartermaster-Ledger-2026';

describeEngines('accounts', (engine) => {
  let t: TestApp;
  let svc: AccountsService;
  let admin: { username: string; password: string; cookie: string; csrf: string; id: string };

  async function login(username: string, password: string, extra: Record<string, string> = {}) {
    return t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, headers: extra });
  }
  function cookieOf(res: { headers: Record<string, unknown> }): string {
    const raw = String(res.headers['set-cookie']);
    const m = new RegExp(`${SESSION_COOKIE}=([^;]*)`).exec(raw);
    if (!m) throw new Error(`no session cookie in ${raw}`);
    return `${SESSION_COOKIE}=${m[1]}`;
  }
  /** Signs in, changes the one-time password, and returns the session's cookie and CSRF token. */
  async function signInFresh(username: string, oneTime: string, newPassword = GOOD_PASSWORD) {
    const res = await login(username, oneTime);
    expect(res.statusCode).toBe(200);
    const cookie = cookieOf(res);
    const csrf = res.json().csrfToken as string;
    const changed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: { cookie, 'x-csrf-token': csrf },
      payload: { currentPassword: oneTime, newPassword },
    });
    expect(changed.statusCode).toBe(200);
    return { cookie, csrf };
  }
  async function createUser(body: { username: string; role: Role; organisationId?: string | null; kind?: 'person' | 'machine' }) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/accounts/users',
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf },
      payload: { displayName: body.username, ...body },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { user: { id: string; username: string }; oneTimePassword: string | null };
  }
  /** The audit contract: the last entry's hash for an entity equals the hash of what `load` re-reads. */
  async function expectAuditCurrent(entity: string, id: string) {
    const [last] = await t.deps.db.query<{ state_hash: string }>(
      'SELECT state_hash FROM audit_log WHERE entity = $1 AND entity_id = $2 ORDER BY seq DESC LIMIT 1',
      [entity, id],
    );
    expect(last, `no audit entry for ${entity} ${id}`).toBeDefined();
    const loaded = await CATALOG.auditedEntities.get(entity)!.load(t.deps.db, [id]);
    expect(stateHash(loaded.get(id))).toBe(last.state_hash);
  }

  beforeAll(async () => {
    t = await createTestApp(engine);
    svc = createServices(t.deps).accounts;
    const first = await svc.ensureInitialAdministrator();
    expect(first).not.toBeNull();
    const { cookie, csrf } = await signInFresh(first!.user.username, first!.password);
    admin = { username: first!.user.username, password: GOOD_PASSWORD, cookie, csrf, id: first!.user.id };
  });
  afterAll(async () => {
    await t?.close();
  });

  it('creates the first administrator once, with an argon2id hash and a forced password change', async () => {
    expect(await svc.ensureInitialAdministrator()).toBeNull();
    const [row] = await t.deps.db.query<{ password_hash: string; must_change_password: boolean }>(
      'SELECT password_hash, must_change_password FROM users WHERE username = $1',
      ['admin'],
    );
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(row.must_change_password).toBe(false); // changed in beforeAll
    const [created] = await t.deps.db.query<{ action: string; actor_kind: string }>(
      "SELECT action, actor_kind FROM audit_log WHERE entity = 'user' AND entity_id = $1 ORDER BY seq LIMIT 1",
      [admin.id],
    );
    expect(created).toMatchObject({ action: 'accounts.user.create', actor_kind: 'system' });
    await expectAuditCurrent('user', admin.id);
  });

  it('sets an HttpOnly, SameSite=Strict session cookie, not Secure over plain HTTP, and stores only its digest', async () => {
    const plain = await login(admin.username, admin.password);
    const cookie = String(plain.headers['set-cookie']);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/');
    expect(cookie).toContain(`Max-Age=${SESSION_LIFETIME_MS / 1000}`);
    expect(cookie).not.toContain('Secure');
    const secret = cookieOf(plain).split('=')[1];
    const stored = await t.deps.db.query('SELECT 1 FROM sessions WHERE secret_hash = $1', [secret]);
    expect(stored).toHaveLength(0);

  });

  it('confines a one-time password to changing it', async () => {
    const { user, oneTimePassword } = await createUser({ username: 'clerk.onetime', role: 'registry_clerk' });
    const res = await login(user.username, oneTimePassword!);
    expect(res.statusCode).toBe(200);
    expect(res.json().user.mustChangePassword).toBe(true);
    const cookie = cookieOf(res);
    const blocked = await t.app.inject({ method: 'GET', url: '/api/v1/accounts/tokens', headers: { cookie } });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().type).toBe('/problems/password-change-required');
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ user: { username: 'clerk.onetime', role: 'registry_clerk' }, csrfToken: res.json().csrfToken });
  });

  it('enforces the password policy on change, naming the field, and writes nothing', async () => {
    const { user, oneTimePassword } = await createUser({ username: 'clerk.policy', role: 'registry_clerk' });
    const res = await login(user.username, oneTimePassword!);
    const headers = { cookie: cookieOf(res), 'x-csrf-token': res.json().csrfToken };
    const before = await t.deps.db.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = $1', [user.id]);
    for (const [newPassword, code] of [
      ['short1A', 'accounts.password.too_short'],
      ['onlylowercaseletters', 'accounts.password.one_class'],
      ['Clerk.Policy-2026!', 'accounts.password.contains_username'],
    ] as const) {
      const bad = await t.app.inject({ method: 'POST', url: '/api/v1/auth/password', headers, payload: { currentPassword: oneTimePassword, newPassword } });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'newPassword', code })]));
    }
    const wrongCurrent = await t.app.inject({ method: 'POST', url: '/api/v1/auth/password', headers, payload: { currentPassword: 'Not-the-password-1', newPassword: GOOD_PASSWORD } });
    expect(wrongCurrent.statusCode).toBe(400);
    expect(wrongCurrent.json().errors[0].field).toBe('currentPassword');
    const after = await t.deps.db.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = $1', [user.id]);
    expect(after).toEqual(before);
  });

  it('changing a password ends the other sessions but keeps the current one', async () => {
    const { user, oneTimePassword } = await createUser({ username: 'officer.pw', role: 'licensing_officer' });
    const { cookie, csrf } = await signInFresh(user.username, oneTimePassword!);
    const other = cookieOf(await login(user.username, GOOD_PASSWORD));
    const next = 'Another-Strong-Phrase-77';
    const changed = await t.app.inject({ method: 'POST', url: '/api/v1/auth/password', headers: { cookie, 'x-csrf-token': csrf }, payload: { currentPassword: GOOD_PASSWORD, newPassword: next } });
    expect(changed.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie } })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie: other } })).statusCode).toBe(401);
    expect((await login(user.username, GOOD_PASSWORD)).statusCode).toBe(401);
    expect((await login(user.username, next)).statusCode).toBe(200);
    await expectAuditCurrent('user', user.id);
  });

  it(`locks an account after ${LOCKOUT_THRESHOLD} failed sign-ins until the unlock time`, async () => {
    const { user, oneTimePassword } = await createUser({ username: 'customs.lock', role: 'customs_officer' });
    await signInFresh(user.username, oneTimePassword!);
    for (let i = 1; i < LOCKOUT_THRESHOLD; i++) {
      const res = await login(user.username, `Wrong-guess-number-${i}`);
      expect(res.statusCode).toBe(401);
      expect(res.json().detail).toBe('Wrong username or password.');
    }
    const locking = await login(user.username, 'Wrong-guess-final-1');
    expect(locking.statusCode).toBe(429);
    expect(locking.json().type).toBe('/problems/account-locked');
    const lockedUntil = new Date(locking.json().lockedUntil);
    expect(lockedUntil.getTime() - t.deps.clock.now().getTime()).toBe(15 * 60_000);
    // Even the right password is refused while locked.
    expect((await login(user.username, GOOD_PASSWORD)).statusCode).toBe(429);
    const [entry] = await t.deps.db.query<{ action: string; actor_kind: string; reason: string }>(
      "SELECT action, actor_kind, reason FROM audit_log WHERE entity = 'user' AND entity_id = $1 ORDER BY seq DESC LIMIT 1",
      [user.id],
    );
    expect(entry).toMatchObject({ action: 'accounts.user.lock', actor_kind: 'anonymous' });
    await expectAuditCurrent('user', user.id);
    t.deps.clock.advance(15 * 60_000 + 1);
    expect((await login(user.username, GOOD_PASSWORD)).statusCode).toBe(200);
    const [row] = await t.deps.db.query<{ failed_logins: number }>('SELECT failed_logins FROM users WHERE id = $1', [user.id]);
    expect(row.failed_logins).toBe(0);
  });

  it(`counts attempts before checking them: 50 parallel guesses get at most ${LOCKOUT_THRESHOLD} evaluations, and the right password sent among them once locked is refused (issue 10)`, async () => {
    const { user, oneTimePassword } = await createUser({ username: 'licensing.parallel', role: 'licensing_officer' });
    await signInFresh(user.username, oneTimePassword!);
    const outcome = (p: Promise<unknown>) =>
      p.then(
        () => 200,
        (err: { status?: number }) => err.status ?? 500,
      );
    const blocked = async () => (await t.deps.db.query<{ b: Date | null }>('SELECT sign_in_blocked_until AS b FROM users WHERE id = $1', [user.id]))[0].b !== null;
    // The service directly: the per-address HTTP throttle would otherwise stop the guesses first.
    let settled = 0;
    const wrong = Array.from({ length: 49 }, (_, i) => outcome(svc.login({ username: user.username, password: `Parallel-wrong-guess-${i}` })).finally(() => settled++));
    // The right password joins the guesses still in flight as soon as the account is blocked (a condition, not a delay).
    while (!(await blocked()) && settled < wrong.length) await new Promise((resolve) => setImmediate(resolve));
    const right = outcome(svc.login({ username: user.username, password: GOOD_PASSWORD }));
    const statuses = await Promise.all([...wrong, right]);
    expect(statuses.at(-1)).toBe(429);
    // Evaluated: the wrong answers (401) and the locking attempt (429 after its check); the rest refused unheard.
    expect(statuses.filter((s) => s === 401)).toHaveLength(LOCKOUT_THRESHOLD - 1);
    expect(statuses.filter((s) => s === 429)).toHaveLength(50 - (LOCKOUT_THRESHOLD - 1));
    const [row] = await t.deps.db.query<{ failed_logins: number; locked_until: Date | null }>('SELECT failed_logins, locked_until FROM users WHERE id = $1', [user.id]);
    expect(row.failed_logins).toBe(LOCKOUT_THRESHOLD);
    expect(row.locked_until).not.toBeNull();
    const locks = await t.deps.db.query("SELECT 1 FROM audit_log WHERE entity = 'user' AND entity_id = $1 AND action = 'accounts.user.lock'", [user.id]);
    expect(locks).toHaveLength(1);
    await expectAuditCurrent('user', user.id);
  });

  it(`lets the ${LOCKOUT_THRESHOLD}th attempt in, and a right password there starts the count again`, async () => {
    const { user, oneTimePassword } = await createUser({ username: 'licensing.fifth', role: 'licensing_officer' });
    await signInFresh(user.username, oneTimePassword!);
    for (let i = 1; i < LOCKOUT_THRESHOLD; i++) expect((await login(user.username, `Wrong-guess-number-${i}`)).statusCode).toBe(401);
    expect((await login(user.username, GOOD_PASSWORD)).statusCode).toBe(200);
    const [row] = await t.deps.db.query<{ failed_logins: number; b: Date | null; l: Date | null }>(
      'SELECT failed_logins, sign_in_blocked_until AS b, locked_until AS l FROM users WHERE id = $1',
      [user.id],
    );
    expect(row).toEqual({ failed_logins: 0, b: null, l: null });
    expect((await login(user.username, 'Wrong-guess-after')).statusCode).toBe(401);
    await expectAuditCurrent('user', user.id);
  });

  it('lets an administrator lift a lockout', async () => {
    const { user, oneTimePassword } = await createUser({ username: 'auditor.unlock', role: 'auditor' });
    await signInFresh(user.username, oneTimePassword!);
    for (let i = 0; i < LOCKOUT_THRESHOLD; i++) await login(user.username, `Wrong-guess-number-${i}`);
    expect((await login(user.username, GOOD_PASSWORD)).statusCode).toBe(429);
    const unlocked = await t.app.inject({
      method: 'POST',
      url: `/api/v1/accounts/users/${user.id}/unlock`,
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf },
      payload: { reason: 'identity confirmed by phone' },
    });
    expect(unlocked.statusCode).toBe(200);
    expect(unlocked.json().lockedUntil).toBeNull();
    expect((await login(user.username, GOOD_PASSWORD)).statusCode).toBe(200);
  });

  it('throttles sign-in attempts per address and username, without revealing which users exist', async () => {
    for (let i = 0; i < LOGIN_RATE_MAX; i++) {
      const res = await login('nobody.here', `Guess-number-${i}-x`);
      expect(res.statusCode).toBe(401);
      expect(res.json().detail).toBe('Wrong username or password.');
    }
    const throttled = await login('nobody.here', 'Guess-number-final');
    expect(throttled.statusCode).toBe(429);
    expect(throttled.headers['content-type']).toContain('application/problem+json');
    expect(throttled.headers['retry-after']).toBeDefined();
    // Another username from the same address is not throttled by it.
    expect((await login('someone.else', 'Guess-number-1-x')).statusCode).toBe(401);
  });

  it('ends sessions after the idle timeout and at the absolute expiry', async () => {
    const idleCookie = cookieOf(await login(admin.username, admin.password));
    t.deps.clock.advance(SESSION_IDLE_MS - 60_000);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie: idleCookie } })).statusCode).toBe(200);
    // The request does not await its last-seen touch (authenticate-session.ts): wait for it to land, as a
    // user's next request half an hour later would find it.
    const seenAt = t.deps.clock.now();
    for (let i = 0; i < 200; i++) {
      const [{ n }] = await t.deps.db.query<{ n: number }>('SELECT count(*)::int AS n FROM sessions WHERE last_seen_at = $1', [seenAt]);
      if (n > 0) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    t.deps.clock.advance(SESSION_IDLE_MS - 60_000); // seen a moment ago: still alive
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie: idleCookie } })).statusCode).toBe(200);
    t.deps.clock.advance(SESSION_IDLE_MS);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie: idleCookie } })).statusCode).toBe(401);

    const longCookie = cookieOf(await login(admin.username, admin.password));
    const steps = Math.ceil(SESSION_LIFETIME_MS / (SESSION_IDLE_MS / 2));
    let last = 200;
    for (let i = 0; i < steps; i++) {
      t.deps.clock.advance(SESSION_IDLE_MS / 2);
      last = (await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie: longCookie } })).statusCode;
    }
    expect(last).toBe(401);
    // The administrator's own session in `admin.cookie` went idle too: sign in again for later tests.
    const fresh = await login(admin.username, admin.password);
    admin.cookie = cookieOf(fresh);
    admin.csrf = fresh.json().csrfToken;
  });

  it('signs out: the session is revoked server-side and the cookie cleared', async () => {
    const res = await login(admin.username, admin.password);
    const headers = { cookie: cookieOf(res), 'x-csrf-token': res.json().csrfToken };
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers });
    expect(out.statusCode).toBe(200);
    expect(out.json()).toEqual({ revoked: true });
    expect(String(out.headers['set-cookie'])).toContain('Max-Age=0');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers })).statusCode).toBe(401);
  });

  it('requires the CSRF token on cookie-authenticated writes', async () => {
    const payload = { name: 'csrf probe' };
    const missing = await t.app.inject({ method: 'POST', url: '/api/v1/accounts/tokens', headers: { cookie: admin.cookie }, payload });
    expect(missing.statusCode).toBe(403);
    expect(missing.json().type).toBe('/problems/csrf');
    const wrong = await t.app.inject({ method: 'POST', url: '/api/v1/accounts/tokens', headers: { cookie: admin.cookie, 'x-csrf-token': 'x'.repeat(43) }, payload });
    expect(wrong.statusCode).toBe(403);
    const [{ n }] = await t.deps.db.query<{ n: number }>("SELECT count(*)::int AS n FROM api_tokens WHERE name = 'csrf probe'");
    expect(n).toBe(0);
    const right = await t.app.inject({ method: 'POST', url: '/api/v1/accounts/tokens', headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf }, payload });
    expect(right.statusCode).toBe(201);
    // Reads need no token; signing in with a stale cookie and no token still works.
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie: admin.cookie } })).statusCode).toBe(200);
    expect((await login(admin.username, admin.password, { cookie: admin.cookie })).statusCode).toBe(200);
  });

  it('issues API tokens shown once, stored as digests, scoped to the role, expiring and revocable', async () => {
    const { user } = await createUser({ username: 'customs.gateway', role: 'customs_officer', kind: 'machine' });
    expect((await login('customs.gateway', 'Anything-at-all-1')).statusCode).toBe(401);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/accounts/tokens',
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf },
      payload: { name: 'border system', userId: user.id, expiresInDays: 30 },
    });
    expect(created.statusCode).toBe(201);
    const { token, secret } = created.json();
    expect(token).toMatchObject({ userId: user.id, role: 'customs_officer', name: 'border system' });
    expect(secret).toMatch(/^cst_/);
    expect(secret.startsWith(token.prefix)).toBe(true);
    const rows = await t.deps.db.query<Record<string, unknown>>('SELECT * FROM api_tokens WHERE id = $1', [token.id]);
    expect(JSON.stringify(rows)).not.toContain(secret.slice(4));
    const list = await t.app.inject({ method: 'GET', url: `/api/v1/accounts/tokens?userId=${user.id}`, headers: { cookie: admin.cookie } });
    expect(list.json().items.map((x: { id: string }) => x.id)).toEqual([token.id]);
    expect(list.body).not.toContain(secret.slice(4));

    const bearer = { authorization: `Bearer ${secret}` };
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: bearer });
    expect(me.statusCode).toBe(200);
    expect(me.json().actor).toMatchObject({ kind: 'token', role: 'customs_officer', userId: user.id });
    expect(me.json().csrfToken).toBeNull();
    // Role-scoped: a customs token cannot manage users; no CSRF token needed for bearer writes.
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/accounts/users', headers: bearer })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/accounts/tokens', headers: bearer, payload: { name: 'chained' } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { authorization: 'Bearer cst_forged' } })).statusCode).toBe(401);

    t.deps.clock.advance(31 * 86_400_000);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: bearer })).statusCode).toBe(401);
    const fresh = await login(admin.username, admin.password);
    admin.cookie = cookieOf(fresh);
    admin.csrf = fresh.json().csrfToken;

    const second = (
      await t.app.inject({ method: 'POST', url: '/api/v1/accounts/tokens', headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf }, payload: { name: 'border system 2', userId: user.id } })
    ).json();
    const bearer2 = { authorization: `Bearer ${second.secret}` };
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: bearer2 })).statusCode).toBe(200);
    const revoked = await t.app.inject({
      method: 'POST',
      url: `/api/v1/accounts/tokens/${second.token.id}/revoke`,
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf },
      payload: { reason: 'gateway replaced' },
    });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().revokeReason).toBe('gateway replaced');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: bearer2 })).statusCode).toBe(401);
    await expectAuditCurrent('api_token', second.token.id);
  });

  it('lets a user manage only their own tokens', async () => {
    const mine = await t.headersFor('tracing_officer');
    const made = await t.app.inject({ method: 'POST', url: '/api/v1/accounts/tokens', headers: mine, payload: { name: 'x' } });
    expect(made.statusCode).toBe(403); // a token cannot mint tokens
    const { user, oneTimePassword } = await createUser({ username: 'tracer.own', role: 'tracing_officer' });
    const { cookie, csrf } = await signInFresh(user.username, oneTimePassword!);
    const h = { cookie, 'x-csrf-token': csrf };
    const own = await t.app.inject({ method: 'POST', url: '/api/v1/accounts/tokens', headers: h, payload: { name: 'case tool' } });
    expect(own.statusCode).toBe(201);
    expect(own.json().token.role).toBe('tracing_officer');
    const forOther = await t.app.inject({ method: 'POST', url: '/api/v1/accounts/tokens', headers: h, payload: { name: 'x', userId: admin.id } });
    expect(forOther.statusCode).toBe(403);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/accounts/tokens', headers: { cookie } });
    expect(list.json().items.every((x: { userId: string }) => x.userId === user.id)).toBe(true);
    const adminTokens = (await t.app.inject({ method: 'GET', url: `/api/v1/accounts/tokens?userId=${admin.id}`, headers: { cookie: admin.cookie } })).json().items;
    expect(adminTokens.length).toBeGreaterThan(0);
    const steal = await t.app.inject({ method: 'POST', url: `/api/v1/accounts/tokens/${adminTokens[0].id}/revoke`, headers: h, payload: { reason: 'x' } });
    expect(steal.statusCode).toBe(404);
  });

  it('deactivating a user revokes their sessions and tokens and stops sign-in', async () => {
    const { user, oneTimePassword } = await createUser({ username: 'officer.leaving', role: 'licensing_officer' });
    const { cookie, csrf } = await signInFresh(user.username, oneTimePassword!);
    const token = (await t.app.inject({ method: 'POST', url: '/api/v1/accounts/tokens', headers: { cookie, 'x-csrf-token': csrf }, payload: { name: 'laptop' } })).json();
    const bearer = { authorization: `Bearer ${token.secret}` };
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: bearer })).statusCode).toBe(200);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/accounts/users/${user.id}/deactivate`,
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf },
      payload: { reason: 'left the authority' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ active: false, deactivationReason: 'left the authority', revokedCredentials: 2 });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie } })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: bearer })).statusCode).toBe(401);
    expect((await login(user.username, GOOD_PASSWORD)).statusCode).toBe(401);
    const actions = await t.deps.db.query<{ action: string; entity: string }>(
      "SELECT action, entity FROM audit_log WHERE reason LIKE 'user deactivated:%' OR (entity = 'user' AND entity_id = $1 AND action = 'accounts.user.deactivate') ORDER BY seq",
      [user.id],
    );
    expect(actions.map((a) => a.action).sort()).toEqual(['accounts.session.revoke', 'accounts.token.revoke', 'accounts.user.deactivate']);
    await expectAuditCurrent('user', user.id);
    await expectAuditCurrent('api_token', token.token.id);
    // Nothing is deleted.
    expect(await t.deps.db.query('SELECT 1 FROM users WHERE id = $1', [user.id])).toHaveLength(1);
    const again = await t.app.inject({ method: 'POST', url: `/api/v1/accounts/users/${user.id}/deactivate`, headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf }, payload: { reason: 'x' } });
    expect(again.statusCode).toBe(409);
  });

  it('a role change revokes the credentials granted under the old role', async () => {
    const { user, oneTimePassword } = await createUser({ username: 'clerk.promoted', role: 'registry_clerk' });
    const { cookie } = await signInFresh(user.username, oneTimePassword!);
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/accounts/users/${user.id}`,
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf },
      payload: { role: 'licensing_supervisor', reason: 'promotion, order 2026/14' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().role).toBe('licensing_supervisor');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie } })).statusCode).toBe(401);
    const again = await login(user.username, GOOD_PASSWORD);
    expect(again.json().user.role).toBe('licensing_supervisor');
    await expectAuditCurrent('user', user.id);
  });

  it('validates new users: organisation rules, unique usernames, known roles', async () => {
    const headers = { cookie: admin.cookie, 'x-csrf-token': admin.csrf };
    const post = (payload: object) => t.app.inject({ method: 'POST', url: '/api/v1/accounts/users', headers, payload });
    const noOrg = await post({ username: 'dealer.one', displayName: 'Dealer', role: 'industry' });
    expect(noOrg.statusCode).toBe(400);
    expect(noOrg.json().errors[0]).toMatchObject({ field: 'organisationId', code: 'organisation.required' });
    const officerWithOrg = await post({ username: 'officer.org', displayName: 'O', role: 'auditor', organisationId: '0190a0a0-0000-7000-8000-000000000001' });
    expect(officerWithOrg.statusCode).toBe(400);
    expect((await post({ username: 'x.public', displayName: 'P', role: 'public' })).statusCode).toBe(400);
    expect((await post({ username: 'Admin', displayName: 'Again', role: 'auditor' })).statusCode).toBe(409);
    const [{ n }] = await t.deps.db.query<{ n: number }>("SELECT count(*)::int AS n FROM users WHERE username IN ('dealer.one', 'officer.org', 'x.public')");
    expect(n).toBe(0);
  });

  it('lists users and organisations for administrators and auditors only', async () => {
    const registry = createRegistryService(t.deps);
    const org = (await registry.createParty(SYSTEM_ACTOR, { kind: 'organisation', roles: ['dealer'], name: 'Armería del Norte', country: 'NL' })).id;
    const person = (await registry.createParty(SYSTEM_ACTOR, { kind: 'person', roles: ['owner'], country: 'NL', personal: { familyName: 'Ruiz' } })).id;
    await createUser({ username: 'dealer.alpha', role: 'industry', organisationId: org });
    await createUser({ username: 'dealer.beta', role: 'industry', organisationId: org });
    const orgs = await t.app.inject({ method: 'GET', url: '/api/v1/accounts/organisations', headers: { cookie: admin.cookie } });
    expect(orgs.json().items).toEqual(expect.arrayContaining([{ organisationId: org, users: 2, activeUsers: 2 }]));
    const users = await t.app.inject({ method: 'GET', url: `/api/v1/accounts/organisations/${org}/users`, headers: await t.headersFor('auditor') });
    expect(users.json().items.map((u: { username: string }) => u.username)).toEqual(['dealer.alpha', 'dealer.beta']);
    const post = (username: string, organisationId: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/accounts/users',
        headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf },
        payload: { username, displayName: username, role: 'industry', organisationId },
      });
    const unknown = await post('dealer.ghost', '0190a0a0-0000-7000-8000-00000000abcd');
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().errors[0]).toMatchObject({ field: 'organisationId', code: 'organisation.unknown' });
    const notOrg = await post('dealer.person', person);
    expect(notOrg.json().errors[0]).toMatchObject({ field: 'organisationId', code: 'organisation.not_organisation' });
    const page1 = await t.app.inject({ method: 'GET', url: '/api/v1/accounts/users?limit=2', headers: { cookie: admin.cookie } });
    const body1 = page1.json();
    expect(body1.items).toHaveLength(2);
    const page2 = await t.app.inject({ method: 'GET', url: `/api/v1/accounts/users?limit=2&cursor=${body1.nextCursor}`, headers: { cookie: admin.cookie } });
    expect(page2.json().items[0].username > body1.items[1].username).toBe(true);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/accounts/users', headers: await t.headersFor('registry_clerk') })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/accounts/users', headers: await t.headersFor('industry', org) })).statusCode).toBe(403);
  });

  it('enforces permissions in the service, not only in routes', async () => {
    const clerk = { kind: 'user' as const, userId: null, name: 'clerk', role: 'registry_clerk' as const, organisationId: null };
    await expect(svc.createUser(clerk, { username: 'sneaky', displayName: 'S', role: 'administrator' })).rejects.toMatchObject({ status: 403 });
    await expect(svc.listUsers(clerk, { limit: 10 })).rejects.toMatchObject({ status: 403 });
    const made = await svc.createUser(SYSTEM_ACTOR, { username: 'by.system', displayName: 'S', role: 'auditor', kind: 'machine' });
    expect(made.oneTimePassword).toBeNull();
  });

  it('validates what the service is given with accounts.<rule> codes naming every field, and writes nothing', async () => {
    const errorsOf = async (p: Promise<unknown>) => {
      const err = (await p.then(() => null, (e: unknown) => e)) as { status: number; errors: { field: string; code: string }[] } | null;
      expect(err?.status).toBe(400);
      return err!.errors.map(({ field, code }) => ({ field, code }));
    };
    const [{ n: before }] = await t.deps.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log');
    expect(await errorsOf(svc.createUser(SYSTEM_ACTOR, { username: 'x', displayName: '  ', role: 'superuser' }))).toEqual([
      { field: 'username', code: 'accounts.username.format' },
      { field: 'displayName', code: 'accounts.display_name.required' },
      { field: 'role', code: 'accounts.role.unknown' },
    ]);
    expect(await errorsOf(svc.createAdministrator('No Spaces Allowed'))).toEqual([{ field: 'username', code: 'accounts.username.format' }]);
    expect(await errorsOf(svc.createToken({ kind: 'user', userId: admin.id, name: 'admin', role: 'administrator', organisationId: null }, { name: ' ', expiresInDays: 1000 }))).toEqual([
      { field: 'name', code: 'accounts.name.required' },
      { field: 'expiresInDays', code: 'accounts.token.expiry' },
    ]);
    expect(await errorsOf(svc.updateUser(SYSTEM_ACTOR, admin.id, { role: 'public', reason: '' }))).toEqual([
      { field: 'role', code: 'accounts.role.unknown' },
      { field: 'reason', code: 'accounts.reason.required' },
    ]);
    for (const verb of [svc.deactivateUser, svc.resetPassword, svc.unlockUser, svc.revokeToken]) {
      expect(await errorsOf(verb(SYSTEM_ACTOR, admin.id, { reason: ' ' }))).toEqual([{ field: 'reason', code: 'accounts.reason.required' }]);
    }
    expect(await errorsOf(svc.login({ username: 'admin', password: 42 as unknown as string }))).toEqual([{ field: 'password', code: 'accounts.invalid_type' }]);
    const [{ n: after }] = await t.deps.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log');
    expect(after).toBe(before);
  });

  it('resets a password to a new one-time password and revokes old credentials', async () => {
    const { user, oneTimePassword } = await createUser({ username: 'poc.reset', role: 'point_of_contact' });
    const { cookie } = await signInFresh(user.username, oneTimePassword!);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/accounts/users/${user.id}/reset-password`,
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf },
      payload: { reason: 'forgotten password, identity checked in person' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const { oneTimePassword: next } = res.json();
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie } })).statusCode).toBe(401);
    expect((await login(user.username, GOOD_PASSWORD)).statusCode).toBe(401);
    const again = await login(user.username, next);
    expect(again.json().user.mustChangePassword).toBe(true);
  });

  it('sends security headers, answers no CORS, and limits request size', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { origin: 'https://evil.example' } });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(String(res.headers['content-security-policy'])).toContain("default-src 'self'");
    expect(String(res.headers['content-security-policy'])).not.toContain('upgrade-insecure-requests');
    // Styles and fonts from the server itself only (issue 10: helmet's default also allowed any https: origin).
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toContain("font-src 'self'");
    expect(csp).not.toContain('https:');
    expect(res.headers['strict-transport-security']).toBeDefined();
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await t.app.inject({ method: 'OPTIONS', url: '/api/v1/auth/login', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    const docs = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger-initializer.js');
    expect(String(docs.headers['content-security-policy'])).toContain("script-src 'self'");
    const big = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ username: 'x', password: 'y'.repeat(t.deps.config.bodyLimitBytes + 1) }),
    });
    expect(big.statusCode).toBe(413);
  });

  // Last: it tampers with the database.
  it('passes audit verification, and detects a password hash swapped in the database', async () => {
    const clean = await verifyAuditLog(t.deps, CATALOG.auditedEntities);
    expect(clean.problems).toEqual([]);
    await t.deps.db.query("UPDATE users SET password_hash = $1 WHERE username = 'admin'", [await hashPassword('Attacker-Chosen-Secret-1')]);
    const tampered = await verifyAuditLog(t.deps, CATALOG.auditedEntities);
    expect(tampered.ok).toBe(false);
    expect(tampered.problems).toContainEqual(expect.objectContaining({ kind: 'record-altered', entity: 'user', entityId: admin.id }));
  });
});
