import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { normaliseHeader } from '../src/registry/import/model.ts';
import { checkSeizureHeader, groupSeizureRows, SEIZURE_CSV_COLUMNS } from '../src/tracing/seizure-csv.ts';
import { SEIZURE_COLUMNS, SEIZURE_REQUIRED, seizureTemplateCsv } from '../web/src/pages/tracing/seizure-guide.ts';

/** The seizure-list page's column guide and template (web/src/pages/tracing/seizure-guide.ts) against the server's reader. */
describe('web: seizure list guide and template', () => {
  it('lists exactly the columns the server reads, in its order', () => {
    expect([...SEIZURE_COLUMNS]).toEqual([...SEIZURE_CSV_COLUMNS]);
  });

  it('marks as required exactly the columns whose absence the server refuses', () => {
    const missing = checkSeizureHeader([]).filter((e) => e.code === 'csv.missing_column').map((e) => e.field);
    expect(new Set(missing)).toEqual(SEIZURE_REQUIRED);
  });

  it('offers a template the server reads as one recovery of two items, with the agency picked on the page', () => {
    const agency = '01900000-0000-7000-8000-0000000000aa';
    const [header, ...rows] = parse(seizureTemplateCsv(agency)) as string[][];
    expect(checkSeizureHeader(header.map(normaliseHeader))).toEqual([]);
    for (const r of rows) expect(r.length).toBe(header.length);
    const grouped = groupSeizureRows(rows.map((r, i) => ({ line: i + 2, record: Object.fromEntries(header.map((h, k) => [h, r[k]])) })));
    expect(grouped.errors).toEqual([]);
    expect(grouped.recoveries).toHaveLength(1);
    expect(grouped.recoveries[0]).toMatchObject({ agencyPartyId: agency });
    expect((grouped.recoveries[0] as { items: unknown[] }).items).toHaveLength(2);
  });
});
