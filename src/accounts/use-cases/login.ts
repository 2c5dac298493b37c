import { recordAudit } from '../../platform/audit/record.ts';
import { ANONYMOUS_ACTOR, type Actor } from '../../platform/auth/actor.ts';
import { UnauthorizedError } from '../../platform/http/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { parseInput } from '../../platform/validation.ts';
import { AccountLockedError, burnVerification, passwordMatches, sessionAudit, userAudit, type AccountsContext } from '../context.ts';
import { attemptLocks, csrfTokenFor, LOCKOUT_THRESHOLD, lockoutSchedule, newSecret, normaliseUsername, secretDigest, SESSION_LIFETIME_MS } from '../model.ts';
import { actorForUser, presentSession, presentUser, type SessionView, type UserView } from '../presenters.ts';
import { loginInput, type LoginInput } from '../schemas.ts';
import * as store from '../store.ts';

/**
 * Password sign-in. Wrong passwords count towards a lockout (audited when it starts); the
 * argon2 work happens outside any transaction so PGlite's one connection is not held by it.
 */
export async function login(ctx: AccountsContext, input: LoginInput): Promise<{ user: UserView; session: SessionView; secret: string; csrfToken: string }> {
  const { db, clock } = ctx.deps;
  const { username, password, ip, userAgent } = parseInput('accounts', loginInput, input);
  const now = clock.now();
  const user = await store.findUserByUsername(db, normaliseUsername(username));
  if (!user || !user.active || !user.password_hash) {
    await burnVerification(password);
    throw new UnauthorizedError('Wrong username or password.');
  }
  // The attempt is counted before the password is checked, atomically: guesses sent in parallel get at
  // most LOCKOUT_THRESHOLD evaluations, and everything after the locking attempt is refused unheard.
  const attempt = await store.countSignInAttempt(db, user.id, now, LOCKOUT_THRESHOLD, lockoutSchedule());
  if (!attempt) throw new AccountLockedError((await store.signInRefusedUntil(db, user.id)) ?? now);
  if (!(await passwordMatches(user.password_hash, password))) {
    if (attemptLocks(attempt.failed_logins) && attempt.sign_in_blocked_until) {
      const until = attempt.sign_in_blocked_until;
      await db.transaction(async (tx) => {
        const locked = await store.recordLock(tx, user.id, until);
        const who: Actor = { ...ANONYMOUS_ACTOR, name: `sign-in from ${ip ?? 'unknown address'}` };
        await recordAudit(tx, who, clock, userAudit('accounts.user.lock', locked, `${attempt.failed_logins} failed sign-ins`));
      });
      throw new AccountLockedError(until);
    }
    throw new UnauthorizedError('Wrong username or password.');
  }
  const secret = newSecret();
  const session = await db.transaction(async (tx) => {
    await store.resetSignInAttempts(tx, user.id);
    const s = await store.insertSession(tx, {
      id: uuidv7(),
      user_id: user.id,
      secret_hash: secretDigest(secret),
      created_at: now,
      expires_at: new Date(now.getTime() + SESSION_LIFETIME_MS),
      last_seen_at: now,
      ip: ip ?? null,
      user_agent: userAgent?.slice(0, 500) ?? null,
    });
    await recordAudit(tx, actorForUser(user), clock, sessionAudit('accounts.session.create', s));
    return s;
  });
  return { user: presentUser(user), session: presentSession(session), secret, csrfToken: csrfTokenFor(secret) };
}
