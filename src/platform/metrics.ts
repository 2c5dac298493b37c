import { createHash, timingSafeEqual } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import client from 'prom-client';
import type { Config } from './config.ts';
import type { Db, Queryable, Tx } from './db/types.ts';
import { NotFoundError, UnauthorizedError } from './http/errors.ts';

/**
 * Prometheus metrics (prom-client). One registry per application instance, so tests that build several
 * apps never see each other's series. The platform measures requests and the database; modules add
 * gauges read at scrape time (see operations/metrics.ts).
 */
export interface Metrics {
  registry: client.Registry;
  httpDuration: client.Histogram<'method' | 'route' | 'status_code'>;
  dbQueryDuration: client.Histogram<'pool' | 'kind'>;
  dbReads: client.Counter<'target' | 'reason'>;
}

export function createMetrics(options: { processMetrics?: boolean } = {}): Metrics {
  const registry = new client.Registry();
  if (options.processMetrics) client.collectDefaultMetrics({ register: registry, prefix: 'custodia_' });
  return {
    registry,
    httpDuration: new client.Histogram({
      name: 'custodia_http_request_duration_seconds',
      help: 'HTTP requests by route template, method and status code',
      labelNames: ['method', 'route', 'status_code'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    dbQueryDuration: new client.Histogram({
      name: 'custodia_db_query_duration_seconds',
      help: 'Database statements (query) and whole transactions (transaction), by pool',
      labelNames: ['pool', 'kind'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5, 30],
      registers: [registry],
    }),
    dbReads: new client.Counter({
      name: 'custodia_db_routed_reads_total',
      help: 'Reads that may use the replica, by where they went and why (replica, own-write, lag, down, absent)',
      labelNames: ['target', 'reason'],
      registers: [registry],
    }),
  };
}

/** Records every request's duration under its route template (never the raw URL: bounded label values). */
export function installRequestMetrics(app: FastifyInstance, metrics: Metrics): void {
  app.addHook('onResponse', (request, reply, done) => {
    metrics.httpDuration.observe(
      { method: request.method, route: request.routeOptions.url ?? 'unmatched', status_code: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
    done();
  });
}

function timed(q: Queryable, metrics: Metrics, pool: string): Queryable {
  return {
    engine: q.engine,
    async query(text, params, options) {
      const end = metrics.dbQueryDuration.startTimer({ pool, kind: 'query' });
      try {
        return await q.query(text, params, options);
      } finally {
        end();
      }
    },
    async exec(script) {
      const end = metrics.dbQueryDuration.startTimer({ pool, kind: 'query' });
      try {
        return await q.exec(script);
      } finally {
        end();
      }
    },
    // Forwarded so that bulk writes through an instrumented database still use COPY.
    copyFrom: q.copyFrom
      ? async (table, columns, rows) => {
          const end = metrics.dbQueryDuration.startTimer({ pool, kind: 'query' });
          try {
            return await q.copyFrom!(table, columns, rows);
          } finally {
            end();
          }
        }
      : undefined,
  } as Queryable;
}

/** The same database, with every statement and transaction timed. */
export function instrumentDb(db: Db, metrics: Metrics, pool = 'primary'): Db {
  const base = timed(db, metrics, pool);
  return {
    ...db,
    query: base.query,
    exec: base.exec,
    copyFrom: base.copyFrom,
    async transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
      const end = metrics.dbQueryDuration.startTimer({ pool, kind: 'transaction' });
      try {
        return await db.transaction((tx) => fn(timed(tx, metrics, pool)));
      } finally {
        end();
      }
    },
  };
}

/** Connection-pool gauges for a database that reports them (PostgreSQL). */
export function registerPoolGauges(metrics: Metrics, pools: Record<string, Db | undefined>): void {
  new client.Gauge({
    name: 'custodia_db_pool_connections',
    help: 'Database pool connections by pool and state (total, idle, waiting = requests queued for a connection)',
    labelNames: ['pool', 'state'],
    registers: [metrics.registry],
    collect() {
      for (const [pool, db] of Object.entries(pools)) {
        const s = db?.poolStats?.();
        if (!s) continue;
        this.set({ pool, state: 'total' }, s.total);
        this.set({ pool, state: 'idle' }, s.idle);
        this.set({ pool, state: 'waiting' }, s.waiting);
      }
    },
  });
}

function digest(s: string): Buffer {
  return createHash('sha256').update(s).digest();
}

/**
 * GET /metrics on the main listener: with CUSTODIA_METRICS_TOKEN set, only with `Authorization: Bearer
 * <that token>`; without it, 404 (a separate listener, CUSTODIA_METRICS_PORT, serves it without a token on
 * an interface of its own).
 */
export async function metricsRoutes(app: FastifyInstance, opts: { metrics: Metrics; config: Config; requireToken: boolean; source?: MetricsSource }): Promise<void> {
  const source = opts.source ?? opts.metrics.registry;
  const expected = opts.config.metricsToken ? digest(opts.config.metricsToken) : undefined;
  const schema = {
    tags: ['operations'],
    summary: 'Prometheus metrics (text format): requests, database, audit log, checkpoints, imports, screening',
    description:
      'Not an API-token route: with CUSTODIA_METRICS_TOKEN set, send `Authorization: Bearer <that token>`; without it this listener answers 404 ' +
      '(CUSTODIA_METRICS_PORT serves it without a token on a separate interface). See docs/operations.md.',
    security: [],
  };
  app.get('/metrics', { config: { public: true, ownCredentials: true }, schema }, async (request, reply) => {
    if (opts.requireToken && !expected) throw new NotFoundError('Route', 'GET /metrics (set CUSTODIA_METRICS_TOKEN or CUSTODIA_METRICS_PORT to publish metrics)');
    if (opts.requireToken) {
      const m = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
      if (!expected || !m || !timingSafeEqual(digest(m[1]), expected)) {
        reply.header('www-authenticate', 'Bearer realm="metrics"');
        throw new UnauthorizedError('GET /metrics needs the metrics token (CUSTODIA_METRICS_TOKEN) as a bearer token.');
      }
    }
    return reply.type(source.contentType).send(await source.metrics());
  });
}

/** What /metrics renders: one registry, or every worker's summed (workers.ts). */
export interface MetricsSource {
  contentType: string;
  metrics(): Promise<string>;
}

/** CUSTODIA_METRICS_PORT: /metrics alone, without a token, on its own interface (CUSTODIA_METRICS_HOST). */
export async function startMetricsListener(metrics: Metrics, config: Config, source?: MetricsSource): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  await app.register(metricsRoutes, { metrics, config, requireToken: false, source });
  await app.listen({ port: config.metricsPort ?? 0, host: config.metricsHost });
  return app;
}
