import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, axeSerious, createUser, englishOnlyPhrases, ensureWebBuilt, isoDay, launchBrowser, screenshot, signIn, startServer, STRONG, type ApiClient, type Browser, type Server } from './support.ts';

/**
 * The tracing screens read in Spanish and in French by an officer whose account names the agency that took
 * the theft report: every screen of the module, with records on it (a recovery that hit a stolen pistol, its
 * trace, a request, a destruction), the dashboard's hits panel on "My agency" and the hits list for it,
 * shows no English phrase left from the web's or the server's texts, and stays clear of serious
 * accessibility faults. The locale test checks that each text has a translation; this checks that the
 * screens use them.
 */
describe('browser: the tracing screens in Spanish and French', { timeout: 300_000 }, () => {
  let server: Server;
  let browser: Browser;
  const pages: { path: string; heading: RegExp }[] = [];

  beforeAll(async () => {
    await ensureWebBuilt();
    server = await startServer();
    const admin: ApiClient = await adminClient(server);
    const party = async (name: string, roles: string[]) => (await admin.call<{ id: string }>('POST', '/registry/parties', { kind: 'organisation', roles, name, country: 'UY' })).id;
    const police = await party('Policía Nacional, Seccional 5', ['state_agency']);
    await createUser(admin, server, 'rastreo.ana', 'tracing_officer', null, police);
    const maker = await party('Fábrica Nacional de Armas', ['manufacturer']);
    const club = await party('Club de Tiro Paysandú', ['owner']);
    const pistol = (
      await admin.call<{ id: string }>('POST', '/registry/items', {
        item: { kind: 'firearm', firearmType: 'pistol', make: 'Bersa', model: 'TPR9', calibre: '9x19mm' },
        markings: [{ kind: 'manufacture', location: 'frame', manufacturerName: 'Bersa', countryOfManufacture: 'AR', serialNumber: 'ES-770021' }],
        event: { kind: 'manufactured', occurredAt: '2018-03-01T12:00:00Z', toPartyId: maker },
      })
    ).id;
    await admin.call('POST', `/registry/items/${pistol}/events`, { kind: 'transferred', occurredAt: '2020-02-15T12:00:00Z', fromPartyId: maker, toPartyId: club, authorizationRef: 'PERM-2020-9' });
    await admin.call('POST', `/registry/items/${pistol}/events`, { kind: 'reported_stolen', occurredAt: `${isoDay(-30)}T12:00:00Z`, toPartyId: police, authorizationRef: 'DEN-2026-88', placeText: 'Paysandú' });
    const recovery = await admin.call<{ id: string; items: { id: string }[] }>('POST', '/tracing/recoveries', {
      recoveredOn: isoDay(-2),
      place: { text: 'Control de ruta 3, Paysandú' },
      agencyPartyId: police,
      recoveryType: 'seized',
      legalJustification: 'illicit_possession',
      criminalContext: 'drugs',
      items: [{ kind: 'firearm', type: 'pistol', nature: 'industrial', make: 'Bersa', model: 'TPR9', calibre: '9x19mm', markings: [{ location: 'frame', state: 'intact', serialAsRead: 'ES-770021' }] }],
    });
    const item = recovery.items[0].id;
    const trace = await admin.call<{ id: string }>('POST', `/tracing/recoveries/${recovery.id}/items/${item}/trace`, {});
    const request = await admin.call<{ id: string }>('POST', '/tracing/requests', {
      recoveredItemId: item,
      counterpartState: 'AR',
      priority: 'urgent',
      illicitGrounds: ['transferred_without_authorisation'],
      legalJustification: 'Ley 19.247, art. 7.',
      intendedUseOfInformation: 'Investigación penal.',
      circumstances: 'Incautada en un control de ruta.',
    });
    const disposal = await admin.call<{ id: string }>('POST', '/tracing/disposals', {
      kind: 'destruction',
      registryItemId: pistol,
      recoveredItemId: item,
      disposedOn: isoDay(-1),
      place: 'Arsenal de Montevideo',
      method: 'Corte y fundición',
      witnesses: ['Fiscal de turno', 'Escribano público'],
    });
    pages.push(
      // The hits panel opens on her agency ("My agency"), with its open alert.
      { path: '/', heading: /.+/ },
      { path: '/tracing/recoveries', heading: /.+/ },
      { path: `/tracing/recoveries/${recovery.id}`, heading: /REC-/ },
      { path: '/tracing/recoveries/new', heading: /.+/ },
      { path: '/tracing/recoveries/import', heading: /.+/ },
      { path: '/tracing/hits', heading: /.+/ },
      { path: '/tracing/hits?alertStatus=open&mine=true', heading: /.+/ },
      { path: `/tracing/traces/${trace.id}`, heading: /.+/ },
      { path: '/tracing/requests', heading: /.+/ },
      { path: `/tracing/requests/${request.id}`, heading: /.+/ },
      { path: '/tracing/requests/import', heading: /.+/ },
      { path: '/tracing/disposals', heading: /.+/ },
      { path: `/tracing/disposals/${disposal.id}`, heading: /DST-/ },
      { path: '/tracing/figures', heading: /.+/ },
    );
    browser = await launchBrowser();
    // A cold start (tsx transpiling the server, PGlite initdb, argon2 hashes) on a busy 2-core machine.
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const [lang, dashboard] of [['es', 'Panel'], ['fr', 'Tableau de bord']] as const) {
    it(`shows every tracing screen in ${lang === 'es' ? 'Spanish' : 'French'}, with no English phrase left and no serious accessibility fault`, async () => {
      const { page } = browser;
      const englishOnly = englishOnlyPhrases(lang);
      if (lang === 'es') {
        await signIn(page, server.url, 'rastreo.ana', STRONG);
        await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
      }
      // From the screen the last language ended on (the dashboard for the first).
      await page.getByTestId('language-picker').selectOption(lang);
      await expect.poll(() => page.evaluate(() => (globalThis as unknown as { document: { documentElement: { lang: string } } }).document.documentElement.lang)).toBe(lang);
      if (lang === 'es') await page.getByRole('heading', { name: dashboard, exact: true }).waitFor();
      const found: Record<string, string[]> = {};
      for (const p of pages) {
        await page.goto(`${server.url}${p.path}`);
        await page.getByRole('heading', { level: 1, name: p.heading }).waitFor();
        // Every part of the screen has answered before it is read.
        await expect.poll(() => page.locator('.mantine-Skeleton-root').count(), { timeout: 30_000 }).toBe(0);
        expect(await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { lang: string } } }).document.documentElement.lang)).toBe(lang);
        if (p.path === '/') await page.getByTestId('panel-hits').locator('tr[data-hit]').first().waitFor();
        const body = (await page.locator('body').innerText()).replace(/\s+/g, ' ');
        const leftovers = englishOnly.filter((s) => body.includes(s));
        if (leftovers.length) found[p.path] = leftovers;
        const axe = await axeSerious(page);
        if (axe.length) found[`${p.path} (axe)`] = axe.map((v) => v.id);
      }
      await screenshot(page, `tracing-figures-${lang}`);
      expect(found).toEqual({});
    });
  }
});
