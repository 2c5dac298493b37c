import type { Db, Queryable } from '../platform/db/types.ts';
import { prepareName, type PreparedName } from './match/normalize.ts';
import {
  MATCH_THRESHOLD, birthYearsOf, distinctNames, entryKeys, nameKindOf, normaliseIdentifier, queryFormKeys, queryForms, scoreEntryReaching,
  type EntryScore, type IndexedEntry, type QueryForm, type ScreeningQuery,
} from './model.ts';
import { KeyIndex } from './key-index.ts';
import * as store from './store.ts';

/**
 * Candidates come from an in-memory key index of the active list versions (key-index.ts, keys from
 * `entryKeys`; pg_trgm on normalised names when a single name's keys find nothing);
 * scoring runs in code against the same per-process cache of the active versions' entries. The cache
 * is keyed by the ids of the active versions, read in the caller's transaction on every call, so a
 * version activated by another process (PostgreSQL deployments) is used from its commit on.
 */
export interface ScoredHit extends EntryScore {
  versionId: string;
  source: string;
  externalId: string;
  entryName: string;
  entryHash: string;
  kind: string;
  referenceNumber: string | null;
  programmes: string[];
}

export interface VersionRef {
  id: string;
  source: string;
  publishedOn: string | null;
}

/** Candidates scored per name, best-ranked by shared rare keys. */
export const MAX_CANDIDATES = 40;
/** Keys shared by more entries than this ("mohammed", "trading") find too much to be worth asking for. */
const MAX_KEY_FREQUENCY = 400;
const MIN_SHARED_WEIGHT = 0.25;

export interface KeySelection {
  keys: string[];
  weights: number[];
  /** An entry sharing less than a quarter of the name's key weight cannot align most of its tokens. */
  floor: number;
}

export class MatcherIndex {
  readonly versions: VersionRef[];
  readonly entries: IndexedEntry[];
  readonly keys: KeyIndex;
  private readonly byId: Map<string, IndexedEntry>;

  constructor(versions: VersionRef[], entries: IndexedEntry[], keys: KeyIndex) {
    this.versions = versions;
    this.entries = entries;
    this.keys = keys;
    this.byId = new Map(entries.map((e) => [`${e.versionId}:${e.externalId}`, e]));
  }

  get versionIds(): string[] {
    return this.versions.map((v) => v.id);
  }

  /**
   * The keys worth looking up, each with its rarity weight (inverse document frequency). Skeleton keys
   * serve names written in abjads and Korean-folded keys names written in Hangul only; keys too common
   * to discriminate are dropped, keeping the two rarest when all are common.
   */
  selectKeys(keys: string[], prepared: PreparedName): KeySelection {
    const freq = (k: string) => this.keys.frequency(k);
    const known = keys.filter((k) => {
      if (freq(k) === 0) return false;
      if (k.startsWith('s:')) return prepared.abjad;
      if (k.startsWith('k:')) return prepared.hangul;
      return true;
    });
    let chosen = known.filter((k) => k.startsWith('id:') || freq(k) <= MAX_KEY_FREQUENCY);
    if (chosen.length === 0) chosen = known.sort((a, b) => freq(a) - freq(b)).slice(0, 2);
    const n = this.entries.length;
    const weights = chosen.map((k) => (k.startsWith('id:') ? 20 : Math.log(1 + n / freq(k))));
    return { keys: chosen, weights, floor: MIN_SHARED_WEIGHT * weights.reduce((a, b) => a + b, 0) };
  }

  /** The best `limit` entries for a selection of keys (what the SQL candidate query returned). */
  candidates(sel: KeySelection, limit = MAX_CANDIDATES): IndexedEntry[] {
    return this.keys.rank(sel.keys, sel.weights, sel.floor, limit, this.order).map((e) => this.entries[e]);
  }

  private readonly order = (a: number, b: number): number => {
    const x = this.entries[a];
    const y = this.entries[b];
    if (x.externalId !== y.externalId) return x.externalId < y.externalId ? -1 : 1;
    return x.versionId < y.versionId ? -1 : x.versionId > y.versionId ? 1 : 0;
  };

  entry(versionId: string, externalId: string): IndexedEntry | undefined {
    return this.byId.get(`${versionId}:${externalId}`);
  }
}

const cache = new WeakMap<Db, { signature: string; index: Promise<MatcherIndex> }>();

/** Forgets the cached index (called after an import). */
export function invalidateMatcher(db: Db): void {
  cache.delete(db);
}

async function buildIndex(q: Queryable, versions: store.VersionRow[]): Promise<MatcherIndex> {
  const entries: IndexedEntry[] = [];
  const keysOf: Array<Set<string>> = [];
  for (const v of versions) {
    const rows = await store.entriesOfVersion(q, v.id);
    for (const row of rows) {
      const e = row.data;
      const kind = nameKindOf(e.kind);
      const names = distinctNames(e.names.map((n) => ({ name: n.name, quality: n.quality, prepared: prepareName(n.name, kind) })));
      keysOf.push(entryKeys(names, e.documents));
      entries.push({
        versionId: v.id,
        source: v.source,
        externalId: e.externalId,
        kind: e.kind,
        primaryName: e.primaryName,
        referenceNumber: e.referenceNumber,
        programmes: e.programmes,
        countries: e.countries,
        birthYears: birthYearsOf(e),
        documents: e.documents.map((d) => normaliseIdentifier(d.number)),
        contentHash: row.content_hash,
        names,
      });
    }
  }
  const versionRefs = versions.map((v) => ({ id: v.id, source: v.source, publishedOn: v.published_on }));
  return new MatcherIndex(versionRefs, entries, new KeyIndex(keysOf));
}

/**
 * The index of the active versions as `q` sees them (pass the transaction when inside one). Reading
 * the active version ids costs one small query per call; an index is built once per set of ids.
 */
export async function matcherIndex(db: Db, q: Queryable): Promise<MatcherIndex> {
  const versions = await store.activeVersions(q);
  const signature = versions.map((v) => v.id).join(',');
  const cached = cache.get(db);
  if (cached && cached.signature === signature) return cached.index;
  const index = buildIndex(q, versions);
  cache.set(db, { signature, index });
  try {
    return await index;
  } catch (err) {
    if (cache.get(db)?.index === index) cache.delete(db);
    throw err;
  }
}

/** Screens many names against the in-memory index; returns the hits at or above the threshold per name. */
export async function matchMany(db: Db, q: Queryable, queries: ScreeningQuery[], threshold = MATCH_THRESHOLD): Promise<{ versions: VersionRef[]; results: ScoredHit[][] }> {
  const index = await matcherIndex(db, q);
  const results: ScoredHit[][] = [];
  for (const query of queries) {
    const forms = queryForms(query);
    let cands = index.candidates(index.selectKeys(queryFormKeys(query, forms), forms[0].prepared));
    // A single name none of whose keys is known (every token misspelt) falls back to trigram similarity.
    if (cands.length === 0 && queries.length === 1) {
      const normalized = prepareName(query.name, query.kind ?? 'unknown').tokens.join(' ');
      const fallback = (tx: Queryable) => store.trigramCandidates(tx, normalized, index.versionIds, MAX_CANDIDATES);
      // The fallback sets a planner option local to a transaction: open one when called outside any.
      const tri = q === db ? await db.transaction(fallback) : await fallback(q);
      cands = tri.map((t) => index.entry(t.version_id, t.external_id)).filter((e): e is IndexedEntry => e !== undefined);
    }
    results.push(scoreCandidates(query, forms, cands, threshold));
  }
  return { versions: index.versions, results };
}

function scoreCandidates(query: ScreeningQuery, forms: QueryForm[], cands: IndexedEntry[], threshold: number): ScoredHit[] {
  const hits: ScoredHit[] = [];
  for (const e of cands) {
    const s = scoreEntryReaching(query, forms, e, threshold);
    if (!s || s.score < threshold) continue;
    hits.push({
      ...s,
      versionId: e.versionId,
      source: e.source,
      externalId: e.externalId,
      entryName: e.primaryName,
      entryHash: e.contentHash,
      kind: e.kind,
      referenceNumber: e.referenceNumber,
      programmes: e.programmes,
    });
  }
  // Two lists may use the same id (OFAC's SDN and non-SDN files share uids): the source decides then.
  hits.sort((a, b) => b.score - a.score || a.externalId.localeCompare(b.externalId) || a.source.localeCompare(b.source));
  return hits;
}
