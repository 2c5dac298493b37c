import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { verifyAuditLog } from '../src/audit/verify.ts';
import { CATALOG } from '../src/modules.ts';
import { SYSTEM_ACTOR } from '../src/platform/auth/actor.ts';
import { MAX_ROW_BYTES } from '../src/registry/import/prepare.ts';
import { createImportService, type ImportOptions, type ImportSource } from '../src/registry/import/service.ts';
import { createTestDeps, type TestDeps } from './support/deps.ts';
import { describeEngines } from './support/engines.ts';

/**
 * A file that stops being valid CSV part-way (a quote closed in the middle of a field, a quote never
 * closed): every row before the break is accounted for — imported in partial mode, checked and listed
 * if bad in both modes — and the error names the break's line and column. The files are real files read
 * as the CLI reads them (64 KiB at a time), so the break lies in a piece with hundreds of valid rows
 * before it; both preparation paths (this thread, the worker thread) must give the same.
 */

const HEADER = 'kind,type,make,model,calibre,serial_number,country_of_manufacture,year_of_manufacture,import_country,import_year,lot_number,quantity_rounds,description';

const row = (tag: string, i: number) => `firearm,self-loading pistol,Glock,17,9mm Luger,${tag}-${i},AT,2015,${i % 3 === 0 ? 'FR,2020' : ','},,,pistol number ${i}`;

function rows(tag: string, from: number, to: number): string[] {
  const out: string[] = [];
  for (let i = from; i < to; i++) out.push(row(tag, i));
  return out;
}

let dir: string;
let n = 0;
/** The file as the CLI opens it (src/registry/cli.ts). */
function fileSource(lines: string[]): ImportSource {
  const file = path.join(dir, `items-${++n}.csv`);
  fs.writeFileSync(file, `${[HEADER, ...lines].join('\n')}\n`);
  return { fileName: path.basename(file), bytes: fs.statSync(file).size, open: () => fs.createReadStream(file) };
}

describeEngines('bulk import of a file that breaks as CSV part-way', (engine) => {
  let deps: TestDeps;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-malformed-'));
    deps = await createTestDeps(engine);
  });
  afterAll(async () => {
    await deps?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const serialsOf = async (tag: string) =>
    (await deps.db.query<{ serial_number: string }>('SELECT serial_number FROM registry_items WHERE serial_number LIKE $1 ORDER BY serial_number', [`${tag}-%`])).map((r) => r.serial_number);
  const importFile = (lines: string[], opts: ImportOptions) => createImportService(deps).importItems(SYSTEM_ACTOR, fileSource(lines), opts);

  for (const thread of [false, true]) {
    const where = thread ? 'worker thread' : 'service thread';

    it(`partial (${where}): imports every valid row before a quote closed mid-field, and names the break's line and column`, async () => {
      const tag = `CQ${thread ? 'T' : 'S'}`;
      const lines = rows(tag, 0, 1000);
      lines[700] = `firearm,laser cannon,Acme,X,,${tag}-700,US,2001,,,,,`;
      lines.push(`firearm,revolver,"Taurus"x,85,38 Special,${tag}-B,BR,2001,,,,,`, ...rows(tag, 1000, 1200));
      const out = await importFile(lines, { partial: true, batchSize: 64, thread });
      expect(out.job).toMatchObject({ status: 'failed', rows_total: 1001, rows_invalid: 2, items_created: 999, items_existing: 0 });
      expect(out.errors.map((e) => `${e.line}:${e.column}:${e.code}`)).toEqual(['702:type:csv.type_invalid', '1002:make:csv.malformed']);
      expect(out.job.message).toMatch(/line 1002, column make/);
      const expected = rows(tag, 0, 1000)
        .map((_, i) => `${tag}-${i}`)
        .filter((s) => s !== `${tag}-700`)
        .sort();
      expect(await serialsOf(tag)).toEqual(expected);
    });

    it(`partial (${where}): a quote never closed is named at the line and column it opens, the rows before it imported`, async () => {
      const tag = `UQ${thread ? 'T' : 'S'}`;
      // After it more than MAX_ROW_BYTES of rows: read as one field, which ends the pass there.
      const lines = [...rows(tag, 0, 900), '', `firearm,revolver,Taurus,85,"38 Special,${tag}-B,BR,2001,,,,,`, ...rows(tag, 900, 900 + Math.ceil(MAX_ROW_BYTES / 60))];
      const out = await importFile(lines, { partial: true, batchSize: 64, thread });
      // Line 1 header, 2..901 the rows, 902 empty, 903 the quote that never closes.
      expect(out.job).toMatchObject({ status: 'failed', rows_total: 901, rows_invalid: 1, items_created: 900 });
      expect(out.errors.map((e) => `${e.line}:${e.column}:${e.code}`)).toEqual(['903:calibre:csv.malformed']);
      expect(out.job.message).toMatch(/line 903, column calibre: A quoted field opens on this line and is not closed within 1 MiB/);
      expect(await serialsOf(tag)).toEqual(rows(tag, 0, 900).map((_, i) => `${tag}-${i}`).sort());
    });

    it(`all-or-nothing (${where}): lists every bad row before the break and the break itself, and writes nothing`, async () => {
      const tag = `AN${thread ? 'T' : 'S'}`;
      const lines = rows(tag, 0, 1000);
      lines[5] = `firearm,laser cannon,Acme,X,,${tag}-5,US,2001,,,,,`;
      lines[990] = `ammunition,,Sellier,,9mm Luger,,CZ,2024,,,LOT-${tag},abc,`;
      lines.push(`firearm,revolver,Taurus,8"5,38 Special,${tag}-B,BR,2001,,,,,`, ...rows(tag, 1000, 1100));
      const out = await importFile(lines, { batchSize: 64, thread });
      expect(out.job).toMatchObject({ status: 'rejected', rows_total: 1001, rows_invalid: 3, items_created: 0 });
      expect(out.errors.map((e) => `${e.line}:${e.column}:${e.code}`)).toEqual(['7:type:csv.type_invalid', '992:quantity_rounds:csv.not_an_integer', '1002:model:csv.malformed']);
      expect(out.job.message).toMatch(/line 1002, column model.*nothing was imported/);
      expect(await serialsOf(tag)).toEqual([]);
    });
  }

  it('a header that breaks is named at line 1 and counts no row', async () => {
    const file = path.join(dir, 'broken-header.csv');
    fs.writeFileSync(file, `kind,"type,serial_number\n${rows('BH', 0, 20).join('\n')}\n`);
    const source = { fileName: 'broken-header.csv', bytes: fs.statSync(file).size, open: () => fs.createReadStream(file) };
    const out = await createImportService(deps).importItems(SYSTEM_ACTOR, source, { partial: true });
    expect(out.job).toMatchObject({ status: 'failed', rows_total: 0, rows_invalid: 1, items_created: 0 });
    expect(out.errors.map((e) => `${e.line}:${e.column}:${e.code}`)).toEqual(['1::csv.malformed']);
  });

  it('the audit log verifies after the partial imports that stopped at a break', async () => {
    const report = await verifyAuditLog(deps, CATALOG.auditedEntities);
    expect(report.problems).toEqual([]);
  });
});
