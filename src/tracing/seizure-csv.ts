import type { FieldError } from '../platform/http/errors.ts';

/**
 * A police seizure list as CSV → recoveries, pure. One row is one recovered item with one mark as read;
 * rows with the same `case` key are one recovery and must agree on the recovery's columns. Field errors
 * from the API's rules are mapped back to the row (1-based line, the header is line 1) and the column.
 * Documented for users in docs/tracing.md.
 */

export const SEIZURE_CSV_COLUMNS = [
  'case',
  'recovered_on',
  'place_locode',
  'latitude',
  'longitude',
  'place',
  'agency_party_id',
  'recovery_type',
  'legal_justification',
  'criminal_context',
  'legal_reference',
  'kind',
  'type',
  'make',
  'model',
  'calibre',
  'country_of_manufacture',
  'nature',
  'quantity',
  'description',
  'serial',
  'marking_state',
  'marking_location',
  'manufacturer',
  'marking_text',
] as const;
export type SeizureCsvColumn = (typeof SEIZURE_CSV_COLUMNS)[number];

const REQUIRED: readonly SeizureCsvColumn[] = ['case', 'recovered_on', 'agency_party_id', 'recovery_type', 'legal_justification', 'criminal_context', 'kind', 'nature'];

/** The columns that describe the recovery: every row of one case must say the same. */
const CASE_COLUMNS: readonly SeizureCsvColumn[] = [
  'recovered_on',
  'place_locode',
  'latitude',
  'longitude',
  'place',
  'agency_party_id',
  'recovery_type',
  'legal_justification',
  'criminal_context',
  'legal_reference',
];

export function checkSeizureHeader(header: readonly string[]): FieldError[] {
  const errors: FieldError[] = [];
  const known = new Set<string>(SEIZURE_CSV_COLUMNS);
  const seen = new Set<string>();
  for (const c of header) {
    if (!known.has(c)) errors.push({ line: 1, field: c, code: 'csv.unknown_column', message: `Unknown column "${c}". Known columns: ${SEIZURE_CSV_COLUMNS.join(', ')}.` });
    if (seen.has(c)) errors.push({ line: 1, field: c, code: 'csv.duplicate_column', message: `Column "${c}" appears twice.` });
    seen.add(c);
  }
  for (const r of REQUIRED) if (!seen.has(r)) errors.push({ line: 1, field: r, code: 'csv.missing_column', message: `The header lacks the required column "${r}".` });
  return errors;
}

type Record_ = Readonly<Record<string, string | undefined>>;

const value = (r: Record_, c: SeizureCsvColumn): string | null => {
  const v = r[c]?.trim();
  return v ? v : null;
};
const enumOf = (v: string | null) => (v === null ? null : v.toLowerCase().replace(/[\s-]+/g, '_'));

export interface ParsedSeizureList {
  /** Recovery inputs (unvalidated shapes the API schema then checks). */
  recoveries: Record<string, unknown>[];
  /** Per recovery: its first line, and the line of each item. */
  lines: { caseLine: number; itemLines: number[] }[];
  errors: FieldError[];
}

function numberOrText(v: string | null): number | string | null {
  if (v === null) return null;
  const n = Number(v);
  return Number.isFinite(n) && /^-?\d+(\.\d+)?$/.test(v) ? n : v;
}

/** Rows (header-keyed, line-numbered) → one recovery per case key, in order of first appearance. */
export function groupSeizureRows(rows: readonly { line: number; record: Record_ }[]): ParsedSeizureList {
  const byKey = new Map<string, number>();
  const recoveries: Record<string, unknown>[] = [];
  const lines: ParsedSeizureList['lines'] = [];
  const firstRecord: Record_[] = [];
  const errors: FieldError[] = [];
  for (const { line, record } of rows) {
    const key = value(record, 'case');
    if (key === null) {
      errors.push({ line, field: 'case', code: 'csv.case_required', message: 'Give the case key that groups the rows of one recovery.' });
      continue;
    }
    let index = byKey.get(key);
    if (index === undefined) {
      index = recoveries.length;
      byKey.set(key, index);
      firstRecord.push(record);
      lines.push({ caseLine: line, itemLines: [] });
      const lat = value(record, 'latitude');
      const lon = value(record, 'longitude');
      recoveries.push({
        recoveredOn: value(record, 'recovered_on'),
        place: {
          locode: value(record, 'place_locode'),
          latitude: numberOrText(lat),
          longitude: numberOrText(lon),
          text: value(record, 'place'),
        },
        agencyPartyId: value(record, 'agency_party_id'),
        recoveryType: enumOf(value(record, 'recovery_type')),
        legalJustification: enumOf(value(record, 'legal_justification')),
        criminalContext: enumOf(value(record, 'criminal_context')),
        legalReference: value(record, 'legal_reference'),
        persons: [],
        items: [],
      });
    } else {
      for (const c of CASE_COLUMNS) {
        if ((value(record, c) ?? '') !== (value(firstRecord[index], c) ?? '')) {
          errors.push({ line, field: c, code: 'csv.case_mismatch', message: `Case "${key}" says otherwise on line ${lines[index].caseLine}: the rows of one case agree on "${c}".` });
        }
      }
    }
    const serial = value(record, 'serial');
    const state = enumOf(value(record, 'marking_state'));
    const hasMark = serial !== null || state !== null || value(record, 'marking_text') !== null;
    const quantity = value(record, 'quantity');
    (recoveries[index].items as unknown[]).push({
      kind: enumOf(value(record, 'kind')),
      type: enumOf(value(record, 'type')),
      make: value(record, 'make'),
      model: value(record, 'model'),
      calibre: value(record, 'calibre'),
      countryOfManufacture: value(record, 'country_of_manufacture')?.toUpperCase() ?? null,
      nature: enumOf(value(record, 'nature'))?.replace(/^3_?d_printed$/, '3d_printed') ?? null,
      quantity: numberOrText(quantity),
      description: value(record, 'description'),
      markings: hasMark
        ? [
            {
              location: enumOf(value(record, 'marking_location')) ?? 'frame',
              state: state ?? 'intact',
              serialAsRead: serial,
              manufacturerName: value(record, 'manufacturer'),
              textAsRead: value(record, 'marking_text'),
            },
          ]
        : [],
    });
    lines[index].itemLines.push(line);
  }
  return { recoveries, lines, errors };
}

const FIELD_TO_COLUMN: Record<string, SeizureCsvColumn> = {
  recoveredOn: 'recovered_on',
  'place.locode': 'place_locode',
  'place.latitude': 'latitude',
  'place.longitude': 'longitude',
  'place.text': 'place',
  agencyPartyId: 'agency_party_id',
  recoveryType: 'recovery_type',
  legalJustification: 'legal_justification',
  criminalContext: 'criminal_context',
  legalReference: 'legal_reference',
  kind: 'kind',
  type: 'type',
  make: 'make',
  model: 'model',
  calibre: 'calibre',
  countryOfManufacture: 'country_of_manufacture',
  nature: 'nature',
  quantity: 'quantity',
  description: 'description',
  markings: 'serial',
  serialAsRead: 'serial',
  state: 'marking_state',
  location: 'marking_location',
  manufacturerName: 'manufacturer',
  textAsRead: 'marking_text',
};

/** An API field error on recovery `index` → the CSV line and column that fed the field. */
export function toRowError(e: FieldError, lines: ParsedSeizureList['lines'][number]): FieldError {
  const item = /^items\.(\d+)\.(?:markings\.\d+\.)?(.+)$/.exec(e.field);
  if (item) {
    return { ...e, line: lines.itemLines[Number(item[1])] ?? lines.caseLine, field: FIELD_TO_COLUMN[item[2]] ?? item[2] };
  }
  return { ...e, line: lines.caseLine, field: FIELD_TO_COLUMN[e.field] ?? e.field };
}
