import { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.ts';
import { decodeCursor, toPage, type Page } from '../../platform/http/pagination.ts';
import type { ReportingContext } from '../context.ts';
import type { ReportKind } from '../model.ts';
import { reportingPolicy } from '../policy.ts';
import * as store from '../store.ts';

const reportCursor = z.object({ at: z.string(), id: z.string() });

/** Stored reports, newest first, one cursor page at a time. */
export async function listReports(
  ctx: ReportingContext,
  actor: Actor,
  options: { kind?: ReportKind; limit?: number; cursor?: string } = {},
): Promise<Page<ReturnType<typeof store.reportState>>> {
  reportingPolicy.require(actor, 'reporting.report.read');
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 500);
  const after = decodeCursor(options.cursor, reportCursor);
  const rows = await store.listReports(ctx.deps.db, { limit: limit + 1, kind: options.kind, after });
  return toPage(rows, limit, (r) => ({ at: r.generated_at.toISOString(), id: r.id }), store.reportState);
}
