import { isCountryCode } from './countries.ts';
import { SOURCES } from './sources.ts';

export const LOCODE_SOURCE = SOURCES.unLocode;

// UNECE Rec. 16: ISO alpha-2 + 3 characters; letters, and digits 2–9 once letter combinations run out.
const LOCODE_RE = /^([A-Z]{2}) ?([A-Z2-9]{3})$/;

export interface ParsedLocode {
  /** Stored form: five characters, no space (`MXVER`). */
  code: string;
  country: string;
  location: string;
}

/**
 * Checks the form of a UN/LOCODE and that its country part is a current ISO 3166-1 code. The code
 * list itself is not held, so a well-formed code may still name no place.
 */
export function parseLocode(input: string): ParsedLocode | null {
  const m = LOCODE_RE.exec(input.trim().toUpperCase());
  if (!m || !isCountryCode(m[1])) return null;
  return { code: `${m[1]}${m[2]}`, country: m[1], location: m[2] };
}

export function isLocodeFormat(input: string): boolean {
  return parseLocode(input) !== null;
}

/** Printed form with the space, as in the UNECE list: `MX VER`. */
export function formatLocode(input: string): string | null {
  const p = parseLocode(input);
  return p ? `${p.country} ${p.location}` : null;
}
