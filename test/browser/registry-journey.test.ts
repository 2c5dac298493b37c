import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, axeSerious, createUser, ensureWebBuilt, launchBrowser, screenshot, signIn, startServer, type Browser, type Server } from './support.ts';

// A serial no other test uses, so the partial search below can only find this item.
const SERIAL = 'XQ7-40213';
// More items of one make than a page holds (50), registered in an order that is not the model order,
// so a table that sorted only the rows on screen would show page 2 out of order.
const SORT_MAKE = 'Sortiera';
const SORT_COUNT = 55;
const sortModel = (k: number) => `Model ${String(k).padStart(2, '0')}`;

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
    for (let i = 0; i < SORT_COUNT; i++) {
      const k = (i * 23) % SORT_COUNT; // a permutation of 0…54 (23 and 55 are coprime)
      await admin.call('POST', '/registry/items', {
        item: { kind: 'firearm', firearmType: 'pistol', make: SORT_MAKE, model: sortModel(k), calibre: '9x19mm' },
        markings: [{ kind: 'manufacture', location: 'frame', manufacturerName: SORT_MAKE, countryOfManufacture: 'UY', serialNumber: `SRT-${String(i).padStart(4, '0')}` }],
      });
    }
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

  it('sorts the whole result on the server by a column header: page 2 continues the order, Previous keeps it', async () => {
    const { page } = browser;
    await page.getByRole('link', { name: 'Registry', exact: true }).click();
    await page.getByRole('heading', { name: 'Registry search' }).waitFor();
    await page.getByRole('button', { name: 'Clear', exact: true }).click();
    await page.getByLabel('Make').fill(SORT_MAKE);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const results = page.getByTestId('registry-results');
    const models = () => results.locator('tbody tr td:nth-child(4)').allTextContents();
    const all = Array.from({ length: SORT_COUNT }, (_, k) => sortModel(k));
    await expect.poll(() => page.getByTestId('registry-results-total').textContent(), { timeout: 30_000 }).toBe(`${SORT_COUNT} items`);
    // Registration order first: the models come in the permuted order they were registered in.
    await expect.poll(async () => (await models())[1], { timeout: 30_000 }).toBe(sortModel(23));

    const header = results.getByRole('columnheader', { name: 'Model' });
    await header.getByRole('button').click();
    await expect.poll(models, { timeout: 30_000 }).toEqual(all.slice(0, 50));
    expect(await header.getAttribute('aria-sort')).toBe('ascending');
    expect(page.url()).toContain('sort=model');
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    // The server's order continues: Model 50…54, not the five rows registered last, sorted among themselves.
    await expect.poll(models, { timeout: 30_000 }).toEqual(all.slice(50));
    expect(await page.getByTestId('registry-results-total').textContent()).toBe(`${SORT_COUNT} items`);
    await page.getByRole('button', { name: 'Previous', exact: true }).click();
    await expect.poll(models, { timeout: 30_000 }).toEqual(all.slice(0, 50));

    await header.getByRole('button').click();
    const desc = [...all].reverse();
    await expect.poll(models, { timeout: 30_000 }).toEqual(desc.slice(0, 50));
    expect(await header.getAttribute('aria-sort')).toBe('descending');
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await expect.poll(models, { timeout: 30_000 }).toEqual(desc.slice(50));
    expect(await axeSerious(page)).toEqual([]);
    await screenshot(page, 'registry-search-sorted');
  });

  it('shows the clerk only what the role may use: no licensing cases, no sanctions lists', async () => {
    const { page } = browser;
    const nav = page.getByRole('navigation');
    await nav.getByRole('link', { name: 'Register an item' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Licence applications' }).count()).toBe(0);
    expect(await nav.getByRole('link', { name: 'Sanctions lists' }).count()).toBe(0);
  });
});
