import { SYSTEM_ACTOR, type Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import { RuleViolationError } from '../../platform/http/errors.ts';
import { inTransaction } from '../../platform/tx.ts';
import { parseInput } from '../../platform/validation.ts';
import { CLOSED_CASE_STATUSES } from '../model.ts';
import { licensingPolicy } from '../policy.ts';
import { reasonSchema } from '../schemas.ts';
import { appendDecision, audit, loadApplication, type LicensingContext } from '../context.ts';
import { caseView } from '../views.ts';

/**
 * An administrator's documented exception for one application: its licence may be issued although no
 * sanctions list is active (a node that cannot load the lists yet), with the reason recorded as a
 * decision of the case and audited. It is refused while any list is active (screen against it instead)
 * and counts only for this application.
 */
export async function recordScreeningException(ctx: LicensingContext, actor: Actor, applicationId: string, input: { reason: string }, tx?: Tx) {
  const { deps } = ctx;
  licensingPolicy.require(actor, 'licensing.application.screening_exception');
  const { reason } = parseInput('licensing', reasonSchema, input);
  return inTransaction(deps.db, tx, async (t) => {
    const app = await loadApplication(t, actor, applicationId, true);
    if (CLOSED_CASE_STATUSES.includes(app.status)) {
      throw new RuleViolationError(`The case is ${app.status}.`, [{ field: 'status', code: 'case.screening_exception.not_allowed', message: `the case is ${app.status}` }]);
    }
    const active = (await ctx.screening.listVersions(SYSTEM_ACTOR, t)).filter((v) => v.status === 'active');
    if (active.length > 0) {
      throw new RuleViolationError('Sanctions lists are active: the parties are screened against them, no exception applies.', [
        { field: 'screening', code: 'screening.lists_active', message: `active: ${active.map((v) => `${v.source} ${v.publishedOn ?? ''}`.trim()).join(', ')}` },
      ]);
    }
    const decision = await appendDecision(ctx, t, actor, app.id, 'screening_exception', reason, { activeLists: 0 });
    await audit(ctx, t, actor, [decision]);
    return caseView(ctx, t, actor, app);
  });
}
