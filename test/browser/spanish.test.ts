import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, axeSerious, createUser, englishOnlyPhrases, ensureWebBuilt, launchBrowser, screenshot, signIn, startServer, type Browser, type Server } from './support.ts';

// Real server + real Chromium on a shared 2-core machine: generous per-step time, no timing assertions.
describe('browser: switching to Spanish translates the dashboard, and the choice persists', { timeout: 150_000 }, () => {
  let server: Server;
  let browser: Browser;
  let password: string;
  const englishOnly = englishOnlyPhrases('es');

  beforeAll(async () => {
    await ensureWebBuilt();
    server = await startServer();
    const admin = await adminClient(server);
    // An officer whose dashboard has panels from several modules (registry, licensing, screening).
    password = await createUser(admin, server, 'officer.eva', 'licensing_supervisor');
    browser = await launchBrowser();
    // A cold start (tsx transpiling the server, PGlite initdb, argon2 hashes) on a busy 2-core machine.
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows every dashboard text in Spanish and no English left', async () => {
    const { page } = browser;
    await signIn(page, server.url, 'officer.eva', password);
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await page.getByTestId('language-picker').selectOption('es');
    await page.getByRole('heading', { name: 'Panel', exact: true }).waitFor();
    // Wait until every panel has finished loading before reading the screen.
    await expect.poll(() => page.locator('.mantine-Skeleton-root').count(), { timeout: 20_000 }).toBe(0);
    expect(await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { lang: string } } }).document.documentElement.lang)).toBe('es');
    const body = (await page.locator('body').innerText()).replace(/\s+/g, ' ');
    const leftovers = englishOnly.filter((s) => body.includes(s));
    expect(leftovers).toEqual([]);
    for (const spanish of ['Panel', 'Registro', 'Solicitudes de licencia', 'Envíos pendientes de verificación de entrega', 'Bienvenido/a']) {
      expect(body).toContain(spanish);
    }
    expect(await axeSerious(page)).toEqual([]);
    await screenshot(page, 'dashboard-es');
  });

  it('keeps Spanish after a reload and on the next screen', async () => {
    const { page } = browser;
    await page.reload();
    await page.getByRole('heading', { name: 'Panel', exact: true }).waitFor();
    await page.getByRole('link', { name: 'Registro', exact: true }).click();
    await page.getByRole('heading', { name: 'Búsqueda en el registro' }).waitFor();
    await page.getByTestId('language-picker').selectOption('fr');
    await page.getByRole('heading', { name: 'Recherche dans le registre' }).waitFor();
  });
});
