import { countryName, isCountryCode } from './countries.ts';
import { staticTable, type ReferenceTable } from './lookup.ts';
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

/**
 * UN/LOCODE as a table for the API's validation endpoint. It lists no entries (the code list is not
 * held), so search returns nothing and `describe` answers for any well-formed code.
 */
export const locodeTable: ReferenceTable = staticTable({
  name: 'locodes',
  title: 'UN/LOCODE (format only)',
  source: LOCODE_SOURCE,
  entries: () => [],
  canonical: (code) => parseLocode(code)?.code ?? null,
  describeOpen: (code, locale) => {
    const p = parseLocode(code);
    if (!p) return null;
    return {
      code: p.code,
      label: `${p.country} ${p.location}`,
      description: `${countryName(p.country, locale)}; well-formed, place not checked (the UN/LOCODE list is not held)`,
      parent: p.country,
      tags: ['format_only'],
    };
  },
});
