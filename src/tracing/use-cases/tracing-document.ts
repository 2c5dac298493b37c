import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import { readDb } from '../../platform/db/replica.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import type { TracingContext } from '../context.ts';
import { tracingPolicy } from '../policy.ts';
import type { SignedDocument } from '../schemas.ts';
import * as store from '../store.ts';

/** The signed request or response as a document to hand to the other State (JSON: the JWS and, for reading, its envelope). */
export async function tracingDocument(ctx: TracingContext, actor: Actor, id: string, part: 'request' | 'response', tx?: Tx): Promise<SignedDocument> {
  tracingPolicy.require(actor, 'tracing.requests.read');
  const row = await store.getRequest(tx ?? readDb(ctx.deps, actor), id);
  const token = part === 'request' ? row?.request_document : row?.response_document;
  if (!row || !token) throw new NotFoundError(`Signed ${part} of tracing request`, id);
  const envelope = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>;
  return { format: 'custodia-envelope+jws', document: token, envelope };
}
