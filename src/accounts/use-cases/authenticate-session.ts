import type { AccountsContext, Authentication } from '../context.ts';
import { csrfTokenFor, secretDigest, sessionProblem, shouldTouch } from '../model.ts';
import { actorForUser } from '../presenters.ts';
import * as store from '../store.ts';

/** Session cookie → authentication, or undefined when the session is unknown, revoked, expired or idle. */
export async function authenticateSession(ctx: AccountsContext, secret: string): Promise<Authentication | undefined> {
  const { db, clock } = ctx.deps;
  const now = clock.now();
  const session = await store.findSessionBySecretHash(db, secretDigest(secret));
  if (!session || sessionProblem({ expiresAt: session.expires_at, lastSeenAt: session.last_seen_at, revokedAt: session.revoked_at }, now)) return undefined;
  const user = await store.findUserById(db, session.user_id);
  if (!user || !user.active) return undefined;
  if (shouldTouch(session.last_seen_at, now)) {
    await store.touchSession(db, session.id, now);
    session.last_seen_at = now;
  }
  return { actor: actorForUser(user), user, session, csrfToken: csrfTokenFor(secret) };
}
