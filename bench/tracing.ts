/**
 * Tracing benchmark (`npm run bench -- --only tracing [--items N] [--checks K] [--recovered M] [--engine pglite|postgres|both]`).
 *
 * Per engine, on a fresh database holding N registry items (default 1,000,000) whose serials are random per
 * item (no digit blocks shared across makes, unlike the demo data):
 *  1. ranked check of a recovered item with two obliterated serial characters, make and calibre known
 *     (the registry's rankPartialSerial through its service, as the tracing check calls it), K samples:
 *     p50, p95, how often the true item ranks first, the mean count of matches; and the same pattern's
 *     bare LIKE query (the raw database work) for the ratio;
 *  2. a CSV seizure list of M recovered items (default 10,000; half naming registry serials, half with removed
 *     marks, so registered) through the tracing import, one transaction: seconds and items/s; and the raw
 *     INSERT of the same recovered_items rows for the ratio.
 * Figures are printed as a Markdown table for BENCHMARKS.md. Timings never fail anything.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { SYSTEM_ACTOR, type Actor } from '../src/platform/auth/actor.ts';
import { systemClock } from '../src/platform/clock.ts';
import { testConfig } from '../src/platform/config.ts';
import { loadNodeKeys } from '../src/platform/crypto/keys.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { openPglite } from '../src/platform/db/pglite.ts';
import { openScratchPostgres } from '../src/platform/db/scratch.ts';
import type { Db, Engine } from '../src/platform/db/types.ts';
import type { Deps } from '../src/platform/deps.ts';
import { uuidv7 } from '../src/platform/ids.ts';
import { normaliseSerial, partialSerialPattern } from '../src/registry/model.ts';
import { insertItemsRaw } from '../src/registry/import/store.ts';
import { createRegistryService } from '../src/registry/service.ts';
import type { ItemRow } from '../src/registry/store.ts';
import { createTracingService } from '../src/tracing/service.ts';
import * as tracingStore from '../src/tracing/store.ts';

interface Args {
  items: number;
  checks: number;
  recovered: number;
  engines: Engine[];
}

function parseArgs(argv: string[]): Args {
  const a: Args = { items: 1_000_000, checks: 300, recovered: 10_000, engines: ['pglite', 'postgres'] };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--items') a.items = Number(argv[++i]);
    else if (argv[i] === '--checks') a.checks = Number(argv[++i]);
    else if (argv[i] === '--recovered') a.recovered = Number(argv[++i]);
    else if (argv[i] === '--engine') a.engines = argv[++i] === 'both' ? ['pglite', 'postgres'] : [argv[i] as Engine];
  }
  if (!Number.isInteger(a.items) || a.items < 1000) throw new Error('--items must be an integer ≥ 1000');
  return a;
}

const MAKES = ['Glock', 'Beretta', 'CZ', 'Remington', 'Ruger', 'Smith & Wesson', 'Tikka', 'Benelli', 'Taurus', 'SIG Sauer', 'Walther', 'Heckler & Koch'];
const CALIBRES = ['9x19mm', '.45 ACP', '12/76', '.22 LR', '.357 Magnum', '.308 Win', '7.62x39mm', '5.56x45mm'];
const ALPHABET = '0123456789ABCDEFGHJKLMNPRSTUVWXYZ';

/** A seeded generator (mulberry32): the same data set on every run. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Item i: make and calibre drawn independently, a random 9-character serial (unique: the index is mixed in). */
function item(i: number, rand: () => number) {
  const make = MAKES[Math.floor(rand() * MAKES.length)];
  const calibre = CALIBRES[Math.floor(rand() * CALIBRES.length)];
  let serial = '';
  for (let k = 0; k < 6; k++) serial += ALPHABET[Math.floor(rand() * ALPHABET.length)];
  // Three characters from the index make every serial unique without a shared block per make.
  serial += (i % 33 ** 3).toString(33).toUpperCase().padStart(3, '0').replace(/[IOQ]/g, 'X');
  return { make, calibre, serial: serial + ALPHABET[i % ALPHABET.length] };
}

function itemRow(i: number, it: ReturnType<typeof item>, now: Date): ItemRow {
  return {
    id: uuidv7(),
    kind: 'firearm',
    firearm_type: 'self_loading_pistol',
    part_type: null,
    ammunition_component: null,
    make: it.make,
    model: null,
    calibre: it.calibre,
    year_of_manufacture: 2000 + (i % 25),
    country_of_manufacture: 'BE',
    place_of_manufacture: null,
    manufacturer_party_id: null,
    serial_number: it.serial,
    serial_norm: normaliseSerial(it.serial),
    lot_number: null,
    quantity_rounds: null,
    is_antique: false,
    is_replica: false,
    temporary_import_purpose: null,
    description: null,
    import_key: null,
    status: 'active',
    holder_party_id: null,
    keeper_party_id: null,
    event_count: 0,
    last_event_at: null,
    manufactured_at: null,
    destroyed_at: null,
    created_at: now,
  };
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
const ms = (v: number) => v.toFixed(2);

async function open(engine: Engine, dir: string): Promise<{ db: Db; close(): Promise<void> }> {
  if (engine === 'pglite') {
    const db = await openPglite(path.join(dir, 'pglite'));
    return { db, close: () => db.close() };
  }
  return openScratchPostgres(process.env.DATABASE_URL || 'postgres://root@127.0.0.1:5432/test', 'custodia_bench_tracing', 4);
}

async function runEngine(engine: Engine, a: Args): Promise<string[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-bench-tracing-'));
  const { db, close } = await open(engine, dir);
  try {
    await migrate(db);
    const config = testConfig({ dataDir: dir });
    const deps: Deps = { db, clock: systemClock, config, log: { info() {}, warn() {}, error: console.error, debug() {} } };
    const registry = createRegistryService(deps);
    const keys = await loadNodeKeys({ keysDir: path.join(dir, 'keys') });
    const tracing = createTracingService(deps, { registry }, { keys: async () => keys });
    const officer: Actor = { kind: 'user', userId: null, name: 'bench-officer', role: 'tracing_officer', organisationId: null };

    // The registry: N items, random serials.
    const rand = rng(42);
    const now = new Date();
    const all: ReturnType<typeof item>[] = [];
    const t0 = performance.now();
    for (let start = 0; start < a.items; start += 5000) {
      const rows: ItemRow[] = [];
      for (let i = start; i < Math.min(a.items, start + 5000); i++) {
        const it = item(i, rand);
        all.push(it);
        rows.push(itemRow(i, it, now));
      }
      await insertItemsRaw(db, rows);
    }
    await db.query('ANALYZE registry_items');
    process.stdout.write(`[${engine}] ${a.items} registry items loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);

    // 1. Ranked partial check, two obliterated characters, make and calibre known.
    const pick = rng(7);
    const times: number[] = [];
    const raw: number[] = [];
    let first = 0;
    let totalMatches = 0;
    for (let k = 0; k < a.checks; k++) {
      const it = all[Math.floor(pick() * all.length)];
      const chars = it.serial.split('');
      const holes = new Set<number>();
      while (holes.size < 2) holes.add(Math.floor(pick() * chars.length));
      for (const h of holes) chars[h] = '?';
      const pattern = chars.join('');
      let s = performance.now();
      const ranked = await registry.rankPartialSerial(officer, { serialPattern: pattern, make: it.make, calibre: it.calibre, kind: 'firearm', limit: 10 });
      times.push(performance.now() - s);
      if (ranked.items[0]?.serialNumber === it.serial) first++;
      totalMatches += ranked.total;
      s = performance.now();
      await db.query('SELECT id FROM registry_items WHERE serial_norm LIKE $1 LIMIT 11', [partialSerialPattern(pattern).like]);
      raw.push(performance.now() - s);
    }
    times.sort((x, y) => x - y);
    raw.sort((x, y) => x - y);

    // 2. A seizure list of M recovered items through the tracing import (one transaction).
    const agency = (await registry.createParty(SYSTEM_ACTOR, { kind: 'organisation', roles: ['state_agency'], name: 'Bench Police', country: 'XC' })).id;
    const lines = ['case,recovered_on,place,agency_party_id,recovery_type,legal_justification,criminal_context,kind,type,make,calibre,nature,serial,marking_state'];
    for (let m = 0; m < a.recovered; m++) {
      const known = m % 2 === 0 ? all[(m * 7919) % all.length] : null;
      const c = `C${Math.floor(m / 10)}`;
      lines.push(
        `${c},2026-01-15,Bench city,${agency},seized,illicit_possession,drugs,firearm,self_loading_pistol,${known?.make ?? 'Unknown'},${known?.calibre ?? '9x19mm'},industrial,${known?.serial ?? ''},${known ? 'intact' : 'removed'}`,
      );
    }
    const csv = Buffer.from(`${lines.join('\n')}\n`);
    let s = performance.now();
    const result = await tracing.importSeizureList(officer, csv);
    const importSeconds = (performance.now() - s) / 1000;
    const outcomes: Record<string, number> = {};
    for (const c of result.cases) for (const [o, n] of Object.entries(c.outcomes)) outcomes[o] = (outcomes[o] ?? 0) + n;
    // Raw: the same number of recovered_items rows inserted set-based, one transaction.
    const [caseRow] = await db.query<tracingStore.CaseRow>('SELECT id, reference, recovered_on::text AS recovered_on FROM recovery_cases LIMIT 1');
    s = performance.now();
    await db.transaction(async (t) => {
      for (let start = 0; start < a.recovered; start += 5000) {
        const rows: tracingStore.RecoveredItemRow[] = [];
        for (let m = start; m < Math.min(a.recovered, start + 5000); m++) {
          rows.push({
            id: uuidv7(),
            case_id: caseRow.id,
            seq: 100_000 + m,
            kind: 'firearm',
            item_type: 'self_loading_pistol',
            make: null,
            model: null,
            calibre: null,
            country_of_manufacture: null,
            nature: 'industrial',
            quantity: 1,
            description: null,
            check_outcome: 'unchecked',
            checked_at: null,
            candidate_count: 0,
            registry_item_id: null,
            created_at: now,
          });
        }
        await tracingStore.insertItems(t, rows);
      }
    });
    const rawImportSeconds = (performance.now() - s) / 1000;

    return [
      `| ${engine} | ${a.items.toLocaleString('en')} | ranked check, 2 obliterated chars, make+calibre known (${a.checks} samples) | p50 ${ms(pct(times, 50))} ms, p95 ${ms(pct(times, 95))} ms; true item first ${((100 * first) / a.checks).toFixed(1)}%; mean matches ${(totalMatches / a.checks).toFixed(2)} | bare LIKE p50 ${ms(pct(raw, 50))} ms, p95 ${ms(pct(raw, 95))} ms (ratio p95 ${(pct(times, 95) / Math.max(pct(raw, 95), 0.001)).toFixed(1)}×) |`,
      `| ${engine} | ${a.items.toLocaleString('en')} | CSV seizure list, ${a.recovered.toLocaleString('en')} items, each checked (${Object.entries(outcomes).map(([o, n]) => `${o} ${n}`).join(', ')}) | ${importSeconds.toFixed(1)} s (${Math.round(a.recovered / importSeconds)} items/s) | raw INSERT of the rows ${rawImportSeconds.toFixed(2)} s (ratio ${(importSeconds / rawImportSeconds).toFixed(0)}×) |`,
    ];
  } finally {
    await close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const a = parseArgs(process.argv.slice(2));
  const out = ['| engine | registry items | measure | result | raw database work |', '|---|---|---|---|---|'];
  for (const engine of a.engines) out.push(...(await runEngine(engine, a)));
  process.stdout.write(`\n${out.join('\n')}\n`);
}

await main();
