import type { Actor } from '../../platform/auth/actor.ts';
import type { ScreeningContext } from '../context.ts';
import { screeningPolicy } from '../policy.ts';
import * as store from '../store.ts';

/** Runs recorded, by purpose (metrics). */
export async function runCounts(ctx: ScreeningContext, actor: Actor): Promise<Record<string, number>> {
  screeningPolicy.require(actor, 'screening.results.read');
  return store.countRunsByPurpose(ctx.deps.db);
}
