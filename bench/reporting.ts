/**
 * Reporting benchmark: the ATT (both bases), UNROCA and Wassenaar reports over N transfers, each against
 * its raw aggregate queries alone.
 *
 *   npx tsx bench/reporting.ts [--engine pglite,postgres] [--transfers 1000000] [--lines 10] [--runs 5]
 *   (also `npm run bench -- --only reporting`; PostgreSQL from TEST_DATABASE_URL)
 *
 * N transfers are N licence lines (N / lines licences, each with `lines` goods lines in its snapshot) and
 * N shipment lines (one shipment per licence shipping every line), written set-based in SQL, untimed.
 * Timed once: appending them to the typed projection the aggregates read (reporting_transfer_lines; done
 * for each new licence or shipment, by the first report after it). Then, alternately, `runs` times each:
 *   - raw: the aggregate queries alone over the lines (store.transferGroupsFromLines: the period's projected
 *     lines, grouped; for Wassenaar also store.dualUseLicenceGroups) — the raw database work;
 *     the report itself sums the monthly groups kept with the projection (store.transferGroups);
 *   - report: `generateReport` through the service (access check, mapping, refresh of the projection, the
 *     same queries and the rest of the report's reads, building the tables, storing the report with its
 *     hash, audit entry) — what an officer waits for.
 * Prints median and worst of each and their ratio. Never fails on a timing. `--explain` prints the raw
 * query's plan on the first engine instead.
 */
import os from 'node:os';
import { cliActor } from '../src/platform/auth/actor.ts';
import { systemClock } from '../src/platform/clock.ts';
import { testConfig } from '../src/platform/config.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { openPglite } from '../src/platform/db/pglite.ts';
import { openScratchPostgres } from '../src/platform/db/scratch.ts';
import type { Db } from '../src/platform/db/types.ts';
import type { Deps } from '../src/platform/deps.ts';
import { createReportingService } from '../src/reporting/service.ts';
import { createServices } from '../src/modules.ts';
import * as store from '../src/reporting/store.ts';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const ENGINES = arg('engine', process.env.TEST_DATABASE_URL ? 'pglite,postgres' : 'pglite').split(',');
const TRANSFERS = Number(arg('transfers', '1000000'));
const LINES = Number(arg('lines', '10'));
const RUNS = Number(arg('runs', '5'));
const YEAR = 2025;

async function openDb(engine: string): Promise<{ db: Db; close: () => Promise<void> }> {
  if (engine === 'pglite') {
    const db = await openPglite(undefined);
    await migrate(db);
    return { db, close: () => db.close() };
  }
  return openScratchPostgres(process.env.TEST_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test', 'custodia_bench_rep', 4);
}

/**
 * Licences issued through the year to twenty destinations, each with `LINES` firearm lines of six types
 * (and every tenth line ammunition), and one shipment per licence; set-based, in chunks.
 */
async function load(db: Db, licences: number): Promise<void> {
  const chunk = 10_000;
  for (let from = 1; from <= licences; from += chunk) {
    const to = Math.min(licences, from + chunk - 1);
    await db.transaction(async (t) => {
      await t.query(
        `INSERT INTO licensing_applications (id, reference, kind, status, organisation_id, applicant_name, export_country, import_country, content, submitted_at, updated_at)
         SELECT md5('app' || i)::uuid, 'BENCH-APP-' || i, 'export', 'issued', NULL, 'Bench exporter', 'XC',
                (ARRAY['KE','TZ','UG','NG','GH','SN','CI','CM','ET','EG','MA','DZ','TN','PE','CO','BR','CL','PH','ID','VN'])[1 + i % 20],
                '{}'::jsonb, timestamptz '${YEAR}-01-01' + (i % 360) * interval '1 day', timestamptz '${YEAR}-01-01' + (i % 360) * interval '1 day'
         FROM generate_series($1::int, $2::int) AS i`,
        [from, to],
      );
      await t.query(
        `INSERT INTO licensing_licences (id, number, application_id, kind, status, organisation_id, valid_from, expires_on, issued_at, snapshot, snapshot_hash, token, status_changed_at)
         SELECT md5('lic' || i)::uuid, 'XC-EXP-BENCH-' || i, md5('app' || i)::uuid, 'export', 'used', NULL, date '${YEAR}-01-01', date '${YEAR + 1}-12-31',
                timestamptz '${YEAR}-01-01' + (i % 360) * interval '1 day',
                jsonb_build_object(
                  'exportCountry', 'XC',
                  'importCountry', (ARRAY['KE','TZ','UG','NG','GH','SN','CI','CM','ET','EG','MA','DZ','TN','PE','CO','BR','CL','PH','ID','VN'])[1 + i % 20],
                  'transitCountries', CASE WHEN i % 3 = 0 THEN '["TZ"]'::jsonb ELSE '[]'::jsonb END,
                  'goods', (SELECT jsonb_agg(jsonb_build_object(
                              'lineNo', g, 'description', 'Model ' || ((i + g) % 40),
                              'itemType', CASE WHEN g % 10 = 0 THEN 'ammunition' ELSE 'firearm' END,
                              'controlEntry', CASE WHEN g % 10 = 0 THEN 'ML3.a' ELSE 'ML1.a' END,
                              'firearmType', CASE WHEN g % 10 = 0 THEN NULL ELSE (ARRAY['rifle','revolver','self_loading_pistol','shotgun','carbine','sub_machine_gun'])[1 + (i + g) % 6] END,
                              'hsCode', '930200', 'quantity', 1 + (i * g) % 50, 'unit', 'piece', 'valueMinor', (1 + (i * g) % 50) * 80000, 'currency', 'EUR')
                              ORDER BY g)
                            FROM generate_series(1, ${LINES}) AS g)),
                'bench', 'bench', timestamptz '${YEAR}-01-01' + (i % 360) * interval '1 day'
         FROM generate_series($1::int, $2::int) AS i`,
        [from, to],
      );
      await t.query(
        `INSERT INTO licensing_shipments (id, licence_id, shipped_on, exit_point, carrier, lines, recorded_at, recorded_by, status)
         SELECT md5('shp' || i)::uuid, md5('lic' || i)::uuid, date '${YEAR}-01-01' + (i % 360) + 3, 'XCBEN', '{"name":"Bench carrier","country":"DK"}'::jsonb,
                (SELECT jsonb_agg(jsonb_build_object('lineNo', g, 'quantity', 1 + (i * g) % 50) ORDER BY g) FROM generate_series(1, ${LINES}) AS g),
                now(), 'bench', 'shipped'
         FROM generate_series($1::int, $2::int) AS i`,
        [from, to],
      );
    });
    process.stdout.write(`\r  loaded ${to * LINES} transfers`);
  }
  process.stdout.write('\n');
  await db.exec('ANALYZE licensing_licences; ANALYZE licensing_shipments;');
}

function stats(ms: number[]): { median: number; worst: number } {
  const s = [...ms].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], worst: s[s.length - 1] };
}

async function bench(engine: string): Promise<void> {
  const { db, close } = await openDb(engine);
  try {
    process.stdout.write(`reporting bench on ${engine} (${db.description}), ${os.cpus().length} CPUs, load ${os.loadavg()[0].toFixed(1)}\n`);
    const licences = Math.ceil(TRANSFERS / LINES);
    const t0 = performance.now();
    await load(db, licences);
    process.stdout.write(`  ${licences} licences, ${licences * LINES} licence lines and ${licences * LINES} shipment lines written in ${((performance.now() - t0) / 1000).toFixed(1)} s (untimed set-up)\n`);
    const deps: Deps = { db, clock: systemClock, config: testConfig({}), log: { info() {}, warn() {}, error() {}, debug() {} } };
    const svc = createReportingService(deps, createServices(deps));
    await svc.listMappings(cliActor()); // seeds the mapping once, outside the timings
    // Once per new licence or shipment: the typed projection the aggregates read (timed on its own).
    const p0 = performance.now();
    const projected = await db.transaction((t) => store.refreshTransferLines(t));
    const projectMs = performance.now() - p0;
    const e0 = performance.now();
    await db.transaction((t) => store.refreshTransferLines(t));
    process.stdout.write(
      `  projection: ${projected.authorised} licence lines + ${projected.actual} shipment lines appended in ${(projectMs / 1000).toFixed(1)} s (once); a refresh with nothing new ${((performance.now() - e0) / 1000).toFixed(2)} s (inside every report)\n`,
    );
    // Each report against its raw aggregate queries alone (the store's grouped reads of the projection).
    const H1 = { start: `${YEAR}-01-01`, end: `${YEAR}-06-30` };
    const cases: { name: string; raw: () => Promise<number>; report: () => Promise<number> }[] = [
      ...(['actual', 'authorised'] as const).map((basis) => ({
        name: `ATT ${YEAR} (${basis})`,
        raw: async () => (await store.transferGroupsFromLines(db, basis, `${YEAR}-01-01`, `${YEAR}-12-31`)).length,
        report: async () => {
          const c = (await svc.generateReport(cliActor(), { kind: 'att', period: String(YEAR), basis })).content;
          return c.kind === 'att' ? c.exports.reduce((n, x) => n + (x.quantity ?? 0), 0) : 0;
        },
      })),
      {
        name: `UNROCA ${YEAR} (actual)`,
        raw: async () => (await store.transferGroupsFromLines(db, 'actual', `${YEAR}-01-01`, `${YEAR}-12-31`)).length,
        report: async () => {
          const c = (await svc.generateReport(cliActor(), { kind: 'unroca', period: String(YEAR), basis: 'actual' })).content;
          return c.kind === 'unroca' ? c.exports.reduce((n, x) => n + (x.quantity ?? 0), 0) : 0;
        },
      },
      {
        name: `Wassenaar ${YEAR}-H1`,
        raw: async () => (await store.transferGroupsFromLines(db, 'actual', H1.start, H1.end)).length + (await store.dualUseLicenceGroups(db, H1.start, H1.end)).length,
        report: async () => {
          const c = (await svc.generateReport(cliActor(), { kind: 'wassenaar', period: `${YEAR}-H1` })).content;
          return c.kind === 'wassenaar' ? c.armsDeliveries.reduce((n, x) => n + x.quantity, 0) : 0;
        },
      },
    ];
    for (const c of cases) {
      const raw: number[] = [];
      const report: number[] = [];
      let rows = 0;
      let items = 0;
      for (let r = 0; r < RUNS; r++) {
        let s = performance.now();
        rows = await c.raw();
        raw.push(performance.now() - s);
        s = performance.now();
        items = await c.report();
        report.push(performance.now() - s);
      }
      const a = stats(raw);
      const b = stats(report);
      process.stdout.write(
        `  ${c.name} over ${licences * LINES} transfers: raw aggregate query median ${(a.median / 1000).toFixed(2)} s (worst ${(a.worst / 1000).toFixed(2)} s, ${rows} groups); ` +
          `report through the service median ${(b.median / 1000).toFixed(2)} s (worst ${(b.worst / 1000).toFixed(2)} s, ${items} items in its exports / deliveries); ratio ${(b.median / a.median).toFixed(2)}; load ${os.loadavg()[0].toFixed(1)}\n`,
      );
    }
  } finally {
    await close();
  }
}

if (process.argv.includes('--explain')) {
  const { db, close } = await openDb(ENGINES[0]);
  await load(db, Math.ceil(TRANSFERS / LINES));
  await db.transaction((t) => store.refreshTransferLines(t));
  for (const basis of ['authorised', 'actual']) {
    const plan = await db.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN ANALYZE SELECT t.direction, t.partner, t.control_entry, t.item_type, t.firearm_type, t.description, t.transit, sum(t.quantity), t.unit, sum(t.value_minor), t.currency, count(DISTINCT t.licence_id), w.reason
       FROM reporting_transfer_lines t LEFT JOIN reporting_withheld_lines w ON w.licence_id = t.licence_id AND w.line_no = t.line_no AND w.released_at IS NULL
       WHERE t.basis = $1 AND t.on_date BETWEEN '${YEAR}-01-01' AND '${YEAR}-12-31' GROUP BY 1, 2, 3, 4, 5, 6, 7, 9, 11, 13`,
      [basis],
    );
    process.stdout.write(plan.map((p) => p['QUERY PLAN']).join('\n') + '\n');
  }
  await close();
} else for (const engine of ENGINES) await bench(engine);
