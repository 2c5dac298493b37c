import type { z } from 'zod';
import type { FieldError } from '../../platform/http/errors.ts';
import {
  AMMUNITION_COMPONENTS,
  FIREARM_TYPES,
  ITEM_KINDS,
  MARKING_LOCATIONS,
  PART_TYPES,
  normaliseSerial,
  normaliseSerialOrNull,
  primarySerial,
  validateItem,
  validateItemMarkings,
  validateMarking,
  type AmmunitionComponent,
  type FirearmType,
  type ItemInput,
  type ItemKind,
  type MarkingInput,
  type MarkingLocation,
  type PartType,
} from '../model.ts';
import { itemFieldsSchema, markingInputSchema } from '../schemas.ts';

/**
 * Pure rules of the CSV item import: header check, one row → item + markings, and the natural key
 * that makes re-imports idempotent. Validation itself is registry/model.ts's (one source of truth for
 * Art. 8); this file only maps CSV columns to its inputs and its field names back to CSV columns.
 * Documented for users in docs/import-csv.md.
 */

export const ITEM_CSV_COLUMNS = [
  'kind',
  'type',
  'make',
  'model',
  'calibre',
  'serial_number',
  'manufacturer',
  'country_of_manufacture',
  'place_of_manufacture',
  'year_of_manufacture',
  'marking_location',
  'alternative_symbol',
  'alternative_code',
  'import_country',
  'import_year',
  'lot_number',
  'quantity_rounds',
  'is_antique',
  'is_replica',
  'temporary_import_purpose',
  'description',
] as const;
export type ItemCsvColumn = (typeof ITEM_CSV_COLUMNS)[number];

/** `type` is not required: an ammunition-only file may leave it out (complete rounds); a firearm or part row
 *  without a type is then a bad row naming the column. */
export const REQUIRED_COLUMNS: readonly ItemCsvColumn[] = ['kind'];

/** A bad row (or header) as reported to the user: 1-based line, the CSV column, a stable code and why. */
export interface RowError {
  line: number;
  column: string;
  code: string;
  message: string;
}

export interface ParsedItemRow {
  line: number;
  item: ItemInput;
  markings: MarkingInput[];
  /** Normalised serial search finds the item by (item serial, else the manufacture marking's). */
  serialNorm: string | null;
  /** Natural key: a second import of the same item finds it here and does not duplicate it. */
  importKey: string;
}

export type RowResult = { ok: true; row: ParsedItemRow } | { ok: false; errors: RowError[] };

/**
 * How long a running import's process vouches for it, and how often it renews that. A job still marked
 * running whose lease has run out was cut off (crash, kill -9, lost server): it reads as interrupted.
 * A lease, not an advisory lock: it is a plain UPDATE, so it works on every engine, through connection
 * poolers and on the distributed PostgreSQL engines, at the price of noticing a dead import within a
 * minute rather than at once.
 */
export const IMPORT_LEASE_MS = 60_000;
export const IMPORT_LEASE_RENEW_MS = 15_000;

/** Whether a job recorded as running was cut off. `runningHere`: this process is running it now. */
export function isInterrupted(
  job: { status: string; lease_until: Date | null },
  where: { runningHere: boolean; embedded: boolean; now: Date },
): boolean {
  if (job.status !== 'running' || where.runningHere) return false;
  // The embedded database has one process: a job that process does not run has no one else to run it.
  if (where.embedded) return true;
  return job.lease_until === null || job.lease_until.getTime() <= where.now.getTime();
}

export function checkHeader(columns: readonly string[]): RowError[] {
  const errors: RowError[] = [];
  const known = new Set<string>(ITEM_CSV_COLUMNS);
  const seen = new Set<string>();
  for (const c of columns) {
    if (!known.has(c)) {
      errors.push({ line: 1, column: c, code: 'csv.unknown_column', message: `Unknown column "${c}". Known columns: ${ITEM_CSV_COLUMNS.join(', ')}.` });
    }
    if (seen.has(c)) errors.push({ line: 1, column: c, code: 'csv.duplicate_column', message: `Column "${c}" appears twice.` });
    seen.add(c);
  }
  for (const r of REQUIRED_COLUMNS) {
    if (!seen.has(r)) errors.push({ line: 1, column: r, code: 'csv.missing_column', message: `The header lacks the required column "${r}".` });
  }
  return errors;
}

/** Headers are matched without case and with spaces or dashes read as underscores. */
export function normaliseHeader(h: string): string {
  return h.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

/** Enumerated values are matched the same way: "Self-loading pistol" → self_loading_pistol. */
function enumValue(v: string): string {
  return v.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

const ITEM_FIELD_TO_COLUMN: Record<string, ItemCsvColumn> = {
  kind: 'kind',
  firearmType: 'type',
  partType: 'type',
  ammunitionComponent: 'type',
  make: 'make',
  model: 'model',
  calibre: 'calibre',
  yearOfManufacture: 'year_of_manufacture',
  countryOfManufacture: 'country_of_manufacture',
  placeOfManufacture: 'place_of_manufacture',
  serialNumber: 'serial_number',
  lotNumber: 'lot_number',
  quantityRounds: 'quantity_rounds',
  isAntique: 'is_antique',
  isReplica: 'is_replica',
  temporaryImportPurpose: 'temporary_import_purpose',
  description: 'description',
};

const MARKING_FIELD_TO_COLUMN: Record<string, ItemCsvColumn> = {
  manufacturerName: 'manufacturer',
  countryOfManufacture: 'country_of_manufacture',
  placeOfManufacture: 'place_of_manufacture',
  serialNumber: 'serial_number',
  alternativeSymbol: 'alternative_symbol',
  alternativeCode: 'alternative_code',
  importCountry: 'import_country',
  importYear: 'import_year',
  yearOfManufacture: 'year_of_manufacture',
  location: 'marking_location',
  model: 'model',
  calibre: 'calibre',
};

/** Maps a registry/model.ts field path (`firearmType`, `markings.1.importCountry`) to the CSV column that fed it. */
export function columnForField(field: string): string {
  const m = /^markings\.(\d+)\.(.+)$/.exec(field);
  if (m) return MARKING_FIELD_TO_COLUMN[m[2]] ?? m[2];
  if (field === 'markings') return 'serial_number';
  return ITEM_FIELD_TO_COLUMN[field] ?? field;
}

function toRowErrors(line: number, errors: readonly FieldError[]): RowError[] {
  return errors.map((e) => ({ line, column: columnForField(e.field), code: e.code ?? 'invalid', message: e.message }));
}

/**
 * A CSV value is held to exactly what the API accepts for the same field (one source: registry/schemas.ts),
 * so a 100,000-character serial is a bad row naming its column, not a stored value or a failed job.
 */
function limitErrors(line: number, result: z.ZodSafeParseResult<unknown>, prefix: string): RowError[] {
  if (result.success) return [];
  return result.error.issues.map((issue) => {
    const column = columnForField(prefix + issue.path.map(String).join('.'));
    if (issue.code === 'too_big' && issue.origin === 'string') {
      return { line, column, code: 'csv.too_long', message: `At most ${String(issue.maximum)} characters are accepted here (as through the API).` };
    }
    return { line, column, code: 'csv.invalid', message: issue.message };
  });
}

function text(v: string | undefined): string | null {
  if (v == null) return null;
  const t = v.trim();
  return t === '' ? null : t;
}

/** The default place of the primary mark: ISACS 05.30 makes the frame or receiver the reference point. */
function defaultLocation(kind: ItemKind, firearmType: string | null, partType: string | null): MarkingLocation {
  if (kind === 'ammunition') return 'packaging';
  if (kind === 'part' && partType && (MARKING_LOCATIONS as readonly string[]).includes(partType)) return partType as MarkingLocation;
  if (kind === 'part') return 'other';
  const framed = ['revolver', 'self_loading_pistol', 'pistol', 'sub_machine_gun'];
  return firearmType && framed.includes(firearmType) ? 'frame' : 'receiver';
}

/** Natural key (kind, type, manufacturer, serial — or lot for ammunition). Case and serial punctuation do not count. */
export function naturalKey(item: ItemInput, manufacturer: string | null, serialNorm: string | null): string {
  const who = (manufacturer ?? item.make ?? '').trim().toUpperCase().replace(/\s+/g, ' ');
  if (item.kind === 'ammunition') {
    return ['ammunition', item.ammunitionComponent ?? '', who, (item.calibre ?? '').trim().toUpperCase(), normaliseSerial(item.lotNumber ?? '')].join('|');
  }
  const type = item.kind === 'firearm' ? item.firearmType : item.partType;
  return [item.kind, type ?? '', who, serialNorm ?? ''].join('|');
}

/**
 * One row's readers of typed columns, collecting its errors. A class, not closures made per row: a
 * million rows each made five closures, and the loader (tsx, keepNames) names every closure it creates.
 */
class RowReader {
  readonly errors: RowError[] = [];
  constructor(
    private readonly record: Readonly<Record<string, string | undefined>>,
    private readonly line: number,
  ) {}

  bad(column: ItemCsvColumn, code: string, message: string): void {
    this.errors.push({ line: this.line, column, code, message });
  }

  int(column: ItemCsvColumn): number | null {
    const v = text(this.record[column]);
    if (v == null) return null;
    if (!/^[+-]?\d+$/.test(v)) {
      this.bad(column, 'csv.not_an_integer', `"${v}" is not a whole number.`);
      return null;
    }
    const n = Number(v);
    if (!Number.isSafeInteger(n)) {
      this.bad(column, 'csv.not_an_integer', `"${v}" is too large.`);
      return null;
    }
    return n;
  }

  bool(column: ItemCsvColumn): boolean {
    const v = text(this.record[column]);
    if (v == null) return false;
    const l = v.toLowerCase();
    if (['true', 'yes', 'y', '1'].includes(l)) return true;
    if (['false', 'no', 'n', '0'].includes(l)) return false;
    this.bad(column, 'csv.not_a_boolean', `"${v}" is not true/false.`);
    return false;
  }

  country(column: ItemCsvColumn): string | null {
    return text(this.record[column])?.toUpperCase() ?? null;
  }
}

/** Values the row derives (the maker from `make`, a lot's mark from `lot_number`) are named by the column given. */
function givenColumn(e: RowError, record: Readonly<Record<string, string | undefined>>, kind: ItemKind, serialNumber: string | null): RowError {
  if (e.column === 'manufacturer' && text(record.manufacturer) == null) return { ...e, column: 'make' };
  if (e.column === 'serial_number' && kind === 'ammunition' && serialNumber == null) return { ...e, column: 'lot_number' };
  return e;
}

/**
 * One CSV record (header-keyed) → the item and its markings, validated by the registry's model rules.
 * `nowYear` bounds plausible years. Every problem on the row is reported, not only the first.
 */
export function parseItemRow(record: Readonly<Record<string, string | undefined>>, line: number, nowYear: number): RowResult {
  const r = new RowReader(record, line);
  const errors = r.errors;

  const kindRaw = text(record.kind);
  const kind = kindRaw ? enumValue(kindRaw) : null;
  if (!kind) {
    r.bad('kind', 'csv.kind_required', `Give the kind of item: ${ITEM_KINDS.join(', ')}.`);
    return { ok: false, errors };
  }
  if (!(ITEM_KINDS as readonly string[]).includes(kind)) {
    r.bad('kind', 'csv.kind_invalid', `"${kindRaw}" is not a kind of item (${ITEM_KINDS.join(', ')}).`);
    return { ok: false, errors };
  }
  const itemKind = kind as ItemKind;

  const typeRaw = text(record.type);
  const type = typeRaw ? enumValue(typeRaw) : null;
  let firearmType: FirearmType | null = null;
  let partType: PartType | null = null;
  let ammunitionComponent: AmmunitionComponent | null = null;
  if (itemKind === 'firearm' && type) {
    if ((FIREARM_TYPES as readonly string[]).includes(type)) firearmType = type as FirearmType;
    else r.bad('type', 'csv.type_invalid', `"${typeRaw}" is not a firearm type (${FIREARM_TYPES.join(', ')}).`);
  } else if (itemKind === 'part' && type) {
    if ((PART_TYPES as readonly string[]).includes(type)) partType = type as PartType;
    else r.bad('type', 'csv.type_invalid', `"${typeRaw}" is not a part type (${PART_TYPES.join(', ')}).`);
  } else if (itemKind === 'ammunition') {
    const component = type ?? 'complete_round';
    if ((AMMUNITION_COMPONENTS as readonly string[]).includes(component)) ammunitionComponent = component as AmmunitionComponent;
    else r.bad('type', 'csv.type_invalid', `"${typeRaw}" is not an ammunition component (${AMMUNITION_COMPONENTS.join(', ')}).`);
  }

  const locationRaw = text(record.marking_location);
  let location = defaultLocation(itemKind, firearmType, partType);
  if (locationRaw) {
    const l = enumValue(locationRaw);
    if ((MARKING_LOCATIONS as readonly string[]).includes(l)) location = l as MarkingLocation;
    else r.bad('marking_location', 'csv.location_invalid', `"${locationRaw}" is not a marking location (${MARKING_LOCATIONS.join(', ')}).`);
  }

  const make = text(record.make);
  const model = text(record.model);
  const calibre = text(record.calibre);
  const serialNumber = text(record.serial_number);
  const yearOfManufacture = r.int('year_of_manufacture');
  const countryOfManufacture = r.country('country_of_manufacture');
  const placeOfManufacture = text(record.place_of_manufacture);
  const lotNumber = text(record.lot_number);
  const quantityRounds = r.int('quantity_rounds');
  const importYear = r.int('import_year');
  const importCountry = r.country('import_country');
  const temporaryImportPurpose = text(record.temporary_import_purpose);
  const isAntique = r.bool('is_antique');
  const isReplica = r.bool('is_replica');
  // The manufacturer named on the mark; most files give the make only, which is the maker's name.
  const manufacturer = text(record.manufacturer) ?? make;
  const alternativeSymbol = text(record.alternative_symbol);
  const alternativeCode = text(record.alternative_code);

  const item: ItemInput = {
    kind: itemKind,
    firearmType,
    partType,
    ammunitionComponent,
    make,
    model,
    calibre,
    yearOfManufacture,
    countryOfManufacture,
    placeOfManufacture,
    serialNumber,
    lotNumber,
    quantityRounds,
    isAntique,
    isReplica,
    temporaryImportPurpose,
    description: text(record.description),
  };

  const markings: MarkingInput[] = [];
  // Ammunition is marked on its packaging; a lot row carries a manufacture mark only when it names the maker.
  if (itemKind !== 'ammunition' || text(record.manufacturer) != null) {
    markings.push({
      kind: 'manufacture',
      location,
      manufacturerName: manufacturer,
      countryOfManufacture,
      placeOfManufacture,
      serialNumber: itemKind === 'ammunition' ? (serialNumber ?? lotNumber) : serialNumber,
      alternativeSymbol,
      alternativeCode,
      yearOfManufacture,
      model,
      calibre,
    });
  }
  if (importCountry != null || importYear != null) {
    markings.push({ kind: 'import', location, importCountry, importYear });
  }

  const ruleErrors: RowError[] = [
    ...toRowErrors(line, validateItem(item, nowYear)),
    ...markings.flatMap((m, i) => toRowErrors(line, validateMarking(m, nowYear, `markings.${i}.`))),
    ...toRowErrors(line, validateItemMarkings(item, markings)),
  ];
  // A column that failed to parse reached the rules as blank; its "required" error would only repeat it.
  const reported = new Set(errors.map((e) => e.column));
  const ruled = ruleErrors.filter((e) => !reported.has(e.column));
  errors.push(...ruled);
  for (const e of ruled) reported.add(e.column);
  const limits = [
    ...limitErrors(line, itemFieldsSchema.safeParse(item), ''),
    ...markings.flatMap((m, i) => limitErrors(line, markingInputSchema.safeParse(m), `markings.${i}.`)),
  ];
  // Values the row derives (the maker from `make`, a lot's mark from `lot_number`) are named by the column given.
  errors.push(...limits.map((e) => givenColumn(e, record, itemKind, serialNumber)).filter((e) => !reported.has(e.column)));
  if (errors.length) return { ok: false, errors: dedupe(errors) };

  const serialNorm = normaliseSerialOrNull(primarySerial(item, markings));
  return { ok: true, row: { line, item, markings, serialNorm, importKey: naturalKey(item, manufacturer, serialNorm) } };
}

function dedupe(errors: RowError[]): RowError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const k = `${e.column}|${e.code}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
