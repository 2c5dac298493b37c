import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import { inTransaction } from '../../platform/tx.ts';
import { refuse } from '../checks.ts';
import type { RegistryContext } from '../context.ts';
import { registryPolicy } from '../policy.ts';
import { presentItemSummary } from '../presenters.ts';
import type { ItemSummary } from '../schemas.ts';
import { prepareRegistration, writeRegistrations } from './register-item.ts';

/** One item of a batch registration: the same body as registerItem, and why (kept on its audit entries). */
export interface RegistrationEntry {
  input: unknown;
  reason?: string | null;
}

/**
 * Registers many items at once (another module's bulk path: a seizure list registers every recovered
 * firearm nothing matched), by exactly registerItem's rules, all or none: refusals name the entry's index
 * (`3.item.make`). Set-based writes; answers the new items' summaries in the order given.
 */
export async function registerItems(ctx: RegistryContext, actor: Actor, entries: readonly RegistrationEntry[], tx?: Tx): Promise<ItemSummary[]> {
  registryPolicy.require(actor, 'registry.items.write');
  const now = ctx.deps.clock.now();
  const prepared = entries.map((e, i) => prepareRegistration(ctx, actor, e.input, now, `${i}.`, e.reason ?? null));
  refuse(prepared.flatMap((p) => p.errors), 'The items cannot be registered');
  if (prepared.length === 0) return [];
  return inTransaction(ctx.deps.db, tx, async (t) => {
    await writeRegistrations(ctx, t, actor, prepared);
    return prepared.map((p) => presentItemSummary(p.row));
  });
}
