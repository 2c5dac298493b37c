import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import { RuleViolationError } from '../../platform/http/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { inTransaction } from '../../platform/tx.ts';
import { parseInput } from '../../platform/validation.ts';
import { caseTransition } from '../model.ts';
import { licensingPolicy } from '../policy.ts';
import { refuseSchema } from '../schemas.ts';
import * as brokerStore from '../store-brokers.ts';
import * as caseStore from '../store-cases.ts';
import { appendDecision, audit, loadApplication, type LicensingContext } from '../context.ts';
import { caseView } from '../views.ts';

/** Refuses with coded criteria; the refusal becomes a denial record that screening checks later applications against. */
export async function refuseApplication(ctx: LicensingContext, actor: Actor, applicationId: string, input: { criteria: string[]; reason: string }, tx?: Tx) {
  const { deps } = ctx;
  licensingPolicy.require(actor, 'licensing.application.decide');
  const r = parseInput('licensing', refuseSchema, input);
  return inTransaction(deps.db, tx, async (t) => {
    const app = await loadApplication(t, actor, applicationId, true);
    const s = caseTransition(app.status, 'refuse');
    if (!s.ok) throw new RuleViolationError(s.reason, [{ field: 'status', code: 'case.refuse.not_allowed', message: s.reason }]);
    const now = deps.clock.now();
    const c = app.content;
    const denial = await brokerStore.insertDenial(t, {
      id: uuidv7(),
      applicationId: app.id,
      reference: app.reference,
      kind: app.kind,
      deniedAt: now,
      applicantName: c.applicant.name,
      consigneeName: c.consignee?.name ?? null,
      endUserName: c.endUser.name,
      parties: { applicant: c.applicant, consignee: c.consignee ?? null, endUser: c.endUser, intermediateConsignees: c.intermediateConsignees, brokers: c.brokers },
      exportCountry: c.exportCountry,
      importCountry: c.importCountry,
      controlEntries: [...new Set(c.goods.map((g) => g.controlEntry))],
      goods: c.goods.map((g) => ({ description: g.description, controlEntry: g.controlEntry, hsCode: g.hsCode, quantity: g.quantity, unit: g.unit })),
      criteria: r.criteria,
      reason: r.reason,
    });
    const appRow = await caseStore.updateApplication(t, app.id, { status: 'refused', updatedAt: now });
    const decision = await appendDecision(ctx, t, actor, app.id, 'refused', r.reason, { criteria: r.criteria, denialId: denial.id });
    await audit(ctx, t, actor, [
      decision,
      { action: 'licensing.application.refuse', entity: 'licensing_application', entityId: app.id, reason: r.reason, state: caseStore.applicationState(appRow) },
      { action: 'licensing.denial.create', entity: 'licensing_denial', entityId: denial.id, reason: r.reason, state: brokerStore.denialState(denial) },
    ]);
    return caseView(ctx, t, actor, appRow);
  });
}
