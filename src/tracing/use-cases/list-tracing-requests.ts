import { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import { readDb } from '../../platform/db/replica.ts';
import { decodeCursor, toPage, type Page } from '../../platform/http/pagination.ts';
import { parseInput } from '../../platform/validation.ts';
import { requestDayOf, type TracingContext } from '../context.ts';
import { tracingPolicy } from '../policy.ts';
import { presentRequest } from '../request-documents.ts';
import { remindUntil } from '../request-model.ts';
import { requestListQuerySchema, type TracingRequest } from '../schemas.ts';
import * as store from '../store.ts';

/**
 * Tracing requests, newest first; `overdue=true` lists those whose answer is late, `reminder=true` those whose deadline is
 * passed or within the reminder days; from/to the days they were made.
 */
export async function listTracingRequests(ctx: TracingContext, actor: Actor, query: unknown, tx?: Tx): Promise<Page<TracingRequest>> {
  tracingPolicy.require(actor, 'tracing.requests.read');
  const q = parseInput('tracing', requestListQuerySchema, query);
  const day = requestDayOf(ctx);
  const today = day.today;
  const rows = await store.listRequests(tx ?? readDb(ctx.deps, actor), {
    direction: q.direction,
    status: q.status,
    overdueOn: q.overdue === 'true' ? today : undefined,
    remindUntil: q.reminder === 'true' ? remindUntil(today, day.reminderDays) : undefined,
    from: q.from,
    to: q.to,
    after: decodeCursor(q.cursor, z.string().uuid()),
    limit: q.limit,
  });
  return toPage(rows, q.limit, (r) => r.id, (r) => presentRequest(r, day));
}
