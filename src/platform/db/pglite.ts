import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { fuzzystrmatch } from '@electric-sql/pglite/contrib/fuzzystrmatch';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { copyStatement, copyText, type CopyValue } from './copy.ts';
import { assertChannelName } from './listen.ts';
import type { Db, Queryable, Row, Tx } from './types.ts';
import { OID_DATE, OID_INT8, parseDate, parseInt8 } from './parsers.ts';

/** Extensions must be passed on every open, not only the first (a PGlite fact). */
const extensions = { pg_trgm, fuzzystrmatch, unaccent };

type PGliteLike = Pick<PGlite, 'query' | 'exec'>;

/** COPY text as the Blob PGlite's /dev/blob device reads (one copy of the bytes, no per-row work). */
const asBlob = (text: string) => new Blob([text]);

function wrap(conn: PGliteLike): Queryable {
  return {
    engine: 'pglite',
    // QueryOptions.prepare is not used: PGlite's client parses every statement anew (one unnamed statement).
    async query<T = Row>(text: string, params: readonly unknown[] = []): Promise<T[]> {
      const result = await conn.query<T>(text, params as unknown[]);
      return result.rows;
    },
    async exec(script: string): Promise<void> {
      await conn.exec(script);
    },
    async copyFrom(table: string, columns: readonly string[], rows: readonly (readonly CopyValue[])[]): Promise<void> {
      if (rows.length === 0) return;
      await conn.query(copyStatement(table, columns, "'/dev/blob'"), [], { blob: asBlob(copyText(rows)) });
    },
  };
}

export interface PgliteOptions {
  /** Start from a dumped data directory (tests load one migrated template instead of running initdb each time). */
  loadDataDir?: Blob;
}

/** Opens PGlite in `dataDir` (persisted) or in memory when `dataDir` is undefined. */
export async function openPglite(dataDir: string | undefined, options: PgliteOptions = {}): Promise<Db> {
  const pg = await PGlite.create(dataDir, {
    extensions,
    parsers: { [OID_INT8]: parseInt8, [OID_DATE]: parseDate },
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
  });
  const base = wrap(pg);
  return {
    ...base,
    description: dataDir ? `pglite:${dataDir}` : 'pglite:memory',
    async transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
      return pg.transaction((tx) => fn(wrap(tx)));
    },
    async listen(channel: string, onNotify: () => void, onListening: (listening: boolean) => void) {
      assertChannelName(channel);
      // One in-process connection: NOTIFY reaches the listener when its transaction commits, and never
      // while the database is open can it be missed.
      const unlisten = await pg.listen(channel, () => onNotify());
      onListening(true);
      return async () => {
        onListening(false);
        if (!pg.closed) await unlisten();
      };
    },
    async close() {
      await pg.close();
    },
    async dumpDataDir(): Promise<Blob> {
      return pg.dumpDataDir('none');
    },
  };
}
