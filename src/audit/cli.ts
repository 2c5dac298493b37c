import type { Command } from 'commander';
import { SYSTEM_ACTOR } from '../platform/auth/actor.ts';
import type { CommandContext } from '../platform/module.ts';
import { createProgressBar, type ProgressSnapshot } from '../platform/progress.ts';
import type { AuditService } from './service.ts';
import type { VerifyProgress, VerifyReport } from './verify.ts';

export function formatVerifyReport(r: VerifyReport): string {
  const lines = [
    `audit log: ${r.treeSize} entries, root ${r.rootHash}`,
    `checked: ${r.entriesChecked} entries, ${r.nodesChecked} Merkle nodes, ${r.checkpointsChecked} checkpoints, ${r.recordsChecked} records in ${(r.durationMs / 1000).toFixed(1)} s`,
  ];
  for (const s of r.recordsSkipped) lines.push(`warning: no verifier registered for entity "${s.entity}": ${s.records} records not re-hashed`);
  if (r.ok) lines.push('OK: nothing was altered, removed or reordered');
  else {
    lines.push(`FAILED: ${r.problemCount} problem(s)`);
    for (const p of r.problems) lines.push(`  [${p.kind}] ${p.message}`);
    if (r.problemCount > r.problems.length) lines.push(`  … and ${r.problemCount - r.problems.length} more`);
  }
  return `${lines.join('\n')}\n`;
}

/** `custodia audit verify` and `custodia audit checkpoint`. */
export function registerAuditCommands(program: Command, cli: CommandContext<AuditService>): void {
  const audit = program.command('audit').description('the tamper-evident audit log');

  audit
    .command('verify')
    .description('recompute the Merkle tree, check every checkpoint signature and root, re-hash every audited record; exit 1 when anything is wrong')
    .option('--json', 'print the report as JSON')
    .option('--max-problems <n>', 'list at most this many problems', '1000')
    .action(async (opts: { json?: boolean; maxProblems: string }) => {
      // Progress on stderr (a bar on a terminal, a line every few seconds otherwise); the report on stdout.
      let bar = createProgressBar();
      let phase: VerifyProgress['phase'] = 'entries';
      let last: ProgressSnapshot = { done: 0, total: 0, count: 0, unit: 'entries' };
      const onProgress = (p: VerifyProgress) => {
        if (p.phase !== phase) {
          bar.done(last, 'Merkle tree rebuilt; re-hashing the audited records.');
          bar = createProgressBar();
          phase = p.phase;
        }
        last = { done: p.done, total: p.total, count: p.done, unit: p.phase };
        bar.update(last);
      };
      // The audit service re-reads every entity the module list declares (cli.catalog).
      const report = await cli.run('custodia audit verify', ({ service }) => service.verify(SYSTEM_ACTOR, { maxProblems: Number(opts.maxProblems), onProgress }));
      bar.done(last, '');
      process.stdout.write(opts.json ? `${JSON.stringify(report, null, 2)}\n` : formatVerifyReport(report));
      if (!report.ok) process.exitCode = 1;
    });

  audit
    .command('checkpoint')
    .description('sign a checkpoint of the log now')
    .action(async () => {
      const cp = await cli.run('custodia audit checkpoint', ({ service }) => service.createCheckpoint(SYSTEM_ACTOR));
      process.stdout.write(cp.note);
    });
}
