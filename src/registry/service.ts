import { z } from 'zod';
import { recordAudit, recordAuditBatch, unchanged, type AuditInput } from '../platform/audit/record.ts';
import type { Actor } from '../platform/auth/actor.ts';
import type { Tx } from '../platform/db/types.ts';
import { readDb } from '../platform/db/replica.ts';
import type { Deps } from '../platform/deps.ts';
import { ConflictError, ForbiddenError, NotFoundError, RuleViolationError, type FieldError } from '../platform/http/errors.ts';
import { decodeCursor, toPage, type Page } from '../platform/http/pagination.ts';
import { uuidv7 } from '../platform/ids.ts';
import { inTransaction } from '../platform/tx.ts';
import { listScope, mayTouch, requireVisible } from '../platform/auth/scope.ts';
import { parseInput } from '../platform/validation.ts';
import { isCountryCode } from '../reference/countries.ts';
import {
  EVENT_KINDS_BY_ROLE,
  INITIAL_STATE,
  applyEvent,
  checkEvent,
  checkTransition,
  deriveState,
  normaliseSerialOrNull,
  primarySerial,
  retentionUntil,
  statusesAllowing,
  validateEventFields,
  validateImportMarking,
  validateItem,
  validateItemMarkings,
  validateMarking,
  type CustodyEventInput,
  type ItemInput,
  type MarkingInput,
} from './model.ts';
import { registryPolicy } from './policy.ts';
import { presentItemDetail, presentPartyDetail, presentPartySummary, presentPartyVersion, presentRegistration } from './presenters.ts';
import {
  eventInputSchema,
  markingInputSchema,
  partyInputSchema,
  partyListQuerySchema,
  partyUpdateSchema,
  registerItemSchema,
  registrationInputSchema,
  retireSchema,
  type EventBody,
  type ItemDetail,
  type PartyDetail,
  type PartySummary,
  type PartyVersion,
  type Registration,
} from './schemas.ts';
import { itemStats, rankPartialSerial, searchItems } from './search.ts';
import * as store from './store.ts';

/**
 * Registry use cases. Each method checks the permission first, validates (bad input writes nothing),
 * runs in one transaction (the caller's, when another module passes one) and audits every write in it.
 * Inputs are parsed with the same zod schemas as the HTTP layer, so the CLI and other modules get the
 * same field errors.
 */

function refuse(errors: FieldError[], what: string): void {
  if (errors.length) throw new RuleViolationError(`${what}: ${errors.map((e) => e.message).join(' ')}`, errors);
}

function toEvent(body: EventBody): CustodyEventInput {
  return { ...body, occurredAt: new Date(body.occurredAt) };
}

/** An item belongs to the organisations that hold, keep or made it (the organisation-scope rule's owners). */
export function itemOwners(row: Pick<store.ItemRow, 'holder_party_id' | 'keeper_party_id' | 'manufacturer_party_id'>): (string | null)[] {
  return [row.holder_party_id, row.keeper_party_id, row.manufacturer_party_id];
}

/** An item's kind and custody, as another module's rule about moving it needs them. */
export interface ItemCustodyFacts {
  id: string;
  kind: store.ItemRow['kind'];
  /** Firearm type, part type or ammunition component. */
  type: string | null;
  calibre: string | null;
  status: string;
  holderPartyId: string | null;
  keeperPartyId: string | null;
}

const MAX_CLOCK_SKEW_MS = 5 * 60_000;

export function createRegistryService(deps: Deps) {
  const { db, clock } = deps;
  const today = () => clock.now().toISOString().slice(0, 10);

  function requireEventKind(actor: Actor, kind: CustodyEventInput['kind']): void {
    if (actor.kind === 'system') return;
    const allowed = EVENT_KINDS_BY_ROLE[actor.role] ?? [];
    if (!allowed.includes(kind)) throw new ForbiddenError(`The role "${actor.role}" may not record "${kind}" events.`);
  }

  function eventTimeErrors(e: CustodyEventInput, prefix: string): FieldError[] {
    if (e.occurredAt.getTime() > clock.now().getTime() + MAX_CLOCK_SKEW_MS) {
      return [{ field: `${prefix}occurredAt`, code: 'event.in_future', message: 'A custody event cannot be dated in the future.' }];
    }
    return [];
  }

  /** Every party an input names must exist; a retired party cannot receive an item. */
  async function checkParties(tx: Tx, refs: { field: string; id: string | null | undefined; receiving: boolean }[]): Promise<void> {
    const wanted = refs.filter((r): r is { field: string; id: string; receiving: boolean } => !!r.id);
    if (wanted.length === 0) return;
    const rows = await store.getParties(tx, [...new Set(wanted.map((r) => r.id))]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const errors: FieldError[] = [];
    for (const r of wanted) {
      const p = byId.get(r.id);
      if (!p) errors.push({ field: r.field, code: 'party.not_found', message: `Party ${r.id} does not exist.` });
      else if (r.receiving && p.retired_at) errors.push({ field: r.field, code: 'party.retired', message: `Party ${r.id} is retired and cannot receive items.` });
    }
    refuse(errors, 'Unknown or retired party');
  }

  async function loadDetail(tx: Tx, row: store.ItemRow): Promise<ItemDetail> {
    const [markings, events] = await Promise.all([store.listMarkings(tx, row.id), store.listEvents(tx, row.id)]);
    // The row's custody cache is written only from deriveState (tests compare them), so the page does
    // not replay the chain on every read.
    const state = store.cachedState(row);
    const ids = new Set<string>();
    for (const id of [row.manufacturer_party_id, row.holder_party_id, row.keeper_party_id]) if (id) ids.add(id);
    for (const e of events) for (const id of [e.from_party_id, e.to_party_id]) if (id) ids.add(id);
    const parties = await store.getParties(tx, [...ids]);
    return presentItemDetail(row, markings, events, parties, retentionUntil(row.created_at, state, deps.config.retention));
  }

  /**
   * The state the next event is checked against: the replayed chain. A stored chain that breaks a rule
   * (records loaded from an older system) falls back to the row's cache, and says so in the log.
   */
  function replayOrCache(item: store.ItemRow, events: store.EventRow[]) {
    try {
      return deriveState(events.map(store.eventInput));
    } catch (err) {
      deps.log.warn({ itemId: item.id, err: (err as Error).message }, 'stored custody chain breaks a rule; using the cached state');
      return store.cachedState(item);
    }
  }

  /** Adds a marking to a locked item and audits it; the caller has checked the permission and the scope. */
  async function appendMarking(t: Tx, actor: Actor, item: store.ItemRow, m: MarkingInput): Promise<store.ItemRow> {
    const existing = await store.listMarkings(t, item.id);
    const row = store.markingRowFrom(m, item.id, existing.length + 1, clock.now());
    await store.insertMarkings(t, [row]);
    const audits: AuditInput[] = [{ action: 'registry.marking.create', entity: 'marking', entityId: row.id, state: store.markingState(row) }];
    let current = item;
    if (!item.serial_norm && row.serial_norm && row.serial_number) {
      // An unmarked item gets its serial from the first mark that carries one (ITI para 8(b): import marking of an unmarked weapon).
      await store.setItemSerialIfMissing(t, item.id, row.serial_number, row.serial_norm);
      current = (await store.getItem(t, item.id))!;
      audits.push({ action: 'registry.item.serial_from_marking', entity: 'item', entityId: item.id, state: store.itemState(current) });
    }
    await recordAuditBatch(t, actor, clock, audits);
    return current;
  }

  /**
   * Appends a custody event to a locked item: the item's status and holder are re-derived from the whole
   * chain plus the new event (the row's cache is only written from that derivation). The caller has checked
   * the permission and the scope; refusals name fields under `fieldPrefix`.
   */
  async function appendEvent(t: Tx, actor: Actor, item: store.ItemRow, event: CustodyEventInput, fieldPrefix = ''): Promise<store.ItemRow> {
    const events = await store.listEvents(t, item.id);
    const state = replayOrCache(item, events);
    const errors = checkTransition(state, event, fieldPrefix);
    if (event.kind === 'imported' && errors.length === 0) {
      const markings = await store.listMarkings(t, item.id);
      errors.push(
        ...validateImportMarking({ kind: item.kind, temporaryImportPurpose: item.temporary_import_purpose }, markings.map(store.markingInput), event, fieldPrefix),
      );
    }
    refuse(errors, `Cannot record "${event.kind}"`);
    await checkParties(t, [
      { field: `${fieldPrefix}fromPartyId`, id: event.fromPartyId, receiving: false },
      { field: `${fieldPrefix}toPartyId`, id: event.toPartyId, receiving: true },
    ]);
    const ev = store.eventRowFrom(event, item.id, events.length + 1, clock.now());
    await store.insertEvent(t, ev);
    const next = applyEvent(state, event);
    await store.updateItemCustody(t, item.id, next, event.kind === 'manufactured' ? (event.toPartyId ?? null) : null);
    const updated = (await store.getItem(t, item.id))!;
    await recordAuditBatch(t, actor, clock, [
      { action: `registry.custody_event.${event.kind}`, entity: 'custody_event', entityId: ev.id, state: store.eventState(ev) },
      { action: 'registry.item.custody', entity: 'item', entityId: item.id, state: store.itemState(updated) },
    ]);
    return updated;
  }

  async function visibleItem(tx: Tx, actor: Actor, id: string, forUpdate = false): Promise<store.ItemRow> {
    const row = await store.getItem(tx, id, forUpdate);
    if (!row) throw new NotFoundError('Item', id);
    requireVisible(actor, itemOwners(row), 'Item', id);
    return row;
  }

  return {
    /** Registers a firearm, part or ammunition lot with its markings and, optionally, its first custody event. */
    async registerItem(actor: Actor, input: unknown, tx?: Tx): Promise<ItemDetail> {
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
        errors.push(...checkEvent(INITIAL_STATE, event, 'event.'), ...eventTimeErrors(event, 'event.'), ...validateImportMarking(item, markings, event, 'event.'));
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
        const row: store.ItemRow = {
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
        await store.insertItem(t, row);
        const markingRows = body.markings.map((m, i) => store.markingRowFrom(m, id, i + 1, now));
        await store.insertMarkings(t, markingRows);
        const audits: AuditInput[] = [
          { action: 'registry.item.create', entity: 'item', entityId: id, state: store.itemState(row) },
          ...markingRows.map((m) => ({ action: 'registry.marking.create', entity: 'marking', entityId: m.id, state: store.markingState(m) })),
        ];
        if (event) {
          const ev = store.eventRowFrom(event, id, 1, now);
          await store.insertEvent(t, ev);
          audits.push({ action: `registry.custody_event.${event.kind}`, entity: 'custody_event', entityId: ev.id, state: store.eventState(ev) });
        }
        await recordAuditBatch(t, actor, clock, audits);
        return loadDetail(t, row);
      });
    },

    /** Appends a marking (markings are never overwritten: Art. 8). */
    async addMarking(actor: Actor, itemId: string, input: unknown, tx?: Tx): Promise<ItemDetail> {
      registryPolicy.require(actor, 'registry.items.write');
      const m = parseInput('registry', markingInputSchema, input);
      refuse(validateMarking(m, clock.now().getUTCFullYear()), 'The marking is invalid');
      return inTransaction(db, tx, async (t) => loadDetail(t, await appendMarking(t, actor, await visibleItem(t, actor, itemId, true), m)));
    },

    /**
     * Appends a custody event. The item's status and holder are re-derived from the whole chain plus
     * the new event (the row's cache is only written from that derivation).
     */
    async recordEvent(actor: Actor, itemId: string, input: unknown, tx?: Tx): Promise<ItemDetail> {
      registryPolicy.require(actor, 'registry.events.write');
      const event = toEvent(parseInput('registry', eventInputSchema, input));
      requireEventKind(actor, event.kind);
      refuse([...validateEventFields(event), ...eventTimeErrors(event, '')], 'The custody event is invalid');
      // FOR UPDATE serialises events on one item: two clerks cannot both sell the same gun.
      return inTransaction(db, tx, async (t) => loadDetail(t, await appendEvent(t, actor, await visibleItem(t, actor, itemId, true), event)));
    },

    /** The item page: markings, full chain of custody, derived status and holder, retention date. */
    async getItem(actor: Actor, id: string, tx?: Tx): Promise<ItemDetail> {
      registryPolicy.require(actor, 'registry.items.read');
      // An item page may come from a replica (never stale for the user who just wrote it).
      return inTransaction(readDb(deps, actor), tx, async (t) => loadDetail(t, await visibleItem(t, actor, id)));
    },

    /**
     * What the licensing shipment rule needs to know of the items a shipment names, read once and locked
     * (FOR UPDATE) in the caller's transaction, so nothing moves them before their custody events are
     * written. Not limited to the actor's organisation: the shipment rule decides which items the actor
     * may move, and none of this is returned to its client.
     */
    async itemsForShipment(actor: Actor, ids: readonly string[], tx: Tx): Promise<ItemCustodyFacts[]> {
      registryPolicy.require(actor, 'registry.events.shipment');
      const rows = await store.getItemsForUpdate(tx, [...new Set(ids)]);
      return rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        type: r.firearm_type ?? r.part_type ?? r.ammunition_component,
        calibre: r.calibre,
        status: r.status,
        holderPartyId: r.holder_party_id,
        keeperPartyId: r.keeper_party_id,
      }));
    },

    /** The statuses from which a custody event may be recorded (the registry's state machine). */
    statusesAllowing,

    /**
     * Custody events for the items a licensed shipment moves, recorded as the user who recorded the
     * shipment (industry users record no other custody event): an export event (Art. 7), or under an import
     * licence the Art. 8(1)(b) import marking and an import event. The licence holder must be within the
     * actor's organisation scope; the caller has applied the shipment rule to the locked items. The
     * registry's own state machine still applies, and a refusal names the item's place in the shipment.
     */
    async recordShipmentCustody(
      actor: Actor,
      movement: {
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
      },
      tx: Tx,
    ): Promise<void> {
      registryPolicy.require(actor, 'registry.events.shipment');
      requireVisible(actor, movement.holderPartyId, 'Party', movement.holderPartyId ?? '');
      for (const { itemId, field } of movement.items) {
        const prefix = `${field}.`;
        let item = await store.getItem(tx, itemId, true);
        if (!item) throw new NotFoundError('Item', itemId);
        const base = { occurredAt: new Date(movement.occurredAt), counterpartCountry: movement.counterpartCountry, placeLocode: movement.placeLocode, licenceId: movement.licenceId, authorizationRef: movement.authorizationRef, note: movement.note };
        let event: CustodyEventInput;
        if (movement.event === 'imported') {
          const m = movement.importMarking!;
          item = await appendMarking(tx, actor, item, { kind: 'import', location: 'frame', importCountry: m.country, importYear: m.year });
          event = { ...base, kind: 'imported', toPartyId: movement.holderPartyId };
        } else {
          event = { ...base, kind: 'exported' };
        }
        refuse([...validateEventFields(event, prefix), ...eventTimeErrors(event, prefix)], `Cannot record "${event.kind}"`);
        await appendEvent(tx, actor, item, event, prefix);
      }
    },

    searchItems(actor: Actor, query: unknown, tx?: Tx) {
      return searchItems(deps, actor, query, tx);
    },

    /** Ranked candidates for an obliterated or altered serial, with the count of every match. */
    rankPartialSerial(actor: Actor, query: unknown, tx?: Tx) {
      return rankPartialSerial(deps, actor, query, tx);
    },

    itemStats(actor: Actor, tx?: Tx) {
      return itemStats(deps, actor, tx);
    },

    // ------------------------------------------------------------ parties

    async createParty(actor: Actor, input: unknown, tx?: Tx): Promise<PartyDetail> {
      registryPolicy.require(actor, 'registry.parties.write');
      const body = parseInput('registry', partyInputSchema, input);
      refuse(partyRuleErrors(body.kind, body, true), 'The party is invalid');
      return inTransaction(db, tx, async (t) => {
        const now = clock.now();
        const row: store.PartyRow = {
          id: uuidv7(),
          version: 1,
          kind: body.kind,
          roles: [...new Set(body.roles)],
          name: body.name ?? null,
          country: body.country ?? null,
          registration_number: body.registrationNumber ?? null,
          contact_email: body.contactEmail ?? null,
          created_at: now,
          updated_at: now,
          retired_at: null,
          retired_reason: null,
        };
        await store.insertParty(t, row);
        const personal = body.kind === 'person' ? personalRow(row.id, body.personal) : null;
        if (personal) await store.upsertPersonal(t, personal);
        await writeVersion(t, actor, row, personal, 'registry.party.create', null);
        return presentPartyDetail(row, [], today(), registryPolicy.can(actor, 'registry.parties.read_personal') ? personal : undefined);
      });
    },

    /** Update = a new version; the previous one stays in registry_party_versions. */
    async updateParty(actor: Actor, id: string, input: unknown, tx?: Tx): Promise<PartyDetail> {
      registryPolicy.require(actor, 'registry.parties.write');
      const body = parseInput('registry', partyUpdateSchema, input);
      return inTransaction(db, tx, async (t) => {
        const current = await store.getParty(t, id, true);
        if (!current) throw new NotFoundError('Party', id);
        if (current.retired_at) throw new RuleViolationError('A retired party cannot be changed.', [{ field: 'id', code: 'party.retired', message: 'The party is retired.' }]);
        refuse(partyRuleErrors(current.kind, body, false), 'The party is invalid');
        const fields = {
          roles: [...new Set(body.roles)],
          name: body.name ?? null,
          country: body.country ?? null,
          registration_number: body.registrationNumber ?? null,
          contact_email: body.contactEmail ?? null,
        };
        const stored = current.kind === 'person' ? ((await store.getPersonal(t, id)) ?? null) : null;
        const personal = current.kind === 'person' && body.personal ? personalRow(id, body.personal) : stored;
        const regs = await store.listRegistrations(t, id);
        const readPersonal = registryPolicy.can(actor, 'registry.parties.read_personal');
        // A PUT of what is already stored is no new version and no audit entry (roles compared as a set).
        const sorted = (r: store.PartyRow) => ({ ...r, roles: [...r.roles].sort() });
        if (unchanged(store.partyState(sorted(current), stored), store.partyState(sorted({ ...current, ...fields }), personal))) {
          return presentPartyDetail(current, regs, today(), readPersonal ? stored : undefined);
        }
        const row: store.PartyRow = { ...current, ...fields, version: current.version + 1, updated_at: clock.now() };
        await store.updateParty(t, row);
        if (personal && personal !== stored) await store.upsertPersonal(t, personal);
        await writeVersion(t, actor, row, personal, 'registry.party.update', body.reason ?? null);
        return presentPartyDetail(row, regs, today(), readPersonal ? personal : undefined);
      });
    },

    async retireParty(actor: Actor, id: string, input: unknown, tx?: Tx): Promise<PartyDetail> {
      registryPolicy.require(actor, 'registry.parties.write');
      const { reason } = parseInput('registry', retireSchema, input);
      return inTransaction(db, tx, async (t) => {
        const current = await store.getParty(t, id, true);
        if (!current) throw new NotFoundError('Party', id);
        if (current.retired_at) throw new ConflictError('The party is already retired.');
        const now = clock.now();
        const row: store.PartyRow = { ...current, version: current.version + 1, updated_at: now, retired_at: now, retired_reason: reason };
        await store.updateParty(t, row);
        const personal = current.kind === 'person' ? ((await store.getPersonal(t, id)) ?? null) : null;
        await writeVersion(t, actor, row, personal, 'registry.party.retire', reason);
        return presentPartyDetail(row, await store.listRegistrations(t, id), today());
      });
    },

    /**
     * The party page. Personal data is included only for roles with registry.parties.read_personal,
     * and every such read is itself audited (who looked at whose identity, when).
     */
    async getParty(actor: Actor, id: string, tx?: Tx): Promise<PartyDetail> {
      registryPolicy.require(actor, 'registry.parties.read');
      // A party record belongs to itself: an industry user sees its own organisation's party only.
      requireVisible(actor, id, 'Party', id);
      return inTransaction(db, tx, async (t) => {
        const row = await store.getParty(t, id);
        if (!row) throw new NotFoundError('Party', id);
        const regs = await store.listRegistrations(t, id);
        if (row.kind !== 'person' || !registryPolicy.can(actor, 'registry.parties.read_personal')) {
          return presentPartyDetail(row, regs, today(), row.kind === 'person' ? undefined : null);
        }
        const personal = (await store.getPersonal(t, id)) ?? null;
        await recordAudit(t, actor, clock, { action: 'registry.party.read_personal', entity: 'party', entityId: id, state: store.partyState(row, personal) });
        return presentPartyDetail(row, regs, today(), personal);
      });
    },

    /**
     * Summaries of the named parties (public fields: a person's name stays on the party page, where
     * reading it is audited), for other modules that show who is involved. Unknown ids are left out.
     */
    async partySummaries(actor: Actor, ids: readonly string[], tx?: Tx): Promise<PartySummary[]> {
      registryPolicy.require(actor, 'registry.parties.read');
      if (ids.length === 0) return [];
      const rows = await inTransaction(readDb(deps, actor), tx, (t) => store.getParties(t, [...new Set(ids)]));
      return rows.filter((r) => mayTouch(actor, r.id)).map(presentPartySummary);
    },

    /** Every version of a party, oldest first (public fields only: personal data is read on the party page). */
    async listPartyVersions(actor: Actor, id: string, tx?: Tx): Promise<{ items: PartyVersion[] }> {
      registryPolicy.require(actor, 'registry.parties.read');
      requireVisible(actor, id, 'Party', id);
      return inTransaction(db, tx, async (t) => {
        if (!(await store.getParty(t, id))) throw new NotFoundError('Party', id);
        return { items: (await store.listPartyVersions(t, id)).map(presentPartyVersion) };
      });
    },

    async listParties(actor: Actor, query: unknown, tx?: Tx): Promise<Page<PartySummary>> {
      registryPolicy.require(actor, 'registry.parties.read');
      const q = parseInput('registry', partyListQuerySchema, query);
      const after = decodeCursor(q.cursor, z.string().uuid());
      const scope = listScope(actor);
      if (!scope) return { items: [], nextCursor: null };
      const rows = await inTransaction(db, tx, (t) =>
        store.listParties(t, {
          name: q.name,
          role: q.role,
          kind: q.kind,
          includeRetired: q.includeRetired === 'true',
          onlyIds: scope.organisationId === undefined ? undefined : [scope.organisationId],
          after,
          limit: q.limit,
        }),
      );
      return toPage(rows, q.limit, (r) => r.id, presentPartySummary);
    },

    async addRegistration(actor: Actor, partyId: string, input: unknown, tx?: Tx): Promise<Registration> {
      registryPolicy.require(actor, 'registry.parties.write');
      const body = parseInput('registry', registrationInputSchema, input);
      const errors: FieldError[] = [];
      if (body.validUntil && body.validUntil < body.validFrom) errors.push({ field: 'validUntil', code: 'registration.period_invalid', message: 'The validity ends before it starts.' });
      if (body.issuingCountry && !isCountryCode(body.issuingCountry)) errors.push({ field: 'issuingCountry', code: 'country.invalid', message: `"${body.issuingCountry}" is not an ISO 3166-1 alpha-2 code.` });
      refuse(errors, 'The registration is invalid');
      return inTransaction(db, tx, async (t) => {
        const party = await store.getParty(t, partyId, true);
        if (!party) throw new NotFoundError('Party', partyId);
        if (party.retired_at) throw new RuleViolationError('A retired party cannot receive a registration.', [{ field: 'partyId', code: 'party.retired', message: 'The party is retired.' }]);
        const row: store.RegistrationRow = {
          id: uuidv7(),
          party_id: partyId,
          kind: body.kind,
          number: body.number,
          issuing_authority: body.issuingAuthority ?? null,
          issuing_country: body.issuingCountry ?? null,
          valid_from: body.validFrom,
          valid_until: body.validUntil ?? null,
          created_at: clock.now(),
          revoked_at: null,
          revoked_reason: null,
        };
        await store.insertRegistration(t, row);
        await recordAudit(t, actor, clock, { action: 'registry.registration.create', entity: 'registration', entityId: row.id, state: store.registrationState(row) });
        return presentRegistration(row, today());
      });
    },

    async revokeRegistration(actor: Actor, partyId: string, registrationId: string, input: unknown, tx?: Tx): Promise<Registration> {
      registryPolicy.require(actor, 'registry.parties.write');
      const { reason } = parseInput('registry', retireSchema, input);
      return inTransaction(db, tx, async (t) => {
        const row = await store.getRegistration(t, registrationId, true);
        if (!row || row.party_id !== partyId) throw new NotFoundError('Registration', registrationId);
        if (row.revoked_at) throw new ConflictError('The registration is already revoked.');
        const now = clock.now();
        await store.revokeRegistration(t, registrationId, now, reason);
        const updated = { ...row, revoked_at: now, revoked_reason: reason };
        await recordAudit(t, actor, clock, { action: 'registry.registration.revoke', entity: 'registration', entityId: row.id, reason, state: store.registrationState(updated) });
        return presentRegistration(updated, today());
      });
    },
  };

  async function writeVersion(t: Tx, actor: Actor, row: store.PartyRow, personal: store.PersonalRow | null, action: string, reason: string | null) {
    const state = store.partyState(row, personal);
    await store.insertPartyVersion(t, row.id, row.version, { ...state, personal: undefined }, state.personal, clock.now(), reason);
    await recordAudit(t, actor, clock, { action, entity: 'party', entityId: row.id, reason, state });
  }
}

export type RegistryService = ReturnType<typeof createRegistryService>;

type PartyFields = { name?: string | null; country?: string | null; personal?: z.infer<typeof partyInputSchema>['personal'] };

/** Persons' names live in the personal record (withheld from most roles); organisations have no personal record. */
function partyRuleErrors(kind: 'person' | 'organisation', p: PartyFields, creating: boolean): FieldError[] {
  const errors: FieldError[] = [];
  if (p.country && !isCountryCode(p.country)) errors.push({ field: 'country', code: 'country.invalid', message: `"${p.country}" is not an ISO 3166-1 alpha-2 code.` });
  if (kind === 'organisation') {
    if (!p.name) errors.push({ field: 'name', code: 'party.name_required', message: 'An organisation needs its legal name.' });
    if (p.personal) errors.push({ field: 'personal', code: 'party.personal_for_persons', message: 'Only persons have personal data.' });
  } else {
    if ((creating || p.personal) && !p.personal?.familyName) {
      errors.push({ field: 'personal.familyName', code: 'party.family_name_required', message: 'A person needs a family name.' });
    }
    if (p.name) errors.push({ field: 'name', code: 'party.person_name_is_personal', message: "A person's name goes in personal.givenNames / personal.familyName, which are withheld from roles without access to personal data." });
  }
  return errors;
}

function personalRow(partyId: string, p: z.infer<typeof partyInputSchema>['personal']): store.PersonalRow {
  return {
    party_id: partyId,
    given_names: p?.givenNames ?? null,
    family_name: p?.familyName ?? null,
    date_of_birth: p?.dateOfBirth ?? null,
    address: p?.address ?? null,
    identity_document_number: p?.identityDocumentNumber ?? null,
  };
}
