import type { Tx } from '../platform/db/types.ts';
import type { RegistryContext } from './context.ts';
import { retentionUntil } from './model.ts';
import { presentItemDetail } from './presenters.ts';
import type { ItemDetail } from './schemas.ts';
import * as events from './store-events.ts';
import * as items from './store-items.ts';
import * as parties from './store-parties.ts';

/** The item page: reads its markings, chain of custody and every party they name, then presents them. */
export async function itemDetailView(ctx: RegistryContext, tx: Tx, row: items.ItemRow): Promise<ItemDetail> {
  const [markings, chain] = await Promise.all([events.listMarkings(tx, row.id), events.listEvents(tx, row.id)]);
  // The row's custody cache is written only from deriveState (tests compare them), so the page does
  // not replay the chain on every read.
  const state = items.cachedState(row);
  const ids = new Set<string>();
  for (const id of [row.manufacturer_party_id, row.holder_party_id, row.keeper_party_id]) if (id) ids.add(id);
  for (const e of chain) for (const id of [e.from_party_id, e.to_party_id]) if (id) ids.add(id);
  const named = await parties.getParties(tx, [...ids]);
  return presentItemDetail(row, markings, chain, named, retentionUntil(row.created_at, state, ctx.deps.config.retention));
}
