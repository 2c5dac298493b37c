import type { Actor } from '../platform/auth/actor.ts';
import { requireVisible } from '../platform/auth/scope.ts';
import type { Queryable } from '../platform/db/types.ts';
import { NotFoundError } from '../platform/http/errors.ts';
import * as photos from './store-photographs.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A photograph as the actor may see it. A recovery belongs to no organisation, so the one scope rule
 * shows it to the national authority's roles only (an industry user, already refused by the policy, would
 * get the same 404 as for a missing one).
 */
export async function visiblePhotograph(q: Queryable, actor: Actor, id: string, forUpdate = false): Promise<photos.PlacedPhotographRow> {
  const row = UUID.test(id) ? await photos.getPhotograph(q, id, forUpdate) : undefined;
  if (!row) throw new NotFoundError('Photograph', id);
  requireVisible(actor, null, 'Photograph', id);
  return row;
}
