import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadNodeKeys } from '../platform/crypto/keys.ts';
import type { Role } from '../platform/auth/actor.ts';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { describeEngines } from '../../test/support/engines.ts';
import { loadScreeningList } from '../../test/support/screening-list.ts';
import { hasSoffice, xlsxSheetsAsCsv } from '../../test/support/xlsx.ts';
import { actor, doc, EXPORTER_ORG, exportApplication, IMPORT_AUTHORIZATION } from '../licensing/fixtures.ts';
import { createLicensingService } from '../licensing/service.ts';
import { createServices } from '../modules.ts';

const SOFFICE = hasSoffice();

/**
 * The UNODC return (IAFQ / SDG 16.4.2) and the Protocol self-assessment, generated over HTTP from
 * recoveries the tracing module recorded and a licence licensing issued, and rendered as XLSX and PDF.
 */
describeEngines('reporting: UNODC questionnaire and Protocol self-assessment', (engine) => {
  let t: TestApp;
  let keysDir: string;
  let seizure: string;
  let found: string;

  const call = async (method: 'GET' | 'POST', url: string, role: Role, payload?: unknown) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: await t.headersFor(role), ...(payload === undefined ? {} : { payload: payload as object }) });

  beforeAll(async () => {
    t = await createTestApp(engine);
    keysDir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-unodc-keys-'));
    const police = (await call('POST', '/registry/parties', 'registry_clerk', { kind: 'organisation', roles: ['state_agency'], name: 'Police HQ', country: 'NL' })).json().id;
    const maker = (await call('POST', '/registry/parties', 'registry_clerk', { kind: 'organisation', roles: ['manufacturer'], name: 'Maker BV', country: 'NL' })).json().id;
    const item = await call('POST', '/registry/items', 'registry_clerk', {
      item: { kind: 'firearm', firearmType: 'revolver', make: 'Maker', model: 'R6', calibre: '.357 Magnum' },
      markings: [{ kind: 'manufacture', location: 'frame', manufacturerName: 'Maker BV', countryOfManufacture: 'NL', serialNumber: 'MK-4411' }],
      event: { kind: 'manufactured', occurredAt: '2024-01-01T00:00:00Z', toPartyId: maker },
    });
    expect(item.statusCode).toBe(201);
    await call('POST', `/registry/items/${item.json().id}/events`, 'tracing_officer', { kind: 'reported_stolen', occurredAt: '2025-01-01T00:00:00Z', toPartyId: police, authorizationRef: 'PR-1' });

    const base = { place: { latitude: 52.37, longitude: 4.89 }, agencyPartyId: police };
    // A seizure: the stolen revolver (traced: origin established), a rifle with an obliterated serial, 1,500 rounds.
    const s = await call('POST', '/tracing/recoveries', 'tracing_officer', {
      ...base,
      recoveredOn: '2026-05-01',
      recoveryType: 'seized',
      legalJustification: 'illicit_trafficking',
      criminalContext: 'organised_crime',
      items: [
        { kind: 'firearm', type: 'revolver', nature: 'industrial', make: 'Maker', calibre: '.357 Magnum', markings: [{ location: 'frame', state: 'intact', serialAsRead: 'MK4411' }] },
        { kind: 'firearm', type: 'rifle', nature: 'industrial', countryOfManufacture: 'BE', markings: [{ location: 'receiver', state: 'obliterated', serialAsRead: 'AB??12' }] },
        { kind: 'ammunition', type: 'complete_round', nature: 'industrial', calibre: '7.62x39 mm', quantity: 1500, markings: [{ location: 'packaging', state: 'unmarked' }] },
      ],
    });
    expect(s.statusCode, s.body).toBe(201);
    seizure = s.json().reference;
    const trace = await call('POST', `/tracing/recoveries/${s.json().id}/items/${s.json().items[0].id}/trace`, 'tracing_officer');
    expect(trace.json().illicitOriginEstablished).toBe(true);
    // A find: one pistol, not traced.
    const f = await call('POST', '/tracing/recoveries', 'tracing_officer', {
      ...base,
      recoveredOn: '2026-05-20',
      recoveryType: 'found',
      legalJustification: 'illicit_possession',
      criminalContext: 'none',
      items: [{ kind: 'firearm', type: 'self_loading_pistol', nature: 'industrial', markings: [{ location: 'slide', state: 'unmarked' }] }],
    });
    expect(f.statusCode, f.body).toBe(201);
    found = f.json().reference;

    // One export licence, with the importing State's authorisation recorded (Art. 10(2)(a)).
    const lic = createLicensingService(t.deps, createServices(t.deps), { keys: () => loadNodeKeys({ keysDir }) });
    await loadScreeningList(createServices(t.deps).screening);
    const officer = actor('licensing_officer');
    const c = await lic.submitApplication(actor('industry', EXPORTER_ORG), exportApplication({ transit: [] }));
    await lic.assignOfficer(officer, c.id, { officer: 'Officer Ana' });
    const d = await lic.uploadDocument(officer, c.id, doc('import_authorization', 'KE'));
    await lic.recordImportAuthorization(officer, c.id, { ...IMPORT_AUTHORIZATION, documentId: d.id });
    await lic.recommend(officer, c.id, { outcome: 'issue', reason: 'ok', conditions: [] });
    await lic.countersign(actor('licensing_supervisor'), c.id, { agree: true, reason: 'ok' });
    await lic.issueLicence(officer, c.id);
  }, 180_000);
  afterAll(async () => {
    await t?.close();
    fs.rmSync(keysDir, { recursive: true, force: true });
  });

  it('generates the IAFQ / SDG 16.4.2 return with the records behind both numbers, and serves it as XLSX and PDF', async () => {
    const res = await call('POST', '/reporting/reports', 'point_of_contact', { kind: 'iafq', period: '2026', significantFirearms: 2 });
    expect(res.statusCode).toBe(201);
    const r = res.json();
    expect(r).toMatchObject({ reference: 'XC-IAFQ-2026-1', kind: 'iafq', options: { period: '2026', significantFirearms: 2, significantRounds: 1000 } });
    const c = r.content;
    expect(c.sdg).toEqual({
      denominator: 3,
      numerator: 1,
      proportion: 0.3333,
      denominatorRecords: [`${seizure}/1`, `${seizure}/2`, `${found}/1`],
      numeratorRecords: [`${seizure}/1`],
      recordsAgree: true,
    });
    expect(c.firearmsByType).toEqual(expect.arrayContaining([{ key: 'revolver', seized: 1, found: 0, surrendered: 0, total: 1 }, { key: 'self_loading_pistol', seized: 0, found: 1, surrendered: 0, total: 1 }]));
    expect(c.ammunitionByType).toEqual([{ key: 'complete_round', seized: 1500, found: 0, surrendered: 0, total: 1500, lots: 1 }]);
    expect(c.significantSeizures.cases).toEqual([expect.objectContaining({ caseReference: seizure, firearms: 2, rounds: 1500, countriesOfManufacture: ['BE'], items: [`${seizure}/1`, `${seizure}/2`, `${seizure}/3`] })]);
    expect(c.domesticTracing).toEqual({ originEstablished: 1, notEstablished: 2 });

    const pdf = await call('GET', `/reporting/reports/${r.reference}/download?format=pdf`, 'point_of_contact');
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf.rawPayload }).toString();
    expect(text).toContain('UNODC Illicit Arms Flows Questionnaire');
    expect(text).toContain('33.33 %');
    expect(text).toContain(`${seizure}/2`);
    expect(text).toContain(r.contentHash);

    const xlsx = await call('GET', `/reporting/reports/${r.reference}/download?format=xlsx`, 'point_of_contact');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    if (SOFFICE || process.env.CI) {
      const sheets = xlsxSheetsAsCsv(xlsx.rawPayload);
      expect(Object.keys(sheets).sort()).toEqual(['Ammunition', 'Cover', 'Criminal context', 'Firearms by type', 'Legal justification', 'Parts and components', 'SDG 16.4.2 records', 'Significant seizures', 'Tracing']);
      expect(sheets['SDG 16.4.2 records']).toContain(`${seizure}/1,yes`);
      expect(sheets['SDG 16.4.2 records']).toContain(`${found}/1,no`);
      expect(sheets['Significant seizures']).toContain(`${seizure},2026-05-01`);
      expect(sheets.Ammunition).toContain('complete round,1,1500,0,0,1500');
    }

    // The default threshold (10 firearms or 1,000 rounds) still catches the seizure by its rounds.
    const preview = await call('GET', '/reporting/preview?kind=iafq&period=2026', 'auditor');
    expect(preview.json().significantSeizures).toMatchObject({ threshold: { firearms: 10, rounds: 1000 }, cases: [{ caseReference: seizure }] });
    // A licensing officer may compile the returns but not read recoveries: the tracing service refuses.
    expect((await call('GET', '/reporting/preview?kind=iafq&period=2026', 'licensing_officer')).statusCode).toBe(403);
    expect((await call('POST', '/reporting/reports', 'point_of_contact', { kind: 'iafq', period: '2026', significantFirearms: 0 })).json().errors[0].field).toBe('significantFirearms');
  }, 240_000);

  it('generates the Protocol self-assessment with evidence per article and an empty assessment for the officer', async () => {
    const res = await call('POST', '/reporting/reports', 'point_of_contact', { kind: 'protocol', period: '2026' });
    expect(res.statusCode).toBe(201);
    const r = res.json();
    expect(r.reference).toBe('XC-FP-2026-1');
    const provisions = r.content.provisions as { article: string; evidence: { text: string; value: number | null; records?: string[] }[]; stateAssessment: string }[];
    expect(provisions.map((p) => p.article)).toEqual(['5', '6', '7', '8', '9', '10', '11', '12', '13', '14', '15']);
    expect(provisions.every((p) => p.stateAssessment === '')).toBe(true);
    const art = (a: string) => provisions.find((p) => p.article === a)!;
    expect(art('5').evidence[2]).toMatchObject({ value: 1, records: [`${seizure}/2`] });
    expect(art('10').evidence[0].text).toBe('1 export licence issued in 2026; 1 with the importing State\'s authorisation recorded');
    expect(art('8').evidence[0].text).toMatch(/^\d+ firearms? registered in 2026; \d+ with a manufacture marking/);
    // Art. 11 counts the losses and thefts of the period: the revolver was reported stolen in 2025, not 2026.
    expect(art('11').evidence[0]).toMatchObject({ value: 0, text: expect.stringContaining('0 registered items reported lost or stolen in 2026') });
    const in2025 = (await call('GET', '/reporting/preview?kind=protocol&period=2025', 'point_of_contact')).json() as { provisions: { article: string; evidence: { value: number | null }[] }[] };
    expect(in2025.provisions.find((p) => p.article === '11')!.evidence[0].value).toBe(1);

    const pdf = await call('GET', `/reporting/reports/${r.reference}/download?format=pdf`, 'point_of_contact');
    const text = execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf.rawPayload }).toString();
    expect(text).toContain('Firearms Protocol self-assessment');
    expect(text).toContain("State's assessment");
    const xlsx = await call('GET', `/reporting/reports/${r.reference}/download?format=xlsx`, 'point_of_contact');
    if (SOFFICE || process.env.CI) {
      const sheets = xlsxSheetsAsCsv(xlsx.rawPayload);
      expect(Object.keys(sheets).sort()).toEqual(['Cover', 'Self-assessment']);
      expect(sheets['Self-assessment']).toContain('Art. 10,"Export, import and transit licensing"');
    }

    // A licensing officer gets the assessment without the tracing evidence, which says why.
    const officer = await call('GET', '/reporting/preview?kind=protocol&period=2026', 'licensing_officer');
    expect(officer.statusCode).toBe(200);
    expect(officer.json().provisions[0].evidence[0].text).toContain('may not read recoveries');
  }, 240_000);

  it('documents every member of both reports (the response serializer drops nothing the report computes)', async () => {
    const reporting = createServices(t.deps).reporting;
    for (const kind of ['iafq', 'protocol'] as const) {
      const http = await call('GET', `/reporting/preview?kind=${kind}&period=2026`, 'point_of_contact');
      expect(http.json()).toEqual(JSON.parse(JSON.stringify(await reporting.previewReport(actor('point_of_contact'), { kind, period: '2026' }))));
    }
  });

  it('draws recoveries by type and tracing outcomes on the charts, and leaves them out for a role that may not read recoveries', async () => {
    const charts = (await call('GET', '/reporting/charts?from=2026-01-01&to=2026-12-31&granularity=month', 'point_of_contact')).json();
    expect(charts.recoveriesByType).toEqual([
      { bucket: '2026-05', key: 'seized', value: 2 },
      { bucket: '2026-05', key: 'found', value: 1 },
    ]);
    expect(charts.tracingOutcomes).toEqual([
      { bucket: 'domestic', key: 'origin_established', value: 1 },
      { bucket: 'domestic', key: 'origin_not_established', value: 2 },
    ]);
    const officer = (await call('GET', '/reporting/charts?from=2026-01-01&to=2026-12-31', 'licensing_officer')).json();
    expect(officer).toMatchObject({ recoveriesByType: null, tracingOutcomes: null });
  });
});
