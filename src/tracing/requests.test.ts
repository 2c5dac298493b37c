import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEngines } from '../../test/support/engines.ts';
import type { TestDeps } from '../../test/support/deps.ts';
import { failure, testActor as actor } from '../../test/support/failure.ts';
import { tracingHarness, type TracingHarness } from '../../test/support/tracing.ts';
import { newEnvelope, signEnvelope } from '../exchange/envelope.ts';
import { tracingRequestSchema, tracingResponseSchema } from '../exchange/messages.ts';
import { enrolmentFingerprint, verifyCompactJws, type NodeKeys } from '../platform/crypto/keys.ts';
import type { RegistryService } from '../registry/service.ts';
import type { TracingService } from './service.ts';

const clerk = actor('registry_clerk');
const officer = actor('tracing_officer');
const poc = actor('point_of_contact');

describeEngines('tracing: international requests as signed documents', (engine) => {
  let deps: TestDeps;
  let registry: RegistryService;
  let tracing: TracingService;
  let harness: TracingHarness;
  let ours: NodeKeys;
  let theirs: NodeKeys;
  let police: string;
  let owner: string;

  /** What the other State's node (XB) would send: an envelope signed with its key. */
  async function fromXB(type: 'tracing_request' | 'tracing_acknowledgement' | 'tracing_response', body: Record<string, unknown>, inReplyTo: string | null = null) {
    const env = newEnvelope({ from: 'XB', to: 'XC', type, body, now: deps.clock.now(), lifetimeMs: 86_400_000, inReplyTo, caveats: [{ code: 'confidential' }] });
    return { document: await signEnvelope(theirs, env), senderKeys: theirs.publicJwks(), fingerprint: await enrolmentFingerprint(theirs.publicJwk), envelopeId: env.id };
  }

  beforeAll(async () => {
    harness = await tracingHarness(engine, 1);
    ({ deps, registry, tracing, keys: [ours, theirs] } = harness);
    police = (await registry.createParty(clerk, { kind: 'organisation', roles: ['state_agency'], name: 'Police', country: 'XC' })).id;
    owner = (await registry.createParty(clerk, { kind: 'organisation', roles: ['dealer'], name: 'Gun Shop Ltd', country: 'XC' })).id;
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('an outgoing request is drafted from the recovery, signed as the exchange carries it, and answered by signed documents', async () => {
    const rec = await tracing.recordRecovery(officer, {
      recoveredOn: '2026-05-20',
      place: { locode: 'XCABC', text: 'Highway checkpoint' },
      agencyPartyId: police,
      recoveryType: 'seized',
      legalJustification: 'illicit_trafficking',
      criminalContext: 'trafficking',
      items: [{ kind: 'firearm', type: 'self_loading_pistol', make: 'Taurus', model: 'G2C', calibre: '9x19mm', countryOfManufacture: 'BR', nature: 'industrial', markings: [{ location: 'frame', state: 'intact', serialAsRead: 'TX-55123' }] }],
    });
    const item = rec.items[0];
    const trace = await tracing.traceRecoveredItem(officer, rec.id, item.id);
    expect(trace).toMatchObject({ endsAbroad: true, requestCountry: 'BR' });

    const draft = await tracing.draftTracingRequest(officer, {
      recoveredItemId: item.id,
      traceId: trace.id,
      counterpartState: 'XB',
      priority: 'urgent',
      illicitGrounds: ['illicit_under_national_law'],
      legalJustification: 'Seized in a trafficking investigation, Criminal Code art. 12.',
      intendedUseOfInformation: 'Criminal investigation of the trafficking network.',
      circumstances: 'Found in a car at a highway checkpoint.',
      caveats: [{ code: 'purpose_limited', text: 'Criminal investigation only.' }],
    });
    expect(draft).toMatchObject({ status: 'draft', requestSigned: false, counterpartState: 'XB' });
    expect(draft.request).toMatchObject({ weapons: [{ serialNumber: 'TX-55123', countryOfManufacture: 'BR', markingState: 'intact' }], circumstances: { place: { country: 'XC', locode: 'XCABC' } } });
    expect((await failure(tracing.updateTracingRequest(officer, draft.id, { status: 'acknowledged' }))).errors.map((e) => e.code)).toContain('tracing_request.transition');

    const sent = await tracing.sendTracingRequest(officer, draft.id);
    expect(sent).toMatchObject({ status: 'sent', requestSigned: true, responseDueOn: '2026-06-11', overdue: false });
    const doc = await tracing.tracingDocument(poc, sent.id, 'request');
    const { payload } = await verifyCompactJws(doc.document, ours.publicJwks());
    expect(payload).toMatchObject({ from: 'XC', to: 'XB', type: 'tracing_request', caveats: [{ code: 'purpose_limited' }] });
    expect(tracingRequestSchema.safeParse(payload.body).success).toBe(true);

    const ack = await fromXB('tracing_acknowledgement', { requestReference: sent.reference, responderReference: 'XB-T-9', receivedAt: deps.clock.now().toISOString(), pointOfContact: { name: 'XB NPC' } }, doc.envelope.id as string);
    const wrongKey = await failure(tracing.receiveTracingDocument(officer, { document: ack.document, senderKeys: ack.senderKeys, fingerprint: await enrolmentFingerprint(ours.publicJwk) }));
    expect(wrongKey.errors.map((e) => e.code)).toEqual(['tracing_document.fingerprint']);
    const acked = await tracing.receiveTracingDocument(officer, { document: ack.document, senderKeys: ack.senderKeys, fingerprint: ack.fingerprint });
    expect(acked).toMatchObject({ id: sent.id, status: 'acknowledged', counterpartReference: 'XB-T-9' });

    const response = await fromXB(
      'tracing_response',
      {
        requestReference: sent.reference,
        responderReference: 'XB-T-9',
        outcome: 'traced',
        findings: [{ weaponIndex: 0, recordFound: true, lastLegalHolder: { name: 'Armeria XB', country: 'XB' }, transferChain: [], exportLicenceReferences: ['XB-EXP-1'], diversionPointEstablished: true, diversionType: 'diversion_from_licit_stock' }],
        respondedBy: { name: 'XB NPC' },
      },
      doc.envelope.id as string,
    );
    const answered = await tracing.receiveTracingDocument(officer, { document: response.document, senderKeys: response.senderKeys, fingerprint: response.fingerprint });
    expect(answered).toMatchObject({ status: 'responded', responseSigned: true, response: { outcome: 'traced' } });
    expect((await tracing.tracingDocument(officer, sent.id, 'response')).document).toBe(response.document);
  });

  it('an incoming request is answered from the registry: drafted, reviewed, approved by the point of contact and signed', async () => {
    const gun = await registry.registerItem(clerk, {
      item: { kind: 'firearm', firearmType: 'rifle', make: 'Acme', model: 'R1', calibre: '.308 Win' },
      markings: [{ kind: 'manufacture', location: 'receiver', manufacturerName: 'Acme', countryOfManufacture: 'XC', serialNumber: 'AC-R1-777' }],
      event: { kind: 'manufactured', occurredAt: '2023-01-01T00:00:00Z', toPartyId: police },
    });
    await registry.recordEvent(clerk, gun.id, { kind: 'transferred', occurredAt: '2023-06-01T00:00:00Z', fromPartyId: police, toPartyId: owner });
    await registry.recordEvent(clerk, gun.id, { kind: 'reported_stolen', occurredAt: '2025-02-01T00:00:00Z', toPartyId: police });

    const request = await fromXB('tracing_request', {
      requestReference: 'XB-REQ-31',
      requestingAgency: { name: 'XB Police' },
      priority: 'routine',
      weapons: [{ kind: 'firearm', make: 'Acme', serialNumber: 'AC R1 777', countryOfManufacture: 'XC' }, { kind: 'firearm', serialNumber: 'NOT-HERE-1' }],
      circumstances: { recoveryType: 'seized', date: '2026-05-01', place: { country: 'XB' }, description: 'Seized from a gang.' },
      illicitGrounds: ['illicit_under_national_law'],
      legalJustification: 'XB criminal code.',
      intendedUseOfInformation: 'Prosecution.',
      responseRequestedBy: '2026-06-20',
    });
    const received = await tracing.receiveTracingDocument(officer, { document: request.document, senderKeys: request.senderKeys, fingerprint: request.fingerprint });
    expect(received).toMatchObject({ direction: 'incoming', status: 'received', counterpartState: 'XB', counterpartReference: 'XB-REQ-31', responseDueOn: '2026-06-20', caveats: [{ code: 'confidential' }] });
    expect((await failure(tracing.receiveTracingDocument(officer, { document: request.document, senderKeys: request.senderKeys, fingerprint: request.fingerprint }))).errors[0].code).toBe('tracing_document.duplicate');

    const drafted = await tracing.draftTracingResponse(officer, received.id);
    expect(drafted.status).toBe('in_progress');
    expect(drafted.response).toMatchObject({
      requestReference: 'XB-REQ-31',
      outcome: 'partially_traced',
      findings: [
        { weaponIndex: 0, recordFound: true, lastLegalHolder: { name: 'Gun Shop Ltd' }, diversionPointEstablished: true, diversionType: 'theft_or_loss' },
        { weaponIndex: 1, recordFound: false },
      ],
    });
    expect((drafted.response!.findings as { transferChain: { event: string }[] }[])[0].transferChain.map((e) => e.event)).toEqual(['manufactured', 'transferred', 'reported_stolen']);

    expect((await failure(tracing.approveTracingResponse(officer, received.id))).status).toBe(403);
    const approved = await tracing.approveTracingResponse(poc, received.id);
    expect(approved).toMatchObject({ status: 'partial', responseSigned: true });
    const doc = await tracing.tracingDocument(poc, received.id, 'response');
    const { payload } = await verifyCompactJws(doc.document, ours.publicJwks());
    expect(payload).toMatchObject({ from: 'XC', to: 'XB', type: 'tracing_response', inReplyTo: request.envelopeId, caveats: [{ code: 'confidential' }] });
    expect(tracingResponseSchema.safeParse(payload.body).success).toBe(true);
  });

  it('late answers are listed as overdue, and a delay or refusal must say why', async () => {
    deps.clock.set(new Date('2026-07-15T10:00:00Z'));
    const overdue = await tracing.listTracingRequests(officer, { overdue: 'true' });
    expect(overdue.items.map((r) => r.counterpartReference)).toEqual([]);
    const request = await fromXB('tracing_request', {
      requestReference: 'XB-REQ-32',
      requestingAgency: { name: 'XB Police' },
      priority: 'routine',
      weapons: [{ kind: 'firearm', serialNumber: 'ZZ-1' }],
      circumstances: { recoveryType: 'found', date: '2026-07-01', place: { country: 'XB' }, description: 'Found.' },
      illicitGrounds: ['not_marked'],
      legalJustification: 'XB law.',
      intendedUseOfInformation: 'Statistics.',
      responseRequestedBy: '2026-07-10',
    });
    const received = await tracing.receiveTracingDocument(officer, { document: request.document, senderKeys: request.senderKeys, fingerprint: request.fingerprint });
    expect(received.overdue).toBe(true);
    expect((await tracing.listTracingRequests(officer, { overdue: 'true' })).items.map((r) => r.id)).toEqual([received.id]);
    expect((await failure(tracing.updateTracingRequest(officer, received.id, { status: 'delayed' }))).errors.map((e) => e.code)).toEqual(['tracing_request.reason_required']);
    const delayed = await tracing.updateTracingRequest(officer, received.id, { status: 'delayed', reason: 'An investigation is under way.' });
    expect(delayed).toMatchObject({ status: 'delayed', statusReason: 'An investigation is under way.' });
    expect((await failure(tracing.listTracingRequests(actor('customs_officer'), {}))).status).toBe(403);
  });
});
