import type { Actor } from '../auth/actor.ts';
import { currentRequest } from '../http/request-context.ts';
import type { Db, QueryOptions, Row, Tx } from './types.ts';

/**
 * Reads that may be a little stale (searches, item pages, public verification, reports) go to a
 * PostgreSQL streaming replica (DATABASE_READ_URL); everything else stays on the primary.
 *
 * Read-your-writes, by LSN rather than by a time window: after a transaction commits on the primary for
 * a user, the primary's WAL insert position is noted for that user; that user's reads go to the replica
 * only once the replica has replayed at least that far. A time window ("primary for N seconds after a
 * write") would still serve a stale read whenever the replica lags more than N seconds, which is exactly
 * when it matters; the LSN comparison is exact at any lag and costs one cheap query per write and one
 * status query on the replica per `statusTtlMs` (a cached replay position is only ever older than the real
 * one, so caching can send a read to the primary needlessly, never to a stale replica).
 *
 * Everyone's reads also leave the replica when it lags more than `maxLagSeconds` or cannot be reached
 * (refused connection, timeout, shut down, a query cancelled by recovery conflict): the read is retried on
 * the primary and the replica is left alone for `retryAfterMs`.
 *
 * The noted positions live in this process: with several server processes, a user's requests must reach
 * the process that handled their write (sticky sessions), or that user reads from the primary for the
 * replica's lag after switching.
 */
export interface ReadRoutingOptions {
  maxLagSeconds: number;
  statusTtlMs?: number;
  retryAfterMs?: number;
  /** Called for every routed read: where it went and why. */
  onRoute?: (target: 'replica' | 'primary', reason: RouteReason) => void;
}

export type RouteReason = 'replica' | 'own-write' | 'lag' | 'down';

export interface ReadRouting {
  /** The database a read for `actor` may use. Never call it for a read inside a write transaction. */
  forActor(actor: Actor): Db;
  /** The primary with every committed write transaction noted for the acting user. */
  readonly primary: Db;
  readonly replica: Db;
  /** Last replica status seen (for /readyz and tests). */
  status(): Promise<ReplicaStatus | null>;
}

export interface ReplicaStatus {
  replayLsn: bigint;
  lagSeconds: number;
}

/** `16/B374D848` → 0x16B374D848. */
export function parseLsn(lsn: string): bigint {
  const m = /^([0-9A-F]{1,8})\/([0-9A-F]{1,8})$/i.exec(lsn);
  if (!m) throw new Error(`not an LSN: ${lsn}`);
  return (BigInt(`0x${m[1]}`) << 32n) | BigInt(`0x${m[2]}`);
}

const CONNECTION_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EPIPE', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006', '40001']);

/** An error that says the replica (not the query) is the problem: retry on the primary. */
export function isReplicaUnavailable(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | undefined;
  if (!e) return false;
  if (e.code && CONNECTION_ERRORS.has(e.code)) return true;
  return /Connection terminated|timeout exceeded when trying to connect|connect ECONNREFUSED|Client has encountered a connection error/i.test(e.message ?? '');
}

/** Whether a statement outside a transaction may have written (anything but a plain read). */
function mayWrite(text: string): boolean {
  return !/^\s*(SELECT|SHOW|EXPLAIN|VALUES)\b/i.test(text);
}

export function createReadRouting(primary: Db, replica: Db, options: ReadRoutingOptions): ReadRouting {
  const ttl = options.statusTtlMs ?? 200;
  const retryAfter = options.retryAfterMs ?? 5_000;
  const lastWrite = new Map<string, bigint>();
  let downUntil = 0;
  let cached: { at: number; status: ReplicaStatus } | undefined;
  let inflight: Promise<ReplicaStatus> | undefined;

  const markDown = () => {
    downUntil = Date.now() + retryAfter;
    cached = undefined;
  };

  async function noteWrite(): Promise<void> {
    const key = currentRequest()?.actorKey;
    if (!key) return;
    const [row] = await primary.query<{ lsn: string }>('SELECT pg_current_wal_insert_lsn()::text AS lsn');
    lastWrite.set(key, parseLsn(row.lsn));
  }

  async function replicaStatus(): Promise<ReplicaStatus> {
    if (cached && Date.now() - cached.at < ttl) return cached.status;
    inflight ??= replica
      .query<{ replay: string; lag: number }>(
        `SELECT (CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn() ELSE pg_current_wal_lsn() END)::text AS replay,
                (CASE WHEN NOT pg_is_in_recovery() OR pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
                      ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0) END)::float8 AS lag`,
      )
      .then(([r]) => {
        const status = { replayLsn: parseLsn(r.replay), lagSeconds: Number(r.lag) };
        cached = { at: Date.now(), status };
        return status;
      })
      .finally(() => {
        inflight = undefined;
      });
    return inflight;
  }

  /** Where a read for `key` goes now. */
  async function route(key: string | undefined): Promise<RouteReason> {
    if (Date.now() < downUntil) return 'down';
    let status: ReplicaStatus;
    try {
      status = await replicaStatus();
    } catch (err) {
      if (!isReplicaUnavailable(err)) throw err;
      markDown();
      return 'down';
    }
    if (status.lagSeconds > options.maxLagSeconds) return 'lag';
    const written = key ? lastWrite.get(key) : undefined;
    if (written !== undefined) {
      if (status.replayLsn < written) return 'own-write';
      lastWrite.delete(key!); // replayed: the replica serves this user again
    }
    return 'replica';
  }

  /** Runs `fn` on the replica when allowed, on the primary otherwise or when the replica fails under it. */
  async function read<T>(key: string | undefined, fn: (db: Db) => Promise<T>): Promise<T> {
    const reason = await route(key);
    if (reason !== 'replica') {
      options.onRoute?.('primary', reason);
      return fn(primary);
    }
    options.onRoute?.('replica', 'replica');
    try {
      return await fn(replica);
    } catch (err) {
      if (!isReplicaUnavailable(err)) throw err;
      markDown();
      options.onRoute?.('primary', 'down');
      return fn(primary);
    }
  }

  const notingPrimary: Db = {
    ...primary,
    async query<T = Row>(text: string, params?: readonly unknown[], options?: QueryOptions): Promise<T[]> {
      const rows = await primary.query<T>(text, params, options);
      if (mayWrite(text)) await noteWrite();
      return rows;
    },
    async exec(script) {
      await primary.exec(script);
      await noteWrite();
    },
    copyFrom: primary.copyFrom
      ? async (table, columns, rows) => {
          await primary.copyFrom!(table, columns, rows);
          await noteWrite();
        }
      : undefined,
    async transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
      let wrote = false;
      const result = await primary.transaction(async (tx) => {
        const r = await fn(tx);
        // Whether this transaction wrote anything (an xid is assigned at the first write).
        const [row] = await tx.query<{ wrote: boolean }>('SELECT txid_current_if_assigned() IS NOT NULL AS wrote');
        wrote = row.wrote;
        return r;
      });
      if (wrote) await noteWrite();
      return result;
    },
  };

  return {
    primary: notingPrimary,
    replica,
    forActor(actor) {
      const key = actor.userId ?? `${actor.kind}:${actor.name}`;
      const routed: Db = {
        ...replica,
        query: <T = Row>(text: string, params?: readonly unknown[], options?: QueryOptions) => read(key, (db) => db.query<T>(text, params, options)),
        exec: (script) => read(key, (db) => db.exec(script)),
        // A write: never on the replica.
        copyFrom: undefined,
        transaction: (fn) => read(key, (db) => db.transaction(fn)),
      };
      return routed;
    },
    async status() {
      try {
        return await replicaStatus();
      } catch {
        return null;
      }
    },
  };
}

/** The database a possibly-stale read for `actor` should use: the routed replica when one is configured. */
export function readDb(deps: { db: Db; reads?: ReadRouting }, actor: Actor): Db {
  return deps.reads ? deps.reads.forActor(actor) : deps.db;
}
