import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, ApiClient, axeSerious, ensureWebBuilt, launchBrowser, screenshot, signIn, startServer, STRONG, type Browser, type Server } from './support.ts';

// Real server + real Chromium on a shared 2-core machine: generous per-step time, no timing assertions.
describe('browser: an administrator creates a user and deactivates it with a reason', { timeout: 150_000 }, () => {
  let server: Server;
  let browser: Browser;
  let api: ApiClient;

  beforeAll(async () => {
    await ensureWebBuilt();
    server = await startServer();
    api = await adminClient(server);
    browser = await launchBrowser();
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the one-time password once, asks the reason in an accessible dialog, and the user ends deactivated', async () => {
    const { page } = browser;
    await signIn(page, server.url, 'admin', STRONG);
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await page.getByRole('navigation').getByRole('link', { name: 'Administration', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Administration' }).waitFor();

    const form = page.getByRole('form', { name: 'Create a user' });
    await form.getByLabel('Username').fill('clerk.maria');
    await form.getByLabel('Full name').fill('María Clerk');
    await form.getByRole('button', { name: 'Create a user' }).click();
    const row = page.getByTestId('users').getByRole('row').filter({ hasText: 'clerk.maria' });
    await row.waitFor();

    await row.getByRole('button', { name: 'Deactivate' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await axeSerious(page)).toEqual([]);
    // Submitting needs a reason: the button stays disabled until one is typed.
    expect(await dialog.getByRole('button', { name: 'Submit' }).isDisabled()).toBe(true);
    await dialog.getByLabel(/Reason \(recorded in the audit log\)/).fill('Left the registry office');
    await screenshot(page, 'admin-reason-dialog');
    await dialog.getByRole('button', { name: 'Submit' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await row.getByText('Deactivated').waitFor();

    // The reason reached the server and its audit log.
    const body = await api.call<{ items: { action: string; reason: string | null }[] }>('GET', '/audit/entries?limit=20');
    expect(body.items.filter((e) => e.action === 'accounts.user.deactivate').map((e) => e.reason)).toContain('Left the registry office');
  });

  it('fits the users table in a 1366-pixel window, and opens an account’s agency dialog on the agency it names', async () => {
    // More State agencies than the picker lists before a search (20), the officer's created last, with a long name.
    const agency = async (name: string) => (await api.call<{ id: string }>('POST', '/registry/parties', { kind: 'organisation', roles: ['state_agency'], name, country: 'UY' })).id;
    for (let i = 1; i <= 20; i++) await agency(`Jefatura de Policía ${String(i).padStart(2, '0')}`);
    const name = 'Dirección Nacional de Policía Científica e Investigaciones Criminales';
    const id = await agency(name);
    await api.call('POST', '/accounts/users', { username: 'officer.ana.long-username', displayName: 'Ana María Fernández de la Cruz Rodríguez', role: 'tracing_officer', organisationId: null, agencyPartyId: id });

    const { page } = browser;
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Administration' }).waitFor();
    const row = page.getByTestId('users').getByRole('row').filter({ hasText: 'officer.ana.long-username' });
    await row.getByText(name).waitFor();
    // Every action of the row is in the window, none cut off at its right edge or behind a sideways scroll.
    const width = page.viewportSize()!.width;
    for (const button of await row.getByRole('button').all()) {
      const box = (await button.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(width);
    }
    expect(await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    await screenshot(page, 'admin-users');

    await row.getByRole('button', { name: 'Agency of officer.ana.long-username' }).click();
    const dialog = page.getByRole('dialog', { name: 'Agency of officer.ana.long-username' });
    await dialog.waitFor();
    await expect.poll(() => dialog.getByLabel('Agency', { exact: true }).inputValue()).toBe(`${name} (UY)`);
    expect(await axeSerious(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
  });
});
