import { z } from 'zod';

/** A date as every module writes it: YYYY-MM-DD, no time, no zone. */
export const CALENDAR_DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * True when `s` is YYYY-MM-DD and that day exists. `Date.parse('2026-02-31')` does not refuse it: it rolls
 * it into 3 March, so a licence or a report period would silently start on another day. The round trip
 * through toISOString catches that.
 */
export function isCalendarDate(s: string): boolean {
  if (!CALENDAR_DATE_RE.test(s)) return false;
  const t = Date.parse(`${s}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === s;
}

/**
 * The schema of a calendar date. A malformed string gets one error (the format), a well-formed day that
 * does not exist another (`exists`), never both. `code` names the refinement for parseInput's error codes.
 */
export function calendarDate(texts: { format?: string; exists?: string; code?: string } = {}) {
  return z
    .string()
    .regex(CALENDAR_DATE_RE, texts.format ?? 'must be a date YYYY-MM-DD')
    .refine((s) => !CALENDAR_DATE_RE.test(s) || isCalendarDate(s), {
      message: texts.exists ?? 'is not a calendar date',
      ...(texts.code ? { params: { code: texts.code } } : {}),
    });
}
