import { parentPort, workerData } from 'node:worker_threads';
import { messages } from '@electric-sql/pglite';
import { CopyText } from './copy.ts';
import { openPglite } from './pglite.ts';
import type { Queryable, Row } from './types.ts';

/**
 * The embedded database's thread (see pglite-thread.ts for why and for the other side): opens PGlite with
 * openPglite, so the engine, its value parsers and its prepared statements are exactly the in-process
 * adapter's, and runs each request it is sent on it. Requests are not queued here: PGlite's own locks
 * order them as they order the calls of one thread.
 */

export interface PgliteWorkerData {
  dataDir: string | undefined;
  loadDataDir?: Blob;
}

/** A request: `tx` names an open transaction (its `begin` request's id); absent, the database itself. */
export type ToWorker = { id: number } & (
  | { op: 'query'; tx?: number; text: string; params: readonly unknown[]; prepare: boolean }
  | { op: 'exec'; tx?: number; script: string }
  | { op: 'copy'; tx?: number; table: string; columns: readonly string[]; text: string; rows: number }
  | { op: 'begin' }
  | { op: 'end'; tx: number; commit: boolean }
  | { op: 'listen'; channel: string }
  | { op: 'unlisten'; listen: number }
  | { op: 'dump' }
  | { op: 'close' }
);

/** A database error's own fields (code, detail, constraint, …) and whether it was PGlite's DatabaseError. */
export interface ThreadError {
  message: string;
  name: string;
  stack?: string;
  database: boolean;
  fields: Record<string, unknown>;
}

export type FromWorker =
  | { type: 'ready' }
  | { type: 'failed'; error: ThreadError }
  | { type: 'reply'; id: number; value?: unknown }
  | { type: 'error'; id: number; error: ThreadError }
  | { type: 'notify'; listen: number };

/** Errors cross the thread boundary as plain data: a structured clone keeps only an Error's message. */
export function serialiseError(err: unknown): ThreadError {
  // Emscripten throws objects that are not Errors (an ExitStatus with a status and a message).
  if (!(err instanceof Error)) {
    const o = err as { message?: unknown; name?: unknown } | null;
    const message = typeof o?.message === 'string' ? o.message : typeof err === 'object' ? JSON.stringify(err) : String(err);
    return { message, name: typeof o?.name === 'string' ? o.name : 'Error', database: false, fields: {} };
  }
  const fields: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(err)) {
    if (v === undefined || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') fields[k] = v;
  }
  // The statement's values, as PGlite attaches them (the in-process error carries them too).
  const params = (err as { params?: unknown }).params;
  if (Array.isArray(params)) fields.params = params;
  return { message: err.message, name: err.name, stack: err.stack, database: err instanceof messages.DatabaseError, fields };
}

const port = parentPort!;
const data = workerData as PgliteWorkerData;
const post = (m: FromWorker) => port.postMessage(m);
/** Thrown inside PGlite's transaction to have it roll back (the caller's error stays on its own thread). */
const ROLLBACK = Symbol('rollback');
/** `begin` and `end` are answered when the transaction reaches that point, not when the request returns. */
const LATER = Symbol('answered later');

try {
  const db = await openPglite(data.dataDir, data.loadDataDir ? { loadDataDir: data.loadDataDir } : {});
  const txs = new Map<number, { tx: Queryable; end(request: { commit: boolean; id: number }): void }>();
  const unlistens = new Map<number, () => Promise<void>>();

  const on = (tx: number | undefined): Queryable => {
    if (tx === undefined) return db;
    const open = txs.get(tx);
    if (!open) throw new Error('Transaction is closed');
    return open.tx;
  };

  /** Answered when the transaction has begun (PGlite's lock taken: the in-process adapter calls `fn` only
   * then); its `end` request is answered when COMMIT or ROLLBACK has run, or with COMMIT's error. */
  const begin = (id: number) => {
    let end: { commit: boolean; id: number } | undefined;
    db.transaction(async (tx) => {
      end = await new Promise<{ commit: boolean; id: number }>((resolve) => {
        txs.set(id, { tx, end: resolve });
        post({ type: 'reply', id });
      });
      txs.delete(id);
      if (!end.commit) throw ROLLBACK;
    }).then(
      () => post({ type: 'reply', id: end!.id }),
      (err) => {
        txs.delete(id);
        if (err === ROLLBACK) post({ type: 'reply', id: end!.id });
        else post({ type: 'error', id: end ? end.id : id, error: serialiseError(err) });
      },
    );
  };

  const run = async (m: ToWorker): Promise<unknown> => {
    switch (m.op) {
      case 'query':
        return on(m.tx).query<Row>(m.text, m.params, m.prepare ? { prepare: true } : undefined);
      case 'exec':
        return on(m.tx).exec(m.script);
      case 'copy':
        return on(m.tx).copyFrom!(m.table, m.columns, new CopyText(m.text, m.rows));
      case 'begin':
        begin(m.id);
        return LATER;
      case 'end': {
        const open = txs.get(m.tx);
        if (!open) throw new Error('Transaction is closed');
        open.end({ commit: m.commit, id: m.id });
        return LATER;
      }
      case 'listen': {
        const stop = await db.listen(
          m.channel,
          () => post({ type: 'notify', listen: m.id }),
          () => undefined,
        );
        unlistens.set(m.id, stop);
        return undefined;
      }
      case 'unlisten': {
        const stop = unlistens.get(m.listen);
        unlistens.delete(m.listen);
        return stop?.();
      }
      case 'dump':
        // PGlite hands a File; a Blob of the same bytes crosses without a copy.
        return (await db.dumpDataDir!()).slice();
      case 'close':
        return db.close();
    }
  };

  port.on('message', (m: ToWorker) => {
    run(m).then(
      (value) => {
        if (value !== LATER) post({ type: 'reply', id: m.id, value });
      },
      (err) => post({ type: 'error', id: m.id, error: serialiseError(err) }),
    );
  });
  post({ type: 'ready' });
} catch (err) {
  post({ type: 'failed', error: serialiseError(err) });
}
