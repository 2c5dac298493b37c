import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import { NotFoundError, ValidationError } from '../../platform/http/errors.ts';
import { inTransaction } from '../../platform/tx.ts';
import { parseInput } from '../../platform/validation.ts';
import { requestDayOf, todayOf, type TracingContext } from '../context.ts';
import { tracingPolicy } from '../policy.ts';
import { presentRequest, saveAudited } from '../request-documents.ts';
import { deadlineErrors } from '../request-model.ts';
import { deadlineInputSchema, type TracingRequest } from '../schemas.ts';
import * as store from '../store.ts';

/**
 * Sets or moves a request's response deadline (an extension agreed with the other State, an urgent case), with
 * the reason, audited. On a draft it is the date the request will ask for; on a sent request it is the date
 * this State's officers follow up on (the signed document keeps the date it asked for); on an incoming request,
 * the date this State answers by.
 */
export async function setTracingDeadline(ctx: TracingContext, actor: Actor, id: string, input: unknown, tx?: Tx): Promise<TracingRequest> {
  tracingPolicy.require(actor, 'tracing.requests.write');
  const body = parseInput('tracing', deadlineInputSchema, input);
  return inTransaction(ctx.deps.db, tx, async (t) => {
    const row = await store.getRequest(t, id, true);
    if (!row) throw new NotFoundError('Tracing request', id);
    const errors = deadlineErrors(row.status, body.responseDueOn, todayOf(ctx));
    if (errors.length) throw new ValidationError(errors);
    if (row.response_due_on === body.responseDueOn) return presentRequest(row, requestDayOf(ctx));
    const next: store.RequestRow = { ...row, response_due_on: body.responseDueOn, updated_at: ctx.deps.clock.now() };
    return presentRequest(await saveAudited(ctx, t, actor, next, 'tracing.request.deadline', body.reason), requestDayOf(ctx));
  });
}
