import type { Actor } from '../../platform/auth/actor.ts';
import { addDays } from '../model.ts';
import { listScope } from '../../platform/auth/scope.ts';
import { licensingPolicy } from '../policy.ts';
import { presentShipment } from '../presenters.ts';
import * as licenceStore from '../store-licences.ts';
import { today, type LicensingContext } from '../context.ts';

/** Shipments still waiting for the importing State's confirmation after N days (configurable). */
export async function listAwaitingVerification(ctx: LicensingContext, actor: Actor, f: { olderThanDays?: number; limit?: number } = {}) {
  const { deps } = ctx;
  licensingPolicy.require(actor, 'licensing.shipment.read');
  const days = f.olderThanDays ?? ctx.settings.deliveryOverdueDays;
  const scope = listScope(actor);
  if (!scope) return { olderThanDays: days, items: [] };
  const rows = await licenceStore.listAwaitingVerification(deps.db, { shippedBefore: addDays(today(ctx), -days), organisationId: scope.organisationId, limit: f.limit ?? 200 });
  return {
    olderThanDays: days,
    items: rows.map((r) => ({ ...presentShipment(r, r.number), importCountry: r.import_country })),
  };
}
