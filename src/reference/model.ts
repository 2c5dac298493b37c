import type { FieldError } from '../platform/http/errors.ts';
import { isCountryCode } from './countries.ts';
import { isCalendarDate } from '../platform/calendar-date.ts';

/**
 * Arms embargoes as licensing and screening need them: which State, what the measure covers, since
 * and until when, on whose authority, and the source to check. UN embargoes are data in code
 * (un-embargoes.ts); national and regional ones are added by an administrator and stored.
 */
export const EMBARGO_SCOPES = ['whole_state', 'non_state_actors', 'partial', 'listed_persons'] as const;
/**
 * - `whole_state`: no arms to anyone in the State (exemptions aside);
 * - `non_state_actors`: the Government may receive arms, armed groups and other non-State actors may not;
 * - `partial`: a region (Darfur) or a class of goods only — read `measures`;
 * - `listed_persons`: only individuals and entities designated by a committee; screening decides.
 */
export type EmbargoScope = (typeof EMBARGO_SCOPES)[number];

export const EMBARGO_AUTHORITIES = ['un', 'regional', 'national'] as const;
export type EmbargoAuthority = (typeof EMBARGO_AUTHORITIES)[number];

/** `to`: supply to the target is prohibited; `to_and_from`: procurement from it too (import licences). */
export const EMBARGO_DIRECTIONS = ['to', 'to_and_from'] as const;
export type EmbargoDirection = (typeof EMBARGO_DIRECTIONS)[number];

export interface Embargo {
  /** `un-kp-1718` for UN entries; a UUIDv7 for stored ones. */
  id: string;
  authority: EmbargoAuthority;
  /** Who imposed it: `UN Security Council`, `European Union`, `OSCE`, or the State's own name. */
  imposedBy: string;
  /** Target State (ISO 3166-1 alpha-2), or null for regimes not tied to one State (ISIL/Al-Qaida). */
  countryCode: string | null;
  /** Who or what is targeted, in words. */
  target: string;
  scope: EmbargoScope;
  direction: EmbargoDirection;
  /** What is prohibited and the main exemptions. */
  measures: string;
  /** Legal instruments: resolutions, decisions, national acts. */
  instruments: string[];
  /** First day in force (YYYY-MM-DD). */
  since: string;
  /** First day no longer in force, or null while in force. */
  until: string | null;
  liftedReason: string | null;
  sourceTitle: string;
  sourceUrl: string | null;
  /** How far the entry was checked: verified, partial, memory (see sources.ts). */
  verification: 'verified' | 'partial' | 'memory';
  note: string | null;
}

export function isInForce(e: Pick<Embargo, 'since' | 'until'>, date: string): boolean {
  return e.since <= date && (e.until === null || date < e.until);
}

/** Embargoes on `countryCode` in force on `date` (YYYY-MM-DD), strictest scope first. */
export function embargoesApplicable(all: readonly Embargo[], countryCode: string, date: string): Embargo[] {
  const c = countryCode.toUpperCase();
  return all
    .filter((e) => e.countryCode === c && isInForce(e, date))
    .sort((a, b) => EMBARGO_SCOPES.indexOf(a.scope) - EMBARGO_SCOPES.indexOf(b.scope) || a.since.localeCompare(b.since));
}

/**
 * The strictest scope among embargoes, for a one-word flag on a licence or screening result; null
 * when none applies.
 */
export function strictestScope(embargoes: readonly Embargo[]): EmbargoScope | null {
  let best: EmbargoScope | null = null;
  for (const e of embargoes) {
    if (best === null || EMBARGO_SCOPES.indexOf(e.scope) < EMBARGO_SCOPES.indexOf(best)) best = e.scope;
  }
  return best;
}



export interface NewEmbargoInput {
  authority: 'regional' | 'national';
  imposedBy: string;
  countryCode: string;
  target: string;
  scope: EmbargoScope;
  direction: EmbargoDirection;
  measures: string;
  instruments: string[];
  since: string;
  until?: string | null;
  sourceTitle: string;
  sourceUrl?: string | null;
  note?: string | null;
}

/** Domain checks the schema cannot express; every bad field is reported at once. */
export function validateNewEmbargo(input: NewEmbargoInput): FieldError[] {
  const errors: FieldError[] = [];
  if (!isCountryCode(input.countryCode)) {
    errors.push({ field: 'countryCode', message: 'Not an ISO 3166-1 alpha-2 code.', code: 'country.invalid' });
  }
  if (!isCalendarDate(input.since)) errors.push({ field: 'since', message: 'Not a calendar date (YYYY-MM-DD).', code: 'date.invalid' });
  if (input.until != null) {
    if (!isCalendarDate(input.until)) errors.push({ field: 'until', message: 'Not a calendar date (YYYY-MM-DD).', code: 'date.invalid' });
    else if (isCalendarDate(input.since) && input.until <= input.since) {
      errors.push({ field: 'until', message: 'The end date must be after the start date.', code: 'embargo.until_before_since' });
    }
  }
  if (input.instruments.length === 0) {
    errors.push({ field: 'instruments', message: 'Name at least one legal instrument.', code: 'embargo.instrument_required' });
  }
  input.instruments.forEach((s, i) => {
    if (s.trim() === '') errors.push({ field: `instruments.${i}`, message: 'Empty instrument.', code: 'embargo.instrument_empty' });
  });
  for (const field of ['imposedBy', 'target', 'measures', 'sourceTitle'] as const) {
    if (input[field].trim() === '') errors.push({ field, message: 'Required.', code: 'required' });
  }
  return errors;
}

/** Lifting: the end date must fall after the start; an embargo already ended cannot end again. */
export function validateLift(embargo: Pick<Embargo, 'since' | 'until'>, until: string, reason: string): FieldError[] {
  const errors: FieldError[] = [];
  if (!isCalendarDate(until)) errors.push({ field: 'until', message: 'Not a calendar date (YYYY-MM-DD).', code: 'date.invalid' });
  else if (until <= embargo.since) {
    errors.push({ field: 'until', message: `The embargo started on ${embargo.since}; it must end after that.`, code: 'embargo.until_before_since' });
  }
  if (reason.trim() === '') errors.push({ field: 'reason', message: 'Give the reason for lifting.', code: 'required' });
  return errors;
}
