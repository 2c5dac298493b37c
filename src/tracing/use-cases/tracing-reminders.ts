import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import { readDb } from '../../platform/db/replica.ts';
import { parseInput } from '../../platform/validation.ts';
import { requestDayOf, type TracingContext } from '../context.ts';
import { tracingPolicy } from '../policy.ts';
import { presentRequest } from '../request-documents.ts';
import { remindUntil } from '../request-model.ts';
import { remindersQuerySchema, type Reminders } from '../schemas.ts';
import * as store from '../store.ts';

/**
 * The officers' reminders: requests awaiting an answer whose deadline is within the reminder days, due today
 * or passed, earliest first, with the counts of each. Computed when asked, never sent: a request to a State
 * whose node is enrolled gets no automatic chaser, the reminder is a notice to this State's officers.
 */
export async function tracingReminders(ctx: TracingContext, actor: Actor, query: unknown, tx?: Tx): Promise<Reminders> {
  tracingPolicy.require(actor, 'tracing.requests.read');
  const q = parseInput('tracing', remindersQuerySchema, query ?? {});
  const day = requestDayOf(ctx);
  const until = remindUntil(day.today, day.reminderDays);
  const db = tx ?? readDb(ctx.deps, actor);
  const [rows, counts] = await Promise.all([
    store.listReminders(db, { until, direction: q.direction, limit: q.limit }),
    store.countReminders(db, { today: day.today, until, direction: q.direction }),
  ]);
  return { asOf: day.today, reminderDays: day.reminderDays, counts, items: rows.map((r) => presentRequest(r, day)) };
}
