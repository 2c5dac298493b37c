import type { Actor } from '../platform/auth/actor.ts';
import type { Tx } from '../platform/db/types.ts';
import { NotFoundError, RuleViolationError } from '../platform/http/errors.ts';
import { inTransaction } from '../platform/tx.ts';
import { addDays } from './model.ts';
import { audit,  today,  type LicensingContext  } from './context.ts';
import { listScope, requireVisible } from '../platform/auth/scope.ts';
import { parseInput } from '../platform/validation.ts';
import { licensingPolicy } from './policy.ts';
import { presentShipment } from './record-shipment.ts';
import { deliveryVerificationSchema } from './schemas.ts';
import * as store from './store.ts';

export function deliveryVerbs(ctx: LicensingContext) {
  const { deps } = ctx;

  return {
    async getShipment(actor: Actor, shipmentId: string) {
      licensingPolicy.require(actor, 'licensing.shipment.read');
      const s = /^[0-9a-f-]{36}$/i.test(shipmentId) ? await store.getShipment(deps.db, shipmentId) : undefined;
      if (!s) throw new NotFoundError('Shipment', shipmentId);
      const licence = (await store.getLicenceById(deps.db, s.licence_id))!;
      requireVisible(actor, licence.organisation_id, 'Shipment', shipmentId);
      return presentShipment(s, licence.number);
    },

    async listShipments(actor: Actor, number: string) {
      licensingPolicy.require(actor, 'licensing.shipment.read');
      const licence = await store.getLicenceByNumber(deps.db, number);
      if (!licence) throw new NotFoundError('Licence', number);
      requireVisible(actor, licence.organisation_id, 'Licence', number);
      return (await store.listShipmentsForLicence(deps.db, licence.id)).map((s) => presentShipment(s, licence.number));
    },

    /**
     * Art. 10(4): the importing State confirms receipt of the shipment, which closes it. Only the State
     * of import named on the licence can confirm; the evidence (e.g. the import customs declaration) is kept.
     */
    async verifyDelivery(
      actor: Actor,
      shipmentId: string,
      input: { deliveredOn: string; verifyingState: string; evidence: string; documentSha256?: string | null },
      tx?: Tx,
    ) {
      licensingPolicy.require(actor, 'licensing.shipment.verify');
      const v = parseInput('licensing', deliveryVerificationSchema, input);
      return inTransaction(deps.db, tx, async (t) => {
        const s = /^[0-9a-f-]{36}$/i.test(shipmentId) ? await store.getShipment(t, shipmentId, true) : undefined;
        if (!s) throw new NotFoundError('Shipment', shipmentId);
        const licence = (await store.getLicenceById(t, s.licence_id))!;
        const problems = [];
        if (s.status === 'delivered') problems.push({ field: 'status', code: 'delivery.already_verified', message: `Delivery was already verified on ${s.delivered_on}.` });
        if (v.verifyingState !== licence.snapshot.importCountry) {
          problems.push({ field: 'verifyingState', code: 'delivery.not_importing_state', message: `Only the importing State ${licence.snapshot.importCountry} confirms receipt.` });
        }
        if (v.deliveredOn < s.shipped_on) problems.push({ field: 'deliveredOn', code: 'delivery.before_shipment', message: `Delivery ${v.deliveredOn} precedes shipment ${s.shipped_on}.` });
        if (v.deliveredOn > today(ctx)) problems.push({ field: 'deliveredOn', code: 'delivery.future', message: `Delivery date ${v.deliveredOn} is in the future.` });
        if (problems.length) throw new RuleViolationError('The delivery verification is refused.', problems);
        const row = await store.markDelivered(t, s.id, {
          deliveredOn: v.deliveredOn,
          verifiedAt: deps.clock.now(),
          verifyingState: v.verifyingState,
          evidence: v.evidence,
          documentSha256: v.documentSha256 ?? null,
        });
        await audit(ctx, t, actor, [{ action: 'licensing.shipment.verify_delivery', entity: 'licensing_shipment', entityId: row.id, reason: v.evidence, state: store.shipmentState(row) }]);
        return presentShipment(row, licence.number);
      });
    },

    /** Shipments still waiting for the importing State's confirmation after N days (configurable). */
    async listAwaitingVerification(actor: Actor, f: { olderThanDays?: number; limit?: number } = {}) {
      licensingPolicy.require(actor, 'licensing.shipment.read');
      const days = f.olderThanDays ?? ctx.settings.deliveryOverdueDays;
      const scope = listScope(actor);
      if (!scope) return { olderThanDays: days, items: [] };
      const rows = await store.listAwaitingVerification(deps.db, { shippedBefore: addDays(today(ctx), -days), organisationId: scope.organisationId, limit: f.limit ?? 200 });
      return {
        olderThanDays: days,
        items: rows.map((r) => ({ ...presentShipment(r, r.number), importCountry: r.import_country })),
      };
    },
  };
}
