import { recordAudit, recordAuditBatch, type AuditInput } from '../platform/audit/record.ts';
import type { Actor } from '../platform/auth/actor.ts';
import { requireVisible } from '../platform/auth/scope.ts';
import type { Queryable, Tx } from '../platform/db/types.ts';
import type { Deps } from '../platform/deps.ts';
import { ForbiddenError, NotFoundError, type FieldError } from '../platform/http/errors.ts';
import { checkParties, refuse } from './checks.ts';
import {
  EVENT_KINDS_BY_ROLE,
  PLAIN_PATTERN_LIMIT,
  applyEvent,
  checkTransition,
  deriveState,
  fillsToSearch,
  serialTrigramCounts,
  validateImportMarking,
  type CustodyEventInput,
  type EventKind,
  type ItemStatus,
  type MarkingInput,
  type SerialPattern,
} from './model.ts';
import type { EventBody, PartyBody } from './schemas.ts';
import * as events from './store-events.ts';
import * as items from './store-items.ts';
import * as parties from './store-parties.ts';
import { insertEventsBatch } from './import/store.ts';

/**
 * What every registry use case (use-cases/*.ts) is built from, and the steps several share: load an
 * item as the actor may see it (the scope rule), append a marking or a custody event to a locked item
 * with its audit entries, write a party version.
 */
export interface RegistryContext {
  deps: Deps;
  /** What other modules asked to be told when custody events are appended (registry.onCustodyEvents). */
  custodyListeners: CustodyListener[];
  /** How rare a pattern's one trigram must be for the pattern to be searched as itself (model.fillsToSearch). */
  plainPatternLimit: { share: number; candidates: number };
  /** The registry's serial trigram frequencies, from a sample (searchFills); kept in this process, never shown. */
  serialSample: { current?: SerialSample; reading?: Promise<SerialSample> };
}

export interface RegistryOptions {
  /** model.PLAIN_PATTERN_LIMIT unless given (tests make the choice flip on a small registry). */
  plainPatternLimit?: { share: number; candidates: number };
}

export function createContext(deps: Deps, options: RegistryOptions = {}): RegistryContext {
  return { deps, custodyListeners: [], plainPatternLimit: options.plainPatternLimit ?? PLAIN_PATTERN_LIMIT, serialSample: {} };
}

/** How many serials hold each trigram on a random share of registry_items' pages (model.serialTrigramCounts). */
interface SerialSample {
  counts: Map<string, number>;
  /** The share of the table's pages the sample read: a count divided by it estimates the registry's. */
  fraction: number;
  /** Serials in the sample. */
  serials: number;
  /** The table's size in pages when the sample was read. */
  pages: number;
  readAt: number;
}

/**
 * Pages the sample reads, at random: ~41,000 items at 10M (41 to a page; read in ~0.1 s, BENCHMARKS.md), all
 * of them in a registry of fewer pages. Its estimate of a trigram in 2,000 of 10M serials rests on ~8 of them.
 */
const SERIAL_SAMPLE_PAGES = 1000;
/** The sample is read again when the table has grown (or been rewritten) by this share, or is this old. */
const SERIAL_SAMPLE_RESIZE = 0.1;
const SERIAL_SAMPLE_MAX_AGE_MS = 3_600_000;

/**
 * The fills each partial serial search goes through (model.fillsToSearch): for a pattern with one trigram,
 * decided by how many serials of this registry hold it, estimated from a sample of their trigrams. The sample
 * is read on `q` by the first search that needs it, and again when the table's size has moved by a tenth
 * (checked on every such search: one catalog read) or after an hour. A search that finds it being read does
 * not wait (on PGlite the reader's connection may be inside a transaction): it uses the previous sample, or
 * the fills when there is none yet. The choice changes the work, never the matches.
 */
export async function searchFills(ctx: RegistryContext, q: Queryable, patterns: readonly SerialPattern[]): Promise<(string[] | undefined)[]> {
  const sample = patterns.some((p) => p.fills && p.trigram !== undefined) ? await serialSample(ctx, q) : undefined;
  return patterns.map((p) => {
    const frequency = sample && p.trigram !== undefined ? { holding: (sample.counts.get(p.trigram) ?? 0) / sample.fraction, serials: sample.serials / sample.fraction } : undefined;
    return fillsToSearch(p, frequency, ctx.plainPatternLimit);
  });
}

async function serialSample(ctx: RegistryContext, q: Queryable): Promise<SerialSample | undefined> {
  const state = ctx.serialSample;
  if (state.reading) return state.current;
  const read = (async (): Promise<SerialSample> => {
    const pages = await items.itemTablePages(q);
    const current = state.current;
    if (current && Math.abs(pages - current.pages) <= SERIAL_SAMPLE_RESIZE * current.pages && performance.now() - current.readAt < SERIAL_SAMPLE_MAX_AGE_MS) return current;
    const percent = pages <= SERIAL_SAMPLE_PAGES ? 100 : (100 * SERIAL_SAMPLE_PAGES) / pages;
    const serials = await items.sampleItemSerials(q, percent);
    return { counts: serialTrigramCounts(serials), fraction: percent / 100, serials: serials.length, pages, readAt: performance.now() };
  })();
  state.reading = read;
  try {
    state.current = await read;
  } finally {
    state.reading = undefined;
  }
  return state.current;
}

/** One custody event just appended, as another module that reacts to custody changes sees it. */
export interface CustodyChange {
  itemId: string;
  eventId: string;
  kind: EventKind;
  occurredAt: Date;
  statusBefore: ItemStatus;
  statusAfter: ItemStatus;
}

/**
 * Called in the transaction that appends the events, after they and their audit entries are written (so a
 * listener's own writes commit or roll back with them), with the actor who recorded them. The registry
 * knows nothing of its listeners: the exchange's bridge subscribes to send lost/stolen notices.
 */
export type CustodyListener = (t: Tx, actor: Actor, changes: readonly CustodyChange[]) => Promise<void>;

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

/** One custody event to append to one locked item; refusals name fields under `fieldPrefix`. */
export interface PendingEvent {
  item: items.ItemRow;
  event: CustodyEventInput;
  fieldPrefix?: string;
}

/**
 * Appends a custody event to a locked item: the item's status and holder are re-derived from the whole
 * chain plus the new event (the row's cache is only written from that derivation). The caller has checked
 * the permission and the scope; refusals name fields under `fieldPrefix`.
 */
export async function appendEvent(ctx: RegistryContext, t: Tx, actor: Actor, item: items.ItemRow, event: CustodyEventInput, fieldPrefix = ''): Promise<items.ItemRow> {
  return (await appendEvents(ctx, t, actor, [{ item, event, fieldPrefix }]))[0];
}

/**
 * appendEvent for many items at once, set-based (a seizure list seizes thousands): the chains read in one
 * statement, every event checked against its item's replayed chain before anything is written (one refused
 * event writes none), then one insert of the events, one update of the custody caches and one audit batch.
 * One event per item per call: a second event on the same item would have to be checked against the first.
 */
export async function appendEvents(ctx: RegistryContext, t: Tx, actor: Actor, pending: readonly PendingEvent[]): Promise<items.ItemRow[]> {
  if (pending.length === 0) return [];
  const { clock } = ctx.deps;
  const ids = pending.map((p) => p.item.id);
  if (new Set(ids).size !== ids.length) throw new Error('appendEvents takes one event per item');
  const chains = new Map<string, events.EventRow[]>();
  for (const e of await events.listEventsForItems(t, ids)) chains.set(e.item_id, [...(chains.get(e.item_id) ?? []), e]);
  const errors: FieldError[] = [];
  const states = pending.map((p) => {
    const state = replayOrCache(ctx, p.item, chains.get(p.item.id) ?? []);
    errors.push(...checkTransition(state, p.event, p.fieldPrefix ?? ''));
    return state;
  });
  const imports = pending.filter((p) => p.event.kind === 'imported');
  if (errors.length === 0 && imports.length > 0) {
    const markings = new Map<string, events.MarkingRow[]>();
    for (const m of await events.listMarkingsForItems(t, imports.map((p) => p.item.id))) markings.set(m.item_id, [...(markings.get(m.item_id) ?? []), m]);
    for (const p of imports) {
      const item = p.item;
      errors.push(
        ...validateImportMarking({ kind: item.kind, temporaryImportPurpose: item.temporary_import_purpose }, (markings.get(item.id) ?? []).map(events.markingInput), p.event, p.fieldPrefix ?? ''),
      );
    }
  }
  refuse(errors, pending.length === 1 ? `Cannot record "${pending[0].event.kind}"` : 'Cannot record the custody events');
  await checkParties(
    t,
    pending.flatMap((p) => [
      { field: `${p.fieldPrefix ?? ''}fromPartyId`, id: p.event.fromPartyId, receiving: false },
      { field: `${p.fieldPrefix ?? ''}toPartyId`, id: p.event.toPartyId, receiving: true },
    ]),
  );
  const now = clock.now();
  const rows = pending.map((p) => events.eventRowFrom(p.event, p.item.id, (chains.get(p.item.id)?.length ?? 0) + 1, now));
  await insertEventsBatch(t, rows);
  const custody = pending.map((p, i) => ({ id: p.item.id, state: applyEvent(states[i], p.event), manufacturerPartyId: p.event.kind === 'manufactured' ? (p.event.toPartyId ?? null) : null }));
  await items.updateItemsCustody(t, custody);
  // The rows as that update left them (the locked items cannot have changed otherwise since they were read).
  const updated = pending.map((p, i) => items.withCustody(p.item, custody[i].state, custody[i].manufacturerPartyId));
  await recordAuditBatch(
    t,
    actor,
    clock,
    rows.flatMap((ev, i) => [
      { action: `registry.custody_event.${ev.kind}`, entity: 'custody_event', entityId: ev.id, state: events.eventState(ev) },
      { action: 'registry.item.custody', entity: 'item', entityId: ev.item_id, state: items.itemState(updated[i]) },
    ]),
  );
  if (ctx.custodyListeners.length > 0) {
    const changes = rows.map((ev, i): CustodyChange => ({ itemId: ev.item_id, eventId: ev.id, kind: pending[i].event.kind, occurredAt: pending[i].event.occurredAt, statusBefore: states[i].status, statusAfter: custody[i].state.status }));
    for (const listen of ctx.custodyListeners) await listen(t, actor, changes);
  }
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
