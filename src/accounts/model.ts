import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { ROLES, type Role } from '../platform/auth/actor.ts';
import { actsForOrganisation } from '../platform/auth/scope.ts';
import type { FieldError } from '../platform/http/errors.ts';

/** Pure rules for accounts: password policy, usernames, roles, lockout and session timing. No I/O. */

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;
/** Consecutive failed sign-ins that lock an account, and for how long (doubling per further lock). */
export const LOCKOUT_THRESHOLD = 5;
export const LOCKOUT_BASE_MS = 15 * 60_000;
export const LOCKOUT_MAX_MS = 24 * 60 * 60_000;
/** Sign-in attempts per IP address and username in one window (throttling before lockout bites). */
export const LOGIN_RATE_MAX = 10;
export const LOGIN_RATE_WINDOW_MS = 60_000;
/** A browser session ends after 12 hours at most, or after 30 minutes without a request. */
export const SESSION_LIFETIME_MS = 12 * 60 * 60_000;
export const SESSION_IDLE_MS = 30 * 60_000;
/** `last_seen_at` is written at most this often, so reads do not each turn into a write. */
export const SESSION_TOUCH_MS = 60_000;
export const TOKEN_MAX_DAYS = 366;
export const TOKEN_DEFAULT_DAYS = 90;

export const SESSION_COOKIE = 'custodia_session';
export const CSRF_HEADER = 'x-csrf-token';
export const TOKEN_PREFIX = 'cst_';

const USERNAME_RE = /^[a-z0-9][a-z0-9._@-]{2,63}$/;

export function normaliseUsername(username: string): string {
  return username.trim().toLowerCase();
}

export function usernameErrors(username: string, field = 'username'): FieldError[] {
  if (!USERNAME_RE.test(normaliseUsername(username))) {
    return [{ field, code: 'username.format', message: 'A username is 3–64 characters: letters, digits, and . _ @ - (not first).' }];
  }
  return [];
}

/** Character classes counted by the password policy. */
function classesOf(password: string): number {
  let n = 0;
  if (/\p{Ll}/u.test(password)) n++;
  if (/\p{Lu}/u.test(password)) n++;
  if (/\p{Nd}/u.test(password)) n++;
  if (/[^\p{Ll}\p{Lu}\p{Nd}]/u.test(password)) n++;
  return n;
}

/**
 * Password policy (NIST SP 800-63B in spirit: length first; no forced periodic change). At least 12
 * characters, more than one character class, not mostly one repeated character, not the username
 * and not containing it.
 */
export function passwordErrors(password: string, username: string, field = 'password'): FieldError[] {
  const errors: FieldError[] = [];
  const len = [...password].length;
  if (len < PASSWORD_MIN_LENGTH) {
    errors.push({ field, code: 'password.too_short', message: `A password has at least ${PASSWORD_MIN_LENGTH} characters.` });
  }
  if (len > PASSWORD_MAX_LENGTH) {
    errors.push({ field, code: 'password.too_long', message: `A password has at most ${PASSWORD_MAX_LENGTH} characters.` });
  }
  if (len > 0 && classesOf(password) < 2) {
    errors.push({ field, code: 'password.one_class', message: 'Mix at least two of: lower case, upper case, digits, symbols.' });
  }
  if (len > 0 && new Set(password).size <= 3) {
    errors.push({ field, code: 'password.repetitive', message: 'The password repeats too few distinct characters.' });
  }
  const user = normaliseUsername(username);
  if (user.length >= 3 && password.toLowerCase().includes(user)) {
    errors.push({ field, code: 'password.contains_username', message: 'The password must not contain the username.' });
  }
  return errors;
}

/** Industry users act for exactly one organisation; authority staff belong to none. */
export function organisationErrors(role: Role, organisationId: string | null, field = 'organisationId'): FieldError[] {
  if (actsForOrganisation(role) && !organisationId) {
    return [{ field, code: 'organisation.required', message: 'An industry user belongs to one organisation.' }];
  }
  if (!actsForOrganisation(role) && organisationId) {
    return [{ field, code: 'organisation.not_allowed', message: 'Only industry users belong to an organisation.' }];
  }
  return [];
}

/**
 * An account may name the State agency its holder works for (lost/stolen alerts addressed to that agency
 * are shown to them first). Industry users act for an organisation, never for a State agency.
 */
export function agencyErrors(role: Role, agencyPartyId: string | null, field = 'agencyPartyId'): FieldError[] {
  if (agencyPartyId && actsForOrganisation(role)) {
    return [{ field, code: 'agency.not_allowed', message: 'An industry user works for an organisation, not for a State agency.' }];
  }
  return [];
}

/** Public is what an unauthenticated visitor is; no account carries it. */
export const ACCOUNT_ROLES = ROLES.filter((r) => r !== 'public') as Exclude<Role, 'public'>[];

export function roleErrors(role: string, field = 'role'): FieldError[] {
  if (!(ACCOUNT_ROLES as string[]).includes(role)) {
    return [{ field, code: 'role.unknown', message: `Role must be one of: ${ACCOUNT_ROLES.join(', ')}.` }];
  }
  return [];
}

/** How long an account stays locked after its `lockNumber`-th lock in a row (1-based). */
export function lockoutDuration(failedLogins: number): number {
  const locks = Math.max(1, Math.floor(failedLogins / LOCKOUT_THRESHOLD));
  return Math.min(LOCKOUT_BASE_MS * 2 ** (locks - 1), LOCKOUT_MAX_MS);
}

/**
 * Sign-in attempts are counted before the password is checked; the attempt whose count is a multiple of
 * the threshold is the last one evaluated before the account locks (its own outcome decides: wrong → locked,
 * right → the counter starts again).
 */
export function attemptLocks(attempt: number): boolean {
  return attempt > 0 && attempt % LOCKOUT_THRESHOLD === 0;
}

/**
 * The lock durations in order (the k-th lock in a row lasts `schedule[k-1]`, the last one from then on),
 * handed to the store so the counting statement can set the lock in the same atomic step.
 */
export function lockoutSchedule(): number[] {
  const out: number[] = [];
  for (let k = 1; out.at(-1) !== LOCKOUT_MAX_MS; k++) out.push(lockoutDuration(k * LOCKOUT_THRESHOLD));
  return out;
}

export function isLocked(lockedUntil: Date | null, now: Date): boolean {
  return lockedUntil !== null && lockedUntil.getTime() > now.getTime();
}

export interface SessionTiming {
  expiresAt: Date;
  lastSeenAt: Date;
  revokedAt: Date | null;
}

export type SessionProblem = 'revoked' | 'expired' | 'idle' | null;

export function sessionProblem(s: SessionTiming, now: Date): SessionProblem {
  if (s.revokedAt) return 'revoked';
  if (s.expiresAt.getTime() <= now.getTime()) return 'expired';
  if (s.lastSeenAt.getTime() + SESSION_IDLE_MS <= now.getTime()) return 'idle';
  return null;
}

export function shouldTouch(lastSeenAt: Date, now: Date): boolean {
  return now.getTime() - lastSeenAt.getTime() >= SESSION_TOUCH_MS;
}

export function tokenUsable(t: { expiresAt: Date; revokedAt: Date | null }, now: Date): boolean {
  return !t.revokedAt && t.expiresAt.getTime() > now.getTime();
}

/** 256-bit random secrets; only their SHA-256 digest is stored, so a database leak yields no credential. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function newTokenSecret(): string {
  return `${TOKEN_PREFIX}${newSecret()}`;
}

export function secretDigest(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/**
 * The CSRF token is derived from the session secret, so it needs no storage and is bound to the
 * session: a page on another site can neither read the HttpOnly cookie nor compute the token.
 */
export function csrfTokenFor(sessionSecret: string): string {
  return createHash('sha256').update('custodia-csrf\0').update(sessionSecret, 'utf8').digest('base64url');
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * A one-time password given to a new user or after a reset: 20 characters from an alphabet without
 * look-alikes, always mixing classes so it passes the policy it must then be changed under.
 */
export function oneTimePassword(): string {
  const lower = 'abcdefghjkmnpqrstuvwxyz';
  const upper = 'ABCDEFGHJKMNPQRSTUVWXYZ';
  const digits = '23456789';
  const all = lower + upper + digits;
  for (;;) {
    const bytes = randomBytes(20);
    const pw = [...bytes].map((b) => all[b % all.length]).join('');
    if (classesOf(pw) >= 3 && new Set(pw).size > 8) return pw;
  }
}

export function isUnsafeMethod(method: string): boolean {
  return !['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase());
}
