import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import { inTransaction } from '../../platform/tx.ts';
import { parseInput } from '../../platform/validation.ts';
import { licensingPolicy } from '../policy.ts';
import { assignSchema } from '../schemas.ts';
import * as caseStore from '../store-cases.ts';
import { appendDecision, audit, loadApplication, requireCaseStep, type LicensingContext } from '../context.ts';
import { caseView } from '../views.ts';

/** Takes the case into review with its assigned officer. */
export async function assignOfficer(ctx: LicensingContext, actor: Actor, applicationId: string, input: { officer: string; reason?: string | null }, tx?: Tx) {
  const { deps } = ctx;
  licensingPolicy.require(actor, 'licensing.application.review');
  const { officer, reason } = parseInput('licensing', assignSchema, input);
  return inTransaction(deps.db, tx, async (t) => {
    const app = await loadApplication(t, actor, applicationId, true);
    requireCaseStep(app.status, 'assign');
    const row = await caseStore.updateApplication(t, app.id, { status: 'under_review', assignedOfficer: officer, updatedAt: deps.clock.now() });
    const decision = await appendDecision(ctx, t, actor, app.id, 'assigned', reason ?? null, { officer });
    await audit(ctx, t, actor, [decision, { action: 'licensing.application.assign', entity: 'licensing_application', entityId: app.id, reason, state: caseStore.applicationState(row) }]);
    return caseView(ctx, t, actor, row);
  });
}
