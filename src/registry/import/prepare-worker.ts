import { Readable } from 'node:stream';
import { parentPort, workerData } from 'node:worker_threads';
import { newParseState, parseItemsCsv, prepareBatch, type ParseOptions, type ParseState, type PreparedBatch } from './prepare.ts';
import type { RowError } from './model.ts';

/**
 * The import's preparation thread (see prepare-thread.ts for the protocol): asks the service for the
 * file's bytes a chunk at a time, parses and validates them, and hands back prepared batches, at most
 * `lookahead` of them not yet taken for writing.
 */

export interface PrepareWorkerData {
  options: ParseOptions;
  lookahead: number;
  /** The service's clock at the start (its clock may not be this thread's: tests move it). */
  now: number;
}

/** What this thread sends: counts so far and the errors found since the last message. */
export type FromWorker =
  | { type: 'read' }
  | { type: 'batch'; batch: PreparedBatch; progress: Progress; errors: RowError[] }
  | { type: 'progress'; progress: Progress; errors: RowError[] }
  | { type: 'done'; progress: Progress; errors: RowError[]; headerBad: boolean; fatal: string | null }
  | { type: 'failed'; message: string };

export type ToWorker = { type: 'chunks'; data: Uint8Array[]; end: boolean } | { type: 'taken'; now: number };

export type Progress = Pick<ParseState, 'rowsTotal' | 'rowsInvalid' | 'bytesRead'>;

const port = parentPort!;
const data = workerData as PrepareWorkerData;
const st = newParseState();
let now = data.now;
let sentErrors = 0;
let untaken = 0;
let wake: (() => void) | undefined;

const input = new Readable({
  read() {
    port.postMessage({ type: 'read' } satisfies FromWorker);
  },
});

port.on('message', (m: ToWorker) => {
  if (m.type === 'chunks') {
    for (const d of m.data) input.push(Buffer.from(d.buffer, d.byteOffset, d.byteLength));
    if (m.end) input.push(null);
  } else {
    untaken--;
    now = m.now;
    wake?.();
  }
});

const progress = (): Progress => ({ rowsTotal: st.rowsTotal, rowsInvalid: st.rowsInvalid, bytesRead: st.bytesRead });
/** The errors not yet sent (the list is capped, so this stays bounded). */
const newErrors = () => {
  const e = st.errors.slice(sentErrors);
  sentErrors = st.errors.length;
  return e;
};

async function main() {
  await parseItemsCsv(input, data.options, st, {
    async batch(rows) {
      const batch = prepareBatch(rows, new Date(now));
      delete batch.objects;
      port.postMessage({ type: 'batch', batch, progress: progress(), errors: newErrors() } satisfies FromWorker);
      untaken++;
      while (untaken >= data.lookahead) await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
    },
    async tick() {
      port.postMessage({ type: 'progress', progress: progress(), errors: newErrors() } satisfies FromWorker);
    },
  });
  port.postMessage({ type: 'done', progress: progress(), errors: newErrors(), headerBad: st.headerBad, fatal: st.fatal } satisfies FromWorker);
}

main().catch((err: unknown) => port.postMessage({ type: 'failed', message: err instanceof Error ? err.message : String(err) } satisfies FromWorker));
