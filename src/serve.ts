import { SYSTEM_ACTOR } from './platform/auth/actor.ts';
import pino from 'pino';
import { announceInitialAdministrator } from './accounts/cli.ts';
import { buildApp } from './app.ts';
import { startCheckpointTimer } from './audit/service.ts';
import { startSenderLoop } from './exchange/outbox.ts';
import type { ExchangeService } from './exchange/service.ts';
import { createServices } from './modules.ts';
import { systemClock } from './platform/clock.ts';
import { loadConfig } from './platform/config.ts';
import { openDatabase } from './platform/db/open.ts';
import { openPostgres } from './platform/db/postgres.ts';
import { createReadRouting } from './platform/db/replica.ts';
import type { Deps } from './platform/deps.ts';
import { assertPortFree, portError, PortInUseError } from './platform/http/port.ts';
import { contextLogger } from './platform/http/request-context.ts';
import { batchedJsonLogger, terminalLogStream } from './platform/log-format.ts';
import { createMetrics, instrumentDb, startMetricsListener, type MetricsSource } from './platform/metrics.ts';
import { createProgressBar, formatDuration } from './platform/progress.ts';
import { loadDemo } from './registry/demo/load.ts';
import { isServerWorker, serveWorker, serverProcesses, startWorkers } from './workers.ts';
import { publicUrlWarning } from './licensing/settings.ts';

/** `custodia start`: the server (loaded only when it is started, so the other commands and --help stay quick). */

export interface ServeOptions {
  demo?: boolean;
}

export async function serve(options: ServeOptions = {}): Promise<void> {
  const config = loadConfig();
  // On a terminal the log is for people (one readable line each); anywhere else it is pino's JSON, written
  // in batches (log-format.ts): under load not one system call per line.
  const base = process.stdout.isTTY ? pino({ level: config.logLevel }, terminalLogStream()) : batchedJsonLogger(config.logLevel).logger;
  if (isServerWorker()) return serveWorker(config, base);
  // Before anything is created: a first start on a busy port would otherwise make the administrator and
  // print its one-time password, then fail to listen.
  await assertPortFree(config.host, config.port);
  const workers = serverProcesses(config, base);
  const log = contextLogger(base); // lines written while serving a request carry its reqId
  const opened = await openDatabase(config, 'custodia start', { thread: config.embeddedThread });
  const metrics = createMetrics({ processMetrics: true });
  const replica = config.databaseReadUrl ? instrumentDb(await openPostgres(config.databaseReadUrl, { connectTimeoutMs: 2_000, probe: false }), metrics, 'replica') : undefined;
  const reads = replica && createReadRouting(opened.db, replica, { maxLagSeconds: config.replicaMaxLagSeconds, onRoute: (target, reason) => metrics.dbReads.inc({ target, reason }) });
  const deps: Deps = { db: reads?.primary ?? opened.db, reads, clock: systemClock, config, log };
  // This process's own work outside requests (the first administrator, checkpoints) uses services built
  // once from the module list; the app builds its own over the instrumented database (and workers theirs).
  const services = createServices(deps);
  const createdAdministrator = await announceInitialAdministrator(services.accounts, deps);
  // Licences printed now carry this address in their QR code: say so while it is still localhost.
  const urlWarning = publicUrlWarning(process.env, config.publicUrl);
  if (urlWarning) log.warn({ publicUrl: config.publicUrl }, urlWarning);
  /** A listen that fails after all (another program took the port since the check) says how to go on. */
  const listenError = (err: unknown) => {
    const e = portError(err, config.host, config.port);
    if (e instanceof PortInUseError && createdAdministrator) e.message += '. The administrator was created with the one-time password shown above; if it is lost, `custodia users create-admin NAME` makes another.';
    return e;
  };
  if (options.demo) {
    // Loaded only into an empty registry, so restarting with --demo never duplicates it.
    const bar = createProgressBar();
    const demo = await loadDemo(deps, { onProgress: (done, total) => bar.update({ done, total, count: done, unit: 'items' }) });
    if (demo.loaded) bar.done({ done: demo.items, total: demo.items, count: demo.items, unit: 'items' }, `Demonstration State loaded in ${formatDuration(demo.ms / 1000)}.`);
    log.info(demo.loaded ? { items: demo.items, parties: demo.parties, ms: demo.ms } : { skipped: demo.reason }, 'demonstration State (fictional)');
    if (demo.loaded) {
      // Its past transfers for the reports and charts: it stands for Spain in the SIPRI and EU registers.
      const { loadDemoHistory } = await import('./reporting/demo-history.ts');
      const history = await loadDemoHistory(services.reporting, SYSTEM_ACTOR);
      log.info({ files: history.files.map((f) => ({ file: f.fileName, status: f.status, ...f.counts })) }, 'demonstration State: historical transfers (SIPRI, EU annual reports)');
    }
  }
  // Who answers HTTP: N worker processes on the shared port (this process keeps the timers and the metrics
  // listener, and reads the workers' metrics), or this process itself. Everything else is the same list,
  // started and stopped in one order for both.
  const http: { listen(): Promise<void>; close(): Promise<void>; metrics?: MetricsSource } =
    workers > 1
      ? await startWorkers(workers, base).then(
          (pool) => ({ listen: async () => undefined, close: () => pool.stop(), metrics: pool.metrics }),
          (err: unknown) => {
            throw listenError(err);
          },
        )
      : await buildApp({ deps, loggerInstance: base, metrics }).then((app) => ({
          listen: async () => {
            await app.listen({ port: config.port, host: config.host }).catch((err: unknown) => {
              throw listenError(err);
            });
          },
          close: () => app.close(),
        }));
  const metricsListener = config.metricsPort !== undefined ? await startMetricsListener(metrics, config, http.metrics) : undefined;
  // Signed audit checkpoints at least every minute when there were writes (issue 3).
  const checkpointTimer = startCheckpointTimer(services.audit, deps);
  const exchangeSender = startExchangeSender(services.exchange, log);
  const shutdown = async (signal: string) => {
    log.info({ signal }, 'shutting down');
    await checkpointTimer.stop();
    await exchangeSender.stop();
    await http.close();
    await metricsListener?.close();
    await replica?.close();
    await opened.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  await http.listen();
  log.info(
    {
      url: `http://${config.host}:${config.port}`,
      ...(workers > 1 ? { workers } : {}),
      database: opened.db.description,
      replica: replica?.description,
      metrics: metricsListener ? `http://${config.metricsHost}:${config.metricsPort}/metrics` : undefined,
      state: config.state,
    },
    'Custodia is running',
  );
}

/** State-to-State envelopes waiting in the outbox are delivered from the table, so a restart resumes them. */
function startExchangeSender(exchange: ExchangeService, log: Parameters<typeof startSenderLoop>[2]) {
  return startSenderLoop(() => exchange.deliverDue(), exchange.settings.pollMs, log);
}
