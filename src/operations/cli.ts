import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Command } from 'commander';
import { formatVerifyReport } from '../audit/cli.ts';
import { cliActor } from '../platform/auth/actor.ts';
import { cliLogger } from '../platform/cli.ts';
import { systemClock } from '../platform/clock.ts';
import { loadConfig } from '../platform/config.ts';
import { DataDirLockedError } from '../platform/db/lock.ts';
import { AppError, ValidationError } from '../platform/http/errors.ts';
import type { CommandContext } from '../platform/module.ts';
import { formatDuration } from '../platform/progress.ts';
import type { BackupService } from './backup.ts';
import type { Manifest } from './model.ts';

/**
 * `custodia backup FILE`, `custodia restore FILE` and `custodia migrate-to DATABASE_URL`. Restores and
 * migrations run with the server stopped; a backup of a running embedded node goes through its API
 * (`--server`), because only the process holding the data directory can take a consistent snapshot.
 */
const log = () => cliLogger(loadConfig());
// Loaded when a command runs, so declaring the commands (`custodia --help`) does not load them.
const restoring = () => import('./restore.ts');
const say = (line: string) => process.stderr.write(`${line}\n`);

function describeManifest(m: Manifest): string {
  const rows = Object.values(m.tables).reduce((a, b) => a + b, 0);
  return [
    `backup ${m.id} of State ${m.state}, taken ${m.createdAt} by Custodia ${m.custodiaVersion} (${m.engine})`,
    `schema: ${m.migrations.length} migrations, last ${m.migrations[m.migrations.length - 1] ?? 'none'}`,
    `audit log: ${m.audit.treeSize} entries, root ${m.audit.rootHash}`,
    `tables: ${Object.keys(m.tables).length}, ${rows} rows; parts: ${m.parts.map((p) => `${p.name} (${p.bytes} bytes)`).join(', ')}`,
  ].join('\n');
}

async function refuseExisting(file: string): Promise<void> {
  if (fs.existsSync(file)) {
    throw new ValidationError([{ field: 'FILE', code: 'operations.backup_file_exists', message: `${file} already exists; choose a new file name` }], 'A backup never overwrites a file.');
  }
}

/** Downloads a backup from a running server (POST /api/v1/operations/backups) with an administrator's API token. */
async function backupThroughServer(server: string, file: string): Promise<void> {
  const token = process.env.CUSTODIA_TOKEN;
  if (!token) throw new ValidationError([{ field: 'CUSTODIA_TOKEN', code: 'operations.backup_token_missing', message: "set CUSTODIA_TOKEN to an administrator's API token" }]);
  const url = new URL('/api/v1/operations/backups', server);
  const res = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  if (!res.ok || !res.body) {
    const problem = (await res.json().catch(() => ({}))) as { title?: string; detail?: string };
    throw new AppError(res.status, '/problems/backup-refused', `The server refused the backup (HTTP ${res.status})`, problem.detail ?? problem.title);
  }
  await pipeline(Readable.fromWeb(res.body as import('node:stream/web').ReadableStream), fs.createWriteStream(file, { mode: 0o600 }));
}

async function backupCommand(cli: CommandContext<BackupService>, fileArg: string, opts: { server?: string }): Promise<void> {
  const file = path.resolve(fileArg);
  await refuseExisting(file);
  const partial = `${file}.partial`;
  try {
    if (opts.server) await backupThroughServer(opts.server, partial);
    else {
      try {
        await cli.run(`custodia backup ${file}`, async ({ service }) => {
          const archive = await service.create(cliActor(), { via: 'cli' });
          try {
            await pipeline(archive.stream(), fs.createWriteStream(partial, { mode: 0o600 }));
          } finally {
            await archive.dispose();
          }
        });
      } catch (err) {
        if (err instanceof DataDirLockedError) {
          say(`custodia: ${err.message}`);
          say('To back up a running embedded node: custodia backup FILE --server http://127.0.0.1:PORT (with CUSTODIA_TOKEN set to an administrator API token).');
          process.exit(3);
        }
        throw err;
      }
    }
    // Read back what was written before calling it a backup.
    const { checkBackupFile } = await restoring();
    const manifest = await checkBackupFile(partial);
    fs.renameSync(partial, file);
    process.stdout.write(`${describeManifest(manifest)}\nwritten to ${file} (${fs.statSync(file).size} bytes), every part re-read and its SHA-256 checked.\n`);
    process.stdout.write('It holds the node\'s private signing key: keep it encrypted and out of reach.\n');
  } finally {
    fs.rmSync(partial, { force: true });
  }
}

async function restoreCommand(cli: CommandContext<BackupService>, fileArg: string, opts: { force?: boolean; check?: boolean }): Promise<void> {
  const file = path.resolve(fileArg);
  const { checkBackupFile, restoreBackup } = await restoring();
  if (opts.check) {
    const manifest = await checkBackupFile(file);
    process.stdout.write(`${describeManifest(manifest)}\nOK: every part matches the manifest.\n`);
    return;
  }
  const report = await restoreBackup(loadConfig(), file, { force: Boolean(opts.force), actor: cliActor(), clock: systemClock, log: log(), auditedEntities: cli.catalog.auditedEntities, onStep: say });
  process.stdout.write(`${describeManifest(report.manifest)}\nrestored into ${report.target}\n`);
  for (const d of report.movedAside) process.stdout.write(`moved aside (not deleted): ${d}\n`);
  for (const d of report.countDifferences) process.stdout.write(`COUNT DIFFERS: ${d.table}: manifest ${d.expected ?? 'absent'}, restored ${d.actual ?? 'absent'}\n`);
  process.stdout.write(`audit root ${report.audit.matchesManifest ? 'matches' : 'DOES NOT MATCH'} the manifest (${report.audit.treeSize} entries)\n`);
  process.stdout.write(formatVerifyReport(report.verify));
  if (report.ok) process.stdout.write(`Restore recorded in the audit log (operations run ${report.runId}).\n`);
  else process.exitCode = 1;
}

async function migrateToCommand(cli: CommandContext<BackupService>, url: string, opts: { batchSize: string }): Promise<void> {
  let lastTable = '';
  let lastShown = 0;
  const { migrateTo } = await import('./migrate-to.ts');
  const report = await migrateTo(loadConfig(), url, {
    actor: cliActor(),
    clock: systemClock,
    log: log(),
    auditedEntities: cli.catalog.auditedEntities,
    batchSize: Number(opts.batchSize),
    onStep: say,
    onProgress: ({ table, done, total }) => {
      if (table !== lastTable || Date.now() - lastShown > 2000 || done === total) {
        lastTable = table;
        lastShown = Date.now();
        process.stderr.write(`  ${table}: ${done}/${total}\r`);
      }
    },
  });
  say('');
  const rows = report.tables.reduce((n, t) => n + t.rows, 0);
  process.stdout.write(`copied ${report.tables.length} tables, ${rows} rows from ${report.source} to ${report.target} in ${formatDuration(report.ms)}\n`);
  process.stdout.write('every table read back from the target matches the source (row count and SHA-256 of every row)\n');
  process.stdout.write(`audit log: ${report.audit.treeSize} entries, root ${report.audit.rootHash} on both\n`);
  process.stdout.write(formatVerifyReport(report.verify));
  if (report.ok) {
    process.stdout.write(`Set DATABASE_URL=${report.target} (with its password) and start the server. Keep the keys directory; do not start the embedded node again.\n`);
  } else process.exitCode = 1;
}

export function registerOperationsCommands(program: Command, cli: CommandContext<BackupService>): void {
  program
    .command('backup')
    .argument('<FILE>', 'the archive to write (a new file)')
    .description('write a consistent backup (database, node keys, manifest) to FILE; the embedded server must be stopped unless --server is given')
    .option('--server <URL>', "take the backup through a running server's API (CUSTODIA_TOKEN: an administrator API token)")
    .action((file: string, opts: { server?: string }) => backupCommand(cli, file, opts));
  program
    .command('restore')
    .argument('<FILE>', 'a backup made by `custodia backup`')
    .description('restore a backup into an empty data directory or database (server stopped), then run audit verify')
    .option('--force', 'replace a non-empty target (an embedded node\'s directories are moved aside, not deleted)')
    .option('--check', 'only check the archive against its manifest; change nothing')
    .action((file: string, opts: { force?: boolean; check?: boolean }) => restoreCommand(cli, file, opts));
  program
    .command('migrate-to')
    .argument('<DATABASE_URL>', 'an empty PostgreSQL ≥ 15 database')
    .description('copy this stopped embedded node into PostgreSQL: every table, the audit log and its tree; compared row by row, then audit verify')
    .option('--batch-size <n>', 'rows per batch', '2000')
    .action((url: string, opts: { batchSize: string }) => migrateToCommand(cli, url, opts));
}
