import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import { RuleViolationError, ValidationError } from '../../platform/http/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { inTransaction } from '../../platform/tx.ts';
import { parseInput } from '../../platform/validation.ts';
import { CLOSED_CASE_STATUSES } from '../model.ts';
import { licensingPolicy } from '../policy.ts';
import { transitNoObjectionInputSchema, type TransitNoObjectionInput } from '../schemas.ts';
import * as caseStore from '../store-cases.ts';
import { appendDecision, audit, loadApplication, loadEvidenceDocument, type LicensingContext } from '../context.ts';
import { caseView } from '../views.ts';

/** Records a transit State's written no-objection (Art. 10(2)(b)) with its document. */
export async function recordTransitNoObjection(ctx: LicensingContext, actor: Actor, applicationId: string, input: TransitNoObjectionInput, tx?: Tx) {
  const { deps } = ctx;
  licensingPolicy.require(actor, 'licensing.application.review');
  const n = parseInput('licensing', transitNoObjectionInputSchema, input);
  return inTransaction(deps.db, tx, async (t) => {
    const app = await loadApplication(t, actor, applicationId, true);
    if (CLOSED_CASE_STATUSES.includes(app.status)) throw new RuleViolationError(`The case is ${app.status}.`);
    if (!app.content.transit.some((l) => l.country === n.state)) {
      throw new ValidationError([{ field: 'state', message: `${n.state} is not a transit State of this application`, code: 'licensing.not_transit_state' }]);
    }
    const doc = await loadEvidenceDocument(t, app.id, n.documentId, 'documentId');
    const row = await caseStore.insertTransit(t, {
      id: uuidv7(),
      applicationId: app.id,
      state: n.state,
      reference: n.reference,
      noticeDate: n.noticeDate,
      documentId: doc.id,
      documentSha256: doc.sha256,
      source: n.source,
      recordedAt: deps.clock.now(),
      supersededAt: null,
      supersededReason: null,
    });
    const decision = await appendDecision(ctx, t, actor, app.id, 'transit_no_objection_recorded', null, { transitNoObjectionId: row.id, state: row.state });
    await audit(ctx, t, actor, [
      { action: 'licensing.transit_no_objection.record', entity: 'licensing_transit_no_objection', entityId: row.id, state: caseStore.transitState(row) },
      decision,
    ]);
    return caseView(ctx, t, actor, app);
  });
}
