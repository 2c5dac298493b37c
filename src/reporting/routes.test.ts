import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadNodeKeys } from '../platform/crypto/keys.ts';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { describeEngines } from '../../test/support/engines.ts';
import { hasSoffice, xlsxSheetsAsCsv } from '../../test/support/xlsx.ts';
import { actor, doc, EXPORTER_ORG, exportApplication, IMPORT_AUTHORIZATION } from '../licensing/fixtures.ts';
import { createLicensingService } from '../licensing/service.ts';
import { createServices } from '../modules.ts';
import { loadScreeningList } from '../../test/support/screening-list.ts';

// CI installs LibreOffice (.ci/run); elsewhere the XLSX check runs when it is there.
const SOFFICE = hasSoffice();

describeEngines('reporting HTTP API', (engine) => {
  let t: TestApp;
  let keysDir: string;
  let licence: string;

  beforeAll(async () => {
    t = await createTestApp(engine);
    keysDir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-reporting-keys-'));
    const lic = createLicensingService(t.deps, createServices(t.deps), { keys: () => loadNodeKeys({ keysDir }) });
    await loadScreeningList(createServices(t.deps).screening);
    const officer = actor('licensing_officer');
    const c = await lic.submitApplication(actor('industry', EXPORTER_ORG), exportApplication({
      transit: [],
      goods: [{ lineNo: 1, description: 'Self-loading pistol 9x19 mm', itemType: 'firearm', controlEntry: 'ML1.a', hsCode: '930200', quantity: 120, unit: 'piece', valueMinor: 9_600_000, currency: 'EUR', firearmType: 'self_loading_pistol' }],
    }));
    await lic.assignOfficer(officer, c.id, { officer: 'Officer Ana' });
    const d = await lic.uploadDocument(officer, c.id, doc('import_authorization', 'KE'));
    await lic.recordImportAuthorization(officer, c.id, { ...IMPORT_AUTHORIZATION, goods: [{ controlEntry: 'ML1', quantity: 120, unit: 'piece' }], documentId: d.id });
    await lic.recommend(officer, c.id, { outcome: 'issue', reason: 'ok', conditions: [] });
    await lic.countersign(actor('licensing_supervisor'), c.id, { agree: true, reason: 'ok' });
    licence = (await lic.issueLicence(officer, c.id)).number;
    t.deps.clock.advance(86_400_000);
    await lic.recordShipment(actor('customs_officer'), { licenceNumber: licence, shippedOn: '2026-06-02', exitPoint: 'ESVLC', carrier: { name: 'Maersk Line', country: 'DK' }, lines: [{ lineNo: 1, quantity: 87 }] });
  }, 120_000);
  afterAll(async () => {
    await t.close();
    fs.rmSync(keysDir, { recursive: true, force: true });
  });

  it('generates the ATT report (actual) and serves it as CSV, XLSX laid out like the form, and PDF with the shipment’s numbers', async () => {
    const poc = await t.headersFor('point_of_contact');
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/reporting/reports', headers: poc, payload: { kind: 'att', period: '2026', basis: 'actual' } });
    expect(res.statusCode).toBe(201);
    const report = res.json();
    expect(report).toMatchObject({ reference: 'XC-ATT-2026-1', kind: 'att', periodStart: '2026-01-01', options: { basis: 'actual' }, content: { kind: 'att', exports: [{ category: 'SA1', partner: 'KE', quantity: 87, valueMinor: 6_960_000 }] } });

    const csv = await t.app.inject({ method: 'GET', url: `/api/v1/reporting/reports/${report.reference}/download?format=csv`, headers: poc });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('SA1,Revolvers and self-loading pistols,KE Kenya,87,piece,69600,EUR,Self-loading pistol 9x19 mm');
    expect(csv.body).toContain('Nil report: no imports in the period.');

    const pdf = await t.app.inject({ method: 'GET', url: `/api/v1/reporting/reports/${report.reference}/download?format=pdf`, headers: poc });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf.rawPayload }).toString();
    expect(text).toContain('Arms Trade Treaty annual report');
    expect(text).toMatch(/SA1\s.*87/);
    expect(text).toContain(report.contentHash);

    const xlsx = await t.app.inject({ method: 'GET', url: `/api/v1/reporting/reports/${report.reference}/download?format=xlsx`, headers: poc });
    expect(xlsx.headers['content-disposition']).toBe(`attachment; filename="${report.reference}.xlsx"`);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    if (SOFFICE || process.env.CI) {
      const sheets = xlsxSheetsAsCsv(xlsx.rawPayload);
      expect(Object.keys(sheets).sort()).toEqual(['Cover', 'Exports', 'Imports', 'Unmapped']);
      expect(sheets.Cover).toContain('Actual exports and imports');
      expect(sheets.Exports).toContain('SA1,Revolvers and self-loading pistols,KE Kenya,87,piece,69600,EUR');
      expect(sheets.Imports).toContain('Nil report');
    }
  }, 180_000);

  it('previews the Wassenaar half-year, keeps mapping history, and withholds a line', async () => {
    const officer = await t.headersFor('licensing_officer');
    const supervisor = await t.headersFor('licensing_supervisor');
    const wa = await t.app.inject({ method: 'GET', url: '/api/v1/reporting/preview?kind=wassenaar&period=2026-H1', headers: officer });
    expect(wa.statusCode).toBe(200);
    expect(wa.json().armsDeliveries).toEqual([{ category: 'SA1', categoryTitle: 'Revolvers and self-loading pistols', recipient: 'KE', quantity: 87, modelType: 'Self-loading pistol 9x19 mm' }]);

    const put = await t.app.inject({ method: 'PUT', url: '/api/v1/reporting/mappings', headers: supervisor, payload: { controlEntry: 'ML1.a', itemType: 'firearm', reportable: true, unrocaCategory: 'SA6', wassenaarCategory: 'SA6', reason: 'Unclassified ML1.a firearms as other small arms' } });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ controlEntry: 'ML1.a', itemType: 'firearm', firearmType: '*', version: 1, source: 'officer' });
    const history = await t.app.inject({ method: 'GET', url: '/api/v1/reporting/mappings/history?controlEntry=ML1.a&itemType=firearm', headers: officer });
    expect(history.json().items).toHaveLength(1);

    const bad = await t.app.inject({ method: 'PUT', url: '/api/v1/reporting/mappings', headers: supervisor, payload: { controlEntry: 'ML1.a', itemType: 'firearm', reportable: true, unrocaCategory: 'X', reason: 'bad' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toContain('unrocaCategory');

    const w = await t.app.inject({ method: 'POST', url: '/api/v1/reporting/withheld-lines', headers: supervisor, payload: { licenceNumber: licence, lineNo: 1, reason: 'national_security' } });
    expect(w.statusCode).toBe(200);
    const att = await t.app.inject({ method: 'GET', url: '/api/v1/reporting/preview?kind=att&period=2026', headers: officer });
    expect(att.json()).toMatchObject({ exports: [], nil: { exports: false }, withholding: { declared: true, nationalSecurity: 1 } });

    // The documented response shape drops nothing the report computes (the serializer strips undeclared members).
    const reporting = createServices(t.deps).reporting;
    for (const [kind, period] of [['wassenaar', '2026-H1'], ['att', '2026'], ['unroca', '2026']] as const) {
      const http = await t.app.inject({ method: 'GET', url: `/api/v1/reporting/preview?kind=${kind}&period=${period}`, headers: officer });
      expect(http.json()).toEqual(JSON.parse(JSON.stringify(await reporting.previewReport(actor('licensing_officer'), { kind, period }))));
    }
  });

  it('answers industry users 403 and the public 401, and lists stored reports a page at a time', async () => {
    const industry = await t.headersFor('industry', EXPORTER_ORG);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/reporting/reports', headers: industry })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/reporting/reports' })).statusCode).toBe(401);
    const poc = await t.headersFor('point_of_contact');
    await t.app.inject({ method: 'POST', url: '/api/v1/reporting/reports', headers: poc, payload: { kind: 'unroca', period: '2026' } });
    const page1 = await t.app.inject({ method: 'GET', url: '/api/v1/reporting/reports?limit=1', headers: poc });
    expect(page1.json().items).toHaveLength(1);
    const page2 = await t.app.inject({ method: 'GET', url: `/api/v1/reporting/reports?limit=1&cursor=${page1.json().nextCursor}`, headers: poc });
    expect(page2.json().items[0].reference).not.toBe(page1.json().items[0].reference);
    const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/reporting/reports', '/api/v1/reporting/reports/{reference}/download', '/api/v1/reporting/mappings', '/api/v1/reporting/preview']));
  });
});
