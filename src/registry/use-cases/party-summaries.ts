import type { Actor } from '../../platform/auth/actor.ts';
import { mayTouch } from '../../platform/auth/scope.ts';
import { readDb } from '../../platform/db/replica.ts';
import type { Tx } from '../../platform/db/types.ts';
import { inTransaction } from '../../platform/tx.ts';
import type { RegistryContext } from '../context.ts';
import { registryPolicy } from '../policy.ts';
import { presentPartySummary } from '../presenters.ts';
import type { PartySummary } from '../schemas.ts';
import * as parties from '../store-parties.ts';

/**
 * Summaries of the named parties (public fields: a person's name stays on the party page, where
 * reading it is audited), for other modules that show who is involved. Unknown ids are left out.
 */
export async function partySummaries(ctx: RegistryContext, actor: Actor, ids: readonly string[], tx?: Tx): Promise<PartySummary[]> {
  registryPolicy.require(actor, 'registry.parties.read');
  if (ids.length === 0) return [];
  const rows = await inTransaction(readDb(ctx.deps, actor), tx, (t) => parties.getParties(t, [...new Set(ids)]));
  return rows.filter((r) => mayTouch(actor, r.id)).map(presentPartySummary);
}
