import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolmentFingerprint } from '../../src/platform/crypto/keys.ts';
import { adminClient, ApiClient, axeSerious, choose, createUser, ensureWebBuilt, isoDay, launchBrowser, screenshot, signIn, startServer, STRONG, type Browser, type Server } from './support.ts';

/**
 * Two States' nodes, each a real `custodia start` with its own data directory, keys and port, and each
 * with its own Chromium (cookies are per host, not per port): Spain exports to Kenya through France.
 * Spain's administrator enrols France's node on the Peers screen after comparing the fingerprint; Spain's
 * officer applies, asks France from the case page; France's officer finds the transit notification in
 * the queue and sends the drafted no-objection; Spain's officer sees France's answer arrive on the case,
 * recorded as Art. 10(2)(b) evidence, with its signed envelope. Delivery is each node's own sender loop.
 */
// Real servers + two real Chromiums on a shared 2-core machine: generous per-step time, no timing assertions.
describe('browser: a transit no-objection asked and answered across two nodes\' web apps', { timeout: 240_000 }, () => {
  let es: Server;
  let fr: Server;
  let esAdmin: ApiClient;
  let frAdmin: ApiClient;
  let browserEs: Browser;
  let browserFr: Browser;
  let frFingerprint = '';
  let caseUrl = '';

  beforeAll(async () => {
    await ensureWebBuilt();
    [es, fr] = await Promise.all([startServer({ CUSTODIA_STATE: 'ES' }), startServer({ CUSTODIA_STATE: 'FR' })]);
    [esAdmin, frAdmin] = await Promise.all([adminClient(es), adminClient(fr)]);
    await createUser(esAdmin, es, 'officer.lucia', 'licensing_officer');
    await createUser(frAdmin, fr, 'officer.jean', 'licensing_officer');
    // What France's administrator reads out over the telephone (`custodia keys show` prints the same).
    const jwks = (await (await fetch(`${fr.url}/.well-known/jwks.json`)).json()) as { keys: { kty: string; crv: string; x: string; use?: string }[] };
    frFingerprint = await enrolmentFingerprint(jwks.keys.find((k) => k.crv === 'Ed25519')!);
    // France enrols Spain over its API (its own screen is the one Spain's administrator uses below).
    const esKeys = (await frAdmin.call<{ candidates: { fingerprint: string }[] }>('POST', '/exchange/peers/preview', { baseUrl: es.url })).candidates;
    await frAdmin.call('POST', '/exchange/peers', { state: 'ES', baseUrl: es.url, fingerprint: esKeys[0].fingerprint, allowedTypes: ['transit_notification', 'import_authorisation_check'] });
    [browserEs, browserFr] = await Promise.all([launchBrowser(), launchBrowser()]);
    // Two servers and two browsers on two shared cores: each step may wait longer than the default 15 s.
    for (const b of [browserEs, browserFr]) b.page.setDefaultTimeout(45_000);
  }, 900_000);
  afterAll(async () => {
    await browserEs?.close();
    await browserFr?.close();
    await es?.stop();
    await fr?.stop();
  });

  async function signOut(b: Browser) {
    await b.page.getByTestId('user-menu').click();
    await b.page.getByRole('menuitem', { name: 'Sign out' }).click();
    await b.page.waitForURL(/\/login/);
  }

  it("Spain's administrator enrols France's node after comparing its fingerprint", async () => {
    const { page } = browserEs;
    await signIn(page, es.url, 'admin', STRONG);
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await page.getByRole('link', { name: 'Exchange peers' }).click();
    await page.getByRole('heading', { name: 'Exchange peers' }).waitFor();
    const enrol = page.getByTestId('enrol');

    // A node that does not answer: the refusal is put on the address field, in words.
    await enrol.getByLabel('State (ISO code)').fill('FR');
    await enrol.getByLabel('Node address').fill('http://127.0.0.1:9');
    await enrol.getByRole('button', { name: 'Fetch its keys' }).click();
    await expect.poll(() => enrol.locator('.mantine-InputWrapper-error').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(await page.getByTestId('enrol-preview').count()).toBe(0);

    await enrol.getByLabel('Node address').fill(fr.url);
    await choose(enrol, 'Messages it may send', 'Transit answer', /^Transit answer$/);
    await page.keyboard.press('Escape');
    await enrol.getByRole('button', { name: 'Fetch its keys' }).click();
    const shown = page.getByTestId('candidate-fingerprint');
    await shown.waitFor();
    expect((await shown.textContent())?.trim()).toBe(frFingerprint);
    const confirm = page.getByRole('button', { name: 'Confirm and enrol' });
    // Nothing is pinned until the administrator says the fingerprints are the same.
    expect(await confirm.isDisabled()).toBe(true);
    await page.getByLabel(/I compared this fingerprint/).check();
    expect(await axeSerious(page)).toEqual([]);
    await confirm.click();
    const row = page.locator('[data-peer="FR"]');
    await row.waitFor();
    expect(await row.locator('[data-status="active"]').count()).toBe(1);
    expect((await row.getByTestId('pin-fingerprint').first().textContent())?.trim()).toBe(frFingerprint);
    expect(await row.getByText('Transit answer').count()).toBeGreaterThan(0);
    expect(await axeSerious(page)).toEqual([]);
    await screenshot(page, 'exchange-peers');
    await signOut(browserEs);
  });

  it("Spain's officer applies for an export through France and asks France from the case page", async () => {
    const { page } = browserEs;
    await signIn(page, es.url, 'officer.lucia', STRONG);
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await page.getByRole('link', { name: 'New application' }).click();
    await page.getByRole('heading', { name: 'New application' }).waitFor();
    const applicant = page.getByTestId('applicant');
    await applicant.getByLabel('Name').fill('Armería Ejemplo S.A.');
    await choose(applicant, 'Country', 'Spai', /^Spain/);
    const endUser = page.getByTestId('end-user');
    await endUser.getByLabel('Name').fill('National Police Service');
    await endUser.getByLabel('Address').fill('Vigilance House, Harambee Avenue, Nairobi');
    await choose(endUser, 'Country', 'Kenya', /Kenya/);
    await choose(page, 'Country of export', 'Spai', /^Spain/);
    await choose(page, 'Country of import', 'Kenya', /Kenya/);
    await page.getByRole('button', { name: 'Add a transit State' }).click();
    await choose(page.getByTestId('transit-0'), 'Transit State 1', 'Fran', /^France/);
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
    await page.getByRole('button', { name: 'Assign to me' }).click();
    await page.locator('[data-status="under_review"]').first().waitFor();

    const exchange = page.getByTestId('case-exchange');
    await exchange.getByText('Nothing has been asked').waitFor();
    await exchange.getByLabel('Import licence reference').fill('KE-IMP-2026-0420');
    await exchange.getByRole('button', { name: 'Ask the transit State' }).click();
    const request = exchange.locator('[data-testid="case-request"][data-type="transit_notification"][data-to="FR"]');
    await request.waitFor();
    await request.getByTestId('awaiting-answer').waitFor();
    expect(await axeSerious(page)).toEqual([]);
  });

  it("France's officer finds the transit notification in the queue and sends the drafted no-objection", async () => {
    const { page } = browserFr;
    await signIn(page, fr.url, 'officer.jean', STRONG);
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await page.getByRole('link', { name: 'State-to-State requests' }).click();
    await page.getByRole('heading', { name: 'Requests from other States' }).waitFor();
    // Spain's sender loop delivers on its own; the queue looks again until it is there.
    const row = page.locator('[data-testid="queue"] tr[data-type="transit_notification"]');
    await expect.poll(async () => {
      if ((await row.count()) === 0) await page.getByRole('button', { name: 'Refresh' }).click();
      return row.count();
    }, { timeout: 60_000, interval: 2_000 }).toBe(1);
    expect(await row.textContent()).toContain('Spain');
    expect(await axeSerious(page)).toEqual([]);
    await row.getByRole('link', { name: 'Transit notification' }).click();

    await page.getByTestId('envelope').waitFor();
    expect(await page.getByTestId('envelope').getByText('Spain (ES)').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('caveats-none').count()).toBe(1);
    expect(await page.getByTestId('jws').textContent()).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const form = page.getByTestId('answer-form');
    expect(await form.getByLabel('No objection', { exact: true }).isChecked()).toBe(true);
    // An objection needs its reason: refused in place, nothing sent.
    await form.getByLabel('Objection', { exact: true }).check();
    await form.getByRole('button', { name: 'Sign and send the answer' }).click();
    await form.getByText('An objection gives its reason.').first().waitFor();
    await form.getByLabel('No objection', { exact: true }).check();
    expect(await axeSerious(page)).toEqual([]);
    await form.getByRole('button', { name: 'Sign and send the answer' }).click();
    await page.getByTestId('answered').waitFor();
    await screenshot(page, 'exchange-answered');
  });

  it("Spain's officer sees France's answer arrive on the case, recorded as evidence, with its signed envelope", async () => {
    const { page } = browserEs;
    if (page.url() !== caseUrl) await page.goto(caseUrl);
    const answer = page.locator('[data-testid="case-answer"][data-from="FR"]');
    // France's sender loop delivers it; the case page looks again while a request has no answer.
    await answer.waitFor({ timeout: 60_000 });
    expect(await answer.locator('[data-verdict="no_objection"]').count()).toBe(1);
    await answer.getByText('Recorded on the case as evidence').waitFor();
    await page.getByTestId('evidence').getByText(/France/).first().waitFor();
    expect(await axeSerious(page)).toEqual([]);
    await screenshot(page, 'exchange-case-answer');

    await answer.getByRole('link', { name: 'View the signed envelope' }).click();
    await page.getByTestId('envelope').waitFor();
    expect(await page.getByTestId('envelope').getByText('France (FR)').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('envelope').locator('[data-field="decision"]').textContent()).toContain('No objection');
    expect(await axeSerious(page)).toEqual([]);
  });

  it("Spain's administrator finds the notification delivered in the outbox, with its attempts and signed bytes", async () => {
    const { page } = browserEs;
    await signOut(browserEs);
    await signIn(page, es.url, 'admin', STRONG);
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await page.waitForLoadState('networkidle');
    // Nothing was dead-lettered: no alert.
    expect(await page.getByTestId('dead-letters').count()).toBe(0);
    await page.getByRole('link', { name: 'Exchange traffic' }).click();
    await page.getByRole('heading', { name: 'Exchange traffic' }).waitFor();
    await page.locator('.mantine-SegmentedControl-label', { hasText: /^Delivered$/ }).click();
    const row = page.locator('[data-testid="outbox"] tr[data-status="delivered"]');
    await row.first().waitFor();
    expect(await row.count()).toBe(1);
    expect(await row.textContent()).toContain('France');
    expect(await axeSerious(page)).toEqual([]);
    await row.getByRole('link', { name: 'Transit notification' }).click();
    await page.getByTestId('envelope').waitFor();
    expect(await page.getByTestId('jws').textContent()).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(await axeSerious(page)).toEqual([]);
    await page.goto(`${es.url}/exchange/traffic?tab=inbox`);
    await page.locator('[data-testid="inbox"]').getByText('Transit answer').waitFor();
    expect(await axeSerious(page)).toEqual([]);
  });
});
