import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Role } from '../src/platform/auth/actor.ts';
import type { Db } from '../src/platform/db/types.ts';
import { createTestApp, type TestApp } from './support/app.ts';
import { describeEngines } from './support/engines.ts';
import { mutations, operationsOf, seededRng, type FuzzRequest } from './support/fuzz.ts';
import { CATALOG } from '../src/modules.ts';

/**
 * Malformed requests to every operation of the OpenAPI document, generated when the test runs (a new
 * route is covered without editing this file): wrong types, missing and extra members, huge strings,
 * control characters and NUL, invalid JSON, wrong content types, deep nesting, numbers out of range, bad
 * path segments. Each request authenticates as a role the operation's policy allows. Asserted for every
 * response: no status ≥ 500, problem+json on every 4xx, the security headers; and no row written by a
 * refused request (row counts of every table and the audit log compared before and after each request).
 *
 * The seed is random per run and printed with any failure; CUSTODIA_FUZZ_SEED=N reruns the same requests.
 */
const SEED = Number(process.env.CUSTODIA_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const ORGANISATION = '01900000-0000-7000-8000-000000000001';
const SECURITY_HEADERS = ['content-security-policy', 'x-content-type-options', 'x-frame-options', 'strict-transport-security', 'referrer-policy'];
/** Members of a body mutated per kind of mutation (wrong type, NUL, huge…): bounds the run to about a minute. */
const PER_KIND = 3;

/** One statement that counts the rows of every table (cheap here: the fuzzer's database stays small). */
async function rowCounter(db: Db): Promise<() => Promise<Record<string, number>>> {
  const tables = await db.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
  );
  const sql = `SELECT ${tables.map((t, i) => `(SELECT count(*) FROM "${t.name}")::int AS c${i}`).join(', ')}`;
  return async () => {
    const [row] = await db.query<Record<string, number>>(sql);
    return Object.fromEntries(tables.map((t, i) => [t.name, row[`c${i}`]]));
  };
}

function changed(before: Record<string, number>, after: Record<string, number>): string[] {
  return Object.keys(after).filter((t) => before[t] !== after[t]).map((t) => `${t} ${before[t]} → ${after[t]}`);
}

/** A role that may call the route: the administrator when it may, else the first role its policy names. */
function roleFor(permission: string | undefined, isPublic: boolean): Role {
  if (isPublic || !permission) return 'public';
  const roles = CATALOG.rolesFor(permission) ?? [];
  return roles.includes('administrator') ? 'administrator' : roles[0];
}

describeEngines('API fuzzer: malformed requests to every operation', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => {
    await t?.close();
  });

  it(`gets a clear 4xx and writes nothing (seed ${SEED})`, async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    const ops = operationsOf(doc);
    const routes = new Map(t.app.routeTable.map((r) => [`${r.method} ${r.url}`, r]));
    const counts = await rowCounter(t.deps.db);
    const rng = seededRng(SEED);
    const failures: string[] = [];
    let sent = 0;
    let before = await counts();
    const started = Date.now();

    for (const op of ops) {
      const route = routes.get(`${op.method} ${op.path.replace(/\{(\w+)\}/g, ':$1')}`);
      const role = roleFor(route?.permission, !route || route.public === true);
      // The first request of a role provisions its machine account: a write the requests below did not make.
      const auth = await t.headersFor(role, role === 'industry' ? ORGANISATION : null);
      before = await counts();
      for (const r of mutations(op, { rng, perKind: PER_KIND })) {
        const res = await t.app.inject({ method: r.method as 'GET', url: r.url, headers: { ...r.headers, ...auth }, payload: r.payload });
        sent++;
        // Accepted for background work (a bulk import): its writes belong to this request, so wait for it to end.
        if (res.statusCode === 202 && typeof res.headers.location === 'string') await settled(t, res.headers.location, auth);
        const after = await counts();
        const problems = check(r, res.statusCode, res.headers, res.body);
        const writes = changed(before, after);
        if (res.statusCode >= 400 && writes.length) problems.push(`refused (${res.statusCode}) but wrote: ${writes.join(', ')}`);
        before = after;
        if (problems.length) failures.push(`${op.method} ${op.path} as ${role} [${r.label}] → ${res.statusCode}: ${problems.join('; ')}`);
      }
    }
    const seconds = (Date.now() - started) / 1000;
    console.info(`API fuzzer [${engine}]: ${sent} requests over ${ops.length} operations in ${seconds.toFixed(1)} s, seed ${SEED}`);
    expect(ops.length).toBeGreaterThan(90);
    expect(failures, `seed ${SEED} (rerun with CUSTODIA_FUZZ_SEED=${SEED}); ${failures.length} of ${sent} requests failed`).toEqual([]);
  }, 300_000);
});

/** Follows a background job until it is no longer running (a condition, not a clock). */
async function settled(t: TestApp, location: string, headers: Record<string, string>): Promise<void> {
  for (;;) {
    const job = await t.app.inject({ method: 'GET', url: location, headers });
    if (job.statusCode !== 200 || !['queued', 'running'].includes(job.json().status)) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function check(r: FuzzRequest, status: number, headers: Record<string, unknown>, body: string): string[] {
  const problems: string[] = [];
  if (status >= 500) problems.push(`server error ${body.slice(0, 200)}`);
  if (status >= 400 && !String(headers['content-type'] ?? '').startsWith('application/problem+json')) {
    problems.push(`not problem+json (${String(headers['content-type'])}): ${body.slice(0, 120)}`);
  }
  const missing = SECURITY_HEADERS.filter((h) => headers[h] === undefined);
  if (missing.length) problems.push(`missing headers ${missing.join(', ')}`);
  // Unknown members are refused in every module (a typo would otherwise drop data silently).
  if (r.extraMember && status !== 400 && status !== 429) problems.push(`an unknown member was not refused with 400`);
  if (r.nulField !== undefined && status !== 429) {
    const named = status === 400 && (JSON.parse(body).errors ?? []).some((e: { field: string }) => e.field === r.nulField);
    if (!named) problems.push(`NUL in ${r.nulField} not refused with 400 naming it: ${body.slice(0, 160)}`);
  }
  return problems;
}
