import { uuidv7 } from '../../platform/ids.ts';
import {
  INITIAL_STATE,
  applyEvent,
  checkEvent,
  normaliseSerial,
  validateItem,
  validateMarking,
  type CustodyEventInput,
  type CustodyState,
  type EventKind,
  type ItemInput,
  type MarkingInput,
  type PartType,
} from '../model.ts';
import { eventRowFrom, type EventRow, type ItemRow, type MarkingRow, type PartyRow, type PersonalRow, type RegistrationRow } from '../store.ts';
import type { Cartridge, CartridgeCategory } from './calibres.ts';
import {
  DEALER_PREFIXES,
  DOMESTIC_MANUFACTURERS,
  DOMESTIC_MODELS,
  EXPORT_DESTINATIONS,
  FAMILY_NAMES,
  GIVEN_NAMES,
  IMPORTERS,
  MODELS,
  ORGANISATION_OWNERS,
  STATE_AGENCIES,
  STREETS,
  TOWNS,
  type ModelSpec,
} from './catalogue.ts';
import { createRng, type Rng } from './prng.ts';

/**
 * The fictional demonstration State, generated from a seed: the same parties, serials and histories on
 * every run (only the UUIDs and the registration time differ). Every marking and every custody event is
 * checked by the registry's own rules (model.ts) as it is generated, so the cached status and holder of
 * each item equal what its chain of custody derives.
 */

export interface DemoOptions {
  seed: number;
  firearms: number;
  parts: number;
  ammunitionLots: number;
  /** ISO code of the State the node serves (CUSTODIA_STATE): the country of import on import marks. */
  state: string;
  now: Date;
  cartridges: readonly Cartridge[];
}

export const DEFAULT_DEMO = { seed: 20051208, firearms: 100_000, parts: 3_000, ammunitionLots: 2_000 } as const;

export interface DemoParty {
  row: PartyRow;
  personal: PersonalRow | null;
  registrations: RegistrationRow[];
}

export interface DemoParties {
  all: DemoParty[];
  agencies: { authority: string; police: string; customs: string; forces: string };
  manufacturers: string[];
  importers: string[];
  dealers: string[];
  owners: string[];
  exporters: string[];
}

export interface DemoChunk {
  items: ItemRow[];
  markings: MarkingRow[];
  events: EventRow[];
}

const DAY = 86_400_000;

function dateOnly(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function generateParties(opts: DemoOptions): DemoParties {
  const rng = createRng(opts.seed ^ 0x5eed);
  const now = opts.now;
  const all: DemoParty[] = [];
  const org = (name: string, roles: PartyRow['roles'], regs: { kind: string; number: string; years: number }[] = []): string => {
    const id = uuidv7();
    all.push({
      row: {
        id,
        version: 1,
        kind: 'organisation',
        roles,
        name,
        country: opts.state,
        registration_number: `RC-${rng.int(100000, 999999)}`,
        contact_email: null,
        created_at: now,
        updated_at: now,
        retired_at: null,
        retired_reason: null,
      },
      personal: null,
      registrations: regs.map((r) => {
        const from = new Date(now.getTime() - rng.int(200, 3000) * DAY);
        return {
          id: uuidv7(),
          party_id: id,
          kind: r.kind,
          number: r.number,
          issuing_authority: 'National Firearms Authority',
          issuing_country: opts.state,
          valid_from: dateOnly(from),
          valid_until: dateOnly(new Date(from.getTime() + r.years * 365 * DAY)),
          created_at: now,
          revoked_at: null,
          revoked_reason: null,
        };
      }),
    });
    return id;
  };
  const agencies = {
    authority: org(STATE_AGENCIES[0], ['state_agency']),
    police: org(STATE_AGENCIES[1], ['state_agency']),
    customs: org(STATE_AGENCIES[2], ['state_agency']),
    forces: org(STATE_AGENCIES[3], ['state_agency', 'end_user']),
  };
  const manufacturers = DOMESTIC_MANUFACTURERS.map((name, i) =>
    org(name, ['manufacturer', 'exporter'], [
      { kind: 'manufacturing_licence', number: `MFG-${String(i + 1).padStart(4, '0')}`, years: 10 },
      { kind: 'export_registration', number: `EXP-${String(i + 1).padStart(4, '0')}`, years: 5 },
    ]),
  );
  const importers = IMPORTERS.map((name, i) => org(name, ['importer', 'dealer'], [{ kind: 'import_licence', number: `IMP-L-${String(i + 1).padStart(4, '0')}`, years: 5 }]));
  const dealerCount = 60;
  const dealers: string[] = [];
  for (let i = 0; i < dealerCount; i++) {
    const name = `${rng.pick(DEALER_PREFIXES)} ${rng.pick(FAMILY_NAMES)} ${rng.pick(TOWNS)}`;
    dealers.push(org(name, ['dealer', 'repairer'], [{ kind: 'dealer_licence', number: `DL-${String(i + 1).padStart(5, '0')}`, years: 5 }]));
  }
  const exporters = [manufacturers[0], manufacturers[1], importers[5]];
  // Roughly one owner per 2.5 firearms; some owners are clubs and security companies.
  const ownerCount = Math.max(10, Math.round(opts.firearms / 2.5));
  const owners: string[] = [];
  for (let i = 0; i < ownerCount; i++) {
    if (rng.chance(0.04)) {
      owners.push(org(`${rng.pick(TOWNS)} ${rng.pick(ORGANISATION_OWNERS)}`, ['owner'], [{ kind: 'holder_permit', number: `HP-O-${String(i + 1).padStart(6, '0')}`, years: 5 }]));
      continue;
    }
    const id = uuidv7();
    const given = rng.pick(GIVEN_NAMES);
    const family = rng.chance(0.5) ? `${rng.pick(FAMILY_NAMES)} ${rng.pick(FAMILY_NAMES)}` : rng.pick(FAMILY_NAMES);
    const born = new Date(Date.UTC(rng.int(1945, 2004), rng.int(0, 11), rng.int(1, 28)));
    const from = new Date(now.getTime() - rng.int(30, 3600) * DAY);
    all.push({
      row: {
        id,
        version: 1,
        kind: 'person',
        roles: ['owner'],
        name: null,
        country: opts.state,
        registration_number: null,
        contact_email: null,
        created_at: now,
        updated_at: now,
        retired_at: null,
        retired_reason: null,
      },
      personal: {
        party_id: id,
        given_names: given,
        family_name: family,
        date_of_birth: dateOnly(born),
        address: `${rng.int(1, 250)} ${rng.pick(STREETS)}, ${rng.pick(TOWNS)}`,
        identity_document_number: `DEMO-${String(rng.int(10_000_000, 99_999_999))}`,
      },
      registrations: [
        {
          id: uuidv7(),
          party_id: id,
          kind: 'holder_permit',
          number: `HP-${String(i + 1).padStart(7, '0')}`,
          issuing_authority: 'National Firearms Authority',
          issuing_country: opts.state,
          valid_from: dateOnly(from),
          valid_until: dateOnly(new Date(from.getTime() + 5 * 365 * DAY)),
          created_at: now,
          revoked_at: null,
          revoked_reason: null,
        },
      ],
    });
    owners.push(id);
  }
  return { all, agencies, manufacturers, importers, dealers, owners, exporters };
}

/** Calibre for a model: its usual ones mostly, sometimes another of its category from the list. */
function calibreFor(rng: Rng, preferred: readonly string[], category: CartridgeCategory, byCategory: Map<CartridgeCategory, string[]>, known: Set<string>): string {
  const usable = preferred.filter((c) => known.has(c));
  const others = byCategory.get(category) ?? [];
  if (usable.length && (rng.chance(0.97) || others.length === 0)) return rng.pick(usable);
  return others.length ? rng.pick(others) : preferred[0];
}

interface Ctx {
  opts: DemoOptions;
  rng: Rng;
  parties: DemoParties;
  byCategory: Map<CartridgeCategory, string[]>;
  known: Set<string>;
  serialCounters: Map<string, number>;
  authSeq: number;
}

function serialFor(ctx: Ctx, make: string, spec: { prefix: string; digits: number }): string {
  const key = `${make}|${spec.prefix}`;
  const n = (ctx.serialCounters.get(key) ?? 0) + 1;
  ctx.serialCounters.set(key, n);
  // Spread the numbers so serials do not look sequential, but stay unique per make and prefix.
  const space = 10 ** spec.digits;
  const value = (n * 7919 + 104729) % space;
  return `${spec.prefix}${String(value).padStart(spec.digits, '0')}${n >= space ? `-${Math.floor(n / space)}` : ''}`;
}

/** Builds one item's rows and checks them with the registry's rules; throws on a generator bug. */
function buildItem(ctx: Ctx, input: ItemInput, markings: MarkingInput[], events: CustodyEventInput[], out: DemoChunk): void {
  const { opts } = ctx;
  const nowYear = opts.now.getUTCFullYear();
  // The node's own State code is accepted even when it is a user-assigned code (XC, the default, is
  // not in ISO 3166-1): the demonstration State is fictional.
  const notOwnState = (e: { code?: string; message: string }) => !(e.code === 'country.invalid' && e.message.includes(`"${opts.state}"`));
  const errs = [...validateItem(input, nowYear), ...markings.flatMap((m) => validateMarking(m, nowYear))].filter(notOwnState);
  if (errs.length) throw new Error(`demo generator produced an invalid item: ${JSON.stringify(errs)} ${JSON.stringify(input)}`);
  let state: CustodyState = INITIAL_STATE;
  const id = uuidv7();
  const recorded = opts.now;
  events.forEach((e, i) => {
    const refused = checkEvent(state, e);
    if (refused.length) throw new Error(`demo generator produced an impossible chain: ${JSON.stringify(refused)} at ${i} of ${events.map((x) => x.kind).join(' → ')}`);
    state = applyEvent(state, e);
    out.events.push(eventRowFrom(e, id, i + 1, recorded));
  });
  const serial = input.kind === 'ammunition' ? (input.lotNumber ?? null) : (input.serialNumber ?? null);
  const manufacturerPartyId = events[0]?.kind === 'manufactured' ? (events[0].toPartyId ?? null) : null;
  out.items.push({
    id,
    kind: input.kind,
    firearm_type: input.firearmType ?? null,
    part_type: input.partType ?? null,
    ammunition_component: input.ammunitionComponent ?? null,
    make: input.make ?? null,
    model: input.model ?? null,
    calibre: input.calibre ?? null,
    year_of_manufacture: input.yearOfManufacture ?? null,
    country_of_manufacture: input.countryOfManufacture ?? null,
    place_of_manufacture: input.placeOfManufacture ?? null,
    manufacturer_party_id: manufacturerPartyId,
    serial_number: input.serialNumber ?? null,
    serial_norm: serial ? normaliseSerial(serial) : null,
    lot_number: input.lotNumber ?? null,
    quantity_rounds: input.quantityRounds ?? null,
    is_antique: input.isAntique ?? false,
    is_replica: false,
    temporary_import_purpose: null,
    description: input.description ?? null,
    import_key: null,
    status: state.status,
    holder_party_id: state.holderPartyId,
    keeper_party_id: state.keeperPartyId,
    event_count: state.eventCount,
    last_event_at: state.lastEventAt,
    manufactured_at: state.manufacturedAt,
    destroyed_at: state.destroyedAt,
    created_at: recorded,
  });
  markings.forEach((m, i) =>
    out.markings.push({
      id: uuidv7(),
      item_id: id,
      seq: i + 1,
      kind: m.kind,
      manufacturer_name: m.manufacturerName ?? null,
      country_of_manufacture: m.countryOfManufacture ?? null,
      place_of_manufacture: m.placeOfManufacture ?? null,
      serial_number: m.serialNumber ?? null,
      serial_norm: m.serialNumber ? normaliseSerial(m.serialNumber) : null,
      alternative_symbol: null,
      alternative_code: null,
      import_country: m.importCountry ?? null,
      import_year: m.importYear ?? null,
      transferring_country: null,
      marking_country: m.markingCountry ?? null,
      marking_year: m.markingYear ?? null,
      certificate_ref: m.certificateRef ?? null,
      year_of_manufacture: m.yearOfManufacture ?? null,
      model: m.model ?? null,
      calibre: m.calibre ?? null,
      text: m.text ?? null,
      location: m.location,
      method: m.method ?? null,
      recorded_at: recorded,
    }),
  );
}

/** Successive event times after `from`, never reaching `now`. */
function timeline(rng: Rng, from: Date, now: Date) {
  let t = from.getTime();
  return () => {
    const remaining = now.getTime() - DAY - t;
    t += Math.max(3_600_000, Math.floor(rng.next() * Math.max(0, remaining) * 0.35));
    return new Date(Math.min(t, now.getTime() - 1000));
  };
}

function authRef(ctx: Ctx, prefix: string, year: number): string {
  ctx.authSeq++;
  return `${prefix}-${year}-${String(ctx.authSeq).padStart(6, '0')}`;
}

/** The life of one firearm after it reached its first civilian (or State) holder. */
function firearmHistory(ctx: Ctx, state: string, next: () => Date, holder: string, dealer: string, events: CustodyEventInput[], markings: MarkingInput[]): void {
  const { rng, parties } = ctx;
  const r = rng.next();
  const police = parties.agencies.police;
  if (r < 0.012) {
    events.push({ kind: 'reported_stolen', occurredAt: next(), fromPartyId: holder, placeText: rng.pick(TOWNS), note: 'Reported to the National Police.' });
    if (rng.chance(0.25)) events.push({ kind: 'recovered', occurredAt: next(), toPartyId: holder, placeText: rng.pick(TOWNS) });
  } else if (r < 0.02) {
    events.push({ kind: 'reported_lost', occurredAt: next(), fromPartyId: holder, placeText: rng.pick(TOWNS) });
    if (rng.chance(0.2)) events.push({ kind: 'recovered', occurredAt: next(), toPartyId: holder });
  } else if (r < 0.025) {
    const at = next();
    events.push({ kind: 'seized', occurredAt: at, toPartyId: police, authorizationRef: authRef(ctx, 'SZ', at.getUTCFullYear()), placeText: rng.pick(TOWNS) });
    if (rng.chance(0.6)) {
      const c = next();
      events.push({ kind: 'confiscated', occurredAt: c, toPartyId: parties.agencies.authority, authorizationRef: authRef(ctx, 'CO', c.getUTCFullYear()) });
      markings.push({ kind: 'confiscation', location: 'frame', markingCountry: state, markingYear: c.getUTCFullYear(), text: `${state}-CONF-${c.getUTCFullYear()}` });
      if (rng.chance(0.5)) {
        events.push({
          kind: 'destroyed',
          occurredAt: next(),
          fromPartyId: parties.agencies.authority,
          destructionMethod: rng.pick(['cutting', 'crushing', 'smelting']),
          witnesses: [`${rng.pick(GIVEN_NAMES)} ${rng.pick(FAMILY_NAMES)}`, `${rng.pick(GIVEN_NAMES)} ${rng.pick(FAMILY_NAMES)}`],
        });
      }
    } else {
      events.push({ kind: 'returned', occurredAt: next(), toPartyId: holder, note: 'Released by court order.' });
    }
  } else if (r < 0.028) {
    const at = next();
    const cert = `DEACT-${at.getUTCFullYear()}-${String(ctx.authSeq++).padStart(6, '0')}`;
    events.push({ kind: 'deactivated', occurredAt: at, certificateRef: cert, toPartyId: holder });
    markings.push({ kind: 'deactivation', location: 'frame', markingCountry: state, markingYear: at.getUTCFullYear(), certificateRef: cert, text: 'DEACT' });
  } else if (r < 0.048) {
    events.push({ kind: 'loaned', occurredAt: next(), fromPartyId: holder, toPartyId: rng.pick(parties.owners) });
    if (rng.chance(0.7)) events.push({ kind: 'returned', occurredAt: next(), toPartyId: holder });
  } else if (r < 0.078) {
    events.push({ kind: 'repaired', occurredAt: next(), toPartyId: dealer, note: rng.pick(['Trigger group replaced.', 'Barrel replaced.', 'Extractor spring replaced.', 'Annual service.']) });
  } else if (r < 0.13) {
    events.push({ kind: 'transferred', occurredAt: next(), fromPartyId: holder, toPartyId: rng.pick(parties.owners), note: 'Private sale through a licensed dealer.' });
  }
}

export function* generateItems(opts: DemoOptions, parties: DemoParties, chunkSize = 5000): Generator<DemoChunk> {
  const rng = createRng(opts.seed);
  const byCategory = new Map<CartridgeCategory, string[]>();
  for (const c of opts.cartridges) {
    const list = byCategory.get(c.category) ?? [];
    list.push(c.name);
    byCategory.set(c.category, list);
  }
  const ctx: Ctx = { opts, rng, parties, byCategory, known: new Set(opts.cartridges.map((c) => c.name)), serialCounters: new Map(), authSeq: 0 };
  const nowYear = opts.now.getUTCFullYear();
  const state = opts.state;
  const foreignWeights = MODELS.map((m) => m.weight);
  const domesticWeights = DOMESTIC_MODELS.map((m) => m.weight);
  let out: DemoChunk = { items: [], markings: [], events: [] };
  const flush = function* () {
    if (out.items.length >= chunkSize) {
      yield out;
      out = { items: [], markings: [], events: [] };
    }
  };

  for (let n = 0; n < opts.firearms; n++) {
    const domestic = rng.chance(0.25);
    const antique = !domestic && rng.chance(0.002);
    let spec: ModelSpec;
    let makerId: string | null = null;
    if (domestic) {
      const d = rng.weighted(DOMESTIC_MODELS, domesticWeights);
      spec = { ...d, country: state };
      makerId = parties.manufacturers[d.makerIndex];
    } else if (antique) {
      spec = { make: 'Colt', model: 'Single Action Army', type: 'revolver', country: 'US', category: 'pistol', calibres: ['45 Colt'], weight: 0, serial: { prefix: '', digits: 6 }, years: [1873, 1899] };
    } else {
      spec = rng.weighted(MODELS, foreignWeights);
    }
    const year = rng.int(spec.years[0], Math.min(spec.years[1], nowYear - 1));
    const serial = serialFor(ctx, spec.make, spec.serial);
    const calibre = calibreFor(rng, spec.calibres, spec.category, byCategory, ctx.known);
    const manufacturerName = domestic ? DOMESTIC_MANUFACTURERS[(spec as { makerIndex?: number }).makerIndex ?? 0] : spec.make;
    const framed = spec.type === 'revolver' || spec.type === 'self_loading_pistol' || spec.type === 'sub_machine_gun';
    const location = framed ? 'frame' : 'receiver';
    const item: ItemInput = {
      kind: 'firearm',
      firearmType: spec.type,
      make: spec.make,
      model: spec.model,
      calibre,
      yearOfManufacture: year,
      countryOfManufacture: spec.country,
      serialNumber: serial,
      isAntique: antique,
    };
    const markings: MarkingInput[] = [
      { kind: 'manufacture', location, manufacturerName, countryOfManufacture: spec.country, serialNumber: serial, yearOfManufacture: year, model: spec.model, calibre },
    ];
    const events: CustodyEventInput[] = [];
    const made = new Date(Date.UTC(year, rng.int(0, 11), rng.int(1, 28), rng.int(7, 17)));
    const next = timeline(rng, made, opts.now);
    const dealer = rng.pick(parties.dealers);
    if (spec.stateOnly) {
      const agency = rng.chance(0.7) ? parties.agencies.forces : parties.agencies.police;
      const at = next();
      events.push({ kind: 'imported', occurredAt: at, toPartyId: agency, counterpartCountry: spec.country, authorizationRef: authRef(ctx, 'GOV-IMP', at.getUTCFullYear()) });
      markings.push({ kind: 'import', location, importCountry: state, importYear: at.getUTCFullYear() });
      if (rng.chance(0.02)) {
        events.push({
          kind: 'destroyed',
          occurredAt: next(),
          fromPartyId: agency,
          destructionMethod: 'smelting',
          witnesses: [`${rng.pick(GIVEN_NAMES)} ${rng.pick(FAMILY_NAMES)}`],
          note: 'Surplus destruction programme.',
        });
      }
    } else {
      if (domestic) {
        events.push({ kind: 'manufactured', occurredAt: made, toPartyId: makerId, placeText: rng.pick(TOWNS) });
      } else {
        const at = next();
        const importer = rng.pick(parties.importers);
        events.push({ kind: 'imported', occurredAt: at, toPartyId: importer, counterpartCountry: spec.country, authorizationRef: authRef(ctx, 'IMP', at.getUTCFullYear()) });
        markings.push({ kind: 'import', location, importCountry: state, importYear: at.getUTCFullYear() });
      }
      const holderBefore = events[events.length - 1].toPartyId ?? null;
      events.push({ kind: 'transferred', occurredAt: next(), fromPartyId: holderBefore, toPartyId: dealer });
      if (rng.chance(0.012)) {
        // Re-exported by the trade before reaching an owner.
        const at = next();
        events.push({ kind: 'exported', occurredAt: at, fromPartyId: dealer, counterpartCountry: rng.pick(EXPORT_DESTINATIONS), authorizationRef: authRef(ctx, 'EXP', at.getUTCFullYear()) });
      } else if (rng.chance(0.93)) {
        const owner = rng.pick(parties.owners);
        events.push({ kind: 'transferred', occurredAt: next(), fromPartyId: dealer, toPartyId: owner });
        firearmHistory(ctx, state, next, owner, dealer, events, markings);
      }
    }
    buildItem(ctx, item, markings, events, out);
    yield* flush();
  }

  const PART_TYPES: PartType[] = ['barrel', 'slide', 'frame', 'receiver', 'cylinder', 'bolt', 'suppressor'];
  for (let n = 0; n < opts.parts; n++) {
    const spec = rng.weighted(MODELS, foreignWeights);
    const partType = rng.pick(PART_TYPES);
    const year = rng.int(Math.max(spec.years[0], 1990), Math.min(spec.years[1], nowYear - 1));
    const serial = serialFor(ctx, `${spec.make}|part`, { prefix: `${spec.serial.prefix}P`, digits: 6 });
    const item: ItemInput = { kind: 'part', partType, make: spec.make, model: spec.model, calibre: partType === 'barrel' ? spec.calibres[0] : null, yearOfManufacture: year, countryOfManufacture: spec.country, serialNumber: serial };
    const location = partType === 'frame' || partType === 'receiver' || partType === 'barrel' || partType === 'slide' || partType === 'cylinder' || partType === 'bolt' || partType === 'suppressor' ? partType : 'other';
    const markings: MarkingInput[] = [{ kind: 'manufacture', location, manufacturerName: spec.make, countryOfManufacture: spec.country, serialNumber: serial, yearOfManufacture: year }];
    const next = timeline(rng, new Date(Date.UTC(year, rng.int(0, 11), rng.int(1, 28))), opts.now);
    const events: CustodyEventInput[] = [];
    const at = next();
    const importer = rng.pick(parties.importers);
    events.push({ kind: 'imported', occurredAt: at, toPartyId: importer, counterpartCountry: spec.country, authorizationRef: authRef(ctx, 'IMP', at.getUTCFullYear()) });
    markings.push({ kind: 'import', location, importCountry: state, importYear: at.getUTCFullYear() });
    if (rng.chance(0.8)) events.push({ kind: 'transferred', occurredAt: next(), fromPartyId: importer, toPartyId: rng.pick(parties.dealers) });
    buildItem(ctx, item, markings, events, out);
    yield* flush();
  }

  const AMMO_MAKERS: [string, string][] = [
    ['Fiocchi', 'IT'],
    ['Sellier & Bellot', 'CZ'],
    ['Winchester', 'US'],
    ['Federal', 'US'],
    ['Hornady', 'US'],
    ['Norma', 'SE'],
    ['RWS', 'DE'],
    ['Prvi Partizan', 'RS'],
    ['Geco', 'DE'],
  ];
  for (let n = 0; n < opts.ammunitionLots; n++) {
    const [maker, country] = rng.pick(AMMO_MAKERS);
    // Ammunition lots use the whole cartridge list, so every calibre of it appears somewhere.
    const calibre = opts.cartridges.length ? opts.cartridges[n % opts.cartridges.length].name : '9mm Luger';
    const year = rng.int(2015, nowYear - 1);
    const lot = `${maker.slice(0, 3).toUpperCase()}-${year}-${String(n + 1).padStart(5, '0')}`;
    const item: ItemInput = {
      kind: 'ammunition',
      ammunitionComponent: 'complete_round',
      make: maker,
      calibre,
      yearOfManufacture: year,
      countryOfManufacture: country,
      lotNumber: lot,
      quantityRounds: rng.pick([500, 1000, 2500, 5000, 10000, 25000, 50000]),
    };
    const markings: MarkingInput[] = [{ kind: 'manufacture', location: 'packaging', manufacturerName: maker, countryOfManufacture: country, serialNumber: lot, yearOfManufacture: year, calibre }];
    const next = timeline(rng, new Date(Date.UTC(year, rng.int(0, 11), rng.int(1, 28))), opts.now);
    const at = next();
    const importer = rng.pick(parties.importers);
    const events: CustodyEventInput[] = [
      { kind: 'imported', occurredAt: at, toPartyId: importer, counterpartCountry: country, authorizationRef: authRef(ctx, 'IMP', at.getUTCFullYear()) },
      { kind: 'transferred', occurredAt: next(), fromPartyId: importer, toPartyId: rng.pick(parties.dealers) },
    ];
    markings.push({ kind: 'import', location: 'packaging', importCountry: state, importYear: at.getUTCFullYear() });
    buildItem(ctx, item, markings, events, out);
    yield* flush();
  }
  if (out.items.length) yield out;
}

export type { EventKind };
