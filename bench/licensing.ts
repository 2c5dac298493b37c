/**
 * Licensing benchmark: issuing licences, recording shipments, public verification requests.
 *
 *   npx tsx bench/licensing.ts [--engine pglite|postgres] [--licences 10000] [--shipments 100000]
 *                              [--batch 1000] [--verify-seconds 10] [--port 18140]
 *
 * Cases are prepared set-based straight into the tables (countersigned, with the import authorization
 * and transit no-objection recorded), so the timed part is exactly `issueLicence` through the service:
 * Art. 10 gate, broker and screening checks, snapshot, hash, Ed25519 signature, audit. Shipments go
 * through `recordShipments` in batches, and one by one for a sample. Verification is measured over HTTP
 * with autocannon against a running app. Prints figures; never fails on a timing.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { buildApp } from '../src/app.ts';
import { SYSTEM_ACTOR } from '../src/platform/auth/actor.ts';
import { systemClock } from '../src/platform/clock.ts';
import { testConfig } from '../src/platform/config.ts';
import { loadNodeKeys } from '../src/platform/crypto/keys.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { openPglite } from '../src/platform/db/pglite.ts';
import { openScratchPostgres } from '../src/platform/db/scratch.ts';
import type { Db } from '../src/platform/db/types.ts';
import type { Deps } from '../src/platform/deps.ts';
import { uuidv7 } from '../src/platform/ids.ts';
import { EXPORTER_ORG, exportApplication, IMPORT_AUTHORIZATION } from '../src/licensing/fixtures.ts';
import { addMonths, isoDay, type ApplicationContent } from '../src/licensing/model.ts';
import { applicationInputSchema, type ShipmentInput } from '../src/licensing/schemas.ts';
import { createLicensingService } from '../src/licensing/service.ts';
import { createServices } from '../src/modules.ts';
import { loadScreeningList } from '../test/support/screening-list.ts';

/** autocannon ships no types; this is the part used here. */
interface CannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  non2xx: number;
}
const autocannon = createRequire(import.meta.url)('autocannon') as (opts: Record<string, unknown>) => Promise<CannonResult>;

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const engine = arg('engine', 'pglite');
const LICENCES = Number(arg('licences', '10000'));
const SHIPMENTS = Number(arg('shipments', '100000'));
const BATCH = Number(arg('batch', '1000'));
const VERIFY_SECONDS = Number(arg('verify-seconds', '10'));
const PORT = Number(arg('port', '18140'));

async function openDb(): Promise<{ db: Db; close: () => Promise<void> }> {
  if (engine === 'pglite') {
    const db = await openPglite(undefined);
    await migrate(db);
    return { db, close: () => db.close() };
  }
  const { db, close } = await openScratchPostgres(process.env.TEST_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test', 'custodia_bench_lic', 8);
  return { db, close };
}

function rate(n: number, ms: number): string {
  return `${n} in ${(ms / 1000).toFixed(1)} s = ${((n * 1000) / ms).toFixed(0)}/s`;
}

/** Prepares `n` countersigned export cases with their evidence, set-based (not timed). */
async function prepareCases(db: Db, n: number, now: Date): Promise<string[]> {
  const content = applicationInputSchema.parse(exportApplication()) as ApplicationContent;
  const ids = Array.from({ length: n }, () => uuidv7());
  const docIds = ids.map(() => uuidv7());
  const docBytes = Buffer.from('KE import licence (bench)');
  const sha = createHash('sha256').update(docBytes).digest('hex');
  for (let start = 0; start < n; start += 2000) {
    const slice = ids.slice(start, start + 2000);
    const docs = docIds.slice(start, start + 2000);
    await db.transaction(async (t) => {
      await t.query(
        `INSERT INTO licensing_applications (id, reference, kind, status, organisation_id, applicant_name, export_country, import_country, content,
           assigned_officer, countersignature_required, recommendation, submitted_at, updated_at)
         SELECT id, 'XC-APP-BENCH-' || lpad(ord::text, 7, '0'), 'export', 'countersigned', $2::uuid, $3, 'ES', 'KE', $4::jsonb, 'bench', true, 'issue', $5, $5
         FROM unnest($1::uuid[]) WITH ORDINALITY AS u(id, ord)`,
        [slice, EXPORTER_ORG, content.applicant.name, JSON.stringify(content), now],
      );
      // Offsetting the reference by `start` keeps them unique across slices.
      await t.query(`UPDATE licensing_applications SET reference = reference || '-' || $2 WHERE id = ANY($1::uuid[])`, [slice, String(start)]);
      await t.query(
        `INSERT INTO licensing_documents (id, application_id, kind, filename, media_type, size_bytes, sha256, content, uploaded_at, uploaded_by)
         SELECT d, a, 'import_authorization', 'ke.txt', 'text/plain', $3, $4, $5, $6, 'bench' FROM unnest($1::uuid[], $2::uuid[]) AS u(d, a)`,
        [docs, slice, docBytes.length, sha, docBytes, now],
      );
      await t.query(
        `INSERT INTO licensing_import_authorizations (id, application_id, reference, issuing_state, issuing_authority, issue_date, expiry_date,
           document_id, document_sha256, goods, source, recorded_at)
         SELECT gen_random_uuid(), a, $3, 'KE', $4, $5, $6, d, $7, $8::jsonb, 'officer', $9 FROM unnest($1::uuid[], $2::uuid[]) AS u(a, d)`,
        [slice, docs, IMPORT_AUTHORIZATION.reference, IMPORT_AUTHORIZATION.issuingAuthority, IMPORT_AUTHORIZATION.issueDate, addMonths(isoDay(now), 12), sha, JSON.stringify(IMPORT_AUTHORIZATION.goods), now],
      );
      await t.query(
        `INSERT INTO licensing_transit_no_objections (id, application_id, state, reference, notice_date, document_id, document_sha256, source, recorded_at)
         SELECT gen_random_uuid(), a, 'TZ', 'TZ-NO-1', $3, d, $4, 'officer', $5 FROM unnest($1::uuid[], $2::uuid[]) AS u(a, d)`,
        [slice, docs, isoDay(now), sha, now],
      );
    });
  }
  return ids;
}

async function main(): Promise<void> {
  const keysDir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-bench-licensing-'));
  const { db, close } = await openDb();
  const log = { info() {}, warn() {}, error() {}, debug() {} };
  const deps: Deps = { db, clock: systemClock, config: testConfig({ keysDir, dataDir: '/tmp/custodia-licensing', publicUrl: `http://127.0.0.1:${PORT}` }), log };
  const svc = createLicensingService(deps, createServices(deps), { keys: () => loadNodeKeys({ keysDir }) });
  // Licences are issued only while a sanctions list is active.
  await loadScreeningList(createServices(deps).screening);
  const now = new Date();
  process.stdout.write(`licensing bench on ${engine} (${db.description}), ${os.cpus().length} CPUs, load ${os.loadavg()[0].toFixed(1)}\n`);

  let t0 = performance.now();
  const cases = await prepareCases(db, LICENCES, now);
  process.stdout.write(`prepared cases (set-based SQL, untimed for the figure): ${rate(cases.length, performance.now() - t0)}\n`);

  // 1. Issue: one transaction per licence, as an officer would. PostgreSQL gets 4 in flight (pool of 8).
  const numbers: string[] = [];
  const concurrency = engine === 'postgres' ? 4 : 1;
  t0 = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < cases.length) {
        const id = cases[next++];
        numbers.push((await svc.issueLicence(SYSTEM_ACTOR, id)).number);
      }
    }),
  );
  const issueMs = performance.now() - t0;
  process.stdout.write(`issue licences (gate + screening + snapshot + Ed25519 + audit, concurrency ${concurrency}): ${rate(numbers.length, issueMs)}\n`);

  // 2. Shipments in batches (customs feed), one line of 1 round each, spread over the licences.
  const day = isoDay(now);
  const shipment = (i: number): ShipmentInput => ({
    licenceNumber: numbers[i % numbers.length],
    shippedOn: day,
    exitPoint: 'ESVLC',
    carrier: { name: 'Maersk Line', country: 'DK' },
    lines: [{ lineNo: 2, quantity: 1 }],
    externalReference: `MRN-${i}`,
  });
  t0 = performance.now();
  let recorded = 0;
  for (let start = 0; start < SHIPMENTS; start += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, SHIPMENTS - start) }, (_, k) => shipment(start + k));
    recorded += (await svc.recordShipments(SYSTEM_ACTOR, batch)).length;
  }
  process.stdout.write(`record shipments in batches of ${BATCH} (checks, usage, audit, idempotency key): ${rate(recorded, performance.now() - t0)}\n`);

  const single = Math.min(500, SHIPMENTS);
  t0 = performance.now();
  for (let i = 0; i < single; i++) await svc.recordShipment(SYSTEM_ACTOR, shipment(SHIPMENTS + i));
  process.stdout.write(`record shipments one per transaction: ${rate(single, performance.now() - t0)}\n`);

  // 3. Public verification over HTTP.
  if (VERIFY_SECONDS <= 0) {
    await close();
    return;
  }
  // The bench measures the routes (the per-address limit still counts every request), not the limit: one
  // address here stands for many clients, and a real one gets CUSTODIA_VERIFY_RATE_LIMIT (30) a minute.
  process.env.CUSTODIA_VERIFY_RATE_LIMIT ??= '1000000000';
  const app = await buildApp({ deps });
  await app.listen({ port: PORT, host: '127.0.0.1' });
  const sample = numbers.slice(0, 1000);
  const token = (await svc.getLicence(SYSTEM_ACTOR, numbers[0])).token;
  for (const [title, opts] of [
    ['GET /api/v1/public/licences/:number/verification', { url: `http://127.0.0.1:${PORT}`, requests: sample.map((n) => ({ method: 'GET' as const, path: `/api/v1/public/licences/${n}/verification` })) }],
    [
      'POST /api/v1/public/licences/verify-token',
      { url: `http://127.0.0.1:${PORT}/api/v1/public/licences/verify-token`, method: 'POST' as const, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token, number: numbers[0] }) },
    ],
  ] as const) {
    const result = await autocannon({ ...opts, connections: 10, duration: VERIFY_SECONDS });
    const non2xx = result.non2xx;
    process.stdout.write(
      `${title}: ${result.requests.average.toFixed(0)} req/s average, latency p50 ${result.latency.p50} ms p99 ${result.latency.p99} ms (${result.requests.total} requests, ${non2xx} non-2xx)\n`,
    );
  }
  await app.close();
  await close();
  fs.rmSync(keysDir, { recursive: true, force: true });
}

await main();
