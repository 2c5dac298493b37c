import type { Actor } from '../../platform/auth/actor.ts';
import { parseInput } from '../../platform/validation.ts';
import { ensureSeeded, type ReportingContext } from '../context.ts';
import type { CategoryMapping } from '../model.ts';
import { reportingPolicy } from '../policy.ts';
import { mappingKeySchema } from '../schemas.ts';
import * as store from '../store.ts';

/** Every version of one mapping key, oldest first (nothing is deleted). */
export async function mappingHistory(ctx: ReportingContext, actor: Actor, key: unknown): Promise<CategoryMapping[]> {
  reportingPolicy.require(actor, 'reporting.mapping.read');
  const k = parseInput('reporting', mappingKeySchema, key);
  return ctx.deps.db.transaction(async (tx) => {
    await ensureSeeded(ctx, tx);
    return (await store.listMappingHistory(tx, k)).map(store.mappingFromRow);
  });
}
