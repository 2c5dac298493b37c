import type { Actor } from '../../platform/auth/actor.ts';
import { readDb } from '../../platform/db/replica.ts';
import type { Tx } from '../../platform/db/types.ts';
import { inTransaction } from '../../platform/tx.ts';
import { visibleItem, type RegistryContext } from '../context.ts';
import { registryPolicy } from '../policy.ts';
import type { ItemDetail } from '../schemas.ts';
import { itemDetailView } from '../views.ts';

/** The item page: markings, full chain of custody, derived status and holder, retention date. */
export async function getItem(ctx: RegistryContext, actor: Actor, id: string, tx?: Tx): Promise<ItemDetail> {
  registryPolicy.require(actor, 'registry.items.read');
  // An item page may come from a replica (never stale for the user who just wrote it).
  return inTransaction(readDb(ctx.deps, actor), tx, async (t) => itemDetailView(ctx, t, await visibleItem(t, actor, id)));
}
