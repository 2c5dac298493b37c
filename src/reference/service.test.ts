import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDeps, type TestDeps } from '../../test/support/deps.ts';
import { describeEngines } from '../../test/support/engines.ts';
import { stateHash } from '../platform/crypto/canonical.ts';
import { SYSTEM_ACTOR, type Actor, type Role } from '../platform/auth/actor.ts';
import type { NewEmbargoInput } from './model.ts';
import { createReferenceService, type ReferenceService } from './service.ts';
import { AUDITED_EMBARGO } from './store.ts';

const as = (role: Role): Actor => ({ kind: 'user', userId: null, name: `test-${role}`, role, organisationId: null });
const admin = as('administrator');

const euEmbargo: NewEmbargoInput = {
  authority: 'regional',
  imposedBy: 'European Union',
  countryCode: 'by',
  target: 'Belarus',
  scope: 'whole_state',
  direction: 'to_and_from',
  measures: 'Sale, supply, transfer or export of arms and related materiel of all types prohibited.',
  instruments: ['Council Decision 2012/642/CFSP', ' Council Regulation (EC) No 765/2006 '],
  since: '2011-06-20',
  sourceTitle: 'EU Sanctions Map: Belarus',
  sourceUrl: 'https://www.sanctionsmap.eu/',
};

describeEngines('reference service: embargoes', (engine) => {
  let deps: TestDeps;
  let service: ReferenceService;

  beforeAll(async () => {
    deps = await createTestDeps(engine);
    service = createReferenceService(deps);
  });
  afterAll(async () => deps?.close());

  it('answers UN embargoes for a State and date without any stored rows', async () => {
    const check = await service.embargoesFor(as('industry'), { countryCode: 'kp', date: '2026-01-01' });
    expect(check).toMatchObject({ countryCode: 'KP', date: '2026-01-01', strictestScope: 'whole_state' });
    expect(check.embargoes.map((e) => e.id)).toEqual(['un-kp-1718']);
    const none = await service.embargoesFor(as('licensing_officer'), { countryCode: 'MX', date: '2026-01-01' });
    expect(none).toMatchObject({ embargoes: [], strictestScope: null });
  });

  it('uses the injected clock for today', async () => {
    const check = await service.embargoesFor(SYSTEM_ACTOR, { countryCode: 'CF' });
    expect(check.date).toBe('2026-06-01');
    expect(check.strictestScope).toBe('non_state_actors');
  });

  it('records a regional embargo with an audit entry whose hash matches the stored state', async () => {
    const created = await service.addEmbargo(admin, euEmbargo);
    expect(created).toMatchObject({ countryCode: 'BY', authority: 'regional', until: null, createdBy: 'test-administrator' });
    expect(created.instruments).toEqual(['Council Decision 2012/642/CFSP', 'Council Regulation (EC) No 765/2006']);
    expect(created.createdAt).toBe('2026-06-01T10:00:00.000Z');

    const [audit] = await deps.db.query<{ action: string; state_hash: string }>(
      `SELECT action, state_hash FROM audit_log WHERE entity = 'reference_embargo' AND entity_id = $1`,
      [created.id],
    );
    expect(audit.action).toBe('reference.embargo.create');
    const loaded = await AUDITED_EMBARGO.load(deps.db, [created.id]);
    expect(stateHash(loaded.get(created.id))).toBe(audit.state_hash);

    const check = await service.embargoesFor(as('customs_officer'), { countryCode: 'BY', date: '2026-01-01' });
    expect(check.embargoes.map((e) => e.imposedBy)).toEqual(['European Union']);
    expect((await service.embargoesFor(admin, { countryCode: 'BY', date: '2011-06-19' })).embargoes).toEqual([]);
  });

  it('lifts an embargo from a date, keeps the record and audits the reason', async () => {
    const created = await service.addEmbargo(admin, { ...euEmbargo, countryCode: 'ZW', target: 'Zimbabwe', since: '2002-02-18' });
    deps.clock.advance(60_000);
    const lifted = await service.liftEmbargo(admin, created.id, { until: '2026-03-01', reason: 'Council Decision (CFSP) 2026/123 lifts the measure.' });
    expect(lifted).toMatchObject({ until: '2026-03-01', liftedReason: 'Council Decision (CFSP) 2026/123 lifts the measure.', liftedAt: '2026-06-01T10:01:00.000Z' });

    expect((await service.embargoesFor(admin, { countryCode: 'ZW', date: '2026-02-28' })).embargoes).toHaveLength(1);
    expect((await service.embargoesFor(admin, { countryCode: 'ZW', date: '2026-03-01' })).embargoes).toHaveLength(0);
    expect((await service.getEmbargo(admin, created.id)).until).toBe('2026-03-01');

    const audits = await deps.db.query<{ action: string; reason: string | null; state_hash: string }>(
      `SELECT action, reason, state_hash FROM audit_log WHERE entity_id = $1 ORDER BY seq`,
      [created.id],
    );
    expect(audits.map((a) => a.action)).toEqual(['reference.embargo.create', 'reference.embargo.lift']);
    expect(audits[1].reason).toMatch(/2026\/123/);
    expect(stateHash((await AUDITED_EMBARGO.load(deps.db, [created.id])).get(created.id))).toBe(audits[1].state_hash);

    await expect(service.liftEmbargo(admin, created.id, { until: '2026-04-01', reason: 'again' })).rejects.toMatchObject({ status: 409 });
  });

  it('lets a fixed-term embargo end earlier but not later', async () => {
    const created = await service.addEmbargo(admin, { ...euEmbargo, countryCode: 'NI', since: '2026-01-01', until: '2027-01-01' });
    await expect(service.liftEmbargo(admin, created.id, { until: '2027-06-01', reason: 'extend' })).rejects.toMatchObject({
      status: 400,
      errors: [{ field: 'until', code: 'embargo.lift_not_earlier' }],
    });
    const lifted = await service.liftEmbargo(admin, created.id, { until: '2026-07-01', reason: 'Early end by decree 5/2026.' });
    expect(lifted.until).toBe('2026-07-01');
  });

  it('refuses bad input naming each field and writes nothing', async () => {
    const before = await deps.db.query<{ n: number }>('SELECT count(*)::int AS n FROM reference_embargo');
    await expect(
      service.addEmbargo(admin, { ...euEmbargo, countryCode: 'XX', since: '2026-13-01', instruments: [] }),
    ).rejects.toMatchObject({ status: 400, errors: [{ field: 'countryCode' }, { field: 'since' }, { field: 'instruments' }] });
    const after = await deps.db.query<{ n: number }>('SELECT count(*)::int AS n FROM reference_embargo');
    expect(after[0].n).toBe(before[0].n);
  });

  it('refuses lifting a UN embargo and an unknown id', async () => {
    await expect(service.liftEmbargo(admin, 'un-kp-1718', { until: '2026-07-01', reason: 'no' })).rejects.toMatchObject({ status: 409 });
    await expect(service.liftEmbargo(admin, '01900000-0000-7000-8000-000000000000', { until: '2026-07-01', reason: 'no' })).rejects.toMatchObject({ status: 404 });
  });

  it('lets only administrators record or lift embargoes, and not the public read them', async () => {
    for (const role of ['licensing_supervisor', 'industry', 'auditor'] as const) {
      await expect(service.addEmbargo(as(role), euEmbargo), role).rejects.toMatchObject({ status: 403 });
    }
    await expect(service.embargoesFor(as('public'), { countryCode: 'KP' })).rejects.toMatchObject({ status: 403 });
  });

  it('lists UN and stored embargoes together and filters by authority, State and date', async () => {
    const all = await service.listEmbargoes(as('auditor'));
    expect(all.some((e) => e.authority === 'un')).toBe(true);
    expect(all.some((e) => e.authority === 'regional')).toBe(true);
    expect((await service.listEmbargoes(admin, { authority: 'regional' })).every((e) => e.authority === 'regional')).toBe(true);
    expect((await service.listEmbargoes(admin, { countryCode: 'so', activeOn: '2026-01-01' })).map((e) => e.id)).toEqual(['un-so-2713']);
    await expect(service.listEmbargoes(admin, { activeOn: '2026-02-31' })).rejects.toMatchObject({ status: 400 });
  });

  it('runs inside a caller transaction and rolls back with it', async () => {
    await expect(
      deps.db.transaction(async (tx) => {
        const e = await service.addEmbargo(admin, { ...euEmbargo, countryCode: 'MM' }, tx);
        expect((await service.embargoesFor(admin, { countryCode: 'MM', date: '2026-01-01' }, tx)).embargoes.map((x) => x.id)).toEqual([e.id]);
        throw new Error('caller fails after');
      }),
    ).rejects.toThrow('caller fails after');
    expect((await service.embargoesFor(admin, { countryCode: 'MM', date: '2026-01-01' })).embargoes).toEqual([]);
  });
});
