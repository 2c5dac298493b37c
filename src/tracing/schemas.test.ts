import { describe, expect, it } from 'vitest';
import { deadlineInputSchema, disposalListQuerySchema, figuresQuerySchema, recoveryListQuerySchema } from './schemas.ts';

/** Tracing's dates are days the calendar has: a YYYY-MM-DD shape alone (2026-02-31) is not enough (issue 13). */
describe('tracing schemas: dates', () => {
  it('refuse a day the calendar does not have, and accept every one it has (29 February in a leap year)', () => {
    for (const bad of ['2026-02-31', '2026-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-1-1', 'yesterday']) {
      expect(deadlineInputSchema.safeParse({ responseDueOn: bad, reason: 'agreed' }).success, bad).toBe(false);
      expect(figuresQuerySchema.safeParse({ from: '2026-01-01', to: bad }).success, bad).toBe(false);
      expect(disposalListQuerySchema.safeParse({ from: bad }).success, bad).toBe(false);
      expect(recoveryListQuerySchema.safeParse({ to: bad }).success, bad).toBe(false);
    }
    for (const good of ['2024-02-29', '2026-02-28', '2026-12-31', '2026-01-01']) {
      expect(deadlineInputSchema.safeParse({ responseDueOn: good, reason: 'agreed' }).success, good).toBe(true);
      expect(recoveryListQuerySchema.safeParse({ from: good }).success, good).toBe(true);
    }
  });
});
