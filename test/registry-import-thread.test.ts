import { afterAll, beforeAll, expect, it } from 'vitest';
import { verifyAuditLog } from '../src/audit/verify.ts';
import { CATALOG } from '../src/modules.ts';
import { SYSTEM_ACTOR } from '../src/platform/auth/actor.ts';
import { createImportService, type ImportOptions } from '../src/registry/import/service.ts';
import { createTestDeps, type TestDeps } from './support/deps.ts';
import { describeEngines } from './support/engines.ts';
import { csvSource, importWritten } from './support/imports.ts';

/**
 * A large file is prepared (parsed, validated, its rows and COPY text built) in a worker thread
 * (src/registry/import/prepare-thread.ts). What it writes and what it reports must be exactly what the
 * same file prepared in the service's own thread gives: same rows, same errors with line and column,
 * nothing written when all-or-nothing fails. `thread` forces either path on a small file.
 */

const HEADER = 'kind,type,make,model,calibre,serial_number,country_of_manufacture,year_of_manufacture,import_country,import_year,lot_number,quantity_rounds,description';

/**
 * Rows `from`..`to`, some with a second (import) marking, some with text COPY must escape; with line
 * breaks inside quoted fields if `multiline` (a row is then more than one line of the file).
 */
function rows(tag: string, from: number, to: number, multiline = false): string[] {
  const out: string[] = [];
  for (let i = from; i < to; i++) {
    const awkward = ['', 'tab\there', multiline ? '"line\nbreak"' : 'line break', 'back\\slash \\N', 'ünïcødé ✓'][i % 5];
    if (i % 7 === 6) out.push(`ammunition,,Fiocchi,,9mm Luger,,IT,2024,,,LOT-${tag}-${i},${100 + i},${awkward}`);
    else out.push(`firearm,self-loading pistol,Glock,17,9mm Luger,${tag}-${i},AT,2015,${i % 3 === 0 ? 'FR,2020' : ','},,,${awkward}`);
  }
  return out;
}
const file = (lines: string[]) => `${[HEADER, ...lines].join('\n')}\n`;

describeEngines('bulk import prepared in a worker thread', (engine) => {
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

  const both = async (text: string, opts: ImportOptions = {}) => {
    const viaThread = await createImportService(a).importItems(SYSTEM_ACTOR, csvSource(text, [1000, 5000]), { ...opts, thread: true });
    const here = await createImportService(b).importItems(SYSTEM_ACTOR, csvSource(text, [1000, 5000]), { ...opts, thread: false });
    return { viaThread, here };
  };

  it('writes the same items, markings and audit entries as the service thread, and the log verifies', async () => {
    const first = await both(file(rows('TH', 0, 1300, true)), { batchSize: 500 });
    expect(first.viaThread.job).toMatchObject({ status: 'completed', rows_total: 1300, items_created: 1300, items_existing: 0 });
    expect(first.here.job).toMatchObject({ status: 'completed', rows_total: 1300, items_created: 1300 });
    // A second file into the same registry: registered rows interleaved with new ones, so each batch
    // writes only some of its prepared lines (items with one or two markings).
    const second = await both(file([...rows('TH', 1000, 1300, true), ...rows('TH', 1300, 1500, true), ...rows('TH', 0, 100, true)].sort()), { batchSize: 64 });
    expect(second.viaThread.job).toMatchObject({ status: 'completed', rows_total: 600, items_created: 200, items_existing: 400 });
    expect(second.here.job).toMatchObject({ items_created: 200, items_existing: 400 });
    const [left, right] = [await importWritten(a.db), await importWritten(b.db)];
    expect(left.items).toHaveLength(1500);
    expect(left.unaudited).toBe(0);
    expect(left).toEqual(right);
    const report = await verifyAuditLog(a, CATALOG.auditedEntities);
    expect(report.problems).toEqual([]);
  });

  it('all-or-nothing: reports the same bad rows, line and column, and writes nothing', async () => {
    const lines = rows('BAD', 0, 900);
    lines[10] = 'firearm,laser cannon,Acme,X,,Z-1,US,2001,,,,,';
    lines[500] = 'ammunition,,Sellier,,,,CZ,2024,,,,abc,';
    lines[700] = lines[20]; // the same item twice
    lines[800] = 'firearm,revolver';
    const before = await importWritten(a.db);
    const { viaThread, here } = await both(file(lines), { batchSize: 100 });
    expect(viaThread.job).toMatchObject({ status: 'rejected', rows_total: 900, rows_invalid: 4, items_created: 0 });
    expect(viaThread.job.message).toBe(here.job.message);
    expect(viaThread.errors).toEqual(here.errors);
    expect(viaThread.errors.map((e) => `${e.line}:${e.column}:${e.code}`)).toEqual(
      expect.arrayContaining(['12:type:csv.type_invalid', '502:quantity_rounds:csv.not_an_integer', '702:serial_number:csv.duplicate_row', '802::csv.field_count']),
    );
    expect(await importWritten(a.db)).toEqual({ ...before, audit: expect.anything() });
    expect((await createImportService(a).jobErrors(SYSTEM_ACTOR, viaThread.job.id)).errors).toEqual(viaThread.errors);
  });

  it('partial: writes the valid rows and reports the same bad ones; a bad header or broken CSV reads the same', async () => {
    const lines = rows('PART', 0, 300);
    lines[150] = 'firearm,revolver,Taurus,85,38 Special,,BR,2001,,,,,';
    const partial = await both(file(lines), { partial: true, batchSize: 64 });
    expect(partial.viaThread.job).toMatchObject({ status: 'completed', items_created: 299, rows_invalid: 1 });
    expect(partial.viaThread.errors).toEqual(partial.here.errors);
    expect(partial.viaThread.errors).toEqual([expect.objectContaining({ line: 152, column: 'serial_number', code: 'marking.serial_required' })]);

    const header = await both('kind,colour,serial_number\nfirearm,red,X-1\n');
    expect(header.viaThread.job.status).toBe('rejected');
    expect(header.viaThread.job.message).toBe(header.here.job.message);
    expect(header.viaThread.errors).toEqual(header.here.errors);

    const broken = await both(file([...rows('BRK', 0, 50), 'firearm,revolver,"Taurus,85', ...rows('BRK', 50, 60)]), { partial: true, batchSize: 20 });
    expect(broken.viaThread.job.status).toBe('failed');
    expect(broken.viaThread.job.message).toBe(broken.here.job.message);
    expect(broken.viaThread.errors).toEqual(broken.here.errors);
    // Every row before the unclosed quote, in either thread (registry-import-malformed.test.ts).
    expect(broken.viaThread.job).toMatchObject({ items_created: 50, rows_total: 51 });
    expect(broken.here.job).toMatchObject({ items_created: 50, rows_total: 51 });
  });
});
