import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, axeSerious, createUser, ensureWebBuilt, launchBrowser, screenshot, signIn, startServer, type Browser, type Server } from './support.ts';

// A serial no other test uses, so the partial search below can only find this item.
const SERIAL = 'XQ7-40213';

// Real server + real Chromium on a shared 2-core machine: generous per-step time, no timing assertions.
describe('browser: a registry clerk registers a firearm, finds it by a partial serial and sees its history', { timeout: 150_000 }, () => {
  let server: Server;
  let browser: Browser;
  let password: string;

  beforeAll(async () => {
    await ensureWebBuilt();
    server = await startServer();
    const admin = await adminClient(server);
    password = await createUser(admin, server, 'clerk.ana', 'registry_clerk');
    await admin.call('POST', '/registry/parties', { kind: 'organisation', roles: ['manufacturer', 'dealer'], name: 'Armería Central SA', country: 'UY' });
    browser = await launchBrowser();
    // A cold start (tsx transpiling the server, PGlite initdb, argon2 hashes) on a busy 2-core machine.
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the marking rule’s message on the field it names, then registers the firearm', async () => {
    const { page } = browser;
    await signIn(page, server.url, 'clerk.ana', password);
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    expect(await axeSerious(page)).toEqual([]);
    await page.getByRole('link', { name: 'Register an item' }).click();
    await page.getByRole('heading', { name: 'Register an item' }).waitFor();
    expect(await axeSerious(page)).toEqual([]);

    const marking = page.getByTestId('marking-0');
    await page.getByLabel('Make').fill('Tanfoglio');
    await page.getByLabel('Model').fill('T95');
    await page.getByLabel('Calibre').fill('9x19mm');
    await marking.getByLabel('Manufacturer').fill('Fratelli Tanfoglio');
    await marking.getByLabel('Place of manufacture').fill('Gardone Val Trompia');
    // No serial on the manufacture marking: Art. 8(1)(a) refuses it and the form says so beside the field.
    await page.getByRole('button', { name: 'Register', exact: true }).click();
    const serialField = marking.getByLabel('Serial number');
    await expect.poll(() => serialField.getAttribute('aria-invalid'), { timeout: 15_000 }).toBe('true');
    await marking.getByText('A manufacture marking carries a serial number', { exact: false }).waitFor();
    expect(await axeSerious(page)).toEqual([]);
    await screenshot(page, 'register-item-field-error');

    await serialField.fill(SERIAL);
    const holder = page.getByTestId('first-event').getByLabel('Holder');
    await holder.click();
    await holder.fill('Armería');
    await page.getByRole('option', { name: /Armería Central SA/ }).click();
    await page.getByRole('button', { name: 'Register', exact: true }).click();
    await page.waitForURL(/\/registry\/items\//);
    await page.getByTestId('custody-timeline').getByText('Manufactured').waitFor();
    expect(await page.getByTestId('markings').textContent()).toContain(SERIAL);
    expect(await axeSerious(page)).toEqual([]);
  });

  it('finds the firearm by a partial serial with * and opens its history', async () => {
    const { page } = browser;
    await page.getByRole('link', { name: 'Registry', exact: true }).click();
    await page.getByRole('heading', { name: 'Registry search' }).waitFor();
    await page.getByLabel('Serial number').fill('XQ7*213');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const results = page.getByTestId('registry-results');
    await results.getByRole('link', { name: SERIAL }).waitFor();
    expect(await axeSerious(page)).toEqual([]);
    await screenshot(page, 'registry-search-partial');
    await results.getByRole('link', { name: SERIAL }).click();
    await page.getByTestId('custody-timeline').waitFor();
    const history = await page.getByTestId('custody-timeline').textContent();
    expect(history).toContain('Manufactured');
    expect(history).toContain('Armería Central SA');
    await screenshot(page, 'item-page');
  });

  it('shows the clerk only what the role may use: no licensing cases, no sanctions lists', async () => {
    const { page } = browser;
    const nav = page.getByRole('navigation');
    await nav.getByRole('link', { name: 'Register an item' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Licence applications' }).count()).toBe(0);
    expect(await nav.getByRole('link', { name: 'Sanctions lists' }).count()).toBe(0);
  });
});
