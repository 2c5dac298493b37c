import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SYSTEM_ACTOR, type Actor } from '../platform/auth/actor.ts';
import { describeEngines } from '../../test/support/engines.ts';
import { createTestDeps, type TestDeps } from '../../test/support/deps.ts';
import { createScreeningService, type ScreeningService } from './service.ts';
import * as store from './store.ts';
import { createServices } from '../modules.ts';

const DATA = resolve(import.meta.dirname, '../../test/fixtures/sanctions');
const read = (f: string) => readFileSync(resolve(DATA, f));
/** Individuals and entities in a UN list file (the trimmed fixtures hold 160 in 2024 and 292 in 2026). */
const unRecords = (f: string) => (read(f).toString('utf8').match(/<(INDIVIDUAL|ENTITY)>/g) ?? []).length;
const officer: Actor = { kind: 'user', userId: null, name: 'officer', role: 'licensing_officer', organisationId: null };
const admin: Actor = { kind: 'user', userId: null, name: 'admin', role: 'administrator', organisationId: null };
const industry: Actor = { kind: 'user', userId: null, name: 'acme', role: 'industry', organisationId: null };

describeEngines('screening service', (engine) => {
  let deps: TestDeps;
  let svc: ScreeningService;
  let v2024: string;
  let v2026: string;

  beforeAll(async () => {
    deps = await createTestDeps(engine);
    svc = createServices(deps).screening;
    v2024 = (await svc.importList(admin, { content: read('un_consolidated_list_2024-09-26.xml'), fileName: 'un_consolidated_list_2024-09-26.xml' })).version.id;
  }, 180_000);
  afterAll(async () => {
    await deps?.close();
  });

  it('imports a list as an active version with its publication date and counts', async () => {
    const versions = await svc.listVersions(officer);
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({ id: v2024, source: 'un', publishedOn: '2024-09-26', entryCount: unRecords('un_consolidated_list_2024-09-26.xml'), status: 'active' });
    const audit = await deps.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'screening.list_version.import'`);
    expect(audit[0].n).toBe(1);
  });

  it('rejects a malformed file and changes nothing', async () => {
    const before = await deps.db.query<{ n: number }>('SELECT count(*)::int AS n FROM screening_entry');
    const un = read('un_consolidated_list_2026-02-27.xml');
    await expect(svc.importList(admin, { content: un.subarray(0, Math.floor(un.length * 0.7)) })).rejects.toMatchObject({
      status: 400,
      errors: [expect.objectContaining({ field: 'file', code: 'screening.list_malformed' })],
    });
    await expect(svc.importList(admin, { content: Buffer.from('hello') })).rejects.toMatchObject({ status: 400 });
    const after = await deps.db.query<{ n: number }>('SELECT count(*)::int AS n FROM screening_entry');
    expect(after[0].n).toBe(before[0].n);
    expect((await svc.listVersions(officer)).map((v) => v.id)).toEqual([v2024]);
  });

  it('refuses imports to anyone but an administrator', async () => {
    await expect(svc.importList(officer, { content: Buffer.from('x') })).rejects.toMatchObject({ status: 403 });
  });

  it('finds a listed person by name with an explanation and the list version used', async () => {
    const r = await svc.screenName(officer, { name: 'Germain Katanga', kind: 'person' });
    expect(r.listVersions).toEqual([{ id: v2024, source: 'un', publishedOn: '2024-09-26' }]);
    const top = r.hits[0];
    expect(top).toMatchObject({ referenceNumber: 'CDi.006', source: 'un' });
    expect(top.score).toBeGreaterThanOrEqual(0.95);
    expect(top.explanation.pairs.map((p) => p.how)).toEqual(['exact', 'exact']);
    // Reordered and misspelt: still found, lower; a year of birth that agrees raises it, one that conflicts removes it.
    const r2 = await svc.screenName(officer, { name: 'KATANGA Germaine', kind: 'person' });
    const hit = r2.hits.find((h) => h.referenceNumber === 'CDi.006')!;
    expect(hit.score).toBeLessThan(top.score);
    const agree = (await svc.screenName(officer, { name: 'KATANGA Germaine', kind: 'person', dob: '1978-04-28' })).hits.find((h) => h.referenceNumber === 'CDi.006')!;
    expect(agree.score).toBeGreaterThan(hit.score);
    expect(agree.explanation.features.map((f) => f.feature)).toContain('dob_match');
    const conflict = await svc.screenName(officer, { name: 'KATANGA Germaine', kind: 'person', dob: '1990' });
    expect(conflict.hits.find((h) => h.referenceNumber === 'CDi.006')).toBeUndefined();
    expect((await svc.screenName(officer, { name: 'Olaf Scholz', kind: 'person' })).hits).toEqual([]);
    await expect(svc.screenName(industry, { name: 'x' })).rejects.toMatchObject({ status: 403 });
  });

  it('falls back to trigram similarity through the index, leaving the planner setting as it was', async () => {
    const listed = await deps.db.query<{ external_id: string }>(
      `SELECT external_id FROM screening_entry_name WHERE version_id = $1 AND normalized = 'germain katanga'`, [v2024],
    );
    expect(listed.length).toBeGreaterThan(0);
    await deps.db.transaction(async (tx) => {
      const rows = await store.trigramCandidates(tx, 'germainne katangga', [v2024], 40);
      expect(rows.map((r) => r.external_id)).toContain(listed[0].external_id);
      const [{ s }] = await tx.query<{ s: string }>(`SELECT current_setting('enable_seqscan') AS s`);
      expect(s).toBe('on');
    });
  });

  it('treats a matching identity document as strong evidence', async () => {
    const [row] = await deps.db.query<{ name: string; num: string }>(
      `SELECT primary_name AS name, data->'documents'->0->>'number' AS num FROM screening_entry
       WHERE version_id = $1 AND jsonb_array_length(data->'documents') > 0 AND length(data->'documents'->0->>'number') >= 6 ORDER BY external_id LIMIT 1`,
      [v2024],
    );
    const r = await svc.screenName(officer, { name: 'Unrelated Person Name', identifiers: [{ number: row.num }] });
    expect(r.hits[0]).toMatchObject({ entryName: row.name });
    expect(r.hits[0].explanation.features[0].feature).toBe('identifier_match');
  });

  it('remembers a false positive for the party until the party changes', async () => {
    const party = { partyRef: 'party-1', name: 'Eric Badege', kind: 'person' as const, country: 'CD' };
    const first = await svc.screenParties(SYSTEM_ACTOR, { parties: [party], purpose: 'submission' });
    const hit = first.results[0].hits[0];
    expect(hit.status).toBe('open');
    expect(first.results[0].openHits).toBeGreaterThan(0);
    await expect(svc.decide(industry, hit.id!, { decision: 'false_positive', reason: 'different person' })).rejects.toMatchObject({ status: 403 });
    const decision = await svc.decide(officer, hit.id!, { decision: 'false_positive', reason: 'Different person: born 1985 in Kinshasa' });
    expect(decision).toMatchObject({ decision: 'false_positive', hitId: hit.id });
    const again = await svc.screenParties(SYSTEM_ACTOR, { parties: [party] });
    const same = again.results[0].hits.find((h) => h.externalId === hit.externalId)!;
    expect(same).toMatchObject({ status: 'suppressed', suppressedBy: decision.id });
    const changed = await svc.screenParties(SYSTEM_ACTOR, { parties: [{ ...party, dob: '1971' }] });
    expect(changed.results[0].hits.find((h) => h.externalId === hit.externalId)!.status).toBe('open');
    const audit = await deps.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'screening.decision.false_positive'`);
    expect(audit[0].n).toBe(1);
  });

  it('imports a new version atomically, diffs it and re-screens known parties into alerts', async () => {
    // A party that matches an entry of the Iran regime, which the 2024 list does not have.
    const [iran] = await deps.db.query<{ name: string }>(
      `SELECT e.primary_name AS name FROM screening_entry e WHERE e.version_id = $1 LIMIT 1`,
      [v2024],
    );
    expect(iran).toBeDefined();
    const xml = read('un_consolidated_list_2026-02-27.xml').toString('utf8');
    const iranName = /<UN_LIST_TYPE>Iran<\/UN_LIST_TYPE>/.test(xml) ? /<ENTITY>\s*<DATAID>\d+<\/DATAID>\s*<VERSIONNUM>\d+<\/VERSIONNUM>\s*<FIRST_NAME>([^<]+)<\/FIRST_NAME>(?:(?!<\/ENTITY>)[\s\S])*?<UN_LIST_TYPE>Iran</.exec(xml)![1] : '';
    expect(iranName).not.toBe('');
    const before = await svc.screenParties(SYSTEM_ACTOR, { parties: [{ partyRef: 'party-iran', name: iranName, kind: 'organisation' }] });
    expect(before.results[0].hits.filter((h) => h.programmes.includes('Iran'))).toEqual([]);

    const imported = await svc.importList(admin, { content: read('un_consolidated_list_2026-02-27.xml'), fileName: 'un_consolidated_list_2026-02-27.xml' });
    v2026 = imported.version.id;
    expect(imported.superseded).toEqual([v2024]);
    expect(imported.rescreen.subjects).toBeGreaterThanOrEqual(2);
    expect(imported.rescreen.newAlerts).toBeGreaterThanOrEqual(1);
    const versions = await svc.listVersions(officer);
    expect(versions.find((v) => v.id === v2024)!.status).toBe('superseded');
    expect(versions.find((v) => v.id === v2026)!.status).toBe('active');

    const alerts = await svc.listAlerts(officer, { status: 'open' });
    expect(alerts.some((a) => a.reason.startsWith(iranName))).toBe(true);
    const ack = await svc.acknowledgeAlert(officer, alerts[0].id);
    expect(ack.status).toBe('acknowledged');
    await expect(svc.acknowledgeAlert(officer, alerts[0].id)).rejects.toMatchObject({ status: 409 });

    const diff = await svc.diff(officer, v2024, v2026);
    expect(diff.counts.added).toBe(diff.added.length);
    expect(diff.added.some((e) => e.programmes.includes('Iran'))).toBe(true);
    expect(diff.removed.some((e) => e.programmes.includes('Iran'))).toBe(false);
    expect(diff.counts.added - diff.counts.removed).toBe(unRecords('un_consolidated_list_2026-02-27.xml') - unRecords('un_consolidated_list_2024-09-26.xml'));
    expect(diff.changed.length).toBeGreaterThan(0);
    expect(diff.changed[0].fields.length).toBeGreaterThan(0);
    // Re-importing the active file is refused.
    await expect(svc.importList(admin, { content: read('un_consolidated_list_2026-02-27.xml') })).rejects.toMatchObject({ status: 409 });
  }, 180_000);

  it('screens every registry party, persons by their personal data', async () => {
    const { createRegistryService } = await import('../registry/service.ts');
    const registry = createRegistryService(deps);
    await registry.createParty(SYSTEM_ACTOR, { kind: 'person', roles: ['end_user'], country: 'CD', personal: { givenNames: 'Germain', familyName: 'Katanga', dateOfBirth: '1978-04-28' } });
    await registry.createParty(SYSTEM_ACTOR, { kind: 'organisation', roles: ['dealer'], name: 'Harmless Hunting Supplies Ltd', country: 'FR' });
    const r = await svc.screenRegistryParties(officer);
    expect(r.parties).toBe(2);
    expect(r.withOpenHits).toBe(1);
    const [subject] = await deps.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM screening_subject WHERE origin = 'registry'`);
    expect(subject.n).toBe(2);
  });

  it('flags destinations under arms embargo by scope, and parties in them', async () => {
    const kp = await svc.checkDestination(officer, { countryCode: 'kp' });
    expect(kp.flagged).toBe(true);
    expect(kp.strictestScope).not.toBeNull();
    expect(kp.embargoes[0].imposedBy).toMatch(/Security Council/);
    expect((await svc.checkDestination(officer, { countryCode: 'FR' })).flagged).toBe(false);
    const r = await svc.screenParties(SYSTEM_ACTOR, { parties: [{ partyRef: 'party-kp', name: 'Pyongyang Trading Agency', kind: 'organisation', country: 'KP' }] });
    expect(r.results[0].countryEmbargo).toMatchObject({ countryCode: 'KP', flagged: true });
  });

  it('flags an application essentially identical to a denial received from another State', async () => {
    await svc.recordReceivedDenial(admin, {
      notifyingState: 'DE', reference: 'DE-2026-0042', deniedOn: '2026-03-01', destination: 'SD',
      endUserName: 'Al Fajr Trading Co. Ltd', controlCategories: ['ML1', 'ML3'], reason: 'Risk of diversion',
    });
    const flagged = await svc.checkDenials(officer, { destination: 'SD', endUserName: 'AL-FAJR TRADING COMPANY', controlCategories: ['ML3'] });
    expect(flagged.flagged).toBe(true);
    expect(flagged.matches[0]).toMatchObject({ commonCategories: ['ML3'], denial: { reference: 'DE-2026-0042' } });
    expect((await svc.checkDenials(officer, { destination: 'SD', endUserName: 'Al Fajr Trading', controlCategories: ['ML10'] })).flagged).toBe(false);
    expect((await svc.checkDenials(officer, { destination: 'SS', endUserName: 'Al Fajr Trading', controlCategories: ['ML3'] })).flagged).toBe(false);
    const own = await svc.checkDenials(officer, { destination: 'YE', endUserName: 'Omega Arms', controlCategories: ['ML1'] }, [
      { reference: 'REF-1', destination: 'YE', endUserName: 'Omega Arms LLC', controlCategories: ['ML1'] },
    ]);
    expect(own.matches[0].denial.source).toBe('own');
    await expect(svc.recordReceivedDenial(admin, { notifyingState: 'DE', reference: 'DE-2026-0042', deniedOn: '2026-03-01', destination: 'SD', endUserName: 'x', controlCategories: ['ML1'] })).rejects.toMatchObject({ status: 409 });
  });
});
