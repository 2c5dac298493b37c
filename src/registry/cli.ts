import fs from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { stringify } from 'csv-stringify/sync';
import { cliActor } from '../platform/auth/actor.ts';
import { TEXT_ENCODINGS, type TextEncoding } from '../platform/encoding.ts';
import type { CommandContext } from '../platform/module.ts';
import { createProgressBar, formatDuration } from '../platform/progress.ts';
import type { ImportOutcome, ImportService } from './import/service.ts';
import type { RegistryService } from './service.ts';
import type { ReportingService } from '../reporting/service.ts';
import { DEFAULT_DEMO } from './demo/generate.ts';

/**
 * `custodia import items FILE [--partial]` and `custodia demo`. Both write, so both open the embedded
 * database through `cli.run`, which takes the data-directory lock: with a server running on the
 * same directory they refuse (main.ts prints DataDirLockedError's message and exits 3).
 */

export function errorFilePath(file: string): string {
  return `${file}.errors.csv`;
}

export function errorsCsv(outcome: ImportOutcome): string {
  return stringify(
    outcome.errors.map((e) => [e.line, e.column, e.code, e.message]),
    { header: true, columns: ['line', 'column', 'code', 'message'] },
  );
}

export async function importItemsCommand(cli: CommandContext<ImportService>, file: string, opts: { partial?: boolean; batchSize?: string; encoding?: TextEncoding }): Promise<number> {
  const abs = path.resolve(file);
  const stat = fs.statSync(abs);
  return cli.run(`custodia import items ${abs}`, async ({ deps, service }) => {
    const bar = createProgressBar();
    process.stderr.write(`Importing ${abs} (${(stat.size / 1e6).toFixed(1)} MB, ${opts.partial ? 'partial: valid rows are kept' : 'all-or-nothing'}) into ${deps.db.description}\n`);
    let last = { done: 0, total: stat.size, count: 0, invalid: 0 };
    const started = Date.now();
    const outcome = await service.importItems(
      cliActor(),
      { fileName: path.basename(abs), bytes: stat.size, open: () => fs.createReadStream(abs) },
      {
        partial: Boolean(opts.partial),
        encoding: opts.encoding,
        batchSize: opts.batchSize ? Number(opts.batchSize) : undefined,
        onProgress: (p) => {
          last = { done: p.bytesRead, total: p.bytesTotal, count: p.rowsTotal, invalid: p.rowsInvalid };
          bar.update(last);
        },
      },
    );
    const job = outcome.job;
    const errorFile = errorFilePath(abs);
    if (outcome.alreadyImported) {
      process.stderr.write(`This file was already imported by job ${job.id} on ${job.started_at.toISOString()} (${job.items_created} items): nothing to do.\n`);
      return 0;
    }
    bar.done(last, `Job ${job.id}: ${job.status} in ${formatDuration((Date.now() - started) / 1000)}.`);
    process.stderr.write(
      `  rows ${job.rows_total}, invalid ${job.rows_invalid}, items created ${job.items_created}, already registered ${job.items_existing}\n`,
    );
    if (job.message) process.stderr.write(`  ${job.message}\n`);
    if (outcome.errors.length) {
      fs.writeFileSync(errorFile, errorsCsv(outcome));
      process.stderr.write(`  Bad rows are listed in ${errorFile}\n`);
    } else if (fs.existsSync(errorFile)) {
      // A report from an earlier run of this file would now mislead.
      fs.rmSync(errorFile);
    }
    return job.status === 'completed' ? 0 : job.status === 'rejected' ? 2 : 1;
  });
}

export async function demoCommand(cli: CommandContext<RegistryService>, opts: { firearms?: string; seed?: string }): Promise<number> {
  return cli.run('custodia demo', async ({ deps, services }) => {
    const bar = createProgressBar();
    const started = Date.now();
    const { loadDemo } = await import('./demo/load.ts');
    const result = await loadDemo(deps, {
      firearms: opts.firearms ? Number(opts.firearms) : undefined,
      seed: opts.seed ? Number(opts.seed) : undefined,
      onProgress: (done, total) => bar.update({ done, total, count: done, unit: 'items' }),
    });
    if (!result.loaded) {
      process.stderr.write(`custodia demo: nothing loaded: ${result.reason}.\n`);
      return 0;
    }
    bar.done({ done: result.items, total: result.items, count: result.items, unit: 'items' }, `Demonstration State loaded in ${formatDuration((Date.now() - started) / 1000)}.`);
    process.stderr.write(
      `  ${result.parties} parties, ${result.items} items, ${result.markings} markings, ${result.events} custody events (calibres from ${result.calibreSource}).\n` +
        '  Every party, name and record of it is fictional.\n',
    );
    // Years of past transfers for the reports and charts (reporting/demo-data: Spain in SIPRI and the EU reports).
    const reporting = services.reporting as ReportingService | undefined;
    if (reporting) {
      const { loadDemoHistory, DEMO_HISTORY } = await import('../reporting/demo-history.ts');
      const { printHistoryImport } = await import('../reporting/cli.ts');
      process.stderr.write(`  Historical transfers: the demonstration State stands for ${DEMO_HISTORY.name} in the SIPRI and EU registers.\n`);
      printHistoryImport(await loadDemoHistory(reporting, cliActor()), (s) => process.stderr.write(`  ${s}`));
    }
    return 0;
  });
}

/** `custodia import items FILE` (the imports module's command). */
export function registerImportCommands(program: Command, cli: CommandContext<ImportService>): void {
  const importCmd = program.commands.find((c) => c.name() === 'import') ?? program.command('import').description('bulk imports from files');
  importCmd
    .command('items')
    .description('import firearms, parts and ammunition lots with their markings from a CSV file (columns: docs/import-csv.md)')
    .argument('<file>', 'CSV file')
    .option('--partial', 'keep the valid rows when some rows are bad (default: all-or-nothing)')
    .option('--batch-size <n>', 'rows per set-based insert', String(5000))
    .addOption(new Option('--encoding <name>', 'the file\'s encoding (default utf-8; a byte-order mark decides when present)').choices(TEXT_ENCODINGS))
    .action(async (file: string, opts: { partial?: boolean; batchSize?: string; encoding?: TextEncoding }) => {
      process.exitCode = await importItemsCommand(cli, file, opts);
    });
}

/** `custodia demo`. */
export function registerRegistryCommands(program: Command, cli: CommandContext<RegistryService>): void {
  program
    .command('demo')
    .description(`load the fictional demonstration State (~${DEFAULT_DEMO.firearms.toLocaleString('en')} firearms) into an empty registry`)
    .option('--firearms <n>', 'number of firearms', String(DEFAULT_DEMO.firearms))
    .option('--seed <n>', 'seed of the generator (same seed, same State)', String(DEFAULT_DEMO.seed))
    .action(async (opts: { firearms?: string; seed?: string }) => {
      process.exitCode = await demoCommand(cli, opts);
    });
}
