import { describe, expect, it } from 'vitest';
import { eventInstant, intlLocale, isCalendarDate, isDateOnly, localToday } from '../web/src/dates.ts';

/** The register form's dates (web/src/dates.ts), run in the test process's time zone and in UTC. */
describe('web: event dates', () => {
  it('records an event dated today as now when noon UTC has not come yet, so the server does not see it in the future', () => {
    const morning = new Date(2026, 10, 28, 0, 17); // local 00:17
    const today = localToday(morning);
    const sent = new Date(eventInstant(today, morning));
    expect(sent.getTime()).toBeLessThanOrEqual(morning.getTime());
    expect(localToday(sent)).toBe(today);
  });

  it('records any other day at noon UTC, and a day in the future as such (the server refuses it with a reason)', () => {
    const now = new Date(2026, 10, 28, 9, 0);
    expect(eventInstant('2026-11-20', now)).toBe('2026-11-20T12:00:00.000Z');
    expect(eventInstant('2026-12-01', now)).toBe('2026-12-01T12:00:00.000Z');
  });

  it("starts at the user's own date, not the UTC one", () => {
    const d = new Date(2026, 0, 1, 0, 30);
    expect(localToday(d)).toBe('2026-01-01');
  });

  it('tells a date-only event (recorded at noon UTC) from one with its own time, so no time is invented', () => {
    expect(isDateOnly(eventInstant('2026-11-20', new Date(2026, 10, 28, 9, 0)))).toBe(true);
    expect(isDateOnly('2026-11-20T09:41:07.000Z')).toBe(false);
  });

  it('refuses dates of birth that do not exist', () => {
    expect(isCalendarDate('1965-03-14')).toBe(true);
    expect(isCalendarDate('1965-13-45')).toBe(false);
    expect(isCalendarDate('2023-02-29')).toBe(false);
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('14/03/1965')).toBe(false);
  });

  it('writes English dates day first unless the browser asks for its own English, and keeps the browser’s variant of a language', () => {
    expect(intlLocale('en', 'es-UY')).toBe('en-GB');
    expect(intlLocale('en', 'en-US')).toBe('en-US');
    expect(intlLocale('es', 'es-UY')).toBe('es-UY');
    expect(intlLocale('fr', undefined)).toBe('fr');
    expect(new Intl.DateTimeFormat(intlLocale('en', undefined), { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date('2026-12-05T00:00:00Z'))).toBe('5 Dec 2026');
  });
});
