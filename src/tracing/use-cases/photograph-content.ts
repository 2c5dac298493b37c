import type { Actor } from '../../platform/auth/actor.ts';
import { readDb } from '../../platform/db/replica.ts';
import type { Tx } from '../../platform/db/types.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { inTransaction } from '../../platform/tx.ts';
import type { TracingContext } from '../context.ts';
import { photoFileName } from '../photograph-model.ts';
import type { Photograph } from '../photograph-schemas.ts';
import { visiblePhotograph } from '../photographs.ts';
import { tracingPolicy } from '../policy.ts';
import { presentPhotograph } from '../presenters.ts';
import * as photos from '../store-photographs.ts';

/** A photograph's bytes, to the roles that read the recovery (a withdrawn one too: it is kept as evidence). */
export async function photographContent(ctx: TracingContext, actor: Actor, id: string, tx?: Tx): Promise<{ photograph: Photograph; content: Buffer; fileName: string }> {
  tracingPolicy.require(actor, 'tracing.recoveries.read');
  return inTransaction(readDb(ctx.deps, actor), tx, async (t) => {
    const row = await visiblePhotograph(t, actor, id);
    const content = await photos.getPhotographContent(t, row.id);
    if (!content) throw new NotFoundError('Photograph', id);
    const photograph = presentPhotograph(row);
    return { photograph, content: Buffer.from(content), fileName: photoFileName(photograph.itemReference, row.sha256, row.media_type) };
  });
}
