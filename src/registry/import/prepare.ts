import { pipeline, type Readable, Transform, type TransformCallback } from 'node:stream';
import { CsvError, Parser } from 'csv-parse';
import { CopyText } from '../../platform/db/copy.ts';
import { createLineDecoder, type TextEncoding } from '../../platform/encoding.ts';
import { uuidv7 } from '../../platform/ids.ts';
import type { ItemInput } from '../model.ts';
import { itemStateHash, markingRowFrom, markingsCopyText, type ItemRow, type MarkingRow } from '../store.ts';
import { itemsCopyText } from './store.ts';
import { KeyLines } from './key-lines.ts';
import { checkHeader, normaliseHeader, parseItemRow, type ParsedItemRow, type RowError } from './model.ts';

/**
 * The import's work on the file itself — decoding, CSV parsing, every row's validation, the file's
 * duplicate check, and each batch's rows, state hashes and COPY text — with nothing of the database. The
 * import service runs it in its own thread (small files) or in a worker thread (prepare-worker.ts), so
 * that on a 2-core node this work runs beside the writes instead of between them.
 */

/** Errors kept per job; beyond this the count goes on but the report stops listing rows. */
export const MAX_REPORTED_ERRORS = 100_000;

/**
 * How much of the file the CSV parser is handed at a time. The parser turns a whole chunk into records
 * at once, synchronously: an upload handed over as one buffer (64 MB for a million rows) became all its
 * records in memory at once, whatever the back-pressure downstream.
 */
export const READ_CHUNK_BYTES = 64 * 1024;

/** What the file's pass has found so far; the service reports it as the job's progress and errors. */
export interface ParseState {
  rowsTotal: number;
  rowsInvalid: number;
  bytesRead: number;
  errors: RowError[];
  headerBad: boolean;
  /** A CSV syntax error ended the pass: its message for the job. */
  fatal: string | null;
}

export const newParseState = (): ParseState => ({ rowsTotal: 0, rowsInvalid: 0, bytesRead: 0, errors: [], headerBad: false, fatal: null });

export interface ParseOptions {
  encoding?: TextEncoding;
  batchSize: number;
  /** Year of "now", for the year-of-manufacture rule. */
  nowYear: number;
  /** All-or-nothing: once a row is invalid no batch is handed on any more (the rows are still all checked). */
  allOrNothing: boolean;
}

export interface ParseHooks {
  /** A batch of valid rows, in file order; awaited (back-pressure). */
  batch(rows: ParsedItemRow[]): Promise<void>;
  /** Every `batchSize` rows read, valid or not: the caller's chance to report progress and let others run. */
  tick(): Promise<void>;
}

class RejectHeader extends Error {}

/**
 * Bytes in the named encoding → UTF-8 text for the CSV parser, counting the source bytes read; a source's
 * large chunk is passed on in pieces of READ_CHUNK_BYTES, so the parser (behind back-pressure) never holds
 * more than one piece's records.
 */
function decoding(encoding: TextEncoding | undefined, onBytes: (n: number) => void): Transform {
  const decoder = createLineDecoder(encoding);
  return new Transform({
    transform(chunk: Buffer | string, _enc, done) {
      try {
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
        for (let i = 0; i < bytes.length; i += READ_CHUNK_BYTES) {
          const text = decoder.push(bytes.length <= READ_CHUNK_BYTES ? bytes : bytes.subarray(i, i + READ_CHUNK_BYTES));
          if (text) this.push(text);
        }
        onBytes(decoder.bytesRead);
        done();
      } catch (err) {
        done(err as Error);
      }
    },
    flush(done) {
      try {
        done(null, decoder.end());
      } catch (err) {
        done(err as Error);
      }
    },
  });
}

/**
 * The longest row read as one row. A row of this file is a few hundred bytes (its longest field takes
 * a few thousand characters); a quote opened and never closed makes the rest of the file one field,
 * which csv-parse would otherwise hold in memory to the end of the file before failing there.
 */
export const MAX_ROW_BYTES = 2 ** 20;

type RecordInfo = { lines: number; bytes: number; invalid_field_length: number; empty_lines: number };
type CsvRecord = { record: Record<string, string>; info: RecordInfo };

/** A CSV syntax error, handed on by the parser as its last object, after every record read before it. */
class Malformed {
  constructor(readonly error: CsvError) {}
}

/**
 * csv-parse, except that a syntax error loses none of the records before it. The parser turns a whole
 * piece of the file (READ_CHUNK_BYTES) into records at once; on an error it failed the stream, and the
 * records of that piece not yet read went with it: hundreds of valid rows before the break were neither
 * checked nor imported. Here the error is pushed as the stream's last object instead, after them.
 */
class RecordKeepingParser extends Parser {
  override _transform(chunk: Buffer, encoding: BufferEncoding, callback: TransformCallback): void {
    super._transform(chunk, encoding, (err) => this.settle(err, callback));
  }

  override _flush(callback: TransformCallback): void {
    super._flush((err) => this.settle(err, callback));
  }

  private settle(err: Error | null | undefined, callback: TransformCallback): void {
    if (!(err instanceof CsvError)) return callback(err);
    // The parser stops at its first error (later pieces are not parsed): the output ends here.
    this.push(new Malformed(err));
    this.push(null);
    callback();
  }
}

/**
 * The error of a file that stops being CSV, named at the row where it breaks: the line after the last
 * record read (and after the empty lines skipped since), which is where a quote that never closes was
 * opened; csv-parse itself names the line it had reached, the end of the file for such a quote.
 */
function malformedRow(err: CsvError, last: Pick<RecordInfo, 'lines' | 'empty_lines'>): RowError {
  const e = err as CsvError & { empty_lines?: number; column?: string | number };
  const line = last.lines + 1 + Math.max(0, (e.empty_lines ?? last.empty_lines) - last.empty_lines);
  const column = typeof e.column === 'string' ? e.column : '';
  const message =
    err.code === 'CSV_QUOTE_NOT_CLOSED'
      ? 'A quoted field opens on this line and is never closed: the rest of the file was read as part of it.'
      : err.code === 'CSV_MAX_RECORD_SIZE'
        ? `A quoted field opens on this line and is not closed within ${MAX_ROW_BYTES / 2 ** 20} MiB: the file is read no further.`
        : err.message;
  return { line, column, code: 'csv.malformed', message };
}

/**
 * Streams the file, validating every row into `st`; valid rows go to `hooks.batch` in batches. A bad
 * header or a CSV syntax error ends the pass with `st.headerBad` / `st.fatal` set (not thrown); anything
 * else (a source error, a hook's) is thrown. At a syntax error every row before it has been checked and
 * (unless all-or-nothing and doomed) handed to `hooks.batch`; none after it is read.
 */
export async function parseItemsCsv(input: Readable, o: ParseOptions, st: ParseState, hooks: ParseHooks): Promise<void> {
  const report = (e: RowError[]) => {
    for (const x of e) if (st.errors.length < MAX_REPORTED_ERRORS) st.errors.push(x);
  };
  const seen = new KeyLines();
  const doomed = () => st.rowsInvalid > 0 && o.allOrNothing;
  /** Where the last record (or the header) ended, once the header is read: a syntax error is named at the row after it. */
  let last: Pick<RecordInfo, 'lines' | 'empty_lines'> | null = null;
  const csv: RecordKeepingParser = new RecordKeepingParser({
    columns: (header: string[]) => {
      last = { lines: csv.info.lines, empty_lines: csv.info.empty_lines };
      const names = header.map(normaliseHeader);
      const headerErrors = checkHeader(names);
      if (headerErrors.length) {
        report(headerErrors);
        st.headerBad = true;
        throw new RejectHeader('bad header');
      }
      return names;
    },
    relax_column_count: true,
    skip_empty_lines: true,
    max_record_size: MAX_ROW_BYTES,
    info: true,
  });
  // pipeline, not pipe: an error in the source or the decoding reaches the loop below instead of stalling it.
  const parser = pipeline(input, decoding(o.encoding, (n) => (st.bytesRead = n)), csv, () => undefined);
  let batch: ParsedItemRow[] = [];
  // csv-parse counts the records with the wrong number of fields so far: this record is one if the count
  // went up (reading it as "this record's" made every row after the first short one invalid).
  let shortRows = 0;
  try {
    for await (const rec of parser as AsyncIterable<CsvRecord | Malformed>) {
      if (rec instanceof Malformed) {
        const error = malformedRow(rec.error, last ?? { lines: 0, empty_lines: 0 });
        if (last) st.rowsTotal++; // a row, unless the header itself is broken
        st.rowsInvalid++;
        report([error]);
        st.fatal = `The file is not valid CSV at line ${error.line}${error.column ? `, column ${error.column}` : ''}: ${error.message}`;
        break;
      }
      last = rec.info;
      const line = rec.info.lines;
      // Also while only validating (an all-or-nothing import already doomed writes nothing more).
      if (++st.rowsTotal % o.batchSize === 0) await hooks.tick();
      if (rec.info.invalid_field_length > shortRows) {
        shortRows = rec.info.invalid_field_length;
        st.rowsInvalid++;
        report([{ line, column: '', code: 'csv.field_count', message: 'The row does not have as many fields as the header.' }]);
        continue;
      }
      const result = parseItemRow(rec.record, line, o.nowYear);
      if (!result.ok) {
        st.rowsInvalid++;
        report(result.errors);
        continue;
      }
      const first = seen.firstLineOrAdd(result.row.importKey, line);
      if (first !== undefined) {
        st.rowsInvalid++;
        report([{ line, column: 'serial_number', code: 'csv.duplicate_row', message: `The same item (kind, type, manufacturer, serial) is already on line ${first}.` }]);
        continue;
      }
      // All-or-nothing and already doomed: keep validating to report every bad row, stop writing.
      if (doomed()) continue;
      batch.push(result.row);
      if (batch.length >= o.batchSize) {
        const full = batch;
        batch = [];
        await hooks.batch(full);
      }
    }
  } catch (err) {
    if (err instanceof RejectHeader) return;
    throw err;
  }
  // Also after a syntax error: the valid rows before it (partial mode).
  if (!doomed() && batch.length) await hooks.batch(batch);
}

/**
 * A batch as it will be written: per row what the write needs (id, audited-state hash, natural key,
 * serial), and the COPY text of all its items and markings. A batch that skips rows already registered
 * writes a subset of the same lines (selectRows). Plain data, so it crosses from a worker thread as is.
 */
export interface PreparedBatch {
  ids: string[];
  stateHashes: string[];
  importKeys: string[];
  serialNorms: (string | null)[];
  /** Markings per row: the row's lines in the markings text. */
  markingCounts: number[];
  itemsText: string;
  markingsText: string;
  markingsRows: number;
  /** The rows themselves, for a connection that cannot COPY (never sent from the worker). */
  objects?: { items: ItemRow[]; markings: MarkingRow[][] };
}

function itemRow(r: ParsedItemRow, id: string, now: Date): ItemRow {
  const i: ItemInput = r.item;
  return {
    id,
    kind: i.kind,
    firearm_type: i.firearmType ?? null,
    part_type: i.partType ?? null,
    ammunition_component: i.ammunitionComponent ?? null,
    make: i.make ?? null,
    model: i.model ?? null,
    calibre: i.calibre ?? null,
    year_of_manufacture: i.yearOfManufacture ?? null,
    country_of_manufacture: i.countryOfManufacture ?? null,
    place_of_manufacture: i.placeOfManufacture ?? null,
    manufacturer_party_id: null,
    serial_number: i.serialNumber ?? null,
    serial_norm: r.serialNorm,
    lot_number: i.lotNumber ?? null,
    quantity_rounds: i.quantityRounds ?? null,
    is_antique: i.isAntique ?? false,
    is_replica: i.isReplica ?? false,
    temporary_import_purpose: i.temporaryImportPurpose ?? null,
    description: i.description ?? null,
    import_key: r.importKey,
    status: 'registered',
    holder_party_id: null,
    keeper_party_id: null,
    event_count: 0,
    last_event_at: null,
    manufactured_at: null,
    destroyed_at: null,
    created_at: now,
  };
}

/** The rows a batch would write: ids, item and marking rows, each item's audited-state hash, COPY text. */
export function prepareBatch(batch: readonly ParsedItemRow[], now: Date): PreparedBatch {
  const items: ItemRow[] = new Array(batch.length);
  const perItem: MarkingRow[][] = new Array(batch.length);
  const out: PreparedBatch = { ids: [], stateHashes: [], importKeys: [], serialNorms: [], markingCounts: [], itemsText: '', markingsText: '', markingsRows: 0 };
  for (let k = 0; k < batch.length; k++) {
    const r = batch[k];
    const item = itemRow(r, uuidv7(), now);
    items[k] = item;
    perItem[k] = r.markings.map((m, i) => markingRowFrom(m, item.id, i + 1, now));
    out.ids.push(item.id);
    out.stateHashes.push(itemStateHash(item));
    out.importKeys.push(r.importKey);
    out.serialNorms.push(r.serialNorm);
    out.markingCounts.push(r.markings.length);
  }
  out.itemsText = itemsCopyText(items).text;
  const m = markingsCopyText(perItem.flat());
  out.markingsText = m.text;
  out.markingsRows = m.rows;
  out.objects = { items, markings: perItem };
  return out;
}

/** Where each row's lines start in `text` (one line per row, or `counts[k]`), and its end last. */
function lineOffsets(text: string, counts: readonly number[] | null, rows: number): Int32Array {
  // starts[k] = where row k's lines begin; starts[rows] = text.length.
  const starts = new Int32Array(rows + 1);
  let at = 0;
  for (let k = 0; k < rows; k++) {
    starts[k] = at;
    const n = counts ? counts[k] : 1;
    for (let j = 0; j < n; j++) at = text.indexOf('\n', at) + 1;
  }
  starts[rows] = at;
  return starts;
}

/** The COPY text of only the rows `keep` (by index) of a prepared batch: a subset of its lines. */
export function selectRows(b: PreparedBatch, keep: readonly number[]): { items: CopyText; markings: CopyText } {
  const n = b.ids.length;
  // keep is in ascending order (a filter of the batch), so the subset keeps file order.
  if (keep.length === n) return { items: new CopyText(b.itemsText, n), markings: new CopyText(b.markingsText, b.markingsRows) };
  const itemAt = lineOffsets(b.itemsText, null, n);
  const markAt = lineOffsets(b.markingsText, b.markingCounts, n);
  let items = '';
  let markings = '';
  let markingsRows = 0;
  for (const k of keep) {
    items += b.itemsText.slice(itemAt[k], itemAt[k + 1]);
    markings += b.markingsText.slice(markAt[k], markAt[k + 1]);
    markingsRows += b.markingCounts[k];
  }
  return { items: new CopyText(items, keep.length), markings: new CopyText(markings, markingsRows) };
}
