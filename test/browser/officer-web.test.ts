import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, axeSerious, choose, createUser, ensureWebBuilt, launchBrowser, screenshot, signIn, startServer, type Browser, type Server } from './support.ts';

/**
 * An officer's day in the officer's own language: what the server says (sign-in refusals, the lockout,
 * rule messages on form fields) reaches a Spanish or French user in that language, dates in their format.
 */
describe('browser: the server’s messages in Spanish and French', { timeout: 150_000 }, () => {
  let server: Server;
  let browser: Browser;
  let password: string;
  let itemId: string;

  beforeAll(async () => {
    await ensureWebBuilt();
    server = await startServer();
    const admin = await adminClient(server);
    password = await createUser(admin, server, 'clerk.luis', 'registry_clerk');
    await createUser(admin, server, 'locked.lea', 'registry_clerk');
    // Five wrong passwords lock the account (accounts/model.ts LOCKOUT_THRESHOLD).
    for (let i = 0; i < 5; i++) {
      await fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'locked.lea', password: `wrong-${i}` }) });
    }
    // An item made by an organisation and sold to a person (whose name the item page withholds).
    const maker = await admin.call<{ id: string }>('POST', '/registry/parties', { kind: 'organisation', roles: ['manufacturer'], name: 'Fábrica Oriental SA', country: 'UY' });
    const owner = await admin.call<{ id: string }>('POST', '/registry/parties', { kind: 'person', roles: ['owner'], country: 'UY', personal: { givenNames: 'Rosa', familyName: 'Quintana', identityDocumentNumber: 'UY-4410022' } });
    const item = await admin.call<{ id: string }>('POST', '/registry/items', {
      item: { kind: 'firearm', firearmType: 'rifle', make: 'Oriental', model: 'R7', calibre: '.308 Win', serialNumber: 'OR-7781', countryOfManufacture: 'UY', description: 'Bolt-action rifle with a walnut stock' },
      markings: [{ kind: 'manufacture', location: 'receiver', manufacturerName: 'Fábrica Oriental SA', countryOfManufacture: 'UY', serialNumber: 'OR-7781' }],
      event: { kind: 'manufactured', occurredAt: '2025-03-10T12:00:00.000Z', toPartyId: maker.id },
    });
    itemId = item.id;
    await admin.call('POST', `/registry/items/${itemId}/events`, { kind: 'transferred', occurredAt: '2025-06-02T12:00:00.000Z', fromPartyId: maker.id, toPartyId: owner.id, authorizationRef: 'PERMIT-118' });
    browser = await launchBrowser();
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('refuses a wrong password and a locked account in French, the lockout time in the French format', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/login`);
    await page.getByTestId('language-picker').selectOption('fr');
    await page.locator('input[name="username"]').fill('clerk.luis');
    await page.locator('input[name="password"]').fill('not-the-password');
    await page.locator('button[type="submit"]').click();
    const alert = page.getByTestId('error-alert');
    await alert.getByText("Nom d'utilisateur ou mot de passe incorrect", { exact: false }).waitFor();
    expect(await alert.innerText()).not.toContain('Wrong username');

    await page.locator('input[name="username"]').fill('locked.lea');
    await page.locator('input[name="password"]').fill('still-wrong');
    await page.locator('button[type="submit"]').click();
    await alert.getByText('Compte verrouillé').waitFor();
    const text = await alert.innerText();
    expect(text).toContain('réessayez après le');
    // A date as a French reader writes it, not the server's UTC timestamp.
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    expect(text).not.toContain('Too many failed sign-ins');
    expect(await axeSerious(page)).toEqual([]);
    await screenshot(page, 'login-locked-fr');
  });

  it('shows the marking rule’s message on the field in Spanish', async () => {
    const { page } = browser;
    await page.getByTestId('language-picker').selectOption('en');
    await signIn(page, server.url, 'clerk.luis', password);
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await page.getByRole('link', { name: 'Register an item' }).click();
    await page.getByRole('heading', { name: 'Register an item' }).waitFor();
    const marking = page.getByTestId('marking-0');
    await page.getByLabel('Make').fill('Tanfoglio');
    await page.getByLabel('Model').fill('T95');
    await page.getByLabel('Calibre').fill('9x19mm');
    await marking.getByLabel('Manufacturer').fill('Fratelli Tanfoglio');
    await marking.getByLabel('Place of manufacture').fill('Gardone Val Trompia');
    await page.getByTestId('language-picker').selectOption('es');
    await page.getByRole('button', { name: 'Registrar', exact: true }).click();
    await marking.getByText('Un marcado de fabricación lleva un número de serie', { exact: false }).waitFor();
    const body = await page.locator('body').innerText();
    expect(body).not.toContain('A manufacture marking carries a serial number');
    expect(body).toContain('Rechazado por una regla');
    expect(await axeSerious(page)).toEqual([]);
    await screenshot(page, 'register-rule-es');
  });

  it('shows why a bulk import was refused, offers a template and explains the columns', async () => {
    const { page } = browser;
    await page.getByTestId('language-picker').selectOption('en');
    await page.goto(`${server.url}/registry/import`);
    await page.getByRole('heading', { name: 'Bulk import' }).waitFor();
    const guide = page.getByTestId('import-guide');
    await guide.getByText('serial_number', { exact: true }).waitFor();
    expect(await guide.locator('tbody tr').count()).toBe(21);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download a CSV template' }).click()]);
    const template = fs.readFileSync((await download.path())!, 'utf8');
    expect(template.split('\r\n')[0]).toMatch(/^kind,type,make,model,calibre,serial_number,/);

    // A mistyped header ("serial"): nothing is imported, and the page says why.
    const file = path.join(os.tmpdir(), `custodia-bad-header-${process.pid}.csv`);
    fs.writeFileSync(file, 'kind,type,make,serial\nfirearm,rifle,Steyr,SSG-1\n');
    await page.locator('input[type="file"]').setInputFiles(file);
    await page.getByRole('button', { name: 'Upload and import' }).click();
    const errors = page.getByTestId('import-errors');
    await errors.getByText('Unknown column "serial"', { exact: false }).waitFor({ timeout: 30_000 });
    expect(await errors.innerText()).toContain('serial');
    expect(await axeSerious(page)).toEqual([]);
    await screenshot(page, 'import-refused-header');

    await page.getByTestId('language-picker').selectOption('fr');
    await errors.getByText('Colonne inconnue « serial »', { exact: false }).waitFor();
    expect(await page.getByTestId('import-outcome').innerText()).toContain("Rien n'a été importé");
    fs.rmSync(file, { force: true });
  });

  it('records custody events from the item page, with the rules on the fields, and reveals the holder to an entitled role', async () => {
    const { page } = browser;
    await page.getByTestId('language-picker').selectOption('en');
    await page.goto(`${server.url}/registry/items/${itemId}`);
    await page.getByText('Bolt-action rifle with a walnut stock').waitFor();
    // Date-only events read as dates, without an invented "12:00".
    const timeline = page.getByTestId('custody-timeline');
    expect(await timeline.innerText()).not.toMatch(/12:00|PM/);

    await page.getByRole('button', { name: 'Show identity' }).click();
    await page.getByTestId('revealed-identity').getByText('Rosa Quintana', { exact: false }).waitFor();

    const form = page.getByTestId('event-form');
    await choose(form, 'Event', 'Loan', /^Loaned$/);
    await form.getByRole('button', { name: 'Record the event' }).click();
    // The chain-of-custody rule's message on the field it names.
    await form.getByText('Name the party receiving the item.', { exact: true }).waitFor();
    expect(await form.getByLabel(/^Borrower/).getAttribute('aria-invalid')).toBe('true');
    expect(await axeSerious(page)).toEqual([]);
    await screenshot(page, 'item-event-rule');

    await choose(form, 'Event', 'lost', /^Reported lost$/);
    await form.getByLabel('Place or carrier').fill('Ruta 5, km 112');
    await form.getByRole('button', { name: 'Record the event' }).click();
    await timeline.getByText('Reported lost').waitFor();
    await page.locator('[data-status="lost"]').first().waitFor();
    expect(await timeline.innerText()).toContain('Ruta 5, km 112');
  });
});
