import type { Actor } from '../../platform/auth/actor.ts';
import { parseInput } from '../../platform/validation.ts';
import { compute, type ReportingContext } from '../context.ts';
import { reportingPolicy } from '../policy.ts';
import type { ReportContent } from '../presenters.ts';
import { reportRequestSchema, type ReportRequest } from '../schemas.ts';

/** Computes a report without storing it (the screen's preview). */
export async function previewReport(ctx: ReportingContext, actor: Actor, request: ReportRequest): Promise<ReportContent> {
  reportingPolicy.require(actor, 'reporting.report.read');
  const r = parseInput('reporting', reportRequestSchema, request);
  return ctx.deps.db.transaction((tx) => compute(ctx, actor, tx, r));
}
