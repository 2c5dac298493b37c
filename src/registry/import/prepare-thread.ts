import type { Readable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import type { ParseOptions, ParseState, PreparedBatch } from './prepare.ts';
import type { FromWorker, PrepareWorkerData, ToWorker } from './prepare-worker.ts';

/**
 * Runs the file's preparation (prepare.ts: parsing, validation, rows, hashes, COPY text) in a worker
 * thread, while this thread writes the batches it hands back. On a 2-core node the import was bound by
 * that JavaScript running between the writes, one thread doing both: this thread now mostly waits for
 * the database, and answers it at once.
 *
 * The worker asks for the file a chunk at a time (`read`), so the source is read here, at the worker's
 * pace; it sends each batch with the counts and new errors so far, and stops when `lookahead` batches
 * wait to be written. The batches are written one at a time, in file order; a failed write or source
 * ends the worker and is thrown here, as the same failure in this thread would be.
 */

/**
 * What one `read` of the worker is answered with: several chunks at once, so it has rows for a batch or
 * two even when this thread turns its event loop rarely (on the embedded database it runs the database).
 */
const READ_AHEAD_BYTES = 1024 * 1024;

/** The worker's own V8 heap (it holds a few batches; the duplicate check lives outside the heap). */
const WORKER_HEAP_MB = 160;

export async function prepareInThread(
  input: Readable,
  options: ParseOptions,
  st: ParseState,
  io: { lookahead: number; now(): Date; write(batch: PreparedBatch): Promise<void>; progress(): void },
): Promise<void> {
  const worker = new Worker(new URL('./prepare-worker.mjs', import.meta.url), {
    workerData: { options, lookahead: io.lookahead, now: io.now().getTime() } satisfies PrepareWorkerData,
    // A young generation of the main thread's default size: sized from the small old generation it was a
    // few MiB, and the rows of a batch (alive until it is sent) were promoted and collected again.
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: 48 },
    stdout: false,
    stderr: false,
  });
  const send = (m: ToWorker, transfer?: ArrayBuffer[]) => worker.postMessage(m, transfer);
  const chunks = input[Symbol.asyncIterator]();
  let writing: Promise<void> = Promise.resolve();
  let ended = false;
  /** Chunks up to READ_AHEAD_BYTES, each a copy of its own bytes, moved to the worker (a chunk may be a
   * view of the whole upload: posting the view would copy all of its buffer). */
  const readAhead = async (): Promise<ToWorker> => {
    const data: Uint8Array[] = [];
    let bytes = 0;
    while (!ended && bytes < READ_AHEAD_BYTES) {
      const r = await chunks.next();
      if (r.done) ended = true;
      else {
        const value = r.value as Buffer | string;
        const copy = new Uint8Array(typeof value === 'string' ? Buffer.from(value) : value);
        data.push(copy);
        bytes += copy.length;
      }
    }
    return { type: 'chunks', data, end: ended };
  };

  const finished = new Promise<void>((resolve, reject) => {
    const fail = (err: unknown) => {
      reject(err);
      void worker.terminate();
    };
    const update = (m: { progress: Pick<ParseState, 'rowsTotal' | 'rowsInvalid' | 'bytesRead'>; errors: ParseState['errors'] }) => {
      st.rowsTotal = m.progress.rowsTotal;
      st.rowsInvalid = m.progress.rowsInvalid;
      st.bytesRead = m.progress.bytesRead;
      for (const e of m.errors) st.errors.push(e);
    };
    worker.on('message', (m: FromWorker) => {
      switch (m.type) {
        case 'read':
          readAhead().then((m) => send(m, m.type === 'chunks' ? m.data.map((d) => d.buffer as ArrayBuffer) : []), fail);
          return;
        case 'batch': {
          update(m);
          const batch = m.batch;
          writing = writing.then(async () => {
            // Lets this thread's event loop turn between batches, to answer the worker's reads: on the
            // embedded database the writes themselves never wait for anything outside the thread.
            await new Promise<void>((resolve) => setImmediate(resolve));
            send({ type: 'taken', now: io.now().getTime() });
            return io.write(batch);
          });
          writing.catch(fail);
          io.progress();
          return;
        }
        case 'progress':
          update(m);
          io.progress();
          return;
        case 'done':
          update(m);
          st.headerBad = m.headerBad;
          st.fatal = m.fatal;
          writing.then(resolve, fail);
          return;
        case 'failed':
          fail(new Error(m.message));
          return;
      }
    });
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the import's preparation thread stopped (exit code ${code})`)));
  });
  try {
    await finished;
  } finally {
    // Nothing may still be writing when the caller commits, rolls back or reports.
    await writing.catch(() => undefined);
    await worker.terminate();
    chunks.return?.().catch(() => undefined);
  }
}
