import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, axeSerious, ensureWebBuilt, launchBrowser, screenshot, signIn, startServer, STRONG, type Browser, type Server } from './support.ts';

/** Every main screen not already scanned inside a journey, visited by the administrator (who sees them all). */
const SCREENS: { path: string; heading: string; name: string }[] = [
  { path: '/registry/import', heading: 'Bulk import', name: 'import' },
  { path: '/licensing', heading: 'Licence applications', name: 'applications' },
  { path: '/licensing/licences', heading: 'Licences', name: 'licences' },
  { path: '/licensing/shipments', heading: 'Shipments', name: 'shipments' },
  { path: '/screening', heading: 'Screening', name: 'screening' },
  { path: '/screening/lists', heading: 'Sanctions lists', name: 'lists' },
  { path: '/admin', heading: 'Administration', name: 'admin' },
];

// Real server + real Chromium on a shared 2-core machine: generous per-step time, no timing assertions.
describe('browser: axe-core finds no serious or critical violation on the remaining main screens', { timeout: 150_000 }, () => {
  let server: Server;
  let browser: Browser;

  beforeAll(async () => {
    await ensureWebBuilt();
    server = await startServer();
    await adminClient(server);
    browser = await launchBrowser();
    // A cold start (tsx transpiling the server, PGlite initdb, argon2 hashes) on a busy 2-core machine.
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('scans each screen after it has loaded', async () => {
    const { page } = browser;
    await signIn(page, server.url, 'admin', STRONG);
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    const found: Record<string, unknown[]> = {};
    for (const s of SCREENS) {
      await page.getByRole('navigation').getByRole('link', { name: s.heading, exact: true }).click();
      await page.getByRole('heading', { level: 1, name: s.heading, exact: true }).waitFor();
      await page.waitForLoadState('networkidle');
      const v = await axeSerious(page);
      if (v.length) found[s.path] = v;
      await screenshot(page, `screen-${s.name}`);
    }
    expect(found).toEqual({});
  });

  it('warns that nothing was screened when no sanctions list is active, instead of "No possible match" (issue 17)', async () => {
    const { page } = browser;
    await page.getByRole('navigation').getByRole('link', { name: 'Screening', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Screening', exact: true }).waitFor();
    await page.getByLabel('Name').fill('Germain Katanga');
    await page.getByRole('button', { name: 'Screen', exact: true }).click();
    const warning = page.getByTestId('no-list-warning');
    await warning.waitFor();
    expect(await warning.textContent()).toContain('No sanctions list is active');
    expect(await page.getByText('No possible match.').count()).toBe(0);
    expect(await axeSerious(page)).toEqual([]);
  });
});
