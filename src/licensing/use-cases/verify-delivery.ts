import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import { NotFoundError, RuleViolationError } from '../../platform/http/errors.ts';
import { inTransaction } from '../../platform/tx.ts';
import { parseInput } from '../../platform/validation.ts';
import { licensingPolicy } from '../policy.ts';
import { deliveryVerificationSchema } from '../schemas.ts';
import * as licenceStore from '../store-licences.ts';
import { audit, today, type LicensingContext } from '../context.ts';
import { presentShipment } from '../presenters.ts';

/**
 * Art. 10(4): the importing State confirms receipt of the shipment, which closes it. Only the State
 * of import named on the licence can confirm; the evidence (e.g. the import customs declaration) is kept.
 */
export async function verifyDelivery(
  ctx: LicensingContext,
  actor: Actor,
  shipmentId: string,
  input: { deliveredOn: string; verifyingState: string; evidence: string; documentSha256?: string | null },
  tx?: Tx,
) {
  const { deps } = ctx;
  licensingPolicy.require(actor, 'licensing.shipment.verify');
  const v = parseInput('licensing', deliveryVerificationSchema, input);
  return inTransaction(deps.db, tx, async (t) => {
    const s = /^[0-9a-f-]{36}$/i.test(shipmentId) ? await licenceStore.getShipment(t, shipmentId, true) : undefined;
    if (!s) throw new NotFoundError('Shipment', shipmentId);
    const licence = (await licenceStore.getLicenceById(t, s.licence_id))!;
    const problems = [];
    if (s.status === 'delivered') problems.push({ field: 'status', code: 'delivery.already_verified', message: `Delivery was already verified on ${s.delivered_on}.` });
    if (v.verifyingState !== licence.snapshot.importCountry) {
      problems.push({ field: 'verifyingState', code: 'delivery.not_importing_state', message: `Only the importing State ${licence.snapshot.importCountry} confirms receipt.` });
    }
    if (v.deliveredOn < s.shipped_on) problems.push({ field: 'deliveredOn', code: 'delivery.before_shipment', message: `Delivery ${v.deliveredOn} precedes shipment ${s.shipped_on}.` });
    if (v.deliveredOn > today(ctx)) problems.push({ field: 'deliveredOn', code: 'delivery.future', message: `Delivery date ${v.deliveredOn} is in the future.` });
    if (problems.length) throw new RuleViolationError('The delivery verification is refused.', problems);
    const row = await licenceStore.markDelivered(t, s.id, {
      deliveredOn: v.deliveredOn,
      verifiedAt: deps.clock.now(),
      verifyingState: v.verifyingState,
      evidence: v.evidence,
      documentSha256: v.documentSha256 ?? null,
    });
    await audit(ctx, t, actor, [{ action: 'licensing.shipment.verify_delivery', entity: 'licensing_shipment', entityId: row.id, reason: v.evidence, state: licenceStore.shipmentState(row) }]);
    return presentShipment(row, licence.number);
  });
}
