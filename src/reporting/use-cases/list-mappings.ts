import type { Actor } from '../../platform/auth/actor.ts';
import { currentMappings, type ReportingContext } from '../context.ts';
import type { CategoryMapping } from '../model.ts';
import { reportingPolicy } from '../policy.ts';

/** The current category mappings (the reference crosswalk's until an officer sets one). */
export async function listMappings(ctx: ReportingContext, actor: Actor): Promise<CategoryMapping[]> {
  reportingPolicy.require(actor, 'reporting.mapping.read');
  return ctx.deps.db.transaction((tx) => currentMappings(ctx, tx));
}
