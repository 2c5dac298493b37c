import type { Actor } from '../platform/auth/actor.ts';
import type { Tx } from '../platform/db/types.ts';
import type { TracingContext } from './context.ts';

/**
 * A signed tracing document goes to the other State's node through the exchange's outbox when that State's
 * node is enrolled and active here: the same bytes as the file (`GET …/document`), which stays available for
 * States without a node. Returns the outbox entry's id (the envelope's), or null when the file is the way.
 */
export async function carryIfReachable(ctx: TracingContext, t: Tx, actor: Actor, to: string, token: string): Promise<string | null> {
  if (!ctx.exchange || !(await ctx.exchange.reaches(to, t))) return null;
  return (await ctx.exchange.carry(actor, token, t)).id;
}
