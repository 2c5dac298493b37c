import type { Actor } from '../../platform/auth/actor.ts';
import { requireVisible } from '../../platform/auth/scope.ts';
import type { AuditInput } from '../../platform/audit/record.ts';
import type { Tx } from '../../platform/db/types.ts';
import { NotFoundError, RuleViolationError, ValidationError, type FieldError } from '../../platform/http/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { inTransaction } from '../../platform/tx.ts';
import { parseInput } from '../../platform/validation.ts';
import { audit, today, type LicensingContext } from '../context.ts';
import { presentShipment, type ShipmentView } from '../presenters.ts';
import { checkShipment, checkShipmentItems, shipmentEvent, usageStatus, type ShipmentCheckIssue, type ShipmentItemFacts } from '../model.ts';
import { licensingPolicy } from '../policy.ts';
import { shipmentInputSchema, type ShipmentInput } from '../schemas.ts';
import * as licenceStore from '../store-licences.ts';

/**
 * Records shipments (customs declarations or the exporter's own) against their licences in one
 * transaction: each is checked against the licence's status, validity and remaining quantities, which
 * are consumed as the batch goes, so two shipments in one batch cannot together exceed a line. Registry
 * items named on its lines get their custody events through the registry service, in this transaction.
 */
export async function recordShipments(ctx: LicensingContext, actor: Actor, inputs: ShipmentInput[], tx?: Tx): Promise<ShipmentView[]> {
  const { deps, registry } = ctx;
  licensingPolicy.require(actor, 'licensing.shipment.record');
  const parsed = inputs.map((input, i) => {
    try {
      return parseInput('licensing', shipmentInputSchema, input);
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
    const licences = await licenceStore.getLicencesByNumbersForUpdate(t, numbers);
    for (const s of parsed) {
      const licence = licences.find((l) => l.number === s.licenceNumber);
      if (!licence) throw new NotFoundError('Licence', s.licenceNumber);
      requireVisible(actor, licence.organisation_id, 'Licence', s.licenceNumber);
    }
    const items = await lockItems(ctx, t, actor, parsed);
    const claimed = new Set<string>();
    const prefixes = new Map<string, string>();
    const byNumber = new Map(licences.map((l) => [l.number, l]));
    const lines = await licenceStore.getLicenceLines(t, licences.map((l) => l.id));
    const usage = new Map<string, licenceStore.LicenceLineRow[]>();
    for (const l of lines) usage.set(l.licence_id, [...(usage.get(l.licence_id) ?? []), { ...l, quantity: Number(l.quantity), used: Number(l.used) }]);

    const known = await licenceStore.findShipmentsByExternal(
      t,
      parsed.flatMap((s) => {
        const l = byNumber.get(s.licenceNumber);
        return l && s.externalReference ? [{ licenceId: l.id, externalReference: s.externalReference }] : [];
      }),
    );
    const knownByKey = new Map(known.map((k) => [`${k.licence_id}|${k.external_reference}`, k]));
    const results: (licenceStore.ShipmentRow | ReturnType<typeof licenceStore.shipmentState>)[] = [];
    const fresh: ReturnType<typeof licenceStore.shipmentState>[] = [];
    const consumed: { licenceId: string; lineNo: number; quantity: number }[] = [];
    const now = deps.clock.now();
    for (const [i, s] of parsed.entries()) {
      const prefix = parsed.length > 1 ? `${i}.` : '';
      const licence = byNumber.get(s.licenceNumber)!;
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
      refuseShipment(licence, prefix, issues);
      const event = shipmentEvent(licence.kind);
      if (event && s.lines.some((l) => l.registryItemIds?.length)) {
        refuseShipment(
          licence,
          prefix,
          checkShipmentItems({
            event,
            holderPartyId: licenceHolder(licence),
            licenceLines: licence.snapshot.goods,
            shipmentLines: s.lines,
            items,
            statusesAllowing: registry.statusesAllowing(event),
            claimed,
          }),
        );
        for (const l of s.lines) for (const id of l.registryItemIds ?? []) claimed.add(id);
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
      prefixes.set(state.id, prefix);
    }
    if (fresh.length === 0) {
      return results.map((r) => ('licence_id' in r ? presentShipment(r) : presentShipment(toRow(r))));
    }
    const inserted = await licenceStore.insertShipments(t, fresh);
    await recordCustodyEvents(ctx, t, actor, inserted, licences, prefixes);
    await licenceStore.addUsage(t, consumed);
    const auditInputs: AuditInput[] = inserted.map((r) => ({ action: 'licensing.shipment.record', entity: 'licensing_shipment', entityId: r.id, state: licenceStore.shipmentState(r) }));
    const touched = [...new Set(fresh.map((f) => f.licenceId))];
    const events: Parameters<typeof licenceStore.insertLicenceEvents>[1] = [];
    for (const id of touched) {
      const licence = licences.find((l) => l.id === id)!;
      const ls = usage.get(id)!;
      const next = usageStatus(ls);
      let row = licence;
      if (next !== licence.status) {
        const reason = next === 'used' ? 'All licensed quantities shipped' : 'Part of the licensed quantities shipped';
        row = await licenceStore.setLicenceStatus(t, id, next, reason, now);
        events.push({ id: uuidv7(), licenceId: id, from: licence.status, to: next, at: now, actorName: actor.name, actorRole: actor.role, reason });
      }
      auditInputs.push({ action: 'licensing.licence.use', entity: 'licensing_licence', entityId: id, reason: row.status_reason, state: licenceStore.licenceState(row, ls) });
    }
    await licenceStore.insertLicenceEvents(t, events);
    await audit(ctx, t, actor, auditInputs);
    const byId = new Map(inserted.map((r) => [r.id, r]));
    return results.map((r) => ('licence_id' in r ? presentShipment(r) : presentShipment(byId.get(r.id) ?? toRow(r))));
  });
}

function refuseShipment(licence: licenceStore.LicenceRow, prefix: string, issues: ShipmentCheckIssue[]): void {
  if (issues.length === 0) return;
  const errors: FieldError[] = issues.map((x) => ({ field: `${prefix}${x.field}`, code: x.code, message: x.message }));
  throw new RuleViolationError(`The shipment is refused under licence ${licence.number}: ${issues.map((x) => x.message).join(' ')}`, errors);
}

/** The registry party the licence was issued to: the exporter, or the importer under an import licence. */
function licenceHolder(licence: licenceStore.LicenceRow): string | null {
  return licence.snapshot.applicant.partyId ?? licence.organisation_id;
}

/** One read of every registry item the batch names, locked until their custody events are written. */
async function lockItems({ registry }: LicensingContext, t: Tx, actor: Actor, shipments: { lines: { registryItemIds?: string[] }[] }[]): Promise<Map<string, ShipmentItemFacts>> {
  const ids = shipments.flatMap((s) => s.lines.flatMap((l) => l.registryItemIds ?? []));
  if (ids.length === 0) return new Map();
  return new Map((await registry.itemsForShipment(actor, ids, t)).map((i) => [i.id, i]));
}

/**
 * Registry items named on shipment lines get their custody event through the registry service, in this
 * transaction and as this actor: an export event (Art. 7 record) under an export/temporary/transit licence;
 * under an import licence the Art. 8(1)(b) import marking and an import event.
 */
async function recordCustodyEvents({ registry }: LicensingContext, t: Tx, actor: Actor, shipments: licenceStore.ShipmentRow[], licences: licenceStore.LicenceRow[], prefixes: Map<string, string>) {
  for (const s of shipments) {
    const licence = licences.find((l) => l.id === s.licence_id)!;
    const event = shipmentEvent(licence.kind);
    const prefix = prefixes.get(s.id) ?? '';
    const items = s.lines.flatMap((l, i) => (l.registryItemIds ?? []).map((itemId, k) => ({ itemId, field: `${prefix}lines.${i}.registryItemIds.${k}` })));
    if (!event || items.length === 0) continue;
    const snap = licence.snapshot;
    await registry.recordShipmentCustody(
      actor,
      {
        event,
        holderPartyId: licenceHolder(licence),
        items,
        occurredAt: `${s.shipped_on}T00:00:00Z`,
        counterpartCountry: event === 'imported' ? snap.exportCountry : snap.importCountry,
        placeLocode: s.exit_point,
        licenceId: licence.id,
        authorizationRef: licence.number,
        note: `Shipment ${s.id} under licence ${licence.number}`,
        importMarking: { country: snap.importCountry, year: Number(s.shipped_on.slice(0, 4)) },
      },
      t,
    );
  }
}

function toRow(s: ReturnType<typeof licenceStore.shipmentState>): licenceStore.ShipmentRow {
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
