import type { Actor } from '../../platform/auth/actor.ts';
import { listScope } from '../../platform/auth/scope.ts';
import { readDb } from '../../platform/db/replica.ts';
import type { Tx } from '../../platform/db/types.ts';
import { ValidationError } from '../../platform/http/errors.ts';
import { parseInput } from '../../platform/validation.ts';
import { requireSearchablePattern } from '../checks.ts';
import { searchFills, type RegistryContext } from '../context.ts';
import { registryPolicy } from '../policy.ts';
import { presentItemSummary } from '../presenters.ts';
import { candidateQuerySchema, type CandidateList } from '../schemas.ts';
import * as items from '../store-items.ts';

/**
 * rankPartialSerial for many patterns at once (another module's bulk path: the obliterated marks of a
 * seizure list), by exactly its rules and scores, in one statement whatever their number. Refusals name
 * the query's index (`3.serialPattern`). Answers one candidate list per query, in the order given.
 */
export async function rankPartialSerials(ctx: RegistryContext, actor: Actor, queries: readonly unknown[], tx?: Tx): Promise<CandidateList[]> {
  registryPolicy.require(actor, 'registry.items.read');
  const parsed = queries.map((query, i) => parseInput('registry', candidateQuerySchema, query, { prefix: `${i}.` }));
  const patterns = parsed.map((q, i) => {
    try {
      return requireSearchablePattern(q.serialPattern);
    } catch (err) {
      if (err instanceof ValidationError) throw new ValidationError(err.errors.map((e) => ({ ...e, field: `${i}.${e.field}` })), err.detail);
      throw err;
    }
  });
  const scope = listScope(actor);
  if (!scope || parsed.length === 0) return parsed.map(() => ({ total: 0, items: [] }));
  const db = tx ?? readDb(ctx.deps, actor);
  const fills = await searchFills(ctx, db, patterns);
  const rows = await items.rankItemsBySerialPatterns(
    db,
    parsed.map((q, i) => ({ like: patterns[i].like, known: patterns[i].known, fills: fills[i], make: q.make, model: q.model, calibre: q.calibre, kind: q.kind })),
    { visibleTo: scope.organisationId, limit: Math.max(...parsed.map((q) => q.limit)) },
  );
  const lists: CandidateList[] = parsed.map(() => ({ total: 0, items: [] }));
  for (const r of rows) {
    const list = lists[r.n];
    if (list.items.length >= parsed[r.n].limit) continue;
    list.total = r.total;
    list.items.push({ ...presentItemSummary(r), score: Math.round(r.score * 1000) / 1000, rank: list.items.length + 1 });
  }
  return lists;
}
