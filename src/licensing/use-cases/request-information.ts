import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import { inTransaction } from '../../platform/tx.ts';
import { parseInput } from '../../platform/validation.ts';
import { licensingPolicy } from '../policy.ts';
import { reasonSchema } from '../schemas.ts';
import * as caseStore from '../store-cases.ts';
import { appendDecision, audit, loadApplication, requireCaseStep, type LicensingContext } from '../context.ts';
import { caseView } from '../views.ts';

/** Asks the applicant for more information; the case clock pauses until they answer. */
export async function requestInformation(ctx: LicensingContext, actor: Actor, applicationId: string, input: { reason: string }, tx?: Tx) {
  const { deps } = ctx;
  licensingPolicy.require(actor, 'licensing.application.review');
  const { reason } = parseInput('licensing', reasonSchema, input);
  return inTransaction(deps.db, tx, async (t) => {
    const app = await loadApplication(t, actor, applicationId, true);
    requireCaseStep(app.status, 'request_information');
    const row = await caseStore.updateApplication(t, app.id, { status: 'information_requested', updatedAt: deps.clock.now() });
    const decision = await appendDecision(ctx, t, actor, app.id, 'information_requested', reason);
    await audit(ctx, t, actor, [decision, { action: 'licensing.application.request_information', entity: 'licensing_application', entityId: app.id, reason, state: caseStore.applicationState(row) }]);
    return caseView(ctx, t, actor, row);
  });
}
