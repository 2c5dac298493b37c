import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../platform/encoding.ts';
import { demoHistoryFiles } from './demo-history.ts';
import { countryCodeOfName, euRule, historyCounts, parseEuCoarm, parseSipri, sipriRule } from './history.ts';
import { buildHistoricalSection, type HistoricalFact } from './model.ts';

const fixture = (name: string, enc: 'windows-1252' | 'utf-8') => decodeText(fs.readFileSync(new URL(`./fixtures/${name}`, import.meta.url)), enc).text;

describe('historical transfers: parsing and the documented mappings', () => {
  it('reads the SIPRI register: the State as supplier (exports) and recipient (imports), with file lines, years and categories', () => {
    const p = parseSipri(fixture('sipri_sample.csv', 'windows-1252'), 'Spain');
    expect(p.problems).toEqual([]);
    expect(p.read).toBe(11);
    expect(p.otherStates).toBe(1);
    const frigate = p.rows.find((r) => r.designation === 'Descubierta')!;
    expect(frigate).toMatchObject({ sourceLine: 17, direction: 'export', partnerCode: 'EG', partnerName: 'Egypt', mapping: 'mapped', category: 'VI', yearActual: 1984, yearAuthorised: 1982, quantityActual: 2, quantityAuthorised: 2 });
    // Deliveries over several years: counted in the first, and the comment says SIPRI gives no split.
    const leopard = p.rows.find((r) => r.designation === 'Leopard-2A4')!;
    expect(leopard).toMatchObject({ direction: 'import', partnerCode: 'DE', category: 'I', yearActual: 1995, quantityActual: 108 });
    expect(leopard.comments).toContain('delivered 1995; 1996 (SIPRI gives the number delivered over these years, not per year)');
    // Ordered, nothing delivered yet: an authorised-basis row only.
    expect(p.rows.find((r) => r.designation === 'ACV')).toMatchObject({ yearActual: null, quantityActual: null, yearAuthorised: 2025, quantityAuthorised: 34 });
    expect(p.rows.find((r) => r.designation === 'Mistral')).toMatchObject({ category: 'VII.b', mapping: 'mapped' });
    // Not reportable (a sensor, a transport aircraft) and unmapped (maritime patrol aircraft: armed or not?) are kept.
    expect(p.rows.find((r) => r.designation === 'FPS-20')).toMatchObject({ mapping: 'not_reportable', category: null });
    expect(p.rows.find((r) => r.designation === 'C-212MP')).toMatchObject({ mapping: 'unmapped', category: null, rule: 'SIPRI "maritime patrol aircraft": no rule' });
    expect(historyCounts(p)).toEqual({ read: 11, imported: 10, exports: 5, imports: 5, otherStates: 1, mapped: 5, notReportable: 4, unmapped: 1, aggregate: 0 });
  });

  it('reads the EU compilation: ML rows mapped, Total rows kept as aggregates, values in cents; other States not read', () => {
    const p = parseEuCoarm(fixture('eu_sample.csv', 'utf-8'), 'Spain');
    expect(p.problems).toEqual([]);
    expect(p.otherStates).toBe(1);
    expect(p.rows.find((r) => r.controlEntry === 'ML1')).toMatchObject({ sourceLine: 4, direction: 'export', partnerCode: 'BR', mapping: 'mapped', category: 'SALW', licences: 1, valueAuthorisedMinor: 120_000, valueActualMinor: 120_000, currency: 'EUR', yearActual: 2011 });
    expect(p.rows.filter((r) => r.mapping === 'aggregate')).toHaveLength(3);
    expect(p.rows.find((r) => r.sourceLine === 8)).toMatchObject({ controlEntry: 'ML6', mapping: 'unmapped', valueAuthorisedMinor: null });
    expect(p.rows.filter((r) => r.direction === 'import').map((r) => r.partnerCode)).toEqual(['IT', 'IT', 'IT']);
  });

  it('names the file line and field of every bad row of the State, and refuses a file that is not the register', () => {
    const bad = fixture('sipri_sample.csv', 'windows-1252').replace('Descubierta,frigate,2,', 'Descubierta,frigate,two,').replace('Algeria,Spain,2004,', 'Algeria,Spain,20x4,');
    expect(parseSipri(bad, 'Spain').problems).toEqual([
      { line: 13, field: 'year_of_order', code: 'reporting.history_invalid', message: '"20x4" is not a year.' },
      { line: 17, field: 'number_delivered', code: 'reporting.history_invalid', message: '"two" is not a whole number.' },
    ]);
    const eu = fixture('eu_sample.csv', 'utf-8').replace('33115;2011;Brazil;Spain;ML1;1;1200;1200', '33115;2011;Brazil;Spain;ML99;1;12.5;1200');
    expect(parseEuCoarm(eu, 'Spain').problems.map((x) => [x.line, x.field])).toEqual([[4, 'CML-category'], [4, 'val-licenses-imported']]);
    expect(parseSipri('a,b,c\n1,2,3\n', 'Spain').problems[0]).toMatchObject({ line: 1, code: 'reporting.history_sipri_header' });
    expect(parseEuCoarm('a;b\n', 'Spain').problems[0]).toMatchObject({ line: 1, code: 'reporting.history_eu_header' });
  });

  it('maps every SIPRI description by a written rule or says it has none; EU ML2/4/6/9/10 stay unmapped', () => {
    expect(sipriRule('Tank')?.category).toBe('I');
    expect(sipriRule('fire-control radar')?.mapping).toBe('not_reportable');
    expect(sipriRule('reconnaissance aircraft')).toBeNull();
    expect(euRule('ML1')?.category).toBe('SALW');
    expect(euRule('Total')?.mapping).toBe('aggregate');
    for (const ml of ['ML2', 'ML4', 'ML6', 'ML9', 'ML10']) expect(euRule(ml)).toBeNull();
    expect(countryCodeOfName('Turkiye')).toBe('TR');
    expect(countryCodeOfName('Soviet Union')).toBeNull();
    expect(countryCodeOfName('NATO**')).toBeNull();
    expect(countryCodeOfName("Cote d'Ivoire")).toBe('CI');
  });

  it('the shipped demonstration files parse whole: 744 SIPRI deals and 3,666 EU rows of Spain', () => {
    const [sipri, eu] = demoHistoryFiles();
    const s = parseSipri(decodeText(sipri.content, 'windows-1252').text, 'Spain');
    const e = parseEuCoarm(decodeText(eu.content, 'utf-8').text, 'Spain');
    expect([s.problems, e.problems]).toEqual([[], []]);
    expect([s.rows.length, e.rows.length]).toEqual([744, 3666]);
    // Every SIPRI partner name the demo shows is a current State or printed as written (never a wrong code).
    expect(s.rows.filter((r) => r.partnerCode === null).map((r) => r.partnerName).sort()).toEqual(['NATO**']);
  });

  it('a report section lists mapped rows by direction and unmapped ones, counts the rest, and is null without imports', () => {
    const fact = (over: Partial<HistoricalFact>): HistoricalFact => ({ source: 'sipri', fileName: 'f.csv', sourceLine: 13, direction: 'export', partnerCode: 'EG', partnerName: 'Egypt', year: 1984, mapping: 'mapped', category: 'VI', rule: 'r', controlEntry: null, designation: 'Descubierta', description: 'frigate', quantity: 2, valueMinor: null, licences: null, currency: null, comments: '', ...over });
    const src = [{ source: 'sipri' as const, sourceName: 'Spain', fileName: 'f.csv', fileSha256: 'x', importedAt: 't', attribution: 'a' }];
    const h = buildHistoricalSection([fact({}), fact({ sourceLine: 14, mapping: 'unmapped', category: null }), fact({ sourceLine: 15, mapping: 'not_reportable', category: null }), fact({ sourceLine: 16, direction: 'import', category: 'I' })], src)!;
    expect(h.exports.map((r) => [r.sourceLine, r.description, r.categoryTitle])).toEqual([[13, 'Descubierta (frigate)', 'Warships']]);
    expect(h.imports.map((r) => r.sourceLine)).toEqual([16]);
    expect(h.unmapped.map((r) => r.sourceLine)).toEqual([14]);
    expect(h.notReportable).toBe(1);
    expect(buildHistoricalSection([], [])).toBeNull();
  });
});
