import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import { ValidationError } from '../../platform/http/errors.ts';
import { inTransaction } from '../../platform/tx.ts';
import { parseInput } from '../../platform/validation.ts';
import { loadCaseDetail } from '../case-view.ts';
import type { TracingContext } from '../context.ts';
import { itemAwaitingDecision } from '../decided-item.ts';
import { matchTargetOf, matchToRegistryItems } from '../matching.ts';
import { tracingPolicy } from '../policy.ts';
import { confirmCandidateSchema, type RecoveryDetail } from '../schemas.ts';
import * as store from '../store.ts';

/**
 * An officer identifies an item with an obliterated or altered mark as one of its ranked candidates
 * (ISACS 05.31 identification): it becomes a hit if that item was reported lost or stolen, a link to
 * its chain of custody otherwise, exactly as an exact serial match would.
 */
export async function confirmCandidate(ctx: TracingContext, actor: Actor, caseId: string, itemId: string, input: unknown, tx?: Tx): Promise<RecoveryDetail> {
  tracingPolicy.require(actor, 'tracing.candidates.decide');
  const { registryItemId } = parseInput('tracing', confirmCandidateSchema, input);
  return inTransaction(ctx.deps.db, tx, async (t) => {
    const { c, item } = await itemAwaitingDecision(t, caseId, itemId);
    const listed = await store.listCandidates(t, [item.id]);
    if (!listed.some((r) => r.registry_item_id === registryItemId)) {
      throw new ValidationError([{ field: 'registryItemId', code: 'candidate.not_listed', message: 'That registry item is not among this item\'s candidates.' }]);
    }
    const registryItem = await ctx.registry.getItem(actor, registryItemId, t);
    await matchToRegistryItems(ctx, t, actor, [{ c, item, markings: await store.listMarkings(t, [item.id]), target: matchTargetOf(registryItem), foundBy: 'confirmed_candidate' }]);
    return loadCaseDetail(ctx, actor, t, caseId);
  });
}
