import type { Db, Queryable } from '../platform/db/types.ts';
import { prepareName, type PreparedName } from './match/normalize.ts';
import {
  MATCH_THRESHOLD, birthYearsOf, nameKeys, nameKindOf, normaliseIdentifier, queryKeys, scoreEntry,
  type EntryScore, type IndexedEntry, type ScreeningQuery,
} from './model.ts';
import * as store from './store.ts';

/**
 * Candidates come from the database (the key index `screening_name_key`, and pg_trgm on normalised
 * names when the keys find too few); scoring runs in code against a per-process cache of the active
 * versions' entries, reloaded whenever the set of active versions changes.
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
const MAX_CANDIDATES = 40;
/** Keys shared by more entries than this ("mohammed", "trading") find too much to be worth asking for. */
const MAX_KEY_FREQUENCY = 400;
const MIN_SHARED_WEIGHT = 0.25;

class MatcherIndex {
  readonly entries = new Map<string, IndexedEntry>();
  readonly keyFrequency = new Map<string, number>();
  constructor(readonly versions: VersionRef[]) {}

  get versionIds(): string[] {
    return this.versions.map((v) => v.id);
  }

  /**
   * The keys worth asking the database for, each with its rarity weight (inverse document frequency).
   * Skeleton keys serve names written in abjads and Korean-folded keys names written in Hangul only;
   * keys too common to discriminate are dropped, keeping the two rarest when all are common.
   */
  selectKeys(keys: string[], prepared: PreparedName): { keys: string[]; weights: number[] } {
    const known = keys.filter((k) => {
      if (!this.keyFrequency.has(k)) return false;
      if (k.startsWith('s:')) return prepared.abjad;
      if (k.startsWith('k:')) return prepared.hangul;
      return true;
    });
    let chosen = known.filter((k) => k.startsWith('id:') || (this.keyFrequency.get(k) ?? 0) <= MAX_KEY_FREQUENCY);
    if (chosen.length === 0) chosen = known.sort((a, b) => (this.keyFrequency.get(a) ?? 0) - (this.keyFrequency.get(b) ?? 0)).slice(0, 2);
    const n = this.entries.size;
    return { keys: chosen, weights: chosen.map((k) => (k.startsWith('id:') ? 20 : Math.log(1 + n / (this.keyFrequency.get(k) ?? 1)))) };
  }
}

const cache = new WeakMap<Db, { signature: string; index: Promise<MatcherIndex>; checkedAt: number }>();
/**
 * How long the set of active versions is trusted before asking the database again. An import in this
 * process invalidates at once; one in another process (PostgreSQL deployments) is seen within this
 * time, and every result names the versions it actually used.
 */
const VERSION_CHECK_MS = 2000;

/** Forgets the cached index (called after an import). */
export function invalidateMatcher(db: Db): void {
  cache.delete(db);
}

async function buildIndex(q: Queryable, versions: store.VersionRow[]): Promise<MatcherIndex> {
  const index = new MatcherIndex(versions.map((v) => ({ id: v.id, source: v.source, publishedOn: v.published_on })));
  for (const v of versions) {
    const rows = await store.entriesOfVersion(q, v.id);
    for (const row of rows) {
      const e = row.data;
      const kind = nameKindOf(e.kind);
      const names = e.names.map((n) => ({ name: n.name, quality: n.quality, prepared: prepareName(n.name, kind) }));
      const keys = new Set<string>();
      for (const n of names) for (const k of nameKeys(n.prepared)) keys.add(k);
      for (const d of e.documents) {
        const n = normaliseIdentifier(d.number);
        if (n.length >= 5) keys.add(`id:${n}`);
      }
      for (const k of keys) index.keyFrequency.set(k, (index.keyFrequency.get(k) ?? 0) + 1);
      index.entries.set(`${v.id}:${e.externalId}`, {
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
  return index;
}

/** The index of the active versions as `q` sees them (pass the transaction when inside one). */
export async function matcherIndex(db: Db, q: Queryable): Promise<MatcherIndex> {
  const cached = cache.get(db);
  if (cached && Date.now() - cached.checkedAt < VERSION_CHECK_MS) return cached.index;
  const versions = await store.activeVersions(q);
  const signature = versions.map((v) => v.id).join(',');
  if (cached && cached.signature === signature) {
    cached.checkedAt = Date.now();
    return cached.index;
  }
  const index = buildIndex(q, versions);
  cache.set(db, { signature, index, checkedAt: Date.now() });
  try {
    return await index;
  } catch (err) {
    cache.delete(db);
    throw err;
  }
}

/** Screens many names in one round trip for candidates; returns the hits at or above the threshold per name. */
export async function matchMany(db: Db, q: Queryable, queries: ScreeningQuery[], threshold = MATCH_THRESHOLD): Promise<{ versions: VersionRef[]; results: ScoredHit[][] }> {
  const index = await matcherIndex(db, q);
  const prepared = queries.map((x) => prepareName(x.name, x.kind ?? 'unknown'));
  // An entry sharing less than a quarter of the name's key weight cannot align most of its tokens.
  const keysets = queries.map((x, i) => {
    const k = index.selectKeys(queryKeys(x, prepared[i]), prepared[i]);
    return { i, ...k, floor: MIN_SHARED_WEIGHT * k.weights.reduce((a, b) => a + b, 0) };
  });
  const rows = await store.candidates(q, keysets, index.versionIds, MAX_CANDIDATES);
  const perQuery: string[][] = queries.map(() => []);
  for (const r of rows) perQuery[r.i].push(`${r.version_id}:${r.external_id}`);
  const results: ScoredHit[][] = [];
  for (let i = 0; i < queries.length; i++) {
    let cands = perQuery[i];
    // A name none of whose keys is known (every token misspelt) falls back to trigram similarity.
    if (cands.length === 0 && queries.length === 1) {
      const fallback = (tx: Queryable) => store.trigramCandidates(tx, prepared[i].tokens.join(' '), index.versionIds, MAX_CANDIDATES);
      // The fallback sets a planner option local to a transaction: open one when called outside any.
      const tri = q === db ? await db.transaction(fallback) : await fallback(q);
      cands = tri.map((t) => `${t.version_id}:${t.external_id}`);
    }
    const hits: ScoredHit[] = [];
    for (const key of cands) {
      const e = index.entries.get(key);
      if (!e) continue;
      const s = scoreEntry(queries[i], prepared[i], e);
      if (s.score < threshold) continue;
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
    hits.sort((a, b) => b.score - a.score || a.externalId.localeCompare(b.externalId));
    results.push(hits);
  }
  return { versions: index.versions, results };
}
