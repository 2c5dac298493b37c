import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import { readDb } from '../../platform/db/replica.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { authorityName, type TracingContext } from '../context.ts';
import { tracingPolicy } from '../policy.ts';
import { renderRequestPdf } from '../request-pdf.ts';
import * as store from '../store.ts';

/** The signed request or response rendered as a PDF to read and file beside the JSON document (which stays authoritative). */
export async function tracingDocumentPdf(ctx: TracingContext, actor: Actor, id: string, part: 'request' | 'response', tx?: Tx): Promise<{ filename: string; pdf: Buffer }> {
  tracingPolicy.require(actor, 'tracing.requests.read');
  const row = await store.getRequest(tx ?? readDb(ctx.deps, actor), id);
  const token = part === 'request' ? row?.request_document : row?.response_document;
  if (!row || !token) throw new NotFoundError(`Signed ${part} of tracing request`, id);
  const pdf = await renderRequestPdf({ part, token, reference: row.reference, authority: authorityName(ctx), stateLanguage: ctx.deps.config.stateLanguage });
  return { filename: `${row.reference}-${part}.pdf`, pdf };
}
