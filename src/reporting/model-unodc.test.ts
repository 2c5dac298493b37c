import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  buildIafqReport,
  buildProtocolAssessment,
  parsePeriod,
  recoveryChart,
  requestOutcome,
  SIGNIFICANT_DEFAULTS,
  tracingOutcomeChart,
  type TracingFigures,
  type TracingRecords,
} from './model.ts';

const period = parsePeriod('iafq', '2026')!;

type Item = TracingRecords['items'][number];
const item = (reference: string, over: Partial<Item> = {}): Item => ({
  reference,
  caseReference: reference.split('/')[0],
  recoveredOn: '2026-03-01',
  place: 'NL RTM',
  recoveryType: 'seized',
  legalJustification: 'illicit_trafficking',
  criminalContext: 'organised_crime',
  kind: 'firearm',
  type: 'rifle',
  nature: 'industrial',
  countryOfManufacture: 'BE',
  quantity: 1,
  markingDefaced: false,
  originEstablished: false,
  ...over,
});

/** Figures computed from records the way the tracing module's SQL counts them. */
function figuresOf(records: TracingRecords, requests: TracingFigures['requests'] = []): TracingFigures {
  const rows = new Map<string, TracingFigures['rows'][number]>();
  for (const i of records.items) {
    const k = [i.recoveryType, i.kind, i.type, i.legalJustification, i.criminalContext].join('|');
    const r = rows.get(k) ?? { recoveryType: i.recoveryType, kind: i.kind, type: i.type, legalJustification: i.legalJustification, criminalContext: i.criminalContext, items: 0, quantity: 0, originEstablished: 0 };
    r.items += 1;
    r.quantity += i.quantity;
    r.originEstablished += i.originEstablished ? 1 : 0;
    rows.set(k, r);
  }
  const firearms = records.items.filter((i) => i.kind === 'firearm');
  return { period: { from: period.start, to: period.end }, firearmsRecovered: firearms.length, firearmsOriginEstablished: firearms.filter((i) => i.originEstablished).length, rows: [...rows.values()], requests };
}

const records = (items: Item[], over: Partial<TracingRecords> = {}): TracingRecords => ({ items, requests: [], disposals: [], ...over });

describe('IAFQ / SDG 16.4.2', () => {
  const big = Array.from({ length: 10 }, (_, i) => item(`REC-2026-000001/${i + 1}`, { originEstablished: i < 3 }));
  const small = [item('REC-2026-000002/1', { type: 'pistol' }), item('REC-2026-000002/2', { kind: 'ammunition', type: 'complete_round', quantity: 999 })];
  const foundOne = [item('REC-2026-000003/1', { recoveryType: 'found', type: 'pistol', legalJustification: 'illicit_possession', criminalContext: 'none', originEstablished: true })];
  const ammoCase = [item('REC-2026-000004/1', { kind: 'ammunition', type: 'complete_round', quantity: 1000 }), item('REC-2026-000004/2', { kind: 'part', type: 'barrel' })];
  const all = records([...big, ...small, ...foundOne, ...ammoCase]);

  it('computes the proportion from the figures and lists the records behind numerator and denominator', () => {
    const r = buildIafqReport({ state: 'NL', period, figures: figuresOf(all), records: all, threshold: SIGNIFICANT_DEFAULTS });
    expect(r.sdg.denominator).toBe(12);
    expect(r.sdg.numerator).toBe(4);
    expect(r.sdg.proportion).toBe(0.3333);
    expect(r.sdg.denominatorRecords).toHaveLength(12);
    expect(r.sdg.denominatorRecords).not.toContain('REC-2026-000002/2');
    expect(r.sdg.numeratorRecords).toEqual(['REC-2026-000001/1', 'REC-2026-000001/2', 'REC-2026-000001/3', 'REC-2026-000003/1']);
    expect(r.sdg.recordsAgree).toBe(true);
    expect(r.domesticTracing).toEqual({ originEstablished: 4, notEstablished: 8 });
  });

  it('says so when the records do not add up to the figures', () => {
    const figures = { ...figuresOf(all), firearmsRecovered: 13 };
    expect(buildIafqReport({ state: 'NL', period, figures, records: all, threshold: SIGNIFICANT_DEFAULTS }).sdg.recordsAgree).toBe(false);
  });

  it('has no proportion when nothing was recovered', () => {
    const none = records([]);
    const r = buildIafqReport({ state: 'NL', period, figures: figuresOf(none), records: none, threshold: SIGNIFICANT_DEFAULTS });
    expect(r.sdg).toMatchObject({ denominator: 0, numerator: 0, proportion: null, recordsAgree: true });
    expect(r.significantSeizures.cases).toEqual([]);
  });

  it('breaks firearms down by type, recovery type, legal justification and criminal context; parts and rounds apart', () => {
    const r = buildIafqReport({ state: 'NL', period, figures: figuresOf(all), records: all, threshold: SIGNIFICANT_DEFAULTS });
    expect(r.firearmsByType).toEqual([
      { key: 'rifle', seized: 10, found: 0, surrendered: 0, total: 10 },
      { key: 'pistol', seized: 1, found: 1, surrendered: 0, total: 2 },
    ]);
    expect(r.firearmsByLegalJustification.map((c) => [c.key, c.total])).toEqual([['illicit_trafficking', 11], ['illicit_possession', 1]]);
    expect(r.firearmsByCriminalContext.map((c) => [c.key, c.total])).toEqual([['organised_crime', 11], ['none', 1]]);
    expect(r.partsByType).toEqual([{ key: 'barrel', seized: 1, found: 0, surrendered: 0, total: 1 }]);
    expect(r.ammunitionByType).toEqual([{ key: 'complete_round', seized: 1999, found: 0, surrendered: 0, total: 1999, lots: 2 }]);
  });

  it('keeps seizures at or above either threshold as significant, and only seizures', () => {
    const r = buildIafqReport({ state: 'NL', period, figures: figuresOf(all), records: all, threshold: SIGNIFICANT_DEFAULTS });
    expect(r.significantSeizures.threshold).toEqual({ firearms: 10, rounds: 1000 });
    expect(r.significantSeizures.cases.map((c) => [c.caseReference, c.firearms, c.parts, c.rounds])).toEqual([
      ['REC-2026-000001', 10, 0, 0],
      ['REC-2026-000004', 0, 1, 1000],
    ]);
    expect(r.significantSeizures.cases[0]).toMatchObject({ countriesOfManufacture: ['BE'], items: big.map((i) => i.reference) });
    const lower = buildIafqReport({ state: 'NL', period, figures: figuresOf(all), records: all, threshold: { firearms: 1, rounds: 100_000 } });
    // The find of one pistol is not a seizure, whatever the threshold.
    expect(lower.significantSeizures.cases.map((c) => c.caseReference)).toEqual(['REC-2026-000001', 'REC-2026-000002']);
  });

  it('counts tracing requests by direction and outcome', () => {
    const figures = figuresOf(all, [
      { direction: 'outgoing', status: 'responded', count: 2 },
      { direction: 'outgoing', status: 'closed', count: 1 },
      { direction: 'outgoing', status: 'sent', count: 3 },
      { direction: 'outgoing', status: 'acknowledged', count: 1 },
      { direction: 'incoming', status: 'refused', count: 1 },
    ]);
    const r = buildIafqReport({ state: 'NL', period, figures, records: all, threshold: SIGNIFICANT_DEFAULTS });
    expect(r.tracingRequests).toEqual([
      { direction: 'incoming', outcome: 'refused', count: 1 },
      { direction: 'outgoing', outcome: 'answered', count: 2 },
      { direction: 'outgoing', outcome: 'pending', count: 4 },
      { direction: 'outgoing', outcome: 'closed', count: 1 },
    ]);
    expect(['draft', 'received', 'in_progress', 'delayed', 'partial'].map(requestOutcome)).toEqual(['not_sent', 'pending', 'pending', 'pending', 'partly_answered']);
  });
});

describe('Protocol self-assessment', () => {
  const licences = [
    { kind: 'export', issued: 4, complete: 4, withImportAuthorisation: 4, withTransit: 2, transitAllNoObjection: 1, withBrokers: 1, shipments: 3, shipmentsVerified: 2 },
    { kind: 'brokering', issued: 1, complete: 0, withImportAuthorisation: 0, withTransit: 0, transitAllNoObjection: 0, withBrokers: 1, shipments: 0, shipmentsVerified: 0 },
  ];
  const items = { registered: 9, firearms: 7, firearmsWithManufactureMarking: 6, imported: 2, importedWithImportMarking: 1, importedTemporary: 1, lostOrStolen: 3 };
  const brokers = { registered: 5, active: 4, registeredInPeriod: 2 };
  const retention = { protocolYears: 10, manufactureYears: 30, otherYears: 20, afterDestructionYears: 30 };
  const tracing = records([item('REC-2026-000001/1', { legalJustification: 'marking_offence', markingDefaced: true }), item('REC-2026-000001/2', { recoveryType: 'found' })], {
    requests: [
      { reference: 'TRQ-2026-000001', direction: 'incoming', status: 'responded', counterpartState: 'BE', createdOn: '2026-02-01', respondedOn: '2026-02-20' },
      { reference: 'TRQ-2026-000002', direction: 'incoming', status: 'received', counterpartState: 'DE', createdOn: '2026-03-01', respondedOn: null },
      { reference: 'TRQ-2026-000003', direction: 'outgoing', status: 'draft', counterpartState: 'FR', createdOn: '2026-03-01', respondedOn: null },
    ],
    disposals: [
      { certificateNumber: 'DST-2026-000001', kind: 'destruction', disposedOn: '2026-04-01', witnesses: 2, verified: false, marked: false, fromRecovery: true },
      { certificateNumber: 'DEA-2026-000001', kind: 'deactivation', disposedOn: '2026-04-02', witnesses: 0, verified: true, marked: true, fromRecovery: false },
    ],
  });
  const build = (t: TracingRecords | null) => buildProtocolAssessment({ state: 'NL', period, licences, items, brokers, tracing: t, retention, auditSize: 1234 });

  it('lists Arts 5 to 15, each with evidence and an empty assessment for the officer', () => {
    const a = build(tracing);
    expect(a.provisions.map((p) => p.article)).toEqual(['5', '6', '7', '8', '9', '10', '11', '12', '13', '14', '15']);
    expect(a.provisions.every((p) => p.evidence.length > 0 && p.stateAssessment === '' && p.requirement.length > 20)).toBe(true);
  });

  it('states the Art. 10(2) evidence of the export licences', () => {
    const art10 = build(tracing).provisions.find((p) => p.article === '10')!;
    expect(art10.evidence[0]).toEqual({ code: 'fp.art10.export_authorised', params: { count: 4, year: '2026', authorised: 4 }, text: "4 export licences issued in 2026; 4 with the importing State's authorisation recorded", value: 4 });
    expect(art10.evidence[1]).toEqual({ code: 'fp.art10.export_transit', params: { count: 2, noObjection: 1 }, text: '2 export licences with transit; 1 with a no-objection recorded from every transit State', value: 1 });
    expect(art10.evidence[3].text).toBe('3 shipments recorded under licences of the period; delivery confirmed by the importing State for 2');
  });

  it('names the records behind the tracing evidence', () => {
    const a = build(tracing);
    const art = (n: string) => a.provisions.find((p) => p.article === n)!;
    expect(art('5').evidence[2]).toMatchObject({ value: 1, records: ['REC-2026-000001/1'] });
    expect(art('6').evidence[1]).toMatchObject({ text: '1 destruction recorded, each with a certificate; 1 with at least one witness', records: ['DST-2026-000001'] });
    expect(art('9').evidence[0].records).toEqual(['DEA-2026-000001']);
    expect(art('12').evidence[0]).toMatchObject({ text: '2 tracing requests received in 2026; 1 answered', value: 1 });
    // A draft was never sent: it is not a request made to another State.
    expect(art('12').evidence[1].text).toBe('0 tracing requests sent; 0 answered by the other State');
    expect(art('13').evidence[0].value).toBe(2);
    expect(art('15').evidence.map((e) => e.value)).toEqual([5, 1]);
    expect(art('7').evidence.map((e) => e.value)).toEqual([10, 4, 1234]);
    expect(art('8').evidence[0].text).toBe('7 firearms registered in 2026; 6 with a manufacture marking giving a serial number or alternative code');
  });

  it('gives every evidence sentence a code the web translates, with the figures it names', () => {
    const a = build(tracing);
    const art11 = a.provisions.find((p) => p.article === '11')!.evidence[0];
    expect(art11).toMatchObject({ code: 'fp.art11.lost_stolen', params: { count: 3, year: '2026' }, value: 3 });
    expect(art11.text).toContain('reported lost or stolen in 2026');
    const codes = a.provisions.flatMap((p) => p.evidence.map((e) => e.code));
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.every((c) => /^fp\.art\d+\.[a-z_]+$/.test(c))).toBe(true);
    // Each code has its sentence in English, Spanish and French, naming every figure it is given.
    for (const lng of ['en', 'es', 'fr']) {
      const texts = JSON.parse(fs.readFileSync(new URL(`../../web/src/locales/${lng}.json`, import.meta.url), 'utf8')).reporting.protocol;
      for (const e of [...a.provisions.flatMap((p) => p.evidence), ...build(null).provisions.flatMap((p) => p.evidence)]) {
        const sentence = e.code.split('.').reduce((o: Record<string, unknown> | undefined, k) => o?.[k] as Record<string, unknown> | undefined, texts.evidence) as unknown as string;
        expect(typeof sentence, `${lng} ${e.code}`).toBe('string');
        for (const k of Object.keys(e.params)) expect(sentence, `${lng} ${e.code}`).toContain(`{{${k}}}`);
      }
      for (const p of a.provisions) expect(typeof texts.requirement[p.article], `${lng} Art. ${p.article}`).toBe('string');
    }
  });

  it('says why the tracing evidence is missing for a role that may not read recoveries', () => {
    const a = build(null);
    for (const n of ['5', '6', '9', '12']) {
      const p = a.provisions.find((x) => x.article === n)!;
      expect(p.evidence).toEqual([{ code: 'fp.tracing_not_shown', params: {}, text: expect.stringContaining('may not read recoveries'), value: null }]);
    }
    expect(a.provisions.find((p) => p.article === '10')!.evidence[0].value).toBe(4);
  });
});

describe('recovery charts', () => {
  it('counts firearms per bucket and recovery type, and tracing outcomes', () => {
    const r = records([item('A/1', { recoveredOn: '2025-12-31' }), item('B/1', { recoveredOn: '2026-01-02', recoveryType: 'surrendered', originEstablished: true }), item('B/2', { recoveredOn: '2026-01-02', kind: 'part', type: 'barrel' })], {
      requests: [
        { reference: 'T1', direction: 'outgoing', status: 'responded', counterpartState: 'BE', createdOn: '2026-01-01', respondedOn: '2026-01-09' },
        { reference: 'T2', direction: 'outgoing', status: 'draft', counterpartState: 'BE', createdOn: '2026-01-01', respondedOn: null },
      ],
    });
    expect(recoveryChart(r.items, 'year')).toEqual([
      { bucket: '2025', key: 'seized', value: 1 },
      { bucket: '2026', key: 'surrendered', value: 1 },
    ]);
    expect(recoveryChart(r.items, 'month').map((p) => p.bucket)).toEqual(['2025-12', '2026-01']);
    expect(tracingOutcomeChart(r)).toEqual([
      { bucket: 'domestic', key: 'origin_established', value: 1 },
      { bucket: 'domestic', key: 'origin_not_established', value: 1 },
      { bucket: 'outgoing', key: 'answered', value: 1 },
    ]);
  });
});
