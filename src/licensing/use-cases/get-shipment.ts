import type { Actor } from '../../platform/auth/actor.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { requireVisible } from '../../platform/auth/scope.ts';
import { licensingPolicy } from '../policy.ts';
import * as licenceStore from '../store-licences.ts';
import { type LicensingContext } from '../context.ts';
import { presentShipment } from '../presenters.ts';

/** One shipment, as the actor may see its licence. */
export async function getShipment(ctx: LicensingContext, actor: Actor, shipmentId: string) {
  const { deps } = ctx;
  licensingPolicy.require(actor, 'licensing.shipment.read');
  const s = /^[0-9a-f-]{36}$/i.test(shipmentId) ? await licenceStore.getShipment(deps.db, shipmentId) : undefined;
  if (!s) throw new NotFoundError('Shipment', shipmentId);
  const licence = (await licenceStore.getLicenceById(deps.db, s.licence_id))!;
  requireVisible(actor, licence.organisation_id, 'Shipment', shipmentId);
  return presentShipment(s, licence.number);
}
