import { recordAuditBatch, type AuditInput } from '../../platform/audit/record.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import type { FieldError } from '../../platform/http/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { inTransaction } from '../../platform/tx.ts';
import { parseInput } from '../../platform/validation.ts';
import { checkParties, refuse } from '../checks.ts';
import { eventTimeErrors, requireEventKind, toEvent, type RegistryContext } from '../context.ts';
import { insertEventsBatch, insertItemsRaw } from '../import/store.ts';
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
  registryPolicy.require(actor, 'registry.items.write');
  const prepared = prepareRegistration(ctx, actor, input, ctx.deps.clock.now());
  refuse(prepared.errors, 'The item cannot be registered');
  return inTransaction(ctx.deps.db, tx, async (t) => {
    await writeRegistrations(ctx, t, actor, [prepared]);
    return itemDetailView(ctx, t, prepared.row);
  });
}

/** One item ready to be written: its rows, the parties it names, and every rule it breaks. */
export interface PreparedRegistration {
  row: items.ItemRow;
  markings: events.MarkingRow[];
  event: events.EventRow | null;
  parties: { field: string; id: string | null | undefined; receiving: boolean }[];
  errors: FieldError[];
  /** Why, for the audit entries (e.g. the recovery a seized item was registered for). */
  reason: string | null;
}

/**
 * The input parsed and checked by every registration rule, and the rows it becomes: shared by one
 * registration and a batch of them (registerItems), so both apply exactly the same rules. Field names
 * carry `prefix` (a batch's entry index).
 */
export function prepareRegistration(ctx: RegistryContext, actor: Actor, input: unknown, now: Date, prefix = '', reason: string | null = null): PreparedRegistration {
  const body = parseInput('registry', registerItemSchema, input, { prefix });
  const event = body.event ? toEvent(body.event) : null;
  if (event) {
    registryPolicy.require(actor, 'registry.events.write');
    requireEventKind(actor, event.kind);
  }
  const year = now.getUTCFullYear();
  const item: ItemInput = body.item;
  const markings: MarkingInput[] = body.markings;
  const errors: FieldError[] = [
    ...validateItem(item, year, `${prefix}item.`),
    ...markings.flatMap((m, i) => validateMarking(m, year, `${prefix}markings.${i}.`)),
    ...validateItemMarkings(item, markings, `${prefix}markings`, event?.kind),
  ];
  if (event) {
    const p = `${prefix}event.`;
    errors.push(...checkEvent(INITIAL_STATE, event, p), ...eventTimeErrors(ctx, event, p), ...validateImportMarking(item, markings, event, p));
  }
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
  return {
    row,
    markings: body.markings.map((m, i) => events.markingRowFrom(m, id, i + 1, now)),
    event: event ? events.eventRowFrom(event, id, 1, now) : null,
    parties: [
      { field: `${prefix}item.manufacturerPartyId`, id: body.item.manufacturerPartyId, receiving: false },
      { field: `${prefix}event.fromPartyId`, id: event?.fromPartyId, receiving: false },
      { field: `${prefix}event.toPartyId`, id: event?.toPartyId, receiving: true },
    ],
    errors,
    reason,
  };
}

/**
 * Writes checked registrations set-based: the parties they name checked at once, then one insert each of
 * items, markings and first events, and one audit batch (the item, each marking, the event).
 */
export async function writeRegistrations(ctx: RegistryContext, t: Tx, actor: Actor, prepared: readonly PreparedRegistration[]): Promise<void> {
  if (prepared.length === 0) return;
  await checkParties(t, prepared.flatMap((p) => p.parties));
  await insertItemsRaw(t, prepared.map((p) => p.row));
  await events.insertMarkings(t, prepared.flatMap((p) => p.markings));
  const firstEvents = prepared.flatMap((p) => (p.event ? [p.event] : []));
  await insertEventsBatch(t, firstEvents);
  const audits: AuditInput[] = prepared.flatMap((p) => [
    { action: 'registry.item.create', entity: 'item', entityId: p.row.id, reason: p.reason, state: items.itemState(p.row) },
    ...p.markings.map((m) => ({ action: 'registry.marking.create', entity: 'marking', entityId: m.id, reason: p.reason, state: events.markingState(m) })),
    ...(p.event ? [{ action: `registry.custody_event.${p.event.kind}`, entity: 'custody_event', entityId: p.event.id, reason: p.reason, state: events.eventState(p.event) }] : []),
  ]);
  await recordAuditBatch(t, actor, ctx.deps.clock, audits);
}
