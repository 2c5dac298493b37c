import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEngines } from '../../test/support/engines.ts';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { SYSTEM_ACTOR, type Role } from '../platform/auth/actor.ts';
import { uuidv7 } from '../platform/ids.ts';
import { createRegistryService } from '../registry/service.ts';
import { createTracingService, type TracingService } from './service.ts';

/**
 * Hits across borders as officers see them: a recovery here matching another State's lost/stolen report shows
 * that report on the recovered item; a hit another State notifies on this State's report is an open alert until
 * an officer acknowledges it (audited, nothing sent back).
 */
describeEngines('tracing: hits abroad and foreign hits on recovered items', (engine) => {
  let t: TestApp;
  let tracing: TracingService;
  let police: string;

  const call = async (method: 'GET' | 'POST', url: string, role: Role, payload?: unknown) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: await t.headersFor(role), ...(payload === undefined ? {} : { payload: payload as object }) });

  beforeAll(async () => {
    t = await createTestApp(engine);
    // What the exchange hands tracing when another State's node sends a notice (the exchange's own tests cover the transport).
    tracing = createTracingService(t.deps, { registry: createRegistryService(t.deps) });
    police = (await call('POST', '/registry/parties', 'registry_clerk', { kind: 'organisation', roles: ['state_agency'], name: 'Police', country: 'XC' })).json().id;
  });
  afterAll(async () => t?.close());

  it("shows, on the recovered item, the other State's lost/stolen report it matched", async () => {
    await tracing.recordForeignReport(SYSTEM_ACTOR, {
      state: 'XB',
      envelopeId: uuidv7(),
      body: { reportReference: 'XB-LS-1', action: 'report', kind: 'stolen', occurredOn: '2026-01-10', weapons: [{ kind: 'firearm', make: 'Glock', serialNumber: 'GL-777', countryOfManufacture: 'AT' }], reportingAuthority: { name: 'XB Police' } },
    });
    const rec = await call('POST', '/tracing/recoveries', 'tracing_officer', {
      recoveredOn: '2026-05-20',
      place: { text: 'Port' },
      agencyPartyId: police,
      recoveryType: 'seized',
      legalJustification: 'illicit_possession',
      criminalContext: 'none',
      items: [
        { kind: 'firearm', type: 'self_loading_pistol', make: 'Glock', calibre: '9x19mm', countryOfManufacture: 'AT', nature: 'industrial', markings: [{ location: 'frame', state: 'intact', serialAsRead: 'GL 777' }] },
        { kind: 'firearm', type: 'revolver', make: 'Taurus', nature: 'industrial', markings: [{ location: 'frame', state: 'intact', serialAsRead: 'TA-1' }] },
      ],
    });
    expect(rec.statusCode, rec.body).toBe(201);
    const page = (await call('GET', `/tracing/recoveries/${rec.json().id}`, 'auditor')).json();
    expect(page.items[0].foreignHits).toEqual([
      {
        id: expect.any(String),
        reportingState: 'XB',
        reportReference: 'XB-LS-1',
        kind: 'stolen',
        reportStatus: 'active',
        occurredOn: '2026-01-10',
        reportingAuthority: 'XB Police',
        matchedOn: ['serialNumber', 'make', 'countryOfManufacture'],
        notified: false,
        createdAt: '2026-06-01T10:00:00.000Z',
      },
    ]);
    expect(page.items[1].foreignHits).toEqual([]);

    // Withdrawn by XB later: the hit stays, marked so.
    await tracing.recordForeignReport(SYSTEM_ACTOR, { state: 'XB', envelopeId: uuidv7(), body: { reportReference: 'XB-LS-1', action: 'withdraw', kind: 'stolen', weapons: [{ kind: 'firearm', serialNumber: 'GL-777' }], reportingAuthority: { name: 'XB Police' }, withdrawalReason: 'Found at home.' } });
    expect((await call('GET', `/tracing/recoveries/${rec.json().id}`, 'auditor')).json().items[0].foreignHits[0]).toMatchObject({ reportStatus: 'withdrawn' });
  });

  it('an alert from abroad is acknowledged by an officer once, audited, and leaves the open alerts', async () => {
    const hit = (await tracing.recordHitAbroad(SYSTEM_ACTOR, {
      state: 'XB',
      envelopeId: uuidv7(),
      body: {
        reportReference: 'PR-9',
        weapon: { kind: 'firearm', make: 'Acme', serialNumber: 'AC-9' },
        matchedOn: ['serialNumber', 'make'],
        recoveryType: 'seized',
        recoveredOn: '2026-05-01',
        place: { country: 'XB' },
        holdingAuthority: { name: 'XB Customs' },
        caseReference: 'XB-C-1',
      },
    }))!;
    expect((await call('GET', '/tracing/hits-abroad?alertStatus=open', 'point_of_contact')).json().items.map((h: { id: string }) => h.id)).toEqual([hit.id]);
    // The dashboard's count of open alerts has it, apart from the hits made here (none).
    const summary = async () => (await call('GET', '/tracing/hits/summary', 'tracing_officer')).json();
    expect(await summary()).toEqual({ open: 0, acknowledged: 0, abroad: { open: 1, acknowledged: 0 }, byAgency: [{ agency: null, open: 0, acknowledged: 0, abroad: { open: 1, acknowledged: 0 } }], mine: null });

    expect((await call('POST', `/tracing/hits-abroad/${hit.id}/acknowledge`, 'customs_officer')).statusCode).toBe(403);
    expect((await call('POST', `/tracing/hits-abroad/${hit.id}/acknowledge`, 'auditor')).statusCode).toBe(403);
    const ack = await call('POST', `/tracing/hits-abroad/${hit.id}/acknowledge`, 'tracing_officer');
    expect(ack.statusCode, ack.body).toBe(200);
    expect(ack.json()).toMatchObject({ id: hit.id, alertStatus: 'acknowledged', reportReference: 'PR-9', caseReference: 'XB-C-1' });
    const audit = await t.deps.db.query<{ action: string; actor_role: string }>(`SELECT action, actor_role FROM audit_log WHERE entity = 'tracing_hit_abroad' AND entity_id = $1 ORDER BY seq`, [hit.id]);
    expect(audit).toEqual([
      { action: 'tracing.hit_abroad.receive', actor_role: 'administrator' },
      { action: 'tracing.hit_abroad.acknowledge', actor_role: 'tracing_officer' },
    ]);

    const again = await call('POST', `/tracing/hits-abroad/${hit.id}/acknowledge`, 'tracing_officer');
    expect(again.statusCode).toBe(409);
    expect(again.json().errors.map((e: { code: string }) => e.code)).toEqual(['hit_abroad.already_acknowledged']);
    expect((await call('POST', `/tracing/hits-abroad/${uuidv7()}/acknowledge`, 'tracing_officer')).statusCode).toBe(404);
    expect((await call('GET', '/tracing/hits-abroad?alertStatus=open', 'tracing_officer')).json().items).toEqual([]);
    expect(await summary()).toMatchObject({ open: 0, acknowledged: 0, abroad: { open: 0, acknowledged: 1 } });
    expect((await call('GET', '/tracing/hits-abroad?alertStatus=acknowledged', 'tracing_officer')).json().items.map((h: { id: string }) => h.id)).toEqual([hit.id]);
  });
});
