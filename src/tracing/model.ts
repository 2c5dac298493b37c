import type { FieldError } from '../platform/http/errors.ts';
import { isCountryCode } from '../reference/countries.ts';
import { AMMUNITION_COMPONENTS, FIREARM_TYPES, PART_TYPES, isSearchablePattern, normaliseSerialOrNull, partialSerialPattern, type ItemKind, type ItemStatus } from '../registry/model.ts';
import { isCalendarDate } from '../platform/calendar-date.ts';

/**
 * Tracing rules, pure: what a recovery record must hold (Protocol Arts 5(1)(c), 6, 11; ITI para 9; ISACS
 * 05.31 essential data), which marks are checked exactly and which partially, and what a match means.
 * Every rule returns field errors with stable codes, so the API, the CSV import and the CLI agree.
 */

export const RECOVERY_TYPES = ['seized', 'found', 'surrendered'] as const;
export type RecoveryType = (typeof RECOVERY_TYPES)[number];

/** Why the State holds the item (IAFQ "legal justification"). */
export const LEGAL_JUSTIFICATIONS = ['illicit_possession', 'illicit_trafficking', 'illicit_manufacturing', 'marking_offence', 'other'] as const;
export type LegalJustification = (typeof LEGAL_JUSTIFICATIONS)[number];

/** The crime the recovery is connected to (IAFQ "criminal context"); `none` for a surrender or a find. */
export const CRIMINAL_CONTEXTS = ['trafficking', 'violent_crime', 'drugs', 'organised_crime', 'terrorism', 'other', 'none'] as const;
export type CriminalContext = (typeof CRIMINAL_CONTEXTS)[number];

export const PERSON_ROLES = ['suspect', 'owner', 'finder', 'surrendering_person', 'witness', 'other'] as const;
export type PersonRole = (typeof PERSON_ROLES)[number];

/** How the item was made: industrial, or outside a licensed factory (Art. 3(d) illicit manufacturing). */
export const ITEM_NATURES = ['industrial', 'craft', 'converted', 'reactivated', '3d_printed', 'other_privately_made'] as const;
export type ItemNature = (typeof ITEM_NATURES)[number];

/** The state of one mark as read (Art. 5(1)(c): falsified, obliterated, removed or altered markings). */
export const MARKING_STATES = ['intact', 'obliterated', 'altered', 'removed', 'falsified', 'unmarked'] as const;
export type MarkingState = (typeof MARKING_STATES)[number];

/** hit: a lost/stolen registry item; linked: one in legal hands; candidates: partial matches for an officer;
 * registered: nothing matched, recorded in the registry; no_match: nothing matched (ammunition); unchecked. */
export const CHECK_OUTCOMES = ['hit', 'linked', 'candidates', 'registered', 'no_match', 'unchecked'] as const;
export type CheckOutcome = (typeof CHECK_OUTCOMES)[number];

export const MATCH_KINDS = ['lost_stolen_hit', 'legal_holding'] as const;
export type MatchKind = (typeof MATCH_KINDS)[number];

export interface PlaceInput {
  locode?: string | null;
  latitude?: number | null;
  longitude?: number | null;
  text?: string | null;
}

export interface RecoveredMarkingInput {
  location: string;
  state: MarkingState;
  /** `?` one unreadable character, `*` an unreadable run. */
  serialAsRead?: string | null;
  manufacturerName?: string | null;
  countryOfManufacture?: string | null;
  textAsRead?: string | null;
}

export interface RecoveredItemInput {
  kind: ItemKind;
  type?: string | null;
  make?: string | null;
  model?: string | null;
  calibre?: string | null;
  countryOfManufacture?: string | null;
  nature: ItemNature;
  quantity?: number | null;
  description?: string | null;
  markings: RecoveredMarkingInput[];
}

const blank = (v: string | null | undefined) => v == null || v.trim() === '';
const LOCODE = /^[A-Z]{2} ?[A-Z2-9]{3}$/;

/** A place is a UN/LOCODE, coordinates, a description, or several; at least one, each well formed. */
export function validatePlace(p: PlaceInput, prefix = 'place.'): FieldError[] {
  const errors: FieldError[] = [];
  const hasCoords = p.latitude != null || p.longitude != null;
  if (blank(p.locode) && !hasCoords && blank(p.text)) {
    errors.push({ field: `${prefix}text`, code: 'recovery.place_required', message: 'Give the place of recovery: a UN/LOCODE, coordinates or a description.' });
  }
  if (!blank(p.locode) && !LOCODE.test(p.locode!)) {
    errors.push({ field: `${prefix}locode`, code: 'recovery.locode_invalid', message: 'A UN/LOCODE is a country code and three letters or digits, e.g. "NL RTM".' });
  }
  if (hasCoords) {
    if (p.latitude == null || p.longitude == null) {
      errors.push({ field: `${prefix}${p.latitude == null ? 'latitude' : 'longitude'}`, code: 'recovery.coordinates_incomplete', message: 'Give both latitude and longitude.' });
    } else {
      if (p.latitude < -90 || p.latitude > 90) errors.push({ field: `${prefix}latitude`, code: 'recovery.latitude_range', message: 'Latitude is between -90 and 90.' });
      if (p.longitude < -180 || p.longitude > 180) errors.push({ field: `${prefix}longitude`, code: 'recovery.longitude_range', message: 'Longitude is between -180 and 180.' });
    }
  }
  return errors;
}

/** The recovery date cannot be in the future (a day of slack for time zones). */
export function validateRecoveredOn(recoveredOn: string, today: string, field = 'recoveredOn'): FieldError[] {
  if (!isCalendarDate(recoveredOn)) {
    return [{ field, code: 'recovery.date_invalid', message: `"${recoveredOn}" is not a calendar date (YYYY-MM-DD).` }];
  }
  const limit = new Date(`${today}T00:00:00Z`).getTime() + 86_400_000;
  if (Date.parse(`${recoveredOn}T00:00:00Z`) > limit) return [{ field, code: 'recovery.date_in_future', message: 'A recovery cannot be dated in the future.' }];
  return [];
}

const TYPES_BY_KIND: Record<ItemKind, readonly string[]> = { firearm: FIREARM_TYPES, part: PART_TYPES, ammunition: AMMUNITION_COMPONENTS };

export function validateRecoveredItem(item: RecoveredItemInput, prefix = ''): FieldError[] {
  const errors: FieldError[] = [];
  const f = (n: string) => `${prefix}${n}`;
  if (!blank(item.type) && !TYPES_BY_KIND[item.kind].includes(item.type!)) {
    errors.push({ field: f('type'), code: 'recovered_item.type_invalid', message: `"${item.type}" is not a ${item.kind} type (${TYPES_BY_KIND[item.kind].join(', ')}).` });
  }
  if (item.kind !== 'ammunition' && blank(item.type)) {
    errors.push({ field: f('type'), code: 'recovered_item.type_required', message: `A recovered ${item.kind} needs its type.` });
  }
  if (item.kind === 'ammunition' && blank(item.calibre)) {
    errors.push({ field: f('calibre'), code: 'recovered_item.calibre_required', message: 'Recovered ammunition needs its calibre.' });
  }
  if (item.quantity != null && item.kind !== 'ammunition' && item.quantity !== 1) {
    errors.push({ field: f('quantity'), code: 'recovered_item.quantity_one', message: 'A firearm or part is recorded one per line; only ammunition has a quantity.' });
  }
  if (!blank(item.countryOfManufacture) && !isCountryCode(item.countryOfManufacture!)) {
    errors.push({ field: f('countryOfManufacture'), code: 'country.invalid', message: `"${item.countryOfManufacture}" is not an ISO 3166-1 alpha-2 code.` });
  }
  const unmarked = item.markings.filter((m) => m.state === 'unmarked');
  if (unmarked.length > 0 && item.markings.length > unmarked.length) {
    errors.push({ field: f('markings'), code: 'recovered_item.unmarked_with_marks', message: 'An item recorded as unmarked carries no other mark.' });
  }
  item.markings.forEach((m, i) => errors.push(...validateRecoveredMarking(m, `${prefix}markings.${i}.`)));
  return errors;
}

export function validateRecoveredMarking(m: RecoveredMarkingInput, prefix = ''): FieldError[] {
  const errors: FieldError[] = [];
  const f = (n: string) => `${prefix}${n}`;
  const readable = !blank(m.serialAsRead) || !blank(m.textAsRead);
  if ((m.state === 'removed' || m.state === 'unmarked') && !blank(m.serialAsRead)) {
    errors.push({ field: f('serialAsRead'), code: 'recovered_marking.serial_not_readable', message: `A ${m.state} mark has no serial to read.` });
  }
  if ((m.state === 'intact' || m.state === 'falsified') && !readable) {
    errors.push({ field: f('serialAsRead'), code: 'recovered_marking.reading_required', message: `Record what the ${m.state} mark says.` });
  }
  if (m.state === 'intact' && !blank(m.serialAsRead) && /[?*]/.test(m.serialAsRead!)) {
    errors.push({ field: f('serialAsRead'), code: 'recovered_marking.intact_has_gaps', message: 'An intact mark is read in full; a mark with unreadable characters is obliterated or altered.' });
  }
  if (!blank(m.serialAsRead) && normaliseSerialOrNull(m.serialAsRead!.replace(/[?*]/g, '')) == null && !/[?*]/.test(m.serialAsRead!)) {
    errors.push({ field: f('serialAsRead'), code: 'recovered_marking.serial_empty', message: 'The serial has no characters once spaces, dashes and dots are removed.' });
  }
  if (!blank(m.countryOfManufacture) && !isCountryCode(m.countryOfManufacture!)) {
    errors.push({ field: f('countryOfManufacture'), code: 'country.invalid', message: `"${m.countryOfManufacture}" is not an ISO 3166-1 alpha-2 code.` });
  }
  return errors;
}

// ---------------------------------------------------------------- what the automatic check does

export interface CheckPlan {
  /** Normalised serials looked up exactly: an intact mark identifies the item. */
  exact: string[];
  /**
   * Patterns for the ranked partial search: obliterated and altered marks with enough readable
   * characters, and falsified marks (a copied serial points at a real item, but never decides alone).
   */
  partial: string[];
}

/** Which marks are looked up how (ITI para 9: every recovered weapon is checked against the records). */
export function planCheck(markings: readonly RecoveredMarkingInput[]): CheckPlan {
  const exact = new Set<string>();
  const partial = new Set<string>();
  for (const m of markings) {
    if (blank(m.serialAsRead)) continue;
    const read = m.serialAsRead!;
    if (m.state === 'intact') {
      const norm = normaliseSerialOrNull(read);
      if (norm) exact.add(norm);
    } else if (m.state === 'obliterated' || m.state === 'altered' || m.state === 'falsified') {
      if (isSearchablePattern(partialSerialPattern(read))) partial.add(read.trim());
    }
  }
  return { exact: [...exact], partial: [...partial] };
}

/** A registry item the recovered one is: a hit if it was reported lost or stolen, else a legal holding. */
export function matchKindFor(status: ItemStatus): MatchKind {
  return status === 'lost' || status === 'stolen' ? 'lost_stolen_hit' : 'legal_holding';
}

export function outcomeFor(kind: MatchKind): CheckOutcome {
  return kind === 'lost_stolen_hit' ? 'hit' : 'linked';
}

/**
 * Whether a recovered item with no registry match is registered (ITI para 9: illicit weapons found are
 * recorded and marked, so they are never lost to the record again). Ammunition lots are not registry
 * items one by one; they stay on the recovery record.
 */
export function registersWhenUnmatched(kind: ItemKind): boolean {
  return kind !== 'ammunition';
}

/** Human reference of a recovery: REC-<year>-<number>, numbered per year. */
export function recoveryReference(year: number, number: number): string {
  return `REC-${year}-${String(number).padStart(6, '0')}`;
}

/**
 * The confiscation mark the State applies to an unmatched recovered item (Art. 8(1)(c) / ISACS 05.30
 * "on permanent confiscation"): State code, the recovery reference and the item's position in it, unique.
 */
export function confiscationMark(state: string, reference: string, seq: number): string {
  return `${state}-${reference}-${seq}`;
}

/**
 * When the registry's seizure event is dated: the day of recovery, unless the registry's last event on
 * the item is later (a theft reported after the weapon was already recovered): custody never runs backwards.
 */
export function seizureTime(recoveredOn: string, lastEventAt: Date | null): Date {
  const day = new Date(`${recoveredOn}T00:00:00Z`);
  return lastEventAt && lastEventAt.getTime() > day.getTime() ? lastEventAt : day;
}

export interface RecoveryRuleInput {
  recoveredOn: string;
  place: PlaceInput;
  items: readonly RecoveredItemInput[];
}

/** Every rule over a whole recovery (the API, the CSV import and the CLI give the same field errors). */
export function validateRecovery(r: RecoveryRuleInput, today: string): FieldError[] {
  return [
    ...validateRecoveredOn(r.recoveredOn, today),
    ...validatePlace(r.place),
    ...r.items.flatMap((item, i) => validateRecoveredItem(item, `items.${i}.`)),
  ];
}
