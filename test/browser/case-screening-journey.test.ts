import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, ApiClient, axeSerious, createUser, ensureWebBuilt, isoDay, launchBrowser, screenshot, signIn, STRONG, startServer, type Browser, type Server } from './support.ts';

const LIST = path.resolve(import.meta.dirname, '../fixtures/sanctions/un_case_hits_2026-05-01.xml');

/**
 * Issue 17: a licence case whose final recipient matches a listed person is no dead end. The officer
 * sees the hit on the case beside the listed entry, decides it a false positive with a reason,
 * recommends; a supervisor countersigns and issues. The applicant's own user never sees the hit.
 */
// Real server + real Chromium on a shared 2-core machine: generous per-step time, no timing assertions.
describe('browser: a screening hit decided on the licence case, then the licence issued', { timeout: 150_000 }, () => {
  let server: Server;
  let browser: Browser;
  let caseUrl = '';

  beforeAll(async () => {
    await ensureWebBuilt();
    server = await startServer();
    const admin = await adminClient(server);
    await admin.upload('/screening/lists?fileName=un_case_hits_2026-05-01.xml', fs.readFileSync(LIST), 'application/xml');
    const org = await admin.call<{ id: string }>('POST', '/registry/parties', { kind: 'organisation', roles: ['exporter'], name: 'Armas del Plata SA', country: 'UY' });
    await createUser(admin, server, 'industry.plata', 'industry', org.id);
    await createUser(admin, server, 'officer.ines', 'licensing_officer');
    await createUser(admin, server, 'supervisor.raul', 'licensing_supervisor');

    // The application and the importing State's licence are set up over the API; the licensing journey
    // test fills the same forms in the browser.
    const industry = new ApiClient(server.url);
    await industry.login('industry.plata', STRONG);
    const app = await industry.call<{ id: string }>('POST', '/licensing/applications', {
      kind: 'export',
      applicant: { partyId: org.id, name: 'Armas del Plata SA', address: 'Rambla 25 de Agosto 100, Montevideo', country: 'UY' },
      consignee: null,
      endUser: { name: 'Ivor Maksim Dragomir', address: 'Nyali Road, Mombasa', country: 'KE' },
      intermediateConsignees: [],
      brokers: [],
      carriers: [],
      exportCountry: 'UY',
      importCountry: 'KE',
      transit: [],
      goods: [{ lineNo: 1, description: 'Bolt-action rifles .308 Win', itemType: 'firearm', controlEntry: 'ML1.a', hsCode: '9303.30', quantity: 4, unit: 'piece', valueMinor: 480_000, currency: 'USD' }],
      endUse: 'Private hunting collection',
      plannedShipmentDate: isoDay(30),
    });
    caseUrl = `${server.url}/licensing/applications/${app.id}`;
    const officer = new ApiClient(server.url);
    await officer.login('officer.ines', STRONG);
    const d = await officer.call<{ id: string }>('POST', `/licensing/applications/${app.id}/documents`, {
      kind: 'import_authorization',
      filename: 'KE-IMP-2026-0777.pdf',
      mediaType: 'application/pdf',
      contentBase64: Buffer.from('%PDF-1.4 import licence').toString('base64'),
    });
    await officer.call('POST', `/licensing/applications/${app.id}/import-authorizations`, {
      reference: 'KE-IMP-2026-0777',
      issuingState: 'KE',
      issuingAuthority: 'Firearms Licensing Board of Kenya',
      issueDate: isoDay(-2),
      expiryDate: isoDay(300),
      documentId: d.id,
      goods: [{ controlEntry: 'ML1', quantity: 4, unit: 'piece' }],
    });
    browser = await launchBrowser();
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function signOut() {
    const { page } = browser;
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login/);
  }

  it("the applicant's own user sees the case but no screening panel", async () => {
    const { page } = browser;
    await signIn(page, server.url, 'industry.plata', STRONG);
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await page.goto(caseUrl);
    await page.getByTestId('gate').waitFor();
    expect(await page.getByTestId('screening-panel').count()).toBe(0);
    expect(await page.locator('main').textContent()).not.toContain('AK0042917');
    await signOut();
  });

  it('an officer sees the hit beside the listed entry, decides it a false positive with a reason, and recommends', async () => {
    const { page } = browser;
    await signIn(page, server.url, 'officer.ines', STRONG);
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await page.goto(caseUrl);
    const panel = page.getByTestId('screening-panel');
    await panel.waitFor();
    expect(await page.getByTestId('screening-summary').getAttribute('data-open')).toBe('1');
    const hit = panel.getByTestId('screening-hit').first();
    expect(await hit.getAttribute('data-needs-decision')).toBe('true');
    const entry = await hit.getByTestId('listed-entry').textContent();
    for (const shown of ['IVOR MAKSIM DRAGOMIR', 'Ivo DRAGOMIR', '1971-03-14', 'Kenya', 'Passport AK0042917', 'XX · XXi.001']) expect(entry).toContain(shown);
    expect(await hit.textContent()).toContain('Nyali Road, Mombasa');
    await page.getByRole('button', { name: 'Assign to me' }).click();
    await page.locator('[data-status="under_review"]').first().waitFor();
    expect(await axeSerious(page)).toEqual([]);
    await screenshot(page, 'case-screening-hit');

    // A decision without a reason is refused in place; nothing is recorded.
    await hit.getByLabel(/^Decision/).first().click();
    await page.getByRole('option', { name: 'False positive' }).click();
    await hit.getByRole('button', { name: 'Record the decision' }).click();
    await hit.locator('textarea[aria-invalid="true"]').waitFor();
    expect(await page.getByTestId('screening-summary').getAttribute('data-open')).toBe('1');

    await hit.getByLabel(/^Reason/).fill('Different person: the buyer was born in 1984 and holds passport KE-B7781230.');
    await hit.getByRole('button', { name: 'Record the decision' }).click();
    await expect.poll(() => page.getByTestId('screening-summary').getAttribute('data-open'), { timeout: 15_000 }).toBe('0');
    expect(await panel.getByTestId('hit-decision').textContent()).toContain('born in 1984');
    expect(await axeSerious(page)).toEqual([]);

    const decision = page.getByTestId('decision-panel');
    await decision.getByLabel('Reason').fill('Screening hit cleared; end use plausible.');
    await decision.getByRole('button', { name: 'Record the recommendation' }).click();
    await page.locator('[data-status="recommended"]').first().waitFor();
    await signOut();
  });

  it('a supervisor countersigns and the issue button works', async () => {
    const { page } = browser;
    await signIn(page, server.url, 'supervisor.raul', STRONG);
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await page.goto(caseUrl);
    await page.getByTestId('screening-panel').waitFor();
    const decision = page.getByTestId('decision-panel');
    await decision.getByLabel('Reason').fill('Agree.');
    await decision.getByRole('button', { name: 'Countersign' }).click();
    await page.locator('[data-status="countersigned"]').first().waitFor();
    expect(await page.getByTestId('issue-blocked').count()).toBe(0);
    await page.getByRole('button', { name: 'Issue the licence' }).click();
    await page.getByTestId('licence-link').waitFor();
    expect(await page.getByTestId('licence-link').textContent()).toMatch(/UY-EXP-\d{4}-\d+/);
    expect(await axeSerious(page)).toEqual([]);

    // The licence reads as a document: the authority and place by name, quantities in the plural (issue 17).
    await page.getByTestId('licence-link').click();
    const particulars = page.getByTestId('particulars');
    await particulars.waitFor();
    const text = (await particulars.textContent()) ?? '';
    expect(text).toContain('National Firearms Control Authority, Uruguay');
    expect(text).toContain('Uruguay, ');
    expect(text).not.toContain('(UY)');
    expect(await page.getByTestId('goods').textContent()).toContain('4 pieces');
  });
});
