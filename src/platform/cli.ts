import pino from 'pino';
import { systemClock } from './clock.ts';
import { loadConfig, type Config } from './config.ts';
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
      // Loaded here, not at the top: declaring the commands (--help) must not load the database drivers.
      const { openDatabase } = await import('./db/open.ts');
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

/**
 * A CommandContext for a command declared before the module list is loaded (src/commands.ts): the list
 * and its catalog are loaded by `load` the first time a command runs (main.ts awaits it before any action),
 * so declaring the commands — `custodia --help` — loads none of the modules.
 */
export function lazyCommandContext<S>(load: () => { modules: readonly AnyModule[]; catalog: Catalog } | undefined, moduleName: string): CommandContext<S> {
  const loaded = () => {
    const l = load();
    if (!l) throw new Error(`the module list is not loaded yet (command of ${moduleName})`);
    const module = l.modules.find((m) => m.name === moduleName);
    if (!module) throw new Error(`no module ${moduleName} in the module list`);
    return { ...l, module };
  };
  return {
    get catalog() {
      return loaded().catalog;
    },
    run(command, fn) {
      const { modules, catalog, module } = loaded();
      return commandContext<S>(modules, catalog, module).run(command, fn);
    },
  };
}
