import fs from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { stateHash } from '../platform/crypto/canonical.ts';
import { createTestDeps, type TestDeps } from '../../test/support/deps.ts';
import { describeEngines } from '../../test/support/engines.ts';
import { actor } from '../licensing/fixtures.ts';
import { createServices } from '../modules.ts';
import { HISTORY_IMPORT } from './entities.ts';
import type { ArmsReport, WassenaarReport } from './model.ts';
import { createReportingService, type ReportingService } from './service.ts';
import type { HistoryFileInput } from './use-cases/import-history.ts';
import { loadDemoHistory } from './demo-history.ts';

const supervisor = actor('licensing_supervisor');
const officer = actor('licensing_officer');

const SIPRI = fs.readFileSync(new URL('./fixtures/sipri_sample.csv', import.meta.url));
const EU = fs.readFileSync(new URL('./fixtures/eu_sample.csv', import.meta.url));
const files = (sipri: Buffer = SIPRI, eu: Buffer = EU): HistoryFileInput[] => [
  { source: 'sipri', fileName: 'sipri_sample.csv', content: sipri },
  { source: 'eu_coarm', fileName: 'eu_sample.csv', content: EU === eu ? EU : eu },
];

async function rejects(p: Promise<unknown>): Promise<{ status: number; errors: { field: string; code?: string; line?: number }[] }> {
  try {
    await p;
  } catch (err) {
    return err as { status: number; errors: { field: string; code?: string; line?: number }[] };
  }
  throw new Error('expected a rejection');
}

describeEngines('reporting: historical transfers', (engine) => {
  let deps: TestDeps;
  let svc: ReportingService;
  const count = async (table: string) => (await deps.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0].n;

  beforeAll(async () => {
    deps = await createTestDeps(engine);
    svc = createReportingService(deps, createServices(deps));
  }, 120_000);
  afterAll(async () => {
    await deps.close();
  });

  it('refuses a bad file whole, naming file, line and field, and writes nothing; an officer may not import', async () => {
    const bad = Buffer.from(SIPRI.toString('latin1').replace('Descubierta,frigate,2,', 'Descubierta,frigate,two,'), 'latin1');
    const err = await rejects(svc.importHistory(supervisor, { state: 'ES', files: files(bad) }));
    expect(err.status).toBe(400);
    expect(err.errors).toEqual([{ line: 17, field: 'sipri_sample.csv: number_delivered', code: 'reporting.history_invalid', message: '"two" is not a whole number.' }]);
    expect(await count('reporting_history_imports')).toBe(0);
    expect(await count('reporting_historical_transfers')).toBe(0);
    const absent = await rejects(svc.importHistory(supervisor, { state: 'PT', files: files() }));
    expect(absent.errors.map((e) => e.code)).toEqual(['reporting.history_state_absent', 'reporting.history_state_absent']);
    expect((await rejects(svc.importHistory(officer, { state: 'ES', files: files() }))).status).toBe(403);
  });

  it('imports both files for the node State, one audited entry per file with its SHA-256 and counts', async () => {
    const r = await svc.importHistory(supervisor, { state: 'ES', files: files() });
    expect(r).toMatchObject({ state: 'XC', sourceName: 'Spain' });
    expect(r.files.map((f) => [f.source, f.status, f.counts.imported, f.counts.unmapped])).toEqual([['sipri', 'imported', 10, 1], ['eu_coarm', 'imported', 13, 6]]);
    expect(r.files[1].unmapped).toEqual([{ what: 'ML10', rows: 3 }, { what: 'ML4', rows: 2 }, { what: 'ML6', rows: 1 }]);
    expect(await count('reporting_historical_transfers')).toBe(23);
    const entries = await deps.db.query<{ entity_id: string; state_hash: string }>(`SELECT entity_id, state_hash FROM audit_log WHERE action = 'reporting.history.import' ORDER BY seq`);
    expect(entries).toHaveLength(2);
    for (const e of entries) {
      const state = (await HISTORY_IMPORT.load(deps.db, [e.entity_id])).get(e.entity_id) as { fileSha256: string };
      expect(stateHash(state)).toBe(e.state_hash);
      expect(state.fileSha256).toMatch(/^[0-9a-f]{64}$/);
    }
    // The same files again write nothing.
    const again = await svc.importHistory(supervisor, { state: 'ES', files: files() });
    expect(again.files.map((f) => f.status)).toEqual(['unchanged', 'unchanged']);
    expect(await count('reporting_historical_transfers')).toBe(23);
  });

  it('prints the period’s imported rows apart from the computed tables, on the report’s basis, with their sources', async () => {
    const att = (await svc.generateReport(officer, { kind: 'att', period: '2011', basis: 'actual' })).content as ArmsReport;
    expect(att.exports).toEqual([]); // the node recorded nothing: its own tables stay empty
    expect(att.nil.exports).toBe(true);
    const h = att.historical!;
    expect(h.note).toMatch(/not computed from this node/);
    expect(h.sources.map((s) => [s.source, s.sourceName])).toEqual([['eu_coarm', 'Spain']]);
    expect(h.exports.map((x) => [x.sourceLine, x.category, x.partnerCode, x.valueMinor, x.currency])).toEqual([[4, 'SALW', 'BR', 120_000, 'EUR']]);
    expect(h.unmapped.map((x) => x.sourceLine)).toEqual([3, 5, 8, 10, 11, 13]);
    expect(h.aggregates).toBe(3);

    const unroca = (await svc.generateReport(officer, { kind: 'unroca', period: '1984', basis: 'actual' })).content as ArmsReport;
    expect(unroca.historical!.exports.map((x) => [x.description, x.partnerCode, x.quantity])).toEqual([['Descubierta (frigate)', 'EG', 2]]);
    const authorised = (await svc.generateReport(officer, { kind: 'att', period: '2025', basis: 'authorised' })).content as ArmsReport;
    expect(authorised.historical!.imports.map((x) => [x.description, x.partnerCode, x.quantity])).toEqual([['ACV (armoured personnel carrier)', 'IT', 34]]);
    expect((await svc.generateReport(officer, { kind: 'att', period: '2000', basis: 'actual' })).content).toMatchObject({ historical: null });

    // Wassenaar: exports to non-participating States of the half-year's year (Egypt is not a participant).
    const wa = (await svc.generateReport(officer, { kind: 'wassenaar', period: '1984-H1' })).content as WassenaarReport;
    expect(wa.armsDeliveries).toEqual([]);
    expect(wa.historical!.exports.map((x) => [x.category, x.partnerCode])).toEqual([['VI', 'EG']]);

    const stored = await svc.generateReport(officer, { kind: 'att', period: '2011', basis: 'actual' });
    const csv = (await svc.renderReport(officer, stored.reference, 'csv')).body.toString('utf8');
    expect(csv).toContain('Historical exports (imported, not computed from the node');
    expect(csv).toContain('EU Annual Reports on arms exports');
    expect(csv).toContain('ML1 (EU Common Military List)');
  });

  it('draws imported exports per year as their own chart series', async () => {
    const c = await svc.charts(officer, { from: '1980-01-01', to: '2026-12-31', granularity: 'year', basis: 'actual' });
    expect(c.historicalByCategory).toContainEqual({ bucket: '1984', key: 'VI', value: 2 });
    expect(c.historicalByCategory).toContainEqual({ bucket: '2023', key: 'II', value: 24 });
    expect(c.historicalByCategory).toContainEqual({ bucket: '1994', key: 'unmapped', value: 2 });
    expect(c.transfersByCategory).toEqual([]);
  });

  it('a changed file supersedes the earlier import of its source: nothing deleted, reports read the new one', async () => {
    const changed = Buffer.from(SIPRI.toString('latin1').replace('Descubierta,frigate,2,,1984', 'Descubierta,frigate,3,,1984'), 'latin1');
    const r = await svc.importHistory(supervisor, { state: 'ES', files: [files(changed)[0]] });
    expect(r.files[0]).toMatchObject({ status: 'imported', superseded: expect.any(String) });
    expect(await count('reporting_history_imports')).toBe(3);
    expect(await count('reporting_historical_transfers')).toBe(33);
    const [{ n }] = await deps.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'reporting.history.supersede'`);
    expect(n).toBe(1);
    const unroca = (await svc.generateReport(officer, { kind: 'unroca', period: '1984', basis: 'actual' })).content as ArmsReport;
    expect(unroca.historical!.exports.map((x) => x.quantity)).toEqual([3]);
  });

  it('the demonstration State loads the shipped files (Spain in SIPRI and the EU reports): years of history in the reports', async () => {
    const r = await loadDemoHistory(svc, supervisor);
    expect(r.files.map((f) => [f.source, f.status, f.counts.imported])).toEqual([['sipri', 'imported', 744], ['eu_coarm', 'imported', 3666]]);
    const att = (await svc.generateReport(officer, { kind: 'att', period: '2013', basis: 'authorised' })).content as ArmsReport;
    expect(att.historical!.exports.length).toBeGreaterThan(10);
    expect(att.historical!.exports.every((x) => x.source === 'eu_coarm' || x.year === 2013)).toBe(true);
    expect((await loadDemoHistory(svc, supervisor)).files.map((f) => f.status)).toEqual(['unchanged', 'unchanged']);
  });
});
