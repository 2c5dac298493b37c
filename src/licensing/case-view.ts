import type { Actor } from '../platform/auth/actor.ts';
import { isUnrestricted } from '../platform/auth/scope.ts';
import type { Queryable } from '../platform/db/types.ts';
import { today, type LicensingContext } from './context.ts';
import {
  addDays,
  addMonths,
  caseClock,
  evaluateArt10Gate,
  requiresCountersignature,
  type ApplicationContent,
  type GateResult,
  type ImportAuthorizationEvidence,
} from './model.ts';
import * as store from './store.ts';

/**
 * The licence validity an issue would use: the officer's dates, else today + the default months, never
 * beyond the import authorization (Reg 258/2012 Art. 7(5)) when one is in force.
 */
export function proposeValidity(
  ctx: LicensingContext,
  day: string,
  content: ApplicationContent,
  auths: ImportAuthorizationEvidence[],
  requested: { validFrom?: string | null; expiresOn?: string | null } = {},
): { validFrom: string; expiresOn: string } {
  const validFrom = requested.validFrom ?? day;
  if (requested.expiresOn) return { validFrom, expiresOn: requested.expiresOn };
  let expiresOn = addDays(addMonths(validFrom, ctx.settings.defaultValidityMonths), -1);
  if (content.kind === 'export' || content.kind === 'temporary') {
    const inForce = auths.filter((a) => a.issuingState === content.importCountry && a.issueDate <= day && day <= a.expiryDate);
    const latest = inForce.reduce<string | null>((acc, a) => (acc === null || a.expiryDate > acc ? a.expiryDate : acc), null);
    if (latest && latest < expiresOn) expiresOn = latest;
  }
  return { validFrom, expiresOn };
}

export async function gateFor(
  ctx: LicensingContext,
  q: Queryable,
  app: store.ApplicationRow,
  requested: { validFrom?: string | null; expiresOn?: string | null } = {},
): Promise<{ gate: GateResult; validity: { validFrom: string; expiresOn: string }; auths: store.ImportAuthRow[]; transits: store.TransitRow[] }> {
  const [auths, transits] = await Promise.all([store.listImportAuths(q, app.id), store.listTransits(q, app.id)]);
  const day = today(ctx);
  const authEvidence = auths.map(store.importAuthEvidence);
  const validity = proposeValidity(ctx, day, app.content, authEvidence, requested);
  const gate = evaluateArt10Gate({
    application: app.content,
    importAuthorizations: authEvidence,
    transitNoObjections: transits.map(store.transitEvidence),
    today: day,
    licenceExpiresOn: validity.expiresOn,
    settings: ctx.settings,
  });
  return { gate, validity, auths, transits };
}

export async function presentCase(ctx: LicensingContext, q: Queryable, actor: Actor, app: store.ApplicationRow) {
  const decisions = await store.listDecisions(q, app.id);
  const documents = await store.listDocuments(q, app.id);
  const { gate, auths, transits } = await gateFor(ctx, q, app);
  const licence = await q.query<{ number: string }>('SELECT number FROM licensing_licences WHERE application_id = $1', [app.id]);
  const cs = requiresCountersignature(ctx.settings.countersign, app.content, (c) => ctx.isWassenaarParticipant(c));
  // The applicant's organisation sees the decisions that concern it, not the authority's internal advice.
  const officer = isUnrestricted(actor);
  return {
    id: app.id,
    reference: app.reference,
    kind: app.kind,
    status: app.status,
    applicantName: app.applicant_name,
    exportCountry: app.export_country,
    importCountry: app.import_country,
    submittedAt: app.submitted_at.toISOString(),
    updatedAt: app.updated_at.toISOString(),
    content: app.content,
    assignedOfficer: officer ? app.assigned_officer : null,
    recommendation: officer ? app.recommendation : null,
    countersignatureRequired: app.countersignature_required,
    countersignatureReason: officer ? cs.reason : null,
    clock: caseClock(decisions, ctx.deps.clock.now()),
    gate,
    // Industry users see the decisions that concern them (requests, outcomes), not internal advice.
    decisions: decisions
      .filter((d) => officer || ['submitted', 'information_requested', 'information_provided', 'issued', 'refused', 'withdrawn'].includes(d.kind))
      .map((d) => ({
        id: d.id,
        kind: d.kind,
        at: d.at.toISOString(),
        actorName: officer ? d.actor_name : d.actor_role,
        actorRole: d.actor_role,
        reason: d.reason,
        data: officer ? d.data : {},
        rulesVersion: d.rules_version,
      })),
    documents: documents.map((d) => ({
      id: d.id,
      kind: d.kind,
      filename: d.filename,
      mediaType: d.media_type,
      sizeBytes: Number(d.size_bytes),
      sha256: d.sha256,
      uploadedAt: d.uploaded_at.toISOString(),
    })),
    importAuthorizations: auths.map((a) => ({
      id: a.id,
      reference: a.reference,
      issuingState: a.issuing_state,
      issuingAuthority: a.issuing_authority,
      issueDate: a.issue_date,
      expiryDate: a.expiry_date,
      documentSha256: a.document_sha256,
      source: a.source,
    })),
    transitNoObjections: transits.map((t) => ({ id: t.id, state: t.state, reference: t.reference, noticeDate: t.notice_date, documentSha256: t.document_sha256, source: t.source })),
    licenceNumber: licence[0]?.number ?? null,
  };
}
export type CaseView = Awaited<ReturnType<typeof presentCase>>;

export function presentSummary(app: store.ApplicationRow) {
  return {
    id: app.id,
    reference: app.reference,
    kind: app.kind,
    status: app.status,
    applicantName: app.applicant_name,
    exportCountry: app.export_country,
    importCountry: app.import_country,
    submittedAt: app.submitted_at.toISOString(),
    updatedAt: app.updated_at.toISOString(),
  };
}
