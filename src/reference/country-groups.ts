import { SOURCES } from './sources.ts';

export const WASSENAAR_SOURCE = SOURCES.wassenaarParticipants;
export const EU_SOURCE = SOURCES.euMembers;

/**
 * Wassenaar Arrangement participating States (42), as listed on wassenaar.org "About us" (STANDARDS.md §4).
 * Six-monthly reporting covers transfers to destinations *outside* this list.
 */
export const WASSENAAR_PARTICIPANTS: readonly string[] = [
  'AR', 'AU', 'AT', 'BE', 'BG', 'CA', 'HR', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IN', 'IE', 'IT', 'JP', 'LV',
  'LT', 'LU', 'MT', 'MX', 'NL', 'NZ', 'NO', 'PL', 'PT', 'KR', 'RO', 'RU', 'SK', 'SI', 'ZA', 'ES', 'SE', 'CH', 'TR', 'UA',
  'GB', 'US',
];

const WA = new Set(WASSENAAR_PARTICIPANTS);

export function isWassenaarParticipant(code: string): boolean {
  return WA.has(code.toUpperCase());
}

export interface Membership {
  code: string;
  /** First day of membership. */
  from: string;
  /** First day no longer a member (exclusive), or null. */
  until: string | null;
}

// Accession treaties' entry-into-force dates; the United Kingdom left at the end of 2020-01-31.
export const EU_MEMBERSHIPS: readonly Membership[] = [
  ...['BE', 'DE', 'FR', 'IT', 'LU', 'NL'].map((code) => ({ code, from: '1958-01-01', until: null })),
  { code: 'DK', from: '1973-01-01', until: null },
  { code: 'IE', from: '1973-01-01', until: null },
  { code: 'GB', from: '1973-01-01', until: '2020-02-01' },
  { code: 'GR', from: '1981-01-01', until: null },
  { code: 'ES', from: '1986-01-01', until: null },
  { code: 'PT', from: '1986-01-01', until: null },
  ...['AT', 'FI', 'SE'].map((code) => ({ code, from: '1995-01-01', until: null })),
  ...['CY', 'CZ', 'EE', 'HU', 'LV', 'LT', 'MT', 'PL', 'SK', 'SI'].map((code) => ({ code, from: '2004-05-01', until: null })),
  { code: 'BG', from: '2007-01-01', until: null },
  { code: 'RO', from: '2007-01-01', until: null },
  { code: 'HR', from: '2013-07-01', until: null },
];

/** EU member States on `date` (YYYY-MM-DD). No default: callers pass their injected clock's date. */
export function euMembersOn(date: string): string[] {
  return EU_MEMBERSHIPS.filter((m) => m.from <= date && (m.until === null || date < m.until)).map((m) => m.code);
}

/** The 27 current member States (memberships without an end date). */
export const EU_MEMBER_STATES: readonly string[] = EU_MEMBERSHIPS.filter((m) => m.until === null).map((m) => m.code);

const EU = new Set(EU_MEMBER_STATES);

export function isEuMemberState(code: string, date?: string): boolean {
  const c = code.toUpperCase();
  if (date === undefined) return EU.has(c);
  return EU_MEMBERSHIPS.some((m) => m.code === c && m.from <= date && (m.until === null || date < m.until));
}
