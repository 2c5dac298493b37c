import type { NameKind, PreparedName } from './normalize.ts';
import { extraTokenCost, shapeOf } from './score.ts';

/**
 * A cheap upper bound of `compareTokens(query, candidate, kind).score`, so the matcher can skip a
 * candidate that cannot reach the threshold without aligning its tokens (most candidates a key finds
 * share one rare token and nothing else). It mirrors compareTokens step by step and only ever rounds
 * up: each token pair's similarity is bounded from the characters the two tokens have in common,
 * penalties are left out, the joined-token comparison is bounded the same way, and the ×0.7 for
 * numbers that differ is applied exactly. Tested against compareTokens on real list names.
 */
export function nameScoreBound(query: PreparedName, candidate: PreparedName, kind: NameKind): number {
  const q = query.tokens;
  const c = candidate.tokens;
  if (q.length === 0 || c.length === 0) return 0;
  // Korean romanisations are folded before comparing: not worth bounding, this is rare.
  if (query.hangul !== candidate.hangul) return 1;
  const abjad = query.abjad !== candidate.abjad;
  const swap = q.length > c.length;
  const A = swap ? c : q;
  const B = swap ? q : c;
  const sq = shapeOf(query);
  const sc = shapeOf(candidate);
  const sa = swap ? sc : sq;
  const sb = swap ? sq : sc;
  let num = 0;
  let den = 0;
  for (let i = 0; i < A.length; i++) {
    const w = sa.weights[i];
    let best = 0;
    for (let j = 0; j < B.length && best < 1; j++) {
      best = Math.max(best, tokenSimilarityBound(A[i], B[j], sa.numeric[i] || sb.numeric[j], sa.phonetic[i], sb.phonetic[j], abjad));
    }
    num += w * best;
    den += w;
  }
  // At least |B| - |A| tokens of the longer name stay unaligned; the cheapest are particles (0.3).
  const unaligned = B.length - A.length;
  const particles = sb.weights.reduce((n, w) => n + (w < 1 ? 1 : 0), 0);
  const extraWeight = Math.min(unaligned, particles) * 0.3 + Math.max(0, unaligned - particles);
  let score = num / (den + extraTokenCost(kind) * extraWeight);
  if (q.length !== c.length) {
    // Joined and sorted-joined strings hold the same characters, so one bound serves both.
    let joined = commonChars(sq.joined, sc.joined) / Math.max(sq.joined.length, sc.joined.length);
    if (abjad) joined = Math.max(joined, 0.95);
    score = Math.max(score, joined);
  }
  if (sq.numbers !== sc.numbers) score *= 0.7;
  return Math.min(1, score);
}

/** Upper bound of score.ts tokenSimilarity, from the characters two tokens share and their prefix. */
function tokenSimilarityBound(a: string, b: string, numeric: boolean, phoneticA: string, phoneticB: string, abjad: boolean): number {
  if (a === b) return 1;
  if (numeric) return 0;
  if (a.length === 1 || b.length === 1) return a[0] === b[0] ? 0.8 : 0;
  const common = commonChars(a, b);
  let bound = 0;
  if (common > 0) {
    // Jaro matches pair equal characters one to one: at most `common` of them; transpositions only lower it.
    const jaro = (common / a.length + common / b.length + 1) / 3;
    let prefix = 0;
    while (prefix < 4 && prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
    const jw = Math.min(1, jaro + prefix * 0.1 * (1 - jaro));
    // Levenshtein keeps at most `common` characters unchanged.
    const lev = common / Math.max(a.length, b.length);
    bound = (jw + lev) / 2;
  }
  if (a.length >= 3 && b.length >= 3 && a[0] === b[0] && phoneticA === phoneticB) bound = Math.max(bound, 0.9);
  if (abjad) bound = Math.max(bound, 0.95);
  return bound;
}

const counts = new Int32Array(65536);

/** Size of the multiset intersection of two strings' characters. */
function commonChars(a: string, b: string): number {
  for (let i = 0; i < a.length; i++) counts[a.charCodeAt(i)]++;
  let n = 0;
  for (let i = 0; i < b.length; i++) {
    const k = b.charCodeAt(i);
    if (counts[k] > 0) {
      counts[k]--;
      n++;
    }
  }
  for (let i = 0; i < a.length; i++) counts[a.charCodeAt(i)] = 0;
  return n;
}
