import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadScreeningList } from './support/screening-list.ts';
import { actor, doc, exportApplication } from '../src/licensing/fixtures.ts';
import { describeEngines } from './support/engines.ts';
import { enrol, startExchangeNode, type ExchangeNode } from './support/exchange-nodes.ts';

/**
 * Three States' nodes on loopback, each a real server with its own database, keys and port: ES exports to
 * KE through FR. The export licence is issued on evidence that arrived only as signed envelopes: KE's node
 * answers the import authorisation check by itself (auto-answer), FR's officer answers the transit
 * notification with the drafted no-objection, Nairobi's customs confirm delivery, and ES's shipment is delivered.
 */
describeEngines('export ES → KE through FR over the exchange, no typed-in evidence', (engine) => {
  let a: ExchangeNode;
  let b: ExchangeNode;
  let c: ExchangeNode;
  const officer = actor('licensing_officer');
  const supervisor = actor('licensing_supervisor');
  const customs = actor('customs_officer');

  beforeAll(async () => {
    a = await startExchangeNode(engine, 'ES', 'xa-keys');
    b = await startExchangeNode(engine, 'FR', 'xb-keys');
    process.env.CUSTODIA_EXCHANGE_AUTO_ANSWER = 'import_authorisation_check';
    try {
      c = await startExchangeNode(engine, 'KE', null);
    } finally {
      delete process.env.CUSTODIA_EXCHANGE_AUTO_ANSWER;
    }
    for (const n of [a, b, c]) await loadScreeningList(n.t.app.services.screening);
    await enrol(a, b, ['transit_answer']);
    await enrol(a, c, ['import_authorisation_answer', 'delivery_confirmation']);
    await enrol(b, a, ['transit_notification']);
    await enrol(c, a, ['import_authorisation_check', 'delivery_confirmation_request']);
  }, 180_000);
  afterAll(async () => {
    for (const n of [a, b, c]) await n?.close();
  });

  const licensing = (n: ExchangeNode) => n.t.app.services.licensing;

  it('issues the export licence and closes the shipment on signed answers only', async () => {
    // KE issued the import licence to the importer.
    const lc = licensing(c);
    const imp = await lc.submitApplication(officer, {
      ...exportApplication(),
      kind: 'import',
      applicant: { name: 'Sportwaffen Beispiel GmbH', address: '1 Main Street, Nairobi', country: 'KE' },
      consignee: null,
      endUser: { name: 'Sportwaffen Beispiel GmbH', address: '1 Main Street, Nairobi', country: 'KE' },
      exportCountry: 'ES',
      importCountry: 'KE',
      transit: [],
    });
    await lc.assignOfficer(officer, imp.id, { officer: 'KE officer' });
    await lc.recommend(officer, imp.id, { outcome: 'issue', reason: 'ok' });
    if ((await lc.getCase(officer, imp.id)).status === 'recommended' && (await lc.getCase(officer, imp.id)).countersignatureRequired) await lc.countersign(supervisor, imp.id, { agree: true, reason: 'ok' });
    const importLicence = await lc.issueLicence(officer, imp.id);

    // ES's case: the exporter applies; nothing is typed in but the import licence number.
    const la = licensing(a);
    const app = await la.submitApplication(officer, exportApplication({
      applicant: { name: 'Armería Ejemplo S.A.', address: '1 Calle Mayor', country: 'ES' },
      consignee: null,
      endUser: { name: 'Sportwaffen Beispiel GmbH', address: '1 Main Street, Nairobi', country: 'KE' },
      exportCountry: 'ES',
      importCountry: 'KE',
      transit: [{ country: 'FR', mode: 'land', transhipment: false }],
      carriers: [{ name: 'Transportes Ejemplo', country: 'ES' }],
    }));
    await la.assignOfficer(officer, app.id, { officer: 'ES officer' });
    const headers = await a.headers('licensing_officer');
    const check = await a.t.app.inject({ method: 'POST', url: `/api/v1/licensing/applications/${app.id}/exchange/import-check`, headers, payload: { importLicenceReference: importLicence.number } });
    expect(check.statusCode).toBe(201);
    const notify = await a.t.app.inject({ method: 'POST', url: `/api/v1/licensing/applications/${app.id}/exchange/transit-notifications`, headers, payload: { importLicence: { reference: importLicence.number } } });
    expect(notify.statusCode).toBe(201);
    expect(await a.svc.deliverDue()).toMatchObject({ delivered: 2 });

    // KE answered by itself; FR's officer sends the drafted no-objection.
    expect(await c.svc.deliverDue()).toMatchObject({ delivered: 1 });
    const queue = await b.t.app.inject({ method: 'GET', url: '/api/v1/exchange/requests', headers: await b.headers('licensing_officer') });
    const [request] = queue.json().items;
    expect(request).toMatchObject({ type: 'transit_notification', effect: 'queued', effectDetail: { draft: { decision: 'no_objection' } } });
    const answered = await b.t.app.inject({ method: 'POST', url: `/api/v1/exchange/requests/${request.id}/answer`, headers: await b.headers('licensing_officer'), payload: {} });
    expect(answered.statusCode).toBe(200);
    expect(await b.svc.deliverDue()).toMatchObject({ delivered: 1 });

    const withEvidence = await la.getCase(officer, app.id);
    expect(withEvidence.gate.ok).toBe(true);
    expect(withEvidence.importAuthorizations).toMatchObject([{ reference: importLicence.number, source: 'exchange' }]);
    expect(withEvidence.transitNoObjections).toMatchObject([{ state: 'FR', source: 'exchange' }]);

    await la.recommend(officer, app.id, { outcome: 'issue', reason: 'Evidence received from KE and FR' });
    if ((await la.getCase(officer, app.id)).countersignatureRequired) await la.countersign(supervisor, app.id, { agree: true, reason: 'ok' });
    const licence = await la.issueLicence(officer, app.id);
    expect(licence.snapshot.importAuthorizations).toMatchObject([{ reference: importLicence.number }]);
    expect(licence.snapshot.transitNoObjections).toMatchObject([{ state: 'FR' }]);

    // Shipment, then KE's customs confirm it.
    const shipment = await la.recordShipment(customs, { licenceNumber: licence.number, shippedOn: '2026-06-01', exitPoint: 'ESVLC', carrier: { name: 'Transportes Ejemplo', country: 'ES' }, lines: [{ lineNo: 1, quantity: 40 }] });
    const ask = await a.t.app.inject({ method: 'POST', url: `/api/v1/licensing/shipments/${shipment.id}/exchange/delivery-request`, headers: await a.headers('customs_officer') });
    expect(ask.statusCode).toBe(201);
    expect(await a.svc.deliverDue()).toMatchObject({ delivered: 1 });
    const [confirmation] = (await c.t.app.inject({ method: 'GET', url: '/api/v1/exchange/requests?type=delivery_confirmation_request', headers: await c.headers('customs_officer') })).json().items;
    expect((await c.t.app.inject({ method: 'POST', url: `/api/v1/exchange/requests/${confirmation.id}/answer`, headers: await c.headers('customs_officer'), payload: {} })).statusCode).toBe(200);
    expect(await c.svc.deliverDue()).toMatchObject({ delivered: 1 });
    const delivered = await la.getShipment(officer, shipment.id);
    expect(delivered).toMatchObject({ status: 'delivered', verifyingState: 'KE' });

    for (const n of [a, b, c]) {
      const v = await n.t.app.inject({ method: 'POST', url: '/api/v1/audit/verify', headers: await n.headers('auditor') });
      expect(v.json()).toMatchObject({ ok: true });
    }
  });

  it('records no evidence for an objection or an unknown import licence, and says why', async () => {
    const la = licensing(a);
    const app = await la.submitApplication(officer, exportApplication({
      applicant: { name: 'Armería Ejemplo S.A.', address: '1 Calle Mayor', country: 'ES' },
      exportCountry: 'ES',
      importCountry: 'KE',
      transit: [{ country: 'FR', mode: 'land', transhipment: false }],
    }));
    await la.assignOfficer(officer, app.id, { officer: 'ES officer' });
    const headers = await a.headers('licensing_officer');
    await a.t.app.inject({ method: 'POST', url: `/api/v1/licensing/applications/${app.id}/exchange/import-check`, headers, payload: { importLicenceReference: 'KE-IMP-0000-UNKNOWN' } });
    await a.t.app.inject({ method: 'POST', url: `/api/v1/licensing/applications/${app.id}/exchange/transit-notifications`, headers, payload: { importLicence: { reference: 'KE-IMP-0000-UNKNOWN' } } });
    expect(await a.svc.deliverDue()).toMatchObject({ delivered: 2 });
    expect(await c.svc.deliverDue()).toMatchObject({ delivered: 1 });
    const [request] = (await b.t.app.inject({ method: 'GET', url: '/api/v1/exchange/requests', headers: await b.headers('licensing_officer') })).json().items;
    const objection = { caseReference: app.reference, decision: 'objection', reference: 'FR-TRN-1', noticeDate: '2026-06-01', reason: 'Route closed', conditions: [], answeredBy: { name: 'FR transit office' } };
    expect((await b.t.app.inject({ method: 'POST', url: `/api/v1/exchange/requests/${request.id}/answer`, headers: await b.headers('licensing_officer'), payload: { body: objection } })).statusCode).toBe(200);
    expect(await b.svc.deliverDue()).toMatchObject({ delivered: 1 });

    const received = (await a.t.app.inject({ method: 'GET', url: '/api/v1/exchange/inbox?limit=2', headers: await a.headers('auditor') })).json().items;
    expect(received.map((r: { type: string; effectDetail: unknown }) => [r.type, r.effectDetail])).toEqual(expect.arrayContaining([
      ['transit_answer', expect.objectContaining({ applicationId: app.id, recorded: false, decision: 'objection', reason: 'Route closed' })],
      ['import_authorisation_answer', expect.objectContaining({ applicationId: app.id, recorded: false, outcome: 'unknown_licence' })],
    ]));
    const view = await la.getCase(officer, app.id);
    expect(view.importAuthorizations).toEqual([]);
    expect(view.transitNoObjections).toEqual([]);
    expect(view.gate.ok).toBe(false);
  });
});
