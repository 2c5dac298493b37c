/**
 * One small adapter over the two engines Custodia runs on: PGlite (embedded, one connection) and
 * PostgreSQL (a pool). Stores take a `Queryable` so the same SQL runs inside or outside a transaction.
 * Parameterised SQL only: `query(text, params)` never interpolates values into `text`.
 */
import type { CopyRows } from './copy.ts';

export type Row = Record<string, unknown>;

export interface QueryOptions {
  /**
   * A hot statement, run again and again with other values (the exact serial lookup): on PostgreSQL it is
   * prepared once per connection under a name derived from its text, so the server parses and plans it
   * once rather than on every call (planning cost ~6× the execution of the exact lookup). Only for
   * statements whose text comes from a small fixed set (each distinct text stays prepared on every pooled
   * connection). PGlite runs it as any other statement.
   */
  prepare?: boolean;
}

export interface Queryable {
  readonly engine: Engine;
  /** Runs one parameterised statement and returns its rows. */
  query<T = Row>(text: string, params?: readonly unknown[], options?: QueryOptions): Promise<T[]>;
  /** Runs a script of several statements without parameters (migrations, DDL). */
  exec(script: string): Promise<void>;
  /**
   * Bulk rows into `table` with COPY (text format, see copy.ts): one round trip, no statement per row and
   * no array parameters. Optional so that a wrapper which does not forward it still works: callers then
   * fall back to their set-based INSERT.
   */
  copyFrom?(table: string, columns: readonly string[], rows: CopyRows): Promise<void>;
}

export type Engine = 'pglite' | 'postgres';

export type Tx = Queryable;

export interface Db extends Queryable {
  /**
   * Runs `fn` in one transaction: committed when it resolves, rolled back when it throws.
   * On PGlite every other query waits until the transaction ends (one connection), so never
   * call the outer `Db` from inside `fn`: pass `tx` down instead.
   */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * LISTENs on `channel` (a plain lower-case identifier): `onNotify` runs for every NOTIFY committed on it,
   * by this process or any other. `onListening(false)` means notifications may be missed from now on
   * (connection lost; the adapter reconnects and reports true again), so a cache kept fresh by them must
   * stop trusting itself until then. Stopped by the returned function or by `close()`.
   */
  listen(channel: string, onNotify: () => void, onListening: (listening: boolean) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
  /**
   * PGlite only: the data directory as a tar (what `loadDataDir` reads back). Takes PGlite's query lock,
   * so called inside a transaction it sees exactly that transaction's database.
   */
  dumpDataDir?(): Promise<Blob>;
  /** PostgreSQL only: the pool's connections now (metrics). */
  poolStats?(): { total: number; idle: number; waiting: number };
  /** Human description for logs and /healthz (never includes a password). */
  readonly description: string;
}
