import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Actor } from '../../platform/auth/actor.ts';
import { holdAuditHead, lockAuditHead, recordAudit, recordAuditBatchHashed, type AuditHeadHold } from '../../platform/audit/record.ts';
import type { Tx } from '../../platform/db/types.ts';
import type { Deps } from '../../platform/deps.ts';
import { createLineDecoder, TextDecodeError, type TextEncoding } from '../../platform/encoding.ts';
import { NotFoundError, ValidationError } from '../../platform/http/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import type { ItemInput } from '../model.ts';
import { registryPolicy } from '../policy.ts';
import { copyMarkings } from '../store.ts';
import { IMPORT_LEASE_MS, IMPORT_LEASE_RENEW_MS, isInterrupted, naturalKey, type RowError } from './model.ts';
import { MAX_REPORTED_ERRORS, newParseState, parseItemsCsv, prepareBatch, READ_CHUNK_BYTES, selectRows, type ParseOptions, type PreparedBatch } from './prepare.ts';
import { prepareInThread } from './prepare-thread.ts';
import {
  analyseImportedTables,
  copyItems,
  countJobsByStatus,
  existingImportKeys,
  findCompletedJobBySha,
  getJob,
  importJobState,
  insertJob,
  insertJobErrors,
  listJobErrors,
  registryIsEmpty,
  renewJobLease,
  unkeyedItemsBySerial,
  updateJob,
  type ImportErrorRow,
  type ImportJobRow,
  type ImportMode,
} from './store.ts';

/**
 * Bulk import of items from CSV: streamed (csv-parse, back-pressured), every row validated by the
 * registry's model rules, written set-based in batches. All-or-nothing by default — the whole file is
 * one transaction, so a crash at any moment leaves none or all of it — or `partial`, which commits the
 * valid rows batch by batch. Re-importing the same bytes returns the earlier job; re-importing the same
 * items (natural key) skips them.
 */

export interface ImportSource {
  fileName: string | null;
  bytes: number;
  /** Opens the content from the start; called twice (hash, then parse). */
  open(): Readable;
}

export interface ImportOptions {
  partial?: boolean;
  /** The file's encoding (default UTF-8; a byte-order mark decides when present). */
  encoding?: TextEncoding;
  /** How often the running import renews its lease (tests shorten it). */
  leaseRenewMs?: number;
  batchSize?: number;
  /**
   * Prepare the file (parse, validate, build the rows) in a worker thread beside the writes: by default
   * from THREAD_FROM_BYTES, where the database can COPY; true or false decides (tests take both paths).
   */
  thread?: boolean;
  onProgress?: (p: ImportProgress) => void;
}

export interface ImportProgress {
  jobId: string;
  bytesRead: number;
  bytesTotal: number;
  rowsTotal: number;
  rowsInvalid: number;
  itemsCreated: number;
  itemsExisting: number;
}

export interface ImportOutcome {
  job: ImportJobRow;
  /** The same bytes were imported before: `job` is that earlier job and nothing was written. */
  alreadyImported: boolean;
  errors: RowError[];
}

export { MAX_REPORTED_ERRORS, READ_CHUNK_BYTES };
export const DEFAULT_BATCH_SIZE = 5_000;
/**
 * An import that created at least this many items refreshes the planner's statistics of the tables it
 * filled. Without them a table loaded in one large transaction has none until autovacuum gets to it (it
 * may lag, or be off), and PostgreSQL then served the exact serial lookup from the trigram index:
 * 17.9 ms instead of 0.17 ms per lookup after a 10M-item import (BENCHMARKS.md). Same rule as reporting's.
 */
export const ANALYZE_AFTER_ITEMS = 10_000;
/** Batches parsed ahead of the one being written, on PostgreSQL (see consume). */
const WRITE_LOOKAHEAD = 3;
/**
 * From this size a file is prepared in a worker thread (prepare-thread.ts): starting one (its own
 * module loading) costs ~0.5 s of CPU, which a small file would not win back.
 */
export const THREAD_FROM_BYTES = 4 * 2 ** 20;

class RejectImport extends Error {}

/** What an all-or-nothing import learnt of the registry at its first batch (see writeBatch). */
interface IntoRegistry {
  wasEmpty?: boolean;
}

interface Running {
  job: ImportJobRow;
  progress: ImportProgress;
  done: Promise<ImportOutcome>;
}

/**
 * One pass over the bytes: their SHA-256 (what makes a re-import idempotent) and a strict decoding, so a
 * file in another encoding than the one named, or with a NUL, is refused before a job starts, with its
 * line, instead of being imported with U+FFFD in place of its accented letters.
 */
async function scanFile(source: ImportSource, encoding: TextEncoding | undefined): Promise<string> {
  const hash = createHash('sha256');
  const decoder = createLineDecoder(encoding);
  try {
    let read = 0;
    for await (const chunk of source.open()) {
      hash.update(chunk as Buffer);
      decoder.push(chunk as Buffer);
      // An upload held in memory yields its pieces without waiting for anything: let the event loop run
      // (requests, timers, the collector's tasks) every few MiB.
      if ((read += (chunk as Buffer).length) >= SCAN_TURN_BYTES) {
        read = 0;
        await turnOfTheEventLoop();
      }
    }
    decoder.end();
  } catch (err) {
    if (!(err instanceof TextDecodeError)) throw err;
    throw new ValidationError([{ field: 'file', line: err.line, code: err.code, message: err.message }], `The file cannot be read as ${encoding ?? 'UTF-8'}: nothing was imported.`);
  }
  return hash.digest('hex');
}

const SCAN_TURN_BYTES = 4 * 2 ** 20;

/**
 * Lets the event loop run once. On the embedded database nothing in an import waits for I/O: the file is
 * in memory, the database runs in this thread and answers through promises, so without this the whole
 * import is one chain of microtasks and nothing else runs until it ends — no request (a client polling
 * its job got no answer for minutes), no timer, and none of the tasks V8's garbage collector posts to
 * finish a major collection (the heap grew by ~3 KB per row until the import ended; 50,000 rows took
 * twice as long).
 */
const turnOfTheEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

const leaseFrom = (now: Date) => new Date(now.getTime() + IMPORT_LEASE_MS);

/** An uploaded file held in memory, read back in bounded pieces (views of the buffer, not copies). */
export function bufferSource(fileName: string | null, content: Buffer): ImportSource {
  return {
    fileName,
    bytes: content.length,
    open: () =>
      Readable.from(
        (function* () {
          for (let i = 0; i < content.length; i += READ_CHUNK_BYTES) yield content.subarray(i, i + READ_CHUNK_BYTES);
        })(),
      ),
  };
}

export function createImportService(deps: Deps) {
  /** Imports started in this process (the API runs them in the background). */
  const active = new Map<string, Running>();

  /**
   * Writes one batch of valid rows: skips items already registered, then items, markings, audit (COPY
   * where the connection can). The audit log's head is locked first, so no other import can register
   * one of these items between the check and the write. `head` is the transaction's hold on it: an
   * all-or-nothing import writes all its batches in one transaction, which locks the head and reads
   * its Merkle frontier once, at the first batch.
   */
  async function writeBatch(tx: Tx, actor: Actor, jobId: string, batch: PreparedBatch, head: AuditHeadHold, into?: IntoRegistry): Promise<{ created: number; existing: number }> {
    const all = batch.ids.map((_, k) => k);
    await lockAuditHead(tx, head);
    // An all-or-nothing import holds the audit head's lock from its first batch to its commit, and every
    // write of an item is audited: a registry that was empty at the first batch then holds only this
    // file's rows, whose duplicates the file check has refused already. Nothing to look up.
    if (into) into.wasEmpty ??= await registryIsEmpty(tx);
    if (into?.wasEmpty) {
      await writeFresh(tx, actor, jobId, batch, all, head);
      return { created: all.length, existing: 0 };
    }
    const existing = await existingImportKeys(tx, batch.importKeys);
    const serials = [...new Set(batch.serialNorms.filter((s): s is string => s != null))];
    for (const u of await unkeyedItemsBySerial(tx, serials)) {
      const item: ItemInput = {
        kind: u.kind,
        firearmType: u.firearm_type as ItemInput['firearmType'],
        partType: u.part_type as ItemInput['partType'],
        ammunitionComponent: u.ammunition_component as ItemInput['ammunitionComponent'],
        make: u.make,
        calibre: u.calibre,
        lotNumber: u.lot_number,
      };
      existing.add(naturalKey(item, u.manufacturer_name, u.serial_norm));
    }
    const fresh = all.filter((k) => !existing.has(batch.importKeys[k]));
    await writeFresh(tx, actor, jobId, batch, fresh, head);
    return { created: fresh.length, existing: all.length - fresh.length };
  }

  /**
   * The rows `fresh` (indexes into the batch) — items, markings and one audit entry per item — by COPY
   * where the connection can. The rows' COPY is sent once the audit log's head is read and runs in the
   * database while the entries are hashed here.
   */
  async function writeFresh(tx: Tx, actor: Actor, jobId: string, batch: PreparedBatch, fresh: readonly number[], head: AuditHeadHold): Promise<void> {
    const rows = async () => {
      if (fresh.length === 0) return;
      let items: Promise<void>;
      let markings: Promise<void>;
      if (tx.copyFrom || !batch.objects) {
        const text = selectRows(batch, fresh);
        items = copyItems(tx, text.items);
        markings = copyMarkings(tx, text.markings);
      } else {
        const o = batch.objects;
        items = copyItems(tx, fresh.map((k) => o.items[k]));
        markings = copyMarkings(tx, fresh.flatMap((k) => o.markings[k]));
      }
      // Both in flight (the connection runs them in call order); neither left as an unhandled rejection.
      const [a, b] = await Promise.allSettled([items, markings]);
      if (a.status === 'rejected') throw a.reason;
      if (b.status === 'rejected') throw b.reason;
    };
    // One entry per item (its markings come from the same file row; the job's entry records the file's hash).
    const reason = `bulk import ${jobId}`;
    await recordAuditBatchHashed(
      tx,
      actor,
      deps.clock,
      fresh.map((k) => ({ action: 'registry.item.import', entity: 'item', entityId: batch.ids[k], reason, stateHash: batch.stateHashes[k] })),
      { alongside: rows, hold: head },
    );
  }

  async function finishJob(tx: Tx, actor: Actor, job: ImportJobRow, errors: readonly ImportErrorRow[]): Promise<void> {
    await updateJob(tx, job);
    await insertJobErrors(tx, job.id, errors);
    await recordAudit(tx, actor, deps.clock, {
      action: `registry.import.${job.status}`,
      entity: 'import_job',
      entityId: job.id,
      reason: job.message,
      state: importJobState(job),
    });
  }

  async function prepare(actor: Actor, source: ImportSource, opts: ImportOptions): Promise<ImportOutcome | { job: ImportJobRow; started: true }> {
    registryPolicy.require(actor, 'registry.items.write');
    const sha = await scanFile(source, opts.encoding);
    const earlier = await findCompletedJobBySha(deps.db, sha);
    if (earlier) return { job: earlier, alreadyImported: true, errors: [] };
    const mode: ImportMode = opts.partial ? 'partial' : 'all_or_nothing';
    const job: ImportJobRow = {
      id: uuidv7(),
      kind: 'items',
      file_name: source.fileName,
      file_sha256: sha,
      file_bytes: source.bytes,
      mode,
      status: 'running',
      rows_total: 0,
      rows_invalid: 0,
      items_created: 0,
      items_existing: 0,
      message: null,
      actor_id: actor.userId,
      actor_name: actor.name,
      started_at: deps.clock.now(),
      finished_at: null,
      lease_until: leaseFrom(deps.clock.now()),
    };
    await deps.db.transaction(async (tx) => {
      await insertJob(tx, job);
      await recordAudit(tx, actor, deps.clock, { action: 'registry.import.start', entity: 'import_job', entityId: job.id, state: importJobState(job) });
    });
    return { job, started: true };
  }

  /**
   * Renews the job's lease while it runs, on a connection of its own (an all-or-nothing import holds its
   * transaction open throughout). Not on the embedded database: one process owns it, so a job it does not
   * run is known to be cut off, and a write there would wait for the import's transaction anyway.
   */
  function renewLease(jobId: string, every = IMPORT_LEASE_RENEW_MS): { stop(): void } {
    let timer: NodeJS.Timeout | undefined;
    let stopped = false;
    // One renewal at a time, the next one scheduled when the last has ended: on a slow database, renewals
    // overlapping on several connections could land out of order.
    const next = () => {
      if (stopped) return;
      timer = setTimeout(() => {
        renewJobLease(deps.db, jobId, leaseFrom(deps.clock.now()))
          .catch((err) => deps.log.warn({ err, jobId }, 'could not renew the import lease'))
          .finally(next);
      }, every);
      timer.unref();
    };
    if (deps.db.engine !== 'pglite') next();
    return {
      stop() {
        stopped = true;
        clearTimeout(timer);
      },
    };
  }

  async function run(actor: Actor, source: ImportSource, job: ImportJobRow, opts: ImportOptions, progress: ImportProgress): Promise<ImportOutcome> {
    const batchSize = opts.batchSize ?? DEFAULT_BATCH_SIZE;
    const nowYear = deps.clock.now().getUTCFullYear();
    const st = newParseState();
    const errors: RowError[] = st.errors;
    /** The file pass's counts into the job's live progress (getJob reads it while the import runs). */
    const sync = () => {
      progress.rowsTotal = st.rowsTotal;
      progress.rowsInvalid = st.rowsInvalid;
      progress.bytesRead = st.bytesRead;
    };
    const emit = () => opts.onProgress?.({ ...progress });
    const parseOptions: ParseOptions = { encoding: opts.encoding, batchSize, nowYear, allOrNothing: job.mode === 'all_or_nothing' };
    const threaded = opts.thread ?? (deps.db.copyFrom !== undefined && source.bytes >= THREAD_FROM_BYTES);

    /** Streams the file, validating every row; valid rows go to `write` in batches. */
    const consume = async (write: (batch: PreparedBatch) => Promise<void>) => {
      if (threaded) {
        await prepareInThread(source.open(), parseOptions, st, {
          // Also on the embedded database: the worker prepares while this thread runs the database.
          lookahead: WRITE_LOOKAHEAD,
          now: () => deps.clock.now(),
          write,
          progress: () => {
            sync();
            emit();
          },
        });
      } else {
        await consumeHere(write);
      }
      sync();
      progress.bytesRead = progress.bytesTotal;
      emit();
    };

    /**
     * The same in this thread. Batches are written while the next ones are parsed and validated: on
     * PostgreSQL the database works in its own process meanwhile. They still go to the database one at a
     * time and in file order (each write chained on the one before; one that fails stops those after it).
     * How many may wait: on PostgreSQL a few, so this process has rows to work on whenever the database
     * is busy with a batch; on the embedded database the writes run in this thread anyway, so one, and no
     * more rows held in memory than that.
     */
    const consumeHere = async (write: (batch: PreparedBatch) => Promise<void>) => {
      const lookahead = deps.db.engine === 'pglite' ? 1 : WRITE_LOOKAHEAD;
      let writing: Promise<void> = Promise.resolve();
      const pending: Promise<void>[] = [];
      try {
        await parseItemsCsv(source.open(), parseOptions, st, {
          batch: async (rows) => {
            const prepared = prepareBatch(rows, deps.clock.now()); // while earlier batches are still being written
            while (pending.length >= lookahead) await pending[0];
            writing = writing.then(() => write(prepared));
            const mine = writing.finally(() => pending.splice(pending.indexOf(mine), 1));
            mine.catch(() => undefined); // surfaced by the next await of `writing`, not as an unhandled rejection
            pending.push(mine);
            sync();
            emit();
          },
          // Also while only validating: let the event loop run (see turnOfTheEventLoop).
          tick: async () => {
            sync();
            await turnOfTheEventLoop();
          },
        });
      } catch (err) {
        // Nothing may still be writing when the caller commits, rolls back or reports.
        await writing.catch(() => undefined);
        throw err;
      }
      await writing;
    };

    /**
     * Records the job's end. Inside the import's own transaction (`tx`) the caller publishes the result
     * only after the commit: until then readers see the job running and its report is not yet readable.
     */
    const close = async (status: ImportJobRow['status'], message: string | null, tx?: Tx): Promise<ImportJobRow> => {
      const finished: ImportJobRow = {
        ...job,
        status,
        message,
        rows_total: progress.rowsTotal,
        rows_invalid: progress.rowsInvalid,
        items_created: progress.itemsCreated,
        items_existing: progress.itemsExisting,
        finished_at: deps.clock.now(),
      };
      const errs = errors.map((e) => ({ ...e }));
      if (tx) await finishJob(tx, actor, finished, errs);
      else {
        await deps.db.transaction((t) => finishJob(t, actor, finished, errs));
        Object.assign(job, finished);
      }
      return finished;
    };

    const summary = () =>
      st.headerBad
        ? 'The header is not valid: nothing was imported.'
        : st.fatal
          ? st.fatal
          : progress.rowsInvalid > 0
            ? `${progress.rowsInvalid} of ${progress.rowsTotal} rows are invalid` + (progress.rowsInvalid > errors.length ? ` (the first ${errors.length} errors are listed)` : '')
            : null;

    const heartbeat = renewLease(job.id, opts.leaseRenewMs);
    try {
      if (job.mode === 'all_or_nothing') {
        try {
          const committed = await deps.db.transaction(async (tx) => {
            const into: IntoRegistry = {};
            const head = holdAuditHead(tx);
            await consume(async (batch) => {
              const r = await writeBatch(tx, actor, job.id, batch, head, into);
              progress.itemsCreated += r.created;
              progress.itemsExisting += r.existing;
            });
            if (progress.rowsInvalid > 0 || st.headerBad) throw new RejectImport('invalid rows');
            return close('completed', null, tx);
          });
          Object.assign(job, committed);
        } catch (err) {
          if (!(err instanceof RejectImport)) throw err;
          progress.itemsCreated = 0;
          progress.itemsExisting = 0;
          await close('rejected', `${summary()}. All-or-nothing import: nothing was imported.`);
        }
      } else {
        await consume(async (batch) => {
          // A transaction per batch: the hold (and the head's lock) ends with it.
          const r = await deps.db.transaction((tx) => writeBatch(tx, actor, job.id, batch, holdAuditHead(tx)));
          progress.itemsCreated += r.created;
          progress.itemsExisting += r.existing;
        });
        if (st.headerBad) await close('rejected', summary());
        else if (st.fatal) await close('failed', `${st.fatal}. Rows before it that were valid are imported.`);
        else await close('completed', summary());
      }
    } catch (err) {
      deps.log.error({ err, jobId: job.id }, 'import failed');
      progress.itemsCreated = job.mode === 'partial' ? progress.itemsCreated : 0;
      await close('failed', `The import stopped: ${(err as Error).message}`).catch((e2) => deps.log.error({ err: e2 }, 'could not record the failed import'));
    } finally {
      heartbeat.stop();
    }
    if (progress.itemsCreated >= ANALYZE_AFTER_ITEMS) {
      // After the commit, outside the import's transaction: ~2 s at 10M items. The import stands if it fails.
      await analyseImportedTables(deps.db).catch((err) => deps.log.warn({ err, jobId: job.id }, 'could not refresh statistics after the import'));
    }
    emit();
    return { job: { ...job }, alreadyImported: false, errors };
  }

  function progressOf(job: ImportJobRow, bytes: number): ImportProgress {
    return { jobId: job.id, bytesRead: 0, bytesTotal: bytes, rowsTotal: 0, rowsInvalid: 0, itemsCreated: 0, itemsExisting: 0 };
  }

  return {
    /** Imports the whole file and resolves when the job has ended (CLI, tests, demo tools). */
    async importItems(actor: Actor, source: ImportSource, opts: ImportOptions = {}): Promise<ImportOutcome> {
      const prepared = await prepare(actor, source, opts);
      if (!('started' in prepared)) return prepared;
      return run(actor, source, prepared.job, opts, progressOf(prepared.job, source.bytes));
    },

    /**
     * Starts the import and returns once the job is recorded; the rows are processed in the background
     * (`getJob` reports progress, `done` resolves at the end).
     */
    async startItemsImport(actor: Actor, source: ImportSource, opts: ImportOptions = {}): Promise<{ job: ImportJobRow; alreadyImported: boolean; done: Promise<ImportOutcome> }> {
      const prepared = await prepare(actor, source, opts);
      if (!('started' in prepared)) return { job: prepared.job, alreadyImported: true, done: Promise.resolve(prepared) };
      const progress = progressOf(prepared.job, source.bytes);
      const running: Running = { job: prepared.job, progress, done: undefined as unknown as Promise<ImportOutcome> };
      running.done = run(actor, source, prepared.job, { ...opts, onProgress: undefined }, progress).finally(() => active.delete(prepared.job.id));
      active.set(prepared.job.id, running);
      return { job: { ...prepared.job }, alreadyImported: false, done: running.done };
    },

    /**
     * A job with live counts. An import running in this process answers from memory: on the embedded
     * database its transaction holds the only connection until it ends.
     */
    async getJob(actor: Actor, id: string): Promise<{ job: ImportJobRow; progress: ImportProgress | null; interrupted: boolean }> {
      registryPolicy.require(actor, 'registry.items.write');
      const running = active.get(id);
      if (running) {
        const p = running.progress;
        return {
          job: { ...running.job, rows_total: p.rowsTotal, items_created: p.itemsCreated, items_existing: p.itemsExisting },
          progress: { ...p },
          interrupted: false,
        };
      }
      const job = await getJob(deps.db, id);
      if (!job) throw new NotFoundError('Import job', id);
      return { job, progress: null, interrupted: isInterrupted(job, { runningHere: false, embedded: deps.db.engine === 'pglite', now: deps.clock.now() }) };
    },

    async jobErrors(actor: Actor, id: string): Promise<{ job: ImportJobRow; errors: ImportErrorRow[] }> {
      registryPolicy.require(actor, 'registry.items.write');
      const running = active.get(id);
      if (running && running.job.status === 'running') return { job: { ...running.job }, errors: [] };
      const job = await getJob(deps.db, id);
      if (!job) throw new NotFoundError('Import job', id);
      const errors = (await listJobErrors(deps.db, id)).map(({ line, column, code, message }) => ({ line, column, code, message }));
      return { job, errors };
    },

    /** How many jobs are in each status, node-wide (metrics). */
    async jobCounts(actor: Actor): Promise<Record<string, number>> {
      registryPolicy.require(actor, 'registry.items.write');
      return countJobsByStatus(deps.db);
    },

    /** Imports still running in this process (for a clean shutdown). */
    async drain(): Promise<void> {
      await Promise.allSettled([...active.values()].map((r) => r.done));
    },
  };
}

export type ImportService = ReturnType<typeof createImportService>;
