import { SYSTEM_ACTOR, type Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import { RuleViolationError, ValidationError } from '../../platform/http/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { inTransaction } from '../../platform/tx.ts';
import { actingOrganisation, isUnrestricted } from '../../platform/auth/scope.ts';
import { parseInput } from '../../platform/validation.ts';
import { requiresCountersignature, type ApplicationContent } from '../model.ts';
import { licensingPolicy } from '../policy.ts';
import { applicationInputSchema, type ApplicationInput } from '../schemas.ts';
import * as caseStore from '../store-cases.ts';
import { appendDecision, audit, today, type LicensingContext } from '../context.ts';
import { caseView } from '../views.ts';
import { brokerIssues } from '../checks.ts';
import { screenApplication } from '../screening-bridge.ts';

/** Files an application; industry users file for their own organisation only. */
export async function submitApplication(ctx: LicensingContext, actor: Actor, input: ApplicationInput, tx?: Tx) {
  const { deps } = ctx;
  licensingPolicy.require(actor, 'licensing.application.create');
  const content = parseInput('licensing', applicationInputSchema, input) as ApplicationContent;
  const acting = actingOrganisation(actor, content.applicant.partyId);
  if (!acting.ok) {
    if (!actor.organisationId) throw new RuleViolationError('An industry user must act for an organisation to apply.');
    throw new ValidationError([{ field: 'applicant.partyId', message: 'Industry users apply for their own organisation only.', code: 'licensing.applicant_not_own' }]);
  }
  const organisationId = acting.organisationId;
  if (!isUnrestricted(actor)) content.applicant.partyId = organisationId;
  return inTransaction(deps.db, tx, async (t) => {
    const day = today(ctx);
    const brokerProblems = await brokerIssues(ctx, t, content.brokers, day);
    if (brokerProblems.length) throw new RuleViolationError('Only registered brokers may appear on applications in this State.', brokerProblems);
    const now = deps.clock.now();
    const seq = await caseStore.nextCounter(t, `${deps.config.state}-APP-${day.slice(0, 4)}`);
    const cs = requiresCountersignature(ctx.settings.countersign, content, (c) => ctx.isWassenaarParticipant(c));
    const row = await caseStore.insertApplication(t, {
      id: uuidv7(),
      reference: `${deps.config.state}-APP-${day.slice(0, 4)}-${String(seq).padStart(6, '0')}`,
      kind: content.kind,
      status: 'submitted',
      organisationId,
      applicantName: content.applicant.name,
      exportCountry: content.exportCountry,
      importCountry: content.importCountry,
      content,
      assignedOfficer: null,
      countersignatureRequired: cs.required,
      recommendation: null,
      submittedAt: now,
      updatedAt: now,
    });
    const decision = await appendDecision(ctx, t, actor, row.id, 'submitted', null, { countersignature: cs }, ctx.settings.countersign.version);
    const screened = await screenApplication(ctx, t, row.id, content, 'submission');
    const screenedDecision = await appendDecision(ctx, t, SYSTEM_ACTOR, row.id, 'screened', null, { ...screened });
    await audit(ctx, t, actor, [
      { action: 'licensing.application.submit', entity: 'licensing_application', entityId: row.id, state: caseStore.applicationState(row) },
      decision,
      screenedDecision,
    ]);
    return caseView(ctx, t, actor, row);
  });
}
