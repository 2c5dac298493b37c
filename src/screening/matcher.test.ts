import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../platform/auth/actor.ts';
import type { Db } from '../platform/db/types.ts';
import { describeEngines } from '../../test/support/engines.ts';
import { createTestDeps, type TestDeps } from '../../test/support/deps.ts';
import { prepareName } from './match/normalize.ts';
import { MAX_CANDIDATES, matchMany, matcherIndex, type MatcherIndex } from './matcher.ts';
import { MATCH_THRESHOLD, queryKeys, scoreEntry, type ScreeningQuery } from './model.ts';
import { createScreeningService } from './service.ts';
import * as store from './store.ts';

const DATA = resolve(import.meta.dirname, '../../../shared/data');
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
  const bench = parse(readFileSync(resolve(DATA, 'name_matching/nomenklatura_name_bench_cases.csv')), { columns: true }) as Array<{ name1: string; schema: string }>;
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
    await createScreeningService(deps).importList(SYSTEM_ACTOR, { content: read('un_consolidated_list_2024-09-26.xml'), fileName: 'un_consolidated_list_2024-09-26.xml' });
    queries = await sampleQueries(deps.db);
    index = await matcherIndex(deps.db, deps.db);
  }, 180_000);
  afterAll(async () => {
    await deps?.close();
  });

  it('finds the same candidates as the SQL key query over screening_name_key', async () => {
    const selections = queries.map((q) => {
      const p = prepareName(q.name, q.kind ?? 'unknown');
      return index.selectKeys(queryKeys(q, p), p);
    });
    const rows = await store.candidates(deps.db, selections.map((s, i) => ({ i, ...s })), index.versionIds, MAX_CANDIDATES);
    const fromSql = queries.map(() => [] as string[]);
    for (const row of rows) fromSql[row.i].push(`${row.version_id}:${row.external_id}`);
    const inMemory = selections.map((s) => index.candidates(s).map(id));
    expect(inMemory.map((c) => [...c].sort())).toEqual(fromSql.map((c) => c.sort()));
    expect(inMemory.filter((c) => c.length > 0).length).toBeGreaterThan(250);
  });

  it('returns the same hits as scoring every SQL candidate in full, without bounds', async () => {
    const { results } = await matchMany(deps.db, deps.db, queries);
    const rows = await store.candidates(
      deps.db,
      queries.map((q, i) => {
        const p = prepareName(q.name, q.kind ?? 'unknown');
        return { i, ...index.selectKeys(queryKeys(q, p), p) };
      }),
      index.versionIds,
      MAX_CANDIDATES,
    );
    const expected = queries.map(() => [] as Array<{ key: string; score: number; matchedName: string }>);
    for (const row of rows) {
      const q = queries[row.i];
      const s = scoreEntry(q, prepareName(q.name, q.kind ?? 'unknown'), index.entry(row.version_id, row.external_id)!);
      if (s.score >= MATCH_THRESHOLD) expected[row.i].push({ key: `${row.version_id}:${row.external_id}`, score: s.score, matchedName: s.matchedName });
    }
    const byKey = (a: { key: string }, b: { key: string }) => a.key.localeCompare(b.key);
    expect(results.map((hs) => hs.map((h) => ({ key: id(h), score: h.score, matchedName: h.matchedName })).sort(byKey))).toEqual(expected.map((hs) => hs.sort(byKey)));
    expect(results.filter((hs) => hs.length > 0).length).toBeGreaterThan(150);
  });

  it('screens a batch with the same hits, scores and explanations as one name at a time', async () => {
    const batch = (await matchMany(deps.db, deps.db, queries)).results;
    for (let i = 0; i < queries.length; i++) {
      const p = prepareName(queries[i].name, queries[i].kind ?? 'unknown');
      // A single name that no key finds falls back to trigram similarity; a batch does not.
      if (index.candidates(index.selectKeys(queryKeys(queries[i], p), p)).length === 0) continue;
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
      transaction: (fn) => db.transaction(fn), close: async () => {},
    };
    const before = await matchMany(other, other, [{ name: 'nobody in particular' }]);
    expect(before.versions.map((v) => v.id)).toEqual(index.versionIds);
    const svc = createScreeningService(deps);
    const imported = await svc.importList(SYSTEM_ACTOR, { content: read('un_consolidated_list_2026-02-27.xml'), fileName: 'un_consolidated_list_2026-02-27.xml' });
    const added = (await svc.diff(SYSTEM_ACTOR, index.versionIds[0], imported.version.id)).added[0];
    const after = await matchMany(other, other, [{ name: added.name }]);
    expect(after.versions.map((v) => v.id)).toEqual([imported.version.id]);
    expect(after.results[0].map((h) => h.externalId)).toContain(added.externalId);
  }, 120_000);
});
