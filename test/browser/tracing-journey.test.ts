import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPng } from '../support/images.ts';
import { adminClient, axeSerious, choose, createUser, ensureWebBuilt, isoDay, launchBrowser, screenshot, signIn, startServer, STRONG, type Browser, type Server } from './support.ts';

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
// A revolver seized with the pistol, unknown to the registry: registered with the State's confiscation mark.
const UNKNOWN_SERIAL = 'ZK-90417';

// Real server + real Chromium on a shared 2-core machine: generous per-step time, no timing assertions.
describe('browser: a seizure with an obliterated serial is identified, hits a stolen pistol, alerts the reporting agency and is traced', { timeout: 180_000 }, () => {
  let server: Server;
  let browser: Browser;
  let recoveryUrl = '';
  let recoveryReference = '';
  let customs = '';

  beforeAll(async () => {
    await ensureWebBuilt();
    server = await startServer();
    const admin = await adminClient(server);
    await createUser(admin, server, 'tracer.ines', 'tracing_officer');
    // The officer of the police station that took the theft report (officers are not tied to an agency
    // in accounts: the alert names the agency, and any tracing officer of it acknowledges it).
    await createUser(admin, server, 'police.luis', 'tracing_officer');
    const party = async (name: string, roles: string[]) => (await admin.call<{ id: string }>('POST', '/registry/parties', { kind: 'organisation', roles, name, country: 'UY' })).id;
    const police = await party(POLICE, ['state_agency']);
    customs = await party(CUSTOMS, ['state_agency']);
    const maker = await party('Bersa SA', ['manufacturer']);
    const dealer = await party('Armería Central SA', ['dealer']);
    const club = await party(HOLDER, ['owner']);

    const register = (serial: string, make: string, model: string, calibre: string) =>
      admin.call<{ id: string }>('POST', '/registry/items', {
        item: { kind: 'firearm', firearmType: 'pistol', make, model, calibre },
        markings: [{ kind: 'manufacture', location: 'frame', manufacturerName: make, countryOfManufacture: 'UY', serialNumber: serial }],
        event: { kind: 'manufactured', occurredAt: '2019-03-01T12:00:00Z', toPartyId: maker },
      });
    const pistol = (await register(SERIAL, 'Bersa', 'TPR9', '9x19mm')).id;
    for (const d of DECOYS) await register(d.serial, d.make, d.model, d.calibre);
    const event = (body: Record<string, unknown>) => admin.call('POST', `/registry/items/${pistol}/events`, body);
    await event({ kind: 'transferred', occurredAt: '2019-06-10T12:00:00Z', fromPartyId: maker, toPartyId: dealer, authorizationRef: 'VTA-2019-77' });
    await event({ kind: 'transferred', occurredAt: '2021-02-15T12:00:00Z', fromPartyId: dealer, toPartyId: club, authorizationRef: 'PERM-2021-118' });
    // The club reports the theft to the police station, which is the agency a later hit must alert.
    await event({ kind: 'reported_stolen', occurredAt: `${isoDay(-40)}T12:00:00Z`, toPartyId: police, authorizationRef: THEFT_REPORT, placeText: 'Club armoury, Montevideo' });
    browser = await launchBrowser();
    // A cold start (tsx transpiling the server, PGlite initdb, argon2 hashes) on a busy 2-core machine.
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

  it('records the seizure: a server rule’s message lands on the mark’s field, then the recovery is recorded and checked', async () => {
    const { page } = browser;
    await signIn(page, server.url, 'tracer.ines', STRONG);
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await page.getByRole('navigation').getByRole('link', { name: 'Tracing', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Recoveries' }).waitFor();
    await page.getByTestId('recoveries').waitFor();
    expect(await axeSerious(page)).toEqual([]);

    await page.getByRole('navigation').getByRole('link', { name: 'Record a recovery' }).click();
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
    // A second item of the same seizure, whose intact serial the registry does not know.
    await page.getByRole('button', { name: 'Add an item' }).click();
    const second = page.getByTestId('item-1');
    await choose(second, 'Type', 'Revolver', /^Revolver$/);
    await second.getByLabel('Make').fill('Taurus');
    await second.getByLabel('Calibre').fill('.38 Special');
    await page.getByTestId('item-1-mark-0').getByLabel('Serial as read').fill(UNKNOWN_SERIAL);
    await page.getByRole('button', { name: 'Record and check' }).click();
    const serialField = mark.getByLabel('Serial as read');
    await expect.poll(() => serialField.getAttribute('aria-invalid'), { timeout: 20_000 }).toBe('true');
    await mark.getByText('An intact mark is read in full', { exact: false }).waitFor();
    expect(await page.getByTestId('error-alert').locator('li').count()).toBe(0);
    expect(await axeSerious(page)).toEqual([]);
    await screenshot(page, 'tracing-record-field-error');

    await choose(mark, 'Marking state', 'Oblit', /^Obliterated$/);
    await page.getByRole('button', { name: 'Record and check' }).click();
    await page.waitForURL(/\/tracing\/recoveries\/[0-9a-f-]{36}$/);
    recoveryUrl = page.url();
    await page.getByTestId('recovered-item-1').waitFor();
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

    // The revolver nobody registered is now in the registry, bearing the State's confiscation mark.
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

    await page.getByRole('navigation').getByRole('link', { name: 'Lost/stolen hits' }).click();
    await page.getByRole('heading', { level: 1, name: 'Lost/stolen hits' }).waitFor();
    const hits = page.getByTestId('hits');
    await hits.getByText(recoveryReference, { exact: false }).waitFor();
    expect(await hits.textContent()).toContain(THEFT_REPORT);
    expect(await axeSerious(page)).toEqual([]);
    await signOut();
  });

  it('the reporting agency’s officer sees the alert on the dashboard and acknowledges it', async () => {
    const { page } = browser;
    await signIn(page, server.url, 'police.luis', STRONG);
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    const panel = page.getByTestId('panel-hits');
    const row = panel.locator(`tr[data-hit^="${recoveryReference}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain(POLICE);
    expect(await row.textContent()).toContain(THEFT_REPORT);
    expect(await panel.getByTestId('hits-open').textContent()).toBe('1 open');
    expect(await axeSerious(page)).toEqual([]);
    await screenshot(page, 'tracing-dashboard-alert');

    await row.getByRole('button', { name: `Acknowledge the hit of ${await row.getAttribute('data-hit')}` }).click();
    await panel.getByText('No open alert.').waitFor();
    expect(await panel.getByTestId('hits-open').textContent()).toBe('0 open');
  });

  it('the domestic trace shows the last legal holder and the window of diversion, and its PDF downloads', async () => {
    const { page } = browser;
    await page.goto(recoveryUrl);
    await page.getByTestId('check-hit').waitFor();
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

  it('a seizure list with a bad row is refused whole, the row named by line and column with the reason in Spanish', async () => {
    const { page } = browser;
    await signIn(page, server.url, 'tracer.ines', STRONG);
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    // The choice is kept in the browser: the page opened next is in Spanish too.
    await page.getByTestId('language-picker').selectOption('es');
    await page.goto(`${server.url}/tracing/recoveries/import`);
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
    await page.goto(`${server.url}/tracing/recoveries`);
    await page.getByTestId('recoveries').waitFor();
    expect(await page.getByTestId('recoveries').locator('tbody tr').count()).toBe(1);
    expect(await axeSerious(page)).toEqual([]);
    await page.getByTestId('language-picker').selectOption('en');
  });

  it('a photograph of the pistol is uploaded to its item, shown in its gallery, and withdrawn with a reason (kept)', async () => {
    const { page } = browser;
    await page.goto(recoveryUrl);
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
    await expect.poll(() => img.evaluate((el) => { const i = el as unknown as { complete: boolean; naturalWidth: number }; return i.complete && i.naturalWidth; }), { timeout: 20_000 }).toBe(32);
    expect(await gallery.locator('figure').getAttribute('data-sha256')).toBe(createHash('sha256').update(png).digest('hex'));
    expect(await page.getByTestId('recovered-item-2').getByText('No photograph yet.').count()).toBe(1);
    expect(await axeSerious(page)).toEqual([]);
    await screenshot(page, 'tracing-photograph');

    await gallery.getByRole('button', { name: 'Withdraw photograph 1 of item 1' }).click();
    await gallery.getByLabel('Reason for withdrawing').fill('Shows the wrong side');
    await gallery.getByRole('button', { name: 'Withdraw the photograph' }).click();
    await gallery.getByText('Withdrawn', { exact: true }).waitFor();
    expect(await gallery.textContent()).toContain('Shows the wrong side');
    // Kept: still in the gallery, still served.
    expect(await gallery.getByRole('img').count()).toBe(1);
    expect(await axeSerious(page)).toEqual([]);
  });
});
