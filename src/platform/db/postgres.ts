import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFromStdin } from 'pg-copy-streams';
import { copyData, copyRowCount, copyStatement, type CopyRows } from './copy.ts';
import { assertChannelName } from './listen.ts';
import type { Db, QueryOptions, Queryable, Row, Tx } from './types.ts';
import { OID_DATE, OID_INT8, parseDate, parseInt8 } from './parsers.ts';

const typeParsers = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === OID_INT8) return parseInt8;
    if (oid === OID_DATE) return parseDate;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return (pg.types.getTypeParser as any)(oid, format);
  },
};

/**
 * Statement names of prepared texts: a name per text, the same on every connection. At most
 * MAX_PREPARED_TEXTS texts are ever prepared (each stays prepared on every pooled connection); past that a
 * text is run unprepared, as any other statement.
 */
const statementNames = new Map<string, string>();
const MAX_PREPARED_TEXTS = 200;

function statementName(text: string): string | undefined {
  let name = statementNames.get(text);
  if (!name && statementNames.size < MAX_PREPARED_TEXTS) {
    name = `custodia_${createHash('sha256').update(text).digest('hex').slice(0, 32)}`;
    statementNames.set(text, name);
  }
  return name;
}

function wrap(client: pg.Pool | pg.PoolClient): Queryable {
  // A transaction is one connection: callers may still start several reads at once (Promise.all over a tx,
  // as PGlite allows), so they are chained here, in call order. pg's own queue for that is deprecated
  // ("client.query() while already executing") and goes in pg 9. The pool needs no chain: each query
  // takes its own connection.
  let tail: Promise<unknown> = Promise.resolve();
  const inOrder = client instanceof pg.Pool
    ? <R>(run: () => Promise<R>) => run()
    : <R>(run: () => Promise<R>) => {
        const next = tail.then(run, run);
        tail = next.catch(() => undefined);
        return next;
      };
  return {
    engine: 'postgres',
    async query<T = Row>(text: string, params: readonly unknown[] = [], options?: QueryOptions): Promise<T[]> {
      const name = options?.prepare ? statementName(text) : undefined;
      const result = await inOrder(() => client.query({ text, values: params as unknown[], types: typeParsers, ...(name ? { name } : {}) }));
      return result.rows as T[];
    },
    async exec(script: string): Promise<void> {
      await inOrder(() => client.query(script));
    },
    async copyFrom(table: string, columns: readonly string[], rows: CopyRows): Promise<void> {
      if (copyRowCount(rows) === 0) return;
      const data = Buffer.from(copyData(rows), 'utf8');
      const sql = copyStatement(table, columns, 'STDIN');
      if (!(client instanceof pg.Pool)) {
        // In the transaction's call order, like every other statement on its one connection.
        await inOrder(() => pipeline(Readable.from([data]), client.query(copyFromStdin(sql))));
        return;
      }
      // Outside a transaction the pool lends one connection for the COPY; one whose COPY failed half-way
      // is not given back to the pool.
      const conn = await client.connect();
      let failed: Error | undefined;
      try {
        await pipeline(Readable.from([data]), conn.query(copyFromStdin(sql)));
      } catch (err) {
        failed = err as Error;
        throw err;
      } finally {
        conn.release(failed);
      }
    },
  };
}

/** A connection string with its password hidden, for logs, reports and audit entries. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres';
  }
}

export interface PostgresOptions {
  poolSize?: number;
  /** Give up connecting after this long (a replica that is down must not hold a request up). */
  connectTimeoutMs?: number;
  /** Connect once at open to fail early (default); a replica opens without, and may be down. */
  probe?: boolean;
}

export async function openPostgres(url: string, options: number | PostgresOptions = {}): Promise<Db> {
  const o: PostgresOptions = typeof options === 'number' ? { poolSize: options } : options;
  const pool = new pg.Pool({ connectionString: url, max: o.poolSize ?? 10, ...(o.connectTimeoutMs ? { connectionTimeoutMillis: o.connectTimeoutMs } : {}) });
  // An idle pooled connection can be closed by the server (restart, failover, an administrator
  // terminating backends). pg re-emits that on the pool, and an unhandled 'error' event would crash the
  // whole server; the pool already discards the dead client and opens a new one on the next query, and
  // errors of running queries still reach their callers.
  pool.on('error', () => undefined);
  // Fail at open, with the real reason, rather than on the first request.
  if (o.probe !== false) {
    const probe = await pool.connect();
    probe.release();
  }
  const base = wrap(pool);
  const listeners = new Set<() => Promise<void>>();
  return {
    ...base,
    description: redactUrl(url),
    async listen(channel: string, onNotify: () => void, onListening: (listening: boolean) => void) {
      const stop = await listenOn(url, channel, onNotify, onListening);
      const stopOnce = async () => {
        if (listeners.delete(stopOnce)) await stop();
      };
      listeners.add(stopOnce);
      return stopOnce;
    },
    async transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    async close() {
      await Promise.all([...listeners].map((stop) => stop()));
      await pool.end();
    },
  };
}

/** How long to wait before reconnecting a listening connection that was lost. */
const RELISTEN_MS = 1000;

/**
 * A dedicated connection (not from the pool: a pooled one would stop listening when released) that
 * LISTENs on `channel`. When it is lost it reports `false` at once and reconnects every second; on
 * success it reports `true` again (notifications sent meanwhile are lost, which is what `false` warned of).
 */
async function listenOn(url: string, channel: string, onNotify: () => void, onListening: (listening: boolean) => void): Promise<() => Promise<void>> {
  assertChannelName(channel);
  let stopped = false;
  let current: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;

  const lost = (client: pg.Client) => {
    if (current !== client) return;
    current = undefined;
    onListening(false);
    client.end().catch(() => undefined);
    if (!stopped) retry = setTimeout(() => void connect(), RELISTEN_MS).unref();
  };
  const connect = async (): Promise<void> => {
    retry = undefined;
    // TCP keepalive: a connection that dies silently (no FIN, e.g. a network partition) is noticed in
    // seconds rather than never; until then a cache relying on it is bounded by its own maximum age.
    const client = new pg.Client({ connectionString: url, application_name: 'custodia-listen', keepAlive: true, keepAliveInitialDelayMillis: 5_000 });
    client.on('notification', (m) => {
      if (m.channel === channel) onNotify();
    });
    client.on('error', () => lost(client));
    client.on('end', () => lost(client));
    current = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${channel}`);
    } catch {
      lost(client);
      return;
    }
    if (stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    if (current === client) onListening(true);
  };

  await connect();
  return async () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    const client = current;
    current = undefined;
    onListening(false);
    await client?.end().catch(() => undefined);
  };
}
