import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadNodeKeys } from '../platform/crypto/keys.ts';
import { stateHash } from '../platform/crypto/canonical.ts';
import { createTestDeps, type TestDeps } from '../../test/support/deps.ts';
import { describeEngines } from '../../test/support/engines.ts';
import { actor, doc, EXPORTER_ORG, exportApplication, IMPORT_AUTHORIZATION } from '../licensing/fixtures.ts';
import { createLicensingService, type LicensingService } from '../licensing/service.ts';
import { createServices } from '../modules.ts';
import { loadScreeningList } from '../../test/support/screening-list.ts';
import { MAPPING, REPORT } from './entities.ts';
import type { ArmsReport, TransferGroup, WassenaarReport } from './model.ts';
import * as store from './store.ts';
import { createReportingService, type ReportingService } from './service.ts';

const officer = actor('licensing_officer');
const supervisor = actor('licensing_supervisor');
const customs = actor('customs_officer');
const industry = actor('industry', EXPORTER_ORG);
const admin = actor('administrator');

const RIFLES = { lineNo: 1, description: 'Bolt-action rifle .308 Win', itemType: 'firearm' as const, controlEntry: 'ML1.a', hsCode: '930330', quantity: 40, unit: 'piece' as const, valueMinor: 4_800_000, currency: 'EUR', firearmType: 'rifle' };
const AMMO = { lineNo: 2, description: 'Cartridges .308 Win', itemType: 'ammunition' as const, controlEntry: 'ML3.a', hsCode: '930630', quantity: 20_000, unit: 'round' as const, valueMinor: 900_000, currency: 'EUR' };

async function rejects(p: Promise<unknown>): Promise<{ status: number; errors: { field: string; code?: string }[] }> {
  try {
    await p;
  } catch (err) {
    return err as { status: number; errors: { field: string; code?: string }[] };
  }
  throw new Error('expected a rejection');
}

describeEngines('reporting service', (engine) => {
  let deps: TestDeps;
  let licensing: LicensingService;
  let svc: ReportingService;
  let keysDir: string;
  let rifleLicence: string;
  let unclassifiedLicence: string;

  /** Submits, evidences, countersigns and issues an export to KE; returns the licence number. */
  async function issue(goods: unknown[], options: { acknowledgeDenials?: boolean } = {}): Promise<string> {
    const c = await licensing.submitApplication(industry, exportApplication({ goods: goods as never, transit: [] }));
    await licensing.assignOfficer(officer, c.id, { officer: 'Officer Ana' });
    const d = await licensing.uploadDocument(officer, c.id, doc('import_authorization', 'KE import licence'));
    await licensing.recordImportAuthorization(officer, c.id, { ...IMPORT_AUTHORIZATION, goods: [{ controlEntry: 'ML1', quantity: 1000, unit: 'piece' }, { controlEntry: 'ML3', quantity: 20_000, unit: 'round' }], documentId: d.id });
    await licensing.recommend(officer, c.id, { outcome: 'issue', reason: 'Verified', conditions: [] });
    await licensing.countersign(supervisor, c.id, { agree: true, reason: 'Agree' });
    return (await licensing.issueLicence(officer, c.id, options)).number;
  }

  beforeAll(async () => {
    deps = await createTestDeps(engine);
    keysDir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-reporting-keys-'));
    licensing = createLicensingService(deps, createServices(deps), { keys: () => loadNodeKeys({ keysDir }) });
    await loadScreeningList(createServices(deps).screening);
    svc = createReportingService(deps, createServices(deps));
    rifleLicence = await issue([RIFLES, AMMO]);
    unclassifiedLicence = await issue([{ ...RIFLES, lineNo: 1, firearmType: undefined, description: 'Firearm, type not given', quantity: 5 }]);
    deps.clock.advance(7 * 86_400_000);
    await licensing.recordShipment(customs, {
      licenceNumber: rifleLicence,
      shippedOn: '2026-06-08',
      exitPoint: 'ESVLC',
      carrier: { name: 'Maersk Line', country: 'DK' },
      lines: [{ lineNo: 1, quantity: 30 }, { lineNo: 2, quantity: 10_000 }],
    });
  }, 120_000);
  afterAll(async () => {
    await deps.close();
    fs.rmSync(keysDir, { recursive: true, force: true });
  });

  it('starts from the reference crosswalk, audited, and keeps every version of an edited mapping', async () => {
    const seeded = await svc.listMappings(officer);
    expect(seeded.find((m) => m.itemType === 'firearm' && m.firearmType === 'rifle')).toMatchObject({ unrocaCategory: 'SA2', version: 1, source: 'reference' });
    const [{ n }] = await deps.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'reporting.mapping.seed'`);
    expect(n).toBe(seeded.length);

    const key = { controlEntry: '*', itemType: 'firearm', firearmType: 'rifle' } as const;
    await svc.setMapping(supervisor, { ...key, unrocaCategory: 'SA4', wassenaarCategory: 'SA4', reportable: true, reason: 'Test: counted as assault rifles' });
    const back = await svc.setMapping(supervisor, { ...key, unrocaCategory: 'SA2', wassenaarCategory: 'SA2', reportable: true, reason: 'Back to rifles and carbines' });
    const same = await svc.setMapping(supervisor, { ...key, unrocaCategory: 'SA2', wassenaarCategory: 'SA2', reportable: true, reason: 'No change' });
    expect(same.id).toBe(back.id); // nothing written for an edit that changes nothing
    const history = await svc.mappingHistory(officer, key);
    expect(history.map((h) => [h.version, h.unrocaCategory, h.supersededAt === null])).toEqual([[1, 'SA2', false], [2, 'SA4', false], [3, 'SA2', true]]);
    expect(history[0].supersededBy).toBe(history[1].id);
    // Each version re-reads as audited.
    for (const h of history) {
      const [entry] = await deps.db.query<{ state_hash: string }>('SELECT state_hash FROM audit_log WHERE entity_id = $1 ORDER BY seq DESC LIMIT 1', [h.id]);
      const state = (await MAPPING.load(deps.db, [h.id])).get(h.id);
      expect(stateHash(state)).toBe(entry.state_hash);
    }
  });

  it('refuses a bad mapping with the field named and writes nothing', async () => {
    const before = await deps.db.query<{ n: number }>('SELECT count(*)::int AS n FROM reporting_category_mappings');
    const err = await rejects(svc.setMapping(supervisor, { controlEntry: 'XX9', itemType: 'firearm', unrocaCategory: 'IX', reportable: true, reason: 'bad' }));
    expect(err.status).toBe(400);
    expect(err.errors.map((e) => e.field).sort()).toEqual(['controlEntry', 'unrocaCategory']);
    expect(await deps.db.query('SELECT count(*)::int AS n FROM reporting_category_mappings')).toEqual(before);
    await expect(svc.setMapping(officer, { controlEntry: '*', itemType: 'firearm', unrocaCategory: 'SA1', reportable: true, reason: 'not mine' })).rejects.toMatchObject({ status: 403 });
  });

  it('builds the ATT report from shipments (actual) and from licences (authorised), listing unmapped lines', async () => {
    const actual = (await svc.previewReport(officer, { kind: 'att', period: '2026', basis: 'actual' })) as ArmsReport;
    expect(actual.exports).toEqual([expect.objectContaining({ category: 'SA2', partner: 'KE', quantity: 30, valueMinor: 3_600_000, currency: 'EUR', description: RIFLES.description })]);
    expect(actual.nil).toEqual({ exports: false, imports: true });
    expect(actual.notReportable).toBe(1); // the cartridges
    expect(actual.unmapped).toEqual([]);

    const authorised = (await svc.previewReport(officer, { kind: 'att', period: '2026', basis: 'authorised' })) as ArmsReport;
    expect(authorised.exports.map((e) => [e.category, e.quantity])).toEqual([['SA2', 40]]);
    expect(authorised.unmapped).toEqual([expect.objectContaining({ description: 'Firearm, type not given', quantity: 5, controlEntry: 'ML1.a', itemType: 'firearm' })]);

    const nil = (await svc.previewReport(officer, { kind: 'att', period: '2025', basis: 'actual' })) as ArmsReport;
    expect(nil.nil).toEqual({ exports: true, imports: true });
  });

  it('withholds a licence line (ATT Art. 13(3)) until released, audited', async () => {
    await svc.withholdLine(supervisor, { licenceNumber: rifleLicence, lineNo: 1, reason: 'commercially_sensitive', note: 'Contract terms' });
    const att = (await svc.previewReport(officer, { kind: 'att', period: '2026', basis: 'actual' })) as ArmsReport;
    expect(att.exports[0]).toMatchObject({ category: 'SA2', partner: 'KE', quantity: null, valueMinor: null, withheld: 'commercially_sensitive' });
    expect(att.withholding).toEqual({ declared: true, commerciallySensitive: 1, nationalSecurity: 0 });
    // The monthly sums less the withheld lines give exactly the groups of the lines themselves.
    const sorted = (gs: TransferGroup[]) => gs.map((g) => JSON.stringify(g)).sort();
    for (const basis of ['actual', 'authorised'] as const) {
      const [fromSums, fromLines] = await deps.db.transaction(async (t) => [await store.transferGroups(t, basis, '2026-01-01', '2026-12-31'), await store.transferGroupsFromLines(t, basis, '2026-01-01', '2026-12-31')]);
      expect(fromSums.some((g) => g.withheld === 'commercially_sensitive')).toBe(true);
      expect(sorted(fromSums)).toEqual(sorted(fromLines));
    }
    expect((await svc.listWithheld(officer)).map((w) => [w.licenceNumber, w.lineNo])).toEqual([[rifleLicence, 1]]);
    await svc.releaseLine(supervisor, { licenceNumber: rifleLicence, lineNo: 1, reason: 'Published by the company' });
    const after = (await svc.previewReport(officer, { kind: 'att', period: '2026', basis: 'actual' })) as ArmsReport;
    expect(after.exports[0].quantity).toBe(30);
    expect(await svc.listWithheld(officer)).toEqual([]);
    expect((await rejects(svc.withholdLine(supervisor, { licenceNumber: rifleLicence, lineNo: 9, reason: 'national_security' }))).errors[0].field).toBe('lineNo');
    await expect(svc.withholdLine(supervisor, { licenceNumber: 'XC-EXP-1999-000001', lineNo: 1, reason: 'national_security' })).rejects.toMatchObject({ status: 404 });
  });

  it('stores a generated report with its period, the audit-log size and its own hash, audited', async () => {
    const [{ size }] = await deps.db.query<{ size: number }>('SELECT size::int AS size FROM audit_head');
    const report = await svc.generateReport(officer, { kind: 'unroca', period: '2026' });
    expect(report).toMatchObject({ reference: 'XC-UNROCA-2026-1', periodStart: '2026-01-01', periodEnd: '2026-12-31', auditSize: size, options: { basis: 'actual' } });
    expect(report.contentHash).toBe(stateHash(report.content));
    expect((report.content as ArmsReport).exports[0]).toMatchObject({ quantity: 30, valueMinor: null });
    const again = await svc.getReport(officer, report.reference);
    expect(again.contentHash).toBe(stateHash(again.content)); // the stored content re-hashes to the same
    const [entry] = await deps.db.query<{ state_hash: string; action: string }>(`SELECT state_hash, action FROM audit_log WHERE entity = 'reporting_report' ORDER BY seq DESC LIMIT 1`);
    const id = (await deps.db.query<{ id: string }>('SELECT id FROM reporting_reports WHERE reference = $1', [report.reference]))[0].id;
    expect(stateHash((await REPORT.load(deps.db, [id])).get(id))).toBe(entry.state_hash);
    expect((await svc.generateReport(officer, { kind: 'unroca', period: '2026' })).reference).toBe('XC-UNROCA-2026-2');
    expect((await svc.listReports(officer)).items.map((r) => r.reference).slice(0, 2)).toEqual(['XC-UNROCA-2026-2', 'XC-UNROCA-2026-1']);
  });

  it('draws exports by category and destination per month, and licences issued and refused per month', async () => {
    const c = await svc.charts(officer, { from: '2026-01-01', to: '2026-12-31', granularity: 'month' });
    expect(c.transfersByCategory).toEqual([{ bucket: '2026-06', key: 'SA2', value: 30 }]);
    expect(c.transfersByDestination).toEqual([{ bucket: '2026-06', key: 'KE', value: 30 }]);
    expect(c.licencesByMonth).toEqual([{ month: '2026-06', issued: 2, refused: 0 }]);
    const authorised = await svc.charts(officer, { from: '2020-01-01', to: '2026-12-31', basis: 'authorised' });
    expect(authorised.transfersByCategory).toEqual([{ bucket: '2026', key: 'SA2', value: 40 }, { bucket: '2026', key: 'unmapped', value: 5 }]);
    expect((await rejects(svc.charts(officer, { from: '2026-02-01', to: '2026-01-01' }))).errors[0].field).toBe('to');
  });

  it('refuses a bad period naming the field, and industry users', async () => {
    const err = await rejects(svc.generateReport(officer, { kind: 'wassenaar', period: '2026' }));
    expect(err).toMatchObject({ status: 400, errors: [{ field: 'period', code: 'reporting.bad_period' }] });
    await expect(svc.previewReport(industry, { kind: 'att', period: '2026' })).rejects.toMatchObject({ status: 403 });
    await expect(svc.getReport(officer, 'XC-ATT-1900-1')).rejects.toMatchObject({ status: 404 });
  });

  it('builds the Wassenaar six-monthly report: deliveries, dual-use denials by tier, essentially identical approvals', async () => {
    // A dual-use refusal to a non-participating State.
    const c = await licensing.submitApplication(industry, exportApplication({ goods: [{ lineNo: 1, description: 'Encryption module', itemType: 'other', controlEntry: '5A002', hsCode: '930200', quantity: 2, unit: 'piece', valueMinor: 1000, currency: 'EUR' }] }));
    await licensing.assignOfficer(officer, c.id, { officer: 'Officer Ana' });
    await licensing.recommend(officer, c.id, { outcome: 'refuse', reason: 'Diversion risk', criteria: ['diversion_risk'] });
    await licensing.refuseApplication(officer, c.id, { criteria: ['diversion_risk'], reason: 'Diversion risk' });
    // A licence issued although another State denied an essentially identical one.
    await createServices(deps).screening.recordReceivedDenial(admin, { notifyingState: 'DE', reference: 'DE-2026-0042', deniedOn: '2026-03-01', destination: 'KE', endUserName: 'Kenya Wildlife Service', controlCategories: ['ML1'], reason: 'Risk of diversion' });
    const overridden = await issue([{ ...RIFLES, quantity: 2 }], { acknowledgeDenials: true });

    const first = (await svc.previewReport(officer, { kind: 'wassenaar', period: '2026-H1' })) as WassenaarReport;
    expect(first.participants.count).toBe(42);
    expect(first.armsDeliveries).toEqual([{ category: 'SA2', categoryTitle: 'Rifles and carbines', recipient: 'KE', quantity: 30, modelType: RIFLES.description }]);
    expect(first.unmappedEntries).toEqual([{ controlEntry: '5A002', references: [expect.stringMatching(/^XC-APP-2026-/)] }]);
    expect(first.identicalApprovals).toEqual([expect.objectContaining({ licenceNumber: overridden, denialReference: 'DE-2026-0042', denialSource: 'received:DE', destination: 'KE' })]);

    await svc.setMapping(supervisor, { controlEntry: '5A002', itemType: '*', dualUseTier: 'sensitive', reportable: true, reason: 'Sensitive List' });
    const second = (await svc.previewReport(officer, { kind: 'wassenaar', period: '2026-H1' })) as WassenaarReport;
    expect(second.unmappedEntries).toEqual([]);
    expect(second.sensitiveDenials).toEqual([expect.objectContaining({ tier: 'sensitive', destination: 'KE', deniedOn: '2026-06-08', notify: expect.objectContaining({ target: '2026-07-08', limit: '2026-08-07', clock: 'within_target' }) })]);
    expect((await svc.previewReport(officer, { kind: 'wassenaar', period: '2026-H2' })) as WassenaarReport).toMatchObject({ armsDeliveries: [], sensitiveDenials: [], identicalApprovals: [] });
  });
});
