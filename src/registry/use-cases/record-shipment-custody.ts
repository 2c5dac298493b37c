import type { Actor } from '../../platform/auth/actor.ts';
import { requireVisible } from '../../platform/auth/scope.ts';
import type { Tx } from '../../platform/db/types.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { refuse } from '../checks.ts';
import { appendEvent, appendMarking, eventTimeErrors, type RegistryContext } from '../context.ts';
import { validateEventFields, type CustodyEventInput } from '../model.ts';
import { registryPolicy } from '../policy.ts';
import * as items from '../store-items.ts';

/** A licensed shipment's movement of items, as licensing hands it to the registry. */
export interface ShipmentMovement {
  event: 'exported' | 'imported';
  holderPartyId: string | null;
  items: readonly { itemId: string; field: string }[];
  occurredAt: string;
  counterpartCountry: string;
  placeLocode: string;
  licenceId: string;
  authorizationRef: string;
  note: string;
  importMarking?: { country: string; year: number };
}

/**
 * Custody events for the items a licensed shipment moves, recorded as the user who recorded the
 * shipment (industry users record no other custody event): an export event (Art. 7), or under an import
 * licence the Art. 8(1)(b) import marking and an import event. The licence holder must be within the
 * actor's organisation scope; the caller has applied the shipment rule to the locked items. The
 * registry's own state machine still applies, and a refusal names the item's place in the shipment.
 */
export async function recordShipmentCustody(ctx: RegistryContext, actor: Actor, movement: ShipmentMovement, tx: Tx): Promise<void> {
  registryPolicy.require(actor, 'registry.events.shipment');
  requireVisible(actor, movement.holderPartyId, 'Party', movement.holderPartyId ?? '');
  for (const { itemId, field } of movement.items) {
    const prefix = `${field}.`;
    let item = await items.getItem(tx, itemId, true);
    if (!item) throw new NotFoundError('Item', itemId);
    const base = { occurredAt: new Date(movement.occurredAt), counterpartCountry: movement.counterpartCountry, placeLocode: movement.placeLocode, licenceId: movement.licenceId, authorizationRef: movement.authorizationRef, note: movement.note };
    let event: CustodyEventInput;
    if (movement.event === 'imported') {
      const m = movement.importMarking!;
      item = await appendMarking(ctx, tx, actor, item, { kind: 'import', location: 'frame', importCountry: m.country, importYear: m.year });
      event = { ...base, kind: 'imported', toPartyId: movement.holderPartyId };
    } else {
      event = { ...base, kind: 'exported' };
    }
    refuse([...validateEventFields(event, prefix), ...eventTimeErrors(ctx, event, prefix)], `Cannot record "${event.kind}"`);
    await appendEvent(ctx, tx, actor, item, event, prefix);
  }
}
