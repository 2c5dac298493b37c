import type { Db } from '../platform/db/types.ts';
import type { TokenRow, UserRow } from './store.ts';

/**
 * API tokens this process has resolved, so a machine client's requests do not each cost a token query
 * (measured: ~1.5× the exact-lookup throughput on PostgreSQL, ~1.75× on PGlite).
 *
 * What keeps it right: the database announces every change to api_tokens (owner, role, secret, expiry,
 * revocation) and to users on the channel `custodia_auth` when it commits (migration 0220, triggers,
 * so plain SQL is covered too), and every process clears its cache on it. The cache is used only while
 * its listening connection is up; a lookup that started before a change is never stored after it (the
 * generation check). Expiry, the user's active flag and the role are still checked on every request by
 * the caller, against the cached rows. Another process's revocation takes effect here when its
 * notification arrives, milliseconds after the commit.
 */
export interface CachedToken {
  token: TokenRow;
  user: UserRow;
}

export const AUTH_CHANNEL = 'custodia_auth';
/** A bound on how long a cached row can be trusted even if a notification were somehow lost. */
const MAX_AGE_MS = 60_000;
const MAX_ENTRIES = 10_000;

export class TokenCache {
  private readonly entries = new Map<string, { found: CachedToken; at: number }>();
  private generation = 0;
  private listening = false;

  /** Called by the listener: false stops all use of the cache until it is listening again. */
  setListening(listening: boolean): void {
    this.listening = listening;
    this.clear();
  }

  /** Forgets everything, and any lookup in flight (it will not be stored). */
  clear(): void {
    this.generation += 1;
    this.entries.clear();
  }

  get isListening(): boolean {
    return this.listening;
  }

  get size(): number {
    return this.entries.size;
  }

  get(digest: string): CachedToken | undefined {
    if (!this.listening) return undefined;
    const e = this.entries.get(digest);
    if (!e) return undefined;
    if (performance.now() - e.at > MAX_AGE_MS) {
      this.entries.delete(digest);
      return undefined;
    }
    return e.found;
  }

  /** The generation to pass to `put` for a lookup starting now. */
  begin(): number {
    return this.generation;
  }

  /** Stores a lookup's result unless anything changed since it began. */
  put(digest: string, found: CachedToken, begunAt: number): void {
    if (!this.listening || begunAt !== this.generation) return;
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(digest, { found, at: performance.now() });
  }
}

const caches = new WeakMap<Db, { cache: TokenCache; started: Promise<void> }>();

/**
 * The cache of this database handle (one per server process), listening from its first use. Until the
 * listener reports that it listens, the cache stores and returns nothing.
 */
export function tokenCacheFor(db: Db): TokenCache {
  let held = caches.get(db);
  if (!held) {
    const cache = new TokenCache();
    const started = db
      .listen(AUTH_CHANNEL, () => cache.clear(), (listening) => cache.setListening(listening))
      .then(() => undefined)
      // Without a listener the cache stays off: every request resolves its token in the database.
      .catch(() => cache.setListening(false));
    held = { cache, started };
    caches.set(db, held);
  }
  return held.cache;
}
