import { defineAuditedEntity } from '../platform/audit/entities.ts';
import { SqlFilter } from '../platform/db/filter.ts';
import type { Queryable } from '../platform/db/types.ts';
import { uuidv7 } from '../platform/ids.ts';
import { PARTIAL_RANK_WEIGHTS, normaliseSerialOrNull, type CustodyEventInput, type CustodyState, type EventKind, type ItemSortKey, type ItemStatus, type MarkingInput, type MarkingKind, type MarkingLocation } from './model.ts';

/**
 * SQL for the registry's tables only. Every function takes a Queryable (the Db or a transaction).
 * The `*State` functions build, from one stored row, the object the audit log hashes: services pass
 * them to recordAudit, and the audited-entity loaders below re-read them for `custodia audit verify`.
 */

// ---------------------------------------------------------------- rows

export interface PartyRow {
  id: string;
  version: number;
  kind: 'person' | 'organisation';
  roles: string[];
  name: string | null;
  country: string | null;
  registration_number: string | null;
  contact_email: string | null;
  created_at: Date;
  updated_at: Date;
  retired_at: Date | null;
  retired_reason: string | null;
}

export interface PersonalRow {
  party_id: string;
  given_names: string | null;
  family_name: string | null;
  date_of_birth: string | null;
  address: string | null;
  identity_document_number: string | null;
}

export interface RegistrationRow {
  id: string;
  party_id: string;
  kind: string;
  number: string;
  issuing_authority: string | null;
  issuing_country: string | null;
  valid_from: string;
  valid_until: string | null;
  created_at: Date;
  revoked_at: Date | null;
  revoked_reason: string | null;
}

export interface ItemRow {
  id: string;
  kind: 'firearm' | 'part' | 'ammunition';
  firearm_type: string | null;
  part_type: string | null;
  ammunition_component: string | null;
  make: string | null;
  model: string | null;
  calibre: string | null;
  year_of_manufacture: number | null;
  country_of_manufacture: string | null;
  place_of_manufacture: string | null;
  manufacturer_party_id: string | null;
  serial_number: string | null;
  serial_norm: string | null;
  lot_number: string | null;
  quantity_rounds: number | null;
  is_antique: boolean;
  is_replica: boolean;
  temporary_import_purpose: string | null;
  description: string | null;
  import_key: string | null;
  status: ItemStatus;
  holder_party_id: string | null;
  keeper_party_id: string | null;
  event_count: number;
  last_event_at: Date | null;
  manufactured_at: Date | null;
  destroyed_at: Date | null;
  created_at: Date;
}

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

export function partyState(row: PartyRow, personal: PersonalRow | null) {
  return {
    id: row.id,
    version: row.version,
    kind: row.kind,
    roles: [...row.roles],
    name: row.name,
    country: row.country,
    registrationNumber: row.registration_number,
    contactEmail: row.contact_email,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    retiredAt: iso(row.retired_at),
    retiredReason: row.retired_reason,
    personal: personal ? personalState(personal) : null,
  };
}

export function personalState(p: PersonalRow) {
  return {
    givenNames: p.given_names,
    familyName: p.family_name,
    dateOfBirth: p.date_of_birth,
    address: p.address,
    identityDocumentNumber: p.identity_document_number,
  };
}

export function registrationState(row: RegistrationRow) {
  return {
    id: row.id,
    partyId: row.party_id,
    kind: row.kind,
    number: row.number,
    issuingAuthority: row.issuing_authority,
    issuingCountry: row.issuing_country,
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    createdAt: iso(row.created_at),
    revokedAt: iso(row.revoked_at),
    revokedReason: row.revoked_reason,
  };
}

/** The item's audited state includes the custody cache, so a tampered status or holder is detected. */
export function itemState(row: ItemRow) {
  return {
    id: row.id,
    kind: row.kind,
    firearmType: row.firearm_type,
    partType: row.part_type,
    ammunitionComponent: row.ammunition_component,
    make: row.make,
    model: row.model,
    calibre: row.calibre,
    yearOfManufacture: row.year_of_manufacture,
    countryOfManufacture: row.country_of_manufacture,
    placeOfManufacture: row.place_of_manufacture,
    manufacturerPartyId: row.manufacturer_party_id,
    serialNumber: row.serial_number,
    serialNorm: row.serial_norm,
    lotNumber: row.lot_number,
    quantityRounds: row.quantity_rounds,
    isAntique: row.is_antique,
    isReplica: row.is_replica,
    temporaryImportPurpose: row.temporary_import_purpose,
    description: row.description,
    importKey: row.import_key,
    status: row.status,
    holderPartyId: row.holder_party_id,
    keeperPartyId: row.keeper_party_id,
    eventCount: row.event_count,
    lastEventAt: iso(row.last_event_at),
    manufacturedAt: iso(row.manufactured_at),
    destroyedAt: iso(row.destroyed_at),
    createdAt: iso(row.created_at),
  };
}

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

export function markingInput(row: MarkingRow): MarkingInput {
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

export function cachedState(row: ItemRow): CustodyState {
  return {
    status: row.status,
    holderPartyId: row.holder_party_id,
    keeperPartyId: row.keeper_party_id,
    eventCount: row.event_count,
    lastEventAt: row.last_event_at,
    manufacturedAt: row.manufactured_at,
    destroyedAt: row.destroyed_at,
  };
}

// ---------------------------------------------------------------- parties

const PARTY_COLS = 'id, version, kind, roles, name, country, registration_number, contact_email, created_at, updated_at, retired_at, retired_reason';

export async function insertParty(q: Queryable, p: PartyRow): Promise<void> {
  await q.query(
    `INSERT INTO registry_parties (${PARTY_COLS}) VALUES ($1, $2, $3, $4::text[], $5, $6, $7, $8, $9, $10, $11, $12)`,
    [p.id, p.version, p.kind, p.roles, p.name, p.country, p.registration_number, p.contact_email, p.created_at, p.updated_at, p.retired_at, p.retired_reason],
  );
}

export async function updateParty(q: Queryable, p: PartyRow): Promise<void> {
  await q.query(
    `UPDATE registry_parties SET version = $2, roles = $3::text[], name = $4, country = $5, registration_number = $6, contact_email = $7,
       updated_at = $8, retired_at = $9, retired_reason = $10 WHERE id = $1`,
    [p.id, p.version, p.roles, p.name, p.country, p.registration_number, p.contact_email, p.updated_at, p.retired_at, p.retired_reason],
  );
}

export async function upsertPersonal(q: Queryable, p: PersonalRow): Promise<void> {
  await q.query(
    `INSERT INTO registry_party_personal (party_id, given_names, family_name, date_of_birth, address, identity_document_number)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (party_id) DO UPDATE SET given_names = EXCLUDED.given_names, family_name = EXCLUDED.family_name,
       date_of_birth = EXCLUDED.date_of_birth, address = EXCLUDED.address, identity_document_number = EXCLUDED.identity_document_number`,
    [p.party_id, p.given_names, p.family_name, p.date_of_birth, p.address, p.identity_document_number],
  );
}

export async function insertPartyVersion(q: Queryable, partyId: string, version: number, state: unknown, personal: unknown, at: Date, reason: string | null): Promise<void> {
  await q.query(
    `INSERT INTO registry_party_versions (party_id, version, state, personal, recorded_at, reason) VALUES ($1, $2, $3::jsonb, $4::jsonb, $5, $6)`,
    [partyId, version, JSON.stringify(state), personal == null ? null : JSON.stringify(personal), at, reason],
  );
}

export interface PartyVersionRow {
  version: number;
  state: Record<string, unknown>;
  recorded_at: Date;
  reason: string | null;
}

/** Public part of every version (the personal part stays in its own column, never listed). */
export async function listPartyVersions(q: Queryable, partyId: string): Promise<PartyVersionRow[]> {
  return q.query<PartyVersionRow>('SELECT version, state, recorded_at, reason FROM registry_party_versions WHERE party_id = $1 ORDER BY version', [partyId]);
}

export async function getParty(q: Queryable, id: string, forUpdate = false): Promise<PartyRow | undefined> {
  const rows = await q.query<PartyRow>(`SELECT ${PARTY_COLS} FROM registry_parties WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
  return rows[0];
}

export async function getParties(q: Queryable, ids: readonly string[]): Promise<PartyRow[]> {
  if (ids.length === 0) return [];
  return q.query<PartyRow>(`SELECT ${PARTY_COLS} FROM registry_parties WHERE id = ANY($1::uuid[])`, [ids]);
}

export async function getPersonal(q: Queryable, partyId: string): Promise<PersonalRow | undefined> {
  const rows = await q.query<PersonalRow>(
    'SELECT party_id, given_names, family_name, date_of_birth, address, identity_document_number FROM registry_party_personal WHERE party_id = $1',
    [partyId],
  );
  return rows[0];
}

export async function getPersonals(q: Queryable, ids: readonly string[]): Promise<PersonalRow[]> {
  if (ids.length === 0) return [];
  return q.query<PersonalRow>(
    'SELECT party_id, given_names, family_name, date_of_birth, address, identity_document_number FROM registry_party_personal WHERE party_id = ANY($1::uuid[])',
    [ids],
  );
}

export interface PartyFilter {
  name?: string;
  role?: string;
  kind?: 'person' | 'organisation';
  includeRetired?: boolean;
  /** Only these ids (industry sees only itself). */
  onlyIds?: string[];
  after?: string;
  limit: number;
}

export async function listParties(q: Queryable, f: PartyFilter): Promise<PartyRow[]> {
  const w = new SqlFilter();
  const p = w.p;
  if (f.name) w.and(`lower(name) LIKE ${p(`%${f.name.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`)}`);
  if (f.role) w.and(`${p(f.role)} = ANY(roles)`);
  if (f.kind) w.and(`kind = ${p(f.kind)}`);
  if (!f.includeRetired) w.and('retired_at IS NULL');
  if (f.onlyIds) w.and(`id = ANY(${p(f.onlyIds)}::uuid[])`);
  if (f.after) w.and(`id > ${p(f.after)}`);
  return q.query<PartyRow>(`SELECT ${PARTY_COLS} FROM registry_parties ${w.clause} ORDER BY id LIMIT ${p(f.limit + 1)}`, w.params);
}

// ---------------------------------------------------------------- registrations

const REG_COLS = 'id, party_id, kind, number, issuing_authority, issuing_country, valid_from, valid_until, created_at, revoked_at, revoked_reason';

export async function insertRegistration(q: Queryable, r: RegistrationRow): Promise<void> {
  await q.query(`INSERT INTO registry_registrations (${REG_COLS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`, [
    r.id,
    r.party_id,
    r.kind,
    r.number,
    r.issuing_authority,
    r.issuing_country,
    r.valid_from,
    r.valid_until,
    r.created_at,
    r.revoked_at,
    r.revoked_reason,
  ]);
}

export async function getRegistration(q: Queryable, id: string, forUpdate = false): Promise<RegistrationRow | undefined> {
  const rows = await q.query<RegistrationRow>(`SELECT ${REG_COLS} FROM registry_registrations WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
  return rows[0];
}

export async function revokeRegistration(q: Queryable, id: string, at: Date, reason: string): Promise<void> {
  await q.query('UPDATE registry_registrations SET revoked_at = $2, revoked_reason = $3 WHERE id = $1', [id, at, reason]);
}

export async function listRegistrations(q: Queryable, partyId: string): Promise<RegistrationRow[]> {
  return q.query<RegistrationRow>(`SELECT ${REG_COLS} FROM registry_registrations WHERE party_id = $1 ORDER BY valid_from, id`, [partyId]);
}

// ---------------------------------------------------------------- items

export const ITEM_COLS =
  'id, kind, firearm_type, part_type, ammunition_component, make, model, calibre, year_of_manufacture, country_of_manufacture, place_of_manufacture, ' +
  'manufacturer_party_id, serial_number, serial_norm, lot_number, quantity_rounds, is_antique, is_replica, temporary_import_purpose, description, import_key, ' +
  'status, holder_party_id, keeper_party_id, event_count, last_event_at, manufactured_at, destroyed_at, created_at';

export async function insertItem(q: Queryable, r: ItemRow): Promise<void> {
  await q.query(
    `INSERT INTO registry_items (${ITEM_COLS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29)`,
    [
      r.id,
      r.kind,
      r.firearm_type,
      r.part_type,
      r.ammunition_component,
      r.make,
      r.model,
      r.calibre,
      r.year_of_manufacture,
      r.country_of_manufacture,
      r.place_of_manufacture,
      r.manufacturer_party_id,
      r.serial_number,
      r.serial_norm,
      r.lot_number,
      r.quantity_rounds,
      r.is_antique,
      r.is_replica,
      r.temporary_import_purpose,
      r.description,
      r.import_key,
      r.status,
      r.holder_party_id,
      r.keeper_party_id,
      r.event_count,
      r.last_event_at,
      r.manufactured_at,
      r.destroyed_at,
      r.created_at,
    ],
  );
}

export async function getItem(q: Queryable, id: string, forUpdate = false): Promise<ItemRow | undefined> {
  const rows = await q.query<ItemRow>(`SELECT ${ITEM_COLS} FROM registry_items WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
  return rows[0];
}

/** Several items locked for update, in id order (two writers locking overlapping sets cannot deadlock). */
export async function getItemsForUpdate(q: Queryable, ids: readonly string[]): Promise<ItemRow[]> {
  if (ids.length === 0) return [];
  return q.query<ItemRow>(`SELECT ${ITEM_COLS} FROM registry_items WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [ids]);
}

export async function getItemByImportKey(q: Queryable, key: string): Promise<ItemRow | undefined> {
  const rows = await q.query<ItemRow>(`SELECT ${ITEM_COLS} FROM registry_items WHERE import_key = $1`, [key]);
  return rows[0];
}

/** Writes the custody cache (model.ts deriveState) and, when first set, the serial and manufacturer. */
export async function updateItemCustody(q: Queryable, id: string, s: CustodyState, manufacturerPartyId: string | null): Promise<void> {
  await q.query(
    `UPDATE registry_items SET status = $2, holder_party_id = $3, keeper_party_id = $4, event_count = $5, last_event_at = $6,
       manufactured_at = $7, destroyed_at = $8, manufacturer_party_id = COALESCE(manufacturer_party_id, $9) WHERE id = $1`,
    [id, s.status, s.holderPartyId, s.keeperPartyId, s.eventCount, s.lastEventAt, s.manufacturedAt, s.destroyedAt, manufacturerPartyId],
  );
}

export async function setItemSerialIfMissing(q: Queryable, id: string, serial: string, serialNorm: string): Promise<void> {
  await q.query('UPDATE registry_items SET serial_number = $2, serial_norm = $3 WHERE id = $1 AND serial_norm IS NULL', [id, serial, serialNorm]);
}

export interface ItemFilter {
  /** Normalised serial: exact match on the item or any of its markings. */
  serialExact?: string;
  /** LIKE pattern (escape `\`) on the item's normalised serial. */
  serialLike?: string;
  kind?: string;
  type?: string;
  make?: string;
  model?: string;
  calibre?: string;
  countryOfManufacture?: string;
  status?: string;
  holderPartyId?: string;
  /** Industry isolation: only items this party holds, keeps or made. */
  visibleTo?: string;
}

/**
 * The SQL of each sort key. Registration order is the id's (a UUIDv7 made when the item is registered),
 * so it pages on the primary key alone. `time` keys travel in the cursor as text (microseconds kept: a
 * JS Date would round them and repeat or skip rows). Text is compared lower-cased, as the make index is
 * built. The holder's country comes from a join made only for that order.
 */
const ITEM_SORT_SQL: Record<ItemSortKey, { expr: string; type: 'id' | 'text' | 'int' | 'time' }> = {
  registeredAt: { expr: 'id', type: 'id' },
  lastEventAt: { expr: 'last_event_at', type: 'time' },
  serial: { expr: 'serial_norm', type: 'text' },
  make: { expr: 'lower(make)', type: 'text' },
  model: { expr: 'lower(model)', type: 'text' },
  calibre: { expr: 'lower(calibre)', type: 'text' },
  kind: { expr: 'kind', type: 'text' },
  status: { expr: 'status', type: 'text' },
  countryOfManufacture: { expr: 'country_of_manufacture', type: 'text' },
  yearOfManufacture: { expr: 'year_of_manufacture', type: 'int' },
  holderCountry: { expr: 'holder_country', type: 'text' },
};
const WITH_HOLDER_COUNTRY =
  '(SELECT registry_items.*, hp.country AS holder_country FROM registry_items LEFT JOIN registry_parties hp ON hp.id = registry_items.holder_party_id) registry_items';

export interface ItemSort {
  key: ItemSortKey;
  desc: boolean;
  /** The last row of the previous page: its sort value (null: the row had none, or the order is the id's) and id. */
  after?: { key: string | number | null; id: string };
  limit: number;
}

export interface SortedItemRow extends ItemRow {
  /** The row's sort value, as the next page's cursor carries it. */
  sort_key: string | number | null;
}

/**
 * One statement for every search: the count of every match (same filters, same indexes, the
 * organisation scope included) and one keyset page ordered by (sort key, id). NULL sorts as
 * PostgreSQL sorts it (after every value ascending, before descending), so one btree on
 * (key, id) serves both directions. Returns the page's rows (limit + 1 to tell whether more follow).
 */
export async function searchItems(q: Queryable, f: ItemFilter, sort: ItemSort): Promise<{ rows: SortedItemRow[]; total: number }> {
  const w = itemFilterWhere(f);
  const p = w.p;
  const { expr, type } = ITEM_SORT_SQL[sort.key];
  const dir = sort.desc ? 'DESC' : 'ASC';
  let keyset = '';
  if (sort.after) {
    const id = p(sort.after.id);
    if (type === 'id') {
      keyset = `id ${sort.desc ? '<' : '>'} ${id}`;
    } else if (sort.after.key === null) {
      // Inside the NULL block, by id; descending, every non-NULL value still follows it.
      keyset = sort.desc ? `((${expr} IS NULL AND id < ${id}) OR ${expr} IS NOT NULL)` : `(${expr} IS NULL AND id > ${id})`;
    } else {
      const v = `${p(sort.after.key)}::${type === 'time' ? 'timestamptz' : type === 'int' ? 'int' : 'text'}`;
      keyset = sort.desc ? `(${expr}, id) < (${v}, ${id})` : `((${expr}, id) > (${v}, ${id}) OR ${expr} IS NULL)`;
    }
  }
  const where = w.clause;
  const pageWhere = keyset ? `${where ? `${where} AND` : 'WHERE'} ${keyset}` : where;
  const sortValue = type === 'id' ? 'NULL::text' : type === 'time' ? `(${expr})::text` : expr;
  const order = type === 'id' ? `id ${dir}` : `${expr} ${dir}, id ${dir}`;
  const from = sort.key === 'holderCountry' ? WITH_HOLDER_COUNTRY : 'registry_items';
  const rows = await q.query<SortedItemRow & { total: number; sort_order: unknown }>(
    `SELECT c.total, m.* FROM (SELECT count(*)::int8 AS total FROM registry_items ${where}) c ` +
      `LEFT JOIN LATERAL (SELECT ${ITEM_COLS}, ${sortValue} AS sort_key, ${expr} AS sort_order FROM ${from} ${pageWhere} ` +
      `ORDER BY ${order} LIMIT ${p(sort.limit + 1)}) m ON true ORDER BY m.sort_order ${dir}, m.id ${dir}`,
    w.params,
  );
  const total = rows[0]?.total ?? 0;
  // No match: the count's one row with an empty page beside it.
  return { total, rows: rows.filter((r) => r.id !== null).map(({ total: _total, sort_order: _order, ...row }) => row) };
}

function itemFilterWhere(f: ItemFilter): SqlFilter {
  const w = new SqlFilter();
  const p = w.p;
  if (f.serialExact !== undefined) {
    const s = p(f.serialExact);
    // id = ANY(ARRAY(…) || ARRAY(…)): two index lookups as init plans, then the primary key. Measured
    // against "serial_norm = $1 OR id IN (…)" (filters every row: 200 ms at 300k items) and
    // "id IN (… UNION …)" (a third more CPU per lookup on PGlite: planning the semi-join).
    w.and(`id = ANY(ARRAY(SELECT item_id FROM registry_markings WHERE serial_norm = ${s}) || ARRAY(SELECT id FROM registry_items WHERE serial_norm = ${s}))`);
  }
  if (f.serialLike !== undefined) w.and(`serial_norm LIKE ${p(f.serialLike)}`);
  if (f.kind) w.and(`kind = ${p(f.kind)}`);
  if (f.type) {
    const t = p(f.type);
    w.and(`(firearm_type = ${t} OR part_type = ${t})`);
  }
  if (f.make) w.and(`lower(make) = lower(${p(f.make)})`);
  if (f.model) w.and(`lower(model) = lower(${p(f.model)})`);
  if (f.calibre) w.and(`lower(calibre) = lower(${p(f.calibre)})`);
  if (f.countryOfManufacture) w.and(`country_of_manufacture = ${p(f.countryOfManufacture)}`);
  if (f.status) w.and(`status = ${p(f.status)}`);
  if (f.holderPartyId) w.and(`holder_party_id = ${p(f.holderPartyId)}`);
  if (f.visibleTo) {
    const v = p(f.visibleTo);
    w.and(`(holder_party_id = ${v} OR keeper_party_id = ${v} OR manufacturer_party_id = ${v})`);
  }
  return w;
}

/** Items counted by kind and status (cached status, which tests keep equal to the derived one). */
export async function countItemsByStatus(q: Queryable, visibleTo?: string): Promise<{ kind: string; status: string; count: number }[]> {
  const where = visibleTo ? 'WHERE holder_party_id = $1 OR keeper_party_id = $1 OR manufacturer_party_id = $1' : '';
  return q.query(`SELECT kind, status, count(*)::int8 AS count FROM registry_items ${where} GROUP BY kind, status ORDER BY kind, status`, visibleTo ? [visibleTo] : []);
}

// ---------------------------------------------------------------- markings and events

const MARKING_COLS =
  'id, item_id, seq, kind, manufacturer_name, country_of_manufacture, place_of_manufacture, serial_number, serial_norm, alternative_symbol, alternative_code, ' +
  'import_country, import_year, transferring_country, marking_country, marking_year, certificate_ref, year_of_manufacture, model, calibre, text, location, method, recorded_at';

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

export async function getEventsByIds(q: Queryable, ids: readonly string[]): Promise<EventRow[]> {
  return q.query<EventRow>(`SELECT ${EVENT_COLS} FROM registry_custody_events WHERE id = ANY($1::uuid[])`, [ids]);
}

// ---------------------------------------------------------------- audited entities

function byId<R extends { id: string }, S>(rows: R[], state: (r: R) => S): Map<string, unknown> {
  return new Map(rows.map((r) => [r.id, state(r)]));
}

export const AUDITED_ITEM = defineAuditedEntity({
  entity: 'item',
  async load(db, ids) {
    return byId(await db.query<ItemRow>(`SELECT ${ITEM_COLS} FROM registry_items WHERE id = ANY($1::uuid[])`, [ids]), itemState);
  },
});

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

export const AUDITED_PARTY = defineAuditedEntity({
  entity: 'party',
  async load(db, ids) {
    const [parties, personals] = await Promise.all([getParties(db, ids), getPersonals(db, ids)]);
    const personalById = new Map(personals.map((p) => [p.party_id, p]));
    return new Map(parties.map((p) => [p.id, partyState(p, personalById.get(p.id) ?? null)]));
  },
});

export const AUDITED_REGISTRATION = defineAuditedEntity({
  entity: 'registration',
  async load(db, ids) {
    return byId(await db.query<RegistrationRow>(`SELECT ${REG_COLS} FROM registry_registrations WHERE id = ANY($1::uuid[])`, [ids]), registrationState);
  },
});

// ---------------------------------------------------------------- ranked partial search

export interface PartialRankQuery {
  /** LIKE pattern (escape `\`) on the normalised serial, from model.partialSerialPattern. */
  like: string;
  /** Characters the officer could read (weights how much of a candidate's serial they explain). */
  known: number;
  make?: string;
  model?: string;
  calibre?: string;
  kind?: string;
  visibleTo?: string;
  limit: number;
}

export interface RankedItemRow extends ItemRow {
  score: number;
  total: number;
}

/**
 * Every item whose serial fits the pattern (the trigram index finds them), scored by how well it agrees
 * with what was read: the share of its serial the readable characters explain, then make, calibre and
 * model (see model.PARTIAL_RANK_WEIGHTS). `total` is the count of every match, not only the page.
 */
export async function rankItemsBySerialPattern(q: Queryable, r: PartialRankQuery): Promise<RankedItemRow[]> {
  const w = new SqlFilter();
  const p = w.p;
  w.and(`serial_norm LIKE ${p(r.like)}`);
  if (r.kind) w.and(`kind = ${p(r.kind)}`);
  if (r.visibleTo) {
    const v = p(r.visibleTo);
    w.and(`(holder_party_id = ${v} OR keeper_party_id = ${v} OR manufacturer_party_id = ${v})`);
  }
  const agree = (column: string, value: string | undefined) =>
    value ? `CASE WHEN lower(${column}) = lower(${p(value)}) THEN 1 ELSE 0 END` : '0';
  const weights = PARTIAL_RANK_WEIGHTS;
  const score =
    `${weights.serial} * (${p(r.known)}::float8 / greatest(length(serial_norm), 1)) + ` +
    `${weights.make} * ${agree('make', r.make)} + ${weights.calibre} * ${agree('calibre', r.calibre)} + ${weights.model} * ${agree('model', r.model)}`;
  return q.query<RankedItemRow>(
    `SELECT ${ITEM_COLS}, (${score})::float8 AS score, (count(*) OVER ())::int8 AS total FROM registry_items ${w.clause} ` +
      `ORDER BY score DESC, id LIMIT ${p(r.limit)}`,
    w.params,
  );
}
