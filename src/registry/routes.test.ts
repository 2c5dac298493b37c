import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEngines } from '../../test/support/engines.ts';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { ROLES, type Role } from '../platform/auth/actor.ts';
import { CATALOG } from '../modules.ts';

describeEngines('registry HTTP', (engine) => {
  let t: TestApp;
  let maker: string;
  let dealer: string;
  let owner: string;
  let itemId: string;

  const call = async (method: 'GET' | 'POST' | 'PUT', url: string, role: Role | null, payload?: unknown, org: string | null = null) =>
    t.app.inject({ method, url: `/api/v1/registry${url}`, headers: role ? await t.headersFor(role, org) : {}, ...(payload === undefined ? {} : { payload: payload as object }) });
  const count = async (table: string) => (await t.deps.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0].n;

  const rifle = (serial: string, toPartyId: string) => ({
    item: { kind: 'firearm', firearmType: 'assault_rifle', make: 'Kalashnikov', model: 'AK-103', calibre: '7.62x39mm', yearOfManufacture: 2019 },
    markings: [{ kind: 'manufacture', location: 'receiver', manufacturerName: 'Kalashnikov Concern', countryOfManufacture: 'RU', serialNumber: serial }],
    event: { kind: 'manufactured', occurredAt: '2024-01-01T00:00:00Z', toPartyId },
  });

  beforeAll(async () => {
    t = await createTestApp(engine);
    const org = async (name: string, roles: string[]) => (await call('POST', '/parties', 'registry_clerk', { kind: 'organisation', roles, name, country: 'NL' })).json().id as string;
    maker = await org('Maker BV', ['manufacturer']);
    dealer = await org('Dealer BV', ['dealer']);
    const person = await call('POST', '/parties', 'registry_clerk', { kind: 'person', roles: ['owner'], personal: { givenNames: 'Jan', familyName: 'Jansen', identityDocumentNumber: 'NL-ID-1' } });
    expect(person.statusCode).toBe(201);
    owner = person.json().id;
    const res = await call('POST', '/items', 'registry_clerk', rifle('KC 0001', maker));
    expect(res.statusCode).toBe(201);
    itemId = res.json().id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('registers an item and shows its page', async () => {
    const res = await call('GET', `/items/${itemId}`, 'auditor');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ status: 'active', serialNumber: 'KC 0001', holder: { id: maker, name: 'Maker BV' }, retention: { basis: 'manufacture' } });
    expect(body.markings[0]).toMatchObject({ kind: 'manufacture', location: 'receiver', countryOfManufacture: 'RU' });
    expect(body.events[0]).toMatchObject({ kind: 'manufactured', to: { id: maker } });
  });

  it('answers bad shapes with problem+json naming each field, and writes nothing', async () => {
    const before = [await count('registry_items'), await count('audit_log')];
    const res = await call('POST', '/items', 'registry_clerk', { item: { kind: 'firearm', countryOfManufacture: 'ru' }, markings: [{ kind: 'stamp', location: 'frame' }] });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const fields = res.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['item.countryOfManufacture', 'markings.0.kind']));
    expect([await count('registry_items'), await count('audit_log')]).toEqual(before);
  });

  it('answers rule violations with 422 and the rule code per field, and writes nothing', async () => {
    const before = await count('registry_items');
    const bad = rifle('', maker);
    bad.markings[0] = { ...bad.markings[0], serialNumber: undefined as unknown as string, manufacturerName: undefined as unknown as string };
    const res = await call('POST', '/items', 'registry_clerk', bad);
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ type: '/problems/rule-violation', status: 422 });
    expect(res.json().errors).toEqual([
      expect.objectContaining({ field: 'markings.0.manufacturerName', code: 'marking.manufacturer_required' }),
      expect.objectContaining({ field: 'markings.0.serialNumber', code: 'marking.serial_required' }),
    ]);
    expect(await count('registry_items')).toBe(before);
  });

  it('records custody events and refuses impossible sequences with a reason code', async () => {
    const sold = await call('POST', `/items/${itemId}/events`, 'registry_clerk', { kind: 'transferred', occurredAt: '2024-02-01T00:00:00Z', fromPartyId: maker, toPartyId: dealer });
    expect(sold.statusCode).toBe(201);
    expect(sold.json()).toMatchObject({ status: 'active', holderPartyId: dealer });
    const stolen = await call('POST', `/items/${itemId}/events`, 'tracing_officer', { kind: 'reported_stolen', occurredAt: '2024-03-01T00:00:00Z' });
    expect(stolen.json().status).toBe('stolen');
    const exp = await call('POST', `/items/${itemId}/events`, 'customs_officer', { kind: 'exported', occurredAt: '2024-04-01T00:00:00Z', counterpartCountry: 'FR', authorizationRef: 'EXP-9' });
    expect(exp.statusCode).toBe(422);
    expect(exp.json().errors).toEqual([expect.objectContaining({ field: 'kind', code: 'custody.item_stolen' })]);
  });

  it('finds items by exact and partial serial', async () => {
    const exact = await call('GET', '/items?serial=kc-0001', 'customs_officer');
    expect(exact.statusCode).toBe(200);
    expect(exact.json().items.map((i: { id: string }) => i.id)).toEqual([itemId]);
    const partial = await call('GET', `/items?serialPattern=${encodeURIComponent('KC?001')}`, 'tracing_officer');
    expect(partial.json().items.map((i: { id: string }) => i.id)).toEqual([itemId]);
    const short = await call('GET', '/items?serialPattern=K%3F', 'tracing_officer');
    expect(short.statusCode).toBe(400);
    expect(short.json().errors[0]).toMatchObject({ field: 'serialPattern', code: 'search.pattern_too_short' });
    const badStatus = await call('GET', '/items?status=vanished', 'tracing_officer');
    expect(badStatus.statusCode).toBe(400);
    expect(badStatus.json().errors[0].field).toBe('status');
  });

  it('denies by role: public 401, industry cannot write, auditors cannot record events', async () => {
    expect((await call('GET', '/items', null)).statusCode).toBe(401);
    expect((await call('POST', '/items', 'industry', rifle('IND-1', maker), maker)).statusCode).toBe(403);
    expect((await call('POST', `/items/${itemId}/events`, 'auditor', { kind: 'reported_lost', occurredAt: '2024-05-01T00:00:00Z' })).statusCode).toBe(403);
    expect((await call('POST', `/items/${itemId}/markings`, 'customs_officer', { kind: 'other', location: 'frame', text: 'x' })).statusCode).toBe(403);
    expect((await call('POST', '/parties', 'customs_officer', { kind: 'organisation', roles: ['dealer'], name: 'X' })).statusCode).toBe(403);
    const wrongKind = await call('POST', `/items/${itemId}/events`, 'customs_officer', { kind: 'recovered', occurredAt: '2024-05-01T00:00:00Z' });
    expect(wrongKind.statusCode).toBe(403);
    expect(wrongKind.headers['content-type']).toContain('application/problem+json');
  });

  it('isolates industry to its own organisation’s items', async () => {
    const other = await call('POST', '/items', 'registry_clerk', rifle('KC 0002', owner));
    expect(other.statusCode).toBe(201);
    const asMaker = await call('GET', '/items', 'industry', undefined, maker);
    expect(asMaker.json().items.map((i: { id: string }) => i.id)).toEqual([itemId]);
    // The count obeys the same scope: the officer counts both rifles, the maker only its own.
    expect(asMaker.json().total).toBe(1);
    expect((await call('GET', '/items?make=kalashnikov', 'registry_clerk')).json().total).toBeGreaterThanOrEqual(2);
    expect((await call('GET', `/items/${other.json().id}`, 'industry', undefined, maker)).statusCode).toBe(404);
    expect((await call('GET', `/items/${itemId}`, 'industry', undefined, dealer)).statusCode).toBe(200);
  });

  it('sorts on the server and refuses a cursor of another order with 400 and a code', async () => {
    const first = await call('GET', '/items?make=Kalashnikov&sort=serial&order=desc&limit=1', 'registry_clerk');
    expect(first.statusCode).toBe(200);
    const page = first.json();
    expect(page.total).toBeGreaterThanOrEqual(2);
    const next = await call('GET', `/items?make=Kalashnikov&sort=serial&order=desc&limit=1&cursor=${page.nextCursor}`, 'registry_clerk');
    expect(next.json().items[0].serialNumber < page.items[0].serialNumber).toBe(true);
    const other = await call('GET', `/items?make=Kalashnikov&sort=serial&order=asc&limit=1&cursor=${page.nextCursor}`, 'registry_clerk');
    expect(other.statusCode).toBe(400);
    expect(other.headers['content-type']).toContain('application/problem+json');
    expect(other.json().errors).toEqual([expect.objectContaining({ field: 'cursor', code: 'cursor.sort_mismatch' })]);
  });

  it('appends markings', async () => {
    const res = await call('POST', `/items/${itemId}/markings`, 'registry_clerk', { kind: 'import', location: 'receiver', importCountry: 'NL', importYear: 2024 });
    expect(res.statusCode).toBe(201);
    expect(res.json().markings.map((m: { kind: string }) => m.kind)).toEqual(['manufacture', 'import']);
    const bad = await call('POST', `/items/${itemId}/markings`, 'registry_clerk', { kind: 'import', location: 'receiver' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0]).toMatchObject({ field: 'importCountry', code: 'marking.import_country_required' });
  });

  it('shows personal data only to permitted roles', async () => {
    const auditor = await call('GET', `/parties/${owner}`, 'auditor');
    expect(auditor.statusCode).toBe(200);
    expect(auditor.json()).not.toHaveProperty('personal');
    expect(JSON.stringify(auditor.json())).not.toContain('Jansen');
    const officer = await call('GET', `/parties/${owner}`, 'tracing_officer');
    expect(officer.json().personal).toMatchObject({ familyName: 'Jansen', identityDocumentNumber: 'NL-ID-1' });
    const item = await call('GET', `/items/${itemId}`, 'tracing_officer');
    expect(JSON.stringify(item.json())).not.toContain('Jansen');
    expect([401, 403]).toContain((await call('GET', `/parties/${owner}`, 'public')).statusCode);
  });

  it('versions, retires parties and manages registrations over HTTP', async () => {
    const upd = await call('PUT', `/parties/${dealer}`, 'licensing_officer', { roles: ['dealer', 'importer'], name: 'Dealer & Import BV', country: 'NL', reason: 'new activity' });
    expect(upd.statusCode).toBe(200);
    expect(upd.json()).toMatchObject({ version: 2, roles: ['dealer', 'importer'] });
    const reg = await call('POST', `/parties/${dealer}/registrations`, 'licensing_officer', { kind: 'import_licence', number: 'IL-7', validFrom: '2026-01-01', validUntil: '2026-12-31' });
    expect(reg.statusCode).toBe(201);
    expect(reg.json().current).toBe(true);
    const rev = await call('POST', `/parties/${dealer}/registrations/${reg.json().id}/revoke`, 'licensing_officer', { reason: 'fraud' });
    expect(rev.json()).toMatchObject({ current: false, revokedReason: 'fraud' });
    const badReg = await call('POST', `/parties/${dealer}/registrations`, 'licensing_officer', { kind: 'x', number: 'N', validFrom: '2026-13-01' });
    expect(badReg.statusCode).toBe(400);
    expect(badReg.json().errors[0].field).toBe('validFrom');
    const list = await call('GET', '/parties?role=dealer', 'customs_officer');
    expect(list.json().items.map((p: { id: string }) => p.id)).toEqual([dealer]);
    const retire = await call('POST', `/parties/${maker}/retire`, 'registry_clerk', { reason: 'closed' });
    expect(retire.json()).toMatchObject({ retired: true });
    const toRetired = await call('POST', `/items/${itemId}/events`, 'registry_clerk', { kind: 'recovered', occurredAt: '2024-06-01T00:00:00Z', toPartyId: maker });
    expect(toRetired.statusCode).toBe(422);
    expect(toRetired.json().errors[0]).toMatchObject({ field: 'toPartyId', code: 'party.retired' });
  });

  it('denies every registry route to every role its permission does not list, and lets the others through', async () => {
    const routes = (t.app.routeTable as { method: string; url: string; permission?: string }[]).filter((r) => /^\/api\/v1\/registry\/(items|parties)/.test(r.url));
    expect(routes.length).toBeGreaterThanOrEqual(12);
    const unknown = '01900000-0000-7000-8000-0000000000ff';
    // Valid bodies, so a denial cannot hide behind a validation error (validation runs before the permission check).
    const bodies: Record<string, unknown> = {
      'POST /api/v1/registry/items': rifle('MATRIX-1', dealer),
      'POST /api/v1/registry/items/:id/markings': { kind: 'other', location: 'frame', text: 'x' },
      // seized: the one kind every role with registry.events.write may record (EVENT_KINDS_BY_ROLE).
      'POST /api/v1/registry/items/:id/events': { kind: 'seized', occurredAt: '2024-05-01T00:00:00Z', toPartyId: unknown, authorizationRef: 'S-1' },
      'POST /api/v1/registry/parties': { kind: 'organisation', roles: ['dealer'], name: 'Matrix BV' },
      'PUT /api/v1/registry/parties/:id': { roles: ['dealer'], name: 'Matrix BV' },
      'POST /api/v1/registry/parties/:id/retire': { reason: 'x' },
      'POST /api/v1/registry/parties/:id/registrations': { kind: 'dealer_licence', number: 'M-1', validFrom: '2026-01-01' },
      'POST /api/v1/registry/parties/:id/registrations/:registrationId/revoke': { reason: 'x' },
    };
    for (const route of routes) {
      const payload = bodies[`${route.method} ${route.url}`] as object | undefined;
      if (route.method !== 'GET') expect(payload, `${route.method} ${route.url} needs a body in this test`).toBeDefined();
      const allowed = CATALOG.rolesFor(route.permission!)!;
      const url = route.url.replace(/:[a-zA-Z]+/g, unknown);
      for (const role of ROLES) {
        if (role === 'public') continue;
        const res = await t.app.inject({ method: route.method as 'GET', url, headers: await t.headersFor(role, unknown), ...(payload ? { payload } : {}) });
        const label = `${role} ${route.method} ${route.url} → ${res.statusCode}`;
        if (allowed.includes(role)) expect([401, 403], label).not.toContain(res.statusCode);
        else expect(res.statusCode, label).toBe(403);
      }
      const anon = await t.app.inject({ method: route.method as 'GET', url, ...(payload ? { payload } : {}) });
      expect(anon.statusCode, `anonymous ${route.method} ${route.url}`).toBe(401);
    }
  });

  it('counts items by status and kind, and shows industry only its own items', async () => {
    const res = await call('GET', '/stats', 'licensing_officer');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const byStatus = await t.deps.db.query<{ status: string; n: number }>('SELECT status, count(*)::int AS n FROM registry_items GROUP BY status');
    expect(body.byStatus).toEqual(Object.fromEntries(byStatus.map((r) => [r.status, r.n])));
    expect(body.total).toBe(await count('registry_items'));
    expect(body.byKind.firearm).toBeGreaterThan(0);
    const own = await t.deps.db.query<{ n: number }>('SELECT count(*)::int AS n FROM registry_items WHERE holder_party_id = $1 OR keeper_party_id = $1 OR manufacturer_party_id = $1', [dealer]);
    const industry = (await call('GET', '/stats', 'industry', undefined, dealer)).json();
    expect(industry.total).toBe(own[0].n);
    expect(industry.total).toBeLessThan(body.total);
    expect((await call('GET', '/stats', null)).statusCode).toBe(401);
  });

  it('documents the registry in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/registry/items', '/api/v1/registry/items/{id}', '/api/v1/registry/items/{id}/events', '/api/v1/registry/parties/{id}']));
  });
});
