import { describe, expect, it } from 'vitest';
import { formatDuration, renderProgress } from './progress.ts';

describe('progress bar text', () => {
  it('shows the fraction done, the count and refused rows, the rate and an ETA from the fraction', () => {
    const line = renderProgress({ done: 250, total: 1000, count: 5000, invalid: 3 }, 10_000, 10);
    expect(line).toBe('███░░░░░░░  25.0% 5,000 rows (3 bad) 500 rows/s ETA 00:30');
  });

  it('names its unit and leaves out refused rows when there is no such thing', () => {
    expect(renderProgress({ done: 1, total: 2, count: 400_000, unit: 'entries' }, 20_000, 4)).toBe('██░░  50.0% 400,000 entries 20,000 entries/s ETA 00:20');
  });

  it('with an unknown total shows the count and the rate, no percentage or ETA', () => {
    expect(renderProgress({ done: 0, total: 0, count: 120_000, unit: 'records' }, 3_000)).toBe('120,000 records 40,000 records/s, 00:03 elapsed');
  });

  it('formats durations, and refuses to invent one', () => {
    expect(formatDuration(3725)).toBe('1:02:05');
    expect(formatDuration(59.6)).toBe('01:00');
    expect(formatDuration(Number.NaN)).toBe('--:--');
  });
});
