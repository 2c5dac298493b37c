import { describe, expect, it } from 'vitest';
import { KeyIndex } from './key-index.ts';
import { distinctNames, scoreEntry, type IndexedEntry } from './model.ts';
import { prepareName } from './match/normalize.ts';

const byNumber = (a: number, b: number) => a - b;

describe('in-memory key index', () => {
  const index = new KeyIndex([
    ['ali', 'hassan'], // 0
    ['ali', 'hussein'], // 1
    ['omar'], // 2
    ['hassan', 'omar', 'ali'], // 3
  ]);

  it('counts the entries under each key', () => {
    expect(index.frequency('ali')).toBe(3);
    expect(index.frequency('omar')).toBe(2);
    expect(index.frequency('nobody')).toBe(0);
    expect(index.keyCount).toBe(4);
    expect(index.postingCount).toBe(8);
  });

  it('ranks entries by shared key weight, then by the tie order, and keeps the first `limit`', () => {
    expect(index.rank(['ali', 'hassan'], [1, 2], 0, 10, byNumber)).toEqual([0, 3, 1]);
    expect(index.rank(['ali', 'hassan'], [1, 2], 0, 2, byNumber)).toEqual([0, 3]);
    expect(index.rank(['ali'], [1], 0, 10, (a, b) => b - a)).toEqual([3, 1, 0]);
  });

  it('drops entries under the floor, counts a key asked twice twice, and ignores unknown keys', () => {
    expect(index.rank(['ali', 'hassan'], [1, 2], 2, 10, byNumber)).toEqual([0, 3]);
    expect(index.rank(['omar', 'omar', 'ali'], [1, 1, 1.5], 2, 10, byNumber)).toEqual([3, 2]);
    expect(index.rank(['nobody'], [5], 0, 10, byNumber)).toEqual([]);
  });

  it('leaves no weight behind between calls', () => {
    index.rank(['ali'], [100], 0, 10, byNumber);
    expect(index.rank(['hussein'], [1], 1, 10, byNumber)).toEqual([1]);
    expect(index.rank(['ali'], [1], 1.5, 10, byNumber)).toEqual([]);
  });
});

describe('distinct names of an entry', () => {
  const named = (name: string, quality: 'primary' | 'good' | 'low') => ({ name, quality, prepared: prepareName(name, 'person') });

  it('drops aliases of the same quality that normalise alike, keeping the first', () => {
    const names = [named('HASSAN, Ali', 'primary'), named('Ali Hassan', 'good'), named('ali hassan', 'good'), named('Ali Hasan', 'good'), named('ALI HASSAN', 'low')];
    expect(distinctNames(names).map((n) => n.name)).toEqual(['HASSAN, Ali', 'Ali Hassan', 'Ali Hasan', 'ALI HASSAN']);
  });

  it('keeps CJK names whose characters differ even when they read alike', () => {
    expect(distinctNames([named('高石', 'good'), named('高市', 'good')])).toHaveLength(2);
  });

  it('scores an entry the same with and without the repeated aliases', () => {
    const names = [named('Ali Hasan', 'low'), named('ALI HASAN', 'low'), named('Hassan Ali Omar', 'good'), named('hassan ali omar', 'good')];
    const entry = (ns: typeof names): IndexedEntry => ({
      versionId: 'v', source: 'un', externalId: '1', kind: 'individual', primaryName: 'Ali Hasan', referenceNumber: null, programmes: [],
      countries: ['IQ'], birthYears: [{ from: 1960, to: 1960, date: '1960-01-01' }], documents: [], contentHash: 'h', names: ns,
    });
    for (const query of ['Ali Hassan', 'ali hasan', 'Omar Hassan Ali']) {
      const q = { name: query, kind: 'person' as const, country: 'IQ', dob: '1960-01-01' };
      expect(scoreEntry(q, prepareName(query, 'person'), entry(distinctNames(names)))).toEqual(scoreEntry(q, prepareName(query, 'person'), entry(names)));
    }
  });
});
