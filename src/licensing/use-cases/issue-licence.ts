import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import { RuleViolationError, type FieldError } from '../../platform/http/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { inTransaction } from '../../platform/tx.ts';
import { parseInput } from '../../platform/validation.ts';
import { buildSnapshot, caseTransition, licenceNumber } from '../model.ts';
import { licensingPolicy } from '../policy.ts';
import { issueSchema } from '../schemas.ts';
import * as caseStore from '../store-cases.ts';
import * as licenceStore from '../store-licences.ts';
import { appendDecision, audit, loadApplication, today, type LicensingContext } from '../context.ts';
import { licenceView } from '../views.ts';
import { brokerIssues, gateFor } from '../checks.ts';
import { LICENCE_TOKEN_TYP, snapshotHash, type LicenceTokenClaims } from '../licence-token.ts';
import { essentiallyIdenticalDenials, screenApplication, screeningIssues } from '../screening-bridge.ts';

/**
 * Issues the licence: the case must be recommended for issue (and countersigned where the rule says
 * so), brokers registered, and — for exports — the Art. 10(2) gate met. Everything Art. 10(3) needs is
 * snapshotted, hashed and signed in the same transaction.
 */
export async function issueLicence(
  ctx: LicensingContext,
  actor: Actor,
  applicationId: string,
  input: { validFrom?: string | null; expiresOn?: string | null; conditions?: string[] | null; reason?: string | null; acknowledgeDenials?: boolean } = {},
  tx?: Tx,
) {
  const { deps } = ctx;
  licensingPolicy.require(actor, 'licensing.application.decide');
  const req = parseInput('licensing', issueSchema, input);
  const keys = await ctx.keys();
  return inTransaction(deps.db, tx, async (t) => {
    const app = await loadApplication(t, actor, applicationId, true);
    const s = caseTransition(app.status, 'issue');
    if (!s.ok) throw new RuleViolationError(s.reason, [{ field: 'status', code: 'case.issue.not_allowed', message: s.reason }]);
    if (app.recommendation !== 'issue') {
      throw new RuleViolationError('The recommendation on this case is not to issue.', [{ field: 'recommendation', code: 'case.recommendation_not_issue', message: 'recommend issue first' }]);
    }
    if (app.countersignature_required && app.status !== 'countersigned') {
      throw new RuleViolationError('This licence needs a supervisor’s countersignature before issue.', [
        { field: 'status', code: 'case.countersignature_required', message: 'awaiting countersignature' },
      ]);
    }
    const day = today(ctx);
    const problems: FieldError[] = await brokerIssues(ctx, t, app.content.brokers, day);
    const { gate, validity } = await gateFor(ctx, t, app, req);
    if (validity.expiresOn < validity.validFrom || validity.validFrom < day) {
      problems.push({ field: 'expiresOn', code: 'licence.validity', message: `Validity ${validity.validFrom}..${validity.expiresOn} is not a period starting today or later.` });
    }
    for (const c of gate.conditions) if (!c.met) problems.push({ field: `gate.${c.code}`, code: `art10.${c.code}`, message: c.detail });
    if (problems.length) {
      throw new RuleViolationError('The licence cannot be issued: conditions are not met.', problems, { gate });
    }
    const screened = await screenApplication(ctx, t, app.id, app.content, 'issue');
    const denials = await essentiallyIdenticalDenials(ctx, t, app.id, app.content);
    const screeningProblems = await screeningIssues(ctx, t, screened);
    const decisions = await caseStore.listDecisions(t, app.id);
    // With no list active the parties were screened against nothing: no issue without an administrator's
    // documented exception for this application (record-screening-exception.ts).
    const exception = screened.listVersions.length === 0 ? [...decisions].reverse().find((d) => d.kind === 'screening_exception') : undefined;
    if (screened.listVersions.length === 0 && !exception) {
      screeningProblems.push({
        field: 'screening.lists',
        code: 'screening.no_active_list',
        message: 'No sanctions list is active: the parties were screened against nothing. Load the lists, or an administrator records an exception for this application.',
      });
    }
    if (denials.length > 0 && !req.acknowledgeDenials) {
      screeningProblems.push({
        field: 'acknowledgeDenials',
        code: 'screening.essentially_identical_denial',
        message: `Essentially identical to denial ${denials.map((d) => `${d.reference} (${d.source})`).join(', ')}: consult, then issue with acknowledgeDenials.`,
      });
    }
    if (screeningProblems.length) {
      // Rolled back with everything else: the officer sees the hits on the case's screening panel and decides them there.
      throw new RuleViolationError('The licence cannot be issued: screening needs an officer’s attention.', screeningProblems, { screening: screened, denials });
    }
    const lastRec = [...decisions].reverse().find((d) => d.kind === 'recommendation');
    const conditions = req.conditions ?? ((lastRec?.data.conditions as string[] | undefined) ?? []);
    const year = Number(day.slice(0, 4));
    const seq = await caseStore.nextCounter(t, `${deps.config.state}-${app.kind}-${year}`);
    const number = licenceNumber(deps.config.state, app.kind, year, seq);
    const snapshot = buildSnapshot({
      number,
      applicationReference: app.reference,
      content: app.content,
      issuingState: deps.config.state,
      issuingAuthority: ctx.settings.issuingAuthority,
      placeOfIssue: ctx.settings.placeOfIssue,
      dateOfIssue: day,
      validFrom: validity.validFrom,
      expiresOn: validity.expiresOn,
      conditions,
      reliedOn: gate.reliedOn,
    });
    const hash = snapshotHash(snapshot);
    const claims: LicenceTokenClaims = { iss: deps.config.state, sub: number, lh: hash, vf: validity.validFrom, vt: validity.expiresOn, iat: Math.floor(deps.clock.now().getTime() / 1000) };
    const token = await keys.signCompactJws(claims, { typ: LICENCE_TOKEN_TYP });
    const now = deps.clock.now();
    const { licence, lines } = await licenceStore.insertLicence(
      t,
      {
        id: uuidv7(),
        number,
        application_id: app.id,
        kind: app.kind,
        status: 'issued',
        organisation_id: app.organisation_id,
        valid_from: validity.validFrom,
        expires_on: validity.expiresOn,
        issued_at: now,
        snapshot,
        snapshot_hash: hash,
        token,
        status_reason: req.reason ?? null,
        status_changed_at: now,
      },
      app.content.goods.map((g) => ({ lineNo: g.lineNo, quantity: g.quantity, unit: g.unit })),
    );
    await licenceStore.insertLicenceEvents(t, [{ id: uuidv7(), licenceId: licence.id, from: null, to: 'issued', at: now, actorName: actor.name, actorRole: actor.role, reason: req.reason ?? null }]);
    const appRow = await caseStore.updateApplication(t, app.id, { status: 'issued', updatedAt: now });
    const decision = await appendDecision(ctx, t, actor, app.id, 'issued', req.reason ?? null, {
      licenceNumber: number, snapshotHash: hash, gate, screening: screened, denialsAcknowledged: denials,
      ...(exception ? { screeningException: { decisionId: exception.id, reason: exception.reason, by: exception.actor_name } } : {}),
    }, ctx.settings.countersign.version);
    await audit(ctx, t, actor, [
      decision,
      { action: 'licensing.application.issue', entity: 'licensing_application', entityId: app.id, state: caseStore.applicationState(appRow) },
      { action: 'licensing.licence.issue', entity: 'licensing_licence', entityId: licence.id, reason: req.reason ?? null, state: licenceStore.licenceState(licence, lines) },
    ]);
    return licenceView(ctx, t, licence, lines);
  });
}
