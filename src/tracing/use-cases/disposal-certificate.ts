import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import { readDb } from '../../platform/db/replica.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { authorityName, type TracingContext } from '../context.ts';
import { renderDisposalPdf } from '../disposal-pdf.ts';
import { presentDisposal } from '../disposal-view.ts';
import { tracingPolicy } from '../policy.ts';
import type { Disposal } from '../schemas.ts';
import * as store from '../store.ts';

/** A disposal record, and its certificate as a PDF (`pdf: true`). */
export async function disposalCertificate(ctx: TracingContext, actor: Actor, id: string, tx?: Tx): Promise<{ disposal: Disposal; pdf: () => Promise<Buffer> }> {
  tracingPolicy.require(actor, 'tracing.disposals.read');
  const [row] = await store.getDisposals(tx ?? readDb(ctx.deps, actor), [id]);
  if (!row) throw new NotFoundError('Disposal', id);
  const disposal = presentDisposal(ctx, row);
  return { disposal, pdf: () => renderDisposalPdf(disposal, { authority: authorityName(ctx), stateLanguage: ctx.deps.config.stateLanguage }) };
}
