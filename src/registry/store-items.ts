import { defineAuditedEntity } from '../platform/audit/entities.ts';
import { sha256Hex, stateHash } from '../platform/crypto/canonical.ts';
import { SqlFilter } from '../platform/db/filter.ts';
import type { Queryable } from '../platform/db/types.ts';
import { PARTIAL_RANK_WEIGHTS, SERIAL_UNUSUAL_SQL, partialTieTierSql, type CustodyState, type ItemSortKey, type ItemStatus } from './model.ts';

/**
 * SQL for the registry's items: the row with its custody cache, search (sorted, counted, keyset pages),
 * ranked partial-serial search and counts. Every function takes a Queryable (the Db or a transaction).
 * `itemState` builds the object the audit log hashes; AUDITED_ITEM re-reads it for `custodia audit verify`.
 */

// ---------------------------------------------------------------- rows

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

// ---------------------------------------------------------------- audited states

const iso = (d: Date | null) => (d ? d.toISOString() : null);

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

/** itemState's members in canonical order (sorted), for itemStateHash. */
let ITEM_STATE_KEYS: string[] | undefined;
const plainNumber = (v: number | null) => v === null || (typeof v === 'number' && Number.isFinite(v));

/**
 * `stateHash(itemState(row))`, without canonicalJson's generic copy and key sort on every row (the bulk
 * import hashes one state per item): the state is flat, so JSON.stringify with its keys listed in sorted
 * order writes the same bytes. A value canonicalJson would write differently (a bigint) takes the generic
 * path. test/item-state-hash.test.ts pins the two together.
 */
export function itemStateHash(row: ItemRow): string {
  const state = itemState(row) as Record<string, string | number | boolean | null | undefined>;
  if (!plainNumber(row.year_of_manufacture) || !plainNumber(row.quantity_rounds) || !plainNumber(row.event_count)) return stateHash(state);
  ITEM_STATE_KEYS ??= Object.keys(state).sort();
  ITEM_STATE_PREFIXES ??= ITEM_STATE_KEYS.map((k) => `${JSON.stringify(k)}:`);
  // What JSON.stringify(state, ITEM_STATE_KEYS) writes, member by member: a replacer list takes V8 off
  // its fast path (12% of the import's file work went here). Strings still go through JSON.stringify.
  let json = '{';
  for (let i = 0; i < ITEM_STATE_KEYS.length; i++) {
    const v = state[ITEM_STATE_KEYS[i]];
    if (v === undefined) continue;
    json += (json.length === 1 ? '' : ',') + ITEM_STATE_PREFIXES[i] + (typeof v === 'string' ? JSON.stringify(v) : v === null ? 'null' : String(v));
  }
  return sha256Hex(json + '}');
}
let ITEM_STATE_PREFIXES: string[] | undefined;

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

/** Many items' custody caches in one statement (a batch of events, e.g. a seizure list's seizures). */
export async function updateItemsCustody(q: Queryable, rows: readonly { id: string; state: CustodyState; manufacturerPartyId: string | null }[]): Promise<void> {
  if (rows.length === 0) return;
  const s = (f: (r: (typeof rows)[number]) => unknown) => rows.map(f);
  await q.query(
    `UPDATE registry_items i SET status = u.status, holder_party_id = u.holder, keeper_party_id = u.keeper, event_count = u.n, last_event_at = u.last_at,
       manufactured_at = u.made_at, destroyed_at = u.destroyed_at, manufacturer_party_id = COALESCE(i.manufacturer_party_id, u.maker)
       FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[], $5::int[], $6::timestamptz[], $7::timestamptz[], $8::timestamptz[], $9::uuid[])
         AS u(id, status, holder, keeper, n, last_at, made_at, destroyed_at, maker)
      WHERE i.id = u.id`,
    [
      s((r) => r.id),
      s((r) => r.state.status),
      s((r) => r.state.holderPartyId),
      s((r) => r.state.keeperPartyId),
      s((r) => r.state.eventCount),
      s((r) => r.state.lastEventAt),
      s((r) => r.state.manufacturedAt),
      s((r) => r.state.destroyedAt),
      s((r) => r.manufacturerPartyId),
    ],
  );
}

/** The row once updateItemsCustody has written `s` (the same assignments, in memory). */
export function withCustody(row: ItemRow, s: CustodyState, manufacturerPartyId: string | null): ItemRow {
  return {
    ...row,
    status: s.status,
    holder_party_id: s.holderPartyId,
    keeper_party_id: s.keeperPartyId,
    event_count: s.eventCount,
    last_event_at: s.lastEventAt,
    manufactured_at: s.manufacturedAt,
    destroyed_at: s.destroyedAt,
    manufacturer_party_id: row.manufacturer_party_id ?? manufacturerPartyId,
  };
}

export async function getItems(q: Queryable, ids: readonly string[]): Promise<ItemRow[]> {
  if (ids.length === 0) return [];
  return q.query<ItemRow>(`SELECT ${ITEM_COLS} FROM registry_items WHERE id = ANY($1::uuid[])`, [ids]);
}

export interface SerialMatchRow extends ItemRow {
  /** The normalised serial asked for that found the item (on the item or one of its markings). */
  serial: string;
  /** The latest loss or theft report of a lost or stolen item (null otherwise). */
  report_id: string | null;
  report_kind: string | null;
  report_authorization_ref: string | null;
  report_to_party_id: string | null;
}

/**
 * The columns an item summary shows (presentItemSummary), all a search page needs: the exact lookup reads
 * 16 columns instead of 29, and pg sets up, parses and carries 13 fewer fields per request (pg's per-result
 * field set-up was ~5% of the server's CPU under the exact-lookup benchmark; BENCHMARKS.md, issue 16 §5).
 */
export const ITEM_SUMMARY_COLS =
  'id, kind, firearm_type, part_type, ammunition_component, make, model, calibre, year_of_manufacture, country_of_manufacture, ' +
  'serial_number, lot_number, quantity_rounds, status, holder_party_id, created_at';
export type ItemSummaryRow = Pick<
  ItemRow,
  | 'id' | 'kind' | 'firearm_type' | 'part_type' | 'ammunition_component' | 'make' | 'model' | 'calibre' | 'year_of_manufacture'
  | 'country_of_manufacture' | 'serial_number' | 'lot_number' | 'quantity_rounds' | 'status' | 'holder_party_id' | 'created_at'
>;

const I_COLS = ITEM_COLS.split(', ').map((c) => `i.${c}`).join(', ');

/**
 * Every item any of `serialNorms` names exactly (on the item or any of its markings), one statement for
 * a whole batch: two index lookups by serial, the items by primary key, and for a lost or stolen item its
 * latest report (the event that made it so). An item found by several serials comes once per serial.
 */
export async function findItemsBySerials(q: Queryable, serialNorms: readonly string[], visibleTo?: string): Promise<SerialMatchRow[]> {
  if (serialNorms.length === 0) return [];
  const params: unknown[] = [serialNorms];
  let scope = '';
  if (visibleTo) {
    params.push(visibleTo);
    scope = 'WHERE i.holder_party_id = $2 OR i.keeper_party_id = $2 OR i.manufacturer_party_id = $2';
  }
  return q.query<SerialMatchRow>(
    `SELECT h.serial, ${I_COLS}, r.id AS report_id, r.kind AS report_kind, r.authorization_ref AS report_authorization_ref, r.to_party_id AS report_to_party_id
       FROM (SELECT serial_norm AS serial, item_id FROM registry_markings WHERE serial_norm = ANY($1::text[])
             UNION SELECT serial_norm, id FROM registry_items WHERE serial_norm = ANY($1::text[])) h
       JOIN registry_items i ON i.id = h.item_id
       LEFT JOIN LATERAL (SELECT e.id, e.kind, e.authorization_ref, e.to_party_id FROM registry_custody_events e
                           WHERE e.item_id = i.id AND e.kind IN ('reported_lost', 'reported_stolen') ORDER BY e.seq DESC LIMIT 1) r
         ON i.status IN ('lost', 'stolen')
      ${scope}`,
    params,
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
  /**
   * Patterns whose matches together are serialLike's (its fills, or serialLike itself: model.fillsToSearch),
   * each selective enough for the trigram index: the matches are then few, and read once.
   */
  serialFills?: readonly string[];
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

export interface SortedItemRow extends ItemSummaryRow {
  /** The row's sort value, as the next page's cursor carries it. */
  sort_key: string | number | null;
}

/**
 * One statement for every search: the count of every match (same filters, same indexes, the
 * organisation scope included) and one keyset page ordered by (sort key, id). NULL sorts as
 * PostgreSQL sorts it (after every value ascending, before descending), so one btree on
 * (key, id) serves both directions. Returns the page's rows (limit + 1 to tell whether more follow).
 *
 * An exact serial's first page is read alone first: it matches a handful of items, so the page
 * holds every match and the count is the page's length. Only when the page is full (more may
 * follow) is the one statement with the count run, so every answer — rows, order, total — is the
 * one statement's. The count beside the page doubled the index lookups of the hot path (measured at
 * 200,000 items: CPU per HTTP lookup on PostgreSQL 197 → 174 µs; the SQL lookup on PGlite 3,069 → 3,397/s).
 */
export async function searchItems(q: Queryable, f: ItemFilter, sort: ItemSort): Promise<{ rows: SortedItemRow[]; total: number }> {
  if (f.serialExact !== undefined && !sort.after) {
    const { text, params } = searchSql(f, sort, false);
    // The exact serial lookup is the hot path; its texts are few (sort key × order × filters).
    const rows = await q.query<SortedItemRow>(text, params, { prepare: true });
    if (rows.length <= sort.limit) return { rows, total: rows.length };
  }
  const { text, params } = searchSql(f, sort, true);
  const rows = await q.query<SortedItemRow & { total: number; sort_order: unknown }>(text, params, { prepare: f.serialExact !== undefined });
  const total = rows[0]?.total ?? 0;
  // No match: the count's one row with an empty page beside it.
  return { total, rows: rows.filter((r) => r.id !== null).map(({ total: _total, sort_order: _order, ...row }) => row) };
}

/** The search's SQL: the keyset page, with the count of every match beside it when `counted`. */
function searchSql(f: ItemFilter, sort: ItemSort, counted: boolean): { text: string; params: unknown[] } {
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
  const limit = p(sort.limit + 1);
  if (!counted) return { text: `SELECT ${ITEM_SUMMARY_COLS}, ${sortValue} AS sort_key FROM ${from} ${pageWhere} ORDER BY ${order} LIMIT ${limit}`, params: w.params };
  const page = (source: string, filter: string) =>
    `LEFT JOIN LATERAL (SELECT ${ITEM_SUMMARY_COLS}, ${sortValue} AS sort_key, ${expr} AS sort_order FROM ${source} ${filter} ` +
    `ORDER BY ${order} LIMIT ${limit}) m ON true ORDER BY m.sort_order ${dir}, m.id ${dir}`;
  if (f.serialFills !== undefined) {
    // A pattern searched through its fills: its matches are read once, from the trigram index as one
    // bitmap, then counted and paged. Left to the planner, the page walked the sort order's index testing
    // every row until the page was full, the 36 fills' matches being overestimated as their sum: 22 s for
    // 4 matches at 10M items (BENCHMARKS.md). The fills are each as selective as a 3-character run, so
    // their matches are few; so are a pattern's whose rare trigram is its only fill, and reading them once
    // halves its rechecks (the count and the page each rechecked every row the trigram gave). Not for
    // other patterns: their estimates hold, and a broad one ("GL0*") fills its page from the walk at once.
    return {
      text:
        `WITH hits AS MATERIALIZED (SELECT * FROM ${from} ${where}) ` +
        `SELECT c.total, m.* FROM (SELECT count(*)::int8 AS total FROM hits) c ${page('hits registry_items', keyset ? `WHERE ${keyset}` : '')}`,
      params: w.params,
    };
  }
  return {
    text: `SELECT c.total, m.* FROM (SELECT count(*)::int8 AS total FROM registry_items ${where}) c ${page(from, pageWhere)}`,
    params: w.params,
  };
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
  if (f.serialLike !== undefined) {
    const like = p(f.serialLike);
    w.and(f.serialFills ? serialFillsSql('serial_norm', like, p(f.serialFills)) : `serial_norm LIKE ${like}`);
  }
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

/**
 * registry_items' size in pages, from its files: needs no planner statistics (a table filled by one large
 * transaction has none until it is analysed), so it scales the serial sample right from the first search.
 */
export async function itemTablePages(q: Queryable): Promise<number> {
  const [r] = await q.query<{ pages: number }>("SELECT pg_relation_size('registry_items') / current_setting('block_size')::int8 AS pages");
  return Number(r.pages);
}

/**
 * The normalised serials on `percent` of registry_items' pages, drawn at random (TABLESAMPLE SYSTEM: only
 * those pages are read, so a sample of a 10M-item registry reads a few megabytes, not the table).
 */
export async function sampleItemSerials(q: Queryable, percent: number): Promise<string[]> {
  const rows = await q.query<{ s: string }>('SELECT serial_norm AS s FROM registry_items TABLESAMPLE SYSTEM ($1::float4) WHERE serial_norm IS NOT NULL', [percent]);
  return rows.map((r) => r.s);
}

/** Items counted by kind and status (cached status, which tests keep equal to the derived one). */
export async function countItemsByStatus(q: Queryable, visibleTo?: string): Promise<{ kind: string; status: string; count: number }[]> {
  const where = visibleTo ? 'WHERE holder_party_id = $1 OR keeper_party_id = $1 OR manufacturer_party_id = $1' : '';
  return q.query(`SELECT kind, status, count(*)::int8 AS count FROM registry_items ${where} GROUP BY kind, status ORDER BY kind, status`, visibleTo ? [visibleTo] : []);
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

// ---------------------------------------------------------------- ranked partial search

/**
 * `column LIKE like` for a pattern with fills (model.fillsToSearch), in a form the trigram index serves:
 * every serial of letters and digits that fits `like` fits one of the fills (the filled `?` stood for one
 * of them, or the only fill is `like`) and every serial fitting a fill fits `like`; every other serial is
 * searched through the partial index registry_items_serial_unusual. So it finds exactly what the pattern finds, alone: with a
 * `column LIKE like` beside it, PostgreSQL plans a one-trigram pattern ("EJ?33?036") by that condition
 * and rechecks thousands of rows (15–240 ms at 1M items instead of 2–10). `fills` is a text[] expression.
 */
function serialFillsSql(column: string, like: string, fills: string): string {
  return `(${column} LIKE ANY(${fills}::text[]) OR (${column} ${SERIAL_UNUSUAL_SQL} AND ${column} LIKE ${like}))`;
}

export interface PartialRankQuery {
  /** LIKE pattern (escape `\`) on the normalised serial, from model.partialSerialPattern. */
  like: string;
  /** Characters the officer could read (weights how much of a candidate's serial they explain). */
  known: number;
  /** Patterns whose matches together are `like`'s, each selective for the trigram index (model.fillsToSearch). */
  fills?: readonly string[];
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
 * model (see model.PARTIAL_RANK_WEIGHTS); equal scores by what the item's status makes likely
 * (model.PARTIAL_TIE_STATUS_TIER), then id. `total` is the count of every match, not only the page.
 */
export async function rankItemsBySerialPattern(q: Queryable, r: PartialRankQuery): Promise<RankedItemRow[]> {
  const w = new SqlFilter();
  const p = w.p;
  const like = p(r.like);
  w.and(r.fills ? serialFillsSql('serial_norm', like, p(r.fills)) : `serial_norm LIKE ${like}`);
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
      `ORDER BY score DESC, ${partialTieTierSql('status')}, id LIMIT ${p(r.limit)}`,
    w.params,
  );
}

/** One query of rankItemsBySerialPatterns (the scope and the page size are shared by the batch). */
export type PartialRankBatchQuery = Pick<PartialRankQuery, 'like' | 'known' | 'fills' | 'make' | 'model' | 'calibre' | 'kind'>;

/**
 * rankItemsBySerialPattern for many queries in one statement (a seizure list's obliterated marks): a lateral
 * join searches the trigram index once per query and scores its matches exactly as the single query does,
 * the best `limit` kept per query. Rows carry `n`, the query's 0-based index, ordered by it, then best first.
 * Every query is searched as its fills (or as itself) or, for serials with unusual characters, through
 * their partial index: one plan for the batch, selective for each query.
 */
export async function rankItemsBySerialPatterns(
  q: Queryable,
  queries: readonly PartialRankBatchQuery[],
  opts: { visibleTo?: string; limit: number },
): Promise<(RankedItemRow & { n: number })[]> {
  if (queries.length === 0) return [];
  const weights = PARTIAL_RANK_WEIGHTS;
  const params: unknown[] = [
    queries.map((r) => r.like),
    queries.map((r) => r.known),
    queries.map((r) => r.make ?? null),
    queries.map((r) => r.model ?? null),
    queries.map((r) => r.calibre ?? null),
    queries.map((r) => r.kind ?? null),
    opts.limit,
    // A serial never holds a line break (normalisation removes white space): it separates the fills.
    queries.map((r) => (r.fills ?? [r.like]).join('\n')),
  ];
  let scope = '';
  if (opts.visibleTo) {
    params.push(opts.visibleTo);
    scope = 'AND (i.holder_party_id = $9 OR i.keeper_party_id = $9 OR i.manufacturer_party_id = $9)';
  }
  const agree = (column: string, value: string) => `CASE WHEN lower(i.${column}) = lower(q.${value}) THEN 1 ELSE 0 END`;
  const score =
    `${weights.serial} * (q.q_known::float8 / greatest(length(i.serial_norm), 1)) + ` +
    `${weights.make} * ${agree('make', 'q_make')} + ${weights.calibre} * ${agree('calibre', 'q_calibre')} + ${weights.model} * ${agree('model', 'q_model')}`;
  const cols = ITEM_COLS.split(', ').map((c) => `i.${c}`).join(', ');
  return q.query<RankedItemRow & { n: number }>(
    `SELECT r.*, (q.q_n - 1)::int AS n
       FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $8::text[]) WITH ORDINALITY
            AS q(q_like, q_known, q_make, q_model, q_calibre, q_kind, q_fills, q_n)
       CROSS JOIN LATERAL (
         SELECT ${cols}, (${score})::float8 AS score, ${partialTieTierSql('i.status')} AS tie, (count(*) OVER ())::int8 AS total
           FROM registry_items i
          WHERE i.serial_norm LIKE q.q_like
            AND ${serialFillsSql('i.serial_norm', 'q.q_like', "string_to_array(q.q_fills, E'\\n')")}
            AND (q.q_kind IS NULL OR i.kind = q.q_kind) ${scope}
          ORDER BY score DESC, tie, i.id LIMIT $7) r
      ORDER BY q.q_n, r.score DESC, r.tie, r.id`,
    params,
  );
}
