import type { Actor } from '../../platform/auth/actor.ts';
import { requireVisible } from '../../platform/auth/scope.ts';
import { readDb } from '../../platform/db/replica.ts';
import type { Tx } from '../../platform/db/types.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { inTransaction } from '../../platform/tx.ts';
import { parseInput } from '../../platform/validation.ts';
import type { TracingContext } from '../context.ts';
import { photographListQuerySchema, type Photograph } from '../photograph-schemas.ts';
import { tracingPolicy } from '../policy.ts';
import { presentPhotograph } from '../presenters.ts';
import * as store from '../store.ts';
import * as photos from '../store-photographs.ts';

/** A recovery's photographs (metadata, withdrawn ones marked), or one item's with `itemId`. */
export async function listPhotographs(ctx: TracingContext, actor: Actor, caseId: string, query: unknown = {}, tx?: Tx): Promise<{ items: Photograph[] }> {
  tracingPolicy.require(actor, 'tracing.recoveries.read');
  const { itemId } = parseInput('tracing', photographListQuerySchema, query);
  return inTransaction(readDb(ctx.deps, actor), tx, async (t) => {
    if (!(await store.getCase(t, caseId))) throw new NotFoundError('Recovery', caseId);
    requireVisible(actor, null, 'Recovery', caseId);
    if (itemId) {
      const item = await store.getItem(t, itemId);
      if (!item || item.case_id !== caseId) throw new NotFoundError('Recovered item', itemId);
    }
    return { items: (await photos.listPhotographs(t, caseId, itemId)).map(presentPhotograph) };
  });
}
