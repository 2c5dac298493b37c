import { describe, expect, it } from 'vitest';
import { isCountryCode } from './countries.ts';
import { embargoesApplicable, isInForce, strictestScope, validateLift, validateNewEmbargo, type NewEmbargoInput } from './model.ts';
import { isCalendarDate } from '../platform/calendar-date.ts';
import { UN_ARMS_EMBARGOES, unEmbargoesFor, unListBasedEmbargoes } from './un-embargoes.ts';

describe('UN arms embargo table', () => {
  it('has unique ids, valid countries, resolutions and consistent dates', () => {
    expect(new Set(UN_ARMS_EMBARGOES.map((e) => e.id)).size).toBe(UN_ARMS_EMBARGOES.length);
    for (const e of UN_ARMS_EMBARGOES) {
      if (e.countryCode !== null) expect(isCountryCode(e.countryCode), e.id).toBe(true);
      expect(e.instruments.length, e.id).toBeGreaterThan(0);
      expect(isCalendarDate(e.since), e.id).toBe(true);
      if (e.until !== null) {
        expect(e.until > e.since, e.id).toBe(true);
        expect(e.liftedReason, e.id).not.toBeNull();
      }
    }
  });

  it('covers every State STANDARDS.md §7.1 lists as under a current embargo', () => {
    const today = '2026-01-15';
    for (const c of ['KP', 'IR', 'LY', 'SD', 'SS', 'CF', 'CD', 'SO', 'HT', 'YE', 'IQ', 'LB']) {
      expect(unEmbargoesFor(c, today).length, c).toBeGreaterThan(0);
    }
  });

  it('does not flag ended embargoes today but does on a date when they were in force', () => {
    for (const c of ['ER', 'LR', 'CI']) expect(unEmbargoesFor(c, '2026-01-15'), c).toEqual([]);
    expect(unEmbargoesFor('ER', '2015-06-01')[0].id).toBe('un-er-1907');
    expect(unEmbargoesFor('MX', '2026-01-15')).toEqual([]);
  });

  it('follows the change of scope in the Central African Republic in 2024', () => {
    expect(unEmbargoesFor('CF', '2024-07-29').map((e) => e.scope)).toEqual(['whole_state']);
    expect(unEmbargoesFor('CF', '2024-07-30').map((e) => e.scope)).toEqual(['non_state_actors']);
  });

  it('has no UN arms embargo on Iran between the 2020 termination and the 2025 snapback', () => {
    expect(unEmbargoesFor('IR', '2023-01-01')).toEqual([]);
    expect(unEmbargoesFor('IR', '2025-09-28')[0]).toMatchObject({ id: 'un-ir-snapback-2025', direction: 'to_and_from' });
  });

  it('returns the strictest scope first for Haiti (territorial before listed persons)', () => {
    const haiti = unEmbargoesFor('ht', '2026-01-15');
    expect(haiti.map((e) => e.scope)).toEqual(['whole_state', 'listed_persons']);
    expect(strictestScope(haiti)).toBe('whole_state');
    expect(strictestScope([])).toBeNull();
  });

  it('keeps the ISIL/Al-Qaida regime out of country lookups but lists it as list-based', () => {
    expect(unListBasedEmbargoes('2026-01-15').map((e) => e.id)).toEqual(['un-isil-alqaida']);
  });
});

describe('embargo rules', () => {
  const base: NewEmbargoInput = {
    authority: 'national', imposedBy: 'Mexico', countryCode: 'VE', target: 'Venezuela', scope: 'whole_state', direction: 'to',
    measures: 'No export licences for ML1–ML4.', instruments: ['Acuerdo 12/2026'], since: '2026-03-01', sourceTitle: 'DOF 2026-03-01',
  };

  it('treats until as the first day no longer in force', () => {
    expect(isInForce({ since: '2026-01-01', until: '2026-02-01' }, '2026-01-31')).toBe(true);
    expect(isInForce({ since: '2026-01-01', until: '2026-02-01' }, '2026-02-01')).toBe(false);
    expect(isInForce({ since: '2026-01-01', until: null }, '2025-12-31')).toBe(false);
  });

  it('accepts a complete national embargo', () => {
    expect(validateNewEmbargo(base)).toEqual([]);
  });

  it('names every bad field at once', () => {
    const errors = validateNewEmbargo({ ...base, countryCode: 'XX', since: '2026-02-30', instruments: ['ok', ' '], target: '' });
    expect(errors.map((e) => e.field).sort()).toEqual(['countryCode', 'instruments.1', 'since', 'target']);
  });

  it('refuses an end before the start', () => {
    expect(validateNewEmbargo({ ...base, until: '2026-03-01' }).map((e) => e.code)).toEqual(['embargo.until_before_since']);
    expect(validateLift({ since: '2026-03-01', until: null }, '2026-02-01', 'x').map((e) => e.field)).toEqual(['until']);
    expect(validateLift({ since: '2026-03-01', until: null }, '2026-04-01', ' ').map((e) => e.field)).toEqual(['reason']);
  });

  it('matches countries case-insensitively and ignores other States', () => {
    const list = [{ ...UN_ARMS_EMBARGOES[0] }];
    expect(embargoesApplicable(list, 'kp', '2026-01-01')).toHaveLength(1);
    expect(embargoesApplicable(list, 'KR', '2026-01-01')).toHaveLength(0);
  });
});
