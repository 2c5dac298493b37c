import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEngines } from '../../test/support/engines.ts';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import type { Role } from '../platform/auth/actor.ts';

describeEngines('tracing HTTP', (engine) => {
  let t: TestApp;
  let police: string;
  let stolen: string;

  const call = async (method: 'GET' | 'POST', url: string, role: Role | null, payload?: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: { ...(role ? await t.headersFor(role) : {}), ...headers }, ...(payload === undefined ? {} : { payload: payload as object }) });
  const count = async (table: string) => (await t.deps.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0].n;

  beforeAll(async () => {
    t = await createTestApp(engine);
    police = (await call('POST', '/registry/parties', 'registry_clerk', { kind: 'organisation', roles: ['state_agency'], name: 'Police HQ', country: 'NL' })).json().id;
    const maker = (await call('POST', '/registry/parties', 'registry_clerk', { kind: 'organisation', roles: ['manufacturer'], name: 'Maker BV', country: 'NL' })).json().id;
    const item = await call('POST', '/registry/items', 'registry_clerk', {
      item: { kind: 'firearm', firearmType: 'revolver', make: 'Maker', model: 'R6', calibre: '.357 Magnum' },
      markings: [{ kind: 'manufacture', location: 'frame', manufacturerName: 'Maker BV', countryOfManufacture: 'NL', serialNumber: 'MK-4411' }],
      event: { kind: 'manufactured', occurredAt: '2024-01-01T00:00:00Z', toPartyId: maker },
    });
    stolen = item.json().id;
    const report = await call('POST', `/registry/items/${stolen}/events`, 'tracing_officer', { kind: 'reported_stolen', occurredAt: '2025-01-01T00:00:00Z', toPartyId: police, authorizationRef: 'PR-1' });
    expect(report.statusCode).toBe(201);
  });
  afterAll(async () => t?.close());

  const recovery = (serial: string) => ({
    recoveredOn: '2026-05-01',
    place: { latitude: 52.37, longitude: 4.89 },
    agencyPartyId: police,
    recoveryType: 'seized',
    legalJustification: 'illicit_possession',
    criminalContext: 'violent_crime',
    items: [{ kind: 'firearm', type: 'revolver', nature: 'industrial', make: 'Maker', calibre: '.357 Magnum', markings: [{ location: 'frame', state: 'intact', serialAsRead: serial }] }],
  });

  it('records a recovery (201), raises the hit, and shows it in the alert list and the dashboard counts', async () => {
    const res = await call('POST', '/tracing/recoveries', 'tracing_officer', recovery('MK4411'));
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.items[0]).toMatchObject({ checkOutcome: 'hit', registryItemId: stolen, match: { reportReference: 'PR-1', reportingAgency: { id: police } } });
    expect((await call('GET', `/tracing/recoveries/${body.id}`, 'auditor')).json().reference).toBe(body.reference);
    const hits = await call('GET', `/tracing/hits?agencyPartyId=${police}&alertStatus=open`, 'point_of_contact');
    expect(hits.json().items).toHaveLength(1);
    expect((await call('GET', '/tracing/hits/summary', 'tracing_officer')).json()).toMatchObject({ open: 1, acknowledged: 0 });
    const list = await call('GET', '/tracing/recoveries?recoveryType=seized&from=2026-01-01', 'customs_officer');
    expect(list.json().items[0]).toMatchObject({ id: body.id, itemCount: 1 });

    const trace = await call('POST', `/tracing/recoveries/${body.id}/items/${body.items[0].id}/trace`, 'tracing_officer');
    expect(trace.statusCode).toBe(201);
    expect(trace.json()).toMatchObject({ illicitOriginEstablished: true, diversion: { basis: 'lost_stolen_report' }, recoveryId: body.id, recoveredItemId: body.items[0].id });
    expect((await call('GET', `/tracing/traces/${trace.json().id}`, 'auditor')).json().reference).toBe(trace.json().reference);
    const pdf = await call('GET', `/tracing/traces/${trace.json().id}/pdf`, 'tracing_officer');
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    expect((await call('POST', `/registry/items/${stolen}/events`, 'tracing_officer', { kind: 'confiscated', occurredAt: '2026-05-02T00:00:00Z', toPartyId: police, authorizationRef: 'C-1' })).statusCode).toBe(201);
    const destroyed = await call('POST', '/tracing/disposals', 'tracing_officer', { kind: 'destruction', registryItemId: stolen, disposedOn: '2026-05-03', place: 'Arsenal', method: 'crushing', witnesses: ['W. One'] });
    expect(destroyed.statusCode).toBe(201);
    const number = destroyed.json().certificateNumber;
    const check = await call('GET', `/public/disposals/${number}/verification`, null);
    expect(check.statusCode).toBe(200);
    expect(check.json()).toMatchObject({ number, status: 'valid', kind: 'destruction' });
    expect(Object.keys(check.json())).not.toContain('id');
    expect((await call('GET', '/public/disposals/DST-2026-999999/verification', null)).statusCode).toBe(404);
    expect((await call('GET', '/public/disposals/nonsense/verification', null)).statusCode).toBe(400);
    const certificate = await call('GET', `/tracing/disposals/${destroyed.json().id}/pdf`, 'auditor');
    expect(certificate.headers['content-type']).toBe('application/pdf');
  });

  it('refuses bad input with problem+json naming the field and writes nothing; industry is refused', async () => {
    const before = [await count('recovery_cases'), await count('audit_log')];
    const res = await call('POST', '/tracing/recoveries', 'tracing_officer', { ...recovery('X'), recoveryType: 'confiscated', colour: 'red' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['recoveryType', 'colour']));
    expect((await call('POST', '/tracing/recoveries', 'industry', recovery('X'))).statusCode).toBe(403);
    expect((await call('GET', '/tracing/recoveries', null)).statusCode).toBe(401);
    expect([await count('recovery_cases'), await count('audit_log')]).toEqual(before);
  });

  it('takes a seizure list as text/csv and answers the errors of a bad one with their lines', async () => {
    const csv = `case,recovered_on,place,agency_party_id,recovery_type,legal_justification,criminal_context,kind,type,nature,serial,marking_state\nK1,2026-05-02,Harbour,${police},found,other,none,firearm,rifle,3D-printed,,unmarked\n`;
    const ok = await call('POST', '/tracing/recoveries/import', 'tracing_officer', csv, { 'content-type': 'text/csv' });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().cases[0].outcomes).toEqual({ registered: 1 });
    const bad = await call('POST', '/tracing/recoveries/import', 'tracing_officer', csv.replace('rifle', 'spear'), { 'content-type': 'text/csv' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([expect.objectContaining({ line: 2, field: 'type', code: 'recovered_item.type_invalid' })]);
    expect((await call('POST', '/tracing/recoveries/import', 'tracing_officer', { a: 1 })).statusCode).toBe(400);
  });

  it('ranks candidates for an obliterated serial over HTTP, with the count', async () => {
    const res = await call('GET', '/registry/items/candidates?serialPattern=MK44*&make=Maker', 'tracing_officer');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ total: 1, items: [{ id: stolen, rank: 1 }] });
  });
});
