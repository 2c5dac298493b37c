import { Command } from 'commander';
import { MODULE_COMMANDS } from './commands.ts';
import { registerKeysCommands } from './platform/crypto/cli.ts';
import { lazyCommandContext } from './platform/cli.ts';
import { DataDirLockedError } from './platform/db/lock.ts';
import { AppError } from './platform/http/errors.ts';
import { PortInUseError } from './platform/http/port.ts';
import type { AnyModule, Catalog } from './platform/module.ts';
import { CUSTODIA_VERSION } from './platform/version.ts';

export type { ServeOptions } from './serve.ts';

/** The module list and its catalog, loaded when a command runs (never to declare the commands). */
let moduleList: { modules: readonly AnyModule[]; catalog: Catalog } | undefined;

async function loadModuleList(): Promise<void> {
  if (moduleList) return;
  const { MODULES, CATALOG } = await import('./modules.ts');
  moduleList = { modules: MODULES, catalog: CATALOG };
}

/**
 * The `custodia` command line. Each module adds its own commands from its `cli.ts`
 * (e.g. `custodia import items FILE`, listed in commands.ts); this file only wires them and reports
 * errors plainly. Declaring them loads no module, so `--help` and `--version` answer at once.
 */
export function buildProgram(): Command {
  const program = new Command('custodia')
    .description('Custodia: national firearms control system')
    .version(CUSTODIA_VERSION, '-V, --version', 'print the version')
    .showHelpAfterError()
    .hook('preAction', loadModuleList);

  program
    .command('start')
    .alias('serve')
    .description('start the server (embedded database unless DATABASE_URL is set)')
    .option('--demo', 'load the demonstration State first if the database is empty')
    .action(async (opts: { demo?: boolean }) => {
      const { serve } = await import('./serve.ts');
      await serve({ demo: Boolean(opts.demo) });
    });

  // Every module's commands; each gets the one way to open the node (platform/cli.ts).
  for (const m of MODULE_COMMANDS) m.commands(program, lazyCommandContext(() => moduleList, m.module));
  // `keys rotate` announces the new keys through the exchange's outbox (which opens the database).
  registerKeysCommands(program, lazyCommandContext(() => moduleList, 'exchange'));

  return program;
}

/** A file named on the command line that cannot be read: the operator's mistake, said in one line. */
function fileProblem(err: unknown): string | null {
  const e = err as NodeJS.ErrnoException;
  if (!e || typeof e.code !== 'string' || typeof e.path !== 'string') return null;
  const why: Record<string, string> = { ENOENT: 'no such file or directory', EACCES: 'permission denied', EISDIR: 'is a directory', ENOTDIR: 'a part of the path is not a directory', EPERM: 'operation not permitted' };
  return why[e.code] ? `${e.path}: ${why[e.code]}` : null;
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
    if (err instanceof PortInUseError) {
      process.stderr.write(`custodia: ${err.message}\n`);
      process.exit(4);
    }
    if (err instanceof AppError) {
      process.stderr.write(`custodia: ${err.title}: ${err.detail ?? ''}\n`);
      for (const e of err.errors) process.stderr.write(`  ${e.line ? `line ${e.line}, ` : ''}${e.field}: ${e.message}\n`);
      process.exit(2);
    }
    const file = fileProblem(err);
    if (file) {
      process.stderr.write(`custodia: ${file}\n`);
      process.exit(2);
    }
    process.stderr.write(`custodia: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  }
}
