import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEngines } from '../../test/support/engines.ts';
import { testActor as actor } from '../../test/support/failure.ts';
import { tracingHarness, type TracingHarness } from '../../test/support/tracing.ts';
import { newEnvelope, signEnvelope } from '../exchange/envelope.ts';
import { enrolmentFingerprint } from '../platform/crypto/keys.ts';
import type { RegistryService } from '../registry/service.ts';
import type { RecoveryDetail } from './schemas.ts';
import type { TracingService } from './service.ts';

const clerk = actor('registry_clerk');
const officer = actor('tracing_officer');

/** The numbers of yearly references ("TRC-2026-000042" → 42), sorted. */
const numbersOf = (refs: string[]) => refs.map((r) => Number(r.slice(9))).sort((a, b) => a - b);

/**
 * Traces, tracing requests (outgoing and incoming share one series) and disposal certificates taken at
 * the same moment each get their own next number of the year. PostgreSQL runs them on pooled connections
 * at once, so without the lock on the series two read the same last number and the unique constraint
 * refuses one; PGlite (one connection) runs them one after another.
 */
describeEngines('tracing: yearly numbers taken at the same moment', (engine) => {
  let harness: TracingHarness;
  let registry: RegistryService;
  let tracing: TracingService;
  let police: string;
  let rec: RecoveryDetail;

  beforeAll(async () => {
    harness = await tracingHarness(engine, 1);
    ({ registry, tracing } = harness);
    police = (await registry.createParty(clerk, { kind: 'organisation', roles: ['state_agency'], name: 'Police', country: 'XC' })).id;
    // Items that match nothing are registered as seized: each is a registry item to trace and dispose of.
    rec = await tracing.recordRecovery(officer, {
      recoveredOn: '2026-05-20',
      place: { locode: 'XCABC', text: 'Checkpoint' },
      agencyPartyId: police,
      recoveryType: 'seized',
      legalJustification: 'illicit_trafficking',
      criminalContext: 'trafficking',
      items: [1, 2, 3, 4].map((n) => ({
        kind: 'firearm',
        type: 'self_loading_pistol',
        make: 'Taurus',
        model: 'G2C',
        calibre: '9x19mm',
        countryOfManufacture: 'BR',
        nature: 'industrial',
        markings: [{ location: 'frame', state: 'intact', serialAsRead: `NUM-7000${n}` }],
      })),
    });
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('traces of four items run at the same moment all succeed, each with its own next number', async () => {
    const traces = await Promise.all(rec.items.map((item) => tracing.traceRecoveredItem(officer, rec.id, item.id)));
    const numbers = numbersOf(traces.map((t) => t.reference));
    expect(new Set(numbers).size).toBe(4);
    expect(numbers[3] - numbers[0]).toBe(3);
  });

  it('requests drafted and received at the same moment share one series: all succeed, each with its own next number', async () => {
    const theirs = harness.keys[1];
    const received = async (n: number) => {
      const env = newEnvelope({
        from: 'XB',
        to: 'XC',
        type: 'tracing_request',
        body: {
          requestReference: `XB-REQ-${n}`,
          requestingAgency: { name: 'XB Police' },
          priority: 'routine',
          weapons: [{ kind: 'firearm', serialNumber: `XB-${n}` }],
          circumstances: { recoveryType: 'found', date: '2026-05-01', place: { country: 'XB' }, description: 'Found.' },
          illicitGrounds: ['not_marked'],
          legalJustification: 'XB law.',
          intendedUseOfInformation: 'Statistics.',
          responseRequestedBy: null,
        },
        now: harness.deps.clock.now(),
        lifetimeMs: 86_400_000,
        inReplyTo: null,
        caveats: [],
      });
      return { document: await signEnvelope(theirs, env), senderKeys: theirs.publicJwks(), fingerprint: await enrolmentFingerprint(theirs.publicJwk) };
    };
    const docs = await Promise.all([1, 2].map(received));
    const draft = (itemId: string) =>
      tracing.draftTracingRequest(officer, {
        recoveredItemId: itemId,
        counterpartState: 'BR',
        priority: 'routine',
        illicitGrounds: ['illicit_under_national_law'],
        legalJustification: 'Seized in a trafficking investigation.',
        intendedUseOfInformation: 'Criminal investigation.',
        circumstances: 'Found in a car.',
        caveats: [],
      });
    const requests = await Promise.all([
      draft(rec.items[0].id),
      tracing.receiveTracingDocument(officer, docs[0]),
      draft(rec.items[1].id),
      tracing.receiveTracingDocument(officer, docs[1]),
    ]);
    expect(requests.map((r) => r.direction)).toEqual(['outgoing', 'incoming', 'outgoing', 'incoming']);
    const numbers = numbersOf(requests.map((r) => r.reference));
    expect(new Set(numbers).size).toBe(4);
    expect(numbers[3] - numbers[0]).toBe(3);
  });

  it('destruction certificates issued at the same moment all succeed, each with its own next number', async () => {
    const items = rec.items.map((i) => i.registryItemId!);
    for (const id of items) await registry.recordEvent(officer, id, { kind: 'confiscated', occurredAt: '2026-05-21T09:00:00Z', toPartyId: police, authorizationRef: 'COURT-9' });
    const disposals = await Promise.all(
      items.map((id) => tracing.recordDisposal(officer, { kind: 'destruction', registryItemId: id, disposedOn: '2026-05-22', place: 'Arsenal', method: 'cutting', witnesses: ['W. One'] })),
    );
    const numbers = numbersOf(disposals.map((d) => d.certificateNumber));
    expect(new Set(numbers).size).toBe(4);
    expect(numbers[3] - numbers[0]).toBe(3);
  });
});
