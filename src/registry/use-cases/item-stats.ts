import type { Actor } from '../../platform/auth/actor.ts';
import { listScope } from '../../platform/auth/scope.ts';
import type { Tx } from '../../platform/db/types.ts';
import type { RegistryContext } from '../context.ts';
import { registryPolicy } from '../policy.ts';
import type { ItemStats } from '../schemas.ts';
import * as items from '../store-items.ts';

/**
 * Counts of items by status and kind for the dashboard. Industry sees the counts of its own items
 * only (the same scope as search).
 */
export async function itemStats(ctx: RegistryContext, actor: Actor, tx?: Tx): Promise<ItemStats> {
  registryPolicy.require(actor, 'registry.items.read');
  const scope = listScope(actor);
  if (!scope) return { total: 0, byStatus: {}, byKind: {}, rows: [] };
  const rows = await items.countItemsByStatus(tx ?? ctx.deps.db, scope.organisationId);
  const byStatus: Record<string, number> = {};
  const byKind: Record<string, number> = {};
  let total = 0;
  for (const r of rows) {
    byStatus[r.status] = (byStatus[r.status] ?? 0) + r.count;
    byKind[r.kind] = (byKind[r.kind] ?? 0) + r.count;
    total += r.count;
  }
  return { total, byStatus, byKind, rows };
}
