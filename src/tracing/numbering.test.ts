import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEngines } from '../../test/support/engines.ts';
import { testActor as actor } from '../../test/support/failure.ts';
import { tracingHarness, type TracingHarness } from '../../test/support/tracing.ts';
import type { RegistryService } from '../registry/service.ts';
import type { RecoveryDetail } from './schemas.ts';
import type { TracingService } from './service.ts';

const clerk = actor('registry_clerk');
const officer = actor('tracing_officer');

/** The numbers of yearly references ("TRC-2026-000042" → 42), sorted. */
const numbersOf = (refs: string[]) => refs.map((r) => Number(r.slice(9))).sort((a, b) => a - b);

/**
 * Traces run at the same moment each get their own next number of the year. PostgreSQL runs them on
 * pooled connections at once, so without the lock on the series two read the same last number and the unique constraint
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
});
