import type { Actor } from '../../platform/auth/actor.ts';
import { requireVisible } from '../../platform/auth/scope.ts';
import type { Tx } from '../../platform/db/types.ts';
import { NotFoundError, ValidationError } from '../../platform/http/errors.ts';
import { inTransaction } from '../../platform/tx.ts';
import { parseInput } from '../../platform/validation.ts';
import { refuse } from '../checks.ts';
import { appendEvents, eventTimeErrors, itemOwners, requireEventKind, toEvent, type RegistryContext } from '../context.ts';
import { validateEventFields } from '../model.ts';
import { registryPolicy } from '../policy.ts';
import { presentItemSummary } from '../presenters.ts';
import { eventInputSchema, type ItemSummary } from '../schemas.ts';
import * as items from '../store-items.ts';

/**
 * recordEvent for many items at once (another module's bulk path: the seizures of a seizure list), by
 * exactly its rules, all or none: every event is checked against its item's chain before anything is
 * written; refusals name the entry's index (`3.occurredAt`). One event per item. The items are locked
 * in id order, so two batches over overlapping items cannot deadlock. Answers the items' summaries after
 * the events, in the order given.
 */
export async function recordEvents(ctx: RegistryContext, actor: Actor, entries: readonly { itemId: string; event: unknown }[], tx?: Tx): Promise<ItemSummary[]> {
  registryPolicy.require(actor, 'registry.events.write');
  const parsed = entries.map((e, i) => {
    const event = toEvent(parseInput('registry', eventInputSchema, e.event, { prefix: `${i}.` }));
    requireEventKind(actor, event.kind);
    return event;
  });
  refuse(parsed.flatMap((e, i) => [...validateEventFields(e, `${i}.`), ...eventTimeErrors(ctx, e, `${i}.`)]), 'The custody events are invalid');
  const ids = entries.map((e) => e.itemId);
  const seen = new Set<string>();
  const repeated = ids.findIndex((id) => seen.size === seen.add(id).size);
  if (repeated >= 0) throw new ValidationError([{ field: `${repeated}.itemId`, code: 'event.item_repeated', message: 'One event per item in a batch.' }]);
  if (entries.length === 0) return [];
  return inTransaction(ctx.deps.db, tx, async (t) => {
    const rows = new Map((await items.getItemsForUpdate(t, ids)).map((r) => [r.id, r]));
    const pending = entries.map((e, i) => {
      const item = rows.get(e.itemId);
      if (!item) throw new NotFoundError('Item', e.itemId);
      requireVisible(actor, itemOwners(item), 'Item', e.itemId);
      return { item, event: parsed[i], fieldPrefix: `${i}.` };
    });
    return (await appendEvents(ctx, t, actor, pending)).map(presentItemSummary);
  });
}
