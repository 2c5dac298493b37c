import { afterAll, beforeAll, expect, it } from 'vitest';
import { verifyAuditLog } from '../src/audit/verify.ts';
import { CATALOG } from '../src/modules.ts';
import { SYSTEM_ACTOR } from '../src/platform/auth/actor.ts';
import type { Db, Tx } from '../src/platform/db/types.ts';
import { createImportService, type ImportOptions } from '../src/registry/import/service.ts';
import { createTestDeps, type TestDeps } from './support/deps.ts';
import { describeEngines } from './support/engines.ts';
import { csvSource } from './support/imports.ts';

/**
 * An all-or-nothing import holds the audit log's head (its row lock) from its first batch to its commit:
 * the head is locked once and the Merkle frontier carried from one batch to the next, not read back from
 * the database for every batch. The log must verify (`audit verify` rebuilds the tree from the leaves
 * and compares every stored node) after imports of many batches, alone and beside other writers.
 */

const HEADER = 'kind,type,make,model,calibre,serial_number,country_of_manufacture,year_of_manufacture,import_country,import_year';
const file = (tag: string, n: number) => {
  const lines = [HEADER];
  for (let i = 0; i < n; i++) lines.push(`firearm,rifle,Steyr,SSG 08,308 Winchester,${tag}-${i},AT,2019,${i % 4 === 0 ? 'FR,2020' : ','}`);
  return `${lines.join('\n')}\n`;
};

/** The statements of the database's transactions that lock the audit head or read the frontier's nodes. */
function counting(db: Db) {
  const reads = { lock: 0, frontier: 0 };
  const tx = (inner: Tx): Tx => ({
    engine: inner.engine,
    query: (text, params, options) => {
      if (/FROM audit_head WHERE id = 1 FOR UPDATE/.test(text)) reads.lock++;
      if (/FROM audit_(node|log) WHERE \(?(level, idx\)|seq) IN/.test(text)) reads.frontier++;
      return inner.query(text, params, options);
    },
    exec: (script) => inner.exec(script),
    copyFrom: inner.copyFrom && ((table, columns, rows) => inner.copyFrom!(table, columns, rows)),
  });
  const counted: Db = Object.create(db, { transaction: { value: <T>(fn: (t: Tx) => Promise<T>) => db.transaction((t) => fn(tx(t))) } });
  return { counted, reads };
}

describeEngines('bulk import: the audit head held across the batches of one transaction', (engine) => {
  let deps: TestDeps;
  beforeAll(async () => {
    deps = await createTestDeps(engine);
    // A log whose size is not a power of two, so its frontier has several peaks.
    await createImportService(deps).importItems(SYSTEM_ACTOR, csvSource(file('SEED', 37)), { partial: true, batchSize: 5 });
  });
  afterAll(async () => {
    await deps?.close();
  });

  for (const thread of [false, true]) {
    it(`all-or-nothing over ${thread ? 'the worker thread' : 'the service thread'}: the head locked and the frontier read once for 38 batches; the log verifies`, async () => {
      const { counted, reads } = counting(deps.db);
      const out = await createImportService({ ...deps, db: counted }).importItems(SYSTEM_ACTOR, csvSource(file(`AON${thread ? 'T' : 'S'}`, 601)), { batchSize: 16, thread });
      expect(out.job).toMatchObject({ status: 'completed', items_created: 601 });
      // The batches lock the head once; the frontier is read for the job's start entry, the first batch
      // and the job's closing entry (the closing entry goes through the plain append, which reads it).
      expect(reads).toEqual({ lock: 1, frontier: 3 });
      expect((await verifyAuditLog(deps, CATALOG.auditedEntities)).problems).toEqual([]);
    });
  }

  it('an all-or-nothing and a partial import of many batches at once, then the log verifies', async () => {
    const svc = createImportService(deps);
    const opts = (o: ImportOptions): ImportOptions => ({ batchSize: 9, ...o });
    const [a, b] = await Promise.all([
      svc.importItems(SYSTEM_ACTOR, csvSource(file('CA', 400)), opts({})),
      svc.importItems(SYSTEM_ACTOR, csvSource(file('CB', 300)), opts({ partial: true })),
    ]);
    expect(a.job).toMatchObject({ status: 'completed', items_created: 400 });
    expect(b.job).toMatchObject({ status: 'completed', items_created: 300 });
    const report = await verifyAuditLog(deps, CATALOG.auditedEntities);
    expect(report.problems).toEqual([]);
  });

  it('an all-or-nothing import that is rejected leaves the log as it was and the next one verifies', async () => {
    const svc = createImportService(deps);
    const bad = `${file('REJ', 200)}firearm,laser cannon,Acme,X,,REJ-X,US,2001,,\n`;
    expect((await svc.importItems(SYSTEM_ACTOR, csvSource(bad), { batchSize: 10 })).job.status).toBe('rejected');
    expect((await svc.importItems(SYSTEM_ACTOR, csvSource(file('AFT', 150)), { batchSize: 10 })).job.status).toBe('completed');
    expect((await verifyAuditLog(deps, CATALOG.auditedEntities)).problems).toEqual([]);
  });
});
