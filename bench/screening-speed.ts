/**
 * Speed of screening against the real lists (UN 2026-02-27, OFAC SDN.CSV, OFAC non-SDN: ~16.6k
 * entries): import time, one-name latency (p50/p95 over mixed queries) and batch throughput, on
 * PGlite (in memory) and on PostgreSQL when DATABASE_URL or TEST_DATABASE_URL is set.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parse } from 'csv-parse/sync';
import { SYSTEM_ACTOR } from '../src/platform/auth/actor.ts';
import { systemClock } from '../src/platform/clock.ts';
import { testConfig } from '../src/platform/config.ts';
import type { Db } from '../src/platform/db/types.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { openPglite } from '../src/platform/db/pglite.ts';
import { openScratchPostgres } from '../src/platform/db/scratch.ts';
import { invalidateMatcher, matchMany } from '../src/screening/matcher.ts';
import { prepareName } from '../src/screening/match/normalize.ts';
import { createScreeningService } from '../src/screening/service.ts';
import type { ScreeningQuery } from '../src/screening/model.ts';
import { createServices } from '../src/modules.ts';

/** The full public files (../shared/data beside the checkout; CUSTODIA_BENCH_DATA when the checkout lives elsewhere, e.g. a git worktree). */
const DATA = resolve(process.env.CUSTODIA_BENCH_DATA ?? resolve(import.meta.dirname, '../../shared/data'));
const FILES = ['un_consolidated_list_2026-02-27.xml', 'ofac_sdn_2024-05-03.csv', 'ofac_consolidated_non_sdn.xml'];
const silent = { info() {}, warn() {}, error() {}, debug() {} };

/** Deterministic pseudo-random numbers so every run screens the same names. */
function rng(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
}

function perturb(name: string, r: () => number): string {
  const tokens = name.split(/\s+/).filter(Boolean);
  const roll = r();
  if (roll < 0.25 && tokens.length > 1) return [...tokens.slice(1), tokens[0]].join(' ');
  if (roll < 0.5 && tokens.length > 2) return tokens.filter((_, i) => i !== 1).join(' ');
  if (roll < 0.75) {
    const i = Math.floor(r() * name.length);
    return name.slice(0, i) + name.slice(i + 1);
  }
  return name.toLowerCase();
}

async function queriesFrom(db: Db, n: number): Promise<ScreeningQuery[]> {
  const r = rng(42);
  const listed = await db.query<{ primary_name: string; kind: string }>('SELECT primary_name, kind FROM screening_entry ORDER BY version_id, external_id');
  const cases = parse(readFileSync(resolve(DATA, 'name_matching/nomenklatura_name_bench_cases.csv')), { columns: true }) as Array<{ name1: string; schema: string }>;
  const out: ScreeningQuery[] = [];
  for (let i = 0; i < n; i++) {
    if (i % 2 === 0) {
      const e = listed[Math.floor(r() * listed.length)];
      out.push({ name: perturb(e.primary_name, r), kind: e.kind === 'individual' ? 'person' : 'organisation' });
    } else {
      const c = cases[Math.floor(r() * cases.length)];
      out.push({ name: c.name1, kind: c.schema === 'Person' ? 'person' : 'organisation' });
    }
  }
  return out;
}

// A forced collection before each heap reading, so the index's size is not hidden in garbage.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heapMiB = () => {
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

/** Batch passes over the query set: one pass is well under a second now, too short to read alone. */
const BATCH_PASSES = 3;

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

async function run(engine: string, db: Db): Promise<string[]> {
  const deps = { db, clock: systemClock, config: testConfig(), log: silent };
  const svc = createServices(deps).screening;
  const lines: string[] = [];
  let entries = 0;
  let t0 = performance.now();
  for (const f of FILES) {
    const r = await svc.importList(SYSTEM_ACTOR, { content: readFileSync(resolve(DATA, 'sanctions', f)), fileName: f });
    entries += r.version.entryCount;
  }
  const [{ names }] = await db.query<{ names: number }>('SELECT count(*)::int AS names FROM screening_entry_name');
  lines.push(`[${engine}] imported ${FILES.length} lists: ${entries} entries, ${names} names in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const queries = await queriesFrom(db, 2000);
  invalidateMatcher(db);
  const heap0 = heapMiB();
  t0 = performance.now();
  await matchMany(db, db, queries.slice(0, 5)); // builds the in-memory index once
  const built = performance.now() - t0;
  const heap1 = heapMiB();
  lines.push(`[${engine}] in-memory index: built in ${(built / 1000).toFixed(1)} s, heap +${(heap1 - heap0).toFixed(1)} MiB`);
  const times: number[] = [];
  let hits = 0;
  for (const q of queries.slice(0, 500)) {
    const s = performance.now();
    const r = await matchMany(db, db, [q]);
    times.push(performance.now() - s);
    hits += r.results[0].length > 0 ? 1 : 0;
  }
  lines.push(`[${engine}] one name (500 queries, half perturbed list names, ${hits} with hits): p50 ${pct(times, 50).toFixed(1)} ms, p95 ${pct(times, 95).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms`);
  const rates: number[] = [];
  for (let pass = 0; pass < BATCH_PASSES; pass++) {
    t0 = performance.now();
    for (let i = 0; i < queries.length; i += 500) await matchMany(db, db, queries.slice(i, i + 500));
    rates.push(queries.length / ((performance.now() - t0) / 1000));
  }
  // Raw baseline in the same run: the least database work a batch screen could do, one exact lookup of
  // each name's normalised form among the list names (GIN trigram index, which serves equality), for the
  // same batches of 500.
  const normalised = queries.map((q) => prepareName(q.name, q.kind ?? 'unknown').tokens.join(' '));
  t0 = performance.now();
  for (let i = 0; i < normalised.length; i += 500) {
    await db.query('SELECT version_id, external_id FROM screening_entry_name WHERE normalized = ANY($1::text[])', [normalised.slice(i, i + 500)]);
  }
  const rawRate = queries.length / ((performance.now() - t0) / 1000);
  lines.push(`[${engine}] raw baseline: exact normalised-name lookup in SQL for the same batches: ${rawRate.toFixed(0)} names/s`);
  lines.push(
    `[${engine}] batch match (${queries.length} names in batches of 500, ${BATCH_PASSES} passes): ${rates.map((r) => r.toFixed(0)).join(' / ')} names/s ` +
      `(${(Math.max(...rates) / rawRate).toFixed(2)}× the raw lookup)`,
  );
  lines.push(`[${engine}] heap held after matching (index and per-name comparison data): +${(heapMiB() - heap0).toFixed(1)} MiB`);
  t0 = performance.now();
  const parties = queries.slice(0, 1000).map((q, i) => ({ partyRef: `bench-${i}`, name: q.name, kind: q.kind }));
  await svc.screenParties(SYSTEM_ACTOR, { parties, purpose: 'bench' });
  const secs2 = (performance.now() - t0) / 1000;
  lines.push(`[${engine}] batch screenParties with runs, hits and audit recorded (1000 parties): ${(1000 / secs2).toFixed(0)} parties/s`);
  return lines;
}

export async function speedBench(): Promise<void> {
  const pg = await openPglite(undefined);
  await migrate(pg);
  console.log((await run('pglite', pg)).join('\n'));
  await pg.close();
  const url = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (url) {
    const scratch = await openScratchPostgres(url, 'custodia_bench_screening', 4);
    try {
      console.log((await run('postgres', scratch.db)).join('\n'));
    } finally {
      await scratch.close();
    }
  }
}

/**
 * False alarms on ordinary names: every given × family name of the demonstration registry (fictional,
 * Spanish, English, French and other common names) screened against the three lists without a kind and
 * as persons; how many names get a hit, and how many only through the consonant skeleton of an alias
 * written in an abjad (Arabic script: a Latin "Sofía Moreau" against سيفي عماري). Then the UN list's own
 * entity names and aliases screened as written without a kind (each must find its entity).
 */
export async function ordinaryNamesBench(): Promise<string[]> {
  const { GIVEN_NAMES, FAMILY_NAMES } = await import('../src/registry/demo/catalogue.ts');
  const { parseList } = await import('../src/screening/parse/index.ts');
  const db = await openPglite(undefined);
  await migrate(db);
  const deps = { db, clock: systemClock, config: testConfig(), log: silent };
  const svc = createServices(deps).screening;
  for (const f of FILES) await svc.importList(SYSTEM_ACTOR, { content: readFileSync(resolve(DATA, 'sanctions', f)), fileName: f });
  const names = GIVEN_NAMES.flatMap((g) => FAMILY_NAMES.map((f) => `${g} ${f}`));
  const lines: string[] = [];
  for (const kind of [undefined, 'person'] as const) {
    const { results } = await matchMany(db, db, names.map((name) => ({ name, kind })));
    const withHits = results.filter((hs) => hs.length > 0).length;
    const skeletonOnly = results.filter((hs) => hs.length > 0 && hs.every((h) => prepareName(h.matchedName).abjad && h.pairs.some((p) => p.how === 'skeleton'))).length;
    const oneTokenAlias = results.filter((hs) => hs.length > 0 && hs.every((h) => prepareName(h.matchedName, 'person').tokens.length === 1)).length;
    lines.push(
      `ordinary names (${names.length} demo given × family names) ${kind ? 'as persons' : 'without a kind'}: ${withHits} with a hit; ` +
        `${skeletonOnly} only through an abjad alias's consonant skeleton, ${oneTokenAlias} only through a one-word alias`,
    );
  }
  const un = await parseList(readFileSync(resolve(DATA, 'sanctions', FILES[0])));
  const entityNames = un.entries.filter((e) => e.kind === 'entity').flatMap((e) => e.names.map((n) => ({ id: e.externalId, name: n.name })));
  const { results } = await matchMany(db, db, entityNames.map((x) => ({ name: x.name })));
  const found = entityNames.filter((x, i) => results[i].some((h) => h.externalId === x.id)).length;
  lines.push(`UN entity names and aliases screened as written without a kind: ${found} / ${entityNames.length} find their entity`);
  await db.close();
  return lines;
}
