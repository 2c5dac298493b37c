import { SYSTEM_ACTOR, type Actor } from '../platform/auth/actor.ts';
import { createRegistryService } from '../registry/service.ts';
import type { AuditInput } from '../platform/audit/record.ts';
import type { Tx } from '../platform/db/types.ts';
import { NotFoundError, RuleViolationError, ValidationError, type FieldError } from '../platform/http/errors.ts';
import { uuidv7 } from '../platform/ids.ts';
import { inTransaction } from '../platform/tx.ts';
import { audit, parseInput, today, type LicensingContext } from './context.ts';
import { checkShipment, usageStatus } from './model.ts';
import { licensingPolicy } from './policy.ts';
import { shipmentInputSchema, type ShipmentInput } from './schemas.ts';
import * as store from './store.ts';

export function presentShipment(r: store.ShipmentRow, number?: string) {
  return {
    id: r.id,
    licenceId: r.licence_id,
    ...(number ? { licenceNumber: number } : {}),
    shippedOn: r.shipped_on,
    exitPoint: r.exit_point,
    carrier: r.carrier as Record<string, unknown>,
    lines: r.lines,
    externalReference: r.external_reference,
    status: r.status,
    deliveredOn: r.delivered_on,
    verifyingState: r.verifying_state,
    verificationEvidence: r.verification_evidence,
    recordedAt: r.recorded_at.toISOString(),
  };
}
export type ShipmentView = ReturnType<typeof presentShipment>;

export function shipmentVerbs(ctx: LicensingContext) {
  const { deps } = ctx;

  /**
   * Records shipments (customs declarations or the exporter's own) against their licences in one
   * transaction: each is checked against the licence's status, validity and remaining quantities, which
   * are consumed as the batch goes, so two shipments in one batch cannot together exceed a line.
   */
  async function recordShipments(actor: Actor, inputs: ShipmentInput[], tx?: Tx): Promise<ShipmentView[]> {
    licensingPolicy.require(actor, 'licensing.shipment.record');
    const parsed = inputs.map((input, i) => {
      try {
        return parseInput(shipmentInputSchema, input);
      } catch (err) {
        if (err instanceof ValidationError && inputs.length > 1) {
          throw new ValidationError(err.errors.map((e) => ({ ...e, field: `${i}.${e.field}` })));
        }
        throw err;
      }
    });
    return inTransaction(deps.db, tx, async (t) => {
      const day = today(ctx);
      const numbers = [...new Set(parsed.map((p) => p.licenceNumber))];
      const licences = await t.query<store.LicenceRow>('SELECT * FROM licensing_licences WHERE number = ANY($1::text[]) ORDER BY id FOR UPDATE', [numbers]);
      const byNumber = new Map(licences.map((l) => [l.number, l]));
      const lines = await store.getLicenceLines(t, licences.map((l) => l.id));
      const usage = new Map<string, store.LicenceLineRow[]>();
      for (const l of lines) usage.set(l.licence_id, [...(usage.get(l.licence_id) ?? []), { ...l, quantity: Number(l.quantity), used: Number(l.used) }]);

      const known = await store.findShipmentsByExternal(
        t,
        parsed.flatMap((s) => {
          const l = byNumber.get(s.licenceNumber);
          return l && s.externalReference ? [{ licenceId: l.id, externalReference: s.externalReference }] : [];
        }),
      );
      const knownByKey = new Map(known.map((k) => [`${k.licence_id}|${k.external_reference}`, k]));
      const results: (store.ShipmentRow | ReturnType<typeof store.shipmentState>)[] = [];
      const fresh: ReturnType<typeof store.shipmentState>[] = [];
      const consumed: { licenceId: string; lineNo: number; quantity: number }[] = [];
      const now = deps.clock.now();
      for (const [i, s] of parsed.entries()) {
        const prefix = parsed.length > 1 ? `${i}.` : '';
        const licence = byNumber.get(s.licenceNumber);
        if (!licence || (actor.role === 'industry' && licence.organisation_id !== actor.organisationId)) {
          throw new NotFoundError('Licence', s.licenceNumber);
        }
        if (s.externalReference) {
          const existing = knownByKey.get(`${licence.id}|${s.externalReference}`);
          const inBatch = fresh.find((f) => f.licenceId === licence.id && f.externalReference === s.externalReference);
          if (existing || inBatch) {
            // Customs re-sent a declaration: record it once (LITE learned to treat usage as idempotent).
            results.push(existing ?? inBatch!);
            continue;
          }
        }
        const licLines = usage.get(licence.id) ?? [];
        const issues = checkShipment({
          licence: { number: licence.number, kind: licence.kind, status: licence.status, validFrom: licence.valid_from, expiresOn: licence.expires_on },
          lines: licLines.map((l) => ({ lineNo: l.line_no, quantity: l.quantity, used: l.used, unit: l.unit })),
          shipment: { shippedOn: s.shippedOn, lines: s.lines },
          today: day,
        });
        if (s.shippedOn > day) issues.push({ field: 'shippedOn', code: 'shipment.future', message: `Shipment date ${s.shippedOn} is in the future.` });
        if (issues.length) {
          const errors: FieldError[] = issues.map((x) => ({ field: `${prefix}${x.field}`, code: x.code, message: x.message }));
          throw new RuleViolationError(`The shipment is refused under licence ${licence.number}: ${issues.map((x) => x.message).join(' ')}`, errors);
        }
        s.lines.forEach((l, k) => {
          if (l.registryItemIds && l.registryItemIds.length > l.quantity) {
            issues.push({ field: `lines.${k}.registryItemIds`, code: 'shipment.items_exceed_quantity', message: `Line ${l.lineNo}: ${l.registryItemIds.length} registry items for a quantity of ${l.quantity}.` });
          }
        });
        if (issues.length) {
          throw new RuleViolationError(`The shipment is refused under licence ${licence.number}.`, issues.map((x) => ({ field: `${prefix}${x.field}`, code: x.code, message: x.message })));
        }
        for (const l of s.lines) {
          const line = licLines.find((x) => x.line_no === l.lineNo)!;
          line.used += l.quantity;
          consumed.push({ licenceId: licence.id, lineNo: l.lineNo, quantity: l.quantity });
        }
        const state = {
          id: uuidv7(),
          licenceId: licence.id,
          shippedOn: s.shippedOn,
          exitPoint: s.exitPoint,
          carrier: s.carrier,
          lines: s.lines,
          externalReference: s.externalReference ?? null,
          recordedAt: now,
          recordedBy: `${actor.role}:${actor.name}`,
          status: 'shipped' as const,
          deliveredOn: null,
          verifiedAt: null,
          verifyingState: null,
          verificationEvidence: null,
          verificationDocumentSha256: null,
        };
        fresh.push(state);
        results.push(state);
      }
      if (fresh.length === 0) {
        return results.map((r) => ('licence_id' in r ? presentShipment(r) : presentShipment(toRow(r))));
      }
      const inserted = await store.insertShipments(t, fresh);
      await recordCustodyEvents(t, actor, inserted, licences);
      await store.addUsage(t, consumed);
      const auditInputs: AuditInput[] = inserted.map((r) => ({ action: 'licensing.shipment.record', entity: 'licensing_shipment', entityId: r.id, state: store.shipmentState(r) }));
      const touched = [...new Set(fresh.map((f) => f.licenceId))];
      const events: Parameters<typeof store.insertLicenceEvents>[1] = [];
      for (const id of touched) {
        const licence = licences.find((l) => l.id === id)!;
        const ls = usage.get(id)!;
        const next = usageStatus(ls);
        let row = licence;
        if (next !== licence.status) {
          const reason = next === 'used' ? 'All licensed quantities shipped' : 'Part of the licensed quantities shipped';
          row = await store.setLicenceStatus(t, id, next, reason, now);
          events.push({ id: uuidv7(), licenceId: id, from: licence.status, to: next, at: now, actorName: actor.name, actorRole: actor.role, reason });
        }
        auditInputs.push({ action: 'licensing.licence.use', entity: 'licensing_licence', entityId: id, reason: row.status_reason, state: store.licenceState(row, ls) });
      }
      await store.insertLicenceEvents(t, events);
      await audit(ctx, t, actor, auditInputs);
      const byId = new Map(inserted.map((r) => [r.id, r]));
      return results.map((r) => ('licence_id' in r ? presentShipment(r) : presentShipment(byId.get(r.id) ?? toRow(r))));
    });
  }

  /**
   * Registry items named on a shipment get their custody event through the registry service, in this
   * transaction: an export event (Art. 7 record) under an export/temporary/transit licence; under an import
   * licence the Art. 8(1)(b) import marking and an import event. Recorded as the system on the strength of
   * the shipment this actor just recorded (industry users may not write registry events themselves).
   */
  async function recordCustodyEvents(t: Tx, actor: Actor, shipments: store.ShipmentRow[], licences: store.LicenceRow[]) {
    const withItems = shipments.filter((s) => s.lines.some((l) => l.registryItemIds?.length));
    if (withItems.length === 0) return;
    const registry = createRegistryService(deps);
    for (const s of withItems) {
      const licence = licences.find((l) => l.id === s.licence_id)!;
      const snap = licence.snapshot;
      const note = `Shipment ${s.id} under licence ${licence.number}, recorded by ${actor.role} ${actor.name}`;
      const occurredAt = `${s.shipped_on}T00:00:00Z`;
      for (const line of s.lines) {
        for (const itemId of line.registryItemIds ?? []) {
          if (licence.kind === 'import') {
            await registry.addMarking(SYSTEM_ACTOR, itemId, { kind: 'import', location: 'frame', importCountry: snap.importCountry, importYear: Number(s.shipped_on.slice(0, 4)) }, t);
            await registry.recordEvent(
              SYSTEM_ACTOR,
              itemId,
              { kind: 'imported', occurredAt, toPartyId: snap.applicant.partyId ?? null, counterpartCountry: snap.exportCountry, licenceId: licence.id, authorizationRef: licence.number, placeLocode: s.exit_point, note },
              t,
            );
          } else {
            await registry.recordEvent(
              SYSTEM_ACTOR,
              itemId,
              { kind: 'exported', occurredAt, counterpartCountry: snap.importCountry, licenceId: licence.id, authorizationRef: licence.number, placeLocode: s.exit_point, note },
              t,
            );
          }
        }
      }
    }
  }

  return {
    recordShipments,
    async recordShipment(actor: Actor, input: ShipmentInput, tx?: Tx): Promise<ShipmentView> {
      const [one] = await recordShipments(actor, [input], tx);
      return one;
    },
  };
}

function toRow(s: ReturnType<typeof store.shipmentState>): store.ShipmentRow {
  return {
    id: s.id,
    licence_id: s.licenceId,
    shipped_on: s.shippedOn,
    exit_point: s.exitPoint,
    carrier: s.carrier,
    lines: s.lines,
    external_reference: s.externalReference,
    recorded_at: s.recordedAt,
    recorded_by: s.recordedBy,
    status: s.status,
    delivered_on: s.deliveredOn,
    verified_at: s.verifiedAt,
    verifying_state: s.verifyingState,
    verification_evidence: s.verificationEvidence,
    verification_document_sha256: s.verificationDocumentSha256,
  };
}
