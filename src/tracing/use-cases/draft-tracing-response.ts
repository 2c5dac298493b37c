import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import { ConflictError, NotFoundError } from '../../platform/http/errors.ts';
import { inTransaction } from '../../platform/tx.ts';
import { parseInput } from '../../platform/validation.ts';
import { requestDayOf, type TracingContext } from '../context.ts';
import { tracingPolicy } from '../policy.ts';
import { draftResponseFromRegistry, parseResponseBody, presentRequest, saveAudited } from '../request-documents.ts';
import { responseEditSchema, type TracingRequest } from '../schemas.ts';
import * as store from '../store.ts';

/**
 * The answer to an incoming request: drafted from the registry's chain (no body), or the officer's
 * edited version (`{ response }`, the exchange's tracing_response body). Nothing is sent until approved.
 */
export async function draftTracingResponse(ctx: TracingContext, actor: Actor, id: string, input?: unknown, tx?: Tx): Promise<TracingRequest> {
  tracingPolicy.require(actor, 'tracing.requests.write');
  const edit = input === undefined || input === null ? null : parseInput('tracing', responseEditSchema, input);
  const edited = edit ? parseResponseBody(edit.response) : null;
  return inTransaction(ctx.deps.db, tx, async (t) => {
    const row = await store.getRequest(t, id, true);
    if (!row || row.direction !== 'incoming') throw new NotFoundError('Incoming tracing request', id);
    if (row.response_document || row.status === 'closed') {
      throw new ConflictError('The response is already sent.', [{ field: 'status', code: 'tracing_request.answered', message: `The request is ${row.status}.` }]);
    }
    const response = edited ?? (await draftResponseFromRegistry(ctx, actor, t, row));
    const now = ctx.deps.clock.now();
    const next: store.RequestRow = { ...row, response_body: response, status: row.status === 'received' || row.status === 'acknowledged' ? 'in_progress' : row.status, updated_at: now };
    return presentRequest(await saveAudited(ctx, t, actor, next, edited ? 'tracing.response.edit' : 'tracing.response.draft'), requestDayOf(ctx));
  });
}
