import { describe, expect, it } from 'vitest';
import {
  attemptLocks,
  lockoutSchedule,
  csrfTokenFor,
  isLocked,
  isUnsafeMethod,
  LOCKOUT_BASE_MS,
  LOCKOUT_MAX_MS,
  LOCKOUT_THRESHOLD,
  lockoutDuration,
  newTokenSecret,
  oneTimePassword,
  organisationErrors,
  passwordErrors,
  roleErrors,
  safeEqual,
  secretDigest,
  sessionProblem,
  SESSION_IDLE_MS,
  shouldTouch,
  tokenUsable,
  usernameErrors,
} from './model.ts';

const codes = (errors: { code?: string }[]) => errors.map((e) => e.code);

describe('password policy', () => {
  it('accepts a long password mixing classes', () => {
    expect(passwordErrors('Correct horse battery 9', 'maria')).toEqual([]);
  });
  it('refuses fewer than 12 characters', () => {
    expect(codes(passwordErrors('Short1!abc', 'maria'))).toContain('password.too_short');
  });
  it('counts characters, not UTF-16 units', () => {
    expect(codes(passwordErrors('ñandú-Ñandú1', 'maria'))).not.toContain('password.too_short');
    expect(codes(passwordErrors('😀😀😀😀😀a', 'maria'))).toContain('password.too_short');
  });
  it('refuses a password of one character class', () => {
    expect(codes(passwordErrors('alllowercaseletters', 'maria'))).toContain('password.one_class');
    expect(codes(passwordErrors('123456789012345', 'maria'))).toContain('password.one_class');
  });
  it('refuses a password made of very few distinct characters', () => {
    expect(codes(passwordErrors('aaaaaaAAAAAA', 'maria'))).toContain('password.repetitive');
  });
  it('refuses the username, in any case, and passwords containing it', () => {
    expect(codes(passwordErrors('Maria.Lopez-2026', 'maria.lopez'))).toContain('password.contains_username');
    expect(codes(passwordErrors('MARIA.LOPEZ', 'maria.lopez'))).toContain('password.contains_username');
  });
  it('refuses absurdly long passwords (argon2 input bound)', () => {
    expect(codes(passwordErrors(`Aa1${'x'.repeat(300)}`, 'maria'))).toContain('password.too_long');
  });
  it('names the field it was given', () => {
    expect(passwordErrors('x', 'maria', 'newPassword').every((e) => e.field === 'newPassword')).toBe(true);
  });
});

describe('usernames, roles and organisations', () => {
  it('accepts usual usernames and refuses odd ones', () => {
    expect(usernameErrors('maria.lopez')).toEqual([]);
    expect(usernameErrors('customs-gateway_01')).toEqual([]);
    expect(usernameErrors('ab')).not.toEqual([]);
    expect(usernameErrors('-maria')).not.toEqual([]);
    expect(usernameErrors('maria lopez')).not.toEqual([]);
  });
  it('knows the account roles and refuses public and unknown ones', () => {
    expect(roleErrors('licensing_supervisor')).toEqual([]);
    expect(codes(roleErrors('public'))).toEqual(['role.unknown']);
    expect(codes(roleErrors('superuser'))).toEqual(['role.unknown']);
  });
  it('requires an organisation for industry users and refuses one for officers', () => {
    expect(codes(organisationErrors('industry', null))).toEqual(['organisation.required']);
    expect(organisationErrors('industry', '0190a0a0-0000-7000-8000-000000000001')).toEqual([]);
    expect(codes(organisationErrors('registry_clerk', '0190a0a0-0000-7000-8000-000000000001'))).toEqual(['organisation.not_allowed']);
    expect(organisationErrors('auditor', null)).toEqual([]);
  });
});

describe('lockout', () => {
  const now = new Date('2026-06-01T10:00:00Z');
  it(`locks on the ${LOCKOUT_THRESHOLD}th attempt counted, not before, and on every further run of ${LOCKOUT_THRESHOLD}`, () => {
    for (let n = 0; n <= 4 * LOCKOUT_THRESHOLD; n++) expect(attemptLocks(n), String(n)).toBe(n > 0 && n % LOCKOUT_THRESHOLD === 0);
  });
  it('hands the store every lock duration in order, ending at the maximum', () => {
    const schedule = lockoutSchedule();
    expect(schedule[0]).toBe(LOCKOUT_BASE_MS);
    expect(schedule.at(-1)).toBe(LOCKOUT_MAX_MS);
    schedule.forEach((ms, k) => expect(ms).toBe(lockoutDuration((k + 1) * LOCKOUT_THRESHOLD)));
    expect(lockoutDuration((schedule.length + 5) * LOCKOUT_THRESHOLD)).toBe(LOCKOUT_MAX_MS);
  });
  it('doubles the lock for each further run of failures, up to a day', () => {
    expect(lockoutDuration(LOCKOUT_THRESHOLD)).toBe(LOCKOUT_BASE_MS);
    expect(lockoutDuration(2 * LOCKOUT_THRESHOLD)).toBe(2 * LOCKOUT_BASE_MS);
    expect(lockoutDuration(3 * LOCKOUT_THRESHOLD)).toBe(4 * LOCKOUT_BASE_MS);
    expect(lockoutDuration(100 * LOCKOUT_THRESHOLD)).toBe(LOCKOUT_MAX_MS);
  });
  it('is locked only until the unlock time', () => {
    const until = new Date(now.getTime() + 1000);
    expect(isLocked(until, now)).toBe(true);
    expect(isLocked(until, until)).toBe(false);
    expect(isLocked(null, now)).toBe(false);
  });
});

describe('sessions and tokens', () => {
  const now = new Date('2026-06-01T10:00:00Z');
  const later = (ms: number) => new Date(now.getTime() + ms);
  it('ends a session when revoked, expired or idle', () => {
    const live = { expiresAt: later(3_600_000), lastSeenAt: now, revokedAt: null };
    expect(sessionProblem(live, later(1000))).toBeNull();
    expect(sessionProblem({ ...live, revokedAt: now }, later(1000))).toBe('revoked');
    expect(sessionProblem(live, later(3_600_000))).toBe('expired');
    expect(sessionProblem(live, later(SESSION_IDLE_MS))).toBe('idle');
    expect(sessionProblem(live, later(SESSION_IDLE_MS - 1))).toBeNull();
  });
  it('touches last-seen at most once a minute', () => {
    expect(shouldTouch(now, later(59_999))).toBe(false);
    expect(shouldTouch(now, later(60_000))).toBe(true);
  });
  it('refuses revoked and expired tokens', () => {
    expect(tokenUsable({ expiresAt: later(1), revokedAt: null }, now)).toBe(true);
    expect(tokenUsable({ expiresAt: now, revokedAt: null }, now)).toBe(false);
    expect(tokenUsable({ expiresAt: later(1), revokedAt: now }, now)).toBe(false);
  });
  it('makes prefixed, unique token secrets and stores only a digest', () => {
    const a = newTokenSecret();
    const b = newTokenSecret();
    expect(a).toMatch(/^cst_[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    expect(secretDigest(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(secretDigest(a)).not.toContain(a.slice(4));
  });
  it('binds the CSRF token to the session secret', () => {
    expect(csrfTokenFor('one')).toBe(csrfTokenFor('one'));
    expect(csrfTokenFor('one')).not.toBe(csrfTokenFor('two'));
    expect(safeEqual(csrfTokenFor('one'), csrfTokenFor('one'))).toBe(true);
    expect(safeEqual(csrfTokenFor('one'), 'short')).toBe(false);
  });
  it('treats every method but GET, HEAD and OPTIONS as unsafe', () => {
    expect(['POST', 'PUT', 'PATCH', 'DELETE'].every(isUnsafeMethod)).toBe(true);
    expect(['GET', 'HEAD', 'OPTIONS'].some(isUnsafeMethod)).toBe(false);
  });
});

describe('one-time passwords', () => {
  it('pass the policy they will be changed under and do not repeat', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const pw = oneTimePassword();
      expect(passwordErrors(pw, 'admin')).toEqual([]);
      seen.add(pw);
    }
    expect(seen.size).toBe(200);
  });
});
