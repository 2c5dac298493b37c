import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import { inTransaction } from '../../platform/tx.ts';
import { parseInput } from '../../platform/validation.ts';
import { refuse } from '../checks.ts';
import { appendEvent, eventTimeErrors, requireEventKind, toEvent, visibleItem, type RegistryContext } from '../context.ts';
import { validateEventFields } from '../model.ts';
import { registryPolicy } from '../policy.ts';
import { eventInputSchema, type ItemDetail } from '../schemas.ts';
import { itemDetailView } from '../views.ts';

/**
 * Appends a custody event. The item's status and holder are re-derived from the whole chain plus
 * the new event (the row's cache is only written from that derivation).
 */
export async function recordEvent(ctx: RegistryContext, actor: Actor, itemId: string, input: unknown, tx?: Tx): Promise<ItemDetail> {
  registryPolicy.require(actor, 'registry.events.write');
  const event = toEvent(parseInput('registry', eventInputSchema, input));
  requireEventKind(actor, event.kind);
  refuse([...validateEventFields(event), ...eventTimeErrors(ctx, event, '')], 'The custody event is invalid');
  // FOR UPDATE serialises events on one item: two clerks cannot both sell the same gun.
  return inTransaction(ctx.deps.db, tx, async (t) => itemDetailView(ctx, t, await appendEvent(ctx, t, actor, await visibleItem(t, actor, itemId, true), event)));
}
