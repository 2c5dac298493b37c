/**
 * What a GIN pending list costs the partial serial search (`npx tsx bench/gin-pending.ts MODE [N] [START]
 * [--url URL]`), on a kept bench database of 10M items (`bench/lookup.ts --items 10000000 --keep
 * --bulk-load --load-only`; URL defaults to its `bench_lookup_10000000`):
 *  - `add N START`: N more items (bench rows START…START+N-1) in INSERTs of 1,000 with every index in
 *    place, as registrations arrive; prints the time and the serial trigram index's pending list;
 *  - `measure`: the partial search of bench/lookup.ts's 200 patterns through the registry store's searchItems,
 *    twice, p50/p95/max, and the pending list; a one-trigram pattern always through its fills (as before
 *    2026-12-06: the case a pending list costs most, read once per fill; the route now often searches it
 *    alone, bench/partial-fills.ts);
 *  - `clean`: gin_clean_pending_list on the index, then `measure`;
 *  - `remove N`: the N items `add` wrote from 10,000,000 (the kept database must hold exactly 10M again
 *    for bench/lookup.ts; VACUUM the table after).
 * Needs the pgstattuple extension (PostgreSQL contrib). Timings never fail anything.
 */
import { openPostgres } from '../src/platform/db/postgres.ts';
import { insertItemsRaw } from '../src/registry/import/store.ts';
import { normaliseSerial } from '../src/registry/model.ts';
import { requireSearchablePattern } from '../src/registry/checks.ts';
import { searchItems } from '../src/registry/store.ts';
import { itemRow, percentile, row } from './support/registry-data.ts';

const argv = process.argv.slice(2);
const urlAt = argv.indexOf('--url');
const url = urlAt >= 0 ? argv.splice(urlAt, 2)[1] : 'postgres://root@127.0.0.1:5432/bench_lookup_10000000';
const [mode, nArg, startArg] = argv;
const db = await openPostgres(url);
await db.exec('CREATE EXTENSION IF NOT EXISTS pgstattuple');
const pending = async () => (await db.query<{ pending_pages: number; pending_tuples: string }>("SELECT pending_pages, pending_tuples FROM pgstatginindex('registry_items_serial_trgm')"))[0];

if (mode === 'add') {
  const n = Number(nArg);
  const start = Number(startArg ?? 10_000_000);
  const now = new Date();
  const t = performance.now();
  for (let i = start; i < start + n; i += 1000) await insertItemsRaw(db, Array.from({ length: Math.min(1000, start + n - i) }, (_, k) => itemRow(i + k, now)));
  console.log(`added ${n} items (rows ${start}…) in ${(performance.now() - t).toFixed(0)} ms; pending list`, await pending());
} else if (mode === 'remove') {
  const keys = Array.from({ length: Number(nArg) }, (_, k) => itemRow(10_000_000 + k, new Date()).import_key);
  const removed = await db.query('DELETE FROM registry_items WHERE import_key = ANY($1::text[]) RETURNING 1', [keys]);
  console.log(`removed ${removed.length} items; VACUUM registry_items now`);
} else if (mode === 'measure' || mode === 'clean') {
  if (mode === 'clean') {
    const t = performance.now();
    await db.query("SELECT gin_clean_pending_list('registry_items_serial_trgm'::regclass)");
    console.log(`gin_clean_pending_list: ${(performance.now() - t).toFixed(0)} ms`);
  }
  console.log('pending list', await pending());
  // bench/lookup.ts's partial patterns: a fragment with one unknown character, or two around a gap.
  const patterns: string[] = [];
  for (let i = 0; patterns.length < 200; i++) {
    const s = normaliseSerial(row(i + 5000).serial);
    patterns.push(i % 2 === 0 ? `${s.slice(3, 5)}?${s.slice(6, 9)}` : `${s.slice(2, 5)}*${s.slice(7, 10)}`);
  }
  for (let round = 0; round < 2; round++) {
    const times: number[] = [];
    for (const pattern of patterns) {
      const t = performance.now();
      const searchable = requireSearchablePattern(pattern);
      await searchItems(db, { serialLike: searchable.like, serialFills: searchable.fills }, { key: 'registeredAt', desc: false, limit: 50 });
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    console.log(`partial search, ${patterns.length} patterns in SQL, round ${round + 1}: p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms, max ${times[times.length - 1].toFixed(1)} ms`);
  }
} else {
  console.error('usage: gin-pending.ts add N START | measure | clean | remove N [--url URL]');
  process.exitCode = 2;
}
await db.close();
