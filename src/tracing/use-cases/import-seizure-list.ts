import { parse } from 'csv-parse/sync';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import { decodeText, TextDecodeError, type TextEncoding } from '../../platform/encoding.ts';
import { ValidationError, type FieldError } from '../../platform/http/errors.ts';
import { inTransaction } from '../../platform/tx.ts';
import { normaliseHeader } from '../../registry/import/model.ts';
import { todayOf, type TracingContext } from '../context.ts';
import { validateRecovery } from '../model.ts';
import { tracingPolicy } from '../policy.ts';
import { partyLookup, presentCaseSummary } from '../presenters.ts';
import { writeRecoveries } from '../recording.ts';
import { recoveryInputSchema, type ImportResult, type RecoveryInput } from '../schemas.ts';
import { checkSeizureHeader, groupSeizureRows, toRowError } from '../seizure-csv.ts';

/** Rows past this are refused: one transaction holds the whole file. */
export const MAX_SEIZURE_ROWS = 50_000;

/**
 * Bulk entry of a police seizure list (CSV, docs/tracing.md): the whole file or nothing. Every bad row
 * is reported with its line and column, by the same rules as the form; a good file is recorded and
 * every item checked against the registry, in one transaction.
 */
export async function importSeizureList(ctx: TracingContext, actor: Actor, content: Buffer, encoding?: TextEncoding, tx?: Tx): Promise<ImportResult> {
  tracingPolicy.require(actor, 'tracing.recoveries.write');
  let text: string;
  try {
    text = decodeText(content, encoding).text;
  } catch (err) {
    if (err instanceof TextDecodeError) throw new ValidationError([{ field: 'file', code: 'csv.encoding', message: err.message }]);
    throw err;
  }
  let records: string[][];
  try {
    records = parse(text, { skip_empty_lines: true, relax_column_count: true }) as string[][];
  } catch (err) {
    throw new ValidationError([{ field: 'file', code: 'csv.malformed', message: (err as Error).message }]);
  }
  if (records.length < 2) throw new ValidationError([{ field: 'file', code: 'csv.empty', message: 'The file has no rows under its header.' }]);
  if (records.length - 1 > MAX_SEIZURE_ROWS) {
    throw new ValidationError([{ field: 'file', code: 'csv.too_many_rows', message: `At most ${MAX_SEIZURE_ROWS} rows per file.` }]);
  }
  const header = records[0].map(normaliseHeader);
  const headerErrors = checkSeizureHeader(header);
  if (headerErrors.length) throw new ValidationError(headerErrors, 'The CSV header is not a seizure list.');

  const errors: FieldError[] = [];
  const rows = records.slice(1).flatMap((fields, i) => {
    const line = i + 2;
    if (fields.length !== header.length) {
      errors.push({ line, field: '', code: 'csv.field_count', message: `The row has ${fields.length} fields; the header has ${header.length}.` });
      return [];
    }
    return [{ line, record: Object.fromEntries(header.map((h, k) => [h, fields[k]])) }];
  });
  const grouped = groupSeizureRows(rows);
  errors.push(...grouped.errors);
  const today = todayOf(ctx);
  const recoveries: RecoveryInput[] = [];
  grouped.recoveries.forEach((raw, i) => {
    const parsed = recoveryInputSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        errors.push(toRowError({ field: issue.path.map(String).join('.'), code: `csv.${issue.code}`, message: issue.message }, grouped.lines[i]));
      }
      return;
    }
    errors.push(...validateRecovery(parsed.data, today).map((e) => toRowError(e, grouped.lines[i])));
    recoveries.push(parsed.data);
  });
  if (errors.length) throw new ValidationError(sortByLine(errors), `The seizure list has ${errors.length} error(s); nothing was recorded.`);

  return inTransaction(ctx.deps.db, tx, async (t) => {
    const agencies = [...new Set(recoveries.map((r) => r.agencyPartyId))];
    const known = new Set((await ctx.registry.partySummaries(actor, agencies, t)).map((p) => p.id));
    const missing = recoveries.flatMap((r, i) =>
      known.has(r.agencyPartyId)
        ? []
        : [{ line: grouped.lines[i].caseLine, field: 'agency_party_id', code: 'party.not_found', message: `Party ${r.agencyPartyId} does not exist in the registry.` }],
    );
    if (missing.length) throw new ValidationError(missing, 'The seizure list names agencies the registry does not know; nothing was recorded.');
    const written = await writeRecoveries(ctx, actor, t, recoveries);
    const party = partyLookup(await ctx.registry.partySummaries(actor, agencies, t));
    const perCase = new Map<string, { count: number; outcomes: Record<string, number> }>();
    for (const i of written.items) {
      const entry = perCase.get(i.case_id) ?? { count: 0, outcomes: {} };
      const o = i.check_outcome;
      entry.count++;
      entry.outcomes[o] = (entry.outcomes[o] ?? 0) + 1;
      perCase.set(i.case_id, entry);
    }
    return {
      itemCount: written.items.length,
      cases: written.cases.map((c) => ({ ...presentCaseSummary(c, perCase.get(c.id)?.count ?? 0, party), outcomes: perCase.get(c.id)?.outcomes ?? {} })),
    };
  });
}

function sortByLine(errors: FieldError[]): FieldError[] {
  return [...errors].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}
