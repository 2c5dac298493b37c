import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeSerious, ensureWebBuilt, launchBrowser, screenshot, signIn, startServer, STRONG, type Browser, type Server } from './support.ts';

// Real server + real Chromium on a shared 2-core machine: generous per-step time, no timing assertions.
describe('browser: sign in, forced password change, sign out', { timeout: 150_000 }, () => {
  let server: Server;
  let browser: Browser;

  beforeAll(async () => {
    await ensureWebBuilt();
    server = await startServer();
    browser = await launchBrowser();
    // A cold start (tsx transpiling the server, PGlite initdb, argon2 hashes) on a busy 2-core machine.
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('sends an anonymous visitor to the sign-in screen, which passes axe', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/registry`);
    await page.waitForURL(/\/login/);
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeTruthy();
    await page.getByLabel('Username').waitFor();
    expect(await axeSerious(page)).toEqual([]);
    await screenshot(page, 'sign-in');
  });

  it('sends an anonymous visitor at / to the sign-in screen once, without a redirect loop or a page error', async () => {
    const { page } = browser;
    const errors: string[] = [];
    const onError = (e: Error) => errors.push(e.message);
    page.on('pageerror', onError);
    await page.goto(`${server.url}/`);
    await page.waitForURL(/\/login/);
    await page.getByLabel('Username').waitFor();
    // Calls still answering 401 after the sign-in screen showed must not redirect again.
    await page.waitForTimeout(1500);
    page.off('pageerror', onError);
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(new URL(page.url()).searchParams.get('redirect') ?? '').not.toContain('login');
    expect(errors).toEqual([]);
  });

  it('shows the server’s refusal of a wrong password and stays on the sign-in screen', async () => {
    const { page } = browser;
    await signIn(page, server.url, 'admin', 'not-the-password');
    await page.getByTestId('error-alert').waitFor();
    expect(page.url()).toMatch(/\/login/);
  });

  it('makes the first administrator replace the one-time password, then shows the dashboard', async () => {
    const { page } = browser;
    await signIn(page, server.url, 'admin', server.adminPassword);
    await page.waitForURL(/\/account\/password/);
    await page.getByLabel('Current password').fill(server.adminPassword);
    await page.getByLabel(/^New password/).fill('short');
    await page.getByLabel('Repeat the new password').fill('short');
    await page.getByRole('button', { name: 'Change password' }).click();
    // The server's password policy names the field; the form shows it beside the field.
    await page.locator('.mantine-InputWrapper-error, .mantine-PasswordInput-error').first().waitFor();
    expect(await axeSerious(page)).toEqual([]);
    await page.getByLabel(/^New password/).fill(STRONG);
    await page.getByLabel('Repeat the new password').fill(STRONG);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByRole('status').waitFor();
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    expect(await axeSerious(page)).toEqual([]);
    await screenshot(page, 'dashboard-admin');
  });

  it('signs out and a reload does not bring the session back', async () => {
    const { page } = browser;
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login/);
    await page.goto(`${server.url}/`);
    await page.waitForURL(/\/login/);
    await signIn(page, server.url, 'admin', STRONG);
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
  });
});
