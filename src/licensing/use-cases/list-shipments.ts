import type { Actor } from '../../platform/auth/actor.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { requireVisible } from '../../platform/auth/scope.ts';
import { licensingPolicy } from '../policy.ts';
import * as licenceStore from '../store-licences.ts';
import { type LicensingContext } from '../context.ts';
import { presentShipment } from '../presenters.ts';

/** The shipments made under one licence. */
export async function listShipments(ctx: LicensingContext, actor: Actor, number: string) {
  const { deps } = ctx;
  licensingPolicy.require(actor, 'licensing.shipment.read');
  const licence = await licenceStore.getLicenceByNumber(deps.db, number);
  if (!licence) throw new NotFoundError('Licence', number);
  requireVisible(actor, licence.organisation_id, 'Licence', number);
  return (await licenceStore.listShipmentsForLicence(deps.db, licence.id)).map((s) => presentShipment(s, licence.number));
}
