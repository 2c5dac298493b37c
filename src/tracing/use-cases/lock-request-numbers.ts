import type { Actor } from '../../platform/auth/actor.ts';
import { lockYearlyNumber } from '../../platform/db/numbering.ts';
import type { Tx } from '../../platform/db/types.ts';
import type { TracingContext } from '../context.ts';
import { tracingPolicy } from '../policy.ts';
import { requestReference } from '../request-model.ts';
import * as store from '../store.ts';

/** The series of tracing request references: drafted (outgoing) and received (incoming) requests share it. */
const SERIES = 'tracing.request_reference';

/**
 * The next request reference of `now`'s year (TRQ-2026-000043), taken under the series' lock, which the
 * caller's transaction holds to its end. Call it before the transaction's first audited write.
 */
export async function nextRequestReference(t: Tx, now: Date): Promise<string> {
  const year = now.getUTCFullYear();
  await lockYearlyNumber(t, SERIES, year);
  return requestReference(year, (await store.lastRequestNumber(t, year)) + 1);
}

/**
 * Takes the request series' lock ahead of time, for a transaction that will take a number only after it has
 * written to the audit log (a batch of incoming envelopes, whose earlier effects are audited before a
 * tracing_request's turn comes): every writer then takes the number's lock before the audit log's head,
 * and two locks always taken in one order cannot deadlock. Taking it again later is free (the lock is
 * re-entrant). Near midnight on 31 December next year's lock is taken too, in year order, since the clock
 * may have turned by the time the number is taken.
 */
export async function lockRequestNumbers(ctx: TracingContext, actor: Actor, t: Tx): Promise<void> {
  tracingPolicy.require(actor, 'tracing.requests.write');
  const now = ctx.deps.clock.now();
  const years = new Set([now.getUTCFullYear(), new Date(now.getTime() + 60_000).getUTCFullYear()]);
  for (const year of years) await lockYearlyNumber(t, SERIES, year);
}
