import { describe, expect, it } from 'vitest';
import { calendarDate, isCalendarDate } from './calendar-date.ts';
import { dateSchema as licensingDate } from '../licensing/schemas.ts';
import { chartQuerySchema } from '../reporting/schemas.ts';
import { day as exchangeDay } from '../exchange/messages.ts';
import { parseInput } from './validation.ts';

describe('calendar dates', () => {
  it('accepts days that exist, leap days included', () => {
    for (const d of ['2026-01-31', '2024-02-29', '2000-02-29', '2026-12-31']) expect(isCalendarDate(d), d).toBe(true);
  });

  it('refuses days that Date.parse would roll into the next month, and other shapes', () => {
    for (const d of ['2026-02-31', '2026-02-29', '1900-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-1-01', '2026-01-01T00:00:00Z', ''])
      expect(isCalendarDate(d), d).toBe(false);
  });

  it('names one error per bad field: the format, or that the day does not exist', () => {
    const schema = calendarDate({ code: 'date_invalid' });
    const format = schema.safeParse('5 May');
    expect(format.success ? [] : format.error.issues.map((i) => i.message)).toEqual(['must be a date YYYY-MM-DD']);
    expect(() => parseInput('m', schema, '2026-02-31')).toThrow(expect.objectContaining({ errors: [expect.objectContaining({ field: 'body', code: 'm.date_invalid' })] }));
  });

  it('is the rule of licensing, reporting and exchange dates (2026-02-31 was accepted by licensing and reporting)', () => {
    expect(licensingDate.safeParse('2026-02-31').success).toBe(false);
    expect(licensingDate.safeParse('2026-02-28').success).toBe(true);
    expect(chartQuerySchema.safeParse({ from: '2026-02-31', to: '2026-12-31' }).success).toBe(false);
    expect(chartQuerySchema.safeParse({ from: '2026-02-28', to: '2026-12-31' }).success).toBe(true);
    expect(exchangeDay.safeParse('2026-02-31').success).toBe(false);
  });
});
