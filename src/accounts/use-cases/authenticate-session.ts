import type { AccountsContext, Authentication } from '../context.ts';
import { csrfTokenFor, secretDigest, sessionProblem, shouldTouch } from '../model.ts';
import { actorForUser } from '../presenters.ts';
import * as store from '../store.ts';
import type { SessionRow } from '../store.ts';
import { sessionCacheFor, type CachedSession } from '../token-cache.ts';

const timing = (s: SessionRow) => ({ expiresAt: s.expires_at, lastSeenAt: s.last_seen_at, revokedAt: s.revoked_at });

/** Session cookie → authentication, or undefined when the session is unknown, revoked, expired or idle. */
export async function authenticateSession(ctx: AccountsContext, secret: string): Promise<Authentication | undefined> {
  const { db, clock } = ctx.deps;
  const now = clock.now();
  const digest = secretDigest(secret);
  // Resolved sessions are cached per process and forgotten on every committed change to sessions, tokens
  // or users (token-cache.ts). A cached session that no longer passes is read again, never refused from
  // the cache: another process may have seen it since, and its last_seen_at touch is not announced.
  const cache = sessionCacheFor(db);
  let found: CachedSession | undefined = cache.get(digest);
  if (found && (sessionProblem(timing(found.session), now) || !found.user.active)) found = undefined;
  if (!found) {
    const begunAt = cache.begin();
    const session = await store.findSessionBySecretHash(db, digest);
    if (!session || sessionProblem(timing(session), now)) return undefined;
    const user = await store.findUserById(db, session.user_id);
    if (!user || !user.active) return undefined;
    found = { session, user };
    cache.put(digest, found, begunAt);
  }
  const { session, user } = found;
  if (shouldTouch(session.last_seen_at, now)) {
    await store.touchSession(db, session.id, now);
    session.last_seen_at = now;
  }
  return { actor: actorForUser(user), user, session, csrfToken: csrfTokenFor(secret) };
}
