import type { FieldError } from '../platform/http/errors.ts';
import { isCountryCode } from '../reference/countries.ts';

/**
 * Registry types and pure rules: Art. 8 markings, Art. 3 antiques, the custody state machine, serial
 * normalisation and partial-serial patterns, retention dates. No I/O; every rule returns field errors
 * with stable codes so HTTP, CLI and bulk import report the same reasons.
 */

export const ITEM_KINDS = ['firearm', 'part', 'ammunition'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

/** ITI para 4 small arms and light weapons, plus the civilian types a national registry meets. */
export const FIREARM_TYPES = [
  'revolver',
  'self_loading_pistol',
  'pistol',
  'rifle',
  'carbine',
  'shotgun',
  'sub_machine_gun',
  'assault_rifle',
  'light_machine_gun',
  'heavy_machine_gun',
  'grenade_launcher',
  'portable_anti_aircraft_gun',
  'portable_anti_tank_gun',
  'recoilless_rifle',
  'portable_anti_tank_launcher',
  'portable_anti_aircraft_launcher',
  'mortar_under_100mm',
  'other',
] as const;
export type FirearmType = (typeof FIREARM_TYPES)[number];

/** Protocol Art. 3(b) parts and components, and the suppressor. */
export const PART_TYPES = ['frame', 'receiver', 'barrel', 'slide', 'cylinder', 'bolt', 'breech_block', 'suppressor', 'other_essential'] as const;
export type PartType = (typeof PART_TYPES)[number];

/** Protocol Art. 3(c): the complete round or its controlled components. */
export const AMMUNITION_COMPONENTS = ['complete_round', 'case', 'primer', 'propellant', 'projectile'] as const;
export type AmmunitionComponent = (typeof AMMUNITION_COMPONENTS)[number];

export const MARKING_KINDS = ['manufacture', 'import', 'state_transfer', 'confiscation', 'deactivation', 'proof', 'other'] as const;
export type MarkingKind = (typeof MARKING_KINDS)[number];

/** Where on the item a mark is (ISACS 05.30: frame/receiver is the primary reference point). */
export const MARKING_LOCATIONS = ['frame', 'receiver', 'barrel', 'slide', 'cylinder', 'bolt', 'breech_block', 'suppressor', 'packaging', 'other'] as const;
export type MarkingLocation = (typeof MARKING_LOCATIONS)[number];

export const PARTY_KINDS = ['person', 'organisation'] as const;
export type PartyKind = (typeof PARTY_KINDS)[number];

export const PARTY_ROLES = ['manufacturer', 'dealer', 'importer', 'exporter', 'broker', 'carrier', 'owner', 'end_user', 'consignee', 'repairer', 'state_agency'] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];

export const EVENT_KINDS = [
  'manufactured',
  'imported',
  'exported',
  'transferred',
  'loaned',
  'returned',
  'repaired',
  'in_transit',
  'reported_lost',
  'reported_stolen',
  'recovered',
  'seized',
  'confiscated',
  'deactivated',
  'destroyed',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export const ITEM_STATUSES = ['registered', 'active', 'loaned', 'in_transit', 'lost', 'stolen', 'seized', 'confiscated', 'deactivated', 'exported', 'destroyed'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

/**
 * What item search can be sorted by (`?sort=…&order=asc|desc`), each with the item id as tie-break so
 * pages are stable. Codes sort by their code (status, kind, ISO country), text without regard to case.
 */
export const ITEM_SORT_KEYS = ['registeredAt', 'lastEventAt', 'serial', 'make', 'model', 'calibre', 'kind', 'status', 'countryOfManufacture', 'yearOfManufacture', 'holderCountry'] as const;
export type ItemSortKey = (typeof ITEM_SORT_KEYS)[number];
export const SORT_ORDERS = ['asc', 'desc'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

export interface MarkingInput {
  kind: MarkingKind;
  location: MarkingLocation;
  manufacturerName?: string | null;
  countryOfManufacture?: string | null;
  placeOfManufacture?: string | null;
  serialNumber?: string | null;
  /** Art. 8(1)(a) alternative form: simple geometric symbol(s) plus a numeric/alphanumeric code. */
  alternativeSymbol?: string | null;
  alternativeCode?: string | null;
  importCountry?: string | null;
  importYear?: number | null;
  transferringCountry?: string | null;
  /** Country that applied a confiscation / deactivation mark. */
  markingCountry?: string | null;
  markingYear?: number | null;
  /** Deactivation certificate (Art. 9(c)). */
  certificateRef?: string | null;
  yearOfManufacture?: number | null;
  model?: string | null;
  calibre?: string | null;
  /** The mark as read off the item, verbatim. */
  text?: string | null;
  method?: string | null;
}

export interface ItemInput {
  kind: ItemKind;
  firearmType?: FirearmType | null;
  partType?: PartType | null;
  ammunitionComponent?: AmmunitionComponent | null;
  make?: string | null;
  model?: string | null;
  calibre?: string | null;
  yearOfManufacture?: number | null;
  countryOfManufacture?: string | null;
  placeOfManufacture?: string | null;
  serialNumber?: string | null;
  lotNumber?: string | null;
  quantityRounds?: number | null;
  isAntique?: boolean;
  isReplica?: boolean;
  /** Set when the item is in the State on a temporary import for a verifiable lawful purpose (Art. 8(1)(b)). */
  temporaryImportPurpose?: string | null;
  description?: string | null;
}

export interface CustodyEventInput {
  kind: EventKind;
  occurredAt: Date;
  fromPartyId?: string | null;
  toPartyId?: string | null;
  placeLocode?: string | null;
  placeText?: string | null;
  /** Import: the country exported from; export: the destination. ISO 3166-1 alpha-2. */
  counterpartCountry?: string | null;
  authorizationRef?: string | null;
  licenceId?: string | null;
  certificateRef?: string | null;
  destructionMethod?: string | null;
  witnesses?: string[] | null;
  temporaryImportPurpose?: string | null;
  note?: string | null;
}

/** What the events say about an item now. `holder` owns/possesses it; `keeper` has it on loan/in transit. */
export interface CustodyState {
  status: ItemStatus;
  holderPartyId: string | null;
  keeperPartyId: string | null;
  eventCount: number;
  lastEventAt: Date | null;
  manufacturedAt: Date | null;
  destroyedAt: Date | null;
}

export const INITIAL_STATE: CustodyState = {
  status: 'registered',
  holderPartyId: null,
  keeperPartyId: null,
  eventCount: 0,
  lastEventAt: null,
  manufacturedAt: null,
  destroyedAt: null,
};

// ---------------------------------------------------------------- serials

/**
 * Serials are compared without case, whitespace, dashes (any Unicode dash) and dots: officers read
 * "ab-123.45" off a frame that the factory record writes "AB12345".
 */
export function normaliseSerial(serial: string): string {
  return serial
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-\u2010-\u2015\u2212.]+/g, '');
}

/** A normalised serial must keep at least one character; "--" is not a serial. */
export function normaliseSerialOrNull(serial: string | null | undefined): string | null {
  if (serial == null) return null;
  const n = normaliseSerial(serial);
  return n.length > 0 ? n : null;
}

export interface SerialPattern {
  /** LIKE pattern with `\` as escape character, wrapped in `%…%` (substring). */
  like: string;
  /** Number of known (non-wildcard) characters. */
  known: number;
  /** Longest run of consecutive known characters: the trigram index needs a run of at least 3. */
  longestRun: number;
  /**
   * When the pattern gives the trigram index at most one trigram ("EJ?33?036": only "036", which a
   * registry of a million serials holds thousands of times), the same pattern with one `?` filled by each
   * of SERIAL_FILL_ALPHABET in turn, the `?` whose filling gives the most trigrams: each fill is a selective
   * search, and together with the serials that hold a character outside the alphabet (partial index
   * registry_items_serial_unusual) they find exactly what `like` finds. Absent when not worth it.
   */
  fills?: string[];
  /**
   * When the pattern has fills and itself gives the trigram index exactly one trigram: that trigram. The
   * fills are then a choice, worth it only when many serials hold it (fillsToSearch); without a trigram
   * they are the only way the index serves the pattern.
   */
  trigram?: string;
}

/** What a `?` can stand for in a serial the trigram index sees: the normalised serial's letters and digits. */
export const SERIAL_FILL_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** The registry's serials holding any other character (the partial index's predicate, in SQL). */
export const SERIAL_UNUSUAL_SQL = "~ '[^0-9A-Z]'";

/** Trigrams pg_trgm extracts from LIKE tokens: per run of letters and digits of length n, n − 2. */
function trigramCount(tokens: readonly string[]): number {
  let count = 0;
  let run = 0;
  for (const t of [...tokens, '%']) {
    if (t.length === 1 && /[0-9A-Z]/.test(t)) run++;
    else {
      count += Math.max(0, run - 2);
      run = 0;
    }
  }
  return count;
}

/** The one trigram pg_trgm extracts from LIKE tokens that give exactly one (a run of exactly 3), or undefined. */
function soleTrigram(tokens: readonly string[]): string | undefined {
  if (trigramCount(tokens) !== 1) return undefined;
  return tokens.join('').match(/(?<![0-9A-Z])[0-9A-Z]{3}(?![0-9A-Z])/)?.[0];
}

/** The fills of partialSerialPattern (see SerialPattern.fills), or undefined. */
function fillsFor(tokens: readonly string[]): string[] | undefined {
  if (trigramCount(tokens) > 1) return undefined;
  let best = -1;
  let bestCount = trigramCount(tokens);
  tokens.forEach((t, k) => {
    if (t !== '_') return;
    const n = trigramCount(tokens.map((u, j) => (j === k ? 'X' : u)));
    if (n > bestCount) {
      best = k;
      bestCount = n;
    }
  });
  // Worth 36 searches only when each is clearly more selective than the one it replaces.
  if (best < 0 || bestCount < 2) return undefined;
  return [...SERIAL_FILL_ALPHABET].map((c) => tokens.map((u, j) => (j === best ? c : u)).join(''));
}

/**
 * pg_trgm can only use the index for a LIKE pattern holding at least one run of 3 consecutive known
 * characters ("AB?12" has runs of 2: alone, a full scan of the registry). A pattern without one is
 * searchable only through its fills (see isSearchablePattern).
 */
export const MIN_PARTIAL_KNOWN_RUN = 3;

/**
 * Whether a partial serial can be searched through the trigram index: a run of MIN_PARTIAL_KNOWN_RUN
 * known characters, or one `?` whose filling makes the runs give at least two trigrams ("MN?12?34":
 * two characters obliterated from an eight-character serial, runs of two; each fill "MNX12?34" gives
 * three). Each fill is then at least as selective as a 3-character run, so the work is 36 index
 * searches, never a scan of the registry. Anything less ("Q?5?1", "A?*1") is refused.
 */
export function isSearchablePattern(p: SerialPattern): boolean {
  return p.longestRun >= MIN_PARTIAL_KNOWN_RUN || p.fills !== undefined;
}

/**
 * Partial serial for obliterated marks: substring match; `?` one unknown character, `*` any run.
 * LIKE's own wildcards and escape in the serial are escaped so "A_1" matches the underscore literally.
 */
export function partialSerialPattern(input: string): SerialPattern {
  const norm = input
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-\u2010-\u2015\u2212.]+/g, '');
  // Tokens, not a string: collapsing "%%" on the string would eat an escaped "\\%" next to a wildcard.
  const tokens: string[] = ['%'];
  let known = 0;
  let run = 0;
  let longestRun = 0;
  for (const ch of norm) {
    if (ch === '?' || ch === '*') run = 0;
    if (ch === '?') tokens.push('_');
    else if (ch === '*') {
      if (tokens[tokens.length - 1] !== '%') tokens.push('%');
    } else {
      known++;
      run++;
      longestRun = Math.max(longestRun, run);
      tokens.push(ch === '%' || ch === '_' || ch === '\\' ? `\\${ch}` : ch);
    }
  }
  if (tokens[tokens.length - 1] !== '%') tokens.push('%');
  const like = tokens.join('');
  const fills = fillsFor(tokens);
  if (!fills) return { like, known, longestRun };
  const trigram = soleTrigram(tokens);
  return trigram ? { like, known, longestRun, fills, trigram } : { like, known, longestRun, fills };
}

/**
 * When a pattern with one trigram is searched as itself rather than as its 36 fills: when at most this share
 * of the registry's serials hold that trigram, and no more than this many. As itself, PostgreSQL rechecks
 * every serial the trigram index gives, one heap page each (measured for an officer's new pattern, the pages
 * outside PostgreSQL's buffers: ~3–10 µs each); the fills cost 36 index searches of four trigrams, which grow
 * with the registry (~2 ms at 1M items; ~14 ms at 10M, ~9 of them JIT compilation). Crossovers measured:
 * ~1,000 serials at 1M (digit serials), ~2,000 at 10M (BENCHMARKS.md, "Partial search: the fills only for a
 * common trigram").
 */
export const PLAIN_PATTERN_LIMIT = { share: 0.001, candidates: 2_000 } as const;

/** How many of a registry's serials hold a trigram (estimated), of how many serials. */
export interface TrigramFrequency {
  holding: number;
  serials: number;
}

/**
 * The patterns a search of `p` reads the trigram index with, when not `p.like` alone: for a pattern with one
 * trigram that few serials hold (`frequency`, within `limit`: "C2?RS2" at 10M items, "RS2" in ~1,650
 * serials, ~6 ms as itself against ~14 ms as 36 fills), `[p.like]`, the pattern as its only fill, so its few
 * matches are read once too (store-items.ts searchSql); its fills when the trigram is common ("EJ?33?036"
 * among 1M digit serials: "036" in ~4,400) or its frequency is not known, and always when it has no trigram.
 */
export function fillsToSearch(p: SerialPattern, frequency: TrigramFrequency | undefined, limit: { share: number; candidates: number } = PLAIN_PATTERN_LIMIT): string[] | undefined {
  if (!p.fills || p.trigram === undefined || !frequency) return p.fills;
  const rare = frequency.holding <= limit.candidates && frequency.holding <= limit.share * frequency.serials;
  return rare ? [p.like] : p.fills;
}

/**
 * How many of `serials` (normalised) hold each run of three letters and digits, each serial counted once per
 * run: a sample's trigram frequencies, for fillsToSearch. Only these counts are kept, never the serials.
 */
export function serialTrigramCounts(serials: Iterable<string>): Map<string, number> {
  const counts = new Map<string, number>();
  const seen = new Set<string>();
  for (const s of serials) {
    seen.clear();
    let run = 0;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      run = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) ? run + 1 : 0;
      if (run < 3) continue;
      const t = s.slice(i - 2, i + 1);
      if (seen.has(t)) continue;
      seen.add(t);
      counts.set(t, (counts.get(t) ?? 0) + 1);
    }
  }
  return counts;
}

/**
 * How a partial-serial candidate is ranked (ISACS 05.31 essential data): every match already agrees with
 * each readable character, so the serial part is the share of the candidate's serial those characters
 * explain (a candidate with many characters the officer did not see is a weaker match); then make and
 * calibre, which survive obliteration, then model. Weights sum to 1, so a score reads as agreement.
 */
export const PARTIAL_RANK_WEIGHTS = { serial: 0.4, make: 0.25, calibre: 0.2, model: 0.15 } as const;

/**
 * Between candidates that agree equally with what was read (same score: typically the same make, calibre
 * and serial format, differing only where the marks were obliterated), which the record makes the more
 * likely to be a recovered firearm: first one the record says left legal hands (reported lost or stolen:
 * the recovery is what the report expects, and a hit must not sink below a legal holding; Art. 11, ITI
 * para 9); then one in legal hands (diverted without a report); last one the record places out of
 * reach: in State custody, exported, deactivated or destroyed (its recovery would mean the record is
 * wrong). Only then by id. It never outweighs any agreement of the score: it orders equals.
 */
export const PARTIAL_TIE_STATUS_TIER: Readonly<Record<ItemStatus, 0 | 1 | 2>> = {
  lost: 0,
  stolen: 0,
  registered: 1,
  active: 1,
  loaned: 1,
  in_transit: 1,
  seized: 2,
  confiscated: 2,
  exported: 2,
  deactivated: 2,
  destroyed: 2,
};

/** PARTIAL_TIE_STATUS_TIER of a status column, in SQL (the statuses are the model's own constants, no input). */
export function partialTieTierSql(column: string): string {
  const tiers = [0, 1].map((t) => {
    const statuses = ITEM_STATUSES.filter((s) => PARTIAL_TIE_STATUS_TIER[s] === t);
    return `WHEN ${column} IN (${statuses.map((s) => `'${s}'`).join(', ')}) THEN ${t}`;
  });
  return `CASE ${tiers.join(' ')} ELSE 2 END`;
}

/** Candidates best first: score, then PARTIAL_TIE_STATUS_TIER, then id (as the ranked SQL orders them). */
export function compareCandidates(a: { score: number; status: ItemStatus; id: string }, b: { score: number; status: ItemStatus; id: string }): number {
  return b.score - a.score || PARTIAL_TIE_STATUS_TIER[a.status] - PARTIAL_TIE_STATUS_TIER[b.status] || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

// ---------------------------------------------------------------- items and markings

const CURRENT_YEAR_SLACK = 1;

/** Art. 3(a): "in no case shall antique firearms include firearms manufactured after 1899". */
export const ANTIQUE_CUTOFF_YEAR = 1899;

/**
 * Helpers of validateItem / validateMarking at module level, not closures made per call: the bulk import
 * validates a million rows, and the loader (tsx, keepNames) names every closure it creates.
 */
const fieldPath = (prefix: string, name: string) => `${prefix}${name}`;

function markingCountry(errors: FieldError[], prefix: string, name: keyof MarkingInput, value: string | null | undefined): void {
  if (value != null && !isCountryCode(value)) {
    errors.push({ field: fieldPath(prefix, name), code: 'country.invalid', message: `"${value}" is not an ISO 3166-1 alpha-2 code.` });
  }
}

function markingYear(errors: FieldError[], prefix: string, name: keyof MarkingInput, value: number | null | undefined, nowYear: number): void {
  if (value != null && (value < 1300 || value > nowYear + CURRENT_YEAR_SLACK)) {
    errors.push({ field: fieldPath(prefix, name), code: 'marking.year_out_of_range', message: `Year ${value} is not plausible.` });
  }
}

export function validateItem(item: ItemInput, nowYear: number, prefix = ''): FieldError[] {
  const errors: FieldError[] = [];
  if (item.kind === 'firearm') {
    if (!item.firearmType) errors.push({ field: fieldPath(prefix, 'firearmType'), code: 'item.firearm_type_required', message: 'A firearm needs its type (revolver, rifle, …).' });
    if (item.partType) errors.push({ field: fieldPath(prefix, 'partType'), code: 'item.part_type_not_allowed', message: 'Only parts have a part type.' });
  } else if (item.kind === 'part') {
    if (!item.partType) errors.push({ field: fieldPath(prefix, 'partType'), code: 'item.part_type_required', message: 'A part needs its type (frame, receiver, barrel, …).' });
    if (item.firearmType) errors.push({ field: fieldPath(prefix, 'firearmType'), code: 'item.firearm_type_not_allowed', message: 'Only firearms have a firearm type.' });
  } else {
    if (!item.calibre) errors.push({ field: fieldPath(prefix, 'calibre'), code: 'item.calibre_required', message: 'An ammunition lot needs its calibre.' });
    if (item.quantityRounds == null || !Number.isInteger(item.quantityRounds) || item.quantityRounds <= 0) {
      errors.push({ field: fieldPath(prefix, 'quantityRounds'), code: 'item.quantity_required', message: 'An ammunition lot needs a positive whole number of rounds.' });
    }
    if (!item.lotNumber?.trim()) errors.push({ field: fieldPath(prefix, 'lotNumber'), code: 'item.lot_number_required', message: 'An ammunition lot needs its lot number.' });
    if (item.firearmType) errors.push({ field: fieldPath(prefix, 'firearmType'), code: 'item.firearm_type_not_allowed', message: 'Only firearms have a firearm type.' });
    if (item.partType) errors.push({ field: fieldPath(prefix, 'partType'), code: 'item.part_type_not_allowed', message: 'Only parts have a part type.' });
  }
  if (item.kind !== 'ammunition' && item.quantityRounds != null) {
    errors.push({ field: fieldPath(prefix, 'quantityRounds'), code: 'item.quantity_not_allowed', message: 'Only ammunition lots are counted in rounds.' });
  }
  if (item.countryOfManufacture != null && !isCountryCode(item.countryOfManufacture)) {
    errors.push({ field: fieldPath(prefix, 'countryOfManufacture'), code: 'country.invalid', message: `"${item.countryOfManufacture}" is not an ISO 3166-1 alpha-2 code.` });
  }
  if (item.yearOfManufacture != null && (item.yearOfManufacture < 1300 || item.yearOfManufacture > nowYear + CURRENT_YEAR_SLACK)) {
    errors.push({ field: fieldPath(prefix, 'yearOfManufacture'), code: 'item.year_out_of_range', message: `Year of manufacture ${item.yearOfManufacture} is not plausible.` });
  }
  if (item.isAntique) {
    if (item.kind !== 'firearm') {
      errors.push({ field: fieldPath(prefix, 'isAntique'), code: 'item.antique_only_firearm', message: 'Only a firearm can be recorded as antique.' });
    } else if (item.yearOfManufacture == null) {
      errors.push({ field: fieldPath(prefix, 'yearOfManufacture'), code: 'item.antique_year_required', message: 'An antique firearm needs its year of manufacture (Art. 3(a): never after 1899).' });
    } else if (item.yearOfManufacture > ANTIQUE_CUTOFF_YEAR) {
      errors.push({ field: fieldPath(prefix, 'isAntique'), code: 'item.antique_after_1899', message: `A firearm made in ${item.yearOfManufacture} can never be antique (Protocol Art. 3(a): not after 1899).` });
    }
  }
  if (item.serialNumber != null && normaliseSerialOrNull(item.serialNumber) == null) {
    errors.push({ field: fieldPath(prefix, 'serialNumber'), code: 'item.serial_empty', message: 'The serial number has no characters once spaces, dashes and dots are removed.' });
  }
  if (item.temporaryImportPurpose != null && !item.temporaryImportPurpose.trim()) {
    errors.push({ field: fieldPath(prefix, 'temporaryImportPurpose'), code: 'item.temporary_purpose_empty', message: 'State the lawful purpose of the temporary import.' });
  }
  return errors;
}

function blank(v: string | null | undefined): boolean {
  return v == null || v.trim() === '';
}

/** Art. 8 content rules for one marking. */
export function validateMarking(m: MarkingInput, nowYear: number, prefix = ''): FieldError[] {
  const errors: FieldError[] = [];
  markingCountry(errors, prefix, 'countryOfManufacture', m.countryOfManufacture);
  markingCountry(errors, prefix, 'importCountry', m.importCountry);
  markingCountry(errors, prefix, 'transferringCountry', m.transferringCountry);
  markingCountry(errors, prefix, 'markingCountry', m.markingCountry);
  markingYear(errors, prefix, 'importYear', m.importYear, nowYear);
  markingYear(errors, prefix, 'markingYear', m.markingYear, nowYear);
  markingYear(errors, prefix, 'yearOfManufacture', m.yearOfManufacture, nowYear);
  if (m.serialNumber != null && normaliseSerialOrNull(m.serialNumber) == null) {
    errors.push({ field: fieldPath(prefix, 'serialNumber'), code: 'marking.serial_empty', message: 'The serial number has no characters once spaces, dashes and dots are removed.' });
  }

  switch (m.kind) {
    case 'manufacture': {
      // Art. 8(1)(a): name of manufacturer + country or place + serial, OR the alternative symbol+code form.
      const alternative = !blank(m.alternativeSymbol) || !blank(m.alternativeCode);
      if (alternative) {
        if (blank(m.alternativeSymbol)) errors.push({ field: fieldPath(prefix, 'alternativeSymbol'), code: 'marking.alternative_symbol_required', message: 'The alternative marking needs its geometric symbol(s).' });
        if (blank(m.alternativeCode)) {
          errors.push({ field: fieldPath(prefix, 'alternativeCode'), code: 'marking.alternative_code_required', message: 'The alternative marking needs its numeric or alphanumeric code.' });
        } else if (!/^[A-Za-z0-9][A-Za-z0-9\- /.]*$/.test(m.alternativeCode!.trim())) {
          errors.push({ field: fieldPath(prefix, 'alternativeCode'), code: 'marking.alternative_code_format', message: 'The alternative code must be numeric or alphanumeric.' });
        }
        // The alternative form must still let all States identify the country of manufacture.
        if (blank(m.countryOfManufacture)) errors.push({ field: fieldPath(prefix, 'countryOfManufacture'), code: 'marking.country_required', message: 'The alternative marking must identify the country of manufacture.' });
      } else {
        if (blank(m.manufacturerName)) errors.push({ field: fieldPath(prefix, 'manufacturerName'), code: 'marking.manufacturer_required', message: 'A manufacture marking names the manufacturer (Art. 8(1)(a)).' });
        if (blank(m.countryOfManufacture) && blank(m.placeOfManufacture)) {
          errors.push({ field: fieldPath(prefix, 'countryOfManufacture'), code: 'marking.country_or_place_required', message: 'A manufacture marking gives the country or place of manufacture (Art. 8(1)(a)).' });
        }
        if (blank(m.serialNumber)) errors.push({ field: fieldPath(prefix, 'serialNumber'), code: 'marking.serial_required', message: 'A manufacture marking carries a serial number (Art. 8(1)(a)).' });
      }
      break;
    }
    case 'import':
      // Art. 8(1)(b): country of import, and the year "where possible" (so not required).
      if (blank(m.importCountry)) errors.push({ field: fieldPath(prefix, 'importCountry'), code: 'marking.import_country_required', message: 'An import marking identifies the country of import (Art. 8(1)(b)).' });
      break;
    case 'state_transfer':
      // Art. 8(1)(c): transfer from State stocks to permanent civilian use names the transferring country.
      if (blank(m.transferringCountry)) errors.push({ field: fieldPath(prefix, 'transferringCountry'), code: 'marking.transferring_country_required', message: 'A State-stock transfer marking identifies the transferring country (Art. 8(1)(c)).' });
      break;
    case 'confiscation':
      // ISACS 05.30: marked on permanent confiscation by the State.
      if (blank(m.markingCountry)) errors.push({ field: fieldPath(prefix, 'markingCountry'), code: 'marking.marking_country_required', message: 'A confiscation marking identifies the confiscating State.' });
      if (blank(m.text) && blank(m.serialNumber)) errors.push({ field: fieldPath(prefix, 'text'), code: 'marking.text_required', message: 'Record what the confiscation mark says (text or serial).' });
      break;
    case 'deactivation':
      // Art. 9(c): a certificate or record attesting deactivation, or a clearly visible mark.
      if (blank(m.text) && blank(m.certificateRef)) errors.push({ field: fieldPath(prefix, 'text'), code: 'marking.deactivation_text_or_certificate_required', message: 'A deactivation marking records the mark text or the certificate number (Art. 9(c)).' });
      break;
    case 'proof':
    case 'other':
      if (blank(m.text) && blank(m.serialNumber)) errors.push({ field: fieldPath(prefix, 'text'), code: 'marking.text_required', message: 'Record what the mark says.' });
      break;
  }
  return errors;
}

/**
 * Marking rules over the whole item: a firearm or part needs an Art. 8(1)(a) manufacture marking,
 * except a weapon registered because it was found or seized (ITI para 9: illicit weapons found are
 * recorded, then marked or destroyed; their marks may be obliterated).
 */
export function validateItemMarkings(item: ItemInput, markings: readonly MarkingInput[], prefix = 'markings', firstEvent?: EventKind | null): FieldError[] {
  const errors: FieldError[] = [];
  const found = firstEvent === 'seized';
  if (item.kind !== 'ammunition' && !item.isAntique && !found && !markings.some((m) => m.kind === 'manufacture')) {
    errors.push({ field: prefix, code: 'marking.manufacture_required', message: 'A firearm or part is registered with its manufacture marking (Art. 8(1)(a)), unless it is registered as found or seized.' });
  }
  return errors;
}

/** Art. 8(1)(b): an import event needs an import marking on the item, or a temporary-import purpose. */
export function validateImportMarking(item: ItemInput, markings: readonly MarkingInput[], event: CustodyEventInput, prefix = ''): FieldError[] {
  if (event.kind !== 'imported') return [];
  if (markings.some((m) => m.kind === 'import')) return [];
  const purpose = event.temporaryImportPurpose ?? item.temporaryImportPurpose;
  if (purpose && purpose.trim()) return [];
  return [
    {
      field: `${prefix}temporaryImportPurpose`,
      code: 'marking.import_required',
      message: 'An imported item needs an import marking (country of import, year where possible), unless it is a temporary import for a stated lawful purpose (Art. 8(1)(b)).',
    },
  ];
}

/** The serial that search finds an item by: the item's own, else the first marking's serial or alternative code. */
export function primarySerial(item: ItemInput, markings: readonly MarkingInput[]): string | null {
  if (item.kind === 'ammunition') return item.lotNumber ?? item.serialNumber ?? null;
  if (!blank(item.serialNumber)) return item.serialNumber!;
  const manufacture = markings.find((m) => m.kind === 'manufacture' && (!blank(m.serialNumber) || !blank(m.alternativeCode)));
  if (manufacture) return (blank(manufacture.serialNumber) ? manufacture.alternativeCode : manufacture.serialNumber) ?? null;
  const any = markings.find((m) => !blank(m.serialNumber));
  return any?.serialNumber ?? null;
}

// ---------------------------------------------------------------- custody state machine

/** Statuses from which each event is allowed. `registered` = no custody event yet. */
const ALLOWED_FROM: Record<EventKind, readonly ItemStatus[]> = {
  manufactured: ['registered'],
  // Re-import after an export is lawful; import of an item already here is not.
  imported: ['registered', 'exported'],
  exported: ['active', 'in_transit', 'confiscated', 'deactivated'],
  transferred: ['active', 'in_transit', 'confiscated', 'deactivated'],
  loaned: ['active'],
  returned: ['loaned', 'in_transit', 'seized'],
  repaired: ['active', 'loaned'],
  in_transit: ['active', 'confiscated', 'deactivated'],
  reported_lost: ['active', 'loaned', 'in_transit'],
  reported_stolen: ['active', 'loaned', 'in_transit', 'lost'],
  recovered: ['lost', 'stolen'],
  seized: ['active', 'loaned', 'in_transit', 'lost', 'stolen', 'exported', 'deactivated', 'registered'],
  confiscated: ['seized', 'active', 'loaned'],
  deactivated: ['active', 'confiscated', 'seized'],
  destroyed: ['active', 'loaned', 'seized', 'confiscated', 'deactivated', 'registered'],
};

/** The statuses from which an event may be recorded (other modules check their own rules against them). */
export function statusesAllowing(kind: EventKind): readonly ItemStatus[] {
  return ALLOWED_FROM[kind];
}

/** Why an event is refused from a status: one stable code per status (the status is what blocks). */
const REFUSAL_BY_STATUS: Record<ItemStatus, { code: string; message: string }> = {
  registered: { code: 'custody.no_origin', message: 'the item has no custody record yet: record its manufacture or import first' },
  active: { code: 'custody.already_held', message: 'the item is already held in the State' },
  loaned: { code: 'custody.on_loan', message: 'the item is on loan: record its return first' },
  in_transit: { code: 'custody.in_transit', message: 'the item is in transit: record its delivery first' },
  lost: { code: 'custody.item_lost', message: 'the item is reported lost: record its recovery first' },
  stolen: { code: 'custody.item_stolen', message: 'the item is reported stolen: record its recovery first' },
  seized: { code: 'custody.item_seized', message: 'the item is seized: record its release, confiscation or destruction first' },
  confiscated: { code: 'custody.item_confiscated', message: 'the item is confiscated by the State' },
  deactivated: { code: 'custody.item_deactivated', message: 'the item is deactivated' },
  exported: { code: 'custody.item_exported', message: 'the item has left the State: record its re-import first' },
  destroyed: { code: 'custody.item_destroyed', message: 'the item is destroyed; no custody event can follow destruction' },
};

export interface EventCheck {
  ok: boolean;
  errors: FieldError[];
}

/** Field-level requirements of each event kind (independent of the item's history). */
export function validateEventFields(e: CustodyEventInput, prefix = ''): FieldError[] {
  const errors: FieldError[] = [];
  const f = (name: string) => `${prefix}${name}`;
  const need = (cond: boolean, field: string, code: string, message: string) => {
    if (!cond) errors.push({ field: f(field), code, message });
  };
  if (Number.isNaN(e.occurredAt.getTime())) need(false, 'occurredAt', 'event.time_invalid', 'The time of the event is not a valid date.');
  if (e.counterpartCountry != null && !isCountryCode(e.counterpartCountry)) {
    need(false, 'counterpartCountry', 'country.invalid', `"${e.counterpartCountry}" is not an ISO 3166-1 alpha-2 code.`);
  }
  if (e.placeLocode != null && !/^[A-Z]{2} ?[A-Z2-9]{3}$/.test(e.placeLocode)) {
    need(false, 'placeLocode', 'event.locode_invalid', 'A UN/LOCODE is a country code and three letters or digits, e.g. "NL RTM".');
  }
  switch (e.kind) {
    case 'manufactured':
      need(!!e.toPartyId, 'toPartyId', 'event.manufacturer_required', 'Name the manufacturer that made the item.');
      break;
    case 'imported':
      need(!!e.toPartyId, 'toPartyId', 'event.importer_required', 'Name the importer.');
      need(!!e.counterpartCountry, 'counterpartCountry', 'event.country_required', 'Give the country the item was exported from (Art. 7(b)).');
      need(!!(e.authorizationRef || e.licenceId || e.temporaryImportPurpose), 'authorizationRef', 'event.authorization_required', 'An import cites its import authorization (Art. 10), unless it is a temporary import with a stated purpose.');
      break;
    case 'exported':
      need(!!e.counterpartCountry, 'counterpartCountry', 'event.country_required', 'Give the country of destination (Art. 7(b)).');
      need(!!(e.authorizationRef || e.licenceId), 'authorizationRef', 'event.authorization_required', 'An export cites its export licence (Art. 10).');
      break;
    case 'transferred':
    case 'loaned':
      need(!!e.toPartyId, 'toPartyId', 'event.recipient_required', 'Name the party receiving the item.');
      break;
    case 'in_transit':
      need(!!(e.placeLocode || e.placeText || e.toPartyId), 'placeText', 'event.place_or_carrier_required', 'Name the carrier or the place of transit.');
      break;
    case 'seized':
    case 'confiscated':
      need(!!e.toPartyId, 'toPartyId', 'event.authority_required', 'Name the State agency that holds the item.');
      need(!!e.authorizationRef, 'authorizationRef', 'event.legal_basis_required', 'Cite the seizure or confiscation order (Art. 6).');
      break;
    case 'deactivated':
      // Art. 9(b)-(c): verified by a competent authority with a certificate or record.
      need(!!e.certificateRef, 'certificateRef', 'event.certificate_required', 'A deactivation cites its certificate (Art. 9(c)).');
      break;
    case 'destroyed':
      need(!!e.destructionMethod?.trim(), 'destructionMethod', 'event.destruction_method_required', 'Record the method of destruction (Art. 6(2)).');
      need(!!e.witnesses && e.witnesses.filter((w) => w.trim()).length > 0, 'witnesses', 'event.witnesses_required', 'Name at least one witness of the destruction.');
      break;
    default:
      break;
  }
  return errors;
}

/**
 * Whether `event` may follow the item's current state: the status must allow it, the time must not run
 * backwards, and a transfer must come from the current holder when a sender is named.
 */
export function checkTransition(state: CustodyState, e: CustodyEventInput, prefix = ''): FieldError[] {
  const errors: FieldError[] = [];
  if (!ALLOWED_FROM[e.kind].includes(state.status)) {
    const why = REFUSAL_BY_STATUS[state.status];
    errors.push({ field: `${prefix}kind`, code: why.code, message: `Cannot record "${e.kind}": ${why.message}.` });
  }
  if (state.lastEventAt && e.occurredAt.getTime() < state.lastEventAt.getTime()) {
    errors.push({ field: `${prefix}occurredAt`, code: 'custody.out_of_order', message: `The event is dated before the item's last recorded event (${state.lastEventAt.toISOString()}).` });
  }
  if ((e.kind === 'transferred' || e.kind === 'loaned' || e.kind === 'exported') && e.fromPartyId && state.holderPartyId && e.fromPartyId !== state.holderPartyId) {
    errors.push({ field: `${prefix}fromPartyId`, code: 'custody.not_holder', message: 'The sender is not the current holder of the item.' });
  }
  return errors;
}

/** The state after `e` (assumes `checkTransition` passed). */
export function applyEvent(state: CustodyState, e: CustodyEventInput): CustodyState {
  const next: CustodyState = { ...state, eventCount: state.eventCount + 1, lastEventAt: e.occurredAt };
  const to = e.toPartyId ?? null;
  switch (e.kind) {
    case 'manufactured':
      return { ...next, status: 'active', holderPartyId: to, keeperPartyId: null, manufacturedAt: e.occurredAt };
    case 'imported':
      return { ...next, status: 'active', holderPartyId: to, keeperPartyId: null };
    case 'exported':
      return { ...next, status: 'exported', holderPartyId: to, keeperPartyId: null };
    case 'transferred':
      return { ...next, status: state.status === 'deactivated' ? 'deactivated' : 'active', holderPartyId: to, keeperPartyId: null };
    case 'loaned':
      return { ...next, status: 'loaned', keeperPartyId: to };
    case 'returned':
      return { ...next, status: 'active', keeperPartyId: null, holderPartyId: to ?? state.holderPartyId };
    case 'repaired':
      return next;
    case 'in_transit':
      return { ...next, status: 'in_transit', keeperPartyId: to };
    case 'reported_lost':
      return { ...next, status: 'lost', keeperPartyId: null };
    case 'reported_stolen':
      return { ...next, status: 'stolen', keeperPartyId: null };
    case 'recovered':
      return { ...next, status: 'active', holderPartyId: to ?? state.holderPartyId, keeperPartyId: null };
    case 'seized':
      // The owner stays the holder of record until confiscation; the seizing agency keeps it.
      return { ...next, status: 'seized', keeperPartyId: to };
    case 'confiscated':
      return { ...next, status: 'confiscated', holderPartyId: to, keeperPartyId: null };
    case 'deactivated':
      return { ...next, status: 'deactivated', holderPartyId: to ?? state.holderPartyId, keeperPartyId: null };
    case 'destroyed':
      return { ...next, status: 'destroyed', keeperPartyId: null, destroyedAt: e.occurredAt };
  }
}

/** Replays a whole chain of custody; throws if the stored chain breaks a rule (it never should). */
export function deriveState(events: readonly CustodyEventInput[]): CustodyState {
  let state = INITIAL_STATE;
  for (const [i, e] of events.entries()) {
    const errors = checkTransition(state, e, `events.${i}.`);
    if (errors.length) throw new Error(`Stored custody chain breaks a rule at event ${i}: ${errors.map((x) => x.code).join(', ')}`);
    state = applyEvent(state, e);
  }
  return state;
}

/** Full check of one new event against the item: fields, then transition. */
export function checkEvent(state: CustodyState, e: CustodyEventInput, prefix = ''): FieldError[] {
  const fieldErrors = validateEventFields(e, prefix);
  return fieldErrors.length ? fieldErrors : checkTransition(state, e, prefix);
}

// ---------------------------------------------------------------- roles per event kind

/**
 * Who may record which custody event (beyond registry.events.write): customs records what crosses the
 * border, tracing officers what police do; clerks and administrators everything.
 */
export const EVENT_KINDS_BY_ROLE: Readonly<Record<string, readonly EventKind[]>> = {
  administrator: EVENT_KINDS,
  registry_clerk: EVENT_KINDS,
  customs_officer: ['imported', 'exported', 'in_transit', 'seized'],
  tracing_officer: ['reported_lost', 'reported_stolen', 'recovered', 'seized', 'confiscated', 'returned', 'destroyed'],
};

// ---------------------------------------------------------------- retention

export interface RetentionFloors {
  protocolYears: number;
  manufactureYears: number;
  otherYears: number;
  afterDestructionYears: number;
}

export interface Retention {
  /** The record may not be purged before this date (YYYY-MM-DD). */
  until: string;
  /** Which floor decides: the maximum applicable wins. */
  basis: 'protocol' | 'manufacture' | 'other' | 'after_destruction';
}

function addYears(d: Date, years: number): Date {
  const r = new Date(d.getTime());
  r.setUTCFullYear(r.getUTCFullYear() + years);
  return r;
}

/**
 * Retention of an item's record: Protocol Art. 7 (≥ 10 y), ITI para 12 (30 y for manufacturing records,
 * 20 y for the others, counted from the last record), EU Directive 2021/555 (30 y after destruction).
 * The latest date wins. Floors come from configuration.
 */
export function retentionUntil(createdAt: Date, state: CustodyState, floors: RetentionFloors): Retention {
  const last = state.lastEventAt && state.lastEventAt > createdAt ? state.lastEventAt : createdAt;
  const candidates: { at: Date; basis: Retention['basis'] }[] = [
    { at: addYears(last, floors.protocolYears), basis: 'protocol' },
    { at: addYears(last, floors.otherYears), basis: 'other' },
  ];
  if (state.manufacturedAt) candidates.push({ at: addYears(state.manufacturedAt, floors.manufactureYears), basis: 'manufacture' });
  if (state.destroyedAt) candidates.push({ at: addYears(state.destroyedAt, floors.afterDestructionYears), basis: 'after_destruction' });
  let best = candidates[0];
  for (const c of candidates) if (c.at.getTime() > best.at.getTime()) best = c;
  return { until: best.at.toISOString().slice(0, 10), basis: best.basis };
}
