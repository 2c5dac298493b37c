import { Worker } from 'node:worker_threads';
import { messages } from '@electric-sql/pglite';
import { copyData, copyRowCount, type CopyRows } from './copy.ts';
import { assertChannelName } from './listen.ts';
import type { PgliteOptions } from './pglite.ts';
import type { FromWorker, PgliteWorkerData, ThreadError, ToWorker } from './pglite-worker.ts';
import type { Db, QueryOptions, Queryable, Row, Tx } from './types.ts';

/**
 * The embedded database in a worker thread of its own (CUSTODIA_EMBEDDED_THREAD, docs/scaling.md). PGlite is
 * single-threaded and runs where it is called: in process, one thread does the HTTP work, the
 * authentication, the validation and the database engine (under the exact lookup's load about half of it
 * was PGlite: its protocol code and its WASM). Here the worker runs openPglite itself, with its parsers and
 * its prepared statements, and this thread only sends each call and receives its result: the two halves run
 * on two cores.
 *
 * What crosses is copied (structured clone): one message per call and one per result, never one per row;
 * bytea arrives as a Uint8Array, as PGlite's own; a Date stays a Date; COPY's text crosses as one string.
 * An error is rebuilt here as PGlite's DatabaseError with its fields (code, detail, constraint, …), which a
 * clone would drop. A transaction's `fn` runs on this thread once the worker has begun it (holding
 * PGlite's lock, so every other call waits, as in process); its statements go to that transaction.
 */

type Request = ToWorker extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/** The closed adapter's answer to every call, as PGlite's closed instance answers. */
const CLOSED = 'PGlite is closed';

function rebuild(e: ThreadError): Error {
  const err: Error = e.database ? new messages.DatabaseError(e.message, Number(e.fields.length ?? 0), 'error') : new Error(e.message);
  Object.assign(err, e.fields);
  if (err.name !== e.name) err.name = e.name; // a TypeError stays one by name (its class does not cross)
  // The thread's stack: where PGlite failed, as the in-process error's stack says.
  if (e.stack) err.stack = e.stack;
  return err;
}

export async function openPgliteThread(dataDir: string | undefined, options: PgliteOptions = {}): Promise<Db> {
  const worker = new Worker(new URL('./pglite-worker.mjs', import.meta.url), {
    workerData: { dataDir, ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}) } satisfies PgliteWorkerData,
  });
  const pending = new Map<number, { resolve(value: unknown): void; reject(err: Error): void }>();
  const notify = new Map<number, () => void>();
  let nextId = 1;
  let stopped: Error | undefined;

  // The thread keeps the process alive only while a call waits for it, as an open PGlite in process does
  // not keep it alive at all (a command that forgets to close still exits).
  const settle = (id: number) => {
    const p = pending.get(id);
    pending.delete(id);
    if (pending.size === 0) worker.unref();
    return p;
  };
  /** Sends one request; `id` is given when the caller names it again later (a transaction, a listener). */
  const call = <T>(request: Request, id = nextId++): Promise<T> => {
    if (stopped) return Promise.reject(stopped);
    return new Promise<T>((resolve, reject) => {
      // A value a structured clone refuses (a function, a class PGlite would have turned into text) fails
      // here, before anything is sent or waits.
      worker.postMessage({ ...request, id } as ToWorker);
      if (pending.size === 0) worker.ref();
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
    });
  };

  const ready = new Promise<void>((resolve, reject) => {
    const stop = (err: Error) => {
      stopped ??= err;
      reject(err);
      for (const id of [...pending.keys()]) settle(id)?.reject(stopped);
    };
    worker.on('message', (m: FromWorker) => {
      switch (m.type) {
        case 'reply':
          settle(m.id)?.resolve(m.value);
          return;
        case 'error':
          settle(m.id)?.reject(rebuild(m.error));
          return;
        case 'notify':
          notify.get(m.listen)?.();
          return;
        case 'ready':
          resolve();
          return;
        case 'failed':
          stop(rebuild(m.error));
          void worker.terminate();
          return;
      }
    });
    worker.on('error', stop);
    worker.on('exit', (code) => stop(new Error(`the embedded database's thread stopped (exit code ${code})`)));
  });
  await ready;
  worker.unref();

  const queryable = (tx?: number): Queryable => ({
    engine: 'pglite',
    query<T = Row>(text: string, params: readonly unknown[] = [], options?: QueryOptions): Promise<T[]> {
      return call<T[]>({ op: 'query', tx, text, params, prepare: options?.prepare === true });
    },
    async exec(script: string): Promise<void> {
      await call({ op: 'exec', tx, script });
    },
    async copyFrom(table: string, columns: readonly string[], rows: CopyRows): Promise<void> {
      const count = copyRowCount(rows);
      if (count === 0) return;
      await call({ op: 'copy', tx, table, columns, text: copyData(rows), rows: count });
    },
  });

  return {
    ...queryable(),
    description: dataDir ? `pglite:${dataDir} (thread)` : 'pglite:memory (thread)',
    async transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
      const tx = nextId++;
      await call({ op: 'begin' }, tx);
      let result: T;
      try {
        result = await fn(queryable(tx));
      } catch (err) {
        await call({ op: 'end', tx, commit: false });
        throw err;
      }
      await call({ op: 'end', tx, commit: true });
      return result;
    },
    async listen(channel: string, onNotify: () => void, onListening: (listening: boolean) => void) {
      assertChannelName(channel);
      const id = nextId++;
      notify.set(id, onNotify);
      try {
        await call({ op: 'listen', channel }, id);
      } catch (err) {
        notify.delete(id);
        throw err;
      }
      onListening(true);
      return async () => {
        onListening(false);
        notify.delete(id);
        if (!stopped) await call({ op: 'unlisten', listen: id });
      };
    },
    async close() {
      if (stopped) return;
      await call({ op: 'close' });
      stopped = new Error(CLOSED);
      await worker.terminate();
    },
    dumpDataDir(): Promise<Blob> {
      return call<Blob>({ op: 'dump' });
    },
  };
}
