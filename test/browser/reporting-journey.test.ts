import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasSoffice, xlsxSheetsAsCsv } from '../support/xlsx.ts';
import { adminClient, ApiClient, axeSerious, createUser, ensureWebBuilt, isoDay, launchBrowser, screenshot, signIn, startServer, STRONG, type Browser, type Server } from './support.ts';
import { ONE_ENTRY_UN_LIST } from '../support/screening-list.ts';

/**
 * Issue 15's journey: licences issued and a shipment recorded (over the API, as the licensing journey
 * already drives those screens), then the national point of contact generates the ATT report on the
 * actual basis and the Wassenaar return for the half-year in the browser, downloads the XLSX and finds
 * the shipment's numbers in it (read back by LibreOffice), generates the UNODC questionnaire / SDG 16.4.2
 * return from a seizure the police recorded and the Protocol self-assessment, and reads the charts
 * (transfers, licences, recoveries by type, tracing outcomes), in three languages.
 */
// Real server + real Chromium on a shared 2-core machine: generous per-step time, no timing assertions.
describe('browser: international reports from a recorded shipment, downloaded as XLSX', { timeout: 240_000 }, () => {
  let server: Server;
  let browser: Browser;
  const year = isoDay().slice(0, 4);
  const half = `${year}-H${Number(isoDay().slice(5, 7)) <= 6 ? 1 : 2}`;

  beforeAll(async () => {
    await ensureWebBuilt();
    server = await startServer();
    const admin = await adminClient(server);
    // Licences are issued only while a sanctions list is active (issue 17).
    await admin.upload('/screening/lists?fileName=un-one-entry.xml', ONE_ENTRY_UN_LIST, 'application/xml');
    await createUser(admin, server, 'officer.rosa', 'licensing_officer');
    await createUser(admin, server, 'poc.jorge', 'point_of_contact');
    const officer = new ApiClient(server.url);
    await officer.login('officer.rosa', STRONG);
    const app = await admin.call<{ id: string }>('POST', '/licensing/applications', {
      kind: 'export',
      applicant: { name: 'Exportadora del Sur SA', country: 'UY' },
      endUser: { name: 'Kenya Wildlife Service', address: 'Langata Road, Nairobi', country: 'KE' },
      intermediateConsignees: [],
      brokers: [],
      carriers: [],
      exportCountry: 'UY',
      importCountry: 'KE',
      transit: [],
      goods: [{ lineNo: 1, description: 'Bolt-action rifle .308 Win', itemType: 'firearm', controlEntry: 'ML1.a', hsCode: '930330', quantity: 60, unit: 'piece', valueMinor: 7_200_000, currency: 'USD', firearmType: 'rifle' }],
      endUse: 'Anti-poaching ranger units',
    });
    await officer.call('POST', `/licensing/applications/${app.id}/assignment`, { officer: 'Officer Rosa' });
    const d = await officer.call<{ id: string }>('POST', `/licensing/applications/${app.id}/documents`, { kind: 'import_authorization', filename: 'ke.pdf', mediaType: 'application/pdf', contentBase64: Buffer.from('%PDF-1.4 KE import licence').toString('base64') });
    await officer.call('POST', `/licensing/applications/${app.id}/import-authorizations`, {
      reference: 'KE-FLB-IMP-7781', issuingState: 'KE', issuingAuthority: 'Firearms Licensing Board of Kenya', issueDate: isoDay(-3), expiryDate: isoDay(200),
      goods: [{ controlEntry: 'ML1', quantity: 60, unit: 'piece' }], documentId: d.id,
    });
    await officer.call('POST', `/licensing/applications/${app.id}/recommendation`, { outcome: 'issue', reason: 'End use verified' });
    await admin.call('POST', `/licensing/applications/${app.id}/countersignature`, { agree: true, reason: 'Agree' });
    const licence = await admin.call<{ number: string }>('POST', `/licensing/applications/${app.id}/licence`, {});
    await admin.call('POST', '/licensing/shipments', { licenceNumber: licence.number, shippedOn: isoDay(), exitPoint: 'UYMVD', carrier: { name: 'Maersk Line', country: 'DK' }, lines: [{ lineNo: 1, quantity: 37 }] });
    // A seizure of two unmarked firearms at the port (tracing), for the UNODC return and the recovery charts.
    const police = await admin.call<{ id: string }>('POST', '/registry/parties', { kind: 'organisation', roles: ['state_agency'], name: 'Prefectura Nacional Naval', country: 'UY' });
    await admin.call('POST', '/tracing/recoveries', {
      recoveredOn: isoDay(),
      place: { locode: 'UY MVD', text: 'Port of Montevideo, container terminal' },
      agencyPartyId: police.id,
      recoveryType: 'seized',
      legalJustification: 'illicit_trafficking',
      criminalContext: 'organised_crime',
      items: [
        { kind: 'firearm', type: 'pistol', nature: 'industrial', markings: [{ location: 'slide', state: 'unmarked' }] },
        { kind: 'firearm', type: 'rifle', nature: 'craft', markings: [{ location: 'receiver', state: 'unmarked' }] },
      ],
    });
    browser = await launchBrowser();
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function generate(kind: RegExp, period: string): Promise<string> {
    const { page } = browser;
    await page.getByLabel('Report', { exact: true }).first().click();
    await page.getByRole('option', { name: kind }).click();
    await page.getByLabel('Period', { exact: true }).first().click();
    await page.getByRole('option', { name: period, exact: true }).click();
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByTestId('preview').waitFor();
    // The previous report's confirmation stays on the page until the new one replaces it: wait for the change.
    const generated = page.getByTestId('generated');
    const shown = async () => ((await generated.count()) ? ((await generated.textContent()) ?? '') : '');
    const before = await shown();
    await page.getByRole('button', { name: 'Generate and store' }).click();
    await expect.poll(shown, { timeout: 45_000 }).toMatch(/Stored as \S+,/);
    await expect.poll(shown, { timeout: 45_000 }).not.toBe(before);
    return /Stored as (\S+),/.exec(await shown())![1];
  }

  async function downloadXlsx(reference: string): Promise<Buffer> {
    const { page } = browser;
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`download-xlsx-${reference}`).click()]);
    expect(download.suggestedFilename()).toBe(`${reference}.xlsx`);
    return fs.readFileSync((await download.path())!);
  }

  it('the point of contact generates the ATT report (actual) and finds the shipment in the XLSX', async () => {
    const { page } = browser;
    await signIn(page, server.url, 'poc.jorge', STRONG);
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await page.getByRole('navigation').getByRole('link', { name: 'International reports', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'International reports' }).waitFor();
    expect(await axeSerious(page)).toEqual([]);

    await page.getByLabel('Transfers reported', { exact: true }).first().click();
    await page.getByRole('option', { name: /^Actual/ }).click();
    const reference = await generate(/^ATT annual report$/, year);
    expect(reference).toBe(`UY-ATT-${year}-1`);
    expect(await page.getByTestId('preview-exports').textContent()).toContain('37');
    expect(await page.getByTestId('preview-imports').textContent()).toContain('Nil report');
    expect(await axeSerious(page)).toEqual([]);
    await screenshot(page, 'reporting-att');

    const xlsx = await downloadXlsx(reference);
    expect(xlsx.subarray(0, 2).toString()).toBe('PK');
    if (hasSoffice() || process.env.CI) {
      const sheets = xlsxSheetsAsCsv(xlsx);
      expect(sheets.Exports).toMatch(/SA2,Rifles and carbines,KE Kenya,37,piece,44400,USD,Bolt-action rifle \.308 Win/);
      expect(sheets.Cover).toContain('Actual exports and imports');
    }
  });

  it('generates the Wassenaar return for the half-year and finds the delivery in its XLSX', async () => {
    const { page } = browser;
    const reference = await generate(/^Wassenaar six-monthly return$/, half);
    expect(reference).toBe(`UY-WA-${half}-1`);
    expect(await page.getByTestId('preview-deliveries').textContent()).toContain('37');
    if (hasSoffice() || process.env.CI) {
      const sheets = xlsxSheetsAsCsv(await downloadXlsx(reference));
      expect(sheets['Arms deliveries']).toContain('SA2,Rifles and carbines,KE Kenya,37,Bolt-action rifle .308 Win');
    }
  });

  it('generates the UNODC questionnaire with the records behind SDG 16.4.2, and the Protocol self-assessment', async () => {
    const { page } = browser;
    const reference = await generate(/^UNODC questionnaire/, year);
    expect(reference).toBe(`UY-IAFQ-${year}-1`);
    expect(await page.getByTestId('preview-sdg').textContent()).toContain('0 of 2 firearms');
    expect(await page.getByTestId('preview-firearms-type').textContent()).toContain('Rifle');
    expect(await page.getByTestId('preview-sdg-records').textContent()).toMatch(/REC-\d{4}-\d{6}\/1/);
    expect(await axeSerious(page)).toEqual([]);
    await screenshot(page, 'reporting-iafq');

    const assessment = await generate(/^Firearms Protocol self-assessment$/, year);
    expect(assessment).toBe(`UY-FP-${year}-1`);
    const protocol = (await page.getByTestId('preview-protocol').textContent()) ?? '';
    // The evidence is a code with its figures, said in the reader's language (en here).
    expect(protocol).toContain(`Export licences issued in ${year}: 1; with the importing State's authorisation recorded: 1`);
    expect(protocol).toContain('to be completed by the officer');
    expect(await axeSerious(page)).toEqual([]);
    await screenshot(page, 'reporting-protocol');
  });

  it('shows the charts, accessible, in English, Spanish and French', async () => {
    const { page } = browser;
    await page.getByRole('navigation').getByRole('link', { name: 'Charts', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Charts' }).waitFor();
    await expect.poll(async () => (await page.getByTestId('chart-category-table').textContent()) ?? '', { timeout: 15_000 }).toContain('37');
    expect(await page.getByTestId('chart-destination-table').textContent()).toContain('Kenya');
    expect(await page.getByTestId('chart-licences-table').textContent()).toContain(isoDay().slice(0, 7));
    // Two firearms seized this year; neither traced to an illicit origin yet.
    expect(await page.getByTestId('chart-recoveries-table').locator('thead').textContent()).toContain('Seized');
    expect(await page.getByTestId('chart-recoveries-table').locator('tbody tr').first().textContent()).toBe(`${year}2`);
    expect(await page.getByTestId('chart-tracing-table').locator('tbody tr').first().textContent()).toBe('Domestic traces02');
    expect(await axeSerious(page)).toEqual([]);
    await screenshot(page, 'reporting-charts');
    for (const [lang, heading] of [['es', 'Gráficos'], ['fr', 'Graphiques']] as const) {
      await page.getByTestId('language-picker').selectOption(lang);
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      expect(await axeSerious(page)).toEqual([]);
    }
    await page.getByTestId('language-picker').selectOption('en');
  });
});
