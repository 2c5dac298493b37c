/**
 * Bulk rows for `COPY … FROM` in PostgreSQL's text format. Both engines take the same bytes: PostgreSQL
 * over the connection (COPY FROM STDIN, pg-copy-streams), PGlite from its `/dev/blob` device. COPY skips
 * the per-statement array literals that `INSERT … SELECT FROM unnest($1::text[], …)` needs (built by the
 * driver, parsed again by the server), which is most of the difference on a bulk load.
 *
 * The data is not SQL: a value can never become part of a statement. Table and column names are the
 * caller's constants and are checked to be plain identifiers all the same.
 */
export type CopyValue = string | number | bigint | boolean | Date | Uint8Array | null | undefined;

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/** `COPY table (a, b) FROM source` for plain lower-case identifiers only. */
export function copyStatement(table: string, columns: readonly string[], source: 'STDIN' | "'/dev/blob'"): string {
  for (const name of [table, ...columns]) if (!IDENTIFIER.test(name)) throw new Error(`not a plain identifier for COPY: ${JSON.stringify(name)}`);
  if (columns.length === 0) throw new Error('COPY needs at least one column');
  return `COPY ${table} (${columns.join(', ')}) FROM ${source}`;
}

const NEEDS_ESCAPE = /[\\\n\r\t]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** One value in COPY's text format (NULL is `\N`; backslash, tab and line breaks escaped). */
export function copyField(v: CopyValue): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'string') return NEEDS_ESCAPE.test(v) ? v.replace(/[\\\n\r\t]/g, (c) => ESCAPES[c]) : v;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`not a finite number for COPY: ${v}`);
    return String(v);
  }
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (v instanceof Date) return v.toISOString();
  // bytea in hex: `\x…`, its backslash escaped for the text format.
  return `\\\\x${Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex')}`;
}

/** Rows → the text COPY reads: fields separated by tabs, one line per row. */
export function copyText(rows: Iterable<readonly CopyValue[]>): string {
  let out = '';
  for (const r of rows) {
    for (let i = 0; i < r.length; i++) out += (i === 0 ? '' : '\t') + copyField(r[i]);
    out += '\n';
  }
  return out;
}

/** Rows already in COPY's text format (copyTextOf), with how many there are. */
export class CopyText {
  constructor(
    readonly text: string,
    readonly rows: number,
  ) {}
}

/** What `copyFrom` takes: rows of values, or their text already written. */
export type CopyRows = readonly (readonly CopyValue[])[] | CopyText;

/**
 * Objects → COPY text, the named members in order, straight from each object: a bulk writer (the import,
 * a million rows) need not build an array of values per row only for copyText to read it once.
 */
export function copyTextOf<T>(objects: readonly T[], columns: readonly (keyof T)[]): CopyText {
  let out = '';
  for (const o of objects) {
    for (let i = 0; i < columns.length; i++) out += (i === 0 ? '' : '\t') + copyField(o[columns[i]] as CopyValue);
    out += '\n';
  }
  return new CopyText(out, objects.length);
}

export const copyRowCount = (rows: CopyRows): number => (rows instanceof CopyText ? rows.rows : rows.length);
export const copyData = (rows: CopyRows): string => (rows instanceof CopyText ? rows.text : copyText(rows));
