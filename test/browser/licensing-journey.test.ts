import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, axeSerious, choose, createUser, ensureWebBuilt, isoDay, launchBrowser, screenshot, signIn, startServer, type Browser, type Server } from './support.ts';
import { ONE_ENTRY_UN_LIST } from '../support/screening-list.ts';

/**
 * An export licence from application to revocation, each step by the role that does it in life:
 * industry applies, an officer records the importing State's licence and the transit State's
 * no-objection (Firearms Protocol Art. 10(2)) and recommends, a supervisor countersigns and issues,
 * and the public verification page follows the licence's status.
 */
// Real server + real Chromium on a shared 2-core machine: generous per-step time, no timing assertions.
describe('browser: export licence from application to revocation, checked on the public verification page', { timeout: 150_000 }, () => {
  let server: Server;
  let browser: Browser;
  let publicBrowser: Browser;
  let password: string;
  let caseUrl = '';
  let licenceNumber = '';

  beforeAll(async () => {
    await ensureWebBuilt();
    server = await startServer();
    const admin = await adminClient(server);
    // Licences are issued only while a sanctions list is active (issue 17).
    await admin.upload('/screening/lists?fileName=un-one-entry.xml', ONE_ENTRY_UN_LIST, 'application/xml');
    const org = await admin.call<{ id: string }>('POST', '/registry/parties', { kind: 'organisation', roles: ['exporter', 'manufacturer'], name: 'Exportadora del Sur SA', country: 'UY' });
    password = await createUser(admin, server, 'industry.sur', 'industry', org.id);
    await createUser(admin, server, 'officer.luis', 'licensing_officer');
    await createUser(admin, server, 'supervisor.marta', 'licensing_supervisor');
    browser = await launchBrowser();
    publicBrowser = await launchBrowser();
    // A cold start (tsx transpiling the server, PGlite initdb, argon2 hashes) on a busy 2-core machine.
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await publicBrowser?.close();
    await server?.stop();
  });

  async function signOut() {
    const { page } = browser;
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login/);
  }

  it('an industry user applies for an export licence', async () => {
    const { page } = browser;
    await signIn(page, server.url, 'industry.sur', password);
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await page.getByRole('link', { name: 'New application' }).click();
    await page.getByRole('heading', { name: 'New application' }).waitFor();
    expect(await axeSerious(page)).toEqual([]);

    const applicant = page.getByTestId('applicant');
    await applicant.getByLabel('Name').fill('Exportadora del Sur SA');
    await choose(applicant, 'Country', 'Urug', /Uruguay/);
    const endUser = page.getByTestId('end-user');
    await endUser.getByLabel('Name').fill('National Police Service');
    await endUser.getByLabel('Address').fill('Vigilance House, Harambee Avenue, Nairobi');
    await choose(endUser, 'Country', 'Kenya', /Kenya/);
    await choose(page, 'Country of export', 'Urug', /Uruguay/);
    await choose(page, 'Country of import', 'Kenya', /Kenya/);
    await page.getByRole('button', { name: 'Add a transit State' }).click();
    await choose(page.getByTestId('transit-0'), 'Transit State 1', 'Tanz', /Tanzania/);
    const goods = page.getByTestId('goods-0');
    await goods.getByLabel('Description').fill('Self-loading pistols, 9x19mm');
    await choose(goods, 'Control list entry', 'ML1', /^ML1 —/);
    await choose(goods, 'HS code', '9302', /^9302 —/);
    await goods.getByLabel('Quantity').fill('40');
    await goods.getByLabel('Value').fill('24000');
    await page.getByLabel('End use').fill('Service sidearms for the national police');
    await page.getByLabel('Planned shipment date').fill(isoDay(30));
    await page.getByRole('button', { name: 'Submit the application' }).click();
    await page.waitForURL(/\/licensing\/applications\//);
    caseUrl = page.url();
    await page.getByTestId('gate').waitFor();
    expect(await page.locator('[data-status="submitted"]').count()).toBeGreaterThan(0);
    // Industry sees its case but none of the officers' actions.
    expect(await page.getByRole('button', { name: 'Assign to me' }).count()).toBe(0);
    expect(await axeSerious(page)).toEqual([]);
    await signOut();
  });

  it('an officer records the import licence and the transit no-objection, sees every Art. 10 condition met, and recommends', async () => {
    const { page } = browser;
    await signIn(page, server.url, 'officer.luis', 'Correct-Horse-Battery-9');
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await page.getByTestId('panel-cases').getByRole('link').first().click();
    await page.getByTestId('gate').waitFor();
    expect(page.url()).toBe(caseUrl);
    expect(await page.getByTestId('gate').locator('[data-met="false"]').count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Assign to me' }).click();
    await page.locator('[data-status="under_review"]').first().waitFor();

    const imp = page.getByTestId('import-authorization-form');
    await imp.getByLabel('Import licence reference').fill('KE-IMP-2026-0420');
    await imp.getByLabel('Issuing authority').fill('Kenya Firearms Licensing Board');
    await imp.getByLabel('Date of issue').fill(isoDay(-2));
    await imp.getByLabel('Expiry date').fill(isoDay(300));
    await imp.locator('input[type="file"]').setInputFiles({ name: 'KE-IMP-2026-0420.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 import licence scan') });
    await imp.getByRole('button', { name: /Record the import licence/ }).click();
    await page.getByTestId('evidence').getByText('KE-IMP-2026-0420').first().waitFor();

    const transit = page.getByTestId('transit-form');
    await transit.getByLabel('No-objection reference').fill('TZ-NOB-77/2026');
    await transit.getByLabel('Date of the notice').fill(isoDay(-1));
    await transit.locator('input[type="file"]').setInputFiles({ name: 'TZ-NOB-77.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 no objection') });
    await transit.getByRole('button', { name: /Record a transit no-objection/ }).click();
    await page.getByTestId('evidence').getByText('TZ-NOB-77/2026').waitFor();

    await expect.poll(() => page.getByTestId('gate').locator('[data-met="false"]').count(), { timeout: 15_000 }).toBe(0);
    expect(await page.getByTestId('gate').locator('[data-met="true"]').count()).toBeGreaterThan(1);
    expect(await axeSerious(page)).toEqual([]);
    await screenshot(page, 'case-gate-met');

    const decision = page.getByTestId('decision-panel');
    await decision.getByLabel('Reason').fill('End-user certificate verified; police procurement matches the declared end use.');
    await decision.getByRole('button', { name: 'Record the recommendation' }).click();
    await page.locator('[data-status="recommended"]').first().waitFor();
    // ML1 to a State outside the Wassenaar Arrangement: the officer cannot issue alone.
    expect(await page.getByRole('button', { name: 'Issue the licence' }).count()).toBe(0);
    await signOut();
  });

  it('a supervisor countersigns and issues; the licence page offers the PDF', async () => {
    const { page } = browser;
    await signIn(page, server.url, 'supervisor.marta', 'Correct-Horse-Battery-9');
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await page.goto(caseUrl);
    const decision = page.getByTestId('decision-panel');
    await decision.getByLabel('Reason').fill('Agree with the recommendation.');
    await decision.getByRole('button', { name: 'Countersign' }).click();
    await page.locator('[data-status="countersigned"]').first().waitFor();
    await page.getByRole('button', { name: 'Issue the licence' }).click();
    await page.getByTestId('licence-link').waitFor();
    licenceNumber = ((await page.getByTestId('licence-link').textContent()) ?? '').replace('Licence ', '').trim();
    expect(licenceNumber).toMatch(/^UY-EXP-\d{4}-\d+$/);
    await page.getByTestId('licence-link').click();
    await page.getByRole('heading', { name: `Licence ${licenceNumber}` }).waitFor();
    await page.getByTestId('particulars').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-pdf').click()]);
    expect(download.suggestedFilename()).toBe(`${licenceNumber}.pdf`);
    expect(await axeSerious(page)).toEqual([]);
    await screenshot(page, 'licence-page');
  });

  it('the public verification page shows a stranger the status only, the holder of the document its particulars, and revocation without the internal reason', async () => {
    const pub = publicBrowser.page;
    await pub.goto(`${server.url}/verify/${licenceNumber}`);
    const status = pub.getByTestId('verification-status');
    await status.waitFor();
    expect(await status.getAttribute('data-status')).toBe('valid');
    await pub.getByTestId('coverage').waitFor();
    // The number alone does not show who the licence is for (issue 10).
    expect(await pub.locator('main').textContent()).not.toContain('National Police Service');
    expect(await axeSerious(pub)).toEqual([]);
    await screenshot(pub, 'verify-valid');

    // The QR code's URL carries the signed token: the page checks it server-side and shows the parties.
    const { page } = browser;
    const href = await page.getByTestId('verify-link').getAttribute('href');
    expect(href).toMatch(/\?t=/);
    await pub.goto(`${server.url}${href}`);
    await pub.locator('[data-testid="document-verdict"][data-verdict="authentic"]').waitFor();
    expect(await pub.getByTestId('printed-particulars').textContent()).toContain('National Police Service');
    expect(await axeSerious(pub)).toEqual([]);
    await screenshot(pub, 'verify-document');
    const forged = href!.replace(/.{6}$/, 'AAAAAA');
    await pub.goto(`${server.url}${forged}`);
    await pub.locator('[data-testid="document-verdict"][data-verdict="forged"]').waitFor();
    expect(await pub.getByTestId('printed-particulars').count()).toBe(0);

    const lifecycle = page.getByTestId('lifecycle');
    await lifecycle.getByLabel('Reason').fill('End user reported diversion of a previous consignment.');
    await lifecycle.getByRole('button', { name: 'Revoke' }).click();
    await page.locator('[data-status="revoked"]').first().waitFor();

    await pub.goto(`${server.url}/verify/${licenceNumber}`);
    await expect.poll(async () => pub.getByTestId('verification-status').getAttribute('data-status'), { timeout: 15_000 }).toBe('revoked');
    expect(await pub.getByTestId('verification-status').textContent()).toContain('revoked');
    expect(await pub.getByTestId('public-wording').textContent()).toBe('By decision of the issuing authority.');
    expect(await pub.locator('main').textContent()).not.toContain('diversion');
    await screenshot(pub, 'verify-revoked');
  });
});
