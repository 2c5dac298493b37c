import { ANONYMOUS_ACTOR, type Actor } from '../../platform/auth/actor.ts';
import { readDb } from '../../platform/db/replica.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import type { TracingContext } from '../context.ts';
import { contentHash } from '../disposal-model.ts';
import { certificateContent } from '../disposal-view.ts';
import type { PublicDisposal } from '../schemas.ts';
import * as store from '../store.ts';

/**
 * Anyone with a certificate number: is it real, and what does it certify (kind, date, method, the item's
 * description). The stored certificate is re-hashed against the hash it was signed with. No internal id,
 * place, witness or person is shown; unknown numbers answer 404. Rate-limited at the route.
 */
export async function verifyDisposal(ctx: TracingContext, number: string, actor: Actor = ANONYMOUS_ACTOR): Promise<PublicDisposal> {
  const row = await store.getDisposalByNumber(readDb(ctx.deps, actor), number);
  if (!row) throw new NotFoundError('Certificate', number);
  const content = certificateContent(row, ctx.deps.config.state);
  return {
    number: row.certificate_number,
    status: contentHash(content) === row.content_hash ? 'valid' : 'altered',
    kind: row.kind,
    issuingState: content.issuingState,
    disposedOn: row.disposed_on,
    method: row.method,
    item: row.item_snapshot,
    checkedAt: ctx.deps.clock.now().toISOString(),
  };
}
