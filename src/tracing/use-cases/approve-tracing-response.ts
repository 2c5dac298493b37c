import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import { ConflictError, NotFoundError } from '../../platform/http/errors.ts';
import { inTransaction } from '../../platform/tx.ts';
import type { Caveat } from '../../exchange/model.ts';
import { requestDayOf, type TracingContext } from '../context.ts';
import { tracingPolicy } from '../policy.ts';
import { carryIfReachable } from '../exchange-carriage.ts';
import { parseResponseBody, presentRequest, saveAudited, signDocument } from '../request-documents.ts';
import { statusForOutcome } from '../request-model.ts';
import type { TracingRequest } from '../schemas.ts';
import * as store from '../store.ts';

/**
 * The officer approves the drafted response: it is signed as the exchange's tracing_response answering
 * the request's envelope, carrying the request's caveats, and the request takes the outcome's status.
 * When the requesting State's node is enrolled here, the exchange delivers it.
 */
export async function approveTracingResponse(ctx: TracingContext, actor: Actor, id: string, tx?: Tx): Promise<TracingRequest> {
  tracingPolicy.require(actor, 'tracing.requests.approve');
  return inTransaction(ctx.deps.db, tx, async (t) => {
    const row = await store.getRequest(t, id, true);
    if (!row || row.direction !== 'incoming') throw new NotFoundError('Incoming tracing request', id);
    if (!row.response_body || row.response_document) {
      throw new ConflictError('There is no drafted response to approve.', [{ field: 'response', code: 'tracing_request.no_draft_response', message: 'Draft the response first.' }]);
    }
    const body = parseResponseBody(row.response_body);
    const { token } = await signDocument(ctx, { type: 'tracing_response', to: row.counterpart_state, body, caveats: row.caveats as Caveat[], inReplyTo: row.request_envelope_id });
    const now = ctx.deps.clock.now();
    const next: store.RequestRow = { ...row, status: statusForOutcome(body.outcome as 'traced'), response_document: token, responded_at: now, updated_at: now };
    const saved = await saveAudited(ctx, t, actor, next, 'tracing.response.approve');
    await carryIfReachable(ctx, t, actor, row.counterpart_state, token);
    return presentRequest(saved, requestDayOf(ctx));
  });
}
