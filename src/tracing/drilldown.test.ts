import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEngines } from '../../test/support/engines.ts';
import { failure, testActor as actor } from '../../test/support/failure.ts';
import { tracingHarness, type TracingHarness } from '../../test/support/tracing.ts';
import { sha256Hex } from '../platform/crypto/canonical.ts';
import type { RegistryService } from '../registry/service.ts';
import type { TracingService } from './service.ts';

const clerk = actor('registry_clerk');
const officer = actor('tracing_officer');
const auditor = actor('auditor');

/**
 * What the officer screens read besides the module's own flows: the records behind each figure (the
 * recoveries list filtered by the figures' breakdowns, whose matching items add up to the figure), the
 * requests made in a period, the disposal certificates issued, and the PDF of a signed tracing document.
 */
describeEngines('tracing: the lists behind the figures and the screens', (engine) => {
  let harness: TracingHarness;
  let registry: RegistryService;
  let tracing: TracingService;
  let police: string;
  let owner: string;
  let drugsCase: string;
  let foundCase: string;

  const sum = (items: { matchingItems: number }[]) => items.reduce((n, r) => n + r.matchingItems, 0);

  beforeAll(async () => {
    harness = await tracingHarness(engine);
    ({ registry, tracing } = harness);
    police = (await registry.createParty(clerk, { kind: 'organisation', roles: ['state_agency'], name: 'National Police', country: 'XC' })).id;
    owner = (await registry.createParty(clerk, { kind: 'organisation', roles: ['dealer'], name: 'Armeria Central', country: 'XC' })).id;
    const stolen = await registry.registerItem(clerk, {
      item: { kind: 'firearm', firearmType: 'self_loading_pistol', make: 'Acme', model: 'P9', calibre: '9x19mm' },
      markings: [{ kind: 'manufacture', location: 'frame', manufacturerName: 'Acme Arms', countryOfManufacture: 'XC', serialNumber: 'DD-100001' }],
      event: { kind: 'manufactured', occurredAt: '2024-01-10T09:00:00Z', toPartyId: owner },
    });
    await registry.recordEvent(clerk, stolen.id, { kind: 'reported_stolen', occurredAt: '2025-01-05T08:00:00Z', toPartyId: police });
    const pistol = (serial: string | null, extra: Record<string, unknown> = {}) => ({
      kind: 'firearm',
      type: 'self_loading_pistol',
      make: 'Acme',
      model: 'P9',
      calibre: '9x19mm',
      nature: 'industrial',
      markings: serial ? [{ location: 'frame', state: 'intact', serialAsRead: serial }] : [{ location: 'frame', state: 'removed' }],
      ...extra,
    });
    const place = { locode: 'XC ABC', text: 'Checkpoint' };
    const drugs = await tracing.recordRecovery(officer, {
      recoveredOn: '2025-03-01',
      place,
      agencyPartyId: police,
      recoveryType: 'seized',
      legalJustification: 'illicit_trafficking',
      criminalContext: 'drugs',
      items: [pistol('DD100001'), pistol(null, { make: 'Taurus', countryOfManufacture: 'BR' }), { kind: 'ammunition', type: 'complete_round', calibre: '9x19mm', nature: 'industrial', quantity: 50, markings: [] }],
    });
    drugsCase = drugs.id;
    for (const item of drugs.items.slice(0, 2)) await tracing.traceRecoveredItem(officer, drugs.id, item.id);
    const found = await tracing.recordRecovery(officer, {
      recoveredOn: '2025-06-01',
      place,
      agencyPartyId: police,
      recoveryType: 'found',
      legalJustification: 'illicit_possession',
      criminalContext: 'none',
      items: [{ kind: 'firearm', type: 'rifle', make: 'Remy', model: 'R7', calibre: '.308 Win', nature: 'industrial', markings: [{ location: 'receiver', state: 'intact', serialAsRead: 'RM-777' }] }],
    });
    foundCase = found.id;
    // Outside the period: never counted, never listed.
    await tracing.recordRecovery(officer, { recoveredOn: '2024-12-31', place, agencyPartyId: police, recoveryType: 'seized', legalJustification: 'illicit_trafficking', criminalContext: 'drugs', items: [pistol('ZZ-1')] });
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('each figure opens the recoveries behind it, and their matching items add up to it', async () => {
    const period = { from: '2025-01-01', to: '2025-12-31' };
    const f = await tracing.tracingFigures(auditor, period);
    expect(f).toMatchObject({ firearmsRecovered: 3, firearmsOriginEstablished: 1 });

    const denominator = await tracing.listRecoveries(auditor, { ...period, kind: 'firearm' });
    expect(denominator.items.map((r) => r.id).sort()).toEqual([drugsCase, foundCase].sort());
    expect(sum(denominator.items)).toBe(f.firearmsRecovered);
    expect(denominator.items.find((r) => r.id === drugsCase)).toMatchObject({ itemCount: 3, matchingItems: 2 });

    const numerator = await tracing.listRecoveries(auditor, { ...period, kind: 'firearm', originEstablished: 'true' });
    expect(numerator.items.map((r) => [r.id, r.matchingItems])).toEqual([[drugsCase, 1]]);
    expect(sum(numerator.items)).toBe(f.firearmsOriginEstablished);
    expect(sum((await tracing.listRecoveries(auditor, { ...period, kind: 'firearm', originEstablished: 'false' })).items)).toBe(2);

    // Every breakdown row of the figures is the sum of the list filtered by that row's facts.
    for (const row of f.rows) {
      const list = await tracing.listRecoveries(auditor, {
        ...period,
        recoveryType: row.recoveryType,
        kind: row.kind,
        itemType: row.type ?? undefined,
        legalJustification: row.legalJustification,
        criminalContext: row.criminalContext,
      });
      expect(sum(list.items), JSON.stringify(row)).toBe(row.items);
    }
    expect((await tracing.listRecoveries(auditor, { ...period, criminalContext: 'none' })).items.map((r) => r.id)).toEqual([foundCase]);
    expect((await tracing.listRecoveries(auditor, { ...period, kind: 'ammunition' })).items.map((r) => [r.id, r.matchingItems])).toEqual([[drugsCase, 1]]);
    expect((await tracing.listRecoveries(auditor, { ...period, kind: 'firearm', itemType: 'rifle' })).items.map((r) => r.id)).toEqual([foundCase]);
    // Without item filters every recovery counts all its items.
    expect((await tracing.listRecoveries(auditor, period)).items.every((r) => r.matchingItems === r.itemCount)).toBe(true);
    expect((await failure(tracing.listRecoveries(auditor, { ...period, criminalContext: 'piracy' }))).errors.map((e) => e.field)).toEqual(['criminalContext']);
  });

  it('requests made in a period, disposal certificates issued, and a signed request as a PDF', async () => {
    const rec = await tracing.getRecovery(officer, drugsCase);
    const draft = await tracing.draftTracingRequest(officer, {
      recoveredItemId: rec.items[1].id,
      counterpartState: 'BR',
      priority: 'routine',
      illicitGrounds: ['inadequately_marked'],
      legalJustification: 'Seized in a drugs investigation.',
      intendedUseOfInformation: 'Criminal investigation.',
      circumstances: 'Under the driver seat.',
      caveats: [{ code: 'purpose_limited', text: 'Investigation 55/2025 only.' }],
    });
    // The test clock is 2026-06-01: the request was made that day.
    expect((await tracing.listTracingRequests(officer, { from: '2026-06-01', to: '2026-06-01' })).items.map((r) => r.id)).toEqual([draft.id]);
    expect((await tracing.listTracingRequests(officer, { from: '2025-01-01', to: '2026-05-31' })).items).toEqual([]);

    expect((await failure(tracing.tracingDocumentPdf(officer, draft.id, 'request'))).status).toBe(404);
    await tracing.sendTracingRequest(officer, draft.id);
    const doc = await tracing.tracingDocument(officer, draft.id, 'request');
    const { filename, pdf } = await tracing.tracingDocumentPdf(auditor, draft.id, 'request');
    expect(filename).toBe(`${draft.reference}-request.pdf`);
    const text = execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf }).toString().replace(/\s+/g, ' ');
    expect(text).toContain('International tracing request');
    expect(text).toContain(draft.reference);
    expect(text).toContain('Investigation 55/2025 only.');
    expect(text).toContain('Taurus');
    expect(text).toContain(sha256Hex(doc.document));
    expect((await failure(tracing.tracingDocumentPdf(actor('customs_officer'), draft.id, 'request'))).status).toBe(403);

    const rifle = (await tracing.getRecovery(officer, foundCase)).items[0].registryItemId!;
    await registry.recordEvent(officer, rifle, { kind: 'confiscated', occurredAt: '2025-06-02T09:00:00Z', toPartyId: police, authorizationRef: 'COURT-9' });
    const d = await tracing.recordDisposal(officer, { kind: 'destruction', registryItemId: rifle, disposedOn: '2025-06-10', place: 'Arsenal', method: 'cutting', witnesses: ['W. One'] });
    const listed = await tracing.listDisposals(auditor, {});
    expect(listed.items.map((x) => x.certificateNumber)).toEqual([d.certificateNumber]);
    expect(listed.items[0]).toMatchObject({ kind: 'destruction', item: { make: 'Remy' }, verificationUrl: expect.stringContaining(`/certificates/${d.certificateNumber}`) });
    expect((await tracing.listDisposals(auditor, { kind: 'deactivation' })).items).toEqual([]);
    expect((await tracing.listDisposals(auditor, { from: '2025-06-11' })).items).toEqual([]);
    expect((await tracing.listDisposals(auditor, { from: '2025-06-10', to: '2025-06-10' })).items).toHaveLength(1);
    expect((await failure(tracing.listDisposals(actor('industry'), {}))).status).toBe(403);
  });
});
