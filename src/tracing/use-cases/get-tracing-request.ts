import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import { readDb } from '../../platform/db/replica.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { requestDayOf, type TracingContext } from '../context.ts';
import { tracingPolicy } from '../policy.ts';
import { presentRequest } from '../request-documents.ts';
import type { TracingRequest } from '../schemas.ts';
import * as store from '../store.ts';

/** One tracing request with its caveats, deadline and response. */
export async function getTracingRequest(ctx: TracingContext, actor: Actor, id: string, tx?: Tx): Promise<TracingRequest> {
  tracingPolicy.require(actor, 'tracing.requests.read');
  const row = await store.getRequest(tx ?? readDb(ctx.deps, actor), id);
  if (!row) throw new NotFoundError('Tracing request', id);
  return presentRequest(row, requestDayOf(ctx));
}
