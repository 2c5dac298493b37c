import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import { NotFoundError, ValidationError } from '../../platform/http/errors.ts';
import { inTransaction } from '../../platform/tx.ts';
import { parseInput } from '../../platform/validation.ts';
import { requestDayOf, type TracingContext } from '../context.ts';
import { tracingPolicy } from '../policy.ts';
import { presentRequest, saveAudited } from '../request-documents.ts';
import { transitionErrors } from '../request-model.ts';
import { requestUpdateSchema, type TracingRequest } from '../schemas.ts';
import * as store from '../store.ts';

/**
 * Records a status the officer learnt by other means (acknowledged by telephone, in progress, delayed or
 * refused with the reason given, closed). Signed answers are imported as documents instead; a signed
 * response is approved, not set here.
 */
export async function updateTracingRequest(ctx: TracingContext, actor: Actor, id: string, input: unknown, tx?: Tx): Promise<TracingRequest> {
  tracingPolicy.require(actor, 'tracing.requests.write');
  const body = parseInput('tracing', requestUpdateSchema, input);
  return inTransaction(ctx.deps.db, tx, async (t) => {
    const row = await store.getRequest(t, id, true);
    if (!row) throw new NotFoundError('Tracing request', id);
    const errors = transitionErrors(row.status, body.status, body.reason);
    if (row.status === 'draft' || body.status === 'sent') {
      errors.push({ field: 'status', code: 'tracing_request.send_by_signing', message: 'A draft is sent by signing it (POST …/send).' });
    }
    if (row.direction === 'incoming' && (body.status === 'responded' || body.status === 'partial')) {
      errors.push({ field: 'status', code: 'tracing_request.respond_by_approving', message: 'An incoming request is answered by approving its response.' });
    }
    if (errors.length) throw new ValidationError(errors);
    const now = ctx.deps.clock.now();
    const next: store.RequestRow = {
      ...row,
      status: body.status,
      status_reason: body.reason ?? null,
      counterpart_reference: body.counterpartReference ?? row.counterpart_reference,
      acknowledged_at: body.status === 'acknowledged' ? now : row.acknowledged_at,
      responded_at: body.status === 'responded' || body.status === 'partial' ? now : row.responded_at,
      closed_at: body.status === 'closed' ? now : row.closed_at,
      updated_at: now,
    };
    return presentRequest(await saveAudited(ctx, t, actor, next, `tracing.request.${body.status}`, body.reason), requestDayOf(ctx));
  });
}
