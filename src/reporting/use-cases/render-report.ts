import type { Actor } from '../../platform/auth/actor.ts';
import { mustFindReport, type ReportingContext } from '../context.ts';
import { toCsv, toPdf, toXlsx } from '../documents.ts';
import { reportingPolicy } from '../policy.ts';
import { presentReport, reportDocument } from '../presenters.ts';
import type { ReportFormat } from '../schemas.ts';

/** The stored report as a file laid out like the official form (the figures are the stored ones). */
export async function renderReport(
  ctx: ReportingContext,
  actor: Actor,
  reference: string,
  format: Exclude<ReportFormat, 'json'>,
): Promise<{ filename: string; contentType: string; body: Buffer }> {
  reportingPolicy.require(actor, 'reporting.report.read');
  const report = presentReport(await mustFindReport(ctx.deps.db, reference));
  const doc = reportDocument(report);
  if (format === 'csv') return { filename: `${report.reference}.csv`, contentType: 'text/csv; charset=utf-8', body: toCsv(doc) };
  if (format === 'xlsx') return { filename: `${report.reference}.xlsx`, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', body: await toXlsx(doc) };
  return { filename: `${report.reference}.pdf`, contentType: 'application/pdf', body: await toPdf(doc) };
}
