/**
 * Plain pattern or fills, for partial serials with one trigram (`npx tsx bench/partial-fills.ts --url URL
 * [--patterns N] [--runs K] [--max-share S] [--max C]`), on a registry already loaded (a `bench/lookup.ts --keep` or
 * `bench/tracing.ts --pg-base` database; URL names it).
 *
 * Draws N patterns from the registry's own serials, each of the form "ab?cde" or "abc?de" at a random place
 * (one trigram for the index, so model.partialSerialPattern gives it fills), and for each runs the item
 * search's statement (store searchItems, first page of 50 by registration order, with its count) two ways:
 * through its 36 fills, and as its only fill (the pattern itself, its matches read once: what a search that
 * finds the trigram rare runs). Each is timed first on its first run ("first": the rows the trigram gives are
 * then mostly outside PostgreSQL's buffers — read from the OS cache, on this machine's 128 MB shared_buffers —
 * as for an officer's new pattern), then as the median of K more runs ("again": in the buffers); the
 * fills run first, as they read few of the rows the plain pattern reads. Checks both give the same count and
 * page, then counts the serials holding the trigram. Prints per pattern, the medians by how many serials hold
 * the trigram (where the plain pattern stops paying: model.PLAIN_PATTERN_LIMIT), and the p50/p95 of always the
 * fills (main before this bench), always the pattern alone, and the choice context.searchFills makes (with its
 * sample's estimate) under the limits given (model.PLAIN_PATTERN_LIMIT unless `--max-share`, `--max`).
 * Timings never fail anything.
 */
import { systemClock } from '../src/platform/clock.ts';
import { testConfig } from '../src/platform/config.ts';
import { openPostgres } from '../src/platform/db/postgres.ts';
import type { Deps } from '../src/platform/deps.ts';
import { createContext, searchFills } from '../src/registry/context.ts';
import { PLAIN_PATTERN_LIMIT, partialSerialPattern, serialTrigramCounts, type SerialPattern } from '../src/registry/model.ts';
import { itemTablePages, sampleItemSerials, searchItems } from '../src/registry/store-items.ts';
import { rng } from './support/tracing-data.ts';

const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const url = opt('--url', '');
if (!url) throw new Error('--url postgres://… names the loaded registry');
const n = Number(opt('--patterns', '120'));
const runs = Number(opt('--runs', '3'));
const limit = { share: Number(opt('--max-share', String(PLAIN_PATTERN_LIMIT.share))), candidates: Number(opt('--max', String(PLAIN_PATTERN_LIMIT.candidates))) };

const log = (s: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${s}\n`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

const db = await openPostgres(url, 2);
try {
  const [{ jit }] = await db.query<{ jit: string }>('SHOW jit');
  // Patterns from serials drawn with the same kind of sample the search uses (a few pages at random).
  const pages = await itemTablePages(db);
  const serials = await sampleItemSerials(db, Math.min(100, (100 * 200) / Math.max(pages, 1)));
  const pick = rng(1616);
  const patterns: { text: string; p: SerialPattern }[] = [];
  for (let tries = 0; patterns.length < n && tries < n * 50; tries++) {
    const s = serials[Math.floor(pick() * serials.length)];
    if (!s || s.length < 6) continue;
    const at = Math.floor(pick() * (s.length - 5));
    const w = s.slice(at, at + 6);
    const text = pick() < 0.5 ? `${w.slice(0, 2)}?${w.slice(3)}` : `${w.slice(0, 3)}?${w.slice(4)}`;
    const p = partialSerialPattern(text);
    if (p.trigram && p.fills && !patterns.some((x) => x.text === text)) patterns.push({ text, p });
  }
  const deps = { db, clock: systemClock, config: testConfig({}), log: { info() {}, warn() {}, error() {}, debug() {} } } as Deps;
  const ctx = createContext(deps, { plainPatternLimit: limit });
  let t = performance.now();
  await searchFills(ctx, db, [patterns[0].p]);
  const sampleMs = performance.now() - t;
  const sample = ctx.serialSample.current!;
  log(`${pages} pages; the search's sample: ${(sample.fraction * 100).toFixed(3)}% of pages, read in ${sampleMs.toFixed(0)} ms; jit ${jit}; ${patterns.length} patterns`);

  const sort = { key: 'registeredAt' as const, desc: false, limit: 50 };
  const time = async (like: string, fills: readonly string[]) => {
    t = performance.now();
    const r = await searchItems(db, { serialLike: like, serialFills: fills }, sort);
    const first = performance.now() - t;
    const ms: number[] = [];
    for (let k = 0; k < runs; k++) {
      t = performance.now();
      await searchItems(db, { serialLike: like, serialFills: fills }, sort);
      ms.push(performance.now() - t);
    }
    return { first, again: median(ms), total: r.total, ids: r.rows.map((x) => x.id).join() };
  };
  type Row = { text: string; trigram: string; holding: number; estimate: number; matches: number; once: { first: number; again: number }; fills: { first: number; again: number }; chosen: 'once' | 'fills' };
  const rows: Row[] = [];
  for (const { text, p } of patterns) {
    const fills = await time(p.like, p.fills!);
    const once = await time(p.like, [p.like]);
    if (once.total !== fills.total || once.ids !== fills.ids) throw new Error(`${text}: the pattern and its fills found different items (${once.total} / ${fills.total})`);
    const [{ holding }] = await db.query<{ holding: number }>("SELECT count(*)::int8 AS holding FROM registry_items WHERE serial_norm LIKE '%' || $1 || '%'", [p.trigram]);
    const [chosen] = await searchFills(ctx, db, [p]);
    rows.push({ text, trigram: p.trigram!, holding: Number(holding), estimate: Math.round((sample.counts.get(p.trigram!) ?? 0) / sample.fraction), matches: once.total, once, fills, chosen: chosen === p.fills ? 'fills' : 'once' });
  }
  rows.sort((a, b) => a.holding - b.holding);
  const f = (x: number) => x.toFixed(1);
  console.log('| pattern | trigram | serials holding it | sample estimate | matches | alone first ms | fills first ms | alone again ms | fills again ms | choice |\n|---|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) console.log(`| \`${r.text}\` | ${r.trigram} | ${r.holding} | ${r.estimate} | ${r.matches} | ${f(r.once.first)} | ${f(r.fills.first)} | ${f(r.once.again)} | ${f(r.fills.again)} | ${r.chosen === 'once' ? 'alone' : 'fills'} |`);
  const bands = [0, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000, 100_000, Infinity];
  console.log('\n| serials holding the trigram | patterns | alone first | fills first | alone again | fills again | (medians, ms) |\n|---|---|---|---|---|---|---|');
  for (let b = 0; b + 1 < bands.length; b++) {
    const inBand = rows.filter((r) => r.holding >= bands[b] && r.holding < bands[b + 1]);
    const m = (get: (r: Row) => number) => f(median(inBand.map(get)));
    if (inBand.length) console.log(`| ${bands[b]}–${bands[b + 1]} | ${inBand.length} | ${m((r) => r.once.first)} | ${m((r) => r.fills.first)} | ${m((r) => r.once.again)} | ${m((r) => r.fills.again)} | |`);
  }
  const line = (name: string, xs: number[]) => `| ${name} | ${f(pct(xs, 50))} | ${f(pct(xs, 95))} | ${f(Math.max(...xs))} |`;
  for (const run of ['first', 'again'] as const) {
    console.log(`\n| one-trigram patterns (${rows.length}), ${run} run | p50 ms | p95 ms | max ms |\n|---|---|---|---|`);
    console.log(line('always the fills (main)', rows.map((r) => r.fills[run])));
    console.log(line('always the pattern alone', rows.map((r) => r.once[run])));
    console.log(line(`searchFills (share ≤ ${limit.share}, ≤ ${limit.candidates})`, rows.map((r) => r[r.chosen][run])));
    console.log(line('the faster of the two, per pattern', rows.map((r) => Math.min(r.once[run], r.fills[run]))));
  }
  const serialCount = sample.serials / sample.fraction;
  const over = (h: number) => h > limit.candidates || h > limit.share * serialCount;
  const wrong = rows.filter((r) => over(r.holding) !== over(r.estimate)).length;
  log(`the sample put ${wrong} of ${rows.length} trigrams on the other side of the limit than their true count would`);
} finally {
  await db.close();
}
