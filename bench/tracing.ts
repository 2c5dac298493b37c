/**
 * Tracing benchmark (`npm run bench -- --only tracing [--items N] [--checks K] [--partial-list P] [--recovered M]
 * [--engine pglite|postgres|both] [--data-dir DIR] [--pg-base NAME] [--load-only] [--profile]`).
 *
 * Per engine, on a fresh database holding N registry items (default 1,000,000), each with its manufacture
 * marking, whose serials follow their make's format (bench/support/tracing-data.ts: make-specific prefixes,
 * digit blocks drawn per item, none shared across makes; models with their calibres). The registry is
 * written by COPY (the searched indexes rebuilt after the load from their own definitions): the benchmark
 * is about the check, not about the registry's import.
 *
 * Loading 1M items takes minutes; `--data-dir DIR` keeps the loaded PGlite data directory in
 * DIR/pglite-N and `--pg-base NAME` the loaded PostgreSQL database NAME, both reused by later runs, which
 * measure on a copy (the directory copied, the database created from it as a template), so every run starts
 * from the same registry. `--load-only` loads them (run it under cpu-shared.sh) and measures nothing.
 *  1. K recovered items recorded one at a time through the tracing service (`recordRecovery`: the case,
 *     the item and its mark written and audited, then the automatic check — exact serials, then the ranked
 *     partial search for the obliterated mark — and the candidates written and audited), each a pistol of a
 *     known make and calibre whose serial has two obliterated characters: p50, p95, p99 per recorded item,
 *     how often the true item ranks first, the mean count of matches; and the ranked query alone (the
 *     registry store's SQL, run directly) for the ratio;
 *  2. a CSV seizure list of P pistols (default 1,000), each with two obliterated serial characters, through the
 *     tracing import (every pattern of a batch ranked in one search): seconds, true-first rate; and the same
 *     ranked SQL run one pattern at a time for the ratio;
 *  3. a CSV seizure list of M recovered items (default 10,000; half naming registry serials, half with
 *     removed marks, so registered) through the tracing import, one transaction: seconds and items/s; and
 *     the raw INSERT of the same number of recovered_items rows for the ratio. `--profile` also prints
 *     where the import's database time went, per statement, and writes its V8 CPU profile to
 *     $TMPDIR/tracing-import-<engine>.cpuprofile.
 * Figures are printed as a Markdown table for BENCHMARKS.md. Timings never fail anything.
 */
import fs from 'node:fs';
import inspector from 'node:inspector/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { SYSTEM_ACTOR, type Actor } from '../src/platform/auth/actor.ts';
import { systemClock } from '../src/platform/clock.ts';
import { testConfig } from '../src/platform/config.ts';
import { loadNodeKeys } from '../src/platform/crypto/keys.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { openPglite } from '../src/platform/db/pglite.ts';
import { openPostgres } from '../src/platform/db/postgres.ts';
import { openScratchPostgres } from '../src/platform/db/scratch.ts';
import pg from 'pg';
import type { Db, Engine, Queryable, Tx } from '../src/platform/db/types.ts';
import type { Deps } from '../src/platform/deps.ts';
import { uuidv7 } from '../src/platform/ids.ts';
import { partialSerialPattern } from '../src/registry/model.ts';
import { rankItemsBySerialPattern } from '../src/registry/store-items.ts';
import { createRegistryService } from '../src/registry/service.ts';
import { createTracingService } from '../src/tracing/service.ts';
import * as tracingStore from '../src/tracing/store.ts';
import { itemId, loadRegistry, rng } from './support/tracing-data.ts';

interface Args {
  items: number;
  checks: number;
  recovered: number;
  engines: Engine[];
  profile: boolean;
  partialList: number;
  dataDir: string | null;
  pgBase: string | null;
  loadOnly: boolean;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { items: 1_000_000, checks: 300, recovered: 10_000, engines: ['postgres', 'pglite'], profile: false, partialList: 1000, dataDir: null, pgBase: null, loadOnly: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--items') a.items = Number(argv[++i]);
    else if (argv[i] === '--checks') a.checks = Number(argv[++i]);
    else if (argv[i] === '--recovered') a.recovered = Number(argv[++i]);
    else if (argv[i] === '--engine') a.engines = argv[++i] === 'both' ? ['postgres', 'pglite'] : [argv[i] as Engine];
    else if (argv[i] === '--profile') a.profile = true;
    else if (argv[i] === '--partial-list') a.partialList = Number(argv[++i]);
    else if (argv[i] === '--data-dir') a.dataDir = path.resolve(argv[++i]);
    else if (argv[i] === '--pg-base') a.pgBase = argv[++i];
    else if (argv[i] === '--load-only') a.loadOnly = true;
  }
  if (!Number.isInteger(a.items) || a.items < 1000 || a.items > 5_000_000) throw new Error('--items must be an integer from 1000 to 5,000,000');
  if (a.pgBase !== null && !/^[a-z0-9_]+$/.test(a.pgBase)) throw new Error('--pg-base must be [a-z0-9_]+');
  return a;
}

interface Sample {
  id: string;
  serial: string;
  make: string;
  calibre: string;
}

async function samplesAt(db: Queryable, indexes: number[]): Promise<Sample[]> {
  const rows = await db.query<Sample>('SELECT id, serial_number AS serial, make, calibre FROM registry_items WHERE id = ANY($1::uuid[])', [indexes.map(itemId)]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return indexes.map((i) => byId.get(itemId(i))!);
}

/** Statement timings by statement (its first words), for `--profile`. */
class Profile {
  readonly byKey = new Map<string, { n: number; ms: number }>();
  add(key: string, ms: number) {
    const e = this.byKey.get(key) ?? { n: 0, ms: 0 };
    e.n++;
    e.ms += ms;
    this.byKey.set(key, e);
  }
  wrap<Q extends Queryable>(q: Q): Q {
    const self = this;
    const timed = {
      ...q,
      engine: q.engine,
      async query<T>(text: string, params?: readonly unknown[]) {
        const s = performance.now();
        try {
          return await q.query<T>(text, params);
        } finally {
          self.add(text.replace(/\s+/g, ' ').trim().slice(0, 90), performance.now() - s);
        }
      },
      exec: (script: string) => q.exec(script),
    } as Q;
    if (q.copyFrom) {
      (timed as Queryable).copyFrom = async (table, columns, rows) => {
        const s = performance.now();
        try {
          return await q.copyFrom!(table, columns, rows);
        } finally {
          self.add(`COPY ${table}`, performance.now() - s);
        }
      };
    }
    if ('transaction' in q) {
      (timed as unknown as Db).transaction = <T>(fn: (tx: Tx) => Promise<T>) => (q as unknown as Db).transaction((tx) => fn(self.wrap(tx)));
    }
    return timed;
  }
  report(totalMs: number): string {
    const rows = [...this.byKey.entries()].sort((a, b) => b[1].ms - a[1].ms);
    const db = rows.reduce((s, [, e]) => s + e.ms, 0);
    const lines = [`  database ${(db / 1000).toFixed(2)} s of ${(totalMs / 1000).toFixed(2)} s (the rest is JavaScript)`];
    for (const [k, e] of rows.slice(0, 25)) lines.push(`  ${(e.ms / 1000).toFixed(2).padStart(7)} s ${String(e.n).padStart(5)}×  ${k}`);
    return lines.join('\n');
  }
}

function pct(sorted: number[], p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
const ms = (v: number) => v.toFixed(2);

const adminUrl = () => process.env.DATABASE_URL || 'postgres://root@127.0.0.1:5432/test';
const loadAverage = () => fs.readFileSync('/proc/loadavg', 'utf8').trim();

interface Opened {
  db: Db;
  close(): Promise<void>;
  /** Seconds the registry took to load in this run (null: a kept one was reused). */
  loadSeconds: number | null;
}

async function timedLoad(db: Db, a: Args, log: (s: string) => void): Promise<number> {
  await migrate(db);
  const t0 = performance.now();
  await loadRegistry(db, a.items, log);
  const seconds = (performance.now() - t0) / 1000;
  log(`${a.items.toLocaleString('en')} registry items with their markings loaded (COPY) in ${seconds.toFixed(1)} s; load average ${loadAverage()}`);
  return seconds;
}

/** A database holding the registry: loaded now, or a copy of the kept one (`--data-dir`, `--pg-base`). Null with --load-only. */
async function openLoaded(engine: Engine, a: Args, dir: string, log: (s: string) => void): Promise<Opened | null> {
  if (engine === 'pglite') {
    if (!a.dataDir) {
      const db = await openPglite(path.join(dir, 'pglite'));
      return { db, close: () => db.close(), loadSeconds: await timedLoad(db, a, log) };
    }
    const base = path.join(a.dataDir, `pglite-${a.items}`);
    const ready = `${base}.ready`;
    let loadSeconds: number | null = null;
    if (!fs.existsSync(ready)) {
      fs.rmSync(base, { recursive: true, force: true });
      fs.mkdirSync(a.dataDir, { recursive: true });
      const db = await openPglite(base);
      loadSeconds = await timedLoad(db, a, log);
      await db.close();
      fs.writeFileSync(ready, `${new Date().toISOString()}\n`);
    } else {
      log(`reusing the registry kept in ${base}`);
      // Migrations added since the load are applied to the kept copy once, not to every run's copy.
      const db = await openPglite(base);
      await migrate(db);
      await db.close();
    }
    if (a.loadOnly) return null;
    fs.cpSync(base, path.join(dir, 'pglite'), { recursive: true });
    const db = await openPglite(path.join(dir, 'pglite'));
    await migrate(db);
    return { db, close: () => db.close(), loadSeconds };
  }
  if (!a.pgBase) {
    const s = await openScratchPostgres(adminUrl(), 'custodia_bench_tracing', 4, { migrated: false });
    return { db: s.db, close: s.close, loadSeconds: await timedLoad(s.db, a, log) };
  }
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  const url = (name: string) => {
    const u = new URL(adminUrl());
    u.pathname = `/${name}`;
    return u.toString();
  };
  try {
    if ((await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [a.pgBase])).rowCount === 0) await admin.query(`CREATE DATABASE ${a.pgBase}`);
    let loadSeconds: number | null = null;
    const base = await openPostgres(url(a.pgBase), 2);
    try {
      const [marker] = await base.query<{ t: string | null }>("SELECT to_regclass('bench_tracing_loaded')::text AS t");
      if (marker.t === null) {
        loadSeconds = await timedLoad(base, a, log);
        await base.query(`CREATE TABLE bench_tracing_loaded AS SELECT ${a.items}::int AS items, now() AS loaded_at`);
      } else {
        const [{ items }] = await base.query<{ items: number }>('SELECT items FROM bench_tracing_loaded');
        if (items !== a.items) throw new Error(`--pg-base ${a.pgBase} holds ${items} items, not ${a.items}`);
        log(`reusing the registry kept in database ${a.pgBase}`);
        await migrate(base);
      }
    } finally {
      await base.close();
    }
    if (a.loadOnly) return null;
    const name = `${a.pgBase}_run`;
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${a.pgBase}`);
    const db = await openPostgres(url(name), 4);
    await migrate(db);
    return {
      db,
      loadSeconds,
      async close() {
        await db.close();
        const c = new pg.Client({ connectionString: adminUrl() });
        await c.connect();
        try {
          await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        } finally {
          await c.end();
        }
      },
    };
  } finally {
    await admin.end();
  }
}

async function runEngine(engine: Engine, a: Args): Promise<string[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-bench-tracing-'));
  const log = (s: string) => process.stdout.write(`[${engine}] ${s}\n`);
  const opened = await openLoaded(engine, a, dir, log);
  if (!opened) {
    fs.rmSync(dir, { recursive: true, force: true });
    return [];
  }
  const { db: rawDb, close, loadSeconds } = opened;
  try {
    const profile = new Profile();
    const db = a.profile ? profile.wrap(rawDb) : rawDb;
    const config = testConfig({ dataDir: dir });
    const deps: Deps = { db, clock: systemClock, config, log: { info() {}, warn() {}, error: console.error, debug() {} } };
    const registry = createRegistryService(deps);
    const keys = await loadNodeKeys({ keysDir: path.join(dir, 'keys') });
    const tracing = createTracingService(deps, { registry }, { keys: async () => keys });
    const officer: Actor = { kind: 'user', userId: null, name: 'bench-officer', role: 'tracing_officer', organisationId: null };
    const agency = (await registry.createParty(SYSTEM_ACTOR, { kind: 'organisation', roles: ['state_agency'], name: 'Bench Police', country: 'XC' })).id;

    log(`measuring; load average ${loadAverage()}`);
    let t0: number;

    // 1. Recovered pistols, each with two obliterated serial characters, make and calibre known, recorded one at a time.
    const pick = rng(7);
    profile.byKey.clear();
    const samples = await samplesAt(rawDb, Array.from({ length: a.checks }, () => Math.floor(pick() * a.items)));
    const times: number[] = [];
    const raw: number[] = [];
    let first = 0;
    let totalMatches = 0;
    let several = 0;
    let tied = 0;
    let firstWhenUntied = 0;
    t0 = performance.now();
    for (const it of samples) {
      const chars = it.serial.split('');
      const holes = new Set<number>();
      while (holes.size < 2) holes.add(Math.floor(pick() * chars.length));
      for (const h of holes) chars[h] = '?';
      const pattern = chars.join('');
      let s = performance.now();
      const rec = await tracing.recordRecovery(officer, {
        recoveredOn: '2026-01-15',
        place: { text: 'Bench city' },
        agencyPartyId: agency,
        recoveryType: 'seized',
        legalJustification: 'illicit_possession',
        criminalContext: 'drugs',
        items: [
          { kind: 'firearm', type: 'self_loading_pistol', make: it.make, calibre: it.calibre, nature: 'industrial', markings: [{ location: 'frame', state: 'obliterated', serialAsRead: pattern }] },
        ],
      });
      times.push(performance.now() - s);
      const item = rec.items[0];
      const isFirst = item.candidates[0]?.registryItemId === it.id;
      if (isFirst) first++;
      totalMatches += item.candidateCount;
      if (item.candidateCount > 1) several++;
      // Another item of the same make and calibre fits the pattern too: what was known cannot tell them apart.
      const same = (x: string | null | undefined, y: string) => (x ?? '').toLowerCase() === y.toLowerCase();
      if (item.candidates.some((c) => c.registryItemId !== it.id && same(c.make, it.make) && same(c.calibre, it.calibre))) tied++;
      else if (isFirst) firstWhenUntied++;
      const like = partialSerialPattern(pattern);
      s = performance.now();
      await rankItemsBySerialPattern(rawDb, { like: like.like, known: like.known, fills: like.fills, make: it.make, calibre: it.calibre, kind: 'firearm', limit: 10 });
      raw.push(performance.now() - s);
    }
    const checkSeconds = (performance.now() - t0) / 1000;
    if (a.profile) log(`recorded recoveries, where the time went:\n${profile.report(checkSeconds * 1000)}`);
    times.sort((x, y) => x - y);
    raw.sort((x, y) => x - y);
    log(`ranked checks done in ${checkSeconds.toFixed(1)} s; load average ${loadAverage()}`);

    // 2. A seizure list of P recovered items, each with two obliterated serial characters (every pattern of a
    // batch ranked in one search); raw: the same patterns' ranked SQL, one statement each, as before.
    const partialSamples = await samplesAt(rawDb, Array.from({ length: a.partialList }, () => Math.floor(pick() * a.items)));
    const partialPatterns = partialSamples.map((it) => {
      const chars = it.serial.split('');
      const holes = new Set<number>();
      while (holes.size < 2) holes.add(Math.floor(pick() * chars.length));
      for (const h of holes) chars[h] = '?';
      return chars.join('');
    });
    const partialCsv = ['case,recovered_on,place,agency_party_id,recovery_type,legal_justification,criminal_context,kind,type,make,calibre,nature,serial,marking_state'];
    partialSamples.forEach((it, m) =>
      partialCsv.push(`P${Math.floor(m / 10)},2026-01-15,Bench city,${agency},seized,illicit_possession,drugs,firearm,self_loading_pistol,${it.make},${it.calibre},industrial,${partialPatterns[m]},obliterated`),
    );
    let s0 = performance.now();
    const partialResult = a.partialList > 0 ? await tracing.importSeizureList(officer, Buffer.from(`${partialCsv.join('\n')}\n`)) : null;
    const partialSeconds = (performance.now() - s0) / 1000;
    s0 = performance.now();
    for (const [m, it] of partialSamples.entries()) {
      const like = partialSerialPattern(partialPatterns[m]);
      await rankItemsBySerialPattern(rawDb, { like: like.like, known: like.known, fills: like.fills, make: it.make, calibre: it.calibre, kind: 'firearm', limit: 10 });
    }
    const partialRawSeconds = (performance.now() - s0) / 1000;
    const partialFirst = partialResult ? await rawDb.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM recovered_items r JOIN recovery_candidates c ON c.recovered_item_id = r.id AND c.rank = 1
        WHERE r.case_id = ANY($1::uuid[]) AND c.registry_item_id = ANY($2::uuid[])`,
      [partialResult.cases.map((c) => c.id), partialSamples.map((it) => it.id)],
    ) : [{ n: 0 }];
    log(`partial seizure list imported in ${partialSeconds.toFixed(1)} s; load average ${loadAverage()}`);

    // 3. A seizure list of M recovered items through the tracing import (one transaction).
    const known = await samplesAt(rawDb, Array.from({ length: Math.ceil(a.recovered / 2) }, (_, m) => (m * 2 * 7919) % a.items));
    const lines = ['case,recovered_on,place,agency_party_id,recovery_type,legal_justification,criminal_context,kind,type,make,calibre,nature,serial,marking_state'];
    for (let m = 0; m < a.recovered; m++) {
      const k = m % 2 === 0 ? known[m / 2] : null;
      lines.push(
        `C${Math.floor(m / 10)},2026-01-15,Bench city,${agency},seized,illicit_possession,drugs,firearm,self_loading_pistol,${k?.make ?? 'Unknown'},${k?.calibre ?? '9x19mm'},industrial,${k?.serial ?? ''},${k ? 'intact' : 'removed'}`,
      );
    }
    const csv = Buffer.from(`${lines.join('\n')}\n`);
    profile.byKey.clear();
    // --profile: the import's JavaScript too, as a V8 CPU profile (bench/support/profile-summary.ts reads it).
    const cpu = a.profile ? new inspector.Session() : undefined;
    if (cpu) {
      cpu.connect();
      await cpu.post('Profiler.enable');
      await cpu.post('Profiler.start');
    }
    let s = performance.now();
    const result = await tracing.importSeizureList(officer, csv);
    const importMs = performance.now() - s;
    const importSeconds = importMs / 1000;
    if (cpu) {
      const { profile: cpuProfile } = await cpu.post('Profiler.stop');
      cpu.disconnect();
      const file = path.join(os.tmpdir(), `tracing-import-${engine}.cpuprofile`);
      fs.writeFileSync(file, JSON.stringify(cpuProfile));
      log(`seizure list CPU profile: ${file}`);
    }
    if (a.profile) log(`seizure list, where the time went:\n${profile.report(importMs)}`);
    log(`seizure list imported in ${importSeconds.toFixed(1)} s; load average ${loadAverage()}`);
    const outcomes: Record<string, number> = {};
    for (const c of result.cases) for (const [o, n] of Object.entries(c.outcomes)) outcomes[o] = (outcomes[o] ?? 0) + n;
    // Raw: the same number of recovered_items rows inserted set-based, one transaction.
    const [caseRow] = await rawDb.query<tracingStore.CaseRow>('SELECT id, reference, recovered_on::text AS recovered_on FROM recovery_cases LIMIT 1');
    const now = new Date();
    s = performance.now();
    await rawDb.transaction(async (t) => {
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

    const n = a.items.toLocaleString('en');
    return [
      `| ${engine} | ${n} | recovered pistol recorded and checked (2 obliterated serial chars, make + calibre known; ${a.checks} samples, one at a time) | p50 ${ms(pct(times, 50))} ms, p95 **${ms(pct(times, 95))} ms**, p99 ${ms(pct(times, 99))} ms; true item first **${((100 * first) / a.checks).toFixed(1)}%** (${((100 * firstWhenUntied) / Math.max(a.checks - tied, 1)).toFixed(1)}% of the ${a.checks - tied} samples no other item of the same make and calibre fits); mean matches ${(totalMatches / a.checks).toFixed(2)}, ${((100 * several) / a.checks).toFixed(1)}% of samples with several | ranked SQL alone p50 ${ms(pct(raw, 50))} ms, p95 ${ms(pct(raw, 95))} ms, p99 ${ms(pct(raw, 99))} ms (ratio p95 ${(pct(times, 95) / Math.max(pct(raw, 95), 0.001)).toFixed(1)}×) |`,
      `| ${engine} | ${n} | CSV seizure list, ${a.recovered.toLocaleString('en')} items, each checked (${Object.entries(outcomes).map(([o, c]) => `${o} ${c}`).join(', ')}), one transaction | ${importSeconds.toFixed(1)} s (**${Math.round(a.recovered / importSeconds)} items/s**) | raw INSERT of the recovered_items rows ${rawImportSeconds.toFixed(2)} s (ratio ${(importSeconds / rawImportSeconds).toFixed(0)}×) |`,
      `| ${engine} | ${n} | CSV seizure list, ${a.partialList.toLocaleString('en')} pistols each with 2 obliterated serial chars (make + calibre known), one transaction | ${partialSeconds.toFixed(1)} s (${Math.round(a.partialList / partialSeconds)} items/s); true item first ${((100 * partialFirst[0].n) / Math.max(a.partialList, 1)).toFixed(1)}% | the same ranked SQL one pattern at a time ${partialRawSeconds.toFixed(2)} s (ratio ${(partialSeconds / Math.max(partialRawSeconds, 0.001)).toFixed(1)}×) |`,
      `| ${engine} | ${n} | registry load (COPY: items + markings, indexes rebuilt) | ${loadSeconds === null ? 'kept from an earlier run' : `${loadSeconds.toFixed(1)} s`} | |`,
    ];
  } finally {
    await close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const a = parseArgs(process.argv.slice(2));
  const out = ['| engine | registry items | measure | result | raw database work |', '|---|---|---|---|---|'];
  for (const engine of a.engines) {
    out.push(...(await runEngine(engine, a)));
    process.stdout.write(`\n${out.join('\n')}\n`);
  }
}

await main();
