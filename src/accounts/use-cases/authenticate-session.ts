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
    // Not awaited, as the API token's last use (authenticate-token.ts): the idle limit is judged from
    // this process's copy, set now, and on the embedded database the write waits for the one connection,
    // held to its end by a running all-or-nothing import (the import page's poll waited for the whole
    // import). The update only moves the time forward, so a late one is harmless; one lost to a crash
    // costs at most SESSION_TOUCH_MS of idle time on the next read from the database.
    session.last_seen_at = now;
    store.touchSession(db, session.id, now).catch((err: unknown) => ctx.deps.log.warn({ err, sessionId: session.id }, "could not record the session's last use"));
  }
  return { actor: actorForUser(user), user, session, csrfToken: csrfTokenFor(secret) };
}
