import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import { ValidationError } from '../../platform/http/errors.ts';
import { inTransaction } from '../../platform/tx.ts';
import { parseInput } from '../../platform/validation.ts';
import { requiresCountersignature } from '../model.ts';
import { licensingPolicy } from '../policy.ts';
import { recommendSchema } from '../schemas.ts';
import * as caseStore from '../store-cases.ts';
import { appendDecision, audit, loadApplication, requireCaseStep, type LicensingContext } from '../context.ts';
import { caseView } from '../views.ts';

/** The officer's recommendation; the countersignature rule is applied here and stamped with its version. */
export async function recommend(ctx: LicensingContext, actor: Actor, applicationId: string, input: { outcome: 'issue' | 'refuse'; reason: string; criteria?: string[]; conditions?: string[] }, tx?: Tx) {
  const { deps } = ctx;
  licensingPolicy.require(actor, 'licensing.application.review');
  const rec = parseInput('licensing', recommendSchema, input);
  if (rec.outcome === 'refuse' && rec.criteria.length === 0) {
    throw new ValidationError([{ field: 'criteria', message: 'a refusal recommendation names at least one coded criterion', code: 'licensing.criteria_required' }]);
  }
  return inTransaction(deps.db, tx, async (t) => {
    const app = await loadApplication(t, actor, applicationId, true);
    requireCaseStep(app.status, 'recommend');
    const cs = requiresCountersignature(ctx.settings.countersign, app.content, (c) => ctx.isWassenaarParticipant(c));
    const row = await caseStore.updateApplication(t, app.id, {
      status: 'recommended',
      recommendation: rec.outcome,
      countersignatureRequired: rec.outcome === 'issue' && cs.required,
      updatedAt: deps.clock.now(),
    });
    const decision = await appendDecision(
      ctx,
      t,
      actor,
      app.id,
      'recommendation',
      rec.reason,
      { outcome: rec.outcome, criteria: rec.criteria, conditions: rec.conditions, countersignature: cs },
      ctx.settings.countersign.version,
    );
    await audit(ctx, t, actor, [decision, { action: 'licensing.application.recommend', entity: 'licensing_application', entityId: app.id, reason: rec.reason, state: caseStore.applicationState(row) }]);
    return caseView(ctx, t, actor, row);
  });
}
