import { recordAudit, recordAuditBatch, type AuditInput } from '../platform/audit/record.ts';
import type { Actor } from '../platform/auth/actor.ts';
import { requireVisible } from '../platform/auth/scope.ts';
import type { Tx } from '../platform/db/types.ts';
import type { Deps } from '../platform/deps.ts';
import { ForbiddenError, NotFoundError, type FieldError } from '../platform/http/errors.ts';
import { checkParties, refuse } from './checks.ts';
import { EVENT_KINDS_BY_ROLE, applyEvent, checkTransition, deriveState, validateImportMarking, type CustodyEventInput, type MarkingInput } from './model.ts';
import type { EventBody, PartyBody } from './schemas.ts';
import * as events from './store-events.ts';
import * as items from './store-items.ts';
import * as parties from './store-parties.ts';

/**
 * What every registry use case (use-cases/*.ts) is built from, and the steps several share: load an
 * item as the actor may see it (the scope rule), append a marking or a custody event to a locked item
 * with its audit entries, write a party version.
 */
export interface RegistryContext {
  deps: Deps;
}

export function createContext(deps: Deps): RegistryContext {
  return { deps };
}

export function today(ctx: RegistryContext): string {
  return ctx.deps.clock.now().toISOString().slice(0, 10);
}

export function toEvent(body: EventBody): CustodyEventInput {
  return { ...body, occurredAt: new Date(body.occurredAt) };
}

/** An item belongs to the organisations that hold, keep or made it (the organisation-scope rule's owners). */
export function itemOwners(row: Pick<items.ItemRow, 'holder_party_id' | 'keeper_party_id' | 'manufacturer_party_id'>): (string | null)[] {
  return [row.holder_party_id, row.keeper_party_id, row.manufacturer_party_id];
}

/** An item's kind and custody, as another module's rule about moving it needs them. */
export interface ItemCustodyFacts {
  id: string;
  kind: items.ItemRow['kind'];
  /** Firearm type, part type or ammunition component. */
  type: string | null;
  calibre: string | null;
  status: string;
  holderPartyId: string | null;
  keeperPartyId: string | null;
}

const MAX_CLOCK_SKEW_MS = 5 * 60_000;

export function requireEventKind(actor: Actor, kind: CustodyEventInput['kind']): void {
  if (actor.kind === 'system') return;
  const allowed = EVENT_KINDS_BY_ROLE[actor.role] ?? [];
  if (!allowed.includes(kind)) throw new ForbiddenError(`The role "${actor.role}" may not record "${kind}" events.`);
}

export function eventTimeErrors(ctx: RegistryContext, e: CustodyEventInput, prefix: string): FieldError[] {
  if (e.occurredAt.getTime() > ctx.deps.clock.now().getTime() + MAX_CLOCK_SKEW_MS) {
    return [{ field: `${prefix}occurredAt`, code: 'event.in_future', message: 'A custody event cannot be dated in the future.' }];
  }
  return [];
}

/** The item `id` as the actor may see it (the organisation-scope rule), or the same 404 as a missing one. */
export async function visibleItem(tx: Tx, actor: Actor, id: string, forUpdate = false): Promise<items.ItemRow> {
  const row = await items.getItem(tx, id, forUpdate);
  if (!row) throw new NotFoundError('Item', id);
  requireVisible(actor, itemOwners(row), 'Item', id);
  return row;
}

/**
 * The state the next event is checked against: the replayed chain. A stored chain that breaks a rule
 * (records loaded from an older system) falls back to the row's cache, and says so in the log.
 */
function replayOrCache(ctx: RegistryContext, item: items.ItemRow, chain: events.EventRow[]) {
  try {
    return deriveState(chain.map(events.eventInput));
  } catch (err) {
    ctx.deps.log.warn({ itemId: item.id, err: (err as Error).message }, 'stored custody chain breaks a rule; using the cached state');
    return items.cachedState(item);
  }
}

/** Adds a marking to a locked item and audits it; the caller has checked the permission and the scope. */
export async function appendMarking(ctx: RegistryContext, t: Tx, actor: Actor, item: items.ItemRow, m: MarkingInput): Promise<items.ItemRow> {
  const { clock } = ctx.deps;
  const existing = await events.listMarkings(t, item.id);
  const row = events.markingRowFrom(m, item.id, existing.length + 1, clock.now());
  await events.insertMarkings(t, [row]);
  const audits: AuditInput[] = [{ action: 'registry.marking.create', entity: 'marking', entityId: row.id, state: events.markingState(row) }];
  let current = item;
  if (!item.serial_norm && row.serial_norm && row.serial_number) {
    // An unmarked item gets its serial from the first mark that carries one (ITI para 8(b): import marking of an unmarked weapon).
    await items.setItemSerialIfMissing(t, item.id, row.serial_number, row.serial_norm);
    current = (await items.getItem(t, item.id))!;
    audits.push({ action: 'registry.item.serial_from_marking', entity: 'item', entityId: item.id, state: items.itemState(current) });
  }
  await recordAuditBatch(t, actor, clock, audits);
  return current;
}

/**
 * Appends a custody event to a locked item: the item's status and holder are re-derived from the whole
 * chain plus the new event (the row's cache is only written from that derivation). The caller has checked
 * the permission and the scope; refusals name fields under `fieldPrefix`.
 */
export async function appendEvent(ctx: RegistryContext, t: Tx, actor: Actor, item: items.ItemRow, event: CustodyEventInput, fieldPrefix = ''): Promise<items.ItemRow> {
  const { clock } = ctx.deps;
  const chain = await events.listEvents(t, item.id);
  const state = replayOrCache(ctx, item, chain);
  const errors = checkTransition(state, event, fieldPrefix);
  if (event.kind === 'imported' && errors.length === 0) {
    const markings = await events.listMarkings(t, item.id);
    errors.push(
      ...validateImportMarking({ kind: item.kind, temporaryImportPurpose: item.temporary_import_purpose }, markings.map(events.markingInput), event, fieldPrefix),
    );
  }
  refuse(errors, `Cannot record "${event.kind}"`);
  await checkParties(t, [
    { field: `${fieldPrefix}fromPartyId`, id: event.fromPartyId, receiving: false },
    { field: `${fieldPrefix}toPartyId`, id: event.toPartyId, receiving: true },
  ]);
  const ev = events.eventRowFrom(event, item.id, chain.length + 1, clock.now());
  await events.insertEvent(t, ev);
  const next = applyEvent(state, event);
  await items.updateItemCustody(t, item.id, next, event.kind === 'manufactured' ? (event.toPartyId ?? null) : null);
  const updated = (await items.getItem(t, item.id))!;
  await recordAuditBatch(t, actor, clock, [
    { action: `registry.custody_event.${event.kind}`, entity: 'custody_event', entityId: ev.id, state: events.eventState(ev) },
    { action: 'registry.item.custody', entity: 'item', entityId: item.id, state: items.itemState(updated) },
  ]);
  return updated;
}

/** A party's new version: the version row (its personal part kept apart) and the audit entry. */
export async function writeVersion(ctx: RegistryContext, t: Tx, actor: Actor, row: parties.PartyRow, personal: parties.PersonalRow | null, action: string, reason: string | null) {
  const { clock } = ctx.deps;
  const state = parties.partyState(row, personal);
  await parties.insertPartyVersion(t, row.id, row.version, { ...state, personal: undefined }, state.personal, clock.now(), reason);
  await recordAudit(t, actor, clock, { action, entity: 'party', entityId: row.id, reason, state });
}

/** The personal record of a person as stored (all fields null when the input names none). */
export function personalRow(partyId: string, p: PartyBody['personal']): parties.PersonalRow {
  return {
    party_id: partyId,
    given_names: p?.givenNames ?? null,
    family_name: p?.familyName ?? null,
    date_of_birth: p?.dateOfBirth ?? null,
    address: p?.address ?? null,
    identity_document_number: p?.identityDocumentNumber ?? null,
  };
}
