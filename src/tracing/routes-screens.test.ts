import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEngines } from '../../test/support/engines.ts';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import type { Role } from '../platform/auth/actor.ts';

/** The routes the officer screens added (issue 13 part 2) over HTTP: permission, query validation, content types. */
describeEngines('tracing HTTP for the screens', (engine) => {
  let t: TestApp;
  let police: string;

  const call = async (method: 'GET' | 'POST', url: string, role: Role | null, payload?: unknown) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: role ? await t.headersFor(role) : {}, ...(payload === undefined ? {} : { payload: payload as object }) });

  beforeAll(async () => {
    t = await createTestApp(engine);
    police = (await call('POST', '/registry/parties', 'registry_clerk', { kind: 'organisation', roles: ['state_agency'], name: 'Police HQ', country: 'NL' })).json().id;
  });
  afterAll(async () => t?.close());

  it('lists disposals and recoveries by the figures’ breakdowns, and serves a signed request as a PDF', async () => {
    const rec = await call('POST', '/tracing/recoveries', 'tracing_officer', {
      recoveredOn: '2026-05-01',
      place: { text: 'Highway' },
      agencyPartyId: police,
      recoveryType: 'found',
      legalJustification: 'illicit_possession',
      criminalContext: 'none',
      items: [{ kind: 'firearm', type: 'rifle', nature: 'craft', make: 'Homemade', countryOfManufacture: 'BE', markings: [{ location: 'receiver', state: 'intact', serialAsRead: 'HM-1' }] }],
    });
    expect(rec.statusCode).toBe(201);
    const item = rec.json().items[0];

    const listed = await call('GET', '/tracing/recoveries?from=2026-01-01&to=2026-12-31&kind=firearm&itemType=rifle&criminalContext=none&originEstablished=false', 'auditor');
    expect(listed.statusCode).toBe(200);
    expect(listed.json().items.map((r: { id: string; matchingItems: number }) => [r.id, r.matchingItems])).toEqual([[rec.json().id, 1]]);
    const bad = await call('GET', '/tracing/recoveries?kind=tank&originEstablished=maybe', 'auditor');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['kind', 'originEstablished']);

    const draft = await call('POST', '/tracing/requests', 'tracing_officer', {
      recoveredItemId: item.id,
      counterpartState: 'BE',
      priority: 'routine',
      illicitGrounds: ['illicit_manufacture'],
      legalJustification: 'Penal code art. 3.',
      intendedUseOfInformation: 'Investigation.',
      circumstances: 'Found by a hiker.',
    });
    expect(draft.statusCode).toBe(201);
    const id = draft.json().id;
    expect((await call('GET', `/tracing/requests/${id}/pdf`, 'auditor')).statusCode).toBe(404);
    expect((await call('POST', `/tracing/requests/${id}/send`, 'tracing_officer', {})).statusCode).toBe(200);
    const pdf = await call('GET', `/tracing/requests/${id}/pdf?part=request`, 'auditor');
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toContain(`${draft.json().reference}-request.pdf`);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await call('GET', `/tracing/requests/${id}/pdf?part=answer`, 'auditor')).statusCode).toBe(400);
    expect((await call('GET', `/tracing/requests/${id}/pdf`, 'customs_officer')).statusCode).toBe(403);
    // An empty POST (what a browser sends to have the answer drafted) passes validation: this request is outgoing, so 404.
    const empty = await t.app.inject({ method: 'POST', url: `/api/v1/tracing/requests/${id}/response`, headers: await t.headersFor('tracing_officer') });
    expect(empty.statusCode, empty.body).toBe(404);
    const made = await call('GET', '/tracing/requests?from=2026-06-01&to=2026-06-01', 'auditor');
    expect(made.json().items.map((r: { id: string }) => r.id)).toEqual([id]);
    expect((await call('GET', '/tracing/requests?from=yesterday', 'auditor')).statusCode).toBe(400);

    const disposals = await call('GET', '/tracing/disposals?kind=destruction', 'registry_clerk');
    expect(disposals.statusCode).toBe(200);
    expect(disposals.json()).toEqual({ items: [], nextCursor: null });
    expect((await call('GET', '/tracing/disposals', 'industry')).statusCode).toBe(403);
    expect((await call('GET', '/tracing/disposals', null)).statusCode).toBe(401);
  });
});
