import { recordAuditBatch, type AuditInput } from '../../platform/audit/record.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import type { FieldError } from '../../platform/http/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { inTransaction } from '../../platform/tx.ts';
import { parseInput } from '../../platform/validation.ts';
import { checkParties, refuse } from '../checks.ts';
import { eventTimeErrors, requireEventKind, toEvent, type RegistryContext } from '../context.ts';
import {
  INITIAL_STATE,
  applyEvent,
  checkEvent,
  normaliseSerialOrNull,
  primarySerial,
  validateImportMarking,
  validateItem,
  validateItemMarkings,
  validateMarking,
  type ItemInput,
  type MarkingInput,
} from '../model.ts';
import { registryPolicy } from '../policy.ts';
import { registerItemSchema, type ItemDetail } from '../schemas.ts';
import * as events from '../store-events.ts';
import * as items from '../store-items.ts';
import { itemDetailView } from '../views.ts';

/** Registers a firearm, part or ammunition lot with its markings and, optionally, its first custody event. */
export async function registerItem(ctx: RegistryContext, actor: Actor, input: unknown, tx?: Tx): Promise<ItemDetail> {
  const { db, clock } = ctx.deps;
  registryPolicy.require(actor, 'registry.items.write');
  const body = parseInput('registry', registerItemSchema, input);
  const event = body.event ? toEvent(body.event) : null;
  if (event) {
    registryPolicy.require(actor, 'registry.events.write');
    requireEventKind(actor, event.kind);
  }
  const now = clock.now();
  const year = now.getUTCFullYear();
  const item: ItemInput = body.item;
  const markings: MarkingInput[] = body.markings;
  const errors: FieldError[] = [
    ...validateItem(item, year, 'item.'),
    ...markings.flatMap((m, i) => validateMarking(m, year, `markings.${i}.`)),
    ...validateItemMarkings(item, markings, 'markings', event?.kind),
  ];
  if (event) {
    errors.push(...checkEvent(INITIAL_STATE, event, 'event.'), ...eventTimeErrors(ctx, event, 'event.'), ...validateImportMarking(item, markings, event, 'event.'));
  }
  refuse(errors, 'The item cannot be registered');

  return inTransaction(db, tx, async (t) => {
    await checkParties(t, [
      { field: 'item.manufacturerPartyId', id: body.item.manufacturerPartyId, receiving: false },
      { field: 'event.fromPartyId', id: event?.fromPartyId, receiving: false },
      { field: 'event.toPartyId', id: event?.toPartyId, receiving: true },
    ]);
    const id = uuidv7();
    const state = event ? applyEvent(INITIAL_STATE, event) : INITIAL_STATE;
    const serial = primarySerial(item, markings);
    const row: items.ItemRow = {
      id,
      kind: item.kind,
      firearm_type: item.firearmType ?? null,
      part_type: item.partType ?? null,
      ammunition_component: item.ammunitionComponent ?? (item.kind === 'ammunition' ? 'complete_round' : null),
      make: item.make ?? null,
      model: item.model ?? null,
      calibre: item.calibre ?? null,
      year_of_manufacture: item.yearOfManufacture ?? null,
      country_of_manufacture: item.countryOfManufacture ?? markings.find((m) => m.kind === 'manufacture')?.countryOfManufacture ?? null,
      place_of_manufacture: item.placeOfManufacture ?? null,
      manufacturer_party_id: body.item.manufacturerPartyId ?? (event?.kind === 'manufactured' ? (event.toPartyId ?? null) : null),
      serial_number: item.kind === 'ammunition' ? (item.serialNumber ?? null) : serial,
      serial_norm: normaliseSerialOrNull(serial),
      lot_number: item.lotNumber ?? null,
      quantity_rounds: item.quantityRounds ?? null,
      is_antique: item.isAntique ?? false,
      is_replica: item.isReplica ?? false,
      temporary_import_purpose: item.temporaryImportPurpose ?? null,
      description: item.description ?? null,
      import_key: null,
      status: state.status,
      holder_party_id: state.holderPartyId,
      keeper_party_id: state.keeperPartyId,
      event_count: state.eventCount,
      last_event_at: state.lastEventAt,
      manufactured_at: state.manufacturedAt,
      destroyed_at: state.destroyedAt,
      created_at: now,
    };
    await items.insertItem(t, row);
    const markingRows = body.markings.map((m, i) => events.markingRowFrom(m, id, i + 1, now));
    await events.insertMarkings(t, markingRows);
    const audits: AuditInput[] = [
      { action: 'registry.item.create', entity: 'item', entityId: id, state: items.itemState(row) },
      ...markingRows.map((m) => ({ action: 'registry.marking.create', entity: 'marking', entityId: m.id, state: events.markingState(m) })),
    ];
    if (event) {
      const ev = events.eventRowFrom(event, id, 1, now);
      await events.insertEvent(t, ev);
      audits.push({ action: `registry.custody_event.${event.kind}`, entity: 'custody_event', entityId: ev.id, state: events.eventState(ev) });
    }
    await recordAuditBatch(t, actor, clock, audits);
    return itemDetailView(ctx, t, row);
  });
}
