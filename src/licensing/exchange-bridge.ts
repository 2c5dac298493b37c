/**
 * Licensing over the State-to-State exchange (issue 14): what the exporting State's case asks other
 * States (import authorisation check, transit notification, delivery confirmation request), what their
 * signed answers do to the case (Art. 10(2)(a)/(b) evidence the gate accepts like a typed-in record, a
 * shipment delivered under Art. 10(4)), and the answers this State's node drafts from its own records
 * when another State asks. Licensing calls the exchange through its service; the exchange calls back
 * only through the effects wired in app.ts.
 */
import { SYSTEM_ACTOR, type Actor } from '../platform/auth/actor.ts';
import type { Tx } from '../platform/db/types.ts';
import { AppError, NotFoundError, RuleViolationError } from '../platform/http/errors.ts';
import { inTransaction } from '../platform/tx.ts';
import { z } from 'zod';
import type { VerifiedEnvelope } from '../exchange/envelope.ts';
import type { EffectOutcome, EffectTools, EnvelopeEffect } from '../exchange/inbox.ts';
import type { MessageType } from '../exchange/model.ts';
import type { ExchangeService } from '../exchange/service.ts';
import { entryCovers, isoDay, type GoodsLine, type PartyRef } from './model.ts';
import { licensingPolicy } from './policy.ts';
import type { LicensingService } from './service.ts';
import * as cases from './store-cases.ts';
import * as licences from './store-licences.ts';
import type { LicenceRow } from './store-licences.ts';

const party = (p: PartyRef) => ({ name: p.name, address: p.address ?? null, country: p.country });
const goodsLine = (g: GoodsLine) => ({
  lineNo: g.lineNo,
  description: g.description,
  itemType: g.itemType,
  controlEntry: g.controlEntry,
  hsCode: g.hsCode ? g.hsCode.replace(/[.\s]/g, '') : null,
  quantity: g.quantity,
  unit: g.unit,
  serials: g.serials && g.serials.length > 0 ? g.serials : null,
});

export const importCheckInput = z.object({ importLicenceReference: z.string().min(1).max(100) });
export const transitNotificationInput = z.object({
  importLicence: z.object({
    reference: z.string().min(1).max(100),
    issuingAuthority: z.string().min(1).max(300).nullish(),
    issueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullish(),
    expiryDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullish(),
  }),
  answerRequestedBy: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullish(),
});

function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  throw new RuleViolationError('Invalid input.', r.error.issues.map((i) => ({ field: i.path.join('.') || 'body', message: i.message, code: `licensing.${i.code}` })));
}

/** The officer's side: requests the exporting State's case sends. */
export function licensingExchangeVerbs(deps: { db: import('../platform/db/types.ts').Db; config: { state: string } }, exchange: ExchangeService) {
  const { db } = deps;

  async function exportCase(t: Tx, applicationId: string) {
    const app = /^[0-9a-f-]{36}$/i.test(applicationId) ? await cases.getApplication(t, applicationId) : undefined;
    if (!app) throw new NotFoundError('Application', applicationId);
    if (app.content.exportCountry !== deps.config.state) {
      throw new RuleViolationError(`The case exports from ${app.content.exportCountry}, not from this node's State ${deps.config.state}.`, [{ field: 'exportCountry', message: 'not this State', code: 'licensing.exchange_not_exporter' }]);
    }
    return app;
  }

  return {
    /** Art. 10(2)(a): asks the importing State's node whether its import licence covers this case. */
    async requestImportCheck(actor: Actor, applicationId: string, input: unknown, tx?: Tx) {
      licensingPolicy.require(actor, 'licensing.application.review');
      const { importLicenceReference } = parse(importCheckInput, input);
      return inTransaction(db, tx, async (t) => {
        const app = await exportCase(t, applicationId);
        const c = app.content;
        return exchange.send(actor, {
          to: c.importCountry,
          type: 'import_authorisation_check',
          body: {
            caseReference: app.reference,
            importLicence: { reference: importLicenceReference },
            exportCountry: c.exportCountry,
            importCountry: c.importCountry,
            transitCountries: c.transit.map((l) => l.country),
            exporter: party(c.applicant),
            importer: party(c.consignee ?? c.endUser),
            consignee: c.consignee ? party(c.consignee) : null,
            finalRecipient: party(c.endUser),
            goods: c.goods.map(goodsLine),
            plannedShipmentDate: c.plannedShipmentDate ?? null,
          },
        }, t);
      });
    },

    /** Art. 10(2)(b), 10(3): notifies each transit State of the case and asks for its no-objection. */
    async notifyTransitStates(actor: Actor, applicationId: string, input: unknown, tx?: Tx) {
      licensingPolicy.require(actor, 'licensing.application.review');
      const body = parse(transitNotificationInput, input);
      return inTransaction(db, tx, async (t) => {
        const app = await exportCase(t, applicationId);
        const c = app.content;
        if (c.transit.length === 0) throw new RuleViolationError('The case has no transit State.', [{ field: 'transit', message: 'no transit State', code: 'licensing.no_transit' }]);
        const sent = [];
        for (const state of [...new Set(c.transit.map((l) => l.country))]) {
          sent.push(await exchange.send(actor, {
            to: state,
            type: 'transit_notification',
            body: {
              caseReference: app.reference,
              exportCountry: c.exportCountry,
              importCountry: c.importCountry,
              transit: c.transit.map((l) => ({ country: l.country, mode: l.mode, transhipment: l.transhipment })),
              exporter: party(c.applicant),
              consignee: c.consignee ? party(c.consignee) : null,
              finalRecipient: party(c.endUser),
              carriers: c.carriers.map(party),
              brokers: c.brokers.map((b) => ({ ...party(b), location: b.location })),
              importLicence: body.importLicence,
              goods: c.goods.map(goodsLine),
              plannedShipmentDate: c.plannedShipmentDate ?? null,
              answerRequestedBy: body.answerRequestedBy ?? null,
            },
          }, t));
        }
        return { items: sent };
      });
    },

    /** Art. 10(4): asks the importing State to confirm receipt of a shipment. */
    async requestDeliveryConfirmation(actor: Actor, shipmentId: string, tx?: Tx) {
      licensingPolicy.require(actor, 'licensing.shipment.verify');
      return inTransaction(db, tx, async (t) => {
        const s = /^[0-9a-f-]{36}$/i.test(shipmentId) ? await licences.getShipment(t, shipmentId) : undefined;
        if (!s) throw new NotFoundError('Shipment', shipmentId);
        const licence = (await licences.getLicenceById(t, s.licence_id))!;
        if (s.status === 'delivered') throw new RuleViolationError(`Delivery was already verified on ${s.delivered_on}.`, [{ field: 'status', message: 'already delivered', code: 'delivery.already_verified' }]);
        const unitOf = new Map(licence.snapshot.goods.map((g) => [g.lineNo, g.unit]));
        return exchange.send(actor, {
          to: licence.snapshot.importCountry,
          type: 'delivery_confirmation_request',
          body: {
            exportLicenceNumber: licence.number,
            shipmentReference: s.id,
            importLicenceReference: licence.snapshot.importAuthorizations[0]?.reference ?? null,
            shippedOn: s.shipped_on,
            exitPoint: /^[A-Z]{2}[A-Z2-9]{3}$/.test(s.exit_point.replace(' ', '')) ? s.exit_point.replace(' ', '') : null,
            lines: s.lines.map((l) => ({ lineNo: l.lineNo, quantity: l.quantity, unit: unitOf.get(l.lineNo) ?? 'piece', serials: l.serials && l.serials.length > 0 ? l.serials : null })),
          },
        }, t);
      });
    },
  };
}

export type LicensingExchangeVerbs = ReturnType<typeof licensingExchangeVerbs>;

/** What happens on this node when a peer's licensing message arrives. */
export function licensingExchangeEffects(deps: { config: { state: string }; clock: { now(): Date }; log: { warn: (o: object, m: string) => void } }, licensing: LicensingService): Partial<Record<MessageType, EnvelopeEffect>> {
  const authority = () => ({ name: licensing.settings.issuingAuthority });

  /** An effect that a licensing rule refuses (a closed case, a shipment already delivered) leaves the envelope kept with the reason. */
  async function guarded(t: Tx, fn: () => Promise<EffectOutcome>): Promise<EffectOutcome> {
    await t.query('SAVEPOINT exchange_effect');
    try {
      const out = await fn();
      await t.query('RELEASE SAVEPOINT exchange_effect');
      return out;
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      await t.query('ROLLBACK TO SAVEPOINT exchange_effect');
      return { effect: 'none', detail: { refused: err.detail ?? err.title, errors: err.errors.map((e) => e.code ?? e.field) } };
    }
  }

  /** The signed envelope, kept on the case as its document (what the gate's evidence cites by SHA-256). */
  async function keepOnCase(t: Tx, applicationId: string, kind: 'import_authorization' | 'transit_no_objection', v: VerifiedEnvelope) {
    return licensing.uploadDocument(SYSTEM_ACTOR, applicationId, {
      kind,
      filename: `${v.envelope.type}-${v.envelope.from}-${v.envelope.id}.jws`,
      mediaType: 'application/jose',
      contentBase64: Buffer.from(v.token, 'latin1').toString('base64'),
    }, t);
  }

  async function caseOf(t: Tx, tools: EffectTools, v: VerifiedEnvelope) {
    const asked = v.envelope.inReplyTo ? await tools.sent(t, v.envelope.inReplyTo) : undefined;
    const reference = (asked?.body as { caseReference?: string } | undefined)?.caseReference;
    return reference ? cases.getApplicationByReference(t, reference) : undefined;
  }

  return {
    async import_authorisation_answer(t, v, _inboxId, tools) {
      const app = await caseOf(t, tools, v);
      if (!app) return { effect: 'none', detail: { reason: 'no case of this node is named by the check answered' } };
      const a = v.envelope.body as { outcome: string; licence?: { reference: string; issuingAuthority: string; issueDate: string; expiryDate: string; status: string; goods: { controlEntry: string; quantity: number; unit: string }[] } | null };
      if (!a.licence || a.licence.status !== 'valid' || (a.outcome !== 'confirmed' && a.outcome !== 'partly_confirmed')) {
        deps.log.warn({ alert: 'exchange.import_not_confirmed', caseReference: app.reference, outcome: a.outcome }, 'licensing: the importing State did not confirm the import licence');
        return { effect: 'applied', detail: { applicationId: app.id, recorded: false, outcome: a.outcome } };
      }
      const licence = a.licence;
      return guarded(t, async () => {
        const doc = await keepOnCase(t, app.id, 'import_authorization', v);
        await licensing.recordImportAuthorization(SYSTEM_ACTOR, app.id, {
          reference: licence.reference,
          issuingState: v.envelope.from,
          issuingAuthority: licence.issuingAuthority,
          issueDate: licence.issueDate,
          expiryDate: licence.expiryDate,
          documentId: doc.id,
          goods: licence.goods.map((g) => ({ controlEntry: g.controlEntry, quantity: g.quantity, unit: g.unit as 'piece' })),
          source: 'exchange',
        }, t);
        return { effect: 'applied', detail: { applicationId: app.id, recorded: true, outcome: a.outcome, documentId: doc.id } };
      });
    },

    async transit_answer(t, v, _inboxId, tools) {
      const app = await caseOf(t, tools, v);
      if (!app) return { effect: 'none', detail: { reason: 'no case of this node is named by the notification answered' } };
      const a = v.envelope.body as { decision: string; reference: string; noticeDate: string; reason?: string | null; conditions: string[] };
      if (a.decision === 'objection') {
        deps.log.warn({ alert: 'exchange.transit_objection', caseReference: app.reference, state: v.envelope.from }, 'licensing: a transit State objects');
        return { effect: 'applied', detail: { applicationId: app.id, recorded: false, decision: a.decision, reason: a.reason ?? null } };
      }
      return guarded(t, async () => {
        const doc = await keepOnCase(t, app.id, 'transit_no_objection', v);
        await licensing.recordTransitNoObjection(SYSTEM_ACTOR, app.id, { state: v.envelope.from, reference: a.reference, noticeDate: a.noticeDate, documentId: doc.id, source: 'exchange' }, t);
        return { effect: 'applied', detail: { applicationId: app.id, recorded: true, decision: a.decision, conditions: a.conditions, documentId: doc.id } };
      });
    },

    async delivery_confirmation(t, v, _inboxId, tools) {
      const asked = v.envelope.inReplyTo ? await tools.sent(t, v.envelope.inReplyTo) : undefined;
      const c = v.envelope.body as { shipmentReference: string; exportLicenceNumber: string; outcome: string; deliveredOn?: string | null; customsDeclarationReference?: string | null; discrepancies: { kind: string; detail: string }[] };
      const shipmentId = (asked?.body as { shipmentReference?: string } | undefined)?.shipmentReference ?? c.shipmentReference;
      const shipment = /^[0-9a-f-]{36}$/i.test(shipmentId) ? await licences.getShipment(t, shipmentId) : undefined;
      const licence = shipment ? await licences.getLicenceById(t, shipment.licence_id) : undefined;
      if (!shipment || !licence || licence.number !== c.exportLicenceNumber) return { effect: 'none', detail: { reason: 'no shipment of this node matches the confirmation' } };
      if (c.outcome !== 'delivered') {
        // The discrepancy alert: officers watch these lines, and the inbox lists the envelope with its detail.
        deps.log.warn({ alert: 'exchange.delivery_discrepancy', shipmentId, outcome: c.outcome, discrepancies: c.discrepancies }, 'licensing: the importing State reports a delivery discrepancy');
      }
      if (c.outcome === 'not_delivered' || !c.deliveredOn) return { effect: 'applied', detail: { shipmentId, delivered: false, outcome: c.outcome, discrepancies: c.discrepancies } };
      const deliveredOn = c.deliveredOn;
      return guarded(t, async () => {
        await licensing.verifyDelivery(SYSTEM_ACTOR, shipmentId, {
          deliveredOn,
          verifyingState: v.envelope.from,
          evidence: `delivery_confirmation ${v.envelope.id} signed by ${v.envelope.from}${c.customsDeclarationReference ? `, customs declaration ${c.customsDeclarationReference}` : ''}`,
          documentSha256: v.sha256,
        }, t);
        return { effect: 'applied', detail: { shipmentId, delivered: true, outcome: c.outcome, discrepancies: c.discrepancies } };
      });
    },

    /** The importing State's node: the answer drafted from its own import licences; sent at once when configured. */
    async import_authorisation_check(t, v, _inboxId, tools) {
      // The licences every check of the batch names, read once for all of them (no exchange effect writes an import licence).
      const named = await tools.once('licensing.import-licences', async () => {
        const numbers = [...new Set(tools.batch.filter((b) => b.envelope.type === 'import_authorisation_check').map((b) => (b.envelope.body as { importLicence: { reference: string } }).importLicence.reference))];
        const found = new Map<string, LicenceRow | undefined>(numbers.map((n) => [n, undefined]));
        for (const l of await licences.getLicencesByNumbers(t, numbers)) found.set(l.number, l);
        return found;
      });
      const draft = await draftImportAnswer(t, v, deps.clock.now(), authority(), async (number) => (named.has(number) ? named.get(number) : licences.getLicenceByNumber(t, number)));
      if (!tools.autoAnswer.includes('import_authorisation_check')) return { effect: 'queued', detail: { draft } };
      const sent = await tools.send(SYSTEM_ACTOR, { to: v.envelope.from, type: 'import_authorisation_answer', body: draft, inReplyTo: v.envelope.id }, t);
      return { effect: 'answered', detail: { answerType: 'import_authorisation_answer', automatic: true }, answerId: sent.id };
    },

    async transit_notification(_t, v) {
      const n = v.envelope.body as { caseReference: string };
      const today = isoDay(deps.clock.now());
      return { effect: 'queued', detail: { draft: { caseReference: n.caseReference, decision: 'no_objection', reference: `${deps.config.state}-TRN-${v.envelope.id.slice(0, 8).toUpperCase()}`, noticeDate: today, conditions: [], answeredBy: authority() } } };
    },

    async delivery_confirmation_request(_t, v) {
      const r = v.envelope.body as { exportLicenceNumber: string; shipmentReference: string; importLicenceReference?: string | null; lines: unknown[] };
      return {
        effect: 'queued',
        detail: {
          draft: {
            exportLicenceNumber: r.exportLicenceNumber,
            shipmentReference: r.shipmentReference,
            importLicenceReference: r.importLicenceReference ?? null,
            outcome: 'delivered',
            deliveredOn: isoDay(deps.clock.now()),
            linesReceived: r.lines,
            discrepancies: [],
            confirmedBy: authority(),
          },
        },
      };
    },
  };
}

const STATUS_ON_WIRE: Record<string, 'valid' | 'expired' | 'suspended' | 'revoked' | 'used'> = {
  issued: 'valid', partly_used: 'valid', used: 'used', expired: 'expired', suspended: 'suspended', revoked: 'revoked', surrendered: 'revoked',
};

/** Answers an import authorisation check from this State's own import licences (the officer may change it before sending). */
export async function draftImportAnswer(t: Tx, v: VerifiedEnvelope, now: Date, answeredBy: { name: string }, licenceByNumber: (number: string) => Promise<LicenceRow | undefined> = (n) => licences.getLicenceByNumber(t, n)) {
  const check = v.envelope.body as { caseReference: string; importLicence: { reference: string }; importer: { name: string }; goods: { lineNo: number; controlEntry: string; quantity: number; unit: string }[] };
  const base = { caseReference: check.caseReference, conditions: [] as string[], answeredBy, answeredAt: now.toISOString() };
  const licence = await licenceByNumber(check.importLicence.reference);
  if (!licence || licence.kind !== 'import') {
    return { ...base, outcome: 'unknown_licence', licence: null, lines: [], reasons: [`No import licence ${check.importLicence.reference} was issued by this State.`] };
  }
  const s = licence.snapshot;
  const today = isoDay(now);
  const status = today > licence.expires_on && STATUS_ON_WIRE[licence.status] === 'valid' ? 'expired' : STATUS_ON_WIRE[licence.status];
  const importerMatches = s.applicant.name.trim().toLowerCase() === check.importer.name.trim().toLowerCase();
  const lines = check.goods.map((g) => {
    const covering = s.goods.filter((l) => l.unit === g.unit && entryCovers(l.controlEntry, g.controlEntry));
    const quantity = covering.reduce((n, l) => n + l.quantity, 0);
    const covered = covering.length > 0 && quantity >= g.quantity;
    return { lineNo: g.lineNo, covered, reason: covered ? null : covering.length === 0 ? `No line of the import licence covers ${g.controlEntry} in ${g.unit}.` : `The import licence allows ${quantity} ${g.unit}, ${g.quantity} asked.` };
  });
  const reasons: string[] = [];
  if (status !== 'valid') reasons.push(`The import licence is ${status}.`);
  if (!importerMatches) reasons.push(`The import licence was issued to ${s.applicant.name}, not to ${check.importer.name}.`);
  const outcome = reasons.length > 0 ? 'not_confirmed' : lines.every((l) => l.covered) ? 'confirmed' : lines.some((l) => l.covered) ? 'partly_confirmed' : 'not_confirmed';
  if (outcome === 'not_confirmed' && reasons.length === 0) reasons.push('No goods line is covered by the import licence.');
  return {
    ...base,
    outcome,
    licence: {
      reference: licence.number,
      issuingAuthority: s.issuingAuthority,
      placeOfIssue: s.placeOfIssue || null,
      issueDate: s.dateOfIssue,
      expiryDate: licence.expires_on,
      status,
      importer: party(s.applicant),
      finalRecipient: party(s.finalRecipient),
      goods: s.goods.map((l) => ({ controlEntry: l.controlEntry, description: l.description, quantity: l.quantity, unit: l.unit })),
      documentSha256: /^[0-9a-f]{64}$/.test(licence.snapshot_hash) ? licence.snapshot_hash : null,
    },
    lines,
    reasons,
  };
}
