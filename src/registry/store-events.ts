import { defineAuditedEntity } from '../platform/audit/entities.ts';
import { CopyText, copyTextOf } from '../platform/db/copy.ts';
import type { Queryable } from '../platform/db/types.ts';
import { uuidv7 } from '../platform/ids.ts';
import { normaliseSerialOrNull, type CustodyEventInput, type EventKind, type MarkingInput, type MarkingKind, type MarkingLocation } from './model.ts';

/**
 * SQL for what is appended to an item: its markings and its custody events (never updated, never
 * deleted). Every function takes a Queryable (the Db or a transaction). The `*State` functions build
 * the object the audit log hashes; the audited-entity loaders re-read them for `custodia audit verify`.
 */

// ---------------------------------------------------------------- rows

export interface MarkingRow {
  id: string;
  item_id: string;
  seq: number;
  kind: MarkingKind;
  manufacturer_name: string | null;
  country_of_manufacture: string | null;
  place_of_manufacture: string | null;
  serial_number: string | null;
  serial_norm: string | null;
  alternative_symbol: string | null;
  alternative_code: string | null;
  import_country: string | null;
  import_year: number | null;
  transferring_country: string | null;
  marking_country: string | null;
  marking_year: number | null;
  certificate_ref: string | null;
  year_of_manufacture: number | null;
  model: string | null;
  calibre: string | null;
  text: string | null;
  location: MarkingLocation;
  method: string | null;
  recorded_at: Date;
}

export interface EventRow {
  id: string;
  item_id: string;
  seq: number;
  kind: EventKind;
  occurred_at: Date;
  recorded_at: Date;
  from_party_id: string | null;
  to_party_id: string | null;
  place_locode: string | null;
  place_text: string | null;
  counterpart_country: string | null;
  authorization_ref: string | null;
  licence_id: string | null;
  certificate_ref: string | null;
  destruction_method: string | null;
  witnesses: string[] | null;
  temporary_import_purpose: string | null;
  note: string | null;
}

// ---------------------------------------------------------------- audited states

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function markingState(row: MarkingRow) {
  return {
    id: row.id,
    itemId: row.item_id,
    seq: row.seq,
    kind: row.kind,
    manufacturerName: row.manufacturer_name,
    countryOfManufacture: row.country_of_manufacture,
    placeOfManufacture: row.place_of_manufacture,
    serialNumber: row.serial_number,
    serialNorm: row.serial_norm,
    alternativeSymbol: row.alternative_symbol,
    alternativeCode: row.alternative_code,
    importCountry: row.import_country,
    importYear: row.import_year,
    transferringCountry: row.transferring_country,
    markingCountry: row.marking_country,
    markingYear: row.marking_year,
    certificateRef: row.certificate_ref,
    yearOfManufacture: row.year_of_manufacture,
    model: row.model,
    calibre: row.calibre,
    text: row.text,
    location: row.location,
    method: row.method,
    recordedAt: iso(row.recorded_at),
  };
}

export function eventState(row: EventRow) {
  return {
    id: row.id,
    itemId: row.item_id,
    seq: row.seq,
    kind: row.kind,
    occurredAt: iso(row.occurred_at),
    recordedAt: iso(row.recorded_at),
    fromPartyId: row.from_party_id,
    toPartyId: row.to_party_id,
    placeLocode: row.place_locode,
    placeText: row.place_text,
    counterpartCountry: row.counterpart_country,
    authorizationRef: row.authorization_ref,
    licenceId: row.licence_id,
    certificateRef: row.certificate_ref,
    destructionMethod: row.destruction_method,
    witnesses: row.witnesses ? [...row.witnesses] : null,
    temporaryImportPurpose: row.temporary_import_purpose,
    note: row.note,
  };
}

/** A stored event as the model's input (to replay the chain). */
export function eventInput(row: EventRow): CustodyEventInput {
  return {
    kind: row.kind,
    occurredAt: row.occurred_at,
    fromPartyId: row.from_party_id,
    toPartyId: row.to_party_id,
    placeLocode: row.place_locode,
    placeText: row.place_text,
    counterpartCountry: row.counterpart_country,
    authorizationRef: row.authorization_ref,
    licenceId: row.licence_id,
    certificateRef: row.certificate_ref,
    destructionMethod: row.destruction_method,
    witnesses: row.witnesses,
    temporaryImportPurpose: row.temporary_import_purpose,
    note: row.note,
  };
}

/** A marking row's recorded fields, camel-cased (the API's marking and the re-applied input share them). */
export function markingFields(row: MarkingRow) {
  return {
    kind: row.kind,
    location: row.location,
    manufacturerName: row.manufacturer_name,
    countryOfManufacture: row.country_of_manufacture,
    placeOfManufacture: row.place_of_manufacture,
    serialNumber: row.serial_number,
    alternativeSymbol: row.alternative_symbol,
    alternativeCode: row.alternative_code,
    importCountry: row.import_country,
    importYear: row.import_year,
    transferringCountry: row.transferring_country,
    markingCountry: row.marking_country,
    markingYear: row.marking_year,
    certificateRef: row.certificate_ref,
    yearOfManufacture: row.year_of_manufacture,
    model: row.model,
    calibre: row.calibre,
    text: row.text,
    method: row.method,
  };
}

export function markingInput(row: MarkingRow): MarkingInput {
  return markingFields(row);
}

// ---------------------------------------------------------------- markings and events

const MARKING_COLS =
  'id, item_id, seq, kind, manufacturer_name, country_of_manufacture, place_of_manufacture, serial_number, serial_norm, alternative_symbol, alternative_code, ' +
  'import_country, import_year, transferring_country, marking_country, marking_year, certificate_ref, year_of_manufacture, model, calibre, text, location, method, recorded_at';

const MARKING_COLUMN_NAMES = MARKING_COLS.split(', ') as (keyof MarkingRow)[];

/** The stored row of a new marking: the one mapping used by the service, the bulk import and the demo. */
export function markingRowFrom(m: MarkingInput, itemId: string, seq: number, at: Date): MarkingRow {
  return {
    id: uuidv7(),
    item_id: itemId,
    seq,
    kind: m.kind,
    manufacturer_name: m.manufacturerName ?? null,
    country_of_manufacture: m.countryOfManufacture ?? null,
    place_of_manufacture: m.placeOfManufacture ?? null,
    serial_number: m.serialNumber ?? null,
    serial_norm: normaliseSerialOrNull(m.serialNumber),
    alternative_symbol: m.alternativeSymbol ?? null,
    alternative_code: m.alternativeCode ?? null,
    import_country: m.importCountry ?? null,
    import_year: m.importYear ?? null,
    transferring_country: m.transferringCountry ?? null,
    marking_country: m.markingCountry ?? null,
    marking_year: m.markingYear ?? null,
    certificate_ref: m.certificateRef ?? null,
    year_of_manufacture: m.yearOfManufacture ?? null,
    model: m.model ?? null,
    calibre: m.calibre ?? null,
    text: m.text ?? null,
    location: m.location,
    method: m.method ?? null,
    recorded_at: at,
  };
}

/** The stored row of a new custody event (service, bulk import and demo alike). */
export function eventRowFrom(e: CustodyEventInput, itemId: string, seq: number, at: Date): EventRow {
  return {
    id: uuidv7(),
    item_id: itemId,
    seq,
    kind: e.kind,
    occurred_at: e.occurredAt,
    recorded_at: at,
    from_party_id: e.fromPartyId ?? null,
    to_party_id: e.toPartyId ?? null,
    place_locode: e.placeLocode ?? null,
    place_text: e.placeText ?? null,
    counterpart_country: e.counterpartCountry ?? null,
    authorization_ref: e.authorizationRef ?? null,
    licence_id: e.licenceId ?? null,
    certificate_ref: e.certificateRef ?? null,
    destruction_method: e.destructionMethod ?? null,
    witnesses: e.witnesses ?? null,
    temporary_import_purpose: e.temporaryImportPurpose ?? null,
    note: e.note ?? null,
  };
}

/** Set-based: one statement for all of an item's markings (and for bulk import's many items). */
export async function insertMarkings(q: Queryable, rows: readonly MarkingRow[]): Promise<void> {
  if (rows.length === 0) return;
  const col = <K extends keyof MarkingRow>(k: K) => rows.map((r) => r[k]);
  await q.query(
    `INSERT INTO registry_markings (${MARKING_COLS})
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[],
       $11::text[], $12::text[], $13::int[], $14::text[], $15::text[], $16::int[], $17::text[], $18::int[], $19::text[], $20::text[], $21::text[],
       $22::text[], $23::text[], $24::timestamptz[])`,
    [
      col('id'),
      col('item_id'),
      col('seq'),
      col('kind'),
      col('manufacturer_name'),
      col('country_of_manufacture'),
      col('place_of_manufacture'),
      col('serial_number'),
      col('serial_norm'),
      col('alternative_symbol'),
      col('alternative_code'),
      col('import_country'),
      col('import_year'),
      col('transferring_country'),
      col('marking_country'),
      col('marking_year'),
      col('certificate_ref'),
      col('year_of_manufacture'),
      col('model'),
      col('calibre'),
      col('text'),
      col('location'),
      col('method'),
      col('recorded_at'),
    ],
  );
}

/**
 * Many markings with COPY (the bulk import): the same rows as `insertMarkings`, without the array
 * parameters. `rows` may already be COPY text (markingsCopyText: the import builds it in its
 * preparation thread), which needs a connection that can COPY; rows as objects fall back to
 * `insertMarkings` on one that cannot.
 */
export async function copyMarkings(q: Queryable, rows: readonly MarkingRow[] | CopyText): Promise<void> {
  if (!q.copyFrom) {
    if (rows instanceof CopyText) throw new Error('markings as COPY text need a connection that can COPY');
    return insertMarkings(q, rows);
  }
  const text = rows instanceof CopyText ? rows : markingsCopyText(rows);
  if (text.rows > 0) await q.copyFrom('registry_markings', MARKING_COLUMN_NAMES, text);
}

/** The COPY text of `rows` for copyMarkings (a bulk writer builds it ahead, while the database is busy). */
export const markingsCopyText = (rows: readonly MarkingRow[]): CopyText => copyTextOf(rows, MARKING_COLUMN_NAMES);

export async function listMarkings(q: Queryable, itemId: string): Promise<MarkingRow[]> {
  return q.query<MarkingRow>(`SELECT ${MARKING_COLS} FROM registry_markings WHERE item_id = $1 ORDER BY seq`, [itemId]);
}

export async function getMarkingsByIds(q: Queryable, ids: readonly string[]): Promise<MarkingRow[]> {
  return q.query<MarkingRow>(`SELECT ${MARKING_COLS} FROM registry_markings WHERE id = ANY($1::uuid[])`, [ids]);
}

const EVENT_COLS =
  'id, item_id, seq, kind, occurred_at, recorded_at, from_party_id, to_party_id, place_locode, place_text, counterpart_country, authorization_ref, ' +
  'licence_id, certificate_ref, destruction_method, witnesses, temporary_import_purpose, note';

export async function insertEvent(q: Queryable, r: EventRow): Promise<void> {
  await q.query(`INSERT INTO registry_custody_events (${EVENT_COLS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16::text[], $17, $18)`, [
    r.id,
    r.item_id,
    r.seq,
    r.kind,
    r.occurred_at,
    r.recorded_at,
    r.from_party_id,
    r.to_party_id,
    r.place_locode,
    r.place_text,
    r.counterpart_country,
    r.authorization_ref,
    r.licence_id,
    r.certificate_ref,
    r.destruction_method,
    r.witnesses,
    r.temporary_import_purpose,
    r.note,
  ]);
}

export async function listEvents(q: Queryable, itemId: string): Promise<EventRow[]> {
  return q.query<EventRow>(`SELECT ${EVENT_COLS} FROM registry_custody_events WHERE item_id = $1 ORDER BY seq`, [itemId]);
}

/** The chains of several items, each in order (one statement for a batch of events). */
export async function listEventsForItems(q: Queryable, itemIds: readonly string[]): Promise<EventRow[]> {
  if (itemIds.length === 0) return [];
  return q.query<EventRow>(`SELECT ${EVENT_COLS} FROM registry_custody_events WHERE item_id = ANY($1::uuid[]) ORDER BY item_id, seq`, [itemIds]);
}

export async function listMarkingsForItems(q: Queryable, itemIds: readonly string[]): Promise<MarkingRow[]> {
  if (itemIds.length === 0) return [];
  return q.query<MarkingRow>(`SELECT ${MARKING_COLS} FROM registry_markings WHERE item_id = ANY($1::uuid[]) ORDER BY item_id, seq`, [itemIds]);
}

export async function getEventsByIds(q: Queryable, ids: readonly string[]): Promise<EventRow[]> {
  return q.query<EventRow>(`SELECT ${EVENT_COLS} FROM registry_custody_events WHERE id = ANY($1::uuid[])`, [ids]);
}

// ---------------------------------------------------------------- audited entities

function byId<R extends { id: string }, S>(rows: R[], state: (r: R) => S): Map<string, unknown> {
  return new Map(rows.map((r) => [r.id, state(r)]));
}

export const AUDITED_MARKING = defineAuditedEntity({
  entity: 'marking',
  async load(db, ids) {
    return byId(await getMarkingsByIds(db, ids), markingState);
  },
});

export const AUDITED_EVENT = defineAuditedEntity({
  entity: 'custody_event',
  async load(db, ids) {
    return byId(await getEventsByIds(db, ids), eventState);
  },
});
