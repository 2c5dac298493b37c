import { afterAll, beforeAll, expect, it } from 'vitest';
import { verifyAuditLog } from '../src/audit/verify.ts';
import { CATALOG } from '../src/modules.ts';
import { SYSTEM_ACTOR } from '../src/platform/auth/actor.ts';
import type { CopyValue } from '../src/platform/db/copy.ts';
import type { Db } from '../src/platform/db/types.ts';
import { createImportService } from '../src/registry/import/service.ts';
import { createTestDeps, type TestDeps } from './support/deps.ts';
import { describeEngines } from './support/engines.ts';
import { csvSource, importWritten } from './support/imports.ts';

/**
 * The bulk import writes items, markings and audit entries with COPY (src/platform/db/copy.ts). The
 * rows must be exactly those the set-based INSERTs wrote before: same values for awkward text, NULL
 * against empty, bytea, timestamps, and an audit log that verifies.
 */

/** The same database without COPY: the fallback path, i.e. what the import wrote before COPY. */
function withoutCopy(db: Db): Db {
  return { ...db, copyFrom: undefined, transaction: (fn) => db.transaction((tx) => fn({ ...tx, copyFrom: undefined })) };
}

const HEADER = 'kind,type,make,model,calibre,serial_number,country_of_manufacture,year_of_manufacture,import_country,import_year,lot_number,quantity_rounds,description';
/** 1,200 rows (one batch above the audit log's COPY threshold), with text that COPY's format must escape. */
function file(tag: string): string {
  const lines = [HEADER];
  for (let i = 0; i < 1200; i++) {
    const awkward = ['', 'tab\there', '"line\nbreak"', 'back\\slash \\N \\.', 'ünïcødé ✓', '"cr\r\nlf"'][i % 6];
    if (i % 10 === 9) lines.push(`ammunition,,Fiocchi,,9mm Luger,,IT,2024,,,LOT-${tag}-${i},${1000 + i},${awkward}`);
    else lines.push(`firearm,self-loading pistol,Glock,17,9mm Luger,${tag}-${i},AT,2015,${i % 3 === 0 ? 'FR,2020' : ','},,,${awkward}`);
  }
  return `${lines.join('\n')}\n`;
}

describeEngines('bulk import with COPY', (engine) => {
  let a: TestDeps;
  let b: TestDeps;
  beforeAll(async () => {
    a = await createTestDeps(engine);
    b = await createTestDeps(engine);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('COPY stores exactly what a parameterised INSERT stores', async () => {
    const values: CopyValue[][] = [
      ['tab\there', 1, true, new Date('2026-01-02T03:04:05.678Z'), Buffer.from([0, 1, 92, 255]), null],
      ['line\nbreak\r\nand \\ backslash \\N \\.', -7, false, new Date(0), Buffer.alloc(0), 'x'],
      ['', 0, null, null, null, ''],
      ['ünïcødé ✓ 𝄞', 2147483647, true, new Date('1999-12-31T23:59:59.999Z'), Buffer.from('\\x41'), '\\.'],
    ];
    const rows = await a.db.transaction(async (tx) => {
      await tx.exec('CREATE TEMP TABLE copy_probe (k int, t text, n int, b bool, ts timestamptz, by bytea, z text) ON COMMIT DROP');
      await tx.copyFrom!('copy_probe', ['k', 't', 'n', 'b', 'ts', 'by', 'z'], values.map((v, i) => [i, ...v]));
      for (const [i, v] of values.entries()) await tx.query('INSERT INTO copy_probe VALUES ($1, $2, $3, $4, $5, $6, $7)', [100 + i, ...v]);
      return tx.query<{ t: string }>('SELECT t, n, b, ts, by, z FROM copy_probe ORDER BY copy_probe.k');
    });
    expect(rows).toHaveLength(8);
    for (let i = 0; i < values.length; i++) expect(rows[i]).toEqual(rows[i + values.length]);
    expect(rows[0].t).toBe('tab\there');
    expect(rows[2]).toMatchObject({ t: '', z: '' });
  });

  it('refuses a table or column name that is not a plain identifier, writing nothing', async () => {
    await expect(a.db.copyFrom!('registry_items; DROP TABLE audit_log', ['id'], [['x']])).rejects.toThrow(/plain identifier/);
    await expect(a.db.copyFrom!('registry_items', ['id", "kind'], [['x']])).rejects.toThrow(/plain identifier/);
  });

  it('an import writes the same items, markings and audit entries with COPY as with INSERT, and the log verifies', async () => {
    const text = file('CP');
    const viaCopy = await createImportService(a).importItems(SYSTEM_ACTOR, csvSource(text));
    const viaInsert = await createImportService({ ...b, db: withoutCopy(b.db) }).importItems(SYSTEM_ACTOR, csvSource(text));
    expect(viaCopy.job.status).toBe('completed');
    expect(viaCopy.job.items_created).toBe(1200);
    expect(viaInsert.job.items_created).toBe(1200);
    const [left, right] = [await importWritten(a.db), await importWritten(b.db)];
    expect(left.items).toHaveLength(1200);
    expect(left.markings.length).toBeGreaterThan(1200);
    expect(left).toEqual(right);
    const descriptions = new Set(left.items.map((r) => (r as { description: string | null }).description));
    expect(descriptions).toEqual(new Set([null, 'tab\there', 'line\nbreak', 'back\\slash \\N \\.', 'ünïcødé ✓', 'cr\r\nlf']));
    // Both loads went into an empty registry, written without looking items up (the import holds the
    // audit head's lock throughout); the next file into the same registry finds them, and adds one.
    const next = `${text}ammunition,,Fiocchi,,9mm Luger,,IT,2024,,,LOT-CP-NEW,50,\n`;
    const again = await createImportService(a).importItems(SYSTEM_ACTOR, csvSource(next));
    expect(again.job).toMatchObject({ status: 'completed', items_created: 1, items_existing: 1200 });
    for (const d of [a, b]) {
      const report = await verifyAuditLog(d, CATALOG.auditedEntities);
      expect(report.problems).toEqual([]);
      expect(report.recordsChecked).toBeGreaterThanOrEqual(1200);
    }
  });
});
