import { pipeline, type Readable, Transform } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
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

type CsvRecord = { record: Record<string, string>; info: { lines: number; bytes: number; invalid_field_length: number } };

/**
 * Streams the file, validating every row into `st`; valid rows go to `hooks.batch` in batches. A bad
 * header or a CSV syntax error ends the pass with `st.headerBad` / `st.fatal` set (not thrown); anything
 * else (a source error, a hook's) is thrown.
 */
export async function parseItemsCsv(input: Readable, o: ParseOptions, st: ParseState, hooks: ParseHooks): Promise<void> {
  const report = (e: RowError[]) => {
    for (const x of e) if (st.errors.length < MAX_REPORTED_ERRORS) st.errors.push(x);
  };
  const seen = new KeyLines();
  const doomed = () => st.rowsInvalid > 0 && o.allOrNothing;
  // pipeline, not pipe: an error in the source or the decoding reaches the loop below instead of stalling it.
  const parser = pipeline(
    input,
    decoding(o.encoding, (n) => (st.bytesRead = n)),
    parse({
      columns: (header: string[]) => {
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
      info: true,
    }),
    () => undefined,
  );
  let batch: ParsedItemRow[] = [];
  // csv-parse counts the records with the wrong number of fields so far: this record is one if the count
  // went up (reading it as "this record's" made every row after the first short one invalid).
  let shortRows = 0;
  try {
    for await (const rec of parser as AsyncIterable<CsvRecord>) {
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
    if (err instanceof CsvError || (err as { code?: string }).code?.startsWith('CSV_')) {
      const e = err as CsvError & { lines?: number };
      st.fatal = `The file is not valid CSV from line ${e.lines ?? '?'}: ${e.message}`;
      st.rowsInvalid++;
      report([{ line: e.lines ?? st.rowsTotal + 1, column: '', code: 'csv.malformed', message: e.message }]);
      return;
    }
    throw err;
  }
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
