import type { Actor } from '../../platform/auth/actor.ts';
import { listScope } from '../../platform/auth/scope.ts';
import { readDb } from '../../platform/db/replica.ts';
import type { Tx } from '../../platform/db/types.ts';
import { parseInput } from '../../platform/validation.ts';
import { requireSearchablePattern } from '../checks.ts';
import { searchFills, type RegistryContext } from '../context.ts';
import { registryPolicy } from '../policy.ts';
import { presentItemSummary } from '../presenters.ts';
import { candidateQuerySchema, type CandidateList } from '../schemas.ts';
import * as items from '../store-items.ts';

/**
 * Candidates for an obliterated or altered serial, best first, with the count of every match: the
 * pattern finds them (`?` one unreadable character, `*` many), and each is scored by how well the
 * readable characters, make, model and calibre agree (model.PARTIAL_RANK_WEIGHTS). One statement.
 */
export async function rankPartialSerial(ctx: RegistryContext, actor: Actor, query: unknown, tx?: Tx): Promise<CandidateList> {
  registryPolicy.require(actor, 'registry.items.read');
  const q = parseInput('registry', candidateQuerySchema, query);
  const pattern = requireSearchablePattern(q.serialPattern);
  const scope = listScope(actor);
  if (!scope) return { total: 0, items: [] };
  const db = tx ?? readDb(ctx.deps, actor);
  const rows = await items.rankItemsBySerialPattern(db, {
    like: pattern.like,
    known: pattern.known,
    fills: (await searchFills(ctx, db, [pattern]))[0],
    make: q.make,
    model: q.model,
    calibre: q.calibre,
    kind: q.kind,
    visibleTo: scope.organisationId,
    limit: q.limit,
  });
  return {
    total: rows[0]?.total ?? 0,
    items: rows.map((r, i) => ({ ...presentItemSummary(r), score: Math.round(r.score * 1000) / 1000, rank: i + 1 })),
  };
}
