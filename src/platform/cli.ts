import pino from 'pino';
import { systemClock } from './clock.ts';
import { loadConfig, type Config } from './config.ts';
import { openDatabase } from './db/open.ts';
import type { Deps } from './deps.ts';
import { buildServices, type AnyModule, type Catalog, type CommandContext } from './module.ts';

/**
 * The one way a `custodia …` command gets its dependencies. Commands print their results on stdout, so
 * the log goes to stderr, and only warnings unless LOG_LEVEL asks for more detail than `info`.
 */
export function cliLogger(config: Pick<Config, 'logLevel'>): Deps['log'] {
  return pino({ level: config.logLevel === 'info' ? 'warn' : config.logLevel }, pino.destination(2));
}

/**
 * What `module`'s commands receive: `run` opens the database named by the environment through
 * openDatabase() (which takes the data-directory lock, so a command refuses while a server holds an
 * embedded database), builds every service of the list once, and closes the database however `fn` ends.
 */
export function commandContext<S>(modules: readonly AnyModule[], catalog: Catalog, module: AnyModule): CommandContext<S> {
  return {
    catalog,
    async run(command, fn) {
      const config = loadConfig();
      const opened = await openDatabase(config, command);
      try {
        const deps: Deps = { db: opened.db, clock: systemClock, config, log: cliLogger(config) };
        const services = buildServices(modules, deps, catalog) as Record<string, unknown>;
        return await fn({ deps, service: services[module.name] as S, services });
      } finally {
        await opened.close();
      }
    },
  };
}
