import { createHash } from 'node:crypto';
import { canonicalJson } from '../platform/crypto/canonical.ts';
import { MATCH_THRESHOLD } from './match/model.ts';
import { foldKorean, phoneticKey, prepareName, skeleton, type NameKind, type PreparedName } from './match/normalize.ts';
import { nameScoreBound } from './match/bound.ts';
import { compareTokens, type TokenPair } from './match/score.ts';
import type { EntryKind, ListEntry, ListSource, NameQuality, ParsedList } from './parse/types.ts';

/**
 * Pure screening rules: what a query is, how a list entry is scored against it (name, then
 * identifiers, date of birth, country and kind as supporting or conflicting evidence), which keys find
 * candidates, when a remembered decision still applies, what a list diff is, and when an application is
 * essentially identical to a denied one.
 */
export { MATCH_THRESHOLD };

export interface Identifier {
  type?: string;
  number: string;
}

export interface ScreeningQuery {
  name: string;
  kind?: NameKind;
  /** ISO 3166-1 alpha-2 of nationality, residence or registration. */
  country?: string | null;
  /** 'YYYY-MM-DD' or 'YYYY'. */
  dob?: string | null;
  identifiers?: Identifier[];
}

/** What the matcher keeps of a list entry in memory for scoring. */
export interface IndexedEntry {
  versionId: string;
  source: string;
  externalId: string;
  kind: EntryKind;
  primaryName: string;
  referenceNumber: string | null;
  programmes: string[];
  countries: string[];
  birthYears: Array<{ from: number; to: number; date: string | null }>;
  documents: string[];
  contentHash: string;
  names: Array<{ name: string; quality: NameQuality; prepared: PreparedName }>;
}

export interface Feature {
  feature: string;
  effect: number;
  detail: string;
}

export interface EntryScore {
  score: number;
  matchedName: string;
  nameQuality: NameQuality;
  nameScore: number;
  pairs: TokenPair[];
  notes: string[];
  features: Feature[];
}

/**
 * The list a parsed file is a version of. OFAC publishes the SDN list and the consolidated non-SDN lists
 * in the same sdnList XML schema, which does not say which one a file is: a file named as OFAC names the
 * SDN one (SDN.XML, what `custodia lists fetch ofac` downloads) is the SDN list, any other the non-SDN.
 */
export function listSourceOf(parsed: Pick<ParsedList, 'format' | 'source'>, fileName: string | null | undefined): ListSource {
  if (parsed.format === 'ofac_sdn_xml' && fileName && /^sdn\.xml$/i.test(fileName.split(/[\\/]/).pop() ?? '')) return 'ofac_sdn';
  return parsed.source;
}

export function nameKindOf(kind: EntryKind): NameKind {
  return kind === 'individual' ? 'person' : kind === 'entity' ? 'organisation' : 'vessel';
}

export function normaliseIdentifier(number: string): string {
  return number.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/** Content hash of an entry: what "changed" means in a diff and when a decision lapses. */
export function entryHash(entry: ListEntry): string {
  return createHash('sha256').update(canonicalJson(entry)).digest('hex');
}

export function birthYearsOf(entry: ListEntry): IndexedEntry['birthYears'] {
  const out: IndexedEntry['birthYears'] = [];
  for (const b of entry.birthDates) {
    if (b.fromYear && b.toYear) out.push({ from: b.fromYear, to: b.toYear, date: null });
    else if (b.date) {
      const y = Number(b.date.slice(0, 4));
      const slack = b.approximate ? 2 : 0;
      out.push({ from: y - slack, to: y + slack, date: b.date.length === 10 ? b.date : null });
    }
  }
  return out;
}

/**
 * An entry's names without repeats: aliases of the same quality that normalise alike (same tokens,
 * legal forms and script flags, and the same characters when written in CJK, which the scorer compares)
 * always score alike, so only the first, the one an explanation would name, is kept for scoring.
 */
export function distinctNames<T extends { quality: NameQuality; prepared: PreparedName }>(names: T[]): T[] {
  const seen = new Set<string>();
  return names.filter((n) => {
    const p = n.prepared;
    const key = [n.quality, p.tokens.join(' '), p.legalForms.join(' '), p.abjad, p.cjk, p.hangul, p.cjk ? p.raw.replace(/\s+/g, '') : ''].join('\x1f');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const PARTICLE_KEYS = new Set(['al', 'el', 'bin', 'ibn', 'abu', 'abd', 'de', 'la', 'the', 'and', 'of']);

/** Keys under which a name is found: tokens, Metaphone codes, consonant skeletons, Korean-folded tokens. */
export function nameKeys(p: PreparedName): string[] {
  const keys = new Set<string>();
  for (let i = 0; i < p.tokens.length; i++) {
    const t = p.tokens[i];
    if (t.length < 2 || PARTICLE_KEYS.has(t)) continue;
    keys.add(t);
    if (t.length >= 3 && !/^\d+$/.test(t)) {
      keys.add(`p:${p.phonetic[i]}`);
      const s = skeleton(t.replace(/^l(?=[^aeiou]{2})/, ''));
      if (s.length >= 2) keys.add(`s:${s}`);
      keys.add(`k:${foldKorean(t)}`);
    }
  }
  // Names written as one run ("Abdullah", CJK syllables) are also found by their joined form.
  if (p.tokens.length > 1 && p.tokens.length <= 4) {
    const joined = p.tokens.join('');
    keys.add(joined);
    keys.add(`s:${skeleton(joined)}`);
  }
  return [...keys];
}

/**
 * Every key an entry is found under: the keys of each of its names, and each identity document number
 * (normalised, 5 characters or more) as `id:…`. The matcher indexes entries under these in memory.
 */
export function entryKeys(names: ReadonlyArray<{ prepared: PreparedName }>, documents: ReadonlyArray<{ number: string }>): Set<string> {
  const keys = new Set<string>();
  for (const n of names) for (const k of nameKeys(n.prepared)) keys.add(k);
  for (const d of documents) {
    const n = normaliseIdentifier(d.number);
    if (n.length >= 5) keys.add(`id:${n}`);
  }
  return keys;
}

export function queryKeys(q: ScreeningQuery, prepared: PreparedName): string[] {
  const keys = nameKeys(prepared);
  for (const id of q.identifiers ?? []) {
    const n = normaliseIdentifier(id.number);
    if (n.length >= 5) keys.push(`id:${n}`);
  }
  return keys;
}

const QUALITY_FACTOR: Record<NameQuality, number> = { primary: 1, good: 1, low: 0.9 };
/** Slack for the bounds below, which add the same numbers in another order than the exact scores. */
const BOUND_SLACK = 1e-9;

/**
 * A query's name prepared as each kind it is screened as. A query without a kind (or `unknown`) is
 * screened both as a person and as an organisation, each prepared its own way ("THE HOUTHIS" as an
 * organisation drops "the", as a listed organisation's name does), and the better score counts.
 */
export interface QueryForm {
  kind: Exclude<NameKind, 'unknown'>;
  prepared: PreparedName;
}

export const KINDS_WHEN_UNKNOWN = ['person', 'organisation'] as const;

export function queryForms(q: ScreeningQuery): QueryForm[] {
  const kind = q.kind ?? 'unknown';
  if (kind !== 'unknown') return [{ kind, prepared: prepareName(q.name, kind) }];
  return KINDS_WHEN_UNKNOWN.map((k) => ({ kind: k, prepared: prepareName(q.name, k) }));
}

/** Keys of every form of a query (see queryForms), without repeats. */
export function queryFormKeys(q: ScreeningQuery, forms: QueryForm[]): string[] {
  const keys = new Set<string>();
  for (const f of forms) for (const k of queryKeys(q, f.prepared)) keys.add(k);
  return [...keys];
}

/**
 * Scores one entry against a query. The name decides; a matching identity document raises the score
 * to 0.98 on its own (passport, national ID and IMO numbers are unique), a date of birth or country
 * adds or subtracts a little, and a person matched against an organisation (or the reverse) loses.
 * `nameBounds` (upper bounds of each name's score, from `scoreEntryReaching`) let a name that cannot
 * beat the best one so far be skipped: the result is the same, only cheaper.
 */
export function scoreEntry(q: ScreeningQuery, prepared: PreparedName, e: IndexedEntry, nameBounds?: number[]): EntryScore {
  const kind = q.kind ?? 'unknown';
  let best: EntryScore | null = null;
  for (let i = 0; i < e.names.length; i++) {
    const n = e.names[i];
    if (best && nameBounds && nameBounds[i] + BOUND_SLACK < best.nameScore) continue;
    const cmp = compareTokens(prepared, n.prepared, kind === 'unknown' ? nameKindOf(e.kind) : kind);
    const s = cmp.score * QUALITY_FACTOR[n.quality];
    if (!best || s > best.nameScore) {
      best = { score: s, matchedName: n.name, nameQuality: n.quality, nameScore: s, pairs: cmp.pairs, notes: cmp.notes, features: [] };
    }
  }
  const found = best;
  if (!found) return { score: 0, matchedName: '', nameQuality: 'primary', nameScore: 0, pairs: [], notes: [], features: [] };
  const features: Feature[] = [];
  if (found.nameQuality === 'low') features.push({ feature: 'weak_alias', effect: 0, detail: 'matched a weak (low quality) alias: ×0.9 included in the name score' });
  let score = found.nameScore;
  const idHit = identifierHit(q, e);
  if (idHit) {
    features.push({ feature: 'identifier_match', effect: Math.max(0, 0.98 - score), detail: `identity document ${idHit} is on the entry` });
    score = Math.max(score, 0.98);
  }
  for (const f of evidenceOf(q, e)) {
    features.push(f);
    score += f.effect;
  }
  found.score = Math.max(0, Math.min(1, score));
  found.features = features;
  return found;
}

/**
 * `scoreEntry` for every form of the query (queryForms): the better one, and when the query had no
 * kind, a feature saying which kind it was scored as and what the other gave. On equal scores the
 * kind the entry is listed as wins.
 */
export function scoreQuery(q: ScreeningQuery, forms: QueryForm[], e: IndexedEntry): EntryScore {
  return bestOfForms(forms, e, forms.map((f) => scoreEntry({ ...q, kind: f.kind }, f.prepared, e)));
}

/**
 * `scoreQuery`, or null when the entry cannot reach `threshold`: each name's score is bounded first
 * (match/bound.ts), and a form is skipped when its best bound plus the other evidence falls short.
 */
export function scoreEntryReaching(q: ScreeningQuery, forms: QueryForm[], e: IndexedEntry, threshold: number): EntryScore | null {
  const idHit = identifierHit(q, e) !== undefined;
  const scores = forms.map((f) => {
    const fq = { ...q, kind: f.kind };
    const bounds = e.names.map((n) => nameScoreBound(f.prepared, n.prepared, f.kind) * QUALITY_FACTOR[n.quality]);
    if (!idHit) {
      let bound = Math.max(0, ...bounds);
      for (const x of evidenceOf(fq, e)) bound += x.effect;
      if (Math.min(1, bound) + BOUND_SLACK < threshold) return null;
    }
    return scoreEntry(fq, f.prepared, e, bounds);
  });
  if (scores.every((s) => s === null)) return null;
  // A form skipped by its bound cannot reach the threshold, so it cannot be the better one above it.
  return bestOfForms(forms, e, scores);
}

function bestOfForms(forms: QueryForm[], e: IndexedEntry, scores: Array<EntryScore | null>): EntryScore {
  if (forms.length === 1) return scores[0]!;
  const listedAs = e.kind === 'individual' ? 'person' : 'organisation';
  let best = -1;
  scores.forEach((s, i) => {
    if (!s) return;
    const b = best >= 0 ? scores[best]! : null;
    if (!b || s.score > b.score || (s.score === b.score && forms[i].kind === listedAs)) best = i;
  });
  const chosen = scores[best]!;
  const others = forms
    .map((f, i) => (i === best ? null : `as ${article(f.kind)} ${scores[i] ? scores[i]!.score.toFixed(3) : `under ${MATCH_THRESHOLD}`}`))
    .filter(Boolean);
  const kind = forms[best].kind;
  const detail = `no kind given: scored as ${article(kind)}, the better (${others.join(', ')})`;
  const feature: Feature = kind === 'person' ? { feature: 'screened_as_person', effect: 0, detail } : { feature: 'screened_as_organisation', effect: 0, detail };
  chosen.features = [...chosen.features, feature];
  return chosen;
}

const article = (k: NameKind) => (k === 'organisation' ? 'an organisation' : k === 'unknown' ? 'an unknown kind' : `a ${k}`);

function identifierHit(q: ScreeningQuery, e: IndexedEntry): string | undefined {
  const ids = (q.identifiers ?? []).map((i) => normaliseIdentifier(i.number)).filter((n) => n.length >= 5);
  return ids.find((n) => e.documents.includes(n));
}

/** Evidence other than the name and identifiers: kind of party, date of birth, country. */
function evidenceOf(q: ScreeningQuery, e: IndexedEntry): Feature[] {
  const features: Feature[] = [];
  if (q.kind && q.kind !== 'unknown') {
    const entryKind = nameKindOf(e.kind);
    const compatible = q.kind === entryKind || (q.kind === 'organisation' && entryKind === 'vessel') || (q.kind === 'vessel' && entryKind === 'organisation');
    if (!compatible) features.push({ feature: 'kind_mismatch', effect: -0.1, detail: `a ${q.kind} against a listed ${e.kind}` });
  }
  if (q.dob && e.birthYears.length) {
    const year = Number(q.dob.slice(0, 4));
    const exact = q.dob.length === 10 && e.birthYears.some((b) => b.date === q.dob);
    const inRange = e.birthYears.some((b) => year >= b.from && year <= b.to);
    const near = e.birthYears.some((b) => year >= b.from - 1 && year <= b.to + 1);
    if (exact) features.push({ feature: 'dob_match', effect: 0.05, detail: `date of birth ${q.dob} is on the entry` });
    else if (inRange) features.push({ feature: 'dob_year_match', effect: 0.02, detail: `year of birth ${year} agrees` });
    else if (!near) features.push({ feature: 'dob_mismatch', effect: -0.15, detail: `year of birth ${year} is not among the entry's` });
  }
  if (q.country && e.countries.length) {
    if (e.countries.includes(q.country)) features.push({ feature: 'country_match', effect: 0.03, detail: `${q.country} is linked to the entry` });
    else features.push({ feature: 'country_mismatch', effect: -0.05, detail: `${q.country} is not among ${e.countries.join(', ')}` });
  }
  return features;
}

export interface ScreeningWarning {
  code: string;
  message: string;
}

/**
 * What a screening result must say besides its hits. With no list active a name is screened against
 * nothing: that is said as a warning, never as "no match".
 */
export function screeningWarnings(activeVersions: readonly unknown[]): ScreeningWarning[] {
  if (activeVersions.length > 0) return [];
  return [{ code: 'screening.no_active_list', message: 'No sanctions list is active: nothing was screened against. Load the lists (custodia lists fetch, or lists import FILE) and screen again.' }];
}

/** Identity of a party's screened data: a remembered decision lapses when it changes. */
export function subjectFingerprint(q: ScreeningQuery): string {
  return createHash('sha256')
    .update(
      canonicalJson({
        name: q.name.trim(),
        kind: q.kind ?? 'unknown',
        country: q.country ?? null,
        dob: q.dob ?? null,
        identifiers: (q.identifiers ?? []).map((i) => normaliseIdentifier(i.number)).sort(),
      }),
    )
    .digest('hex');
}

export interface RememberedDecision {
  id: string;
  decision: 'true_match' | 'false_positive';
  entryHash: string;
  subjectFingerprint: string | null;
}

/**
 * A false positive is not raised again for the same party and entry while neither changed; a true
 * match is never suppressed (it must stay visible on every screening).
 */
export function suppressingDecision(latest: RememberedDecision | undefined, entryHashNow: string, fingerprintNow: string): RememberedDecision | null {
  if (!latest || latest.decision !== 'false_positive') return null;
  return latest.entryHash === entryHashNow && latest.subjectFingerprint === fingerprintNow ? latest : null;
}

export interface DiffEntry {
  externalId: string;
  name: string;
  referenceNumber: string | null;
  programmes: string[];
}

export interface ChangedEntry extends DiffEntry {
  fields: string[];
}

/** Top-level fields that differ between two versions of an entry. */
export function changedFields(a: ListEntry, b: ListEntry): string[] {
  const out: string[] = [];
  for (const k of Object.keys({ ...a, ...b }) as Array<keyof ListEntry>) {
    if (canonicalJson(a[k] ?? null) !== canonicalJson(b[k] ?? null)) out.push(k);
  }
  return out.sort();
}

export interface DenialLike {
  destination: string;
  endUserName: string;
  controlCategories: string[];
}

/**
 * Wassenaar and EU practice: an application is "essentially identical" to a denied one when it has the
 * same destination, the same end user and overlapping control categories. End users are compared by
 * name with the screening matcher (at the screening threshold), not by exact text.
 */
export function essentiallyIdentical(application: DenialLike, denial: DenialLike): { identical: boolean; endUserScore: number; commonCategories: string[] } {
  const endUserScore = compareTokens(prepareName(application.endUserName, 'unknown'), prepareName(denial.endUserName, 'unknown'), 'unknown').score;
  const norm = (c: string) => c.trim().toUpperCase();
  const denied = new Set(denial.controlCategories.map(norm));
  const commonCategories = application.controlCategories.map(norm).filter((c) => denied.has(c));
  return {
    identical: application.destination === denial.destination && endUserScore >= MATCH_THRESHOLD && commonCategories.length > 0,
    endUserScore,
    commonCategories,
  };
}
