import { createHash } from 'node:crypto';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import { decodeText, TextDecodeError, type TextEncoding } from '../../platform/encoding.ts';
import { ValidationError, type FieldError } from '../../platform/http/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { inTransaction } from '../../platform/tx.ts';
import { countryName, isCountryCode } from '../../reference/countries.ts';
import { audit, type ReportingContext } from '../context.ts';
import { HISTORY_ATTRIBUTION, historyCounts, parseEuCoarm, parseSipri, type HistorySource, type ParsedHistory } from '../history.ts';
import { reportingPolicy } from '../policy.ts';
import * as store from '../store.ts';

export interface HistoryFileInput {
  source: HistorySource;
  /** As the user named it (kept with the import; the SHA-256 identifies the content). */
  fileName: string;
  content: Buffer;
  /** Default: windows-1252 for SIPRI (its export is ISO-8859-1), UTF-8 for the EU file; a byte-order mark decides. */
  encoding?: TextEncoding;
}

export interface HistoryImportInput {
  /** ISO alpha-2 of the State whose rows are taken from the files (the supplier the node stands for). */
  state: string;
  /** The State's name as the files write it; default its English name ("Spain" for ES). */
  name?: string;
  files: HistoryFileInput[];
}

export interface HistoryImportResult {
  state: string;
  sourceName: string;
  files: {
    id: string;
    source: HistorySource;
    fileName: string;
    fileSha256: string;
    status: 'imported' | 'unchanged';
    counts: ReturnType<typeof historyCounts>;
    /** SIPRI descriptions / EU categories no mapping rule covers, with how many rows. */
    unmapped: { what: string; rows: number }[];
    superseded: string | null;
  }[];
}

const MAX_BYTES = 64 * 1024 * 1024;

/**
 * Imports the State's past transfers from the SIPRI trade register and/or the EU annual-report compilation
 * (history.ts) as the node's historical transfers: every file checked whole first, and every problem
 * reported with its file and line, so a bad file writes nothing; then, in one transaction, one audited import
 * per file (its SHA-256 and counts) with its rows. A new file for a source supersedes the earlier import of
 * that source; the same file again writes nothing.
 */
export async function importHistory(ctx: ReportingContext, actor: Actor, input: HistoryImportInput, tx?: Tx): Promise<HistoryImportResult> {
  reportingPolicy.require(actor, 'reporting.history.import');
  const errors: FieldError[] = [];
  const code = input.state.trim().toUpperCase();
  if (!isCountryCode(code)) errors.push({ field: 'state', code: 'reporting.history_state', message: `"${input.state}" is not an ISO 3166-1 alpha-2 country code.` });
  if (!input.files.length) errors.push({ field: 'files', code: 'reporting.history_no_file', message: 'Name a SIPRI trade register, an EU arms-exports file, or both.' });
  if (new Set(input.files.map((f) => f.source)).size !== input.files.length) errors.push({ field: 'files', code: 'reporting.history_duplicate_source', message: 'One file per source.' });
  if (errors.length) throw new ValidationError(errors);
  const name = input.name?.trim() || countryName(code, 'en');

  const parsed: { file: HistoryFileInput; sha256: string; p: ParsedHistory }[] = [];
  for (const file of input.files) {
    const at = (e: { line?: number; field: string; code: string; message: string }): FieldError => ({ ...e, field: `${file.fileName}${e.field ? `: ${e.field}` : ''}` });
    if (file.content.length > MAX_BYTES) {
      errors.push(at({ field: '', code: 'reporting.history_too_large', message: `At most ${MAX_BYTES / 1024 / 1024} MiB per file.` }));
      continue;
    }
    let text: string;
    try {
      text = decodeText(file.content, file.encoding ?? (file.source === 'sipri' ? 'windows-1252' : 'utf-8')).text;
    } catch (e) {
      if (e instanceof TextDecodeError) {
        errors.push(at({ line: e.line, field: '', code: e.code, message: e.message }));
        continue;
      }
      throw e;
    }
    const p = file.source === 'sipri' ? parseSipri(text, name) : parseEuCoarm(text, name);
    errors.push(...p.problems.map(at));
    if (!p.problems.length && !p.rows.length) {
      errors.push(at({ line: 1, field: '', code: 'reporting.history_state_absent', message: `No row names "${name}" as supplier or recipient (give the State's name as the file writes it).` }));
    }
    parsed.push({ file, sha256: createHash('sha256').update(file.content).digest('hex'), p });
  }
  if (errors.length) throw new ValidationError(errors.slice(0, 1000), `The historical transfers have ${errors.length} error(s); nothing was imported.`);

  const state = ctx.deps.config.state;
  return inTransaction(ctx.deps.db, tx, async (t) => {
    await store.lockHistoryImports(t);
    const now = ctx.deps.clock.now();
    const files: HistoryImportResult['files'] = [];
    for (const { file, sha256, p } of parsed) {
      const counts = historyCounts(p);
      const tally = new Map<string, number>();
      for (const r of p.rows) if (r.mapping === 'unmapped') tally.set(r.controlEntry ?? r.description, (tally.get(r.controlEntry ?? r.description) ?? 0) + 1);
      const unmapped = [...tally.entries()].map(([what, rows]) => ({ what, rows })).sort((a, b) => b.rows - a.rows || a.what.localeCompare(b.what));
      const current = await store.currentHistoryImport(t, state, file.source);
      if (current && current.file_sha256 === sha256 && current.source_name === name) {
        files.push({ id: current.id, source: file.source, fileName: file.fileName, fileSha256: sha256, status: 'unchanged', counts, unmapped, superseded: null });
        continue;
      }
      if (current) {
        const old = await store.supersedeHistoryImport(t, current.id, now, actor.name);
        await audit(ctx, t, actor, [{ action: 'reporting.history.supersede', entity: 'reporting_history_import', entityId: old.id, reason: `superseded by ${file.fileName}`, state: store.historyImportState(old) }]);
      }
      const row = await store.insertHistoryImport(t, {
        id: uuidv7(),
        state,
        sourceName: name,
        source: file.source,
        fileName: file.fileName,
        fileSha256: sha256,
        counts,
        attribution: HISTORY_ATTRIBUTION[file.source],
        importedAt: now,
        importedBy: actor.name,
      });
      for (let i = 0; i < p.rows.length; i += 5000) await store.insertHistoricalTransfers(t, row.id, state, p.rows.slice(i, i + 5000));
      await audit(ctx, t, actor, [{ action: 'reporting.history.import', entity: 'reporting_history_import', entityId: row.id, reason: `${name} (${code}) as ${state}`, state: store.historyImportState(row) }]);
      files.push({ id: row.id, source: file.source, fileName: file.fileName, fileSha256: sha256, status: 'imported', counts, unmapped, superseded: current?.id ?? null });
    }
    return { state, sourceName: name, files };
  });
}
