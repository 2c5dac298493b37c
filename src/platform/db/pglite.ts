import { parse as pgParse, PGlite, protocol, type ExecProtocolResult } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { fuzzystrmatch } from '@electric-sql/pglite/contrib/fuzzystrmatch';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { copyData, copyRowCount, copyStatement, type CopyRows } from './copy.ts';
import { assertChannelName } from './listen.ts';
import type { Db, QueryOptions, Queryable, Row, Tx } from './types.ts';
import { OID_DATE, OID_INT8, parseDate, parseInt8 } from './parsers.ts';

/** Extensions must be passed on every open, not only the first (a PGlite fact). */
const extensions = { pg_trgm, fuzzystrmatch, unaccent };

type PGliteLike = Pick<PGlite, 'query' | 'exec'>;

/** COPY text as the Blob PGlite's /dev/blob device reads (one copy of the bytes, no per-row work). */
const asBlob = (text: string) => new Blob([text]);

const MAX_PREPARED_TEXTS = 200;

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * Named prepared statements on the embedded database (QueryOptions.prepare). PGlite's own `query` sends an
 * unnamed Parse for every call, so the engine parses and plans the statement each time: for the exact
 * serial lookup that is ~3/4 of its cost. Here a text is parsed once (Parse + Describe, to learn its
 * parameter types and its columns) and then run with Bind/Execute/Sync in one protocol message, under the same two
 * locks PGlite's `query` takes, so it waits for any open transaction like every other statement. Values
 * are serialised and rows parsed with the instance's own serializers and parsers (int8 → number,
 * date → text), as `query` does. At most MAX_PREPARED_TEXTS texts; past that, plain `query`.
 */
class PreparedStatements {
  private readonly byText = new Map<string, { name: string; types: number[]; rowDescription: ExecProtocolResult['messages'] }>();
  constructor(private readonly pg: PGlite) {}

  accepts(text: string): boolean {
    return this.byText.has(text) || this.byText.size < MAX_PREPARED_TEXTS;
  }

  query<T>(text: string, params: readonly unknown[]): Promise<T[]> {
    const S = protocol.serialize;
    return this.pg._runExclusiveTransaction(() =>
      this.pg._runExclusiveQuery(async () => {
        let statement = this.byText.get(text);
        if (!statement) {
          const name = `custodia_${this.byText.size + 1}`;
          const described = await this.pg.execProtocol(concat([S.parse({ name, text }), S.describe({ type: 'S', name }), S.sync()]));
          statement = {
            name,
            types: pgParse.parseDescribeStatementResults(described.messages),
            rowDescription: described.messages.filter((m) => m.name === 'rowDescription'),
          };
          this.byText.set(text, statement);
        }
        const { name, types, rowDescription } = statement;
        const values = params.map((v, i) => {
          if (v === null || v === undefined) return null;
          const serialise = this.pg.serializers[types[i]];
          return serialise ? serialise(v) : String(v);
        });
        // No Describe per call: the statement's row description, learnt once, names and types the columns
        // (all text, as a Bind without result formats asks).
        const result = await this.pg.execProtocol(concat([S.bind({ statement: name, values }), S.execute({}), S.sync()]));
        return (pgParse.parseResults([...rowDescription, ...result.messages], this.pg.parsers)[0]?.rows ?? []) as T[];
      }),
    );
  }
}

function wrap(conn: PGliteLike, prepared?: PreparedStatements): Queryable {
  return {
    engine: 'pglite',
    async query<T = Row>(text: string, params: readonly unknown[] = [], options?: QueryOptions): Promise<T[]> {
      // Prepared only outside a transaction (a transaction's statements run on its own handle).
      if (options?.prepare && prepared?.accepts(text)) return prepared.query<T>(text, params);
      const result = await conn.query<T>(text, params as unknown[]);
      return result.rows;
    },
    async exec(script: string): Promise<void> {
      await conn.exec(script);
    },
    async copyFrom(table: string, columns: readonly string[], rows: CopyRows): Promise<void> {
      if (copyRowCount(rows) === 0) return;
      await conn.query(copyStatement(table, columns, "'/dev/blob'"), [], { blob: asBlob(copyData(rows)) });
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
  const base = wrap(pg, new PreparedStatements(pg));
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
