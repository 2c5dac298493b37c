import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../platform/auth/actor.ts';
import type { Db } from '../platform/db/types.ts';
import { describeEngines } from '../../test/support/engines.ts';
import { createTestDeps, type TestDeps } from '../../test/support/deps.ts';
import { prepareName } from './match/normalize.ts';
import { MAX_CANDIDATES, matchMany, matcherIndex, type KeySelection, type MatcherIndex } from './matcher.ts';
import { MATCH_THRESHOLD, entryKeys, nameKindOf, queryFormKeys, queryForms, scoreQuery, type ScreeningQuery } from './model.ts';
import type { ListEntry } from './parse/types.ts';
import { createScreeningService } from './service.ts';
import { createServices } from '../modules.ts';

const DATA = resolve(import.meta.dirname, '../../test/fixtures');
const read = (f: string) => readFileSync(resolve(DATA, 'sanctions', f));

function rng(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
}

/** Listed names as parties write them (reordered, a token or a letter missing, lower case, with a
 *  country or date of birth), and names from the labelled bench that are mostly not listed. */
async function sampleQueries(db: Db): Promise<ScreeningQuery[]> {
  const r = rng(5);
  const listed = await db.query<{ primary_name: string; kind: string; countries: string[] }>(
    'SELECT primary_name, kind, countries FROM screening_entry ORDER BY external_id',
  );
  const out: ScreeningQuery[] = [];
  for (let n = 0; n < 250; n++) {
    const e = listed[Math.floor(r() * listed.length)];
    const t = e.primary_name.split(/\s+/);
    const i = Math.floor(r() * e.primary_name.length);
    const name = [
      [...t.slice(1), t[0]].join(' '),
      t.filter((_, k) => k !== 1).join(' '),
      e.primary_name.slice(0, i) + e.primary_name.slice(i + 1),
      e.primary_name.toLowerCase(),
    ][n % 4];
    const kind = n % 5 === 0 ? undefined : e.kind === 'individual' ? 'person' : 'organisation';
    out.push({ name, kind, country: n % 3 === 0 ? (e.countries[0] ?? 'FR') : null, dob: n % 7 === 0 ? '1965-01-01' : null });
  }
  const bench = parse(readFileSync(resolve(DATA, 'name-matching/nomenklatura_name_bench_cases.csv')), { columns: true }) as Array<{ name1: string; schema: string }>;
  for (let n = 0; n < 150; n++) {
    const c = bench[Math.floor(r() * bench.length)];
    out.push({ name: c.name1, kind: c.schema === 'Person' ? 'person' : 'organisation' });
  }
  return out;
}

const id = (e: { versionId: string; externalId: string }) => `${e.versionId}:${e.externalId}`;

describeEngines('matcher: in-memory candidates and batch screening', (engine) => {
  let deps: TestDeps;
  let queries: ScreeningQuery[];
  let index: MatcherIndex;

  beforeAll(async () => {
    deps = await createTestDeps(engine);
    await createServices(deps).screening.importList(SYSTEM_ACTOR, { content: read('un_consolidated_list_2024-09-26.xml'), fileName: 'un_consolidated_list_2024-09-26.xml' });
    queries = await sampleQueries(deps.db);
    index = await matcherIndex(deps.db, deps.db);
  }, 180_000);
  afterAll(async () => {
    await deps?.close();
  });

  /**
   * The reference the in-memory index is checked against: every entry of the active versions scanned,
   * its keys derived afresh from the stored entry (all names, not the de-duplicated ones), the weights
   * of the name's keys it has summed, ranked by weight, then external id, then version id.
   */
  async function scannedCandidates(selections: KeySelection[]): Promise<string[][]> {
    const rows = await deps.db.query<{ version_id: string; external_id: string; data: ListEntry }>(
      'SELECT version_id, external_id, data FROM screening_entry WHERE version_id = ANY($1::uuid[])',
      [index.versionIds],
    );
    const entries = rows.map((r) => ({
      id: `${r.version_id}:${r.external_id}`,
      versionId: r.version_id,
      externalId: r.external_id,
      keys: entryKeys(r.data.names.map((n) => ({ prepared: prepareName(n.name, nameKindOf(r.data.kind)) })), r.data.documents),
    }));
    return selections.map((sel) => {
      const found: Array<{ e: (typeof entries)[number]; w: number }> = [];
      for (const e of entries) {
        let w = 0;
        sel.keys.forEach((k, j) => {
          if (e.keys.has(k)) w += sel.weights[j];
        });
        if (w > 0 && w >= sel.floor) found.push({ e, w });
      }
      const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
      found.sort((a, b) => b.w - a.w || cmp(a.e.externalId, b.e.externalId) || cmp(a.e.versionId, b.e.versionId));
      return found.slice(0, MAX_CANDIDATES).map((f) => f.e.id);
    });
  }

  const selectionOf = (q: ScreeningQuery) => {
    const forms = queryForms(q);
    return index.selectKeys(queryFormKeys(q, forms), forms[0].prepared);
  };

  it('finds the same candidates, in the same order, as a scan of every entry', async () => {
    const selections = queries.map(selectionOf);
    const inMemory = selections.map((s) => index.candidates(s).map(id));
    expect(inMemory).toEqual(await scannedCandidates(selections));
    expect(inMemory.filter((c) => c.length > 0).length).toBeGreaterThan(250);
  });

  it('returns the same hits as scoring every scanned candidate in full, without bounds', async () => {
    const { results } = await matchMany(deps.db, deps.db, queries);
    const scanned = await scannedCandidates(queries.map(selectionOf));
    const expected = queries.map((q, i) =>
      scanned[i]
        .map((key) => {
          const [versionId, externalId] = [key.slice(0, 36), key.slice(37)];
          const s = scoreQuery(q, queryForms(q), index.entry(versionId, externalId)!);
          return { key, score: s.score, matchedName: s.matchedName };
        })
        .filter((h) => h.score >= MATCH_THRESHOLD),
    );
    const byKey = (a: { key: string }, b: { key: string }) => a.key.localeCompare(b.key);
    expect(results.map((hs) => hs.map((h) => ({ key: id(h), score: h.score, matchedName: h.matchedName })).sort(byKey))).toEqual(expected.map((hs) => hs.sort(byKey)));
    expect(results.filter((hs) => hs.length > 0).length).toBeGreaterThan(150);
  });

  it('screens a batch with the same hits, scores and explanations as one name at a time', async () => {
    const batch = (await matchMany(deps.db, deps.db, queries)).results;
    for (let i = 0; i < queries.length; i++) {
      // A single name that no key finds falls back to trigram similarity; a batch does not.
      if (index.candidates(selectionOf(queries[i])).length === 0) continue;
      const single = (await matchMany(deps.db, deps.db, [queries[i]])).results[0];
      expect(single, queries[i].name).toEqual(batch[i]);
    }
  });

  it('uses a list version activated by another process from its commit on', async () => {
    // Another server process on the same database has its own cache: a wrapper object stands for it.
    const db = deps.db;
    const other: Db = {
      engine: db.engine, description: 'another process',
      query: (text, params) => db.query(text, params), exec: (script) => db.exec(script),
      transaction: (fn) => db.transaction(fn), listen: (c, n, l) => db.listen(c, n, l), close: async () => {},
    };
    const before = await matchMany(other, other, [{ name: 'nobody in particular' }]);
    expect(before.versions.map((v) => v.id)).toEqual(index.versionIds);
    const svc = createServices(deps).screening;
    const imported = await svc.importList(SYSTEM_ACTOR, { content: read('un_consolidated_list_2026-02-27.xml'), fileName: 'un_consolidated_list_2026-02-27.xml' });
    const added = (await svc.diff(SYSTEM_ACTOR, index.versionIds[0], imported.version.id)).added[0];
    const after = await matchMany(other, other, [{ name: added.name }]);
    expect(after.versions.map((v) => v.id)).toEqual([imported.version.id]);
    expect(after.results[0].map((h) => h.externalId)).toContain(added.externalId);
  }, 120_000);
});
