import cluster from 'node:cluster';
import type { FastifyBaseLogger } from 'fastify';
import client from 'prom-client';
import { buildApp } from './app.ts';
import { systemClock } from './platform/clock.ts';
import type { Config } from './platform/config.ts';
import { openPostgres } from './platform/db/postgres.ts';
import type { Deps } from './platform/deps.ts';
import { contextLogger } from './platform/http/request-context.ts';
import { createMetrics, type MetricsSource } from './platform/metrics.ts';

/**
 * CUSTODIA_WORKERS=N: N server processes (node:cluster) answering HTTP on one port, on PostgreSQL.
 * The primary process migrates, announces the first administrator, loads the demo, signs the audit
 * checkpoints and serves the metrics listener (every worker's series summed); the workers only serve
 * requests. The embedded database lives inside one process, so there it stays one process.
 */

/** How many server processes to run: CUSTODIA_WORKERS, or 1 (with a warning) on the embedded database or with a replica. */
export function serverProcesses(config: Config, log: FastifyBaseLogger): number {
  if (config.workers > 1 && !config.databaseUrl) {
    log.warn(
      { workers: config.workers },
      `CUSTODIA_WORKERS=${config.workers} ignored: the embedded database is served by one process. Set DATABASE_URL (PostgreSQL) to run several (docs/scaling.md).`,
    );
    return 1;
  }
  if (config.workers > 1 && config.databaseReadUrl) {
    // Read-your-writes on the replica needs each user's last write position, which one process notes;
    // node:cluster spreads connections over the workers, so one user's next read may reach another one.
    log.warn(
      { workers: config.workers },
      `CUSTODIA_WORKERS=${config.workers} ignored: with DATABASE_READ_URL one process must see a user's writes and reads. Run several nodes behind a load balancer with sticky sessions instead (docs/scaling.md).`,
    );
    return 1;
  }
  return config.workers;
}

export function isServerWorker(): boolean {
  return cluster.isWorker;
}

/** A worker: opens its own pools (the primary has migrated) and serves the API on the shared port. */
export async function serveWorker(config: Config, base: FastifyBaseLogger): Promise<void> {
  if (!config.databaseUrl) throw new Error('a server worker needs DATABASE_URL');
  const logger = base.child({ worker: cluster.worker?.id });
  const log = contextLogger(logger);
  const metrics = createMetrics({ processMetrics: true });
  // What this worker answers when the primary collects the cluster's metrics.
  // (constructing one installs the worker's answer to the primary's request).
  client.AggregatorRegistry.setRegistries([metrics.registry]);
  new client.AggregatorRegistry();
  const db = await openPostgres(config.databaseUrl);
  // No replica here: serverProcesses() runs one process when DATABASE_READ_URL is set.
  const deps: Deps = { db, clock: systemClock, config, log };
  const app = await buildApp({ deps, loggerInstance: logger, metrics });
  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
  // The primary went away: finish what is in flight and stop.
  process.once('disconnect', () => void shutdown());
  await app.listen({ port: config.port, host: config.host });
}

export interface WorkerPool {
  /** Every worker's metrics summed (histograms and counters added; database-derived gauges taken once). */
  metrics: MetricsSource;
  stop(): Promise<void>;
}

/**
 * Primary: starts n workers and resolves once all listen; a worker that dies later is replaced (after a
 * second, so a crash loop cannot spin). A worker that dies before listening fails the start.
 */
export async function startWorkers(n: number, log: FastifyBaseLogger): Promise<WorkerPool> {
  let stopping = false;
  const fork = () => cluster.fork({ CUSTODIA_SKIP_WEB_BUILD: 'true' });
  await new Promise<void>((resolve, reject) => {
    let listening = 0;
    const onListening = () => {
      if (++listening === n) {
        cluster.off('exit', onEarlyExit);
        cluster.off('listening', onListening);
        resolve();
      }
    };
    const onEarlyExit = (worker: { id: number }, code: number | null) => {
      cluster.off('listening', onListening);
      cluster.off('exit', onEarlyExit);
      stopping = true;
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
      reject(new Error(`server worker ${worker.id} exited (code ${code}) before listening; see its log lines above`));
    };
    cluster.on('listening', onListening);
    cluster.on('exit', onEarlyExit);
    for (let i = 0; i < n; i++) fork();
  });
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    log.error({ worker: worker.id, code, signal }, 'server worker exited; starting another');
    setTimeout(() => {
      if (!stopping) fork();
    }, 1000);
  });
  const aggregator = new client.AggregatorRegistry();
  return {
    metrics: { contentType: aggregator.contentType, metrics: () => aggregator.clusterMetrics() },
    async stop() {
      stopping = true;
      const running = Object.values(cluster.workers ?? {}).filter((w) => w !== undefined);
      await Promise.all(
        running.map(
          (w) =>
            new Promise<void>((resolve) => {
              if (w.isDead()) return resolve();
              const kill = setTimeout(() => w.process.kill('SIGKILL'), 10_000);
              w.once('exit', () => {
                clearTimeout(kill);
                resolve();
              });
              w.process.kill('SIGTERM');
            }),
        ),
      );
    },
  };
}
