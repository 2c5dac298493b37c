import { Command } from 'commander';
import pino from 'pino';
import { loadConfig } from './platform/config.ts';
import { systemClock } from './platform/clock.ts';
import { openDatabase } from './platform/db/open.ts';
import { openPostgres } from './platform/db/postgres.ts';
import { createReadRouting } from './platform/db/replica.ts';
import { contextLogger } from './platform/http/request-context.ts';
import { createMetrics, instrumentDb, startMetricsListener } from './platform/metrics.ts';
import { DataDirLockedError } from './platform/db/lock.ts';
import { AppError } from './platform/http/errors.ts';
import { buildApp } from './app.ts';
import type { Deps } from './platform/deps.ts';
import { announceInitialAdministrator } from './accounts/cli.ts';
import { registerKeysCommands } from './platform/crypto/cli.ts';
import { commandContext } from './platform/cli.ts';
import type { AnyModule } from './platform/module.ts';
import { loadDemo } from './registry/demo/load.ts';
import { startCheckpointTimer } from './audit/service.ts';
import { startSenderLoop } from './exchange/outbox.ts';
import type { ExchangeService } from './exchange/service.ts';

import { isServerWorker, serveWorker, serverProcesses, startWorkers } from './workers.ts';
import { CATALOG, MODULES, createServices } from './modules.ts';

/**
 * The `custodia` command line. Each module adds its own commands from its `cli.ts`
 * (e.g. `custodia import items FILE`); this file only wires them and reports errors plainly.
 */
export function buildProgram(): Command {
  const program = new Command('custodia').description('Custodia: national firearms control system').showHelpAfterError();

  program
    .command('start')
    .alias('serve')
    .description('start the server (embedded database unless DATABASE_URL is set)')
    .option('--demo', 'load the demonstration State first if the database is empty')
    .action(async (opts: { demo?: boolean }) => {
      await serve({ demo: Boolean(opts.demo) });
    });

  // Every module's commands, from the module list; each gets the one way to open the node (platform/cli.ts).
  const modules: readonly AnyModule[] = MODULES;
  for (const m of modules) m.commands?.(program, commandContext(modules, CATALOG, m));
  registerKeysCommands(program);

  return program;
}

export interface ServeOptions {
  demo?: boolean;
}

export async function serve(options: ServeOptions = {}): Promise<void> {
  const config = loadConfig();
  // Asynchronous stdout: under load the lines go out in batches, not one system call per line.
  const base = pino({ level: config.logLevel }, pino.destination({ dest: 1, sync: false }));
  if (isServerWorker()) return serveWorker(config, base);
  const workers = serverProcesses(config, base);
  const log = contextLogger(base); // lines written while serving a request carry its reqId
  const opened = await openDatabase(config, 'custodia start');
  const metrics = createMetrics({ processMetrics: true });
  const replica = config.databaseReadUrl ? instrumentDb(await openPostgres(config.databaseReadUrl, { connectTimeoutMs: 2_000, probe: false }), metrics, 'replica') : undefined;
  const reads = replica && createReadRouting(opened.db, replica, { maxLagSeconds: config.replicaMaxLagSeconds, onRoute: (target, reason) => metrics.dbReads.inc({ target, reason }) });
  const deps: Deps = { db: reads?.primary ?? opened.db, reads, clock: systemClock, config, log };
  // This process's own work outside requests (the first administrator, checkpoints) uses services built
  // once from the module list; the app builds its own over the instrumented database (and workers theirs).
  const services = createServices(deps);
  await announceInitialAdministrator(services.accounts, deps);
  if (options.demo) {
    // Loaded only into an empty registry, so restarting with --demo never duplicates it.
    const demo = await loadDemo(deps);
    log.info(demo.loaded ? { items: demo.items, parties: demo.parties, ms: demo.ms } : { skipped: demo.reason }, 'demonstration State (fictional)');
  }
  if (workers > 1) {
    // The workers answer HTTP on the shared port; this process keeps the timers and the metrics listener.
    const checkpointTimer = startCheckpointTimer(services.audit, deps);
    const exchangeSender = startExchangeSender(services.exchange, log);
    const pool = await startWorkers(workers, base);
    const metricsListener = config.metricsPort !== undefined ? await startMetricsListener(metrics, config, pool.metrics) : undefined;
    const shutdown = async (signal: string) => {
      log.info({ signal }, 'shutting down');
      await pool.stop();
      await checkpointTimer.stop();
      await exchangeSender.stop();
      await metricsListener?.close();
      await replica?.close();
      await opened.close();
      process.exit(0);
    };
    process.once('SIGINT', () => void shutdown('SIGINT'));
    process.once('SIGTERM', () => void shutdown('SIGTERM'));
    log.info({ url: `http://${config.host}:${config.port}`, workers, database: opened.db.description, state: config.state }, 'Custodia is running');
    return;
  }
  const app = await buildApp({ deps, loggerInstance: base, metrics });
  const metricsListener = config.metricsPort !== undefined ? await startMetricsListener(metrics, config) : undefined;
  // Signed audit checkpoints at least every minute when there were writes (issue 3).
  const checkpointTimer = startCheckpointTimer(services.audit, deps);
  const exchangeSender = startExchangeSender(services.exchange, log);
  const shutdown = async (signal: string) => {
    log.info({ signal }, 'shutting down');
    await checkpointTimer.stop();
    await exchangeSender.stop();
    await app.close();
    await metricsListener?.close();
    await replica?.close();
    await opened.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  log.info(
    { url: `http://${config.host}:${config.port}`, database: opened.db.description, replica: replica?.description, metrics: metricsListener ? `http://${config.metricsHost}:${config.metricsPort}/metrics` : undefined, state: config.state },
    'Custodia is running',
  );
}

export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof DataDirLockedError) {
      process.stderr.write(`custodia: ${err.message}\n`);
      process.exit(3);
    }
    if (err instanceof AppError) {
      process.stderr.write(`custodia: ${err.title}: ${err.detail ?? ''}\n`);
      for (const e of err.errors) process.stderr.write(`  ${e.line ? `line ${e.line}, ` : ''}${e.field}: ${e.message}\n`);
      process.exit(2);
    }
    process.stderr.write(`custodia: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  }
}

/** State-to-State envelopes waiting in the outbox are delivered from the table, so a restart resumes them. */
function startExchangeSender(exchange: ExchangeService, log: Parameters<typeof startSenderLoop>[2]) {
  return startSenderLoop(() => exchange.deliverDue(), exchange.settings.pollMs, log);
}
