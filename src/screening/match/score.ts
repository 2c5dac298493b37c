import { distance } from 'fastest-levenshtein';
import { foldKorean, phoneticKey, prepareName, skeleton, type NameKind, type PreparedName } from './normalize.ts';

/**
 * Name-to-name similarity in [0, 1] with its explanation. Token-level: each token of the name with
 * fewer tokens is aligned one-to-one with its most similar token of the other (greedy on similarity),
 * so word order never matters ("SURNAME Given"). Token similarity blends Jaro-Winkler (typos near the
 * end) with Levenshtein ratio (length-aware), raised by phonetic agreement (Double Metaphone) and, for
 * names from abjads, by consonant-skeleton agreement. Extra tokens on the longer name cost a little
 * (list names carry patronymics and tribal names the query omits) — more for organisations, where an
 * extra word usually names a different company. Numbers must agree.
 */
export interface TokenPair {
  query: string;
  candidate: string | null;
  similarity: number;
  how: 'exact' | 'initial' | 'fuzzy' | 'phonetic' | 'skeleton' | 'unmatched';
}

export interface NameComparison {
  score: number;
  pairs: TokenPair[];
  /** Tokens of the longer name left without a partner. */
  extra: string[];
  notes: string[];
}

const PARTICLES = new Set([
  'al', 'el', 'bin', 'ben', 'ibn', 'bint', 'abu', 'van', 'von', 'der', 'den', 'de', 'da', 'dos', 'das', 'du', 'la', 'le',
  'ould', 'ul', 'ur', 'ud', 'mac', 'st', 'y', 'e',
]);

let scratchA = new Uint8Array(64);
let scratchB = new Uint8Array(64);

export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(la, lb) / 2) - 1);
  // Scratch flags shared by every call (this runs ~10^5 times per batch): cleared, not allocated.
  if (scratchA.length < la) scratchA = new Uint8Array(la * 2);
  if (scratchB.length < lb) scratchB = new Uint8Array(lb * 2);
  const ma = scratchA.fill(0, 0, la);
  const mb = scratchB.fill(0, 0, lb);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const lo = Math.max(0, i - window);
    const hi = Math.min(lb - 1, i + window);
    for (let j = lo; j <= hi; j++) {
      if (!mb[j] && a.charCodeAt(i) === b.charCodeAt(j)) {
        ma[i] = 1;
        mb[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let t = 0;
  let k = 0;
  for (let i = 0; i < la; i++) {
    if (!ma[i]) continue;
    while (!mb[k]) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) t++;
    k++;
  }
  const jaro = (matches / la + matches / lb + (matches - t / 2) / matches) / 3;
  let prefix = 0;
  while (prefix < 4 && prefix < la && prefix < lb && a[prefix] === b[prefix]) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

export function levenshteinRatio(a: string, b: string): number {
  const m = Math.max(a.length, b.length);
  return m === 0 ? 1 : 1 - distance(a, b) / m;
}

export const isNumeric = (t: string) => /^\d+$/.test(t) || /^(ii|iii|iv|vi|vii|viii|ix|xi|xii)$/.test(t);

export const weightOf = (t: string) => (PARTICLES.has(t) ? 0.3 : 1);

/**
 * What the comparison derives from a name's tokens alone, computed once per name rather than once per
 * comparison: list names are prepared once in the matcher's index and compared with many queries.
 */
export interface NameShape {
  numeric: boolean[];
  weights: number[];
  phonetic: string[];
  /** Numeric tokens, sorted: two names must agree on them. */
  numbers: string;
  joined: string;
  sortedJoined: string;
}

const shapes = new WeakMap<PreparedName, NameShape>();

export function shapeOf(p: PreparedName): NameShape {
  let s = shapes.get(p);
  if (!s) {
    const numeric = p.tokens.map(isNumeric);
    s = {
      numeric,
      weights: p.tokens.map(weightOf),
      phonetic: p.tokens.map(phoneticKey),
      numbers: p.tokens.filter((_, i) => numeric[i]).sort().join(' '),
      joined: p.tokens.join(''),
      sortedJoined: [...p.tokens].sort().join(''),
    };
    shapes.set(p, s);
  }
  return s;
}

function tokenSimilarity(a: string, b: string, numeric: boolean, phoneticA: string, phoneticB: string, abjad: boolean): { similarity: number; how: TokenPair['how'] } {
  if (a === b) return { similarity: 1, how: 'exact' };
  if (numeric) return { similarity: 0, how: 'unmatched' };
  if (a.length === 1 || b.length === 1) {
    // An initial stands for any name with that first letter, but proves little.
    return a[0] === b[0] ? { similarity: 0.8, how: 'initial' } : { similarity: 0, how: 'unmatched' };
  }
  let similarity = (jaroWinkler(a, b) + levenshteinRatio(a, b)) / 2;
  let how: TokenPair['how'] = 'fuzzy';
  if (a.length >= 3 && b.length >= 3 && a[0] === b[0] && phoneticA === phoneticB && similarity < 0.9) {
    similarity = 0.9;
    how = 'phonetic';
  }
  if (abjad) {
    const sa = a.replace(/^l(?=[^aeiou]{2})/, '').replace(/[aeiouyw]/g, '').replace(/(.)\1+/g, '$1');
    const sb = b.replace(/[aeiouyw]/g, '').replace(/(.)\1+/g, '$1');
    if (sa.length > 0 && sb.length > 0) {
      const s = sa === sb ? 0.95 : 0.9 * levenshteinRatio(sa, sb);
      if (s > similarity) {
        similarity = s;
        how = 'skeleton';
      }
    }
  }
  return { similarity, how };
}

const MISMATCH_WEIGHT = 0.2;
const NASAB = new Set(['bin', 'ibn', 'ben', 'bint']);
const hasNasab = (tokens: string[]) => tokens.some((t) => NASAB.has(t));

/** What each extra token of the longer name costs, by kind of party. */
export function extraTokenCost(kind: NameKind): number {
  return kind === 'person' ? 0.1 : kind === 'unknown' ? 0.15 : 0.35;
}

/** True when two aligned tokens appear in opposite order in the two names. */
function crosses(pairs: TokenPair[], q: string[], c: string[]): boolean {
  const idx = pairs
    .filter((p) => p.candidate !== null && !NASAB.has(p.query) && p.similarity >= 0.8)
    .map((p) => [q.indexOf(p.query), c.indexOf(p.candidate!)] as const);
  for (let x = 0; x < idx.length; x++) {
    for (let y = x + 1; y < idx.length; y++) {
      if ((idx[x][0] - idx[y][0]) * (idx[x][1] - idx[y][1]) < 0) return true;
    }
  }
  return false;
}

export function compareTokens(query: PreparedName, candidate: PreparedName, kind: NameKind): NameComparison {
  let q = query;
  let c = candidate;
  const notes: string[] = [];
  if (q.tokens.length === 0 || c.tokens.length === 0) return { score: 0, pairs: [], extra: [], notes: ['empty name'] };
  if (q.hangul !== c.hangul) {
    q = { ...q, tokens: q.tokens.map(foldKorean) };
    c = { ...c, tokens: c.tokens.map(foldKorean) };
    notes.push('Korean romanisations folded');
  }
  const abjad = q.abjad !== c.abjad;
  const swap = q.tokens.length > c.tokens.length;
  const A = swap ? c.tokens : q.tokens;
  const B = swap ? q.tokens : c.tokens;
  const sq = shapeOf(q);
  const sc = shapeOf(c);
  const sa = swap ? sc : sq;
  const sb = swap ? sq : sc;
  const cells: Array<{ i: number; j: number; similarity: number; how: TokenPair['how'] }> = [];
  for (let i = 0; i < A.length; i++) {
    for (let j = 0; j < B.length; j++) {
      const { similarity, how } = tokenSimilarity(A[i], B[j], sa.numeric[i] || sb.numeric[j], sa.phonetic[i], sb.phonetic[j], abjad);
      if (similarity > 0) cells.push({ i, j, similarity, how });
    }
  }
  cells.sort((x, y) => y.similarity - x.similarity || Math.abs(x.i - x.j) - Math.abs(y.i - y.j));
  const aTaken = new Array<TokenPair | null>(A.length).fill(null);
  const bTaken = new Uint8Array(B.length);
  for (const cell of cells) {
    if (aTaken[cell.i] || bTaken[cell.j]) continue;
    aTaken[cell.i] = { query: swap ? B[cell.j] : A[cell.i], candidate: swap ? A[cell.i] : B[cell.j], similarity: cell.similarity, how: cell.how };
    bTaken[cell.j] = 1;
  }
  let num = 0;
  let den = 0;
  const pairs: TokenPair[] = [];
  for (let i = 0; i < A.length; i++) {
    const w = sa.weights[i];
    const p = aTaken[i] ?? { query: swap ? A[i] : A[i], candidate: null, similarity: 0, how: 'unmatched' as const };
    if (!aTaken[i] && swap) pairs.push({ query: A[i], candidate: null, similarity: 0, how: 'unmatched' });
    else pairs.push(p);
    num += w * p.similarity;
    den += w;
  }
  // A token of the shorter name that found no good partner is evidence of a different person (a
  // different surname, nisbah or patronymic), not merely missing: the weakest alignment costs extra.
  const weakest = Math.min(...pairs.map((p, i) => (sa.weights[i] < 1 ? 1 : p.similarity)));
  const mismatchPenalty = A.length > 1 ? MISMATCH_WEIGHT * (1 - weakest) : 0;
  const extra = B.filter((_, j) => !bTaken[j]);
  let extraWeight = 0;
  for (let j = 0; j < B.length; j++) if (!bTaken[j]) extraWeight += sb.weights[j];
  const lambda = extraTokenCost(kind);
  let score = num / (den + lambda * extraWeight) - mismatchPenalty;
  if (mismatchPenalty > 0.02) notes.push(`weakest token pair ${weakest.toFixed(2)}`);
  // In Arabic names "X bin Y" reads "X son of Y": swapping the two is another person.
  if (kind !== 'organisation' && hasNasab(q.tokens) && hasNasab(c.tokens) && crosses(pairs, q.tokens, c.tokens)) {
    score -= 0.25;
    notes.push('order of "bin/ibn" names differs');
  }
  if (q.legalForms.length && c.legalForms.length && !q.legalForms.some((f) => c.legalForms.includes(f))) {
    score -= 0.1;
    notes.push(`legal forms differ (${q.legalForms.join(',')} / ${c.legalForms.join(',')})`);
  }
  if (extra.length) notes.push(`${extra.length} extra token(s): ${extra.join(' ')}`);
  // Tokens split or joined differently ("JanDaniel" / "Jan Daniel", CJK syllables): compare the joined
  // strings (only names with different token counts can be split differently).
  if (q.tokens.length !== c.tokens.length) {
    const joinedQ = sq.joined;
    const joinedC = sc.joined;
    let joined = Math.max(levenshteinRatio(joinedQ, joinedC), levenshteinRatio(sq.sortedJoined, sc.sortedJoined));
    if (abjad) {
      const kq = skeleton(q.abjad ? joinedQ.replace(/^l(?=[^aeiou]{2})/, '') : joinedQ);
      const kc = skeleton(c.abjad ? joinedC.replace(/^l(?=[^aeiou]{2})/, '') : joinedC);
      if (kq.length >= 3) joined = Math.max(joined, kq === kc ? 0.95 : 0.9 * levenshteinRatio(kq, kc));
    }
    if (joined > score) {
      score = joined;
      notes.push('matched as joined tokens');
    }
  }
  if (sq.numbers !== sc.numbers) {
    score *= 0.7;
    notes.push('numbers differ');
  }
  // Two names in the same logographic script: a different character is a different name even when
  // the transliteration is the same (高石 / 高市 both read "gao shi"), so compare the characters.
  if (q.cjk && c.cjk) {
    const raw = (x: string) => x.replace(/\s+/g, '');
    score = Math.min(score, levenshteinRatio(raw(q.raw), raw(c.raw)));
    notes.push('compared in the original script');
  }
  return { score: Math.min(1, score), pairs, extra, notes };
}

/** Convenience for tests and the quality bench: compare two raw names of the same kind. */
export function compareNames(query: string, candidate: string, kind: NameKind = 'unknown'): NameComparison {
  return compareTokens(prepareName(query, kind), prepareName(candidate, kind), kind);
}
