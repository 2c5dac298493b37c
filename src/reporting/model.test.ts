import { describe, expect, it } from 'vitest';
import {
  ANY,
  buildArmsReport,
  buildWassenaarReport,
  mappingProblems,
  notificationClock,
  parsePeriod,
  resolveCategory,
  transferCharts,
  seedMappings,
  WASSENAAR_PARTICIPANTS_LIST,
  type MappingKey,
  type MappingValue,
  type TransferGroup,
} from './model.ts';

type M = MappingKey & MappingValue;
const map = (controlEntry: string, itemType: string, firearmType: string, cat: string | null, over: Partial<MappingValue> = {}): M => ({
  controlEntry,
  itemType,
  firearmType,
  unrocaCategory: cat,
  wassenaarCategory: cat,
  dualUseTier: null,
  reportable: cat !== null,
  ...over,
});

const group = (over: Partial<TransferGroup>): TransferGroup => ({
  direction: 'export',
  partner: 'KE',
  controlEntry: 'ML1.a',
  itemType: 'firearm',
  firearmType: 'rifle',
  description: 'Bolt-action rifle .308 Win',
  transit: ['TZ'],
  quantity: 40,
  unit: 'piece',
  valueMinor: 4_800_000,
  currency: 'EUR',
  lines: 1,
  withheld: null,
  ...over,
});

const period = parsePeriod('att', '2026')!;

describe('periods', () => {
  it('reads a calendar year for UNROCA and ATT and a half-year for Wassenaar', () => {
    expect(parsePeriod('att', '2026')).toEqual({ start: '2026-01-01', end: '2026-12-31', label: '2026' });
    expect(parsePeriod('wassenaar', '2026-H2')).toEqual({ start: '2026-07-01', end: '2026-12-31', label: '2026-H2' });
    expect(parsePeriod('wassenaar', '2026')).toBeNull();
    expect(parsePeriod('unroca', '2026-H1')).toBeNull();
  });
});

describe('category mapping', () => {
  const mappings = [map(ANY, 'firearm', 'rifle', 'SA2'), map('ML1', 'firearm', ANY, 'SA6'), map('ML1.a', ANY, ANY, 'SA1'), map(ANY, 'ammunition', ANY, null)];

  it('prefers a named firearm type, then a named item type, then the longest control entry', () => {
    expect(resolveCategory(mappings, { controlEntry: 'ML1.a', itemType: 'firearm', firearmType: 'rifle' })?.unrocaCategory).toBe('SA2');
    expect(resolveCategory(mappings, { controlEntry: 'ML1.a', itemType: 'firearm', firearmType: null })?.unrocaCategory).toBe('SA6');
    expect(resolveCategory(mappings, { controlEntry: 'ML1.a', itemType: 'other', firearmType: null })?.unrocaCategory).toBe('SA1');
  });

  it('matches sub-entries of a control entry but not entries that merely share a prefix', () => {
    expect(resolveCategory([map('ML1', ANY, ANY, 'SA6')], { controlEntry: 'ML1.a.1', itemType: 'x', firearmType: null })).not.toBeNull();
    expect(resolveCategory([map('ML1', ANY, ANY, 'SA6')], { controlEntry: 'ML10', itemType: 'x', firearmType: null })).toBeNull();
  });

  it('is seeded from the reference crosswalk: every firearm type mapped, ammunition and parts not reportable', () => {
    const seeds = seedMappings();
    expect(seeds.find((s) => s.firearmType === 'assault_rifle')).toMatchObject({ unrocaCategory: 'SA4', reportable: true });
    expect(seeds.find((s) => s.firearmType === 'portable_anti_aircraft_launcher')?.unrocaCategory).toBe('VII.b');
    expect(seeds.find((s) => s.itemType === 'ammunition')).toMatchObject({ reportable: false, unrocaCategory: null });
    expect(seeds.every((s) => mappingProblems(s).length === 0)).toBe(true);
  });

  it('refuses unknown categories and reportable mappings without one', () => {
    expect(mappingProblems(map(ANY, 'firearm', ANY, 'IX')).map((p) => p.field)).toEqual(['unrocaCategory', 'wassenaarCategory']);
    expect(mappingProblems({ ...map(ANY, 'firearm', ANY, null), reportable: true }).map((p) => p.code)).toEqual(['reporting.reportable_without_category']);
    expect(mappingProblems({ ...map(ANY, 'firearm', ANY, 'SA1'), reportable: false }).map((p) => p.code)).toEqual(['reporting.category_not_reportable']);
  });
});

describe('UNROCA and ATT tables', () => {
  const mappings = seedMappings();

  it('lists lines no mapping covers instead of dropping them', () => {
    const r = buildArmsReport({ kind: 'att', state: 'XC', period, basis: 'actual', mappings, groups: [group({}), group({ firearmType: null, description: 'Unclassified firearm' })] });
    expect(r.exports).toHaveLength(1);
    expect(r.unmapped).toEqual([expect.objectContaining({ description: 'Unclassified firearm', quantity: 40, controlEntry: 'ML1.a' })]);
  });

  it('reports the ATT number and value and UNROCA the number only, with the route as intermediate location', () => {
    const att = buildArmsReport({ kind: 'att', state: 'XC', period, basis: 'actual', mappings, groups: [group({})] });
    expect(att.exports[0]).toMatchObject({ category: 'SA2', partner: 'KE', quantity: 40, valueMinor: 4_800_000, currency: 'EUR', intermediate: 'TZ' });
    const unroca = buildArmsReport({ kind: 'unroca', state: 'XC', period, basis: 'actual', mappings, groups: [group({})] });
    expect(unroca.exports[0]).toMatchObject({ quantity: 40, valueMinor: null, currency: null });
  });

  it('merges lines of one category, partner, description and route, and sorts as the form prints', () => {
    const r = buildArmsReport({
      kind: 'att', state: 'XC', period, basis: 'authorised', mappings,
      groups: [group({ quantity: 10, valueMinor: 100 }), group({ quantity: 5, valueMinor: 50, lines: 2 }), group({ firearmType: 'revolver', description: 'Revolver', quantity: 3 }), group({ partner: 'AR', firearmType: 'revolver', description: 'Revolver' })],
    });
    expect(r.exports.map((e) => [e.category, e.partner, e.quantity])).toEqual([['SA1', 'AR', 40], ['SA1', 'KE', 3], ['SA2', 'KE', 15]]);
    expect(r.exports[2]).toMatchObject({ valueMinor: 150, comments: '3 licence line(s) issued' });
  });

  it('gives nil reports when nothing was transferred, and counts parts and ammunition as not reportable', () => {
    const r = buildArmsReport({ kind: 'att', state: 'XC', period, basis: 'actual', mappings, groups: [group({ itemType: 'ammunition', firearmType: null, controlEntry: 'ML3.a' })] });
    expect(r.nil).toEqual({ exports: true, imports: true });
    expect(r.notReportable).toBe(1);
    expect(r.unmapped).toEqual([]);
  });

  it('withholds numbers of commercially sensitive rows, leaves out national-security rows, and declares it', () => {
    const r = buildArmsReport({
      kind: 'att', state: 'XC', period, basis: 'actual', mappings,
      groups: [group({ withheld: 'commercially_sensitive' }), group({ direction: 'import', partner: 'US', withheld: 'national_security' })],
    });
    expect(r.exports[0]).toMatchObject({ quantity: null, valueMinor: null, withheld: 'commercially_sensitive' });
    expect(r.exports[0].comments).toContain('commercially sensitive');
    expect(r.imports).toEqual([]);
    expect(r.nil.imports).toBe(false); // withheld is not nil
    expect(r.withholding).toEqual({ declared: true, commerciallySensitive: 1, nationalSecurity: 1 });
  });
});

describe('Wassenaar six-monthly report', () => {
  const h1 = parsePeriod('wassenaar', '2026-H1')!;
  const mappings = [...seedMappings(), map('5A002', ANY, ANY, null, { dualUseTier: 'sensitive', reportable: true }), map('1C010', ANY, ANY, null, { dualUseTier: 'basic', reportable: true })];

  it('has the 42 participating States as dated reference data', () => {
    expect(WASSENAAR_PARTICIPANTS_LIST.states).toHaveLength(42);
    expect(WASSENAAR_PARTICIPANTS_LIST.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('reports arms deliveries to non-participating States only, by Appendix 3 category, without model for missiles', () => {
    const r = buildWassenaarReport({
      state: 'XC', period: h1, today: '2026-07-10', issued: [], refusals: [], overrides: [], mappings,
      deliveries: [group({}), group({ partner: 'DE' }), group({ partner: 'KE', firearmType: 'portable_anti_aircraft_launcher', description: 'Igla-S', quantity: 2 })],
    });
    expect(r.armsDeliveries).toEqual([
      { category: 'VII.b', categoryTitle: expect.any(String), recipient: 'KE', quantity: 2, modelType: null },
      { category: 'SA2', categoryTitle: 'Rifles and carbines', recipient: 'KE', quantity: 40, modelType: 'Bolt-action rifle .308 Win' },
    ]);
  });

  it('aggregates Basic List denials, lists SL/VSL denials one by one with the 30/60-day clock, and names unmapped entries', () => {
    const r = buildWassenaarReport({
      state: 'XC', period: h1, today: '2026-06-20', deliveries: [], issued: [], overrides: [], mappings,
      refusals: [
        { reference: 'A-1', deniedOn: '2026-05-01', destination: 'KE', endUserName: 'X', controlEntries: ['5A002.a', '1C010'], reason: 'r' },
        { reference: 'A-2', deniedOn: '2026-06-10', destination: 'KE', endUserName: 'Y', controlEntries: ['1C010'], reason: 'r' },
        { reference: 'A-3', deniedOn: '2026-06-10', destination: 'FR', endUserName: 'Z', controlEntries: ['5A002'], reason: 'r' },
        { reference: 'A-4', deniedOn: '2026-06-11', destination: 'KE', endUserName: 'Q', controlEntries: ['9A001'], reason: 'r' },
      ],
    });
    expect(r.basicListDenials).toEqual([{ destination: 'KE', category: '1', denials: 1 }]);
    expect(r.sensitiveDenials).toHaveLength(1);
    expect(r.sensitiveDenials[0]).toMatchObject({ reference: 'A-1', tier: 'sensitive', entries: ['5A002.a'], notify: { target: '2026-05-31', limit: '2026-06-30', days: 50, clock: 'past_target' } });
    expect(r.unmappedEntries).toEqual([{ controlEntry: '9A001', references: ['A-4'] }]);
  });

  it('counts SL/VSL licences in aggregate and lists approvals essentially identical to another State’s denial', () => {
    const r = buildWassenaarReport({
      state: 'XC', period: h1, today: '2026-06-20', deliveries: [], refusals: [], mappings,
      issued: [{ ...group({ controlEntry: '5A002', itemType: 'other', firearmType: null, quantity: 3, lines: 3 }), licences: 2 }],
      overrides: [
        { licenceNumber: 'XC-EXP-2026-000001', approvedOn: '2026-06-01', destination: 'KE', endUserName: 'KWS', denialReference: 'DE-1', denialSource: 'received:DE' },
        { licenceNumber: 'XC-EXP-2026-000002', approvedOn: '2026-06-01', destination: 'KE', endUserName: 'KWS', denialReference: 'XC-APP-1', denialSource: 'own' },
      ],
    });
    expect(r.sensitiveLicences).toEqual([{ destination: 'KE', tier: 'sensitive', licences: 2, quantity: 3, unit: 'piece' }]);
    expect(r.identicalApprovals.map((a) => a.licenceNumber)).toEqual(['XC-EXP-2026-000001']);
    expect(r.identicalApprovals[0].notify).toMatchObject({ target: '2026-07-01', limit: '2026-07-31', clock: 'within_target' });
  });
});

describe('notification clock', () => {
  it('is within target up to 30 days, past target to 60, then past the limit', () => {
    expect(notificationClock('2026-01-01', '2026-01-31').clock).toBe('within_target');
    expect(notificationClock('2026-01-01', '2026-02-01').clock).toBe('past_target');
    expect(notificationClock('2026-01-01', '2026-03-02').clock).toBe('past_target');
    expect(notificationClock('2026-01-01', '2026-03-03').clock).toBe('past_limit');
  });
});

describe('charts', () => {
  it('sums exports per bucket by category and destination, leaves out ammunition, shows unmapped lines, folds small keys into other', () => {
    const line = (bucket: string, partner: string, firearmType: string | null, quantity: number, itemType = 'firearm') => ({ bucket, direction: 'export' as const, partner, controlEntry: 'ML1.a', itemType, firearmType, quantity });
    const charts = transferCharts(
      [line('2025', 'KE', 'rifle', 10), line('2025', 'KE', 'revolver', 5), line('2026', 'TZ', 'rifle', 7), line('2026', 'TZ', null, 2), line('2026', 'TZ', null, 5000, 'ammunition'), { ...line('2026', 'US', 'rifle', 99), direction: 'import' as const }],
      seedMappings(),
      2,
    );
    expect(charts.byCategory).toEqual([
      { bucket: '2025', key: 'SA1', value: 5 },
      { bucket: '2025', key: 'SA2', value: 10 },
      { bucket: '2026', key: 'SA2', value: 7 },
      { bucket: '2026', key: 'unmapped', value: 2 },
    ]);
    expect(charts.byDestination).toEqual([
      { bucket: '2025', key: 'KE', value: 15 },
      { bucket: '2026', key: 'TZ', value: 9 },
    ]);
    const folded = transferCharts([line('2026', 'KE', 'rifle', 3), line('2026', 'TZ', 'rifle', 2), line('2026', 'UG', 'rifle', 1)], seedMappings(), 1);
    expect(folded.byDestination).toEqual([{ bucket: '2026', key: 'KE', value: 3 }, { bucket: '2026', key: 'other', value: 3 }]);
  });
});
