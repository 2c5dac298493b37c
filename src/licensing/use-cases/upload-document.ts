import { createHash } from 'node:crypto';
import { type Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import { RuleViolationError, ValidationError } from '../../platform/http/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { inTransaction } from '../../platform/tx.ts';
import { parseInput } from '../../platform/validation.ts';
import { licensingPolicy } from '../policy.ts';
import { documentInputSchema, type DocumentInput } from '../schemas.ts';
import * as caseStore from '../store-cases.ts';
import { audit, loadApplication, type LicensingContext } from '../context.ts';

/** Stores a document's bytes in the database with its SHA-256; the hash is what licences and the gate cite. */
export async function uploadDocument(ctx: LicensingContext, actor: Actor, applicationId: string, input: DocumentInput, tx?: Tx) {
  const { deps } = ctx;
  licensingPolicy.require(actor, 'licensing.application.respond');
  const doc = parseInput('licensing', documentInputSchema, input);
  const content = Buffer.from(doc.contentBase64, 'base64');
  if (content.length === 0 || content.toString('base64').replace(/=+$/, '') !== doc.contentBase64.replace(/\s/g, '').replace(/=+$/, '')) {
    throw new ValidationError([{ field: 'contentBase64', message: 'is not valid base64', code: 'licensing.base64' }]);
  }
  return inTransaction(deps.db, tx, async (t) => {
    const app = await loadApplication(t, actor, applicationId);
    if (['issued', 'refused', 'withdrawn'].includes(app.status)) {
      throw new RuleViolationError(`The case is ${app.status}; documents can no longer be added.`);
    }
    const sha256 = createHash('sha256').update(content).digest('hex');
    const row = await caseStore.insertDocument(t, {
      id: uuidv7(),
      applicationId: app.id,
      kind: doc.kind,
      filename: doc.filename,
      mediaType: doc.mediaType,
      content,
      sha256,
      uploadedAt: deps.clock.now(),
      uploadedBy: actor.name,
    });
    await audit(ctx, t, actor, [{ action: 'licensing.document.upload', entity: 'licensing_document', entityId: row.id, state: caseStore.documentState(row) }]);
    return caseStore.documentState(row);
  });
}
