import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import { inTransaction } from '../../platform/tx.ts';
import { parseInput } from '../../platform/validation.ts';
import { refuse } from '../checks.ts';
import { appendMarking, visibleItem, type RegistryContext } from '../context.ts';
import { validateMarking } from '../model.ts';
import { registryPolicy } from '../policy.ts';
import { markingInputSchema, type ItemDetail } from '../schemas.ts';
import { itemDetailView } from '../views.ts';

/** Appends a marking (markings are never overwritten: Art. 8). */
export async function addMarking(ctx: RegistryContext, actor: Actor, itemId: string, input: unknown, tx?: Tx): Promise<ItemDetail> {
  const { db, clock } = ctx.deps;
  registryPolicy.require(actor, 'registry.items.write');
  const m = parseInput('registry', markingInputSchema, input);
  refuse(validateMarking(m, clock.now().getUTCFullYear()), 'The marking is invalid');
  return inTransaction(db, tx, async (t) => itemDetailView(ctx, t, await appendMarking(ctx, t, actor, await visibleItem(t, actor, itemId, true), m)));
}
