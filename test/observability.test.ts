import { Readable } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createAuditService } from '../src/audit/service.ts';
import { SYSTEM_ACTOR } from '../src/platform/auth/actor.ts';
import { buildApp } from '../src/app.ts';
import { openPglite } from '../src/platform/db/pglite.ts';
import { startMetricsListener } from '../src/platform/metrics.ts';
import { createImportService } from '../src/registry/import/service.ts';
import { createScreeningService } from '../src/screening/service.ts';
import { createTestApp, type TestApp } from './support/app.ts';
import { describeEngines } from './support/engines.ts';
import { CATALOG, createServices } from '../src/modules.ts';

const TOKEN = 'metrics-token-0123456789';

/** The value of one series in a Prometheus text exposition (undefined when absent). */
function sample(text: string, series: string): number | undefined {
  for (const line of text.split('\n')) {
    if (line.startsWith(`${series} `)) return Number(line.slice(series.length + 1));
  }
  return undefined;
}

describeEngines('metrics, readiness and request ids', (engine) => {
  let t: TestApp;
  let plain: TestApp;

  beforeAll(async () => {
    t = await createTestApp(engine, { metricsToken: TOKEN });
    plain = await createTestApp(engine);
  });
  afterAll(async () => {
    await t?.close();
    await plain?.close();
  });

  const scrape = async (headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` }) => t.app.inject({ method: 'GET', url: '/metrics', headers });

  it('has no /metrics unless configured, and with a token refuses anyone without it', async () => {
    expect((await plain.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(404);
    const anonymous = await scrape({});
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['content-type']).toContain('application/problem+json');
    expect((await scrape({ authorization: 'Bearer metrics-token-wrong-guess' })).statusCode).toBe(401);
    // An administrator's API token is not the metrics token.
    expect((await scrape(await t.headersFor('administrator'))).statusCode).toBe(401);
    const ok = await scrape();
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['content-type']).toContain('text/plain');
  });

  it('measures requests by route template and status, and database statements', async () => {
    const headers = await t.headersFor('auditor');
    const missing = '01900000-0000-7000-8000-000000000000';
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/registry/items/${missing}`, headers })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/registry/items?serial=ABC123', headers })).statusCode).toBe(200);
    const text = (await scrape()).body;
    expect(sample(text, 'custodia_http_request_duration_seconds_count{method="GET",route="/api/v1/registry/items/:id",status_code="404"}')).toBe(1);
    expect(sample(text, 'custodia_http_request_duration_seconds_count{method="GET",route="/api/v1/registry/items",status_code="200"}')).toBe(1);
    expect(text).not.toContain(missing);
    expect(sample(text, 'custodia_db_query_duration_seconds_count{pool="primary",kind="query"}')).toBeGreaterThan(0);
    expect(sample(text, 'custodia_db_query_duration_seconds_count{pool="primary",kind="transaction"}')).toBeGreaterThan(0);
    if (engine === 'postgres') expect(sample(text, 'custodia_db_pool_connections{pool="primary",state="total"}')).toBeGreaterThan(0);
    else expect(text).not.toContain('custodia_db_pool_connections{');
  });

  it('reports the audit log, checkpoints, import jobs and screening runs from the database', async () => {
    const csv = Buffer.from('kind,type,make,serial_number,country_of_manufacture\nfirearm,rifle,CZ,MET-1,CZ\n');
    const outcome = await createImportService(t.deps).importItems(SYSTEM_ACTOR, { fileName: 'm.csv', bytes: csv.length, open: () => Readable.from([csv]) });
    expect(outcome.job.status).toBe('completed');
    await createServices(t.deps).screening.screenName(SYSTEM_ACTOR, { name: 'Nobody In Particular' });
    const audit = createAuditService(t.deps, CATALOG);
    await audit.createCheckpoint(SYSTEM_ACTOR);
    t.deps.clock.advance(90_000);
    await createServices(t.deps).screening.screenName(SYSTEM_ACTOR, { name: 'Another Name' });
    const head = await audit.head(SYSTEM_ACTOR);

    const text = (await scrape()).body;
    expect(sample(text, 'custodia_metrics_database_read_ok')).toBe(1);
    expect(sample(text, 'custodia_audit_log_entries')).toBe(head.treeSize);
    expect(sample(text, 'custodia_audit_entries_since_checkpoint')).toBe(head.treeSize - head.latestCheckpoint!.treeSize);
    expect(sample(text, 'custodia_audit_checkpoint_age_seconds')).toBe(90);
    expect(sample(text, 'custodia_import_jobs{status="completed"}')).toBe(1);
    expect(sample(text, 'custodia_import_jobs{status="running"}')).toBe(0);
    expect(sample(text, 'custodia_screening_runs{purpose="name"}')).toBe(2);
  });

  it('serves /metrics without a token on a separate listener when CUSTODIA_METRICS_PORT is set', async () => {
    const listener = await startMetricsListener(t.app.metrics, { ...t.deps.config, metricsPort: 0, metricsHost: '127.0.0.1' });
    try {
      const { port } = listener.server.address() as { port: number };
      const res = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('custodia_audit_log_entries');
      expect((await fetch(`http://127.0.0.1:${port}/api/v1/registry/items`)).status).toBe(404);
    } finally {
      await listener.close();
    }
  });

  it('is ready when the database answers, every migration is applied and the keys load; says which check fails otherwise', async () => {
    const ready = await t.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', checks: { database: 'ok', migrations: 'ok', keys: 'ok' } });

    const [last] = await plain.deps.db.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name DESC LIMIT 1');
    await plain.deps.db.query('DELETE FROM schema_migrations WHERE name = $1', [last.name]);
    try {
      const pending = await plain.app.inject({ method: 'GET', url: '/readyz' });
      expect(pending.statusCode).toBe(503);
      expect(pending.json()).toEqual({ status: 'not ready', checks: { database: 'ok', migrations: 'failing', keys: 'ok' } });
    } finally {
      await plain.deps.db.query('INSERT INTO schema_migrations (name) VALUES ($1)', [last.name]);
    }

    const noKeys = await createTestApp(engine, { keysDir: '/dev/null/keys' });
    try {
      const res = await noKeys.app.inject({ method: 'GET', url: '/readyz' });
      expect(res.statusCode).toBe(503);
      expect(res.json().checks).toEqual({ database: 'ok', migrations: 'ok', keys: 'failing' });
    } finally {
      await noKeys.close();
    }

    // A database that no longer answers (closed under the app).
    const closed = await openPglite(undefined);
    await closed.close();
    const down = await buildApp({ deps: { ...t.deps, db: closed } });
    try {
      const res = await down.inject({ method: 'GET', url: '/readyz' });
      expect(res.statusCode).toBe(503);
      expect(res.json().checks).toEqual({ database: 'failing', migrations: 'failing', keys: 'ok' });
    } finally {
      await down.close();
    }
  });

  it('gives every response a request id, keeping a well-formed one from the proxy', async () => {
    const kept = await t.app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'proxy-7f3a.42' } });
    expect(kept.headers['x-request-id']).toBe('proxy-7f3a.42');
    const replaced = await t.app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'bad id\nforged line' } });
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const fresh = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(fresh.headers['x-request-id']).not.toBe(replaced.headers['x-request-id']);
  });
});
