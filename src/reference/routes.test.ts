import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { describeEngines } from '../../test/support/engines.ts';

describeEngines('reference routes', (engine) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => t?.close());

  const get = async (url: string, role: Parameters<TestApp['headersFor']>[0] = 'industry') =>
    t.app.inject({ method: 'GET', url, headers: await t.headersFor(role) });

  it('lists the tables with their sources to any signed-in role', async () => {
    const res = await get('/api/v1/reference/tables');
    expect(res.statusCode).toBe(200);
    const body = res.json() as { tables: { name: string; source: { verification: string; partialNote: string | null } }[] };
    expect(body.tables.map((x) => x.name)).toContain('munitions-list');
    expect(body.tables.find((x) => x.name === 'hs-codes')?.source.verification).toBe('partial');
  });

  it('refuses the public (not signed in)', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/reference/tables/countries?q=mex' });
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
  });

  it('searches countries in French for a picker', async () => {
    const res = await get('/api/v1/reference/tables/countries?q=allem&locale=fr&limit=3');
    expect(res.statusCode).toBe(200);
    expect(res.json().items[0]).toMatchObject({ code: 'DE', label: 'Allemagne' });
  });

  it('filters by tags', async () => {
    const res = await get('/api/v1/reference/tables/salw-types?tags=small_arm');
    expect(res.json().items).toHaveLength(5);
  });

  it('validates one code and answers 404 for an invalid one', async () => {
    const ok = await get('/api/v1/reference/tables/munitions-list/ml1.a', 'licensing_officer');
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ code: 'ML1.a', parent: 'ML1' });
    const bad = await get('/api/v1/reference/tables/munitions-list/ML23');
    expect(bad.statusCode).toBe(404);
    const noTable = await get('/api/v1/reference/tables/weapons');
    expect(noTable.statusCode).toBe(400);
  });

  it('checks a State for embargoes on a date', async () => {
    const res = await get('/api/v1/reference/embargoes/check/CF?date=2024-01-01');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ countryCode: 'CF', date: '2024-01-01', strictestScope: 'whole_state' });
    const bad = await get('/api/v1/reference/embargoes/check/CF?date=01-01-2024');
    expect(bad.statusCode).toBe(400);
  });

  it('lets an administrator record and lift a national embargo, and others only read it', async () => {
    const body = {
      authority: 'national',
      imposedBy: 'Mexico',
      countryCode: 'VE',
      target: 'Venezuela',
      scope: 'whole_state',
      direction: 'to',
      measures: 'No export licences for ML1–ML4.',
      instruments: ['Acuerdo SRE 12/2026'],
      since: '2026-03-01',
      sourceTitle: 'Diario Oficial de la Federación, 2026-03-01',
    };
    const refused = await t.app.inject({ method: 'POST', url: '/api/v1/reference/embargoes', headers: await t.headersFor('licensing_supervisor'), payload: body });
    expect(refused.statusCode).toBe(403);

    const created = await t.app.inject({ method: 'POST', url: '/api/v1/reference/embargoes', headers: await t.headersFor('administrator'), payload: body });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;

    const check = await get('/api/v1/reference/embargoes/check/VE?date=2026-05-01', 'customs_officer');
    expect(check.json().embargoes.map((e: { id: string }) => e.id)).toEqual([id]);

    const lifted = await t.app.inject({
      method: 'POST',
      url: `/api/v1/reference/embargoes/${id}/lift`,
      headers: await t.headersFor('administrator'),
      payload: { until: '2026-05-15', reason: 'Acuerdo SRE 20/2026 lifts the measure.' },
    });
    expect(lifted.statusCode).toBe(200);
    expect(lifted.json()).toMatchObject({ until: '2026-05-15' });
    expect((await get(`/api/v1/reference/embargoes/${id}`)).json().liftedReason).toMatch(/20\/2026/);
    expect((await get('/api/v1/reference/embargoes/check/VE?date=2026-05-15')).json().embargoes).toEqual([]);
  });

  it('reports each bad field of an embargo as problem+json', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/reference/embargoes',
      headers: await t.headersFor('administrator'),
      payload: {
        authority: 'national', imposedBy: 'Mexico', countryCode: 'XX', target: 'x', scope: 'whole_state', direction: 'to',
        measures: 'm', instruments: ['a'], since: '2026-03-01', until: '2026-01-01', sourceTitle: 's',
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['countryCode', 'until']);
  });

  it('serves the firearm type crosswalk with its source', async () => {
    const res = await get('/api/v1/reference/crosswalk/firearm-types');
    expect(res.statusCode).toBe(200);
    expect(res.json().source.verification).toBe('memory');
    expect(res.json().items.find((c: { firearmType: string }) => c.firearmType === 'assault_rifle')).toMatchObject({ unrocaCategory: 'SA4', hsSuggested: ['930190'] });
  });

  it('documents the routes in the OpenAPI document', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    const paths = Object.keys(res.json().paths as object);
    expect(paths).toContain('/api/v1/reference/embargoes/check/{country}');
    expect(paths).toContain('/api/v1/reference/tables/{table}');
  });
});
