import { type Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import { RuleViolationError } from '../../platform/http/errors.ts';
import { inTransaction } from '../../platform/tx.ts';
import { parseInput } from '../../platform/validation.ts';
import { caseTransition } from '../model.ts';
import { licensingPolicy } from '../policy.ts';
import { reasonSchema } from '../schemas.ts';
import * as caseStore from '../store-cases.ts';
import { appendDecision, audit, loadApplication, type LicensingContext } from '../context.ts';
import { caseView } from '../views.ts';

/** The applicant answers a request for information; the case clock restarts. */
export async function provideInformation(ctx: LicensingContext, actor: Actor, applicationId: string, input: { reason: string }, tx?: Tx) {
  const { deps } = ctx;
  licensingPolicy.require(actor, 'licensing.application.respond');
  const { reason } = parseInput('licensing', reasonSchema, input);
  return inTransaction(deps.db, tx, async (t) => {
    const app = await loadApplication(t, actor, applicationId, true);
    const step = caseTransition(app.status, 'provide_information');
    if (!step.ok) throw new RuleViolationError(step.reason);
    const row = await caseStore.updateApplication(t, app.id, { status: 'under_review', updatedAt: deps.clock.now() });
    const decision = await appendDecision(ctx, t, actor, app.id, 'information_provided', reason);
    await audit(ctx, t, actor, [decision, { action: 'licensing.application.provide_information', entity: 'licensing_application', entityId: app.id, reason, state: caseStore.applicationState(row) }]);
    return caseView(ctx, t, actor, row);
  });
}
