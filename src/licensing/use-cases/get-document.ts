import { type Actor } from '../../platform/auth/actor.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { requireVisible } from '../../platform/auth/scope.ts';
import { licensingPolicy } from '../policy.ts';
import * as caseStore from '../store-cases.ts';
import { type LicensingContext } from '../context.ts';

/** A case document's bytes; another organisation's answers the same 404 as a missing one. */
export async function getDocument(ctx: LicensingContext, actor: Actor, documentId: string) {
  const { deps } = ctx;
  licensingPolicy.require(actor, 'licensing.application.read');
  const doc = /^[0-9a-f-]{36}$/i.test(documentId) ? await caseStore.getDocumentContent(deps.db, documentId) : undefined;
  if (!doc || !doc.application_id) throw new NotFoundError('Document', documentId);
  // The same 404 as for a missing document: not the application's, whose id would reveal it exists.
  const app = await caseStore.getApplication(deps.db, doc.application_id);
  requireVisible(actor, app?.organisation_id ?? null, 'Document', documentId);
  return { filename: doc.filename, mediaType: doc.media_type, sha256: doc.sha256, content: Buffer.from(doc.content) };
}
