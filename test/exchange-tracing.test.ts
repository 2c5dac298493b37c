import { afterAll, beforeAll, expect, it } from 'vitest';
import { createExchangeService } from '../src/exchange/service.ts';
import { describeEngines } from './support/engines.ts';
import { enrol, startExchangeNode, type ExchangeNode } from './support/exchange-nodes.ts';
import { testActor as actor } from './support/failure.ts';

/**
 * Three States' nodes on loopback (own databases, keys and ports): tracing requests and answers, lost/stolen
 * notices and a hit, and denial notifications travel as signed envelopes, and each has its effect on the
 * receiving node's records through the owning module, audited, shown with the envelope that caused it.
 * ES and FR exchange everything; KE has a node too; PT has none (the signed file stays its way).
 */
describeEngines('tracing, lost/stolen and denials over the exchange', (engine) => {
  let es: ExchangeNode;
  let fr: ExchangeNode;
  let ke: ExchangeNode;
  const clerk = actor('registry_clerk');
  const officer = actor('tracing_officer');
  const poc = actor('point_of_contact');
  const licensing = actor('licensing_officer');
  const TRACING = ['tracing_request', 'tracing_acknowledgement', 'tracing_response'];
  const LOST = ['lost_stolen_notice', 'hit_notification', 'denial_notification'];

  beforeAll(async () => {
    es = await startExchangeNode(engine, 'ES', 'xa-keys');
    fr = await startExchangeNode(engine, 'FR', 'xb-keys');
    ke = await startExchangeNode(engine, 'KE', null);
    for (const [node, peer] of [[es, fr], [fr, es], [es, ke], [ke, es], [fr, ke], [ke, fr]] as const) await enrol(node, peer, [...TRACING, ...LOST]);
  }, 180_000);
  afterAll(async () => {
    for (const n of [es, fr, ke]) await n?.close();
  });

  const tracing = (n: ExchangeNode) => n.t.app.services.tracing;
  const registry = (n: ExchangeNode) => n.t.app.services.registry;
  const agency = async (n: ExchangeNode) => (await registry(n).createParty(clerk, { kind: 'organisation', roles: ['state_agency'], name: `Police ${n.state}`, country: n.state })).id;
  const inbox = async (n: ExchangeNode, type: string) =>
    (await n.t.app.inject({ method: 'GET', url: `/api/v1/exchange/inbox?type=${type}`, headers: await n.headers('auditor') })).json().items as { id: string; envelope: { id: string }; token: string; effect: string; effectDetail: Record<string, unknown> }[];
  const auditOf = async (n: ExchangeNode, entityId: string) =>
    n.t.deps.db.query<{ action: string; actor: string }>('SELECT action, actor_name AS actor FROM audit_log WHERE entity_id = $1 ORDER BY seq', [entityId]);
  const recover = async (n: ExchangeNode, serial: string, make = 'Acme') =>
    tracing(n).recordRecovery(officer, {
      recoveredOn: '2026-05-20',
      place: { locode: `${n.state}ABC`, text: 'Border checkpoint' },
      agencyPartyId: await agency(n),
      recoveryType: 'seized',
      legalJustification: 'illicit_trafficking',
      criminalContext: 'trafficking',
      items: [{ kind: 'firearm', type: 'rifle', make, model: 'R1', calibre: '.308 Win', countryOfManufacture: 'FR', nature: 'industrial', markings: [{ location: 'receiver', state: 'intact', serialAsRead: serial }] }],
    });

  it('a tracing request lands in the other State\'s register with its answer drafted from the registry; the approved answer comes back through the outbox', async () => {
    // FR's registry knows the rifle: made in FR, sold to a dealer, reported stolen.
    const police = await agency(fr);
    const dealer = (await registry(fr).createParty(clerk, { kind: 'organisation', roles: ['dealer'], name: 'Armurerie Lyon SARL', country: 'FR' })).id;
    const gun = await registry(fr).registerItem(clerk, {
      item: { kind: 'firearm', firearmType: 'rifle', make: 'Acme', model: 'R1', calibre: '.308 Win' },
      markings: [{ kind: 'manufacture', location: 'receiver', manufacturerName: 'Acme', countryOfManufacture: 'FR', serialNumber: 'FR-R1-777' }],
      event: { kind: 'manufactured', occurredAt: '2023-01-01T00:00:00Z', toPartyId: police },
    });
    await registry(fr).recordEvent(clerk, gun.id, { kind: 'transferred', occurredAt: '2023-06-01T00:00:00Z', fromPartyId: police, toPartyId: dealer });

    // ES seizes it and asks FR.
    const rec = await recover(es, 'FR-R1-777');
    const draft = await tracing(es).draftTracingRequest(officer, {
      recoveredItemId: rec.items[0].id,
      counterpartState: 'FR',
      priority: 'urgent',
      illicitGrounds: ['illicit_under_national_law'],
      legalJustification: 'Seized in a trafficking investigation.',
      intendedUseOfInformation: 'Criminal investigation only.',
      circumstances: 'Found in a lorry at the border.',
      caveats: [{ code: 'purpose_limited', text: 'Criminal investigation only.' }],
    });
    const sent = await tracing(es).sendTracingRequest(officer, draft.id);
    const file = await tracing(es).tracingDocument(poc, sent.id, 'request');
    expect(await es.svc.deliverDue()).toMatchObject({ delivered: 1 });

    // FR: the request is in tracing's register, the answer drafted from FR's registry; the inbox keeps the envelope.
    const [received] = await inbox(fr, 'tracing_request');
    expect(received.token).toBe(file.document);
    expect(received).toMatchObject({ effect: 'applied', effectDetail: { entity: 'tracing_request', draftedOutcome: 'traced' } });
    const incoming = await tracing(fr).getTracingRequest(poc, received.effectDetail.id as string);
    expect(incoming).toMatchObject({ direction: 'incoming', status: 'in_progress', counterpartState: 'ES', counterpartReference: sent.reference, caveats: [{ code: 'purpose_limited' }] });
    expect(incoming.response).toMatchObject({ outcome: 'traced', findings: [{ weaponIndex: 0, recordFound: true, lastLegalHolder: { name: 'Armurerie Lyon SARL' } }] });
    expect((await auditOf(fr, incoming.id)).map((a) => a.action)).toEqual(['tracing.request.receive', 'tracing.response.draft']);
    expect((await auditOf(fr, incoming.id))[0].actor).toBe(`exchange:tracing_request:ES:${received.envelope.id}`);

    // FR's point of contact approves; the exchange carries the signed response to ES.
    await tracing(fr).approveTracingResponse(poc, incoming.id);
    expect(await fr.svc.deliverDue()).toMatchObject({ delivered: 1 });
    const answered = await tracing(es).getTracingRequest(officer, sent.id);
    expect(answered).toMatchObject({ status: 'responded', responseSigned: true, response: { outcome: 'traced', responderReference: incoming.reference } });
    const [response] = await inbox(es, 'tracing_response');
    expect(response).toMatchObject({ effect: 'applied', effectDetail: { entity: 'tracing_request', id: sent.id, status: 'responded' } });
    expect((await tracing(es).tracingDocument(officer, sent.id, 'response')).document).toBe(response.token);

    // A redelivery of the same bytes changes nothing a second time.
    const again = await fr.t.app.inject({ method: 'POST', url: '/api/v1/exchange/inbox', payload: { message: file.document } });
    expect(again.json()).toMatchObject({ status: 'duplicate' });
    expect((await tracing(fr).listTracingRequests(poc, { direction: 'incoming' })).items).toHaveLength(1);
  });

  it('a request to a State without a node stays a signed file', async () => {
    const rec = await recover(es, 'PT-000-1');
    const draft = await tracing(es).draftTracingRequest(officer, {
      recoveredItemId: rec.items[0].id,
      counterpartState: 'PT',
      priority: 'routine',
      illicitGrounds: ['illicit_under_national_law'],
      legalJustification: 'Seized.',
      intendedUseOfInformation: 'Investigation.',
      circumstances: 'Found.',
    });
    const before = (await es.svc.outboxCounts(actor('auditor'))).pending;
    const sent = await tracing(es).sendTracingRequest(officer, draft.id);
    expect(sent).toMatchObject({ status: 'sent', requestSigned: true });
    expect((await es.svc.outboxCounts(actor('auditor'))).pending).toBe(before);
  });

  it('a stolen item reported by ES and recovered in KE is a hit notified to ES, where the alert opens; FR, which recovered it first, is checked when the notice arrives', async () => {
    // FR recovered the rifle before ES's notice reached it.
    const early = await recover(fr, 'ES 4242-X', 'Llama');
    const notice = {
      reportReference: 'ES-LS-2026-000050',
      action: 'report',
      kind: 'stolen',
      occurredOn: '2026-01-12',
      place: { country: 'ES', description: 'Dealer premises, Valencia' },
      weapons: [{ kind: 'firearm', make: 'Llama', model: 'R1', calibre: '.308 Win', serialNumber: 'ES-4242-X', countryOfManufacture: 'FR' }],
      reportingAuthority: { name: 'Guardia Civil' },
    };
    for (const to of ['FR', 'KE']) {
      const res = await es.t.app.inject({ method: 'POST', url: '/api/v1/exchange/envelopes', headers: await es.headers('point_of_contact'), payload: { to, type: 'lost_stolen_notice', body: notice } });
      expect(res.statusCode).toBe(201);
    }
    expect(await es.svc.deliverDue()).toMatchObject({ delivered: 2 });
    const [atFr] = await inbox(fr, 'lost_stolen_notice');
    expect(atFr).toMatchObject({ effect: 'applied', effectDetail: { entity: 'tracing_foreign_report', outcome: 'recorded' } });
    expect(atFr.effectDetail.hits).toHaveLength(1);

    // KE seizes it later: its recovery check finds ES's report. A rifle with another make is no hit.
    await recover(ke, 'es4242x', 'Other Make');
    const rec = await recover(ke, 'es4242x', 'Llama');
    expect(await ke.svc.deliverDue()).toMatchObject({ delivered: 1 });
    expect(await fr.svc.deliverDue()).toMatchObject({ delivered: 1 });

    const alerts = (await es.t.app.inject({ method: 'GET', url: '/api/v1/tracing/hits-abroad?alertStatus=open', headers: await es.headers('tracing_officer') })).json().items;
    expect(alerts.map((a: { notifyingState: string }) => a.notifyingState).sort()).toEqual(['FR', 'KE']);
    const fromKe = alerts.find((a: { notifyingState: string }) => a.notifyingState === 'KE');
    expect(fromKe).toMatchObject({ reportReference: 'ES-LS-2026-000050', caseReference: rec.reference, matchedOn: ['serialNumber', 'make', 'model', 'calibre', 'countryOfManufacture'], recoveryType: 'seized', alertStatus: 'open' });
    const hitEnvelopes = await inbox(es, 'hit_notification');
    expect(hitEnvelopes.map((h) => h.envelope.id)).toContain(fromKe.envelopeId);
    expect((await auditOf(es, fromKe.id)).map((a) => a.action)).toEqual(['tracing.hit_abroad.receive']);
    expect(early.items[0].id).toBeTruthy();

    // Withdrawn at home: later recoveries are no hit.
    await es.t.app.inject({ method: 'POST', url: '/api/v1/exchange/envelopes', headers: await es.headers('point_of_contact'), payload: { to: 'KE', type: 'lost_stolen_notice', body: { ...notice, action: 'withdraw', withdrawalReason: 'Reported in error' } } });
    expect(await es.svc.deliverDue()).toMatchObject({ delivered: 1 });
    await recover(ke, 'ES-4242-X', 'Llama');
    expect(await ke.svc.deliverDue()).toMatchObject({ attempted: 0 });
  });

  it("the registry's record of a theft sends a lost/stolen notice to each eligible peer by itself; FR's recovery comes back as a hit; a recovery at home withdraws it; a suspended peer or one not allowed the type gets none", async () => {
    const admin = await es.headers('administrator');
    const patchPeer = async (state: string, payload: object, action = '') =>
      es.t.app.inject({ method: action ? 'POST' : 'PATCH', url: `/api/v1/exchange/peers/${state}${action}`, headers: admin, payload });
    // ES stops exchanging lost/stolen notices with KE: KE may no longer send them here.
    expect((await patchPeer('KE', { allowedTypes: [...TRACING, 'hit_notification', 'denial_notification'] })).statusCode).toBe(200);
    const sentNotices = async () =>
      (await es.t.deps.db.query<{ id: string; to: string }>(`SELECT id, peer_state AS to FROM exchange_outbox WHERE type = 'lost_stolen_notice' AND status = 'pending' ORDER BY id`));

    // ES's registry: a rifle made in FR, held by a private owner (personal data the notice must not carry).
    const police = await agency(es);
    const owner = (await registry(es).createParty(clerk, { kind: 'person', roles: ['owner'], country: 'ES', personal: { givenNames: 'Lucía', familyName: 'Propietaria Ejemplo', address: 'Calle del Titular 7, Valencia' } })).id;
    const register = async (serial: string) =>
      registry(es).registerItem(clerk, {
        item: { kind: 'firearm', firearmType: 'rifle', make: 'Llama', model: 'R1', calibre: '.308 Win' },
        markings: [
          { kind: 'manufacture', location: 'receiver', manufacturerName: 'Llama', countryOfManufacture: 'FR', serialNumber: serial },
          { kind: 'import', location: 'receiver', importCountry: 'ES', importYear: 2021 },
        ],
        event: { kind: 'imported', occurredAt: '2021-03-01T00:00:00Z', toPartyId: owner, counterpartCountry: 'FR', authorizationRef: 'ES-IMP-2021-0001' },
      });
    const gun = await register('ES-AUTO-9001');
    expect(await sentNotices()).toEqual([]);

    const stolen = await registry(es).recordEvent(clerk, gun.id, { kind: 'reported_stolen', occurredAt: '2026-05-01T10:00:00Z', toPartyId: police, placeLocode: 'ESVLC', placeText: 'Home of Lucía Propietaria Ejemplo, Calle del Titular 7' });
    const theft = stolen.events.at(-1)!;
    const [notice, ...more] = await sentNotices();
    expect(more).toEqual([]);
    expect(notice.to).toBe('FR');
    const sent = (await es.t.app.inject({ method: 'GET', url: `/api/v1/exchange/outbox/${notice.id}`, headers: await es.headers('auditor') })).json();
    expect(sent.envelope).toMatchObject({
      from: 'ES',
      to: 'FR',
      type: 'lost_stolen_notice',
      inReplyTo: null,
      body: {
        reportReference: `ES-LS-${theft.id}`,
        action: 'report',
        kind: 'stolen',
        occurredOn: '2026-05-01',
        place: { country: 'ES', locode: 'ESVLC' },
        weapons: [{ kind: 'firearm', type: 'rifle', make: 'Llama', model: 'R1', calibre: '.308 Win', serialNumber: 'ES-AUTO-9001', countryOfManufacture: 'FR', manufacturerName: 'Llama', importMarkings: [{ country: 'ES', year: 2021 }] }],
        reportingAuthority: { name: expect.stringContaining('ES') },
      },
    });
    expect(JSON.stringify(sent.envelope)).not.toMatch(/Lucía|Propietaria|Titular|Police ES/);
    expect((await auditOf(es, notice.id)).map((a) => [a.action, a.actor])).toEqual([['exchange.envelope.send', clerk.name]]);

    // FR records the report; FR's police seize the rifle later: the hit goes back to ES, answering the notice.
    expect(await es.svc.deliverDue()).toMatchObject({ delivered: 1 });
    const atFr = (await inbox(fr, 'lost_stolen_notice')).find((e) => e.envelope.id === notice.id)!;
    expect(atFr).toMatchObject({ effect: 'applied', effectDetail: { entity: 'tracing_foreign_report', outcome: 'recorded', hits: [] } });
    const seizure = await recover(fr, 'es-auto 9001', 'Llama');
    expect(await fr.svc.deliverDue()).toMatchObject({ delivered: 1 });
    const alerts = (await es.t.app.inject({ method: 'GET', url: '/api/v1/tracing/hits-abroad', headers: await es.headers('tracing_officer') })).json().items as { reportReference: string; notifyingState: string; caseReference: string; envelopeId: string }[];
    const hit = alerts.find((a) => a.reportReference === `ES-LS-${theft.id}`);
    expect(hit).toMatchObject({ notifyingState: 'FR', caseReference: seizure.reference });
    expect((await inbox(es, 'hit_notification')).find((h) => h.envelope.id === hit!.envelopeId)!.envelope).toMatchObject({ inReplyTo: notice.id });

    // Recovered at home: the report is withdrawn at FR, the State it went to, and FR's record says so.
    await registry(es).recordEvent(clerk, gun.id, { kind: 'recovered', occurredAt: '2026-05-25T10:00:00Z', toPartyId: police });
    const [withdrawal, ...others] = await sentNotices();
    expect(others).toEqual([]);
    expect(withdrawal.to).toBe('FR');
    expect(await es.svc.deliverDue()).toMatchObject({ delivered: 1 });
    const withdrawn = (await inbox(fr, 'lost_stolen_notice')).find((e) => e.envelope.id === withdrawal.id)!;
    expect(withdrawn).toMatchObject({ effect: 'applied', effectDetail: { outcome: 'withdrawn', id: atFr.effectDetail.id } });

    // FR suspended here, KE allowed again: the next loss goes to KE alone.
    expect((await patchPeer('FR', { reason: 'audit of the link' }, '/suspend')).statusCode).toBe(200);
    expect((await patchPeer('KE', { allowedTypes: [...TRACING, ...LOST] })).statusCode).toBe(200);
    const lost = await register('ES-AUTO-9002');
    await registry(es).recordEvent(clerk, lost.id, { kind: 'reported_lost', occurredAt: '2026-05-26T10:00:00Z' });
    const toKe = await sentNotices();
    expect(toKe.map((n) => n.to)).toEqual(['KE']);
    expect(await es.svc.deliverDue()).toMatchObject({ delivered: 1 });
    expect((await inbox(ke, 'lost_stolen_notice')).find((e) => e.envelope.id === toKe[0].id)).toMatchObject({ effect: 'applied', effectDetail: { outcome: 'recorded' } });
    expect((await patchPeer('FR', {}, '/reactivate')).statusCode).toBe(200);

    // The loss becomes a theft: the report of the loss is withdrawn where it went (KE), then the theft reported to both.
    const nowStolen = await registry(es).recordEvent(clerk, lost.id, { kind: 'reported_stolen', occurredAt: '2026-05-27T10:00:00Z' });
    const changed = await Promise.all((await sentNotices()).map(async (n) => (await es.t.app.inject({ method: 'GET', url: `/api/v1/exchange/outbox/${n.id}`, headers: await es.headers('auditor') })).json().envelope));
    expect(changed.map((e) => [e.to, e.body.action, e.body.kind, e.body.reportReference])).toEqual([
      ['KE', 'withdraw', 'lost', `ES-LS-${nowStolen.events.find((e) => e.kind === 'reported_lost')!.id}`],
      ['FR', 'report', 'stolen', `ES-LS-${nowStolen.events.at(-1)!.id}`],
      ['KE', 'report', 'stolen', `ES-LS-${nowStolen.events.at(-1)!.id}`],
    ]);
    expect(changed[0].body.withdrawalReason).toContain(`ES-LS-${nowStolen.events.at(-1)!.id}`);
    // Lost/stolen notices go to a peer in order, one a pass: the report to KE follows its withdrawal.
    expect(await es.svc.deliverDue()).toMatchObject({ delivered: 2 });
    expect(await es.svc.deliverDue()).toMatchObject({ delivered: 1 });
    expect((await inbox(ke, 'lost_stolen_notice')).find((e) => e.envelope.id === changed[0].id)).toMatchObject({ effectDetail: { outcome: 'withdrawn' } });

    // Switched off: no notice at all.
    const off = createExchangeService(es.t.deps, { settings: { lostStolenNotices: 'none' } });
    expect(await es.t.deps.db.transaction((t) => off.lostStolenRecipients(t))).toEqual([]);
    expect(await es.t.deps.db.transaction((t) => es.svc.lostStolenRecipients(t))).toEqual(['FR', 'KE']);
    const onlyKe = createExchangeService(es.t.deps, { settings: { lostStolenNotices: ['KE'] } });
    expect(await es.t.deps.db.transaction((t) => onlyKe.lostStolenRecipients(t))).toEqual(['KE']);
  });

  it('a withdrawal to a peer suspended at that moment waits in the outbox and goes as soon as the peer is reactivated', async () => {
    const admin = await es.headers('administrator');
    const peerAction = async (state: string, action: string, payload: object = {}) =>
      (await es.t.app.inject({ method: 'POST', url: `/api/v1/exchange/peers/${state}/${action}`, headers: admin, payload })).statusCode;
    const police = await agency(es);
    const gun = await registry(es).registerItem(clerk, {
      item: { kind: 'firearm', firearmType: 'rifle', make: 'Llama', model: 'R1', calibre: '.308 Win' },
      markings: [{ kind: 'manufacture', location: 'receiver', manufacturerName: 'Llama', countryOfManufacture: 'FR', serialNumber: 'ES-AUTO-9003' }],
      event: { kind: 'manufactured', occurredAt: '2021-03-01T00:00:00Z', toPartyId: police },
    });
    const stolen = await registry(es).recordEvent(clerk, gun.id, { kind: 'reported_stolen', occurredAt: '2026-05-28T10:00:00Z', toPartyId: police });
    const reference = `ES-LS-${stolen.events.at(-1)!.id}`;
    const notices = async () =>
      (await es.t.deps.db.query<{ id: string; to: string; status: string; last_error: string | null; token: string }>(
        "SELECT id, peer_state AS to, status, last_error, token FROM exchange_outbox WHERE type = 'lost_stolen_notice' AND report_reference = $1 ORDER BY id",
        [reference],
      )).map((n) => ({ ...n, action: JSON.parse(Buffer.from(n.token.split('.')[1], 'base64url').toString('utf8')).body.action as string }));
    expect((await notices()).map((n) => [n.to, n.action])).toEqual([['FR', 'report'], ['KE', 'report']]);
    expect(await es.svc.deliverDue()).toMatchObject({ delivered: 2, failed: 0 });

    // KE suspended here; the rifle is found at home: the withdrawal is owed to both States that hold the report.
    expect(await peerAction('KE', 'suspend', { reason: 'link under review' })).toBe(200);
    await registry(es).recordEvent(clerk, gun.id, { kind: 'recovered', occurredAt: '2026-05-29T10:00:00Z', toPartyId: police });
    const withdrawals = (await notices()).filter((n) => n.action === 'withdraw');
    expect(withdrawals.map((n) => [n.to, n.status])).toEqual([['FR', 'pending'], ['KE', 'pending']]);
    // FR gets it at once; KE's waits (the attempt says why), and KE still holds the report as active.
    expect(await es.svc.deliverDue()).toMatchObject({ delivered: 1, failed: 1, dead: 0 });
    expect((await notices()).filter((n) => n.action === 'withdraw').map((n) => [n.to, n.status, n.last_error])).toEqual([
      ['FR', 'delivered', null],
      ['KE', 'pending', 'peer KE is suspended here'],
    ]);
    expect((await inbox(ke, 'lost_stolen_notice')).some((e) => e.envelope.id === withdrawals[1].id)).toBe(false);
    // A theft recorded while KE is suspended is not reported to KE (a suspension stops new information).
    const other = await registry(es).registerItem(clerk, {
      item: { kind: 'firearm', firearmType: 'rifle', make: 'Llama', model: 'R1', calibre: '.308 Win' },
      markings: [{ kind: 'manufacture', location: 'receiver', manufacturerName: 'Llama', countryOfManufacture: 'FR', serialNumber: 'ES-AUTO-9004' }],
      event: { kind: 'manufactured', occurredAt: '2021-03-01T00:00:00Z', toPartyId: police },
    });
    const otherTheft = (await registry(es).recordEvent(clerk, other.id, { kind: 'reported_stolen', occurredAt: '2026-05-29T11:00:00Z', toPartyId: police })).events.at(-1)!;
    expect((await es.t.deps.db.query<{ to: string }>('SELECT peer_state AS to FROM exchange_outbox WHERE report_reference = $1', [`ES-LS-${otherTheft.id}`])).map((r) => r.to)).toEqual(['FR']);

    // Reactivated: the withdrawal goes at the next pass (the sender's clock has not moved: not on its backed-off retry).
    expect(await peerAction('KE', 'reactivate')).toBe(200);
    expect(await es.svc.deliverDue()).toMatchObject({ delivered: 2, failed: 0 });
    expect((await notices()).every((n) => n.status === 'delivered')).toBe(true);
    const atKe = (await inbox(ke, 'lost_stolen_notice')).find((e) => e.envelope.id === withdrawals[1].id);
    expect(atKe).toMatchObject({ effect: 'applied', effectDetail: { outcome: 'withdrawn' } });
  });

  it('a denial notified by ES feeds FR\'s "essentially identical" check with the issuing State; its revocation takes it out', async () => {
    const denial = {
      reference: 'ES-DEN-2026-000004',
      action: 'denial',
      deniedOn: '2026-02-01',
      licenceKind: 'export',
      destination: 'KE',
      endUser: { name: 'Example Security Services Ltd', country: 'KE' },
      controlCategories: ['ML1.a'],
      goodsDescription: '200 self-loading pistols 9 mm',
      criterion: 'CP 2008/944/CFSP criterion 7',
      reason: 'Risk of diversion to an unauthorised end user.',
      regime: 'eu',
    };
    const post = async (body: object) =>
      (await es.t.app.inject({ method: 'POST', url: '/api/v1/exchange/envelopes', headers: await es.headers('point_of_contact'), payload: { to: 'FR', type: 'denial_notification', body } })).statusCode;
    expect(await post(denial)).toBe(201);
    expect(await es.svc.deliverDue()).toMatchObject({ delivered: 1 });
    const application = { destination: 'KE', endUserName: 'Example Security Services Limited', controlCategories: ['ML1.a'] };
    const check = await fr.t.app.services.screening.checkDenials(licensing, application);
    expect(check).toMatchObject({ flagged: true, matches: [{ denial: { source: 'received:ES', reference: 'ES-DEN-2026-000004' } }] });
    const [entry] = await inbox(fr, 'denial_notification');
    expect(entry).toMatchObject({ effect: 'applied', effectDetail: { entity: 'screening_denial', action: 'denial', inForce: true } });
    expect((await auditOf(fr, entry.effectDetail.id as string))[0]).toMatchObject({ action: 'screening.denial.receive', actor: `exchange:denial_notification:ES:${entry.envelope.id}` });

    expect(await post({ ...denial, action: 'revocation' })).toBe(201);
    expect(await es.svc.deliverDue()).toMatchObject({ delivered: 1 });
    expect(await fr.t.app.services.screening.checkDenials(licensing, application)).toMatchObject({ flagged: false });

    for (const n of [es, fr, ke]) {
      const v = await n.t.app.inject({ method: 'POST', url: '/api/v1/audit/verify', headers: await n.headers('auditor') });
      expect(v.json()).toMatchObject({ ok: true });
    }
  });
});
