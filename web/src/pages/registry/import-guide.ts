/**
 * The CSV columns of a bulk item import (the server's list is src/registry/import/model.ts
 * ITEM_CSV_COLUMNS; test/web-import-guide.test.ts keeps the two equal), with a template officers can
 * download and fill in, since they cannot open docs/import-csv.md.
 */
export const IMPORT_COLUMNS = [
  'kind', 'type', 'make', 'model', 'calibre', 'serial_number', 'manufacturer', 'country_of_manufacture', 'place_of_manufacture',
  'year_of_manufacture', 'marking_location', 'alternative_symbol', 'alternative_code', 'import_country', 'import_year', 'lot_number',
  'quantity_rounds', 'is_antique', 'is_replica', 'temporary_import_purpose', 'description',
] as const;

/** Columns a row of that kind needs (as docs/import-csv.md says); the server checks every rule anyway. */
export const REQUIRED_FOR: Partial<Record<(typeof IMPORT_COLUMNS)[number], string>> = {
  kind: 'all',
  type: 'firearm, part',
  serial_number: 'firearm, part',
  country_of_manufacture: 'firearm, part',
  calibre: 'ammunition',
  lot_number: 'ammunition',
  quantity_rounds: 'ammunition',
};

const EXAMPLES: Record<string, string>[] = [
  { kind: 'firearm', type: 'self_loading_pistol', make: 'Glock', model: '17', calibre: '9x19mm', serial_number: 'ABC123', country_of_manufacture: 'AT', year_of_manufacture: '2019', marking_location: 'frame' },
  { kind: 'ammunition', type: 'complete_round', make: 'Fiocchi', calibre: '9x19mm', lot_number: 'L-2024-118', quantity_rounds: '1000', country_of_manufacture: 'IT' },
];

const cell = (v: string) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

/** The template file: the header and two example rows (a pistol and a lot of rounds). */
export function importTemplateCsv(): string {
  const rows = [IMPORT_COLUMNS.join(','), ...EXAMPLES.map((e) => IMPORT_COLUMNS.map((c) => cell(e[c] ?? '')).join(','))];
  return `${rows.join('\r\n')}\r\n`;
}

/** Parses the server's error report (RFC 4180 CSV with a header: line, column, code, message). */
export function parseErrorReport(text: string): { line: number; column: string; code: string; message: string }[] {
  const records: string[][] = [];
  let field = '';
  let row: string[] = [];
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  const endRow = () => {
    endField();
    records.push(row);
    row = [];
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') endField();
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRow();
    } else field += ch;
  }
  if (field || row.length) endRow();
  const [header, ...rest] = records;
  if (!header) return [];
  const at = (name: string) => header.indexOf(name);
  return rest.filter((r) => r.length >= header.length).map((r) => ({ line: Number(r[at('line')]), column: r[at('column')], code: r[at('code')], message: r[at('message')] }));
}
