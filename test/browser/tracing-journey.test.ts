import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPng } from '../support/images.ts';
import { adminClient, axeSerious, choose, createUser, ensureWebBuilt, isoDay, launchBrowser, screenshot, signIn, startServer, STRONG, type ApiClient, type Browser, type Server } from './support.ts';

// The stolen pistol's serial, and what is left of it on the recovered one: two characters ground off.
const SERIAL = 'TR-558213';
const AS_READ = 'TR5??213';
// Registry items whose serials the readable characters also fit, told apart only by make, model and calibre.
const DECOYS = [
  { serial: 'TR-577213', make: 'Taurus', model: 'PT92', calibre: '9x19mm' },
  { serial: 'TR-599213', make: 'Bersa', model: 'Thunder 380', calibre: '.380 ACP' },
  { serial: 'TR-501213', make: 'Taurus', model: '85', calibre: '.38 Special' },
];
const HOLDER = 'Club de Tiro Montevideo';
const POLICE = 'Policía Nacional, Seccional 3';
const CUSTOMS = 'Dirección Nacional de Aduanas';
const THEFT_REPORT = 'DEN-2026-0412';
// A Brazilian-made pistol seized with the Bersa, unknown to the registry: registered with the State's
// confiscation mark, traced (the chain ends abroad), asked about in Brazil, confiscated and destroyed.
const FOREIGN_SERIAL = 'TX-55123';
// A second pistol stolen from the club, reported to the same station, recovered in Brazil: Brazil's node
// answers this State's lost/stolen notice with a hit.
const ABROAD_SERIAL = 'GZ-44190';

/**
 * The whole chain of issue 13 as its users live it, every screen reached by links and buttons from the
 * sign-in screen: an administrator names the agency of the police officer whose station took the theft
 * report (Administration, "Agency…" dialog); a customs officer records a seizure with an obliterated
 * serial, the candidates are ranked and the confirmed one is a hit on the stolen pistol; the police officer
 * finds the alert on the dashboard under "My agency", opens it and acknowledges it, and acknowledges the hit
 * Brazil's node notified on the other stolen pistol (a real second node, enrolled both ways: this State's
 * registry sends the lost/stolen notice by itself, Brazil's recovery answers it); the domestic trace names
 * the last legal holder; the foreign-made pistol's trace ends abroad, the request to Brazil is drafted and
 * signed, the pistol confiscated and destroyed, and its certificate checked at its public address signed
 * out. axe-core on every screen and dialog visited.
 */
// Two real servers + real Chromium on a shared 2-core machine: generous per-step time, no timing assertions;
// every wait is on what the page shows.
describe('browser: a seizure with an obliterated serial is identified, hits a stolen pistol, alerts the reporting agency and is traced, asked about abroad and destroyed', { timeout: 300_000 }, () => {
  let server: Server;
  let brazil: Server;
  let admin: ApiClient;
  let browser: Browser;
  let recoveryReference = '';
  let abroadReference = '';
  let certificateUrl = '';
  let customs = '';

  beforeAll(async () => {
    await ensureWebBuilt();
    [server, brazil] = await Promise.all([startServer(), startServer({ CUSTODIA_STATE: 'BR' })]);
    let brAdmin: ApiClient;
    [admin, brAdmin] = await Promise.all([adminClient(server), adminClient(brazil)]);
    const party = async (name: string, roles: string[]) => (await admin.call<{ id: string }>('POST', '/registry/parties', { kind: 'organisation', roles, name, country: 'UY' })).id;
    const police = await party(POLICE, ['state_agency']);
    customs = await party(CUSTOMS, ['state_agency']);
    // The customs officer's account names her agency already; the police officer's is named in the journey.
    await createUser(admin, server, 'tracer.ines', 'tracing_officer', null, customs);
    await createUser(admin, server, 'police.luis', 'tracing_officer');
    const maker = await party('Bersa SA', ['manufacturer']);
    const dealer = await party('Armería Central SA', ['dealer']);
    const club = await party(HOLDER, ['owner']);

    // Each node enrols the other after the fingerprints were compared (the exchange journey does it on screen).
    const TYPES = ['lost_stolen_notice', 'hit_notification', 'tracing_request', 'tracing_acknowledgement', 'tracing_response'];
    for (const [at, other, state] of [[admin, brazil, 'BR'], [brAdmin, server, 'UY']] as const) {
      const { candidates } = await at.call<{ candidates: { fingerprint: string }[] }>('POST', '/exchange/peers/preview', { baseUrl: other.url });
      await at.call('POST', '/exchange/peers', { state, baseUrl: other.url, fingerprint: candidates[0].fingerprint, allowedTypes: TYPES });
    }

    const register = (serial: string, make: string, model: string, calibre: string, country = 'UY') =>
      admin.call<{ id: string }>('POST', '/registry/items', {
        item: { kind: 'firearm', firearmType: 'pistol', make, model, calibre },
        markings: [{ kind: 'manufacture', location: 'frame', manufacturerName: make, countryOfManufacture: country, serialNumber: serial }],
        event: { kind: 'manufactured', occurredAt: '2019-03-01T12:00:00Z', toPartyId: maker },
      });
    const pistol = (await register(SERIAL, 'Bersa', 'TPR9', '9x19mm')).id;
    for (const d of DECOYS) await register(d.serial, d.make, d.model, d.calibre);
    const event = (id: string, body: Record<string, unknown>) => admin.call('POST', `/registry/items/${id}/events`, body);
    await event(pistol, { kind: 'transferred', occurredAt: '2019-06-10T12:00:00Z', fromPartyId: maker, toPartyId: dealer, authorizationRef: 'VTA-2019-77' });
    await event(pistol, { kind: 'transferred', occurredAt: '2021-02-15T12:00:00Z', fromPartyId: dealer, toPartyId: club, authorizationRef: 'PERM-2021-118' });
    // The club reports the theft to the police station, which is the agency a later hit must alert.
    await event(pistol, { kind: 'reported_stolen', occurredAt: `${isoDay(-40)}T12:00:00Z`, toPartyId: police, authorizationRef: THEFT_REPORT, placeText: 'Club armoury, Montevideo' });

    // The second stolen pistol: the registry's record of the theft sends Brazil a lost/stolen notice by itself.
    const glock = (await register(ABROAD_SERIAL, 'Glock', '19', '9x19mm', 'AT')).id;
    await event(glock, { kind: 'transferred', occurredAt: '2020-05-10T12:00:00Z', fromPartyId: maker, toPartyId: club, authorizationRef: 'PERM-2020-031' });
    await event(glock, { kind: 'reported_stolen', occurredAt: `${isoDay(-40)}T12:00:00Z`, toPartyId: police, authorizationRef: 'DEN-2026-0413', placeText: 'Club armoury, Montevideo' });
    // Brazil's federal police seize it at the border: Brazil's check finds the notice and notifies the hit back
    // (before or after the notice arrives: a recovery recorded first is checked when the notice comes).
    const federal = (await brAdmin.call<{ id: string }>('POST', '/registry/parties', { kind: 'organisation', roles: ['state_agency'], name: 'Polícia Federal', country: 'BR' })).id;
    await brAdmin.call('POST', '/tracing/recoveries', {
      recoveredOn: isoDay(-2),
      place: { text: 'Ponte Internacional da Amizade, Foz do Iguaçu' },
      agencyPartyId: federal,
      recoveryType: 'seized',
      legalJustification: 'illicit_trafficking',
      criminalContext: 'trafficking',
      items: [{ kind: 'firearm', type: 'pistol', make: 'Glock', model: '19', calibre: '9x19mm', countryOfManufacture: 'AT', nature: 'industrial', markings: [{ location: 'frame', state: 'intact', serialAsRead: ABROAD_SERIAL }] }],
    });
    browser = await launchBrowser();
    // Two servers and a browser on two shared cores: a step may wait longer than the default 15 s.
    browser.page.setDefaultTimeout(45_000);
    // A cold start (tsx transpiling the servers, PGlite initdb, argon2 hashes) on a busy 2-core machine.
  }, 900_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await brazil?.stop();
  });

  async function signOut() {
    const { page } = browser;
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login/);
  }
  const nav = (name: string) => browser.page.getByRole('navigation').getByRole('link', { name, exact: true });

  /** From anywhere: Tracing → the recovery recorded by form. */
  async function openRecovery() {
    const { page } = browser;
    await nav('Tracing').click();
    await page.getByRole('heading', { level: 1, name: 'Recoveries' }).waitFor();
    await page.getByTestId('recoveries').getByRole('link', { name: recoveryReference }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(recoveryReference) }).waitFor();
    await page.getByTestId('recovered-item-2').waitFor();
  }

  it("the administrator names the police officer's agency in the Administration screen's dialog", async () => {
    const { page } = browser;
    await signIn(page, server.url, 'admin', STRONG);
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await nav('Administration').click();
    await page.getByRole('heading', { level: 1, name: 'Administration' }).waitFor();
    const row = page.getByTestId('users').getByRole('row').filter({ hasText: 'police.luis' });
    await row.waitFor();
    expect(await row.locator('[data-agency]').getAttribute('data-agency')).toBe('');
    await row.getByRole('button', { name: 'Agency of police.luis' }).click();
    const dialog = page.getByRole('dialog', { name: 'Agency of police.luis' });
    await dialog.waitFor();
    await choose(dialog, /^Agency$/, 'Seccional 3', /Policía Nacional, Seccional 3/);
    await dialog.getByLabel(/^Reason/).fill('Assigned to the station of Seccional 3');
    expect(await axeSerious(page)).toEqual([]);
    await screenshot(page, 'tracing-admin-agency-dialog');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await row.locator('[data-agency]').getByText(POLICE).waitFor();
    expect(await axeSerious(page)).toEqual([]);
    await signOut();
  });

  it('the customs officer records the seizure: a server rule’s message lands on the mark’s field, then the recovery is recorded and checked', async () => {
    const { page } = browser;
    await signIn(page, server.url, 'tracer.ines', STRONG);
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await nav('Tracing').click();
    await page.getByRole('heading', { level: 1, name: 'Recoveries' }).waitFor();
    await page.getByTestId('recoveries').waitFor();
    expect(await axeSerious(page)).toEqual([]);

    await nav('Record a recovery').click();
    await page.getByRole('heading', { level: 1, name: 'Record a recovery' }).waitFor();
    await choose(page, 'Recovering agency', 'Aduanas', /Dirección Nacional de Aduanas/);
    await choose(page, 'Criminal context', 'Organised', /Organised crime/);
    await page.getByLabel('UN/LOCODE').fill('UY MVD');
    await page.getByLabel('Place described').fill('Port of Montevideo, container MSKU 440211');
    await page.getByLabel('Seizure order or file number').fill('Order 512/2026');
    const item = page.getByTestId('item-0');
    await choose(item, 'Type', 'Pistol', /^Pistol$/);
    await item.getByLabel('Make').fill('Bersa');
    await item.getByLabel('Model').fill('TPR9');
    await item.getByLabel('Calibre').fill('9x19mm');
    const mark = page.getByTestId('item-0-mark-0');
    // Read with two characters unreadable but left as "intact": the server refuses it, on that field.
    await mark.getByLabel('Serial as read').fill(AS_READ);
    // A second item of the same seizure: a pistol made in Brazil, whose intact serial the registry does not know.
    await page.getByRole('button', { name: 'Add an item' }).click();
    const second = page.getByTestId('item-1');
    await choose(second, 'Type', 'Pistol', /^Pistol$/);
    await second.getByLabel('Make').fill('Taurus');
    await second.getByLabel('Model').fill('G2C');
    await second.getByLabel('Calibre').fill('9x19mm');
    await choose(second, 'Country of manufacture', 'Brazil', /^Brazil/);
    await page.getByTestId('item-1-mark-0').getByLabel('Serial as read').fill(FOREIGN_SERIAL);
    await page.getByRole('button', { name: 'Record and check' }).click();
    const serialField = mark.getByLabel('Serial as read');
    await expect.poll(() => serialField.getAttribute('aria-invalid'), { timeout: 45_000 }).toBe('true');
    await mark.getByText('An intact mark is read in full', { exact: false }).waitFor();
    expect(await page.getByTestId('error-alert').locator('li').count()).toBe(0);
    expect(await axeSerious(page)).toEqual([]);
    await screenshot(page, 'tracing-record-field-error');

    await choose(mark, 'Marking state', 'Oblit', /^Obliterated$/);
    await page.getByRole('button', { name: 'Record and check' }).click();
    await page.waitForURL(/\/tracing\/recoveries\/[0-9a-f-]{36}$/);
    await page.getByTestId('recovered-item-2').waitFor();
    recoveryReference = ((await page.getByRole('heading', { level: 1 }).textContent()) ?? '').replace('Recovery', '').trim();
    expect(recoveryReference).toMatch(/^REC-\d{4}-\d{6}$/);
    expect(await page.getByTestId('recovery-case').textContent()).toContain(CUSTOMS);
  });

  it('ranks the candidates with the true pistol first, and confirming it raises a hit on the stolen item', async () => {
    const { page } = browser;
    const item = page.getByTestId('recovered-item-1');
    expect(await item.locator('[data-outcome]').getAttribute('data-outcome')).toBe('candidates');
    const rows = page.getByTestId('candidates-1').locator('tbody tr');
    expect(await rows.count()).toBe(1 + DECOYS.length);
    expect(await rows.first().getAttribute('data-candidate')).toBe(SERIAL);
    // Ranked by score: each row's score is no higher than the one above it.
    const scores = (await rows.locator('td:nth-child(2)').allTextContents()).map((s) => Number(s.replace(/[^\d.]/g, '')));
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(scores[0]).toBeGreaterThan(scores[1]);
    expect(await page.getByTestId('marks-1').textContent()).toContain('Obliterated');
    expect(await axeSerious(page)).toEqual([]);
    await screenshot(page, 'tracing-candidates');

    // The pistol nobody registered is now in the registry, bearing the State's confiscation mark.
    const registered = page.getByTestId('recovered-item-2');
    expect(await registered.locator('[data-outcome]').getAttribute('data-outcome')).toBe('registered');
    const confiscationMark = registered.getByTestId('registered-as').locator('strong');
    await confiscationMark.waitFor();
    expect(await confiscationMark.textContent()).toBe(`UY-${recoveryReference}-2`);

    await page.getByRole('button', { name: `Confirm ${SERIAL} as this item` }).click();
    const hit = page.getByTestId('check-hit');
    await hit.waitFor();
    expect(await item.locator('[data-outcome]').getAttribute('data-outcome')).toBe('hit');
    const text = (await hit.textContent()) ?? '';
    expect(text).toContain(THEFT_REPORT);
    expect(text).toContain(POLICE);
    expect(await hit.locator('[data-alert]').getAttribute('data-alert')).toBe('open');
    // Decided: no confirm button is left.
    expect(await page.getByRole('button', { name: /^Confirm / }).count()).toBe(0);
    expect(await axeSerious(page)).toEqual([]);
    await screenshot(page, 'tracing-hit');

    await nav('Lost/stolen hits').click();
    await page.getByRole('heading', { level: 1, name: 'Lost/stolen hits' }).waitFor();
    const hits = page.getByTestId('hits');
    // By its link: the hit from Brazil lists Brazil's case reference, which may read the same.
    await hits.getByRole('link', { name: recoveryReference }).waitFor();
    expect(await hits.textContent()).toContain(THEFT_REPORT);
    expect(await axeSerious(page)).toEqual([]);

    // Not her agency's alert: her dashboard opens on "My agency" (customs), where it is not.
    await nav('Dashboard').click();
    const panel = page.getByTestId('panel-hits');
    await panel.getByText('No open alert.').waitFor();
    expect(await panel.getByRole('radio', { name: `My agency (${CUSTOMS})` }).isChecked()).toBe(true);
    await signOut();
  });

  it('the reporting station’s officer finds both alerts under "My agency", opens the hit and acknowledges it, and acknowledges the one from Brazil', async () => {
    // Brazil's node has answered the notice by itself: wait for its hit to be here (state, not time).
    await expect
      .poll(async () => (await admin.call<{ items: { reportReference: string; notifyingState: string }[] }>('GET', '/tracing/hits-abroad?alertStatus=open')).items, { timeout: 180_000, interval: 1_000 })
      .toHaveLength(1);
    const [abroad] = (await admin.call<{ items: { reportReference: string; notifyingState: string }[] }>('GET', '/tracing/hits-abroad?alertStatus=open')).items;
    expect(abroad.notifyingState).toBe('BR');
    expect(abroad.reportReference).toMatch(/^UY-LS-/);
    abroadReference = abroad.reportReference;

    const { page } = browser;
    await signIn(page, server.url, 'police.luis', STRONG);
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    const panel = page.getByTestId('panel-hits');
    const row = panel.locator(`tr[data-hit^="${recoveryReference}"]`);
    await row.waitFor();
    // The panel opens on the officer's own agency, named.
    expect(await panel.getByRole('radio', { name: `My agency (${POLICE})` }).isChecked()).toBe(true);
    expect(await row.textContent()).toContain(POLICE);
    expect(await row.textContent()).toContain(THEFT_REPORT);
    // Its count is of every alert the panel lists, the one from Brazil included.
    expect(await panel.getByTestId('hits-open').textContent()).toBe('2 open (1 from abroad)');
    const fromBrazil = panel.getByTestId('hits-abroad').locator(`tr[data-hit-abroad="${abroadReference}"]`);
    await fromBrazil.waitFor();
    expect(await fromBrazil.textContent()).toContain(ABROAD_SERIAL);
    expect(await fromBrazil.textContent()).toContain('Brazil');
    // Its Acknowledge button is in sight, not behind the table's sideways scroll.
    const button = (await fromBrazil.getByTestId('acknowledge-abroad').boundingBox())!;
    const box = (await panel.boundingBox())!;
    expect(button.x + button.width).toBeLessThanOrEqual(box.x + box.width);
    expect(await axeSerious(page)).toEqual([]);
    await screenshot(page, 'tracing-dashboard-alert');

    // Every agency's alerts one click away, and back.
    await panel.getByText('All agencies', { exact: true }).click();
    await expect.poll(() => panel.getByRole('radio', { name: 'All agencies' }).isChecked()).toBe(true);
    await row.waitFor();
    await panel.getByText(`My agency (${POLICE})`, { exact: true }).click();
    await expect.poll(() => panel.getByRole('radio', { name: `My agency (${POLICE})` }).isChecked()).toBe(true);

    // "See all" opens the list on the same scope; its address reads as typed (mine=true, not JSON-quoted).
    await panel.getByRole('link', { name: 'See all' }).click();
    await page.getByRole('heading', { level: 1, name: 'Lost/stolen hits' }).waitFor();
    expect(new URL(page.url()).search).toBe('?alertStatus=open&mine=true');
    expect(await page.getByRole('switch', { name: 'Only my agency’s alerts' }).isChecked()).toBe(true);
    const listed = page.getByTestId('hits').getByRole('row').filter({ has: page.locator('[data-origin="here"]'), hasText: recoveryReference });
    await listed.waitFor();
    expect(await listed.locator('[data-origin]').getAttribute('data-origin')).toBe('here');
    // The alert from Brazil is in the list too (the panel counted it), marked: the State and when it arrived.
    const listedAbroad = page.getByTestId('hits').getByRole('row').filter({ hasText: abroadReference });
    await listedAbroad.waitFor();
    expect(await listedAbroad.locator('[data-origin]').getAttribute('data-origin')).toBe('abroad');
    const abroadRow = (await listedAbroad.textContent()) ?? '';
    for (const shown of ['Notified from abroad', 'Brazil', 'received ', ABROAD_SERIAL, POLICE]) expect(abroadRow).toContain(shown);
    expect(await page.getByTestId('hits').getByRole('row').count()).toBe(3);
    // Only those from abroad, on asking.
    await page.getByLabel('Origin', { exact: true }).first().click();
    await page.getByRole('option', { name: 'Notified from abroad' }).click();
    await listed.waitFor({ state: 'detached' });
    await listedAbroad.waitFor();
    expect(new URL(page.url()).searchParams.get('origin')).toBe('abroad');
    expect(await axeSerious(page)).toEqual([]);
    await page.goBack();
    await listed.waitFor();
    expect(await axeSerious(page)).toEqual([]);

    // Opened: the recovery, where the alert is read and acknowledged.
    await listed.getByRole('link', { name: recoveryReference }).click();
    const hit = page.getByTestId('check-hit');
    await hit.waitFor();
    expect(await hit.locator('[data-alert]').getAttribute('data-alert')).toBe('open');
    expect(await axeSerious(page)).toEqual([]);
    await hit.getByRole('button', { name: `Acknowledge the hit of ${recoveryReference}` }).click();
    await hit.locator('[data-alert="acknowledged"]').waitFor();
    expect(await hit.getByRole('button', { name: /^Acknowledge/ }).count()).toBe(0);

    await nav('Dashboard').click();
    await fromBrazil.waitFor();
    await row.waitFor({ state: 'detached' });
    expect(await panel.getByTestId('hits-open').textContent()).toBe('1 open (1 from abroad)');
    await fromBrazil.getByTestId('acknowledge-abroad').click();
    await panel.getByTestId('hits-abroad').waitFor({ state: 'detached' });
    await panel.getByText('No open alert.').waitFor();
    expect(await panel.getByTestId('hits-open').textContent()).toBe('0 open');
    expect(await axeSerious(page)).toEqual([]);
    const acknowledged = (await admin.call<{ items: { reportReference: string }[] }>('GET', '/tracing/hits-abroad?alertStatus=acknowledged')).items;
    expect(acknowledged.map((h) => h.reportReference)).toEqual([abroadReference]);
  });

  it('the domestic trace shows the last legal holder and the window of diversion, and its PDF downloads', async () => {
    const { page } = browser;
    await openRecovery();
    expect(await page.getByTestId('check-hit').locator('[data-alert]').getAttribute('data-alert')).toBe('acknowledged');
    await page.getByTestId('recovered-item-1').getByRole('button', { name: 'Run the domestic trace' }).click();
    await page.waitForURL(/\/tracing\/traces\/[0-9a-f-]{36}$/);
    const holder = page.getByTestId('last-legal-holder');
    await holder.waitFor();
    expect(await holder.textContent()).toContain(HOLDER);
    expect(await page.getByTestId('trace-origin').textContent()).toContain('Manufactured');
    expect(await page.getByTestId('diversion').textContent()).toContain('Bounded by the loss or theft report');
    expect(await page.getByTestId('trace-ends-abroad').textContent()).toContain('No');
    const chain = (await page.getByTestId('trace-chain').textContent()) ?? '';
    expect(chain).toContain('PERM-2021-118');
    expect(await axeSerious(page)).toEqual([]);
    await screenshot(page, 'tracing-trace');

    const reference = ((await page.getByRole('heading', { level: 1 }).textContent()) ?? '').replace('Domestic trace', '').trim();
    expect(reference).toMatch(/^TRC-\d{4}-\d{6}$/);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-trace-pdf').click()]);
    expect(download.suggestedFilename()).toBe(`${reference}.pdf`);
    const file = await download.path();
    const pdf = fs.readFileSync(file);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = execFileSync('pdftotext', ['-layout', file, '-']).toString();
    expect(text).toContain(reference);
    expect(text).toContain(HOLDER);
    await signOut();
  });

  it("the foreign pistol's trace ends abroad; the customs officer drafts the request to Brazil from it and signs it", async () => {
    const { page } = browser;
    await signIn(page, server.url, 'tracer.ines', STRONG);
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await openRecovery();
    await page.getByTestId('recovered-item-2').getByRole('button', { name: 'Run the domestic trace' }).click();
    await page.waitForURL(/\/tracing\/traces\/[0-9a-f-]{36}$/);
    await page.getByTestId('trace-ends-abroad').getByText('Brazil', { exact: false }).waitFor();
    expect(await axeSerious(page)).toEqual([]);

    await page.getByTestId('link-request-draft').click();
    await page.getByRole('heading', { name: 'Draft an international tracing request' }).waitFor();
    // The weapon as it will be sent, and the State the trace points to, come from the recovery.
    await page.getByTestId('weapons').getByText(FOREIGN_SERIAL).waitFor();
    await expect.poll(() => page.getByLabel(/^Other State/).first().inputValue()).toBe('Brazil (BR)');
    await page.getByLabel(/^Legal justification/).fill('Seized in a customs investigation, Criminal Code art. 7.');
    await page.getByLabel(/^Intended use of the information/).fill('Criminal investigation of the smuggling network.');
    expect(await axeSerious(page)).toEqual([]);
    await page.getByRole('button', { name: 'Save the draft' }).click();
    await page.waitForURL(/\/tracing\/requests\/[0-9a-f-]{36}$/);
    await page.locator('[data-status="draft"]').first().waitFor();
    await page.getByRole('button', { name: 'Sign the request' }).click();
    await page.locator('[data-status="sent"]').first().waitFor();
    expect(await page.getByTestId('request-particulars').textContent()).toContain('Criminal investigation of the smuggling network.');
    expect(await axeSerious(page)).toEqual([]);
    await screenshot(page, 'tracing-request-sent');
  });

  it('the pistol is confiscated on its registry page, destroyed, and its certificate checked at its public address signed out', async () => {
    const { page } = browser;
    await openRecovery();
    await page.getByTestId('recovered-item-2').getByRole('link', { name: 'Open the registry item' }).click();
    const form = page.getByTestId('event-form');
    await form.waitFor();
    await choose(form, 'Event', 'Confisc', /^Confiscated$/);
    await choose(form, 'Confiscating agency', 'Aduanas', /Dirección Nacional de Aduanas/);
    await form.getByLabel('Authorization, licence or order').fill('JUZGADO-4-2026-77');
    expect(await axeSerious(page)).toEqual([]);
    await form.getByRole('button', { name: 'Record the event' }).click();
    await page.locator('[data-status="confiscated"]').first().waitFor();

    await nav('Disposal').click();
    await page.getByRole('heading', { name: 'Disposal of firearms' }).waitFor();
    const awaiting = page.getByTestId('awaiting-disposal');
    await awaiting.getByText('Taurus G2C').waitFor();
    expect(await axeSerious(page)).toEqual([]);
    await awaiting.getByRole('link', { name: 'Dispose of it' }).click();
    await page.getByTestId('disposal-item').getByText(FOREIGN_SERIAL).waitFor();
    const disposal = page.getByTestId('disposal-form');
    await disposal.getByLabel(/^Place/).fill('Arsenal Nacional, horno 2');
    await disposal.getByLabel(/^Method/).fill('smelting');
    await disposal.getByLabel(/^Witnesses/).fill('Insp. R. Suárez\nFiscal M. Pereira');
    expect(await axeSerious(page)).toEqual([]);
    await disposal.getByRole('button', { name: 'Record the destruction' }).click();
    await page.waitForURL(/\/tracing\/disposals\/[0-9a-f-]{36}$/);
    const heading = page.getByRole('heading', { name: /^Destruction certificate DST-\d{4}-\d{6}$/ });
    await heading.waitFor();
    const number = ((await heading.textContent()) ?? '').replace('Destruction certificate ', '').trim();
    expect(await axeSerious(page)).toEqual([]);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-certificate').click()]);
    const text = execFileSync('pdftotext', ['-layout', (await download.path())!, '-']).toString();
    // The address printed under the QR code is the public web page of this certificate.
    certificateUrl = /(https?:\/\/\S+\/certificates\/\S+)/.exec(text)?.[1] ?? '';
    expect(certificateUrl).toMatch(new RegExp(`/certificates/${number}$`));
    await signOut();

    // Anyone, signed out, scans the QR code: the address it carries opens the public check.
    await page.goto(`${server.url}${new URL(certificateUrl).pathname}`);
    const status = page.getByTestId('certificate-status');
    await status.waitFor();
    expect(await status.getAttribute('data-status')).toBe('valid');
    const content = (await page.getByTestId('certificate-content').textContent()) ?? '';
    expect(content).toContain('smelting');
    expect(content).toContain(FOREIGN_SERIAL);
    const main = (await page.locator('main').textContent()) ?? '';
    for (const hidden of ['Arsenal Nacional', 'Pereira', CUSTOMS]) expect(main).not.toContain(hidden);
    expect(await axeSerious(page)).toEqual([]);
    await screenshot(page, 'tracing-certificate-check');
  });

  it('a seizure list with a bad row is refused whole, the row named by line and column with the reason in Spanish', async () => {
    const { page } = browser;
    await signIn(page, server.url, 'tracer.ines', STRONG);
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    // The choice is kept in the browser: the page opened next is in Spanish too.
    await page.getByTestId('language-picker').selectOption('es');
    await page.getByRole('heading', { name: 'Panel', exact: true }).waitFor();
    await nav('Lista de incautaciones (CSV)').click();
    await page.getByRole('heading', { level: 1, name: 'Lista de incautaciones (CSV)' }).waitFor();
    const head = 'case,recovered_on,place,agency_party_id,recovery_type,legal_justification,criminal_context,kind,type,make,calibre,nature,serial,marking_state';
    const csv = [
      head,
      `A-1,${isoDay(-1)},Rivera,${customs},seized,illicit_possession,none,firearm,revolver,Taurus,.38 Special,industrial,XK-1022,intact`,
      // An intact mark with unreadable characters: the form's rule, refused here on line 3, column "serial".
      `A-1,${isoDay(-1)},Rivera,${customs},seized,illicit_possession,none,firearm,pistol,Bersa,9x19mm,industrial,QZ7??41,intact`,
    ].join('\n');
    await page.locator('input[type="file"]').setInputFiles({ name: 'seizures.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Subir' }).click();
    const errors = page.getByTestId('seizure-errors');
    await errors.waitFor();
    const cells = await errors.locator('tbody tr').first().locator('td').allTextContents();
    expect(cells).toEqual(['3', 'serial', 'Una marca intacta no tiene caracteres ilegibles.']);
    expect(await page.getByTestId('seizure-result').count()).toBe(0);
    expect(await axeSerious(page)).toEqual([]);
    await screenshot(page, 'tracing-seizure-list-refused');
    // Nothing was written: the list still holds only the recovery recorded by form.
    await nav('Rastreo').click();
    await page.getByTestId('recoveries').getByRole('link', { name: recoveryReference }).waitFor();
    expect(await page.getByTestId('recoveries').locator('tbody tr').count()).toBe(1);
    expect(await axeSerious(page)).toEqual([]);
    await page.getByTestId('language-picker').selectOption('en');
    await page.getByRole('heading', { level: 1, name: 'Recoveries' }).waitFor();
  });

  it('a photograph of the pistol is uploaded to its item, shown in its gallery, and withdrawn with a reason (kept)', async () => {
    const { page } = browser;
    await page.getByTestId('recoveries').getByRole('link', { name: recoveryReference }).click();
    const item = page.getByTestId('recovered-item-1');
    await item.getByText('No photograph yet.').waitFor();
    const png = testPng(32, [40, 90, 160]);
    await item.locator('input[type="file"]').setInputFiles({ name: 'pistol-left.png', mimeType: 'image/png', buffer: png });
    await item.getByLabel('Caption (optional)').fill('Left side, ground-off serial');
    await item.getByRole('button', { name: 'Add photographs' }).click();
    const gallery = page.getByTestId('photos-1');
    const img = gallery.getByRole('img', { name: 'Photograph 1 of item 1: Left side, ground-off serial' });
    await img.waitFor();
    // Drawn by the browser from the server's bytes (the session cookie reaches the image address).
    await expect.poll(() => img.evaluate((el) => { const i = el as unknown as { complete: boolean; naturalWidth: number }; return i.complete && i.naturalWidth; }), { timeout: 45_000 }).toBe(32);
    expect(await gallery.locator('figure').getAttribute('data-sha256')).toBe(createHash('sha256').update(png).digest('hex'));
    expect(await page.getByTestId('recovered-item-2').getByText('No photograph yet.').count()).toBe(1);
    expect(await axeSerious(page)).toEqual([]);
    await screenshot(page, 'tracing-photograph');

    await gallery.getByRole('button', { name: 'Withdraw photograph 1 of item 1' }).click();
    await gallery.getByLabel('Reason for withdrawing').fill('Shows the wrong side');
    expect(await axeSerious(page)).toEqual([]);
    await gallery.getByRole('button', { name: 'Withdraw the photograph' }).click();
    await gallery.getByText('Withdrawn', { exact: true }).waitFor();
    expect(await gallery.textContent()).toContain('Shows the wrong side');
    // Kept: still in the gallery, still served.
    expect(await gallery.getByRole('img').count()).toBe(1);
    expect(await axeSerious(page)).toEqual([]);
  });
});
