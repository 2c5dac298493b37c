import { describe, expect, it } from 'vitest';
import { parseSearch, stringifySearch } from '../web/src/search-params.ts';

/** The web's search params (web/src/search-params.ts): written and read as plain text, never as JSON. */
describe('web: search params', () => {
  it('writes a value that looks like JSON as it is, not quoted', () => {
    expect(stringifySearch({ alertStatus: 'open', mine: 'true' })).toBe('?alertStatus=open&mine=true');
    expect(stringifySearch({ records: '1', from: '2026-01-01' })).toBe('?records=1&from=2026-01-01');
    expect(stringifySearch({ q: undefined, status: null })).toBe('');
  });

  it('reads every value as the text typed, so a serial of digits keeps every digit and "true" stays a string', () => {
    expect(parseSearch('?mine=true&alertStatus=open')).toEqual({ mine: 'true', alertStatus: 'open' });
    expect(parseSearch('?serial=12345678901234567890&lot=007&n=1e3')).toEqual({ serial: '12345678901234567890', lot: '007', n: '1e3' });
    expect(parseSearch('q=Armer%C3%ADa%20Central%20%26%20Cia')).toEqual({ q: 'Armería Central & Cia' });
  });

  it('reads back what it wrote', () => {
    const search = { name: 'O"Brien {1}', mine: 'true', serial: '0012' };
    expect(parseSearch(stringifySearch(search))).toEqual(search);
  });
});
