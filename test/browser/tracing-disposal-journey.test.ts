import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, axeSerious, choose, createUser, ensureWebBuilt, isoDay, launchBrowser, screenshot, signIn, startServer, type ApiClient, type Browser, type Server } from './support.ts';
import { testNodeKeys } from '../support/exchange-keys.ts';
import { newEnvelope, signEnvelope } from '../../src/exchange/envelope.ts';
import { enrolmentFingerprint } from '../../src/platform/crypto/keys.ts';

/**
 * A foreign-made pistol recovered here (set up through the API: the recovery, the automatic check that
 * registers it with the State's confiscation mark, and its domestic trace, which ends abroad) is traced
 * internationally and then destroyed, each step on the officer screens: the request to the country of
 * manufacture is drafted from the recovery, signed and its document downloaded; after the confiscation the
 * destruction is recorded, its certificate downloaded, and the certificate is checked at the public address
 * its QR code carries by someone who is not signed in. The figures of the period count the pistol.
 */
// Real server + real Chromium on a shared 2-core machine: generous per-step time, no timing assertions.
describe('browser: an international tracing request for a recovered foreign pistol, its destruction and the public certificate check', { timeout: 180_000 }, () => {
  let server: Server;
  let browser: Browser;
  let publicBrowser: Browser;
  let admin: ApiClient;
  let password: string;
  let police: string;
  let recovery: { id: string; reference: string; items: { id: string; registryItemId: string | null; checkOutcome: string }[] };
  let certificateNumber = '';
  let certificateUrl = '';

  beforeAll(async () => {
    await ensureWebBuilt();
    server = await startServer();
    admin = await adminClient(server);
    password = await createUser(admin, server, 'tracer.ines', 'tracing_officer');
    await createUser(admin, server, 'poc.luz', 'point_of_contact');
    police = (await admin.call<{ id: string }>('POST', '/registry/parties', { kind: 'organisation', roles: ['state_agency'], name: 'Policía Nacional', country: 'UY' })).id;
    recovery = await admin.call('POST', '/tracing/recoveries', {
      recoveredOn: isoDay(0),
      place: { locode: 'UY MVD', text: 'Port of Montevideo, container terminal' },
      agencyPartyId: police,
      recoveryType: 'seized',
      legalJustification: 'illicit_trafficking',
      criminalContext: 'trafficking',
      legalReference: 'FISCALIA-2026-118',
      items: [
        {
          kind: 'firearm',
          type: 'self_loading_pistol',
          make: 'Taurus',
          model: 'G2C',
          calibre: '9x19mm',
          countryOfManufacture: 'BR',
          nature: 'industrial',
          markings: [{ location: 'frame', state: 'intact', serialAsRead: 'TX-55123', manufacturerName: 'Taurus Armas', countryOfManufacture: 'BR' }],
        },
      ],
    });
    // Nothing in the registry matches: the pistol is registered as seized, with the State's confiscation mark.
    expect(recovery.items[0].checkOutcome).toBe('registered');
    const trace = await admin.call<{ endsAbroad: boolean; requestCountry: string }>('POST', `/tracing/recoveries/${recovery.id}/items/${recovery.items[0].id}/trace`);
    expect(trace).toMatchObject({ endsAbroad: true, requestCountry: 'BR' });
    browser = await launchBrowser();
    publicBrowser = await launchBrowser();
    // A cold start (tsx transpiling the server, PGlite initdb, argon2 hashes) on a busy 2-core machine.
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await publicBrowser?.close();
    await server?.stop();
  });

  it('a tracing officer drafts the request to Brazil from the recovery, signs it and downloads the signed document and its PDF', async () => {
    const { page } = browser;
    await signIn(page, server.url, 'tracer.ines', password);
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await page.getByRole('link', { name: 'International tracing' }).click();
    await page.getByRole('heading', { name: 'International tracing requests' }).waitFor();
    expect(await axeSerious(page)).toEqual([]);

    await page.getByRole('link', { name: 'Draft a request' }).click();
    await page.getByRole('heading', { name: 'Draft an international tracing request' }).waitFor();
    await choose(page, 'Recovery', recovery.reference, new RegExp(recovery.reference));
    // The weapon as it will be sent, and the State the trace points to, come from the recovery.
    await page.getByTestId('weapons').getByText('TX-55123').waitFor();
    await page.getByTestId('trace-basis').waitFor();
    await expect.poll(() => page.getByLabel(/^Other State/).first().inputValue()).toBe('Brazil (BR)');
    expect(await page.getByLabel(/^Circumstances in which/).inputValue()).toContain('FISCALIA-2026-118');
    await page.getByLabel(/^Legal justification/).fill('Seized in a firearms trafficking investigation, Criminal Code art. 7.');
    await page.getByLabel(/^Intended use of the information/).fill('Criminal investigation of the trafficking network.');
    await page.getByRole('checkbox', { name: 'Only for the stated purpose' }).check();
    await page.getByLabel(/^Condition in words/).fill('Criminal investigation FISCALIA-2026-118 only.');
    await page.getByTestId('caveats-preview').getByText('Criminal investigation FISCALIA-2026-118 only.', { exact: false }).waitFor();
    expect(await axeSerious(page)).toEqual([]);
    await page.getByRole('button', { name: 'Save the draft' }).click();

    await page.waitForURL(/\/tracing\/requests\/[0-9a-f-]{36}$/);
    await page.locator('[data-status="draft"]').first().waitFor();
    // Art. 12(5): the conditions are shown with the request.
    const caveats = page.getByTestId('caveats');
    expect(await caveats.getAttribute('data-count')).toBe('2');
    expect(await caveats.textContent()).toContain('Criminal investigation FISCALIA-2026-118 only.');
    expect(await page.getByTestId('request-particulars').textContent()).toContain('Criminal investigation of the trafficking network.');
    await page.getByRole('button', { name: 'Sign the request' }).click();
    await page.locator('[data-status="sent"]').first().waitFor();
    await page.getByTestId('documents').waitFor();
    expect(await axeSerious(page)).toEqual([]);
    await screenshot(page, 'tracing-request-sent');

    const [json] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-request-json').click()]);
    expect(json.suggestedFilename()).toMatch(/^TRQ-\d{4}-\d{6}-request\.json$/);
    const signed = JSON.parse(fs.readFileSync((await json.path())!, 'utf8')) as { format: string; document: string; envelope: { from: string; to: string; type: string; caveats: { code: string }[]; body: { weapons: { serialNumber: string; countryOfManufacture: string }[] } } };
    expect(signed.format).toBe('custodia-envelope+jws');
    expect(signed.document.split('.')).toHaveLength(3);
    expect(signed.envelope).toMatchObject({ from: 'UY', to: 'BR', type: 'tracing_request', body: { weapons: [{ serialNumber: 'TX-55123', countryOfManufacture: 'BR' }] } });
    expect(signed.envelope.caveats.map((c) => c.code)).toEqual(['confidential', 'purpose_limited']);
    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-request-pdf').click()]);
    const text = execFileSync('pdftotext', ['-layout', (await pdf.path())!, '-']).toString().replace(/\s+/g, ' ');
    expect(text).toContain('International tracing request');
    expect(text).toContain('Criminal investigation FISCALIA-2026-118 only.');

    // The list shows it sent, with its conditions.
    await page.getByRole('link', { name: 'International tracing' }).click();
    const row = page.getByTestId('tracing-requests').getByRole('row').filter({ hasText: 'Brazil' });
    await row.locator('[data-status="sent"]').waitFor();
    await row.getByTestId('caveats-badge').waitFor();
  });

  it('after the confiscation, the officer records the destruction and downloads the certificate', async () => {
    const pistol = recovery.items[0].registryItemId!;
    await admin.call('POST', `/registry/items/${pistol}/events`, { kind: 'confiscated', occurredAt: new Date().toISOString(), toPartyId: police, authorizationRef: 'JUZGADO-4-2026-77' });
    const { page } = browser;
    await page.getByRole('link', { name: 'Disposal' }).click();
    await page.getByRole('heading', { name: 'Disposal of firearms' }).waitFor();
    const awaiting = page.getByTestId('awaiting-disposal');
    await awaiting.getByText('Taurus G2C').waitFor();
    expect(await axeSerious(page)).toEqual([]);
    await awaiting.getByRole('link', { name: 'Dispose of it' }).click();
    await page.getByTestId('disposal-item').getByText('TX-55123').waitFor();

    const form = page.getByTestId('disposal-form');
    await form.getByLabel(/^Place/).fill('Arsenal Nacional, horno 2');
    await form.getByLabel(/^Method/).fill('smelting');
    // A destruction needs a witness: the rule's message appears on the field.
    await form.getByRole('button', { name: 'Record the destruction' }).click();
    await expect.poll(() => form.getByLabel(/^Witnesses/).getAttribute('aria-invalid'), { timeout: 15_000 }).toBe('true');
    await form.getByLabel(/^Witnesses/).fill('Insp. R. Suárez\nFiscal M. Pereira');
    await form.getByRole('button', { name: 'Record the destruction' }).click();

    await page.waitForURL(/\/tracing\/disposals\/[0-9a-f-]{36}$/);
    const heading = page.getByRole('heading', { name: /^Destruction certificate DST-\d{4}-\d{6}$/ });
    await heading.waitFor();
    certificateNumber = ((await heading.textContent()) ?? '').replace('Destruction certificate ', '').trim();
    expect(await page.getByTestId('disposal-fields').textContent()).toContain('Fiscal M. Pereira');
    expect(await axeSerious(page)).toEqual([]);
    await screenshot(page, 'disposal-certificate');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-certificate').click()]);
    expect(download.suggestedFilename()).toBe(`${certificateNumber}.pdf`);
    const text = execFileSync('pdftotext', ['-layout', (await download.path())!, '-']).toString();
    expect(text).toContain('Destruction certificate');
    expect(text).toContain('TX-55123');
    // The address printed under the QR code is the public web page of this certificate.
    certificateUrl = /(https?:\/\/\S+\/certificates\/\S+)/.exec(text)?.[1] ?? '';
    expect(certificateUrl).toMatch(new RegExp(`/certificates/${certificateNumber}$`));
    expect(await page.getByTestId('certificate-link').getAttribute('href')).toBe(`/certificates/${certificateNumber}`);
  });

  it('anyone, signed out, checks the certificate at its public address and sees only what it certifies', async () => {
    const pub = publicBrowser.page;
    await pub.goto(`${server.url}${new URL(certificateUrl).pathname}`);
    const status = pub.getByTestId('certificate-status');
    await status.waitFor();
    expect(await status.getAttribute('data-status')).toBe('valid');
    const content = await pub.getByTestId('certificate-content').textContent();
    expect(content).toContain('Destruction');
    expect(content).toContain('smelting');
    expect(content).toContain('TX-55123');
    // No place, witness or person: the public check shows the minimum.
    const main = (await pub.locator('main').textContent()) ?? '';
    for (const hidden of ['Arsenal Nacional', 'Pereira', 'Suárez', 'Policía Nacional', recovery.items[0].registryItemId!]) expect(main).not.toContain(hidden);
    expect(await axeSerious(pub)).toEqual([]);
    await screenshot(pub, 'certificate-check');

    await pub.goto(`${server.url}/certificates/DST-2020-999999`);
    await pub.locator('[data-testid="certificate-status"][data-status="not_found"]').waitFor();
  });

  it('a request from another State is imported with the fingerprint compared out of band, answered from the registry, edited, and approved by the point of contact', async () => {
    // What Brazil's node would hand over: its signed request, and its key set; the fingerprint is read out on the telephone.
    const { keys, cleanup } = await testNodeKeys('xb-keys');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-incoming-'));
    try {
      const [brazil] = keys;
      const envelope = newEnvelope({
        from: 'BR',
        to: 'UY',
        type: 'tracing_request',
        now: new Date(),
        lifetimeMs: 7 * 86_400_000,
        caveats: [{ code: 'no_onward_transfer' }],
        body: {
          requestReference: 'BR-PF-2026-0091',
          requestingAgency: { name: 'Polícia Federal' },
          priority: 'routine',
          weapons: [
            { kind: 'firearm', make: 'Taurus', serialNumber: 'TX-55123', countryOfManufacture: 'BR' },
            { kind: 'firearm', make: 'Glock', serialNumber: 'NOT-IN-UY-1' },
          ],
          circumstances: { recoveryType: 'seized', date: isoDay(-3), place: { country: 'BR' }, description: 'Seized at the border crossing.' },
          illicitGrounds: ['illicit_under_national_law'],
          legalJustification: 'Federal investigation 55/2026.',
          intendedUseOfInformation: 'Prosecution of the traffickers.',
        },
      });
      const documentFile = path.join(dir, 'BR-PF-2026-0091.json');
      fs.writeFileSync(documentFile, JSON.stringify({ format: 'custodia-envelope+jws', document: await signEnvelope(brazil, envelope), envelope }));
      const keysFile = path.join(dir, 'jwks.json');
      fs.writeFileSync(keysFile, JSON.stringify(brazil.publicJwks()));
      const fingerprint = await enrolmentFingerprint(brazil.publicJwk);

      const { page } = browser;
      await page.getByRole('link', { name: 'International tracing' }).click();
      await page.getByRole('link', { name: 'Import a signed document' }).click();
      await page.getByRole('heading', { name: 'Import a signed tracing document' }).waitFor();
      await page.locator('input[type="file"]').nth(0).setInputFiles(documentFile);
      await page.locator('input[type="file"]').nth(1).setInputFiles(keysFile);
      await page.getByTestId('key-ids').waitFor();
      await expect.poll(() => page.getByLabel(/^Signed document/).inputValue()).toContain('"document"');
      expect(await axeSerious(page)).toEqual([]);
      // A fingerprint that is not the signing key's: refused on the field, nothing imported.
      const fp = page.getByLabel(/^Key fingerprint confirmed/);
      await fp.fill('0000 0000 0000 0000');
      await page.getByRole('button', { name: 'Verify and import' }).click();
      await expect.poll(() => fp.getAttribute('aria-invalid'), { timeout: 15_000 }).toBe('true');
      await fp.fill(fingerprint);
      await page.getByRole('button', { name: 'Verify and import' }).click();

      await page.waitForURL(/\/tracing\/requests\/[0-9a-f-]{36}$/);
      const incomingUrl = page.url();
      await page.locator('[data-status="received"]').first().waitFor();
      expect(await page.getByTestId('caveats').textContent()).toContain('No onward transfer without consent');
      const [drafted] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST' && /\/tracing\/requests\/[^/]+\/response$/.test(r.url()), { timeout: 60_000 }),
        page.getByTestId('draft-response').click(),
      ]);
      expect(drafted.status(), await drafted.text()).toBe(200);
      await page.getByTestId('response-view').waitFor();
      expect(await page.getByTestId('response-outcome').getAttribute('data-outcome')).toBe('partially_traced');
      expect(await page.getByTestId('finding-0').textContent()).toContain('Record found');
      expect(await page.getByTestId('response-caveats').textContent()).toContain('No onward transfer without consent');
      await page.getByTestId('edit-response').click();
      await page.getByLabel(/^Answering State's reference/).fill('UY-DNPC-2026-12');
      await page.getByTestId('save-response').click();
      await page.getByTestId('response-view').getByText('UY-DNPC-2026-12').waitFor();
      // A tracing officer drafts; what leaves the State in answer is approved by the point of contact.
      expect(await page.getByTestId('approve-response').count()).toBe(0);
      expect(await axeSerious(page)).toEqual([]);

      await page.getByTestId('user-menu').click();
      await page.getByRole('menuitem', { name: 'Sign out' }).click();
      await page.waitForURL(/\/login/);
      await signIn(page, server.url, 'poc.luz', 'Correct-Horse-Battery-9');
      await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
      await page.goto(incomingUrl);
      await page.getByTestId('approve-response').click();
      await page.locator('[data-status="partial"]').first().waitFor();
      await page.getByTestId('download-response-json').waitFor();
      expect(await axeSerious(page)).toEqual([]);
      await screenshot(page, 'tracing-incoming-approved');
    } finally {
      cleanup();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the figures of the period count the pistol, and the number opens the recovery behind it', async () => {
    const { page } = browser;
    await page.getByRole('link', { name: 'Figures' }).click();
    await page.getByRole('heading', { name: 'Recovered firearms: figures' }).waitFor();
    await expect.poll(() => page.getByTestId('denominator').textContent()).toBe('1');
    // The trace ended abroad: the illicit origin is not established yet.
    expect(await page.getByTestId('numerator').textContent()).toBe('0');
    expect(await axeSerious(page)).toEqual([]);
    await page.getByTestId('denominator').click();
    const records = page.getByTestId('figure-records');
    await records.getByText(recovery.reference).waitFor();
    expect(await page.getByTestId('records-total').getAttribute('data-total')).toBe('1');
    expect(await axeSerious(page)).toEqual([]);
  });
});
