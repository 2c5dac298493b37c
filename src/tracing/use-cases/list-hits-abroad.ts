import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import { readDb } from '../../platform/db/replica.ts';
import { parseInput } from '../../platform/validation.ts';
import { hitAgencyFilter, type TracingContext } from '../context.ts';
import { hitsAbroadQuerySchema } from '../foreign-schemas.ts';
import { tracingPolicy } from '../policy.ts';
import * as foreign from '../store-foreign.ts';

/**
 * Hits other States notified on this State's lost/stolen reports, newest first; by alert status and by the
 * agency that took the report (`mine`: the user's own; a hit whose report named no agency is in neither).
 */
export async function listHitsAbroad(ctx: TracingContext, actor: Actor, query: unknown, tx?: Tx) {
  tracingPolicy.require(actor, 'tracing.hits.read');
  const q = parseInput('tracing', hitsAbroadQuerySchema, query ?? {});
  const rows = await foreign.listHitsAbroad(tx ?? readDb(ctx.deps, actor), { alertStatus: q.alertStatus, agencyPartyId: hitAgencyFilter(actor, q), limit: q.limit });
  return { items: rows.map(foreign.hitAbroadState) };
}
