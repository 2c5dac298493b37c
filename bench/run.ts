/**
 * `npm run bench`: runs every module's benchmark file in bench/ (one child process each, so one
 * module's memory or engine state cannot skew the next), or only the ones named with `--only NAME`
 * (repeatable, or comma-separated). Every other argument is passed through (e.g. `--items 100000`).
 * Benchmarks print their figures; they never fail on a timing.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));

export function parseRunArgs(argv: string[]): { only: string[]; rest: string[] } {
  const only: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--only') {
      only.push(...(argv[++i] ?? '').split(',').filter(Boolean));
    } else if (arg.startsWith('--only=')) {
      only.push(...arg.slice('--only='.length).split(',').filter(Boolean));
    } else {
      rest.push(arg);
    }
  }
  return { only, rest };
}

export function benchNames(dir = BENCH_DIR): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.includes('.test.') && !f.startsWith('_') && !f.startsWith('.'))
    .map((f) => f.slice(0, -'.ts'.length))
    .sort();
}

function main(): void {
  const { only, rest } = parseRunArgs(process.argv.slice(2));
  const available = benchNames();
  const unknown = only.filter((n) => !available.includes(n));
  if (unknown.length) {
    process.stderr.write(`bench: unknown benchmark(s) ${unknown.join(', ')}; available: ${available.join(', ')}\n`);
    process.exit(2);
  }
  const selected = only.length ? available.filter((n) => only.includes(n)) : available;
  const tsx = path.join(BENCH_DIR, '..', 'node_modules', '.bin', 'tsx');
  let failed = 0;
  for (const name of selected) {
    process.stdout.write(`\n=== bench ${name} ===\n`);
    const result = spawnSync(tsx, [path.join(BENCH_DIR, `${name}.ts`), ...rest], { stdio: 'inherit' });
    if (result.status !== 0) {
      failed++;
      process.stderr.write(`bench: ${name} exited with ${result.status ?? result.signal}\n`);
    }
  }
  process.exit(failed ? 1 : 0);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) main();
