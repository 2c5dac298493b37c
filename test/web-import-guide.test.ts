import { stringify } from 'csv-stringify/sync';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { ITEM_CSV_COLUMNS, REQUIRED_COLUMNS } from '../src/registry/import/model.ts';
import { IMPORT_COLUMNS, importTemplateCsv, parseErrorReport } from '../web/src/pages/registry/import-guide.ts';

/** The import page's column guide and template (web/src/pages/registry/import-guide.ts) against the server's import. */
describe('web: bulk import guide, template and error report', () => {
  it('lists exactly the columns the server reads, in its order', () => {
    expect([...IMPORT_COLUMNS]).toEqual([...ITEM_CSV_COLUMNS]);
  });

  it('offers a template whose header the server accepts, with example rows of the header’s width', () => {
    const rows = parse(importTemplateCsv()) as string[][];
    expect(rows[0]).toEqual([...ITEM_CSV_COLUMNS]);
    for (const c of REQUIRED_COLUMNS) expect(rows[0]).toContain(c);
    expect(rows.length).toBe(3);
    for (const r of rows.slice(1)) expect(r.length).toBe(rows[0].length);
  });

  it('reads the server’s error report, quoted commas, quotes and line breaks included', () => {
    const report = stringify(
      [
        [0, 'serial', 'csv.unknown_column', 'Unknown column "serial". Known columns: kind, type, make'],
        [7, 'kind', 'body.invalid_value', 'Invalid option:\nexpected one of "firearm"|"part"'],
      ],
      { header: true, columns: ['line', 'column', 'code', 'message'] },
    );
    expect(parseErrorReport(report)).toEqual([
      { line: 0, column: 'serial', code: 'csv.unknown_column', message: 'Unknown column "serial". Known columns: kind, type, make' },
      { line: 7, column: 'kind', code: 'body.invalid_value', message: 'Invalid option:\nexpected one of "firearm"|"part"' },
    ]);
  });
});
