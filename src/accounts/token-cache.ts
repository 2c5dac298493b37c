import type { Db } from '../platform/db/types.ts';
import type { SessionRow, TokenRow, UserRow } from './store.ts';

/**
 * API tokens and browser sessions this process has resolved, so a client's requests do not each cost a
 * credential query (measured for tokens: ~1.5× the exact-lookup throughput on PostgreSQL, ~1.75× on PGlite).
 *
 * What keeps them right: the database announces every change to api_tokens (owner, role, secret, expiry,
 * revocation), to sessions (owner, secret, expiry, revocation: migration 0028) and to users on the channel
 * `custodia_auth` when it commits (migrations 0010 and 0028, triggers, so plain SQL is covered too), and
 * every process clears both caches on it; this process also clears them as soon as one of its own auth
 * writes ends (`inAuthTransaction`). The caches are used only while the listening connection is up; a
 * lookup that started before a change is never stored after it (the generation check); nothing is trusted
 * longer than a minute. Expiry, revocation, the user's active flag and the role are still checked on every
 * request by the caller, against the cached rows. Another process's revocation takes effect here when its
 * notification arrives, milliseconds after the commit.
 *
 * Not announced, on purpose: a token's `last_used_at` and a session's `last_seen_at` touch (they change
 * nothing a request may do, and would clear every cache once a minute per client). So a cached session's
 * `last_seen_at` may be older than the database's, when another process saw the session since: the caller
 * never refuses a session as idle from the cache, it reads the row again (authenticate-session.ts).
 */
export interface CachedToken {
  token: TokenRow;
  user: UserRow;
}

export interface CachedSession {
  session: SessionRow;
  user: UserRow;
}

export const AUTH_CHANNEL = 'custodia_auth';
/**
 * A bound on how long a cached row can be trusted even if a notification were somehow lost (PostgreSQL:
 * they travel on a connection of their own). The embedded database notifies in this process, when the
 * change commits, so there nothing can be lost and no bound is kept: a bound there would send a client's
 * request to the one connection every minute, and a running all-or-nothing import holds that connection
 * until it ends (a client following its own import got no answer for minutes).
 */
export const MAX_AGE_MS = 60_000;
const MAX_ENTRIES = 10_000;

/** One process's resolved credentials of one kind, keyed by the secret's digest. */
export class CredentialCache<T> {
  private readonly entries = new Map<string, { found: T; at: number }>();
  constructor(
    private readonly maxAgeMs = MAX_AGE_MS,
    private readonly now: () => number = () => performance.now(),
  ) {}
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

  /** How many times it was cleared (a notification, a write of this process): tests tell a notification from the maximum age. */
  get clears(): number {
    return this.generation;
  }

  get isListening(): boolean {
    return this.listening;
  }

  get size(): number {
    return this.entries.size;
  }

  get(digest: string): T | undefined {
    if (!this.listening) return undefined;
    const e = this.entries.get(digest);
    if (!e) return undefined;
    if (this.now() - e.at > this.maxAgeMs) {
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
  put(digest: string, found: T, begunAt: number): void {
    if (!this.listening || begunAt !== this.generation) return;
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(digest, { found, at: this.now() });
  }
}

export class TokenCache extends CredentialCache<CachedToken> {}
export class SessionCache extends CredentialCache<CachedSession> {}

interface AuthCaches {
  tokens: TokenCache;
  sessions: SessionCache;
  /** Settles once the listener's first attempt has ended, listening or not. */
  started: Promise<void>;
}

const caches = new WeakMap<Db, AuthCaches>();

/**
 * The caches of this database handle (one per server process), listening from their first use, or from
 * the server's start (`startAuthCaches`). Until the listener reports that it listens, they store and
 * return nothing; without a listener they stay off and every request resolves its credential in the
 * database.
 */
function authCachesFor(db: Db): AuthCaches {
  let held = caches.get(db);
  if (!held) {
    // The embedded database notifies in this process, so its caches keep no age bound (see MAX_AGE_MS).
    const maxAgeMs = db.engine === 'pglite' ? Infinity : MAX_AGE_MS;
    const both: AuthCaches = { tokens: new TokenCache(maxAgeMs), sessions: new SessionCache(maxAgeMs), started: Promise.resolve() };
    const setListening = (listening: boolean) => {
      both.tokens.setListening(listening);
      both.sessions.setListening(listening);
    };
    both.started = db
      .listen(AUTH_CHANNEL, () => clearBoth(both), setListening)
      .then(() => undefined)
      // Without a listener the caches stay off: every request resolves its credential in the database.
      .catch(() => setListening(false));
    held = both;
    caches.set(db, held);
  }
  return held;
}

/**
 * Starts the caches listening before the server takes its first request. Started by the first lookup
 * instead, that lookup is never stored (`setListening(true)` clears what came before): a client's next
 * request went to the database again, and on the embedded database, where a running all-or-nothing
 * import holds the one connection, waited for the import to end (a client polling its own import waited
 * 197 s for the first answer). Resolves once the listener's first attempt has ended; a listener that
 * fails leaves the caches off (and PostgreSQL's keeps trying), it never stops the server.
 */
export async function startAuthCaches(db: Db): Promise<void> {
  await authCachesFor(db).started;
}

function clearBoth(c: AuthCaches): void {
  c.tokens.clear();
  c.sessions.clear();
}

export function tokenCacheFor(db: Db): TokenCache {
  return authCachesFor(db).tokens;
}

export function sessionCacheFor(db: Db): SessionCache {
  return authCachesFor(db).sessions;
}

/** Forgets every credential this process resolved (after its own write to tokens, sessions or users). */
export function clearAuthCaches(db: Db): void {
  clearBoth(authCachesFor(db));
}
