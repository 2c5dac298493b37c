import { createHash } from 'node:crypto';
import { z } from 'zod';
import { SYSTEM_ACTOR, type Actor } from '../platform/auth/actor.ts';
import type { Queryable, Tx } from '../platform/db/types.ts';
import { RuleViolationError, ValidationError, NotFoundError, type FieldError } from '../platform/http/errors.ts';
import { decodeCursor, toPage } from '../platform/http/pagination.ts';
import { uuidv7 } from '../platform/ids.ts';
import { inTransaction } from '../platform/tx.ts';
import { presentCase, presentSummary } from './case-view.ts';
import { appendDecision,  audit,  loadApplication,  today,  type LicensingContext  } from './context.ts';
import { actingOrganisation, isUnrestricted, listScope, requireVisible } from '../platform/auth/scope.ts';
import { parseInput } from '../platform/validation.ts';
import { brokerRegistrationValid, caseTransition, requiresCountersignature, type ApplicationContent, type BrokerRef } from './model.ts';
import { licensingPolicy } from './policy.ts';
import { screenApplication } from './screening-bridge.ts';
import { applicationInputSchema, documentInputSchema, reasonSchema, type ApplicationInput, type DocumentInput } from './schemas.ts';
import * as store from './store.ts';

/** Art. 15: where the State requires it, every broker on an application is on the broker register and valid on `day`. */
export async function brokerIssues(ctx: LicensingContext, q: Queryable, brokers: BrokerRef[], day: string): Promise<FieldError[]> {
  if (!ctx.settings.brokerRegistrationRequired || brokers.length === 0) return [];
  const ids = brokers.map((b) => b.brokerId).filter((x): x is string => Boolean(x));
  const found = new Map((await store.getBrokers(q, ids)).map((b) => [b.id, b]));
  const issues: FieldError[] = [];
  brokers.forEach((b, i) => {
    const reg = b.brokerId ? found.get(b.brokerId) : undefined;
    if (!b.brokerId) {
      issues.push({ field: `brokers.${i}.brokerId`, code: 'broker.unregistered', message: `Broker ${b.name} is not on the broker register (registration is required).` });
    } else if (!brokerRegistrationValid(reg && { id: reg.id, name: reg.name, status: reg.status, validFrom: reg.valid_from, validTo: reg.valid_to }, day)) {
      issues.push({ field: `brokers.${i}.brokerId`, code: 'broker.registration_invalid', message: `Broker ${b.name}'s registration is not valid on ${day}.` });
    }
  });
  return issues;
}

export function submitApplicationVerbs(ctx: LicensingContext) {
  const { deps } = ctx;

  return {
    /** Files an application; industry users file for their own organisation only. */
    async submitApplication(actor: Actor, input: ApplicationInput, tx?: Tx) {
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
        const seq = await store.nextCounter(t, `${deps.config.state}-APP-${day.slice(0, 4)}`);
        const cs = requiresCountersignature(ctx.settings.countersign, content, (c) => ctx.isWassenaarParticipant(c));
        const row = await store.insertApplication(t, {
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
          { action: 'licensing.application.submit', entity: 'licensing_application', entityId: row.id, state: store.applicationState(row) },
          decision,
          screenedDecision,
        ]);
        return presentCase(ctx, t, actor, row);
      });
    },

    async getCase(actor: Actor, id: string, tx?: Tx) {
      licensingPolicy.require(actor, 'licensing.application.read');
      const q = tx ?? deps.db;
      const row = await loadApplication(q, actor, id);
      return presentCase(ctx, q, actor, row);
    },

    async listApplications(actor: Actor, f: { status?: string; kind?: string; limit?: number; cursor?: string } = {}) {
      licensingPolicy.require(actor, 'licensing.application.read');
      const limit = f.limit ?? 50;
      const after = decodeCursor(f.cursor, z.object({ submittedAt: z.string(), id: z.string() }));
      const scope = listScope(actor);
      if (!scope) return { items: [], nextCursor: null };
      const rows = await store.listApplications(deps.db, { organisationId: scope.organisationId, status: f.status, kind: f.kind, limit, after });
      return toPage(rows, limit, (r) => ({ submittedAt: r.submitted_at.toISOString(), id: r.id }), presentSummary);
    },

    /** Stores a document's bytes in the database with its SHA-256; the hash is what licences and the gate cite. */
    async uploadDocument(actor: Actor, applicationId: string, input: DocumentInput, tx?: Tx) {
      licensingPolicy.require(actor, 'licensing.application.respond');
      const doc = parseInput('licensing', documentInputSchema, input);
      const content = Buffer.from(doc.contentBase64, 'base64');
      if (content.length === 0 || content.toString('base64').replace(/=+$/, '') !== doc.contentBase64.replace(/\s/g, '').replace(/=+$/, '')) {
        throw new ValidationError([{ field: 'contentBase64', message: 'is not valid base64', code: 'licensing.base64' }]);
      }
      return inTransaction(deps.db, tx, async (t) => {
        const app = await loadApplication(t, actor, applicationId);
        if (['issued', 'refused', 'withdrawn'].includes(app.status)) {
          throw new RuleViolationError(`The case is ${app.status}; documents can no longer be added.`);
        }
        const sha256 = createHash('sha256').update(content).digest('hex');
        const row = await store.insertDocument(t, {
          id: uuidv7(),
          applicationId: app.id,
          kind: doc.kind,
          filename: doc.filename,
          mediaType: doc.mediaType,
          content,
          sha256,
          uploadedAt: deps.clock.now(),
          uploadedBy: actor.name,
        });
        await audit(ctx, t, actor, [{ action: 'licensing.document.upload', entity: 'licensing_document', entityId: row.id, state: store.documentState(row) }]);
        return store.documentState(row);
      });
    },

    async getDocument(actor: Actor, documentId: string) {
      licensingPolicy.require(actor, 'licensing.application.read');
      const doc = /^[0-9a-f-]{36}$/i.test(documentId) ? await store.getDocumentContent(deps.db, documentId) : undefined;
      if (!doc || !doc.application_id) throw new NotFoundError('Document', documentId);
      // The same 404 as for a missing document: not the application's, whose id would reveal it exists.
      const app = await store.getApplication(deps.db, doc.application_id);
      requireVisible(actor, app?.organisation_id ?? null, 'Document', documentId);
      return { filename: doc.filename, mediaType: doc.media_type, sha256: doc.sha256, content: Buffer.from(doc.content) };
    },

    /** The applicant answers a request for information; the case clock restarts. */
    async provideInformation(actor: Actor, applicationId: string, input: { reason: string }, tx?: Tx) {
      licensingPolicy.require(actor, 'licensing.application.respond');
      const { reason } = parseInput('licensing', reasonSchema, input);
      return inTransaction(deps.db, tx, async (t) => {
        const app = await loadApplication(t, actor, applicationId, true);
        const step = caseTransition(app.status, 'provide_information');
        if (!step.ok) throw new RuleViolationError(step.reason);
        const row = await store.updateApplication(t, app.id, { status: 'under_review', updatedAt: deps.clock.now() });
        const decision = await appendDecision(ctx, t, actor, app.id, 'information_provided', reason);
        await audit(ctx, t, actor, [decision, { action: 'licensing.application.provide_information', entity: 'licensing_application', entityId: app.id, reason, state: store.applicationState(row) }]);
        return presentCase(ctx, t, actor, row);
      });
    },

    async withdrawApplication(actor: Actor, applicationId: string, input: { reason: string }, tx?: Tx) {
      licensingPolicy.require(actor, 'licensing.application.respond');
      const { reason } = parseInput('licensing', reasonSchema, input);
      return inTransaction(deps.db, tx, async (t) => {
        const app = await loadApplication(t, actor, applicationId, true);
        const step = caseTransition(app.status, 'withdraw');
        if (!step.ok) throw new RuleViolationError(step.reason);
        const row = await store.updateApplication(t, app.id, { status: 'withdrawn', updatedAt: deps.clock.now() });
        const decision = await appendDecision(ctx, t, actor, app.id, 'withdrawn', reason);
        await audit(ctx, t, actor, [decision, { action: 'licensing.application.withdraw', entity: 'licensing_application', entityId: app.id, reason, state: store.applicationState(row) }]);
        return presentCase(ctx, t, actor, row);
      });
    },
  };
}
