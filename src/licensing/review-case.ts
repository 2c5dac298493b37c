import type { Actor } from '../platform/auth/actor.ts';
import type { Tx } from '../platform/db/types.ts';
import { RuleViolationError, ValidationError } from '../platform/http/errors.ts';
import { uuidv7 } from '../platform/ids.ts';
import { inTransaction } from '../platform/tx.ts';
import { parseInput } from '../platform/validation.ts';
import { presentCase } from './case-view.ts';
import { actorId,  appendDecision,  audit,  loadApplication,  type LicensingContext  } from './context.ts';
import { caseTransition, requiresCountersignature, type ApplicationStatus, type CaseAction } from './model.ts';
import { licensingPolicy } from './policy.ts';
import {
  assignSchema,
  countersignSchema,
  importAuthorizationInputSchema,
  reasonSchema,
  recommendSchema,
  transitNoObjectionInputSchema,
  type ImportAuthorizationInput,
  type TransitNoObjectionInput,
} from './schemas.ts';
import * as store from './store.ts';

const CLOSED: ApplicationStatus[] = ['issued', 'refused', 'withdrawn'];

export function reviewVerbs(ctx: LicensingContext) {
  const { deps } = ctx;

  function step(status: ApplicationStatus, action: CaseAction) {
    const s = caseTransition(status, action);
    if (!s.ok) throw new RuleViolationError(s.reason, [{ field: 'status', code: `case.${action}.not_allowed`, message: s.reason }]);
    return s.to;
  }

  async function evidenceDocument(t: Tx, applicationId: string, documentId: string, field: string) {
    const doc = await store.getDocumentContent(t, documentId);
    if (!doc || doc.application_id !== applicationId) {
      throw new ValidationError([{ field, message: 'is not a document of this application', code: 'licensing.document_unknown' }]);
    }
    return doc;
  }

  return {
    /** Takes the case into review with its assigned officer. */
    async assignOfficer(actor: Actor, applicationId: string, input: { officer: string; reason?: string | null }, tx?: Tx) {
      licensingPolicy.require(actor, 'licensing.application.review');
      const { officer, reason } = parseInput('licensing', assignSchema, input);
      return inTransaction(deps.db, tx, async (t) => {
        const app = await loadApplication(t, actor, applicationId, true);
        step(app.status, 'assign');
        const row = await store.updateApplication(t, app.id, { status: 'under_review', assignedOfficer: officer, updatedAt: deps.clock.now() });
        const decision = await appendDecision(ctx, t, actor, app.id, 'assigned', reason ?? null, { officer });
        await audit(ctx, t, actor, [decision, { action: 'licensing.application.assign', entity: 'licensing_application', entityId: app.id, reason, state: store.applicationState(row) }]);
        return presentCase(ctx, t, actor, row);
      });
    },

    /** Asks the applicant for more information; the case clock pauses until they answer. */
    async requestInformation(actor: Actor, applicationId: string, input: { reason: string }, tx?: Tx) {
      licensingPolicy.require(actor, 'licensing.application.review');
      const { reason } = parseInput('licensing', reasonSchema, input);
      return inTransaction(deps.db, tx, async (t) => {
        const app = await loadApplication(t, actor, applicationId, true);
        step(app.status, 'request_information');
        const row = await store.updateApplication(t, app.id, { status: 'information_requested', updatedAt: deps.clock.now() });
        const decision = await appendDecision(ctx, t, actor, app.id, 'information_requested', reason);
        await audit(ctx, t, actor, [decision, { action: 'licensing.application.request_information', entity: 'licensing_application', entityId: app.id, reason, state: store.applicationState(row) }]);
        return presentCase(ctx, t, actor, row);
      });
    },

    /** The officer's recommendation; the countersignature rule is applied here and stamped with its version. */
    async recommend(actor: Actor, applicationId: string, input: { outcome: 'issue' | 'refuse'; reason: string; criteria?: string[]; conditions?: string[] }, tx?: Tx) {
      licensingPolicy.require(actor, 'licensing.application.review');
      const rec = parseInput('licensing', recommendSchema, input);
      if (rec.outcome === 'refuse' && rec.criteria.length === 0) {
        throw new ValidationError([{ field: 'criteria', message: 'a refusal recommendation names at least one coded criterion', code: 'licensing.criteria_required' }]);
      }
      return inTransaction(deps.db, tx, async (t) => {
        const app = await loadApplication(t, actor, applicationId, true);
        step(app.status, 'recommend');
        const cs = requiresCountersignature(ctx.settings.countersign, app.content, (c) => ctx.isWassenaarParticipant(c));
        const row = await store.updateApplication(t, app.id, {
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
        await audit(ctx, t, actor, [decision, { action: 'licensing.application.recommend', entity: 'licensing_application', entityId: app.id, reason: rec.reason, state: store.applicationState(row) }]);
        return presentCase(ctx, t, actor, row);
      });
    },

    /** A supervisor agrees (→ countersigned) or disagrees (→ back to review). Four eyes: not the recommender. */
    async countersign(actor: Actor, applicationId: string, input: { agree: boolean; reason: string }, tx?: Tx) {
      licensingPolicy.require(actor, 'licensing.application.countersign');
      const c = parseInput('licensing', countersignSchema, input);
      return inTransaction(deps.db, tx, async (t) => {
        const app = await loadApplication(t, actor, applicationId, true);
        step(app.status, 'countersign');
        const decisions = await store.listDecisions(t, app.id);
        const lastRec = [...decisions].reverse().find((d) => d.kind === 'recommendation');
        if (lastRec && lastRec.data.actorId === actorId(actor)) {
          throw new RuleViolationError('The officer who recommended may not countersign their own recommendation.', [
            { field: 'actor', code: 'countersign.same_person', message: 'countersignature needs a second person' },
          ]);
        }
        const row = await store.updateApplication(t, app.id, {
          status: c.agree ? 'countersigned' : 'under_review',
          recommendation: c.agree ? app.recommendation : null,
          updatedAt: deps.clock.now(),
        });
        const decision = await appendDecision(ctx, t, actor, app.id, c.agree ? 'countersigned' : 'countersignature_declined', c.reason, { agree: c.agree });
        await audit(ctx, t, actor, [decision, { action: 'licensing.application.countersign', entity: 'licensing_application', entityId: app.id, reason: c.reason, state: store.applicationState(row) }]);
        return presentCase(ctx, t, actor, row);
      });
    },

    /**
     * Records the importing State's import licence/authorization (Art. 10(2)(a)) with its document. A newer
     * record supersedes nothing automatically: the gate uses every record in force.
     */
    async recordImportAuthorization(actor: Actor, applicationId: string, input: ImportAuthorizationInput, tx?: Tx) {
      licensingPolicy.require(actor, 'licensing.application.review');
      const a = parseInput('licensing', importAuthorizationInputSchema, input);
      if (a.issueDate > a.expiryDate) throw new ValidationError([{ field: 'expiryDate', message: 'is before the issue date', code: 'licensing.dates' }]);
      return inTransaction(deps.db, tx, async (t) => {
        const app = await loadApplication(t, actor, applicationId, true);
        if (CLOSED.includes(app.status)) throw new RuleViolationError(`The case is ${app.status}.`);
        const doc = await evidenceDocument(t, app.id, a.documentId, 'documentId');
        const row = await store.insertImportAuth(t, {
          id: uuidv7(),
          applicationId: app.id,
          reference: a.reference,
          issuingState: a.issuingState,
          issuingAuthority: a.issuingAuthority,
          issueDate: a.issueDate,
          expiryDate: a.expiryDate,
          documentId: doc.id,
          documentSha256: doc.sha256,
          goods: a.goods,
          source: a.source,
          recordedAt: deps.clock.now(),
          supersededAt: null,
          supersededReason: null,
        });
        const decision = await appendDecision(ctx, t, actor, app.id, 'import_authorization_recorded', null, { importAuthorizationId: row.id, reference: row.reference });
        await audit(ctx, t, actor, [
          { action: 'licensing.import_authorization.record', entity: 'licensing_import_authorization', entityId: row.id, state: store.importAuthState(row) },
          decision,
        ]);
        return presentCase(ctx, t, actor, app);
      });
    },

    /** Records a transit State's written no-objection (Art. 10(2)(b)) with its document. */
    async recordTransitNoObjection(actor: Actor, applicationId: string, input: TransitNoObjectionInput, tx?: Tx) {
      licensingPolicy.require(actor, 'licensing.application.review');
      const n = parseInput('licensing', transitNoObjectionInputSchema, input);
      return inTransaction(deps.db, tx, async (t) => {
        const app = await loadApplication(t, actor, applicationId, true);
        if (CLOSED.includes(app.status)) throw new RuleViolationError(`The case is ${app.status}.`);
        if (!app.content.transit.some((l) => l.country === n.state)) {
          throw new ValidationError([{ field: 'state', message: `${n.state} is not a transit State of this application`, code: 'licensing.not_transit_state' }]);
        }
        const doc = await evidenceDocument(t, app.id, n.documentId, 'documentId');
        const row = await store.insertTransit(t, {
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
          { action: 'licensing.transit_no_objection.record', entity: 'licensing_transit_no_objection', entityId: row.id, state: store.transitState(row) },
          decision,
        ]);
        return presentCase(ctx, t, actor, app);
      });
    },
  };
}
