import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEngines } from '../../test/support/engines.ts';
import { createTestDeps, type TestDeps } from '../../test/support/deps.ts';
import type { Actor, Role } from '../platform/auth/actor.ts';
import { stateHash } from '../platform/crypto/canonical.ts';
import { AppError } from '../platform/http/errors.ts';
import { uuidv7 } from '../platform/ids.ts';
import { recordAuditBatch } from '../platform/audit/record.ts';
import { SYSTEM_ACTOR } from '../platform/auth/actor.ts';
import { createContext, searchFills } from './context.ts';
import { deriveState, partialSerialPattern } from './model.ts';
import { createRegistryService, type RegistryService } from './service.ts';
import * as store from './store.ts';
import { CATALOG } from '../modules.ts';

const actor = (role: Role, organisationId: string | null = null): Actor => ({ kind: 'user', userId: null, name: `t-${role}`, role, organisationId });
const clerk = actor('registry_clerk');

async function failure(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected the call to fail');
}
const codesOf = (e: AppError) => e.errors.map((x) => x.code);

function manufactureMarking(serial: string) {
  return { kind: 'manufacture' as const, location: 'frame' as const, manufacturerName: 'Acme Arms', countryOfManufacture: 'BE', serialNumber: serial };
}

describeEngines('registry service', (engine) => {
  let deps: TestDeps;
  let svc: RegistryService;
  let maker: string;
  let dealer: string;
  let owner: string;
  let police: string;
  let foreign: string;

  const count = async (table: string) => (await deps.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0].n;

  async function registerRifle(serial: string, extra: Record<string, unknown> = {}) {
    return svc.registerItem(clerk, {
      item: { kind: 'firearm', firearmType: 'rifle', make: 'Acme', model: 'M1', calibre: '7.62x51mm', yearOfManufacture: 2020, ...extra },
      markings: [manufactureMarking(serial)],
      event: { kind: 'manufactured', occurredAt: '2024-01-10T09:00:00Z', toPartyId: maker },
    });
  }

  beforeAll(async () => {
    deps = await createTestDeps(engine);
    svc = createRegistryService(deps);
    const org = async (name: string, roles: string[], country = 'NL') => (await svc.createParty(clerk, { kind: 'organisation', roles, name, country })).id;
    maker = await org('Acme Arms', ['manufacturer']);
    dealer = await org('Gun Shop Ltd', ['dealer']);
    police = await org('National Police', ['state_agency']);
    foreign = await org('Foreign Importer SA', ['importer', 'consignee'], 'FR');
    owner = (
      await svc.createParty(clerk, {
        kind: 'person',
        roles: ['owner'],
        country: 'NL',
        personal: { givenNames: 'Ana', familyName: 'Pérez', address: '1 Main St', identityDocumentNumber: 'ID-778' },
      })
    ).id;
  });
  afterAll(async () => {
    await deps?.close();
  });

  describe('register item', () => {
    it('registers a firearm with its marking and manufacture event, holder derived from the event', async () => {
      const item = await registerRifle('AC-1001');
      expect(item).toMatchObject({ kind: 'firearm', status: 'active', serialNumber: 'AC-1001', holderPartyId: maker, countryOfManufacture: 'BE' });
      expect(item.manufacturer?.name).toBe('Acme Arms');
      expect(item.markings).toHaveLength(1);
      expect(item.events.map((e) => e.kind)).toEqual(['manufactured']);
      expect(item.retention).toEqual({ until: '2054-01-10', basis: 'manufacture' });
    });

    it('writes nothing when a marking rule fails, and names each field', async () => {
      const [items, audits] = [await count('registry_items'), await count('audit_log')];
      const err = await failure(
        svc.registerItem(clerk, {
          item: { kind: 'firearm', firearmType: 'rifle' },
          markings: [{ kind: 'manufacture', location: 'frame', manufacturerName: 'X' }],
        }),
      );
      expect(err.status).toBe(422);
      expect(err.errors.map((e) => e.field)).toEqual(['markings.0.countryOfManufacture', 'markings.0.serialNumber']);
      expect([await count('registry_items'), await count('audit_log')]).toEqual([items, audits]);
    });

    it('refuses a firearm without a manufacture marking', async () => {
      const err = await failure(svc.registerItem(clerk, { item: { kind: 'firearm', firearmType: 'pistol' }, markings: [] }));
      expect(codesOf(err)).toEqual(['marking.manufacture_required']);
    });

    it('refuses an antique made after 1899', async () => {
      const err = await failure(registerRifle('ANT-1', { isAntique: true, yearOfManufacture: 1901 }));
      expect(err.errors).toEqual([expect.objectContaining({ field: 'item.isAntique', code: 'item.antique_after_1899' })]);
    });

    it('reports bad shapes as validation errors with dotted paths', async () => {
      const err = await failure(svc.registerItem(clerk, { item: { kind: 'tank' }, markings: [{ kind: 'manufacture' }] }));
      expect(err.status).toBe(400);
      expect(err.errors.map((e) => e.field)).toEqual(expect.arrayContaining(['item.kind', 'markings.0.location']));
    });

    it('refuses an import without import marking, accepts a temporary import with a purpose', async () => {
      const base = {
        item: { kind: 'firearm', firearmType: 'shotgun', make: 'Beretta' },
        markings: [{ ...manufactureMarking('IMP-77'), countryOfManufacture: 'IT' }],
        event: { kind: 'imported', occurredAt: '2025-02-01T00:00:00Z', toPartyId: dealer, counterpartCountry: 'IT', authorizationRef: 'IMP-2025-1' },
      };
      const err = await failure(svc.registerItem(clerk, base));
      expect(err.errors).toEqual([expect.objectContaining({ field: 'event.temporaryImportPurpose', code: 'marking.import_required' })]);
      const temp = await svc.registerItem(clerk, { ...base, event: { ...base.event, temporaryImportPurpose: 'shooting competition' } });
      expect(temp.status).toBe('active');
      const marked = await svc.registerItem(clerk, { ...base, markings: [...base.markings, { kind: 'import', location: 'frame', importCountry: 'NL', importYear: 2025 }] });
      expect(marked.markings.map((m) => m.kind)).toEqual(['manufacture', 'import']);
    });

    it('refuses an unknown party', async () => {
      const err = await failure(
        svc.registerItem(clerk, {
          item: { kind: 'firearm', firearmType: 'rifle' },
          markings: [manufactureMarking('UNK-1')],
          event: { kind: 'manufactured', occurredAt: '2024-01-01T00:00:00Z', toPartyId: '01900000-0000-7000-8000-000000000000' },
        }),
      );
      expect(err.errors).toEqual([expect.objectContaining({ field: 'event.toPartyId', code: 'party.not_found' })]);
    });

    it('registers an ammunition lot searchable by its lot number', async () => {
      const lot = await svc.registerItem(clerk, { item: { kind: 'ammunition', calibre: '9x19mm', quantityRounds: 5000, lotNumber: 'LOT-2025/7' } });
      expect(lot).toMatchObject({ kind: 'ammunition', quantityRounds: 5000, lotNumber: 'LOT-2025/7', ammunitionComponent: 'complete_round', status: 'registered' });
      const page = await svc.searchItems(clerk, { serial: 'lot2025/7' });
      expect(page.items.map((i) => i.id)).toEqual([lot.id]);
    });

    it('refuses an event dated in the future', async () => {
      const err = await failure(
        svc.registerItem(clerk, { item: { kind: 'firearm', firearmType: 'rifle' }, markings: [manufactureMarking('FUT-1')], event: { kind: 'manufactured', occurredAt: '2030-01-01T00:00:00Z', toPartyId: maker } }),
      );
      expect(codesOf(err)).toEqual(['event.in_future']);
    });
  });

  describe('chain of custody', () => {
    it('follows a life: sales, theft, refused export, recovery, export; cache equals derivation', async () => {
      const item = await registerRifle('CH-0001');
      await svc.recordEvent(clerk, item.id, { kind: 'transferred', occurredAt: '2024-02-01T00:00:00Z', fromPartyId: maker, toPartyId: dealer });
      await svc.recordEvent(clerk, item.id, { kind: 'transferred', occurredAt: '2024-03-01T00:00:00Z', fromPartyId: dealer, toPartyId: owner });
      const stolen = await svc.recordEvent(actor('tracing_officer'), item.id, { kind: 'reported_stolen', occurredAt: '2024-04-01T00:00:00Z' });
      expect(stolen.status).toBe('stolen');

      const eventsBefore = await count('registry_custody_events');
      const err = await failure(svc.recordEvent(clerk, item.id, { kind: 'exported', occurredAt: '2024-05-01T00:00:00Z', toPartyId: foreign, counterpartCountry: 'FR', authorizationRef: 'EXP-1' }));
      expect(err.status).toBe(422);
      expect(err.errors).toEqual([expect.objectContaining({ field: 'kind', code: 'custody.item_stolen' })]);
      expect(await count('registry_custody_events')).toBe(eventsBefore);

      await svc.recordEvent(actor('tracing_officer'), item.id, { kind: 'recovered', occurredAt: '2024-06-01T00:00:00Z', toPartyId: owner });
      const exported = await svc.recordEvent(actor('customs_officer'), item.id, {
        kind: 'exported',
        occurredAt: '2024-07-01T00:00:00Z',
        fromPartyId: owner,
        toPartyId: foreign,
        counterpartCountry: 'FR',
        authorizationRef: 'EXP-1',
        placeLocode: 'NL RTM',
      });
      expect(exported).toMatchObject({ status: 'exported', holderPartyId: foreign });
      expect(exported.events.map((e) => e.kind)).toEqual(['manufactured', 'transferred', 'transferred', 'reported_stolen', 'recovered', 'exported']);
      expect(exported.events[2].to).toMatchObject({ id: owner, kind: 'person', name: null });

      const row = (await store.getItem(deps.db, item.id))!;
      const derived = deriveState((await store.listEvents(deps.db, item.id)).map(store.eventInput));
      expect(store.cachedState(row)).toEqual(derived);
    });

    it('refuses any event after destruction and records destruction method and witnesses', async () => {
      const item = await registerRifle('DS-0001');
      await svc.recordEvent(actor('tracing_officer'), item.id, { kind: 'seized', occurredAt: '2024-02-01T00:00:00Z', toPartyId: police, authorizationRef: 'ORDER-9' });
      await svc.recordEvent(actor('tracing_officer'), item.id, { kind: 'confiscated', occurredAt: '2024-03-01T00:00:00Z', toPartyId: police, authorizationRef: 'COURT-9' });
      const destroyed = await svc.recordEvent(clerk, item.id, { kind: 'destroyed', occurredAt: '2024-04-01T00:00:00Z', destructionMethod: 'smelting', witnesses: ['Officer A', 'Officer B'] });
      expect(destroyed.status).toBe('destroyed');
      expect(destroyed.retention).toEqual({ until: '2054-04-01', basis: 'after_destruction' });
      expect(destroyed.events.at(-1)).toMatchObject({ destructionMethod: 'smelting', witnesses: ['Officer A', 'Officer B'] });
      const err = await failure(svc.recordEvent(clerk, item.id, { kind: 'transferred', occurredAt: '2024-05-01T00:00:00Z', toPartyId: dealer }));
      expect(codesOf(err)).toEqual(['custody.item_destroyed']);
    });

    it('refuses an event dated before the last one and a sale by someone who is not the holder', async () => {
      const item = await registerRifle('OR-0001');
      expect(codesOf(await failure(svc.recordEvent(clerk, item.id, { kind: 'transferred', occurredAt: '2023-01-01T00:00:00Z', toPartyId: dealer })))).toEqual(['custody.out_of_order']);
      expect(codesOf(await failure(svc.recordEvent(clerk, item.id, { kind: 'transferred', occurredAt: '2024-02-01T00:00:00Z', fromPartyId: dealer, toPartyId: owner })))).toEqual([
        'custody.not_holder',
      ]);
    });

    it('limits event kinds by role', async () => {
      const item = await registerRifle('RL-0001');
      const err = await failure(svc.recordEvent(actor('customs_officer'), item.id, { kind: 'transferred', occurredAt: '2024-02-01T00:00:00Z', toPartyId: dealer }));
      expect(err.status).toBe(403);
      expect((await failure(svc.recordEvent(actor('auditor'), item.id, { kind: 'reported_lost', occurredAt: '2024-02-01T00:00:00Z' }))).status).toBe(403);
      const err2 = await failure(svc.recordEvent(actor('tracing_officer'), item.id, { kind: 'deactivated', occurredAt: '2024-02-01T00:00:00Z', certificateRef: 'D1' }));
      expect(err2.status).toBe(403);
    });

    it('a deactivation needs its certificate', async () => {
      const item = await registerRifle('DA-0001');
      const err = await failure(svc.recordEvent(clerk, item.id, { kind: 'deactivated', occurredAt: '2024-02-01T00:00:00Z' }));
      expect(err.errors).toEqual([expect.objectContaining({ field: 'certificateRef', code: 'event.certificate_required' })]);
      const ok = await svc.recordEvent(clerk, item.id, { kind: 'deactivated', occurredAt: '2024-02-01T00:00:00Z', certificateRef: 'EU-DEACT-42' });
      expect(ok.status).toBe('deactivated');
    });

    it('appends markings, and an unmarked item takes its serial from the first marked serial', async () => {
      const found = await svc.registerItem(clerk, {
        item: { kind: 'firearm', firearmType: 'self_loading_pistol', isAntique: false },
        markings: [{ kind: 'manufacture', location: 'frame', alternativeSymbol: '△', alternativeCode: 'Q', countryOfManufacture: 'CN' }],
      });
      expect(found.serialNumber).toBe('Q');
      const marked = await svc.addMarking(clerk, found.id, { kind: 'confiscation', location: 'frame', markingCountry: 'NL', text: 'NL-CONF-2026-11', serialNumber: 'NL-CONF-2026-11' });
      expect(marked.markings.map((m) => [m.seq, m.kind])).toEqual([
        [1, 'manufacture'],
        [2, 'confiscation'],
      ]);
      const page = await svc.searchItems(clerk, { serial: 'nlconf202611' });
      expect(page.items.map((i) => i.id)).toEqual([found.id]);
      const err = await failure(svc.addMarking(clerk, found.id, { kind: 'state_transfer', location: 'frame' }));
      expect(codesOf(err)).toEqual(['marking.transferring_country_required']);
    });
    it('registers a found weapon with obliterated marks as seized, without a manufacture marking', async () => {
      const found = await svc.registerItem(actor('registry_clerk'), {
        item: { kind: 'firearm', firearmType: 'self_loading_pistol', serialNumber: 'OB3X', description: 'serial partly ground off' },
        markings: [],
        event: { kind: 'seized', occurredAt: '2025-03-01T00:00:00Z', toPartyId: police, authorizationRef: 'SEIZ-1', placeText: 'roadside check' },
      });
      expect(found).toMatchObject({ status: 'seized', keeper: { id: police }, holderPartyId: null });
    });

    it('keeps the cache equal to the derivation through random event sequences', async () => {
      let seed = 7;
      const rand = (n: number) => {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        return seed % n;
      };
      const kinds = ['transferred', 'loaned', 'returned', 'repaired', 'in_transit', 'reported_lost', 'reported_stolen', 'recovered', 'seized', 'confiscated', 'deactivated', 'exported', 'imported', 'destroyed'] as const;
      const fieldsFor = (kind: string): Record<string, unknown> => {
        switch (kind) {
          case 'exported':
            return { counterpartCountry: 'FR', authorizationRef: 'E-1', toPartyId: foreign };
          case 'imported':
            return { counterpartCountry: 'FR', authorizationRef: 'I-1', toPartyId: dealer, temporaryImportPurpose: 'return from repair' };
          case 'seized':
          case 'confiscated':
            return { toPartyId: police, authorizationRef: 'O-1' };
          case 'deactivated':
            return { certificateRef: 'D-1' };
          case 'destroyed':
            return { destructionMethod: 'cutting', witnesses: ['W'] };
          case 'in_transit':
            return { placeText: 'road' };
          case 'transferred':
          case 'loaned':
            return { toPartyId: [dealer, owner][rand(2)] };
          default:
            return {};
        }
      };
      let accepted = 0;
      let refused = 0;
      for (let i = 0; i < 6; i++) {
        const item = await registerRifle(`RND-${i}`);
        for (let j = 0; j < 8; j++) {
          const kind = kinds[rand(kinds.length)];
          const occurredAt = new Date(Date.UTC(2024, 1 + j, 1)).toISOString();
          try {
            await svc.recordEvent(clerk, item.id, { kind, occurredAt, ...fieldsFor(kind) });
            accepted++;
          } catch (err) {
            expect((err as AppError).status, `${kind}: ${(err as Error).message}`).toBe(422);
            refused++;
          }
        }
        const row = (await store.getItem(deps.db, item.id))!;
        expect(store.cachedState(row)).toEqual(deriveState((await store.listEvents(deps.db, item.id)).map(store.eventInput)));
      }
      expect(accepted).toBeGreaterThan(5);
      expect(refused).toBeGreaterThan(5);
    });

    it('still shows and extends an item whose stored chain (loaded from an older system) breaks a rule', async () => {
      const item = await registerRifle('LEGACY-1');
      const base = { item_id: item.id, recorded_at: new Date('2024-03-01T00:00:00Z'), from_party_id: null, place_locode: null, place_text: null, counterpart_country: null, authorization_ref: null, licence_id: null, certificate_ref: null, destruction_method: null, witnesses: null, temporary_import_purpose: null, note: null };
      const legacy: store.EventRow[] = [
        { ...base, id: uuidv7(), seq: 2, kind: 'reported_lost', occurred_at: new Date('2024-02-01T00:00:00Z'), to_party_id: null },
        { ...base, id: uuidv7(), seq: 3, kind: 'transferred', occurred_at: new Date('2024-02-02T00:00:00Z'), to_party_id: dealer },
      ];
      for (const e of legacy) await store.insertEvent(deps.db, e);
      // A loader audits what it writes too.
      await recordAuditBatch(deps.db, SYSTEM_ACTOR, deps.clock, legacy.map((e) => ({ action: 'test.legacy', entity: 'custody_event', entityId: e.id, state: store.eventState(e) })));
      await store.updateItemCustody(deps.db, item.id, { ...store.cachedState((await store.getItem(deps.db, item.id))!), holderPartyId: dealer, eventCount: 3, lastEventAt: new Date('2024-02-02T00:00:00Z') }, null);
      expect((await svc.getItem(clerk, item.id)).events).toHaveLength(3);
      const next = await svc.recordEvent(clerk, item.id, { kind: 'transferred', occurredAt: '2024-03-01T00:00:00Z', toPartyId: owner });
      expect(next).toMatchObject({ status: 'active', holderPartyId: owner });
    });

    it('serialises concurrent events on one item: only one of two destructions is accepted', async () => {
      const item = await registerRifle('CC-0001');
      const destroy = () => svc.recordEvent(clerk, item.id, { kind: 'destroyed', occurredAt: '2024-02-01T00:00:00Z', destructionMethod: 'crushing', witnesses: ['W'] });
      const results = await Promise.allSettled([destroy(), destroy()]);
      expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(codesOf(rejected.reason as AppError)).toEqual(['custody.item_destroyed']);
      expect((await store.listEvents(deps.db, item.id)).map((e) => e.kind)).toEqual(['manufactured', 'destroyed']);
    });
  });

  describe('search', () => {
    let ids: string[];
    beforeAll(async () => {
      ids = [];
      for (const s of ['SR-AB123', 'SR-AB923', 'SR-XB1Z3', 'SR-ab1-2-3', 'SR_Q%1']) ids.push((await registerRifle(s, { make: 'Searchco', calibre: '5.56x45mm' })).id);
      await svc.recordEvent(clerk, ids[0], { kind: 'transferred', occurredAt: '2024-02-01T00:00:00Z', toPartyId: dealer });
      await svc.recordEvent(clerk, ids[1], { kind: 'reported_lost', occurredAt: '2024-02-01T00:00:00Z' });
    });
    const found = async (q: Record<string, unknown>, who: Actor = clerk) => (await svc.searchItems(who, { make: 'Searchco', ...q })).items.map((i) => i.id);

    it('finds an exact serial whatever its spelling', async () => {
      expect(await found({ serial: 'sr ab.1-23' })).toEqual([ids[0], ids[3]]);
    });
    it('finds a partial serial with ? and *', async () => {
      expect(await found({ serialPattern: 'SRAB?23' })).toEqual([ids[0], ids[1], ids[3]]);
      expect(await found({ serialPattern: 'SRA*23' })).toEqual([ids[0], ids[1], ids[3]]);
      expect(await found({ serialPattern: 'SR*B1Z' })).toEqual([ids[2]]);
      expect(await found({ serialPattern: 'B1Z' })).toEqual([ids[2]]);
    });
    it('takes LIKE wildcards in a serial literally', async () => {
      expect(await found({ serialPattern: 'R_Q%' })).toEqual([ids[4]]);
      expect(await found({ serialPattern: 'SR_?%1' })).toEqual([ids[4]]);
    });
    it('refuses a pattern the index cannot serve: no 3 consecutive known characters, and no ? whose filling joins runs into one', async () => {
      const err = await failure(svc.searchItems(clerk, { serialPattern: 'A?*1' }));
      expect(err.errors).toEqual([expect.objectContaining({ field: 'serialPattern', code: 'search.pattern_too_short' })]);
      expect(codesOf(await failure(svc.searchItems(clerk, { serialPattern: 'Q?5?1' })))).toEqual(['search.pattern_too_short']);
    });
    it('searches a pattern of two-character runs through its fills, finding what the pattern itself finds', async () => {
      // "AB?2": runs of two; searched as "AB02" … "ABZ2" plus the serials holding other characters.
      expect(await found({ serialPattern: 'AB?2' })).toEqual([ids[0], ids[1], ids[3]]);
      expect(await found({ serialPattern: 'SR?Q?1' })).toEqual([ids[4]]);
      expect(await found({ serialPattern: 'XB?Z3' })).toEqual([ids[2]]);
    });
    it('pages a pattern searched through its fills in every order, counting every match on each page', async () => {
      const matching = [ids[0], ids[1], ids[3]];
      for (const sort of ['registeredAt', 'serial', 'holderCountry', 'lastEventAt', 'status'] as const) {
        for (const order of ['asc', 'desc'] as const) {
          // The same order as a search without the pattern, restricted to the pattern's matches.
          const all = await svc.searchItems(clerk, { make: 'Searchco', sort, order, limit: 50 });
          const expected = all.items.map((i) => i.id).filter((id) => matching.includes(id));
          const seen: string[] = [];
          let cursor: string | undefined;
          do {
            const page = await svc.searchItems(clerk, { serialPattern: 'AB?2', sort, order, limit: 1, cursor });
            expect(page.total).toBe(3);
            seen.push(...page.items.map((i) => i.id));
            cursor = page.nextCursor ?? undefined;
          } while (cursor);
          expect(seen, `${sort} ${order}`).toEqual(expected);
        }
      }
      expect(await found({ serialPattern: 'AB?2' }, actor('industry', dealer))).toEqual([ids[0]]);
    });
    it('filters by status, holder, calibre, type and country', async () => {
      expect(await found({ status: 'lost' })).toEqual([ids[1]]);
      expect(await found({ holderPartyId: dealer })).toEqual([ids[0]]);
      expect(await found({ calibre: '5.56X45MM', type: 'rifle', countryOfManufacture: 'BE' })).toEqual(ids);
      expect(await found({ type: 'revolver' })).toEqual([]);
    });
    it('pages with a cursor without repeating or skipping', async () => {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await svc.searchItems(clerk, { make: 'Searchco', limit: 2, cursor });
        seen.push(...page.items.map((i) => i.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen).toEqual(ids);
      expect((await failure(svc.searchItems(clerk, { cursor: 'garbage' }))).errors[0].field).toBe('cursor');
    });
    it('shows industry only the items its organisation holds or made', async () => {
      expect(await found({}, actor('industry', dealer))).toEqual([ids[0]]);
      expect(await found({}, actor('industry', maker))).toEqual(ids);
      expect(await found({}, actor('industry', null))).toEqual([]);
      expect((await failure(svc.getItem(actor('industry', dealer), ids[1]))).status).toBe(404);
      expect((await svc.getItem(actor('industry', dealer), ids[0])).id).toBe(ids[0]);
    });
    it('gives the public nothing', async () => {
      expect((await failure(svc.searchItems(actor('public'), {}))).status).toBe(403);
    });
    it('counts every match on every page, within the organisation scope', async () => {
      const first = await svc.searchItems(clerk, { make: 'Searchco', limit: 2 });
      expect(first.total).toBe(5);
      expect((await svc.searchItems(clerk, { make: 'Searchco', limit: 2, cursor: first.nextCursor! })).total).toBe(5);
      expect((await svc.searchItems(clerk, { make: 'Searchco', status: 'lost' })).total).toBe(1);
      expect((await svc.searchItems(clerk, { serial: 'sr ab.1-23' })).total).toBe(2);
      expect((await svc.searchItems(clerk, { serialPattern: 'SRAB?23' })).total).toBe(3);
      // Industry: the count of its own items only, with or without filters (org A = the dealer, one item).
      expect((await svc.searchItems(actor('industry', dealer), { make: 'Searchco' })).total).toBe(1);
      const everything = (await svc.searchItems(clerk, { limit: 1 })).total;
      const dealersAll = await svc.searchItems(actor('industry', dealer), { limit: 1 });
      const dealersIds: string[] = [];
      for (let c: string | undefined; ; ) {
        const page = await svc.searchItems(actor('industry', dealer), { limit: 100, cursor: c });
        dealersIds.push(...page.items.map((i) => i.id));
        if (!page.nextCursor) break;
        c = page.nextCursor;
      }
      expect(dealersAll.total).toBe(dealersIds.length);
      expect(dealersAll.total).toBeLessThan(everything);
      expect((await svc.searchItems(actor('industry', null), {})).total).toBe(0);
    });
  });

  describe('partial search: a one-trigram pattern as itself or through its fills, by how common its trigram is', () => {
    // Limits for a registry of a few dozen items: a trigram in at most 4 serials is rare.
    const limit = { share: 1, candidates: 4 };
    const choice = async (pattern: string, l = limit) => {
      const p = partialSerialPattern(pattern);
      const [fills] = await searchFills(createContext(deps, { plainPatternLimit: l }), deps.db, [p]);
      return fills === p.fills ? 'fills' : fills?.length === 1 && fills[0] === p.like ? 'alone' : 'other';
    };
    let rare: string[];
    let common: string[];
    beforeAll(async () => {
      // "ZQJ" in three serials (one with a character outside the trigram index's alphabet); "W9W" in eight.
      rare = [];
      for (const s of ['KAZQJ145', 'KB-ZQJ245', 'K/ZQJ345', 'KAZQX145']) rare.push((await registerRifle(s, { make: 'Fillsco', calibre: '9x19mm', model: 'F1' })).id);
      common = [];
      for (const s of ['EJ1W9W036', 'EJ2W9W136', 'EJ/W9WA36', 'EJ3W9W03', 'W9W111', 'W9W222', 'AW9W333', 'BW9W444']) {
        common.push((await registerRifle(s, { make: 'Fillsco', calibre: '.45 ACP', model: 'F2' })).id);
      }
      await svc.recordEvent(clerk, rare[1], { kind: 'transferred', occurredAt: '2024-02-01T00:00:00Z', toPartyId: dealer });
      await svc.recordEvent(clerk, common[0], { kind: 'transferred', occurredAt: '2024-02-01T00:00:00Z', toPartyId: dealer });
    });

    it('searches a pattern whose trigram few serials hold as itself, one whose trigram many hold through its fills, and flips when the registry changes', async () => {
      expect(await choice('K?ZQJ?45')).toBe('alone');
      expect(await choice('EJ?W9W?36')).toBe('fills');
      // The share of the registry's serials counts too: "ZQJ" is in 3 of dozens, more than 1 in 100.
      expect(await choice('K?ZQJ?45', { share: 0.01, candidates: 4 })).toBe('fills');
      // No trigram ("MN", "12", "34"): the fills, however rare the runs.
      expect(await choice('MN?12?34', { share: 1, candidates: 1e9 })).toBe('fills');
      // Two more serials with "ZQJ": now common for the same limits.
      for (const s of ['ZQJ901', 'ZQJ902']) await registerRifle(s, { make: 'Fillsco', calibre: '9x19mm', model: 'F1' });
      expect(await choice('K?ZQJ?45')).toBe('fills');
    });

    it('reads its sample of the serials again when the registry has grown, and a search finding it being read does not wait for it', async () => {
      const fresh = await createTestDeps(engine);
      try {
        const registry = createRegistryService(fresh);
        const makerId = (await registry.createParty(clerk, { kind: 'organisation', roles: ['manufacturer'], name: 'Fresh Arms', country: 'NL' })).id;
        const rifles = (serials: string[]) =>
          registry.registerItems(
            clerk,
            serials.map((serial) => ({
              input: {
                item: { kind: 'firearm', firearmType: 'rifle', make: 'Fresh', model: 'F', calibre: '9x19mm' },
                markings: [manufactureMarking(serial)],
                event: { kind: 'manufactured', occurredAt: '2024-01-10T09:00:00Z', toPartyId: makerId },
              },
            })),
          );
        await rifles(['AB1000']);
        const ctx = createContext(fresh, { plainPatternLimit: limit });
        const p = partialSerialPattern('K?ZQJ?45');
        // The first search reads the sample (no serial holds "ZQJ"); one started meanwhile does not wait for
        // it and takes the fills, as with no sample at all.
        const [[first], [meanwhile]] = await Promise.all([searchFills(ctx, fresh.db, [p]), searchFills(ctx, fresh.db, [p])]);
        expect(first).toEqual([p.like]);
        expect(meanwhile).toBe(p.fills);
        // A few more serials with "ZQJ" leave the table's size as it was: the sample stands.
        await rifles(['ZQJ100', 'ZQJ101', 'ZQJ102', 'ZQJ103', 'ZQJ104']);
        const pages = async () => (await fresh.db.query<{ n: number }>("SELECT pg_relation_size('registry_items') / current_setting('block_size')::int8 AS n"))[0].n;
        const before = await pages();
        expect(await searchFills(ctx, fresh.db, [p])).toEqual([[p.like]]);
        // Enough to grow the table by more than a tenth: the next search reads the sample again, and finds
        // "ZQJ" common.
        for (let i = 0; (await pages()) <= before; i++) await rifles(Array.from({ length: 20 }, (_, k) => `ZQJ${i}${k}X`));
        expect(await searchFills(ctx, fresh.db, [p])).toEqual([p.fills]);
      } finally {
        await fresh.close();
      }
    });

    it('finds, counts, sorts and pages exactly the same items either way, within the organisation scope, for the search and the ranked candidates', async () => {
      // The same registry, one service always searching a one-trigram pattern as itself, one always through its fills.
      const alone = createRegistryService(deps, { plainPatternLimit: { share: 1, candidates: Infinity } });
      const fills = createRegistryService(deps, { plainPatternLimit: { share: 0, candidates: -1 } });
      const patterns = ['K?ZQJ?45', 'EJ?W9W?36', 'W9W?11', 'AB?Z*'];
      for (const serialPattern of patterns) {
        for (const who of [clerk, actor('industry', dealer), actor('industry', maker)]) {
          for (const sort of ['registeredAt', 'serial', 'model', 'status'] as const) {
            for (const order of ['asc', 'desc'] as const) {
              const pages = async (service: RegistryService) => {
                const seen: { ids: string[]; total: number }[] = [];
                let cursor: string | undefined;
                do {
                  const page = await service.searchItems(who, { serialPattern, sort, order, limit: 2, cursor });
                  seen.push({ ids: page.items.map((i) => i.id), total: page.total });
                  cursor = page.nextCursor ?? undefined;
                } while (cursor);
                return seen;
              };
              expect(await pages(alone), `${serialPattern} ${who.role} ${sort} ${order}`).toEqual(await pages(fills));
            }
          }
          const ranked = { serialPattern, make: 'Fillsco', calibre: '9x19mm', limit: 5 };
          expect(await alone.rankPartialSerial(who, ranked)).toEqual(await fills.rankPartialSerial(who, ranked));
          expect(await alone.rankPartialSerials(who, [ranked, { serialPattern: 'EJ?W9W?36', limit: 3 }])).toEqual(await fills.rankPartialSerials(who, [ranked, { serialPattern: 'EJ?W9W?36', limit: 3 }]));
        }
      }
      // What they find: every serial fitting the pattern, those with other characters too.
      const found = await alone.searchItems(clerk, { serialPattern: 'K?ZQJ?45', sort: 'registeredAt' });
      expect(found.items.map((i) => i.id)).toEqual(rare.slice(0, 3));
      expect((await alone.searchItems(actor('industry', dealer), { serialPattern: 'K?ZQJ?45' })).items.map((i) => i.id)).toEqual([rare[1]]);
      expect((await fills.searchItems(clerk, { serialPattern: 'EJ?W9W?36', sort: 'registeredAt' })).items.map((i) => i.id)).toEqual(common.slice(0, 3));
    });
  });

  describe('exact serial: its first page alone, or with the count when the page is full', () => {
    // Four items answer "EX-5150": three by their own serial, one only by a later confiscation marking.
    const models = ['M3', 'M1', 'M2', 'M4'];
    let ids: string[];
    beforeAll(async () => {
      ids = [];
      for (const [k, serial] of ['EX-5150', 'EX5150', 'ZZ-EX-1', 'ex 51.50'].entries()) ids.push((await registerRifle(serial, { make: 'Exactco', model: models[k] })).id);
      await svc.addMarking(clerk, ids[2], { kind: 'confiscation', location: 'frame', markingCountry: 'NL', text: 'EX.5150', serialNumber: 'EX.5150' });
      await svc.recordEvent(clerk, ids[1], { kind: 'transferred', occurredAt: '2024-02-01T00:00:00Z', toPartyId: dealer });
    });
    async function allPages(who: Actor, q: Record<string, unknown>) {
      const seen: string[] = [];
      const totals: number[] = [];
      let cursor: string | undefined;
      do {
        const page = await svc.searchItems(who, { serial: 'ex5150', ...q, cursor });
        seen.push(...page.items.map((i) => i.id));
        totals.push(page.total);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return { seen, totals };
    }

    it('gives every match in order with the same total whatever the page size, in every order', async () => {
      const byModel = [1, 2, 0, 3].map((k) => ids[k]);
      for (const limit of [1, 2, 3, 4, 5, 50]) {
        const pages = Math.max(1, Math.ceil(4 / limit));
        for (const [sort, asc] of [['registeredAt', ids], ['model', byModel]] as const) {
          for (const order of ['asc', 'desc'] as const) {
            const { seen, totals } = await allPages(clerk, { sort, order, limit });
            expect(seen).toEqual(order === 'asc' ? asc : [...asc].reverse());
            // Pages that held every match (limit ≥ 4) counted them from the page; the others in SQL.
            expect(totals).toEqual(Array(pages).fill(4));
          }
        }
      }
    });
    it('counts only what the organisation may see, and nothing for no match', async () => {
      expect(await allPages(actor('industry', dealer), { limit: 1 })).toEqual({ seen: [ids[1]], totals: [1] });
      expect(await allPages(actor('industry', maker), { limit: 2 })).toEqual({ seen: ids, totals: [4, 4] });
      expect(await allPages(actor('industry', maker), { limit: 4 })).toEqual({ seen: ids, totals: [4] });
      const none = await svc.searchItems(clerk, { serial: 'EX-5151' });
      expect(none).toEqual({ items: [], nextCursor: null, total: 0 });
    });
  });

  describe('search sorted on the server', () => {
    type Row = { id: string; model: string | null; year: number | null; serial: string; holderCountry: string };
    const rows: Row[] = [];
    // Registered in an order that is none of the sort orders; duplicates and missing values on purpose.
    const specs: [string, string | null, number | null, 'maker' | 'foreign'][] = [
      ['SO-0007', 'delta', 2019, 'foreign'],
      ['SO-0002', 'alpha', null, 'maker'],
      ['SO-0009', null, 2001, 'maker'],
      ['SO-0001', 'charlie', 2019, 'foreign'],
      ['SO-0005', 'alpha', 1998, 'maker'],
      ['SO-0003', null, null, 'foreign'],
      ['SO-0008', 'bravo', 2020, 'maker'],
      ['SO-0004', 'Charlie', 2005, 'maker'],
    ];
    beforeAll(async () => {
      for (const [serial, model, year, holder] of specs) {
        const item = await svc.registerItem(clerk, {
          item: { kind: 'firearm', firearmType: 'pistol', make: 'Sortco', ...(model ? { model } : {}), ...(year ? { yearOfManufacture: year } : {}) },
          markings: [manufactureMarking(serial)],
          event: { kind: 'manufactured', occurredAt: '2024-01-10T09:00:00Z', toPartyId: holder === 'maker' ? maker : foreign },
        });
        rows.push({ id: item.id, model: model?.toLowerCase() ?? null, year, serial: serial.replace('-', ''), holderCountry: holder === 'maker' ? 'NL' : 'FR' });
      }
    });

    /** The whole order as PostgreSQL gives it: NULL after every value ascending, ties by id in the same direction. */
    function expected(key: (r: Row) => string | number | null, desc: boolean): string[] {
      const cmp = (a: Row, b: Row) => {
        const x = key(a);
        const y = key(b);
        const byKey = x === y ? 0 : x === null ? 1 : y === null ? -1 : x < y ? -1 : 1;
        return byKey || (a.id < b.id ? -1 : 1);
      };
      const sorted = [...rows].sort(cmp).map((r) => r.id);
      return desc ? sorted.reverse() : sorted;
    }
    async function allPages(sort: string, order: 'asc' | 'desc', limit = 2) {
      const ids: string[] = [];
      const totals = new Set<number>();
      let cursor: string | undefined;
      do {
        const page = await svc.searchItems(clerk, { make: 'Sortco', sort, order, limit, cursor });
        ids.push(...page.items.map((i) => i.id));
        totals.add(page.total);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return { ids, totals: [...totals] };
    }

    const keys: [string, (r: Row) => string | number | null][] = [
      ['model', (r) => r.model],
      ['yearOfManufacture', (r) => r.year],
      ['serial', (r) => r.serial],
      ['holderCountry', (r) => r.holderCountry],
      ['registeredAt', () => 0],
    ];
    for (const [sort, key] of keys) {
      for (const order of ['asc', 'desc'] as const) {
        it(`orders every page by ${sort} ${order}, each page continuing the last`, async () => {
          const { ids, totals } = await allPages(sort, order);
          expect(ids).toEqual(expected(key, order === 'desc'));
          expect(totals).toEqual([specs.length]);
        });
      }
    }

    it('refuses a cursor issued for another order, naming the code', async () => {
      const page = await svc.searchItems(clerk, { make: 'Sortco', sort: 'model', order: 'asc', limit: 2 });
      for (const other of [{ sort: 'model', order: 'desc' }, { sort: 'serial', order: 'asc' }, {}]) {
        const err = await failure(svc.searchItems(clerk, { make: 'Sortco', limit: 2, cursor: page.nextCursor, ...other }));
        expect(err.status).toBe(400);
        expect(err.errors).toEqual([expect.objectContaining({ field: 'cursor', code: 'cursor.sort_mismatch' })]);
      }
      expect(codesOf(await failure(svc.searchItems(clerk, { sort: 'id' })))).toEqual(['registry.invalid_value']);
    });
  });

  describe('parties', () => {
    it('withholds personal data unless permitted, and audits each personal read', async () => {
      const asAuditor = await svc.getParty(actor('auditor'), owner);
      expect(asAuditor).toMatchObject({ kind: 'person', name: null });
      expect(asAuditor).not.toHaveProperty('personal');
      const reads = async () => (await deps.db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'registry.party.read_personal' AND entity_id = $1", [owner]))[0].n;
      const before = await reads();
      const asOfficer = await svc.getParty(actor('tracing_officer'), owner);
      expect(asOfficer.personal).toMatchObject({ givenNames: 'Ana', familyName: 'Pérez', identityDocumentNumber: 'ID-778' });
      expect(await reads()).toBe(before + 1);
      const list = await svc.listParties(clerk, { kind: 'person' });
      expect(list.items[0]).not.toHaveProperty('personal');
      const versions = await svc.listPartyVersions(clerk, owner);
      expect(versions.items).toHaveLength(1);
      expect(JSON.stringify(versions.items)).not.toContain('Pérez');
    });

    it('tells namesake organisations apart in lists by their register number, and never gives a person\'s', async () => {
      const a = await svc.createParty(clerk, { kind: 'organisation', roles: ['dealer'], name: 'Twin Guns Ltd', country: 'NL', registrationNumber: 'KVK-111' });
      const b = await svc.createParty(clerk, { kind: 'organisation', roles: ['dealer'], name: 'Twin Guns Ltd', country: 'NL', registrationNumber: 'KVK-222' });
      const listed = (await svc.listParties(clerk, { name: 'Twin Guns' })).items;
      expect(listed.map((p) => [p.id, p.registrationNumber]).sort()).toEqual([[a.id, 'KVK-111'], [b.id, 'KVK-222']].sort());
      const person = await svc.createParty(clerk, { kind: 'person', roles: ['owner'], registrationNumber: 'PERMIT-77', personal: { givenNames: 'Twin', familyName: 'Guns' } });
      const persons = (await svc.listParties(clerk, { kind: 'person' })).items;
      expect(persons.map((p) => p.id)).toContain(person.id);
      expect(persons.every((p) => p.registrationNumber === null)).toBe(true);
    });

    it('updates as new versions, keeps old versions, and refuses changes after retirement', async () => {
      const p = await svc.createParty(clerk, { kind: 'organisation', roles: ['broker'], name: 'Brokers Inc', country: 'NL' });
      const v2 = await svc.updateParty(clerk, p.id, { roles: ['broker', 'carrier'], name: 'Brokers & Carriers Inc', country: 'NL', reason: 'merger' });
      expect(v2).toMatchObject({ version: 2, name: 'Brokers & Carriers Inc', roles: ['broker', 'carrier'] });
      const versions = await deps.db.query<{ version: number; reason: string | null }>('SELECT version, reason FROM registry_party_versions WHERE party_id = $1 ORDER BY version', [p.id]);
      expect(versions).toEqual([
        { version: 1, reason: null },
        { version: 2, reason: 'merger' },
      ]);
      const history = await svc.listPartyVersions(actor('auditor'), p.id);
      expect(history.items.map((v) => [v.version, v.name, v.reason])).toEqual([
        [1, 'Brokers Inc', null],
        [2, 'Brokers & Carriers Inc', 'merger'],
      ]);
      const retired = await svc.retireParty(clerk, p.id, { reason: 'ceased trading' });
      expect(retired).toMatchObject({ version: 3, retired: true, retiredReason: 'ceased trading' });
      expect((await failure(svc.updateParty(clerk, p.id, { roles: ['broker'], name: 'X' }))).status).toBe(422);
      expect((await failure(svc.retireParty(clerk, p.id, { reason: 'again' }))).status).toBe(409);
      expect((await svc.listParties(clerk, { name: 'brokers' })).items).toEqual([]);
      expect((await svc.listParties(clerk, { name: 'brokers', includeRetired: 'true' })).items.map((x) => x.id)).toEqual([p.id]);
    });

    it('keeps persons’ names in the personal record', async () => {
      expect(codesOf(await failure(svc.createParty(clerk, { kind: 'person', roles: ['owner'], name: 'Ana Pérez' })))).toEqual(['party.family_name_required', 'party.person_name_is_personal']);
      expect(codesOf(await failure(svc.createParty(clerk, { kind: 'organisation', roles: ['dealer'] })))).toEqual(['party.name_required']);
    });

    it('records registrations with validity periods and revokes them', async () => {
      const reg = await svc.addRegistration(clerk, dealer, { kind: 'dealer_licence', number: 'DL-001', issuingCountry: 'NL', validFrom: '2025-01-01', validUntil: '2027-12-31' });
      expect(reg.current).toBe(true);
      const old = await svc.addRegistration(clerk, dealer, { kind: 'dealer_licence', number: 'DL-000', validFrom: '2010-01-01', validUntil: '2015-12-31' });
      expect(old.current).toBe(false);
      expect(codesOf(await failure(svc.addRegistration(clerk, dealer, { kind: 'x', number: 'N', validFrom: '2025-01-01', validUntil: '2024-01-01' })))).toEqual(['registration.period_invalid']);
      const revoked = await svc.revokeRegistration(clerk, dealer, reg.id, { reason: 'licence conditions breached' });
      expect(revoked).toMatchObject({ current: false, revokedReason: 'licence conditions breached' });
      expect((await failure(svc.revokeRegistration(clerk, dealer, reg.id, { reason: 'again' }))).status).toBe(409);
      const page = await svc.getParty(clerk, dealer);
      expect(page.registrations.map((r) => r.number)).toEqual(['DL-000', 'DL-001']);
    });

    it('industry sees only its own party', async () => {
      expect((await svc.getParty(actor('industry', dealer), dealer)).id).toBe(dealer);
      expect((await failure(svc.getParty(actor('industry', dealer), maker))).status).toBe(404);
      expect((await svc.listParties(actor('industry', dealer), {})).items.map((p) => p.id)).toEqual([dealer]);
    });
  });

  it('audits every write with the exact state its audited-entity loader re-reads', async () => {
    const rows = await deps.db.query<{ entity: string; entity_id: string; state_hash: string; action: string }>(
      `SELECT DISTINCT ON (entity, entity_id) entity, entity_id, state_hash, action FROM audit_log
       WHERE entity IN ('item', 'marking', 'custody_event', 'party', 'registration') ORDER BY entity, entity_id, seq DESC`,
    );
    const entities = new Set(rows.map((r) => r.entity));
    expect([...entities].sort()).toEqual(['custody_event', 'item', 'marking', 'party', 'registration']);
    for (const entity of entities) {
      const mine = rows.filter((r) => r.entity === entity);
      const loaded = await CATALOG.auditedEntities.get(entity)!.load(deps.db, mine.map((r) => r.entity_id));
      for (const r of mine) expect(stateHash(loaded.get(r.entity_id)), `${entity} ${r.entity_id} after ${r.action}`).toBe(r.state_hash);
    }
    const counts = await deps.db.query<{ entity: string; n: number }>('SELECT entity, count(*)::int AS n FROM audit_log GROUP BY entity');
    const total = Object.fromEntries(counts.map((c) => [c.entity, c.n]));
    expect(total.custody_event).toBe(await count('registry_custody_events'));
    expect(total.marking).toBe(await count('registry_markings'));
  });
});
