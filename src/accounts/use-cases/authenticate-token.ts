import type { AccountsContext, Authentication } from '../context.ts';
import { secretDigest, shouldTouch, TOKEN_PREFIX, tokenUsable } from '../model.ts';
import { actorForToken } from '../presenters.ts';
import * as store from '../store.ts';
import { tokenCacheFor } from '../token-cache.ts';

/** Bearer token → authentication, or undefined when unknown, revoked, expired, or its owner is inactive or changed role. */
export async function authenticateToken(ctx: AccountsContext, secret: string): Promise<Authentication | undefined> {
  const { db, clock } = ctx.deps;
  if (!secret.startsWith(TOKEN_PREFIX)) return undefined;
  const now = clock.now();
  const digest = secretDigest(secret);
  // Resolved tokens are cached per process and forgotten on every committed change to tokens or
  // users (token-cache.ts); the checks below run on every request either way.
  const cache = tokenCacheFor(db);
  let found = cache.get(digest);
  if (!found) {
    const begunAt = cache.begin();
    found = await store.findTokenWithOwner(db, digest);
    if (!found) return undefined;
    cache.put(digest, found, begunAt);
  }
  const { token, user } = found;
  if (!tokenUsable({ expiresAt: token.expires_at, revokedAt: token.revoked_at }, now)) return undefined;
  if (!user.active || user.role !== token.role) return undefined;
  if (!token.last_used_at || shouldTouch(token.last_used_at, now)) {
    // Not awaited: the time of last use is for the token's owner to read, it decides nothing here, and on
    // the embedded database the write waits for the one connection (held to its end by a running
    // all-or-nothing import). The update only ever moves the time forward, so a late one is harmless.
    token.last_used_at = now;
    store.touchToken(db, token.id, now).catch((err: unknown) => ctx.deps.log.warn({ err, tokenId: token.id }, 'could not record the API token\'s last use'));
  }
  return { actor: actorForToken(user, token), user, token };
}
