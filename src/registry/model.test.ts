import { describe, expect, it } from 'vitest';
import {
  EVENT_KINDS,
  INITIAL_STATE,
  ITEM_STATUSES,
  applyEvent,
  checkEvent,
  checkTransition,
  deriveState,
  compareCandidates,
  fillsToSearch,
  isSearchablePattern,
  partialTieTierSql,
  normaliseSerial,
  normaliseSerialOrNull,
  partialSerialPattern,
  primarySerial,
  retentionUntil,
  serialTrigramCounts,
  validateEventFields,
  validateImportMarking,
  validateItem,
  validateItemMarkings,
  validateMarking,
  type CustodyEventInput,
  type CustodyState,
  type EventKind,
  type ItemInput,
  type ItemStatus,
  type MarkingInput,
} from './model.ts';

const codes = (errors: { code?: string }[]) => errors.map((e) => e.code);
const fields = (errors: { field: string }[]) => errors.map((e) => e.field);
const YEAR = 2026;

describe('serial normalisation', () => {
  it('ignores case, spaces, dashes and dots', () => {
    expect(normaliseSerial('ab-123.45 x')).toBe('AB12345X');
    expect(normaliseSerial(' Ab 12\t3 ')).toBe('AB123');
    expect(normaliseSerial('A–B—C')).toBe('ABC');
  });
  it('keeps other characters (slashes are part of some serials)', () => {
    expect(normaliseSerial('12/34')).toBe('12/34');
    expect(normaliseSerial('a_1')).toBe('A_1');
  });
  it('folds full-width characters', () => {
    expect(normaliseSerial('ＡＢ１２')).toBe('AB12');
  });
  it('an all-punctuation serial is no serial', () => {
    expect(normaliseSerialOrNull('-- . --')).toBeNull();
    expect(normaliseSerialOrNull(null)).toBeNull();
    expect(normaliseSerialOrNull('x1')).toBe('X1');
  });
});

describe('partial serial pattern', () => {
  it('is a substring match', () => {
    expect(partialSerialPattern('ab12')).toEqual({ like: '%AB12%', known: 4, longestRun: 4 });
  });
  it('? is one unknown character, * any run', () => {
    expect(partialSerialPattern('AB?12')).toMatchObject({ like: '%AB_12%', known: 4, longestRun: 2 });
    expect(partialSerialPattern('AB*123')).toMatchObject({ like: '%AB%123%', known: 5, longestRun: 3 });
  });
  it('collapses leading/trailing * into the substring wildcards', () => {
    expect(partialSerialPattern('*AB1*').like).toBe('%AB1%');
    expect(partialSerialPattern('**').like).toBe('%');
  });
  it('fills the best ? with every letter and digit when the pattern gives the trigram index at most one trigram', () => {
    const p = partialSerialPattern('EJ?33?036');
    expect(p.fills).toHaveLength(36);
    expect(p.fills![0]).toBe('%EJ033_036%');
    expect(p.fills![35]).toBe('%EJZ33_036%');
    // The ? whose filling gives the most trigrams: "AXB12" three, "B12X4" two.
    expect(partialSerialPattern('A?B12?4').fills?.[10]).toBe('%AAB12_4%');
    expect(partialSerialPattern('AB12345').fills).toBeUndefined();
    expect(partialSerialPattern('ABC?12345').fills).toBeUndefined();
    // Filling gives no more than one trigram: not worth 36 searches.
    expect(partialSerialPattern('1?3').fills).toBeUndefined();
    // Escaped LIKE characters break runs as pg_trgm's separators do, and stay escaped in every fill.
    expect(partialSerialPattern('A%?123').fills?.[1]).toBe('%A\\%1123%');
  });
  it('a pattern whose runs are only two characters long is searchable when one filled ? joins them (two obliterated characters of eight)', () => {
    const p = partialSerialPattern('MN?12?34');
    expect(p).toMatchObject({ like: '%MN_12_34%', known: 6, longestRun: 2 });
    expect(p.fills).toHaveLength(36);
    expect(p.fills![0]).toBe('%MN012_34%');
    expect(isSearchablePattern(p)).toBe(true);
    expect(isSearchablePattern(partialSerialPattern('AB?12'))).toBe(true);
    expect(isSearchablePattern(partialSerialPattern('ABC'))).toBe(true);
    // A fill would give one trigram at most ("QX5", "5X1"), or none: still a scan of the registry.
    for (const refused of ['Q?5?1', 'A?*1', 'K?', 'AB??12', '1?3']) expect(isSearchablePattern(partialSerialPattern(refused))).toBe(false);
  });
  it('names the one trigram of a pattern whose fills are a choice, and none when the fills are its only way to the index', () => {
    expect(partialSerialPattern('EJ?33?036').trigram).toBe('036');
    expect(partialSerialPattern('C2?RS2').trigram).toBe('RS2');
    expect(partialSerialPattern('ABC?D%').trigram).toBe('ABC');
    // No trigram: "MN", "12", "34".
    expect(partialSerialPattern('MN?12?34').trigram).toBeUndefined();
    // No fills: two trigrams already, or a run of three and nothing a fill would join.
    expect(partialSerialPattern('ABCD?1').trigram).toBeUndefined();
    expect(partialSerialPattern('1?3').trigram).toBeUndefined();
  });
  it('searches a one-trigram pattern as itself when few serials hold its trigram, through its fills when many do or nobody knows', () => {
    const p = partialSerialPattern('C2?RS2');
    const limit = { share: 0.001, candidates: 2000 };
    expect(fillsToSearch(p, { holding: 1700, serials: 10_000_000 }, limit)).toEqual(['%C2_RS2%']);
    expect(fillsToSearch(p, { holding: 0, serials: 10 }, limit)).toEqual(['%C2_RS2%']);
    // Too many (1M items: 1 in 1,000 is 1,000), or more than the ceiling whatever the registry's size.
    expect(fillsToSearch(p, { holding: 1001, serials: 1_000_000 }, limit)).toBe(p.fills);
    expect(fillsToSearch(p, { holding: 2001, serials: 100_000_000 }, limit)).toBe(p.fills);
    expect(fillsToSearch(p, undefined, limit)).toBe(p.fills);
    // Without a trigram the fills are the only way the index serves it, however rare its runs.
    const noTrigram = partialSerialPattern('MN?12?34');
    expect(fillsToSearch(noTrigram, { holding: 0, serials: 10_000_000 }, limit)).toBe(noTrigram.fills);
    // A pattern without fills is searched as itself.
    expect(fillsToSearch(partialSerialPattern('ABC*XYZ'), { holding: 0, serials: 1 }, limit)).toBeUndefined();
  });
  it('counts the serials holding each run of three letters and digits, once per serial', () => {
    const counts = serialTrigramCounts(['AB036036', 'X036', 'A/B03', 'K-Q12']);
    expect(counts.get('036')).toBe(2);
    expect(counts.get('360')).toBe(1);
    expect(counts.get('B03')).toBe(2);
    // Runs are broken by other characters, as pg_trgm breaks words.
    expect(counts.has('A/B')).toBe(false);
    expect(counts.has('KQ1')).toBe(false);
    expect(counts.get('Q12')).toBe(1);
  });
  it('orders candidates by score, then lost/stolen before legal hands before out of reach, then id', () => {
    const c = (score: number, status: ItemStatus, id: string) => ({ score, status, id });
    const list = [c(0.9, 'destroyed', 'a'), c(0.9, 'active', 'b'), c(0.9, 'stolen', 'c'), c(0.95, 'exported', 'd'), c(0.9, 'lost', 'b0'), c(0.9, 'loaned', 'a0')];
    expect(list.sort(compareCandidates).map((x) => x.id)).toEqual(['d', 'b0', 'c', 'a0', 'b', 'a']);
    expect(partialTieTierSql('status')).toBe("CASE WHEN status IN ('lost', 'stolen') THEN 0 WHEN status IN ('registered', 'active', 'loaned', 'in_transit') THEN 1 ELSE 2 END");
  });
  it('normalises like the stored serial', () => {
    expect(partialSerialPattern('ab-1?.2').like).toBe('%AB1_2%');
  });
  it('escapes LIKE wildcards and the escape character', () => {
    expect(partialSerialPattern('A_1%B\\')).toEqual({ like: '%A\\_1\\%B\\\\%', known: 6, longestRun: 6 });
    expect(partialSerialPattern('R_Q%')).toEqual({ like: '%R\\_Q\\%%', known: 4, longestRun: 4 });
    expect(partialSerialPattern('%*1').like).toBe('%\\%%1%');
  });
  it('counts only known characters, and the longest run between wildcards', () => {
    expect(partialSerialPattern('?1?').known).toBe(1);
    expect(partialSerialPattern('AB?CDE*FG').longestRun).toBe(3);
    expect(partialSerialPattern('A-B.C').longestRun).toBe(3);
  });
});

describe('item validation', () => {
  const firearm: ItemInput = { kind: 'firearm', firearmType: 'rifle', make: 'Acme', yearOfManufacture: 1990, countryOfManufacture: 'BE' };
  it('accepts a plain firearm', () => {
    expect(validateItem(firearm, YEAR)).toEqual([]);
  });
  it('a firearm needs its type', () => {
    expect(codes(validateItem({ ...firearm, firearmType: null }, YEAR))).toEqual(['item.firearm_type_required']);
  });
  it('a part needs its part type and no firearm type', () => {
    expect(codes(validateItem({ kind: 'part', firearmType: 'rifle' }, YEAR))).toEqual(['item.part_type_required', 'item.firearm_type_not_allowed']);
    expect(validateItem({ kind: 'part', partType: 'receiver' }, YEAR)).toEqual([]);
  });
  it('an ammunition lot needs calibre, positive rounds and lot number', () => {
    expect(codes(validateItem({ kind: 'ammunition' }, YEAR))).toEqual(['item.calibre_required', 'item.quantity_required', 'item.lot_number_required']);
    expect(codes(validateItem({ kind: 'ammunition', calibre: '9x19', quantityRounds: 0, lotNumber: 'L1' }, YEAR))).toEqual(['item.quantity_required']);
    expect(codes(validateItem({ kind: 'ammunition', calibre: '9x19', quantityRounds: 1.5, lotNumber: 'L1' }, YEAR))).toEqual(['item.quantity_required']);
    expect(validateItem({ kind: 'ammunition', calibre: '9x19', quantityRounds: 1000, lotNumber: 'L1' }, YEAR)).toEqual([]);
  });
  it('only ammunition is counted in rounds', () => {
    expect(codes(validateItem({ ...firearm, quantityRounds: 5 }, YEAR))).toEqual(['item.quantity_not_allowed']);
  });
  it('country of manufacture is ISO 3166-1 alpha-2', () => {
    expect(fields(validateItem({ ...firearm, countryOfManufacture: 'XX' }, YEAR))).toEqual(['countryOfManufacture']);
    expect(codes(validateItem({ ...firearm, countryOfManufacture: 'be' }, YEAR))).toEqual(['country.invalid']);
  });
  it('year of manufacture must be plausible', () => {
    expect(codes(validateItem({ ...firearm, yearOfManufacture: YEAR + 2 }, YEAR))).toEqual(['item.year_out_of_range']);
    expect(validateItem({ ...firearm, yearOfManufacture: YEAR + 1 }, YEAR)).toEqual([]);
  });
  it('a firearm made after 1899 can never be antique', () => {
    expect(codes(validateItem({ ...firearm, isAntique: true, yearOfManufacture: 1900 }, YEAR))).toEqual(['item.antique_after_1899']);
    expect(validateItem({ ...firearm, isAntique: true, yearOfManufacture: 1899 }, YEAR)).toEqual([]);
  });
  it('an antique needs a year, and only firearms are antiques', () => {
    expect(codes(validateItem({ ...firearm, isAntique: true, yearOfManufacture: null }, YEAR))).toEqual(['item.antique_year_required']);
    expect(codes(validateItem({ kind: 'part', partType: 'barrel', isAntique: true, yearOfManufacture: 1850 }, YEAR))).toEqual(['item.antique_only_firearm']);
  });
  it('prefixes field names', () => {
    expect(fields(validateItem({ kind: 'firearm' }, YEAR, 'item.'))).toEqual(['item.firearmType']);
  });
  it('refuses an empty serial and an empty temporary purpose', () => {
    expect(codes(validateItem({ ...firearm, serialNumber: ' - ', temporaryImportPurpose: ' ' }, YEAR))).toEqual(['item.serial_empty', 'item.temporary_purpose_empty']);
  });
});

describe('marking validation (Art. 8)', () => {
  const manufacture: MarkingInput = { kind: 'manufacture', location: 'frame', manufacturerName: 'FN Herstal', countryOfManufacture: 'BE', serialNumber: 'AB123' };
  it('manufacture: manufacturer + country + serial', () => {
    expect(validateMarking(manufacture, YEAR)).toEqual([]);
  });
  it('manufacture: place of manufacture may stand for the country', () => {
    expect(validateMarking({ ...manufacture, countryOfManufacture: null, placeOfManufacture: 'Herstal' }, YEAR)).toEqual([]);
  });
  it('manufacture: each missing element is named', () => {
    expect(validateMarking({ kind: 'manufacture', location: 'frame' }, YEAR, 'markings.0.')).toEqual([
      expect.objectContaining({ field: 'markings.0.manufacturerName', code: 'marking.manufacturer_required' }),
      expect.objectContaining({ field: 'markings.0.countryOfManufacture', code: 'marking.country_or_place_required' }),
      expect.objectContaining({ field: 'markings.0.serialNumber', code: 'marking.serial_required' }),
    ]);
  });
  it('manufacture: the alternative symbol + code form needs no manufacturer or serial', () => {
    expect(validateMarking({ kind: 'manufacture', location: 'receiver', alternativeSymbol: '△○', alternativeCode: '12A45', countryOfManufacture: 'CN' }, YEAR)).toEqual([]);
  });
  it('manufacture: the alternative form needs both symbol and code and must identify the country', () => {
    expect(codes(validateMarking({ kind: 'manufacture', location: 'receiver', alternativeCode: '12A45' }, YEAR))).toEqual(['marking.alternative_symbol_required', 'marking.country_required']);
    expect(codes(validateMarking({ kind: 'manufacture', location: 'receiver', alternativeSymbol: '△', countryOfManufacture: 'CN' }, YEAR))).toEqual(['marking.alternative_code_required']);
    expect(codes(validateMarking({ kind: 'manufacture', location: 'receiver', alternativeSymbol: '△', alternativeCode: '#!', countryOfManufacture: 'CN' }, YEAR))).toEqual(['marking.alternative_code_format']);
  });
  it('import: needs the country of import; the year only where possible', () => {
    expect(validateMarking({ kind: 'import', location: 'frame', importCountry: 'NL' }, YEAR)).toEqual([]);
    expect(validateMarking({ kind: 'import', location: 'frame', importCountry: 'NL', importYear: 2020 }, YEAR)).toEqual([]);
    expect(codes(validateMarking({ kind: 'import', location: 'frame', importYear: 2020 }, YEAR))).toEqual(['marking.import_country_required']);
    expect(codes(validateMarking({ kind: 'import', location: 'frame', importCountry: 'QQ' }, YEAR))).toEqual(['country.invalid']);
    expect(codes(validateMarking({ kind: 'import', location: 'frame', importCountry: 'NL', importYear: 3000 }, YEAR))).toEqual(['marking.year_out_of_range']);
  });
  it('state transfer: names the transferring country', () => {
    expect(validateMarking({ kind: 'state_transfer', location: 'frame', transferringCountry: 'FR' }, YEAR)).toEqual([]);
    expect(codes(validateMarking({ kind: 'state_transfer', location: 'frame' }, YEAR))).toEqual(['marking.transferring_country_required']);
  });
  it('confiscation: names the State and records the mark', () => {
    expect(validateMarking({ kind: 'confiscation', location: 'frame', markingCountry: 'FR', text: 'CONF-2026-1' }, YEAR)).toEqual([]);
    expect(codes(validateMarking({ kind: 'confiscation', location: 'frame' }, YEAR))).toEqual(['marking.marking_country_required', 'marking.text_required']);
  });
  it('deactivation: mark text or certificate', () => {
    expect(validateMarking({ kind: 'deactivation', location: 'frame', certificateRef: 'DEACT-1' }, YEAR)).toEqual([]);
    expect(validateMarking({ kind: 'deactivation', location: 'frame', text: 'EU DEACT 2026' }, YEAR)).toEqual([]);
    expect(codes(validateMarking({ kind: 'deactivation', location: 'frame' }, YEAR))).toEqual(['marking.deactivation_text_or_certificate_required']);
  });
  it('proof and other marks record what they say', () => {
    expect(codes(validateMarking({ kind: 'proof', location: 'barrel' }, YEAR))).toEqual(['marking.text_required']);
    expect(codes(validateMarking({ kind: 'other', location: 'barrel' }, YEAR))).toEqual(['marking.text_required']);
    expect(validateMarking({ kind: 'other', location: 'barrel', text: 'crown' }, YEAR)).toEqual([]);
  });
  it('an empty serial is refused on any marking', () => {
    expect(codes(validateMarking({ ...manufacture, serialNumber: '...' }, YEAR))).toContain('marking.serial_empty');
  });
});

describe('item-level marking rules', () => {
  const rifle: ItemInput = { kind: 'firearm', firearmType: 'rifle' };
  const manufacture: MarkingInput = { kind: 'manufacture', location: 'frame', manufacturerName: 'X', countryOfManufacture: 'BE', serialNumber: 'S1' };
  it('a firearm or part needs a manufacture marking', () => {
    expect(codes(validateItemMarkings(rifle, []))).toEqual(['marking.manufacture_required']);
    expect(codes(validateItemMarkings({ kind: 'part', partType: 'frame' }, [{ kind: 'import', location: 'frame', importCountry: 'NL' }]))).toEqual(['marking.manufacture_required']);
    expect(validateItemMarkings(rifle, [manufacture])).toEqual([]);
  });
  it('ammunition lots and antiques are exempt', () => {
    expect(validateItemMarkings({ kind: 'ammunition' }, [])).toEqual([]);
    expect(validateItemMarkings({ ...rifle, isAntique: true }, [])).toEqual([]);
  });
  it('a weapon registered as seized (found, marks obliterated) is exempt; a manufactured one is not', () => {
    expect(validateItemMarkings(rifle, [], 'markings', 'seized')).toEqual([]);
    expect(codes(validateItemMarkings(rifle, [], 'markings', 'manufactured'))).toEqual(['marking.manufacture_required']);
  });
  const imported: CustodyEventInput = { kind: 'imported', occurredAt: new Date('2026-01-01'), toPartyId: 'p', counterpartCountry: 'BE', authorizationRef: 'IMP-1' };
  it('an imported item without an import marking is invalid', () => {
    expect(codes(validateImportMarking(rifle, [manufacture], imported))).toEqual(['marking.import_required']);
  });
  it('unless it carries an import marking', () => {
    expect(validateImportMarking(rifle, [manufacture, { kind: 'import', location: 'frame', importCountry: 'NL' }], imported)).toEqual([]);
  });
  it('or it is a temporary import for a stated lawful purpose (event or item)', () => {
    expect(validateImportMarking(rifle, [manufacture], { ...imported, temporaryImportPurpose: 'international shooting competition' })).toEqual([]);
    expect(validateImportMarking({ ...rifle, temporaryImportPurpose: 'trade fair' }, [manufacture], imported)).toEqual([]);
    expect(codes(validateImportMarking(rifle, [manufacture], { ...imported, temporaryImportPurpose: '  ' }))).toEqual(['marking.import_required']);
  });
  it('other events need no import marking', () => {
    expect(validateImportMarking(rifle, [], { ...imported, kind: 'manufactured' })).toEqual([]);
  });
  it('primary serial: item serial, else manufacture serial or alternative code, else any marked serial', () => {
    expect(primarySerial({ ...rifle, serialNumber: 'I1' }, [manufacture])).toBe('I1');
    expect(primarySerial(rifle, [manufacture])).toBe('S1');
    expect(primarySerial(rifle, [{ kind: 'manufacture', location: 'frame', alternativeSymbol: '△', alternativeCode: 'C9', countryOfManufacture: 'CN' }])).toBe('C9');
    expect(primarySerial(rifle, [{ kind: 'import', location: 'frame', importCountry: 'NL', serialNumber: 'IMP9' }])).toBe('IMP9');
    expect(primarySerial(rifle, [])).toBeNull();
    expect(primarySerial({ kind: 'ammunition', lotNumber: 'LOT7' }, [])).toBe('LOT7');
  });
});

// ---------------------------------------------------------------- custody

const t0 = new Date('2020-01-01T00:00:00Z');
let tick = 0;
function ev(kind: EventKind, extra: Partial<CustodyEventInput> = {}): CustodyEventInput {
  tick++;
  return { kind, occurredAt: new Date(t0.getTime() + tick * 86_400_000), ...validFields(kind), ...extra };
}
function validFields(kind: EventKind): Partial<CustodyEventInput> {
  switch (kind) {
    case 'manufactured':
      return { toPartyId: 'maker' };
    case 'imported':
      return { toPartyId: 'importer', counterpartCountry: 'BE', authorizationRef: 'IMP-1' };
    case 'exported':
      return { toPartyId: 'foreign', counterpartCountry: 'FR', authorizationRef: 'EXP-1' };
    case 'transferred':
    case 'loaned':
      return { toPartyId: 'buyer' };
    case 'in_transit':
      return { toPartyId: 'carrier' };
    case 'seized':
    case 'confiscated':
      return { toPartyId: 'police', authorizationRef: 'ORDER-1' };
    case 'deactivated':
      return { certificateRef: 'DEACT-1' };
    case 'destroyed':
      return { destructionMethod: 'cutting', witnesses: ['W. One'] };
    default:
      return {};
  }
}
function stateWith(status: ItemStatus, extra: Partial<CustodyState> = {}): CustodyState {
  return { ...INITIAL_STATE, status, holderPartyId: 'holder', eventCount: 1, lastEventAt: t0, ...extra };
}

describe('custody event fields', () => {
  it('every event kind has a valid minimal form', () => {
    for (const kind of EVENT_KINDS) expect(validateEventFields(ev(kind)), kind).toEqual([]);
  });
  it('destruction needs its method and at least one witness', () => {
    expect(codes(validateEventFields(ev('destroyed', { destructionMethod: ' ', witnesses: [] })))).toEqual(['event.destruction_method_required', 'event.witnesses_required']);
    expect(codes(validateEventFields(ev('destroyed', { witnesses: [' '] })))).toEqual(['event.witnesses_required']);
  });
  it('deactivation needs its certificate (Art. 9(c))', () => {
    expect(codes(validateEventFields(ev('deactivated', { certificateRef: null })))).toEqual(['event.certificate_required']);
  });
  it('export needs destination and licence', () => {
    expect(codes(validateEventFields(ev('exported', { counterpartCountry: null, authorizationRef: null })))).toEqual(['event.country_required', 'event.authorization_required']);
    expect(validateEventFields(ev('exported', { authorizationRef: null, licenceId: 'lic' }))).toEqual([]);
  });
  it('import needs importer, origin and authorization unless temporary', () => {
    expect(codes(validateEventFields(ev('imported', { toPartyId: null, counterpartCountry: null, authorizationRef: null })))).toEqual(['event.importer_required', 'event.country_required', 'event.authorization_required']);
    expect(validateEventFields(ev('imported', { authorizationRef: null, temporaryImportPurpose: 'hunting trip' }))).toEqual([]);
  });
  it('manufacture, transfer, loan, seizure, confiscation name the receiving party', () => {
    expect(codes(validateEventFields(ev('manufactured', { toPartyId: null })))).toEqual(['event.manufacturer_required']);
    expect(codes(validateEventFields(ev('transferred', { toPartyId: null })))).toEqual(['event.recipient_required']);
    expect(codes(validateEventFields(ev('loaned', { toPartyId: null })))).toEqual(['event.recipient_required']);
    expect(codes(validateEventFields(ev('seized', { toPartyId: null, authorizationRef: null })))).toEqual(['event.authority_required', 'event.legal_basis_required']);
    expect(codes(validateEventFields(ev('confiscated', { authorizationRef: null })))).toEqual(['event.legal_basis_required']);
  });
  it('transit names a carrier or a place', () => {
    expect(codes(validateEventFields(ev('in_transit', { toPartyId: null })))).toEqual(['event.place_or_carrier_required']);
    expect(validateEventFields(ev('in_transit', { toPartyId: null, placeLocode: 'NL RTM' }))).toEqual([]);
  });
  it('checks country codes, UN/LOCODEs and dates', () => {
    expect(codes(validateEventFields(ev('exported', { counterpartCountry: 'ZZ' })))).toEqual(['country.invalid']);
    expect(codes(validateEventFields(ev('repaired', { placeLocode: 'rotterdam' })))).toEqual(['event.locode_invalid']);
    expect(validateEventFields(ev('repaired', { placeLocode: 'NLRTM' }))).toEqual([]);
    expect(codes(validateEventFields(ev('repaired', { occurredAt: new Date('nope') })))).toEqual(['event.time_invalid']);
  });
});

describe('custody state machine', () => {
  it('derives status and holder from a realistic chain', () => {
    const s = deriveState([
      ev('manufactured', { toPartyId: 'maker' }),
      ev('transferred', { fromPartyId: 'maker', toPartyId: 'dealer' }),
      ev('transferred', { fromPartyId: 'dealer', toPartyId: 'owner' }),
      ev('loaned', { toPartyId: 'friend' }),
      ev('returned'),
      ev('reported_stolen'),
      ev('recovered', { toPartyId: 'owner' }),
    ]);
    expect(s).toMatchObject({ status: 'active', holderPartyId: 'owner', keeperPartyId: null, eventCount: 7 });
  });
  it('loan keeps the owner as holder and the borrower as keeper', () => {
    const s = deriveState([ev('manufactured'), ev('loaned', { toPartyId: 'friend' })]);
    expect(s).toMatchObject({ status: 'loaned', holderPartyId: 'maker', keeperPartyId: 'friend' });
  });
  it('seizure keeps the owner as holder until confiscation', () => {
    const seized = deriveState([ev('manufactured'), ev('seized', { toPartyId: 'police' })]);
    expect(seized).toMatchObject({ status: 'seized', holderPartyId: 'maker', keeperPartyId: 'police' });
    const confiscated = applyEvent(seized, ev('confiscated', { toPartyId: 'state' }));
    expect(confiscated).toMatchObject({ status: 'confiscated', holderPartyId: 'state', keeperPartyId: null });
  });
  it('records manufacture and destruction dates for retention', () => {
    const m = ev('manufactured');
    const d = ev('destroyed');
    const s = deriveState([m, d]);
    expect(s.manufacturedAt).toEqual(m.occurredAt);
    expect(s.destroyedAt).toEqual(d.occurredAt);
    expect(s.status).toBe('destroyed');
  });
  it('refuses a transfer after destruction', () => {
    const errors = checkTransition(stateWith('destroyed'), ev('transferred'));
    expect(errors).toEqual([expect.objectContaining({ field: 'kind', code: 'custody.item_destroyed' })]);
  });
  it('refuses any event after destruction', () => {
    for (const kind of EVENT_KINDS) expect(codes(checkTransition(stateWith('destroyed'), ev(kind))), kind).toEqual(['custody.item_destroyed']);
  });
  it('refuses export of a stolen item without recovery', () => {
    expect(codes(checkTransition(stateWith('stolen'), ev('exported')))).toEqual(['custody.item_stolen']);
    const recovered = applyEvent(stateWith('stolen'), ev('recovered'));
    expect(checkTransition(recovered, ev('exported'))).toEqual([]);
  });
  it('refuses a transfer of a lost item', () => {
    expect(codes(checkTransition(stateWith('lost'), ev('transferred')))).toEqual(['custody.item_lost']);
  });
  it('refuses a second manufacture and an import of an item already here', () => {
    expect(codes(checkTransition(stateWith('active'), ev('manufactured')))).toEqual(['custody.already_held']);
    expect(codes(checkTransition(stateWith('active'), ev('imported')))).toEqual(['custody.already_held']);
  });
  it('allows re-import after export, and refuses a transfer of an exported item', () => {
    expect(checkTransition(stateWith('exported'), ev('imported'))).toEqual([]);
    expect(codes(checkTransition(stateWith('exported'), ev('transferred')))).toEqual(['custody.item_exported']);
  });
  it('an item with no origin cannot be transferred, but can be seized or destroyed (found weapons)', () => {
    expect(codes(checkTransition(INITIAL_STATE, ev('transferred')))).toEqual(['custody.no_origin']);
    expect(checkTransition(INITIAL_STATE, ev('seized'))).toEqual([]);
    expect(checkTransition(INITIAL_STATE, ev('destroyed'))).toEqual([]);
  });
  it('refuses a loan while on loan and a transfer while seized', () => {
    expect(codes(checkTransition(stateWith('loaned'), ev('loaned')))).toEqual(['custody.on_loan']);
    expect(codes(checkTransition(stateWith('seized'), ev('transferred')))).toEqual(['custody.item_seized']);
  });
  it('refuses events dated before the last one', () => {
    const s = stateWith('active', { lastEventAt: new Date('2025-01-01') });
    expect(codes(checkTransition(s, ev('transferred', { occurredAt: new Date('2024-12-31') })))).toEqual(['custody.out_of_order']);
    expect(checkTransition(s, ev('transferred', { occurredAt: new Date('2025-01-01') }))).toEqual([]);
  });
  it('refuses a transfer from someone who is not the holder', () => {
    expect(codes(checkTransition(stateWith('active'), ev('transferred', { fromPartyId: 'someone-else' })))).toEqual(['custody.not_holder']);
    expect(checkTransition(stateWith('active'), ev('transferred', { fromPartyId: 'holder' }))).toEqual([]);
  });
  it('every status has a refusal reason for every event it blocks, and every event is reachable', () => {
    for (const status of ITEM_STATUSES) {
      for (const kind of EVENT_KINDS) {
        const errors = checkTransition(stateWith(status), ev(kind));
        for (const e of errors) expect(e.code).toMatch(/^custody\./);
      }
    }
    for (const kind of EVENT_KINDS) {
      expect(ITEM_STATUSES.some((s) => checkTransition(stateWith(s), ev(kind)).length === 0), kind).toBe(true);
    }
  });
  it('checkEvent reports field errors before transition errors', () => {
    expect(codes(checkEvent(stateWith('destroyed'), ev('destroyed', { witnesses: [] })))).toEqual(['event.witnesses_required']);
    expect(codes(checkEvent(stateWith('destroyed'), ev('destroyed')))).toEqual(['custody.item_destroyed']);
  });
  it('deriveState throws on a broken stored chain', () => {
    expect(() => deriveState([ev('manufactured'), ev('destroyed'), ev('transferred')])).toThrow(/custody.item_destroyed/);
  });
  it('a transfer of a deactivated item keeps it deactivated', () => {
    expect(applyEvent(stateWith('deactivated'), ev('transferred', { toPartyId: 'collector' }))).toMatchObject({ status: 'deactivated', holderPartyId: 'collector' });
  });
});

describe('retention date', () => {
  const floors = { protocolYears: 10, manufactureYears: 30, otherYears: 20, afterDestructionYears: 30 };
  const created = new Date('2020-03-01T00:00:00Z');
  it('other records: 20 years after the last record (ITI para 12)', () => {
    expect(retentionUntil(created, { ...INITIAL_STATE, lastEventAt: new Date('2021-05-02T00:00:00Z') }, floors)).toEqual({ until: '2041-05-02', basis: 'other' });
  });
  it('manufacturing records: 30 years after manufacture', () => {
    const s = { ...INITIAL_STATE, manufacturedAt: new Date('2020-03-01T00:00:00Z'), lastEventAt: new Date('2020-03-01T00:00:00Z') };
    expect(retentionUntil(created, s, floors)).toEqual({ until: '2050-03-01', basis: 'manufacture' });
  });
  it('destroyed items: 30 years after destruction (EU 2021/555)', () => {
    const s = { ...INITIAL_STATE, manufacturedAt: new Date('2000-01-01T00:00:00Z'), destroyedAt: new Date('2025-06-01T00:00:00Z'), lastEventAt: new Date('2025-06-01T00:00:00Z') };
    expect(retentionUntil(created, s, floors)).toEqual({ until: '2055-06-01', basis: 'after_destruction' });
  });
  it('floors are configuration: the maximum applicable wins', () => {
    expect(retentionUntil(created, INITIAL_STATE, { ...floors, protocolYears: 50 })).toEqual({ until: '2070-03-01', basis: 'protocol' });
  });
});
