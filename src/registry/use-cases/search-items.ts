import { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.ts';
import { listScope } from '../../platform/auth/scope.ts';
import { readDb } from '../../platform/db/replica.ts';
import type { Tx } from '../../platform/db/types.ts';
import { ValidationError } from '../../platform/http/errors.ts';
import { decodeKeysetCursor, keysetCursorValue, splitPage, type CountedPage } from '../../platform/http/pagination.ts';
import { parseInput } from '../../platform/validation.ts';
import { requireSearchablePattern } from '../checks.ts';
import { searchFills, type RegistryContext } from '../context.ts';
import { normaliseSerialOrNull } from '../model.ts';
import { registryPolicy } from '../policy.ts';
import { presentItemSummary } from '../presenters.ts';
import { itemSearchQuerySchema, type ItemSummary } from '../schemas.ts';
import * as items from '../store-items.ts';

/** Built once: a zod schema built per request cost ~2% of the exact lookup's CPU. */
const sortValue = z.union([z.string().max(1000), z.number().int()]);

/**
 * Item search: exact serial (normalised, on the item and on every marking), partial serial for
 * obliterated marks (`?` one unknown character, `*` many; trigram index), and filters; sorted on the
 * server by the key asked for, keyset pages over (sort key, id) whose cursor names its order, and the
 * count of every match. One SQL statement per page: exact lookup is the hot path (target 5,000 req/s).
 */
export async function searchItems(ctx: RegistryContext, actor: Actor, query: unknown, tx?: Tx): Promise<CountedPage<ItemSummary>> {
  registryPolicy.require(actor, 'registry.items.read');
  const q = parseInput('registry', itemSearchQuerySchema, query);
  const filter: items.ItemFilter = {
    kind: q.kind,
    type: q.type,
    make: q.make,
    model: q.model,
    calibre: q.calibre,
    countryOfManufacture: q.countryOfManufacture,
    status: q.status,
    holderPartyId: q.holderPartyId,
  };
  const order = `${q.sort}:${q.order}`;
  const sort: items.ItemSort = { key: q.sort, desc: q.order === 'desc', after: decodeKeysetCursor(q.cursor, order, sortValue), limit: q.limit };
  if (q.serial !== undefined && q.serialPattern !== undefined) {
    throw new ValidationError([{ field: 'serialPattern', code: 'search.serial_and_pattern', message: 'Search by exact serial or by pattern, not both.' }]);
  }
  if (q.serial !== undefined) {
    const norm = normaliseSerialOrNull(q.serial);
    if (!norm) throw new ValidationError([{ field: 'serial', code: 'search.serial_empty', message: 'The serial has no characters once spaces, dashes and dots are removed.' }]);
    filter.serialExact = norm;
  }
  const pattern = q.serialPattern !== undefined ? requireSearchablePattern(q.serialPattern) : undefined;
  const scope = listScope(actor);
  if (!scope) return { items: [], nextCursor: null, total: 0 };
  filter.visibleTo = scope.organisationId;
  // A single read needs no transaction (BEGIN/COMMIT would double the round trips of the hot path).
  const db = tx ?? readDb(ctx.deps, actor);
  if (pattern) {
    filter.serialLike = pattern.like;
    [filter.serialFills] = await searchFills(ctx, db, [pattern]);
  }
  const { rows, total } = await items.searchItems(db, filter, sort);
  const page = splitPage(rows, q.limit, (r) => keysetCursorValue(order, r.sort_key, r.id));
  return { items: page.rows.map(presentItemSummary), nextCursor: page.nextCursor, total };
}
