import type { Actor } from '../platform/auth/actor.ts';
import { stateHash } from '../platform/crypto/canonical.ts';
import type { Queryable, Tx } from '../platform/db/types.ts';
import { RuleViolationError, type FieldError } from '../platform/http/errors.ts';
import { uuidv7 } from '../platform/ids.ts';
import { inTransaction } from '../platform/tx.ts';
import { parseInput } from '../platform/validation.ts';
import { gateFor, presentCase } from './case-view.ts';
import { appendDecision,  audit,  loadApplication,  today,  type LicensingContext  } from './context.ts';
import { buildSnapshot, caseTransition, effectiveLicenceStatus, licenceNumber, type LicenceSnapshot } from './model.ts';
import { licensingPolicy } from './policy.ts';
import { issueSchema, refuseSchema } from './schemas.ts';
import { brokerIssues } from './submit-application.ts';
import { essentiallyIdenticalDenials, screenApplication } from './screening-bridge.ts';
import * as store from './store.ts';

/** Claims of the compact JWS printed in the licence's QR code. */
export interface LicenceTokenClaims {
  /** Issuing State (ISO 3166-1 alpha-2). */
  iss: string;
  /** Licence number. */
  sub: string;
  /** SHA-256 (hex) of the canonical JSON of the licence snapshot. */
  lh: string;
  /** Valid from / expires on (YYYY-MM-DD), for an offline reader. */
  vf: string;
  vt: string;
  iat: number;
}

export const LICENCE_TOKEN_TYP = 'custodia-licence+jws';

export function snapshotHash(snapshot: LicenceSnapshot): string {
  return stateHash(snapshot);
}

export function verificationUrl(ctx: LicensingContext, number: string, token: string): string {
  return `${ctx.deps.config.publicUrl}/verify/${encodeURIComponent(number)}?t=${token}`;
}

export async function presentLicence(
  ctx: LicensingContext,
  q: Queryable,
  row: store.LicenceRow,
  lines?: store.LicenceLineRow[],
  preloadedEvents?: Awaited<ReturnType<typeof store.listLicenceEvents>>,
) {
  const ls = lines ?? (await store.getLicenceLines(q, [row.id]));
  const events = preloadedEvents ?? (await store.listLicenceEvents(q, row.id));
  const state = store.licenceState(row, ls);
  return {
    id: row.id,
    number: row.number,
    applicationId: row.application_id,
    kind: row.kind,
    status: row.status,
    effectiveStatus: effectiveLicenceStatus(row.status, row.expires_on, today(ctx)),
    statusReason: row.status_reason,
    publicWording: row.public_wording,
    validFrom: row.valid_from,
    expiresOn: row.expires_on,
    issuedAt: row.issued_at.toISOString(),
    snapshotHash: row.snapshot_hash,
    token: row.token,
    verificationUrl: verificationUrl(ctx, row.number, row.token),
    lines: state.lines,
    snapshot: row.snapshot as unknown as Record<string, unknown>,
    events: events.map((e) => ({ fromStatus: e.from_status, toStatus: e.to_status, at: e.at.toISOString(), actorName: e.actor_name, reason: e.reason })),
  };
}
export type LicenceView = Awaited<ReturnType<typeof presentLicence>>;

export function issueVerbs(ctx: LicensingContext) {
  const { deps } = ctx;

  return {
    /**
     * Issues the licence: the case must be recommended for issue (and countersigned where the rule says
     * so), brokers registered, and — for exports — the Art. 10(2) gate met. Everything Art. 10(3) needs is
     * snapshotted, hashed and signed in the same transaction.
     */
    async issueLicence(
      actor: Actor,
      applicationId: string,
      input: { validFrom?: string | null; expiresOn?: string | null; conditions?: string[] | null; reason?: string | null; acknowledgeDenials?: boolean } = {},
      tx?: Tx,
    ) {
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
        const screeningProblems: FieldError[] = [];
        if (screened.openHits > 0) {
          for (const p of screened.parties.filter((x) => x.openHits > 0)) {
            screeningProblems.push({ field: `screening.${p.role}`, code: 'screening.open_hits', message: `${p.name}: ${p.openHits} open screening hit(s) (run ${p.runId}) must be decided first.` });
          }
        }
        if (denials.length > 0 && !req.acknowledgeDenials) {
          screeningProblems.push({
            field: 'acknowledgeDenials',
            code: 'screening.essentially_identical_denial',
            message: `Essentially identical to denial ${denials.map((d) => `${d.reference} (${d.source})`).join(', ')}: consult, then issue with acknowledgeDenials.`,
          });
        }
        if (screeningProblems.length) {
          // Rolled back with everything else: the officer sees the hits here and decides them in screening.
          throw new RuleViolationError('The licence cannot be issued: screening needs an officer’s attention.', screeningProblems, { screening: screened, denials });
        }
        const decisions = await store.listDecisions(t, app.id);
        const lastRec = [...decisions].reverse().find((d) => d.kind === 'recommendation');
        const conditions = req.conditions ?? ((lastRec?.data.conditions as string[] | undefined) ?? []);
        const year = Number(day.slice(0, 4));
        const seq = await store.nextCounter(t, `${deps.config.state}-${app.kind}-${year}`);
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
        const { licence, lines } = await store.insertLicence(
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
        await store.insertLicenceEvents(t, [{ id: uuidv7(), licenceId: licence.id, from: null, to: 'issued', at: now, actorName: actor.name, actorRole: actor.role, reason: req.reason ?? null }]);
        const appRow = await store.updateApplication(t, app.id, { status: 'issued', updatedAt: now });
        const decision = await appendDecision(ctx, t, actor, app.id, 'issued', req.reason ?? null, { licenceNumber: number, snapshotHash: hash, gate, screening: screened, denialsAcknowledged: denials }, ctx.settings.countersign.version);
        await audit(ctx, t, actor, [
          decision,
          { action: 'licensing.application.issue', entity: 'licensing_application', entityId: app.id, state: store.applicationState(appRow) },
          { action: 'licensing.licence.issue', entity: 'licensing_licence', entityId: licence.id, reason: req.reason ?? null, state: store.licenceState(licence, lines) },
        ]);
        return presentLicence(ctx, t, licence, lines);
      });
    },

    /** Refuses with coded criteria; the refusal becomes a denial record that screening checks later applications against. */
    async refuseApplication(actor: Actor, applicationId: string, input: { criteria: string[]; reason: string }, tx?: Tx) {
      licensingPolicy.require(actor, 'licensing.application.decide');
      const r = parseInput('licensing', refuseSchema, input);
      return inTransaction(deps.db, tx, async (t) => {
        const app = await loadApplication(t, actor, applicationId, true);
        const s = caseTransition(app.status, 'refuse');
        if (!s.ok) throw new RuleViolationError(s.reason, [{ field: 'status', code: 'case.refuse.not_allowed', message: s.reason }]);
        const now = deps.clock.now();
        const c = app.content;
        const denial = await store.insertDenial(t, {
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
        const appRow = await store.updateApplication(t, app.id, { status: 'refused', updatedAt: now });
        const decision = await appendDecision(ctx, t, actor, app.id, 'refused', r.reason, { criteria: r.criteria, denialId: denial.id });
        await audit(ctx, t, actor, [
          decision,
          { action: 'licensing.application.refuse', entity: 'licensing_application', entityId: app.id, reason: r.reason, state: store.applicationState(appRow) },
          { action: 'licensing.denial.create', entity: 'licensing_denial', entityId: denial.id, reason: r.reason, state: store.denialState(denial) },
        ]);
        return presentCase(ctx, t, actor, appRow);
      });
    },
  };
}
