import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseList } from '../parse/index.ts';
import { nameKindOf } from '../model.ts';
import { nameScoreBound } from './bound.ts';
import { prepareName, type NameKind } from './normalize.ts';
import { compareTokens } from './score.ts';

const DATA = resolve(import.meta.dirname, '../../../test/fixtures');

/** Deterministic pseudo-random numbers, so a failure names the same pair every run. */
function rng(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
}

/** The ways a party's name differs from its listed form in practice. */
function variants(name: string, r: () => number): string[] {
  const t = name.split(/\s+/).filter(Boolean);
  const i = Math.floor(r() * name.length);
  return [
    [...t.slice(1), t[0]].join(' '),
    t.filter((_, k) => k !== 1).join(' '),
    name.slice(0, i) + name.slice(i + 1),
    `${name} 2`,
    `${name} bin Ali`,
    name.toLowerCase(),
  ];
}

describe('upper bound of a name comparison', () => {
  it('is never below the exact score, on real list names and their variants, for every kind', async () => {
    const list = await parseList(readFileSync(resolve(DATA, 'sanctions/un_consolidated_list_2024-09-26.xml')));
    const names = list.entries.flatMap((e) => e.names.map((n) => ({ name: n.name, kind: nameKindOf(e.kind) })));
    const cases = readFileSync(resolve(DATA, 'name-matching/watchman_cross_script_pairs.csv'), 'utf8')
      .split('\n')
      .filter((x) => x.trim() && !x.startsWith('#'))
      .map((x) => x.split(','));
    const r = rng(11);
    const pairs: Array<[string, string]> = cases.map(([a, b]) => [a, b]);
    for (let n = 0; n < 400; n++) {
      const a = names[Math.floor(r() * names.length)].name;
      for (const v of variants(a, r)) pairs.push([v, a]);
      // Candidates a key lookup would bring: names sharing a token, and unrelated names.
      const token = a.split(/\s+/)[0].toLowerCase();
      const sharing = names.filter((x) => x.name.toLowerCase().includes(token)).slice(0, 8);
      for (const b of sharing) pairs.push([a, b.name]);
      pairs.push([a, names[Math.floor(r() * names.length)].name]);
    }
    const kinds: NameKind[] = ['person', 'organisation', 'vessel', 'unknown'];
    let below = 0;
    let compared = 0;
    for (const kind of kinds) {
      for (const [a, b] of pairs) {
        const q = prepareName(a, kind);
        const c = prepareName(b, kind);
        const exact = compareTokens(q, c, kind).score;
        const bound = nameScoreBound(q, c, kind);
        if (bound < exact - 1e-9) expect.fail(`bound ${bound} < score ${exact} for "${a}" / "${b}" (${kind})`);
        compared++;
        if (exact < 0.8 && bound < 0.8) below++;
      }
    }
    expect(compared).toBeGreaterThan(15_000);
    // The bound is only worth computing if it rules out most non-matching pairs on its own.
    expect(below / compared).toBeGreaterThan(0.3);
  });

  it('is exact where the comparison is trivial, and keeps numbers strict', () => {
    const p = (s: string) => prepareName(s, 'organisation');
    expect(nameScoreBound(p('Acme Trading'), p('Acme Trading'), 'organisation')).toBe(1);
    expect(nameScoreBound(p('Acme'), p('Zulu'), 'organisation')).toBe(0);
    // Tokens that differ from their first letter on share few characters: far under the threshold.
    expect(nameScoreBound(p('Markus Trading'), p('Grupp Trading'), 'organisation')).toBeLessThan(0.8);
    // A numbered series differs: ×0.7 whatever the tokens.
    expect(nameScoreBound(p('Fund 1'), p('Fund 2'), 'organisation')).toBeLessThanOrEqual(0.7);
  });
});
