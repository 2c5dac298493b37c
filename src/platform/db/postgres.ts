import pg from 'pg';
import type { Db, Queryable, Row, Tx } from './types.ts';
import { OID_DATE, OID_INT8, parseDate, parseInt8 } from './parsers.ts';

const typeParsers = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === OID_INT8) return parseInt8;
    if (oid === OID_DATE) return parseDate;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return (pg.types.getTypeParser as any)(oid, format);
  },
};

function wrap(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    engine: 'postgres',
    async query<T = Row>(text: string, params: readonly unknown[] = []): Promise<T[]> {
      const result = await client.query({ text, values: params as unknown[], types: typeParsers });
      return result.rows as T[];
    },
    async exec(script: string): Promise<void> {
      await client.query(script);
    },
  };
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres';
  }
}

export async function openPostgres(url: string, poolSize = 10): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle pooled connection can be closed by the server (restart, failover, an administrator
  // terminating backends). pg re-emits that on the pool, and an unhandled 'error' event would crash the
  // whole server; the pool already discards the dead client and opens a new one on the next query, and
  // errors of running queries still reach their callers.
  pool.on('error', () => undefined);
  // Fail at open, with the real reason, rather than on the first request.
  const probe = await pool.connect();
  probe.release();
  const base = wrap(pool);
  return {
    ...base,
    description: redact(url),
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
    async close() {
      await pool.end();
    },
  };
}
