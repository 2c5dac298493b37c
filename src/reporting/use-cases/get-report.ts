import type { Actor } from '../../platform/auth/actor.ts';
import type { Queryable } from '../../platform/db/types.ts';
import { mustFindReport, type ReportingContext } from '../context.ts';
import { reportingPolicy } from '../policy.ts';
import { presentReport, type StoredReport } from '../presenters.ts';

/** One stored report by its reference, with the figures as they were computed. */
export async function getReport(ctx: ReportingContext, actor: Actor, reference: string, q: Queryable = ctx.deps.db): Promise<StoredReport> {
  reportingPolicy.require(actor, 'reporting.report.read');
  return presentReport(await mustFindReport(q, reference));
}
