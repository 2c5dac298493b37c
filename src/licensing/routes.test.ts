import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { describeEngines } from '../../test/support/engines.ts';
import { loadScreeningList } from '../../test/support/screening-list.ts';
import { doc, EXPORTER_ORG, exportApplication, IMPORT_AUTHORIZATION, OTHER_ORG } from './fixtures.ts';

describeEngines('licensing HTTP API', (engine) => {
  let t: TestApp;
  let keysDir: string;
  const h: Record<string, Record<string, string>> = {};

  beforeAll(async () => {
    keysDir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-licensing-http-'));
    t = await createTestApp(engine, { keysDir, publicUrl: 'https://custodia.example' });
    await loadScreeningList(t.app.services.screening);
    h.industry = await t.headersFor('industry', EXPORTER_ORG);
    h.other = await t.headersFor('industry', OTHER_ORG);
    h.officer = await t.headersFor('licensing_officer');
    h.supervisor = await t.headersFor('licensing_supervisor');
    h.customs = await t.headersFor('customs_officer');
    h.auditor = await t.headersFor('auditor');
    h.poc = await t.headersFor('point_of_contact');
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(keysDir, { recursive: true, force: true });
  });

  const post = (url: string, headers: Record<string, string>, payload: unknown) => t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers, payload: payload as object });
  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers });

  it('takes an application through to a verified delivery over HTTP, with per-role permissions', async () => {
    const created = await post('/licensing/applications', h.industry, exportApplication());
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;

    expect((await get(`/licensing/applications/${id}`, h.other)).statusCode).toBe(404);
    expect((await get(`/licensing/applications/${id}`)).statusCode).toBe(401);
    expect((await post(`/licensing/applications/${id}/assignment`, h.industry, { officer: 'me' })).statusCode).toBe(403);
    expect((await post(`/licensing/applications/${id}/assignment`, h.customs, { officer: 'me' })).statusCode).toBe(403);
    expect((await post(`/licensing/applications/${id}/assignment`, h.officer, { officer: 'Ana' })).json().status).toBe('under_review');

    const d1 = await post(`/licensing/applications/${id}/documents`, h.officer, doc('import_authorization', 'KE licence'));
    expect(d1.statusCode).toBe(201);
    expect(d1.json().sha256).toMatch(/^[0-9a-f]{64}$/);
    const dl = await get(`/licensing/documents/${d1.json().id}`, h.industry);
    expect(dl.body).toBe('KE licence');
    const withAuth = await post(`/licensing/applications/${id}/import-authorizations`, h.officer, { ...IMPORT_AUTHORIZATION, documentId: d1.json().id });
    expect(withAuth.statusCode).toBe(200);
    const missing = withAuth.json().gate.conditions.filter((c: { met: boolean }) => !c.met).map((c: { code: string }) => c.code);
    expect(missing).toEqual(['transit.TZ.no_objection']);

    const d2 = await post(`/licensing/applications/${id}/documents`, h.officer, doc('transit_no_objection', 'TZ'));
    await post(`/licensing/applications/${id}/transit-no-objections`, h.officer, { state: 'TZ', reference: 'TZ-1', noticeDate: '2026-05-30', documentId: d2.json().id });
    await post(`/licensing/applications/${id}/recommendation`, h.officer, { outcome: 'issue', reason: 'ok' });
    expect((await post(`/licensing/applications/${id}/countersignature`, h.officer, { agree: true, reason: 'x' })).statusCode).toBe(403);
    expect((await post(`/licensing/applications/${id}/countersignature`, h.supervisor, { agree: true, reason: 'Agree' })).json().status).toBe('countersigned');

    const issued = await post(`/licensing/applications/${id}/licence`, h.officer, {});
    expect(issued.statusCode).toBe(201);
    const licence = issued.json();
    expect(licence.verificationUrl).toBe(`https://custodia.example/verify/${licence.number}?t=${licence.token}`);

    const pdf = await get(`/licensing/licences/${licence.number}/pdf`, h.industry);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await get(`/licensing/licences/${licence.number}`, h.other)).statusCode).toBe(404);
    expect((await get(`/licensing/licences/${licence.number}`, h.customs)).statusCode).toBe(200);

    const ship = await post('/licensing/shipments', h.customs, {
      licenceNumber: licence.number,
      shippedOn: '2026-06-01',
      exitPoint: 'es vlc',
      carrier: { name: 'Maersk', country: 'DK' },
      lines: [{ lineNo: 1, quantity: 5 }],
    });
    expect(ship.statusCode).toBe(201);
    expect(ship.json().exitPoint).toBe('ES VLC');
    const over = await post('/licensing/shipments', h.industry, {
      licenceNumber: licence.number,
      shippedOn: '2026-06-01',
      exitPoint: 'ESVLC',
      carrier: { name: 'Maersk', country: 'DK' },
      lines: [{ lineNo: 1, quantity: 36 }],
    });
    expect(over.statusCode).toBe(422);
    expect(over.headers['content-type']).toContain('application/problem+json');
    expect(over.json().errors[0]).toMatchObject({ field: 'lines.0.quantity', code: 'shipment.over_quantity' });
    expect((await get(`/licensing/licences/${licence.number}/shipments`, h.industry)).json()).toHaveLength(1);

    const awaiting = await get('/licensing/shipments/awaiting-verification?olderThanDays=0', h.officer);
    expect(awaiting.statusCode).toBe(200);
    const ver = await post(`/licensing/shipments/${ship.json().id}/delivery-verification`, h.poc, { deliveredOn: '2026-06-01', verifyingState: 'KE', evidence: 'C-1' });
    expect(ver.json().status).toBe('delivered');

    // Public verification: no credentials needed; a revoked licence verifies as revoked.
    const pub = await get(`/public/licences/${licence.number}/verification`);
    expect(pub.statusCode).toBe(200);
    expect(pub.json()).toMatchObject({ status: 'valid', kind: 'export', exportCountry: 'ES', importCountry: 'KE', transitCountries: ['TZ'] });
    expect((await post(`/licensing/licences/${licence.number}/revoke`, h.officer, { reason: 'x' })).statusCode).toBe(403);
    const revoked = await post(`/licensing/licences/${licence.number}/revoke`, h.supervisor, { reason: 'Police intelligence ref. NCB-2026-0042', publicWording: 'conditions_not_met' });
    expect(revoked.json()).toMatchObject({ status: 'revoked', statusReason: 'Police intelligence ref. NCB-2026-0042', publicWording: 'conditions_not_met' });
    const tok = await post('/public/licences/verify-token', {}, { token: licence.token, number: licence.number });
    expect(tok.json()).toMatchObject({ verdict: 'authentic', signature: { valid: true }, hashMatches: true, licence: { number: licence.number, status: 'revoked', publicWording: 'conditions_not_met' } });
    expect(tok.json().particulars.goods[0]).toMatchObject({ quantity: 40, unit: 'piece' });
    const tampered = `${licence.token.slice(0, -4)}AAAA`;
    expect((await post('/public/licences/verify-token', {}, { token: tampered })).json()).toMatchObject({ verdict: 'forged', signature: { valid: false }, licence: null });

    const list = await get('/licensing/applications', h.other);
    expect(list.json().items).toEqual([]);
    expect((await get('/licensing/applications', h.auditor)).json().items.length).toBeGreaterThan(0);
  });

  it('tells a stranger with only the number the status, date, validity, kind and countries: no names, addresses, ids or internal reasons (issue 10)', async () => {
    const c = await post('/licensing/applications', h.officer, {
      ...exportApplication({ kind: 'import', exportCountry: 'IT', importCountry: 'ES', transit: [], consignee: null }),
      applicant: { partyId: EXPORTER_ORG, name: 'Importadora Ejemplo SL', address: 'Calle Falsa 1', country: 'ES' },
      endUser: { partyId: OTHER_ORG, name: 'Juana Pérez García', address: 'Avenida Privada 7, 3º B, Madrid', country: 'ES' },
    });
    const id = c.json().id as string;
    await post(`/licensing/applications/${id}/assignment`, h.officer, { officer: 'Ana' });
    await post(`/licensing/applications/${id}/recommendation`, h.officer, { outcome: 'issue', reason: 'ok' });
    const licence = (await post(`/licensing/applications/${id}/licence`, h.officer, {})).json();
    await post(`/licensing/licences/${licence.number}/suspend`, h.officer, { reason: 'Interpol notice 2026/77: holder under investigation' });
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/public/licences/${licence.number}/verification`, remoteAddress: '198.51.100.1' });
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.json()).sort()).toEqual(
      ['checkedAt', 'expiresOn', 'exportCountry', 'importCountry', 'issuingState', 'kind', 'number', 'publicWording', 'status', 'statusSince', 'transitCountries', 'validFrom'].sort(),
    );
    expect(res.json()).toMatchObject({ status: 'suspended', statusSince: '2026-06-01', publicWording: 'issuing_authority_decision' });
    for (const secret of ['Juana', 'Avenida Privada', 'Importadora', 'Calle Falsa', 'Interpol', EXPORTER_ORG, OTHER_ORG, licence.id, id]) expect(res.body).not.toContain(secret);

    // With the document's token: the names as printed, still no address, no internal id, no internal reason.
    const held = await t.app.inject({ method: 'POST', url: '/api/v1/public/licences/verify-token', payload: { token: licence.token, number: licence.number }, remoteAddress: '198.51.100.1' });
    expect(held.json().particulars).toMatchObject({ applicant: { name: 'Importadora Ejemplo SL' }, finalRecipient: { name: 'Juana Pérez García', country: 'ES' } });
    for (const secret of ['Avenida Privada', 'Calle Falsa', 'Interpol', EXPORTER_ORG, OTHER_ORG, licence.id, id]) expect(held.body).not.toContain(secret);

    // An unknown number is a problem+json 404 like any other.
    const unknown = await t.app.inject({ method: 'GET', url: '/api/v1/public/licences/XC-EXP-2026-424242/verification', remoteAddress: '198.51.100.1' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
  });

  it('rate-limits each public verification route per client address, answering 429 problem+json (issue 10: enumeration)', async () => {
    for (const [method, url, payload] of [
      ['GET', '/api/v1/public/licences/XC-EXP-2026-000001/verification', undefined],
      ['POST', '/api/v1/public/licences/verify-token', { token: 'not-a-token' }],
    ] as const) {
      const ask = (remoteAddress: string) => t.app.inject({ method, url, remoteAddress, ...(payload ? { payload } : {}) });
      for (let i = 0; i < 30; i++) expect((await ask('203.0.113.9')).statusCode, `${url} request ${i + 1}`).not.toBe(429);
      const limited = await ask('203.0.113.9');
      expect(limited.statusCode).toBe(429);
      expect(limited.headers['content-type']).toContain('application/problem+json');
      expect(limited.headers['retry-after']).toBeDefined();
      expect(limited.json()).toMatchObject({ status: 429, type: '/problems/too-many-requests' });
      // Another address is not held back by the first one's requests.
      expect((await ask('203.0.113.10')).statusCode).not.toBe(429);
    }
  });

  it('names every bad field in problem+json and documents the routes in OpenAPI', async () => {
    const bad = await post('/licensing/applications', h.industry, { ...exportApplication(), exportCountry: 'QQ', goods: [] });
    expect(bad.statusCode).toBe(400);
    const fields = bad.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['exportCountry', 'goods']));
    const spec = (await get('/openapi.json')).json();
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining(['/api/v1/licensing/applications', '/api/v1/public/licences/{number}/verification', '/api/v1/public/licences/verify-token', '/api/v1/licensing/shipments']),
    );
  });

  it('registers brokers and lists denials for officers only', async () => {
    const b = await post('/licensing/brokers', h.officer, { name: 'Broker SL', registrationNo: 'ES-B-9', country: 'ES', location: 'Madrid', validFrom: '2026-01-01', validTo: '2027-01-01' });
    expect(b.statusCode).toBe(201);
    expect((await post('/licensing/brokers', h.industry, { name: 'X', registrationNo: 'X', country: 'ES', location: 'M', validFrom: '2026-01-01', validTo: '2027-01-01' })).statusCode).toBe(403);
    expect((await get('/licensing/brokers?name=broker', h.customs)).json().map((x: { registrationNo: string }) => x.registrationNo)).toContain('ES-B-9');
    expect((await post(`/licensing/brokers/${b.json().id}/status`, h.officer, { status: 'retired', reason: 'Ceased trading' })).json().status).toBe('retired');
    expect((await get('/licensing/denials', h.industry)).statusCode).toBe(403);
    expect((await get('/licensing/denials', h.auditor)).statusCode).toBe(200);
  });
});
