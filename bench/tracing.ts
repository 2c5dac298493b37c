/**
 * Tracing benchmark (`npm run bench -- --only tracing [--items N] [--checks K] [--partial-list P] [--recovered M] [--engine pglite|postgres|both] [--profile]`).
 *
 * Per engine, on a fresh database holding N registry items (default 1,000,000), each with its manufacture
 * marking, whose serials are random per item (no digit blocks shared across makes, unlike the demo data).
 * The registry is loaded with set-based SQL (generate_series, the searched indexes rebuilt after the load
 * from their own definitions): the benchmark is about the check, not about the registry's import.
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
 *     where the import's database time went, per statement.
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
}

function parseArgs(argv: string[]): Args {
  const a: Args = { items: 1_000_000, checks: 300, recovered: 10_000, engines: ['postgres', 'pglite'], profile: false, partialList: 1000 };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--items') a.items = Number(argv[++i]);
    else if (argv[i] === '--checks') a.checks = Number(argv[++i]);
    else if (argv[i] === '--recovered') a.recovered = Number(argv[++i]);
    else if (argv[i] === '--engine') a.engines = argv[++i] === 'both' ? ['postgres', 'pglite'] : [argv[i] as Engine];
    else if (argv[i] === '--profile') a.profile = true;
    else if (argv[i] === '--partial-list') a.partialList = Number(argv[++i]);
  }
  if (!Number.isInteger(a.items) || a.items < 1000 || a.items > 33 ** 4) throw new Error(`--items must be an integer from 1000 to ${33 ** 4}`);
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
  const { db: rawDb, close } = await open(engine, dir);
  const log = (s: string) => process.stdout.write(`[${engine}] ${s}\n`);
  try {
    await migrate(rawDb);
    const profile = new Profile();
    const db = a.profile ? profile.wrap(rawDb) : rawDb;
    const config = testConfig({ dataDir: dir });
    const deps: Deps = { db, clock: systemClock, config, log: { info() {}, warn() {}, error: console.error, debug() {} } };
    const registry = createRegistryService(deps);
    const keys = await loadNodeKeys({ keysDir: path.join(dir, 'keys') });
    const tracing = createTracingService(deps, { registry }, { keys: async () => keys });
    const officer: Actor = { kind: 'user', userId: null, name: 'bench-officer', role: 'tracing_officer', organisationId: null };
    const agency = (await registry.createParty(SYSTEM_ACTOR, { kind: 'organisation', roles: ['state_agency'], name: 'Bench Police', country: 'XC' })).id;

    let t0 = performance.now();
    await loadRegistry(rawDb, a.items, log);
    const loadSeconds = (performance.now() - t0) / 1000;
    log(`${a.items.toLocaleString('en')} registry items with their markings loaded (SQL) in ${loadSeconds.toFixed(1)} s; load average ${fs.readFileSync('/proc/loadavg', 'utf8').trim()}`);

    // 1. Recovered pistols, each with two obliterated serial characters, make and calibre known, recorded one at a time.
    const pick = rng(7);
    profile.byKey.clear();
    const samples = await samplesAt(rawDb, Array.from({ length: a.checks }, () => Math.floor(pick() * a.items)));
    const times: number[] = [];
    const raw: number[] = [];
    let first = 0;
    let totalMatches = 0;
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
      if (item.candidates[0]?.registryItemId === it.id) first++;
      totalMatches += item.candidateCount;
      const like = partialSerialPattern(pattern);
      s = performance.now();
      await rankItemsBySerialPattern(rawDb, { like: like.like, known: like.known, make: it.make, calibre: it.calibre, kind: 'firearm', limit: 10 });
      raw.push(performance.now() - s);
    }
    const checkSeconds = (performance.now() - t0) / 1000;
    if (a.profile) log(`recorded recoveries, where the time went:\n${profile.report(checkSeconds * 1000)}`);
    times.sort((x, y) => x - y);
    raw.sort((x, y) => x - y);
    log(`ranked checks done in ${checkSeconds.toFixed(1)} s; load average ${fs.readFileSync('/proc/loadavg', 'utf8').trim()}`);

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
      await rankItemsBySerialPattern(rawDb, { like: like.like, known: like.known, make: it.make, calibre: it.calibre, kind: 'firearm', limit: 10 });
    }
    const partialRawSeconds = (performance.now() - s0) / 1000;
    const partialFirst = partialResult ? await rawDb.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM recovered_items r JOIN recovery_candidates c ON c.recovered_item_id = r.id AND c.rank = 1
        WHERE r.case_id = ANY($1::uuid[]) AND c.registry_item_id = ANY($2::uuid[])`,
      [partialResult.cases.map((c) => c.id), partialSamples.map((it) => it.id)],
    ) : [{ n: 0 }];
    log(`partial seizure list imported in ${partialSeconds.toFixed(1)} s; load average ${fs.readFileSync('/proc/loadavg', 'utf8').trim()}`);

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
    let s = performance.now();
    const result = await tracing.importSeizureList(officer, csv);
    const importMs = performance.now() - s;
    const importSeconds = importMs / 1000;
    if (a.profile) log(`seizure list, where the time went:\n${profile.report(importMs)}`);
    log(`seizure list imported in ${importSeconds.toFixed(1)} s; load average ${fs.readFileSync('/proc/loadavg', 'utf8').trim()}`);
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
      `| ${engine} | ${n} | recovered pistol recorded and checked (2 obliterated serial chars, make + calibre known; ${a.checks} samples, one at a time) | p50 ${ms(pct(times, 50))} ms, p95 **${ms(pct(times, 95))} ms**, p99 ${ms(pct(times, 99))} ms; true item first **${((100 * first) / a.checks).toFixed(1)}%**; mean matches ${(totalMatches / a.checks).toFixed(2)} | ranked SQL alone p50 ${ms(pct(raw, 50))} ms, p95 ${ms(pct(raw, 95))} ms, p99 ${ms(pct(raw, 99))} ms (ratio p95 ${(pct(times, 95) / Math.max(pct(raw, 95), 0.001)).toFixed(1)}×) |`,
      `| ${engine} | ${n} | CSV seizure list, ${a.recovered.toLocaleString('en')} items, each checked (${Object.entries(outcomes).map(([o, c]) => `${o} ${c}`).join(', ')}), one transaction | ${importSeconds.toFixed(1)} s (**${Math.round(a.recovered / importSeconds)} items/s**) | raw INSERT of the recovered_items rows ${rawImportSeconds.toFixed(2)} s (ratio ${(importSeconds / rawImportSeconds).toFixed(0)}×) |`,
      `| ${engine} | ${n} | CSV seizure list, ${a.partialList.toLocaleString('en')} pistols each with 2 obliterated serial chars (make + calibre known), one transaction | ${partialSeconds.toFixed(1)} s (${Math.round(a.partialList / partialSeconds)} items/s); true item first ${((100 * partialFirst[0].n) / Math.max(a.partialList, 1)).toFixed(1)}% | the same ranked SQL one pattern at a time ${partialRawSeconds.toFixed(2)} s (ratio ${(partialSeconds / Math.max(partialRawSeconds, 0.001)).toFixed(1)}×) |`,
      `| ${engine} | ${n} | registry load (SQL: items + markings, indexes rebuilt) | ${loadSeconds.toFixed(1)} s | |`,
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
