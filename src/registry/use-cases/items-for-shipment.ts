import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import type { ItemCustodyFacts, RegistryContext } from '../context.ts';
import { registryPolicy } from '../policy.ts';
import * as items from '../store-items.ts';

/**
 * What the licensing shipment rule needs to know of the items a shipment names, read once and locked
 * (FOR UPDATE) in the caller's transaction, so nothing moves them before their custody events are
 * written. Not limited to the actor's organisation: the shipment rule decides which items the actor
 * may move, and none of this is returned to its client.
 */
export async function itemsForShipment(_ctx: RegistryContext, actor: Actor, ids: readonly string[], tx: Tx): Promise<ItemCustodyFacts[]> {
  registryPolicy.require(actor, 'registry.events.shipment');
  const rows = await items.getItemsForUpdate(tx, [...new Set(ids)]);
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    type: r.firearm_type ?? r.part_type ?? r.ammunition_component,
    calibre: r.calibre,
    status: r.status,
    holderPartyId: r.holder_party_id,
    keeperPartyId: r.keeper_party_id,
  }));
}
