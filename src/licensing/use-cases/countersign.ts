import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import { RuleViolationError } from '../../platform/http/errors.ts';
import { inTransaction } from '../../platform/tx.ts';
import { parseInput } from '../../platform/validation.ts';
import { licensingPolicy } from '../policy.ts';
import { countersignSchema } from '../schemas.ts';
import * as caseStore from '../store-cases.ts';
import { actorId, appendDecision, audit, loadApplication, requireCaseStep, type LicensingContext } from '../context.ts';
import { caseView } from '../views.ts';

/** A supervisor agrees (→ countersigned) or disagrees (→ back to review). Four eyes: not the recommender. */
export async function countersign(ctx: LicensingContext, actor: Actor, applicationId: string, input: { agree: boolean; reason: string }, tx?: Tx) {
  const { deps } = ctx;
  licensingPolicy.require(actor, 'licensing.application.countersign');
  const c = parseInput('licensing', countersignSchema, input);
  return inTransaction(deps.db, tx, async (t) => {
    const app = await loadApplication(t, actor, applicationId, true);
    requireCaseStep(app.status, 'countersign');
    const decisions = await caseStore.listDecisions(t, app.id);
    const lastRec = [...decisions].reverse().find((d) => d.kind === 'recommendation');
    if (lastRec && lastRec.data.actorId === actorId(actor)) {
      throw new RuleViolationError('The officer who recommended may not countersign their own recommendation.', [
        { field: 'actor', code: 'countersign.same_person', message: 'countersignature needs a second person' },
      ]);
    }
    const row = await caseStore.updateApplication(t, app.id, {
      status: c.agree ? 'countersigned' : 'under_review',
      recommendation: c.agree ? app.recommendation : null,
      updatedAt: deps.clock.now(),
    });
    const decision = await appendDecision(ctx, t, actor, app.id, c.agree ? 'countersigned' : 'countersignature_declined', c.reason, { agree: c.agree });
    await audit(ctx, t, actor, [decision, { action: 'licensing.application.countersign', entity: 'licensing_application', entityId: app.id, reason: c.reason, state: caseStore.applicationState(row) }]);
    return caseView(ctx, t, actor, row);
  });
}
