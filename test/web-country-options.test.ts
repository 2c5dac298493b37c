import { describe, expect, it } from 'vitest';
import { countryOptions } from '../web/src/countries.ts';

/** Country pickers (web/src/format.ts) offer the State the node serves, even a user-assigned code such as XC. */
describe('web: country picker options', () => {
  const regions = new Intl.DisplayNames(['en'], { type: 'region' });
  const f = { language: 'en', country: (c: string) => regions.of(c) ?? c };

  it('add the State’s own user-assigned code with a name, once', () => {
    const options = countryOptions(f, 'XC', 'This State');
    expect(options.filter((o) => o.value === 'XC')).toEqual([{ value: 'XC', label: 'This State (XC)' }]);
    expect(options.find((o) => o.value === 'UY')?.label).toBe('Uruguay (UY)');
  });

  it('do not repeat a State whose code is an ordinary country', () => {
    expect(countryOptions(f, 'UY', 'This State').filter((o) => o.value === 'UY')).toEqual([{ value: 'UY', label: 'Uruguay (UY)' }]);
    expect(countryOptions(f, null, 'This State').some((o) => o.value === 'XC')).toBe(false);
  });
});
