import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import { RuleViolationError, ValidationError } from '../../platform/http/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { inTransaction } from '../../platform/tx.ts';
import { parseInput } from '../../platform/validation.ts';
import { CLOSED_CASE_STATUSES } from '../model.ts';
import { licensingPolicy } from '../policy.ts';
import { importAuthorizationInputSchema, type ImportAuthorizationInput } from '../schemas.ts';
import * as caseStore from '../store-cases.ts';
import { appendDecision, audit, loadApplication, loadEvidenceDocument, type LicensingContext } from '../context.ts';
import { caseView } from '../views.ts';

/**
 * Records the importing State's import licence/authorization (Art. 10(2)(a)) with its document. A newer
 * record supersedes nothing automatically: the gate uses every record in force.
 */
export async function recordImportAuthorization(ctx: LicensingContext, actor: Actor, applicationId: string, input: ImportAuthorizationInput, tx?: Tx) {
  const { deps } = ctx;
  licensingPolicy.require(actor, 'licensing.application.review');
  const a = parseInput('licensing', importAuthorizationInputSchema, input);
  if (a.issueDate > a.expiryDate) throw new ValidationError([{ field: 'expiryDate', message: 'is before the issue date', code: 'licensing.dates' }]);
  return inTransaction(deps.db, tx, async (t) => {
    const app = await loadApplication(t, actor, applicationId, true);
    if (CLOSED_CASE_STATUSES.includes(app.status)) throw new RuleViolationError(`The case is ${app.status}.`);
    const doc = await loadEvidenceDocument(t, app.id, a.documentId, 'documentId');
    const row = await caseStore.insertImportAuth(t, {
      id: uuidv7(),
      applicationId: app.id,
      reference: a.reference,
      issuingState: a.issuingState,
      issuingAuthority: a.issuingAuthority,
      issueDate: a.issueDate,
      expiryDate: a.expiryDate,
      documentId: doc.id,
      documentSha256: doc.sha256,
      goods: a.goods,
      source: a.source,
      recordedAt: deps.clock.now(),
      supersededAt: null,
      supersededReason: null,
    });
    const decision = await appendDecision(ctx, t, actor, app.id, 'import_authorization_recorded', null, { importAuthorizationId: row.id, reference: row.reference });
    await audit(ctx, t, actor, [
      { action: 'licensing.import_authorization.record', entity: 'licensing_import_authorization', entityId: row.id, state: caseStore.importAuthState(row) },
      decision,
    ]);
    return caseView(ctx, t, actor, app);
  });
}
