import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import { readDb } from '../../platform/db/replica.ts';
import { inTransaction } from '../../platform/tx.ts';
import type { TracingContext } from '../context.ts';
import { tracingPolicy } from '../policy.ts';
import type { Trace } from '../schemas.ts';
import { loadTrace } from '../trace-view.ts';

/** A recorded domestic trace with the registry events it cites. */
export async function getTrace(ctx: TracingContext, actor: Actor, id: string, tx?: Tx): Promise<Trace> {
  tracingPolicy.require(actor, 'tracing.recoveries.read');
  return inTransaction(readDb(ctx.deps, actor), tx, async (t) => (await loadTrace(ctx, actor, t, id)).trace);
}
