import { createHash } from 'node:crypto';
import { recordAuditBatch } from '../../platform/audit/record.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { TextEncoding } from '../../platform/encoding.ts';
import { ConflictError, ValidationError, type FieldError } from '../../platform/http/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import type { ScreeningContext } from '../context.ts';
import { prepareName } from '../match/normalize.ts';
import { invalidateMatcher } from '../matcher.ts';
import { entryHash, listSourceOf, nameKindOf } from '../model.ts';
import { MalformedListError, parseList, type ProgressFn } from '../parse/index.ts';
import { screeningPolicy } from '../policy.ts';
import { rescreenSubjects } from '../steps.ts';
import * as store from '../store.ts';

export interface ImportInput {
  content: Buffer;
  fileName?: string | null;
  /** Publication date for files that carry none (OFAC SDN.CSV); otherwise taken from the file. */
  publishedOn?: string | null;
  /** The file's encoding when it is not the format's own (UTF-8 XML, Latin-1 SDN.CSV) and has no byte-order mark. */
  encoding?: TextEncoding;
}

export interface ImportResult {
  version: store.ListVersion;
  superseded: string[];
  rescreen: { subjects: number; newAlerts: number };
}

/**
 * Imports one list file as a new version. Parsing happens before any write, so a malformed file
 * changes nothing; the new version is loaded and the previous one superseded in one transaction,
 * so screening sees either the old list or the complete new one. Then every known party is
 * re-screened against the new lists and new hits raise alerts.
 */
export async function importList(ctx: ScreeningContext, actor: Actor, input: ImportInput, progress?: ProgressFn): Promise<ImportResult> {
  const { db, clock } = ctx.deps;
  screeningPolicy.require(actor, 'screening.lists.import');
  const errors: FieldError[] = [];
  if (input.publishedOn && !/^\d{4}-\d{2}-\d{2}$/.test(input.publishedOn)) errors.push({ field: 'publishedOn', message: 'Use YYYY-MM-DD.', code: 'screening.date_invalid' });
  if (!input.content || input.content.length === 0) errors.push({ field: 'file', message: 'The file is empty.', code: 'screening.file_empty' });
  if (errors.length) throw new ValidationError(errors);
  let parsed;
  try {
    parsed = await parseList(input.content, progress, input.encoding);
  } catch (err) {
    if (err instanceof MalformedListError) {
      const where = err.line ? { line: err.line } : {};
      throw new ValidationError([{ field: 'file', message: err.message, code: 'screening.list_malformed', ...where }], 'The list file was rejected; nothing was imported.');
    }
    throw err;
  }
  const fromName = input.fileName ? /(\d{4}-\d{2}-\d{2})/.exec(input.fileName)?.[1] : undefined;
  const publishedOn = parsed.publishedOn ?? input.publishedOn ?? fromName ?? clock.now().toISOString().slice(0, 10);
  const sha = createHash('sha256').update(input.content).digest('hex');
  const source = listSourceOf(parsed, input.fileName);
  const rows: store.EntryInsert[] = parsed.entries.map((entry) => {
    const kind = nameKindOf(entry.kind);
    const prepared = entry.names.map((n) => ({ n, p: prepareName(n.name, kind) }));
    return {
      entry,
      hash: entryHash(entry),
      names: prepared.map(({ n, p }) => ({ name: n.name, normalized: p.tokens.join(' '), quality: n.quality })),
    };
  });
  const result = await db.transaction(async (t) => {
    if (await store.findActiveBySha(t, source, sha)) {
      throw new ConflictError('This exact file is already the active version of its list.');
    }
    const now = clock.now();
    const id = uuidv7();
    await store.insertVersion(t, {
      id,
      source,
      format: parsed.format,
      published_on: publishedOn,
      file_name: input.fileName ?? null,
      file_sha256: sha,
      entry_count: rows.length,
      name_count: rows.reduce((s, r) => s + r.names.length, 0),
      status: 'loading',
      imported_at: now,
      imported_by: actor.name,
    });
    await store.insertEntries(t, id, rows);
    await store.analyzeEntries(t);
    const superseded = await store.activate(t, id, source, now);
    const version = store.versionState((await store.getVersion(t, id))!);
    await recordAuditBatch(t, actor, clock, [
      { action: 'screening.list_version.import', entity: 'screening_list_version', entityId: id, state: version },
      ...superseded.map((s) => ({ action: 'screening.list_version.supersede', entity: 'screening_list_version', entityId: s.id, state: store.versionState(s) })),
    ]);
    return { version, superseded: superseded.map((s) => s.id) };
  });
  invalidateMatcher(db);
  const rescreen = await db.transaction((t) => rescreenSubjects(ctx, t, actor));
  return { ...result, rescreen };
}
