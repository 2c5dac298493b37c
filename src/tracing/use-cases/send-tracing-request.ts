import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import { ConflictError, NotFoundError } from '../../platform/http/errors.ts';
import { inTransaction } from '../../platform/tx.ts';
import type { Caveat } from '../../exchange/model.ts';
import { requestDayOf, todayOf, type TracingContext } from '../context.ts';
import { tracingPolicy } from '../policy.ts';
import { carryIfReachable } from '../exchange-carriage.ts';
import { presentRequest, refreshPhotoDigests, saveAudited, signDocument } from '../request-documents.ts';
import { dueDate, responseDaysFor } from '../request-model.ts';
import type { TracingRequest } from '../schemas.ts';
import * as store from '../store.ts';

/**
 * Sends a drafted request: the response deadline is set (the date set on the draft, else the configured days
 * for its priority) and the
 * request is signed with the node's key as an exchange envelope, the document the other State imports;
 * when that State's node is enrolled here, the exchange delivers the same envelope.
 */
export async function sendTracingRequest(ctx: TracingContext, actor: Actor, id: string, tx?: Tx): Promise<TracingRequest> {
  tracingPolicy.require(actor, 'tracing.requests.write');
  return inTransaction(ctx.deps.db, tx, async (t) => {
    const row = await store.getRequest(t, id, true);
    if (!row || row.direction !== 'outgoing') throw new NotFoundError('Tracing request', id);
    if (row.status !== 'draft') {
      throw new ConflictError('Only a draft is sent.', [{ field: 'status', code: 'tracing_request.not_draft', message: `The request is ${row.status}.` }]);
    }
    const now = ctx.deps.clock.now();
    // A date the officer set on the draft (agreed with the other State) stands; else the default for its priority.
    const today = todayOf(ctx);
    const due = row.response_due_on !== null && row.response_due_on >= today ? row.response_due_on : dueDate(now, responseDaysFor(row.priority, ctx.deps.config.tracing));
    // The photographs as they are when it is signed: added or withdrawn since the draft.
    const body = await refreshPhotoDigests(t, { ...row.request_body, responseRequestedBy: due }, row.recovered_item_id);
    const { token, envelopeId } = await signDocument(ctx, { type: 'tracing_request', to: row.counterpart_state, body, caveats: row.caveats as Caveat[] });
    const sent: store.RequestRow = { ...row, request_body: body, status: 'sent', response_due_on: due, request_document: token, request_envelope_id: envelopeId, sent_at: now, updated_at: now };
    const saved = await saveAudited(ctx, t, actor, sent, 'tracing.request.send');
    await carryIfReachable(ctx, t, actor, row.counterpart_state, token);
    return presentRequest(saved, requestDayOf(ctx));
  });
}
