/**
 * Both engines must hand the same JavaScript values to the code above them.
 * - int8 (20) → number: counts and sequence numbers stay far below 2^53.
 * - date (1082) → 'YYYY-MM-DD' string: a calendar date has no time zone; pg's default turns it into
 *   a local-time Date, which shifts days on servers outside UTC.
 */
export const OID_INT8 = 20;
export const OID_DATE = 1082;

export function parseInt8(value: string): number {
  return Number(value);
}

export function parseDate(value: string): string {
  return value;
}
