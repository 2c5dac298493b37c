import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { buildProgram } from '../src/main.ts';

/**
 * The deployment files in deploy/ are kept honest by what can be checked without running them (Docker
 * does not run on the machines the tests run on): their syntax, that the commands they run exist, and that
 * every setting they pass is one Custodia reads.
 */
const ROOT = path.resolve(import.meta.dirname, '..');
const deploy = (f: string) => fs.readFileSync(path.join(ROOT, 'deploy', f), 'utf8');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string>; scripts: Record<string, string> };

/** Every environment variable the code reads (config.ts, the CLI, bin/custodia.mjs), plus Node's own. */
function knownVariables(): Set<string> {
  const names = new Set(['NODE_ENV']);
  const walk = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : /\.(ts|mjs)$/.test(e.name) && !e.name.endsWith('.test.ts') ? [path.join(dir, e.name)] : []));
  for (const file of [...walk(path.join(ROOT, 'src')), path.join(ROOT, 'bin/custodia.mjs')]) {
    for (const m of fs.readFileSync(file, 'utf8').matchAll(/\benv\.([A-Z][A-Z0-9_]+)/g)) names.add(m[1]);
  }
  return names;
}
const KNOWN = knownVariables();

/** The node flags of `npm start` (package.json: `node --max-old-space-size=… bin/custodia.mjs start`). */
const NPM_START_FLAGS = ((words: string[]) => words.slice(words.indexOf('node') + 1, words.indexOf('bin/custodia.mjs')))(pkg.scripts.start.split(/\s+/));

/**
 * `node [flags] bin/custodia.mjs start`: the script is the package's `custodia` bin, `start` one of its
 * commands, and the node flags are npm start's (the heap ceiling, docs/operations.md "Memory").
 */
function expectCustodiaCommand(argv: string[]): void {
  const i = argv.findIndex((a) => a.endsWith('bin/custodia.mjs'));
  expect(i, argv.join(' ')).toBeGreaterThanOrEqual(0);
  const n = argv.findIndex((a) => path.basename(a) === 'node');
  expect(n, argv.join(' ')).toBeGreaterThanOrEqual(0);
  expect(argv.slice(n + 1, i)).toEqual(NPM_START_FLAGS);
  expect(NPM_START_FLAGS.some((f) => /^--max-old-space-size=\d+$/.test(f))).toBe(true);
  expect(pkg.bin.custodia).toBe('bin/custodia.mjs');
  expect(fs.existsSync(path.join(ROOT, 'bin/custodia.mjs'))).toBe(true);
  const commands = buildProgram().commands.flatMap((c) => [c.name(), ...c.aliases()]);
  expect(commands).toContain(argv[i + 1]);
}

describe('deployment files', () => {
  it('systemd unit: valid for systemd, runs `custodia start` with settings Custodia reads', () => {
    const unit = deploy('custodia.service');
    const sections = new Map<string, [string, string][]>();
    let current = '';
    for (const raw of unit.split('\n')) {
      const line = raw.trim();
      if (!line || line.startsWith('#')) continue;
      const s = /^\[(\w+)\]$/.exec(line);
      if (s) {
        current = s[1];
        sections.set(current, []);
        continue;
      }
      const kv = /^([A-Za-z]+)=(.*)$/.exec(line);
      expect(kv, line).not.toBeNull();
      sections.get(current)!.push([kv![1], kv![2]]);
    }
    expect([...sections.keys()]).toEqual(['Unit', 'Service', 'Install']);
    const service = sections.get('Service')!;
    const get = (k: string) => service.filter(([key]) => key === k).map(([, v]) => v);
    expectCustodiaCommand(get('ExecStart')[0].split(/\s+/));
    for (const env of get('Environment')) expect(KNOWN, env).toContain(env.split('=')[0]);
    expect(get('User')).toEqual(['custodia']);
    expect(get('ReadWritePaths')).toEqual(['/var/lib/custodia']);

    const analyze = spawnSync('systemd-analyze', ['--version']);
    if (analyze.status !== 0) return; // systemd-analyze absent: the parse above is all we can check
    // Verify a copy whose node is this machine's, so a node installed elsewhere does not fail the check.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-unit-'));
    try {
      const copy = path.join(dir, 'custodia.service');
      fs.writeFileSync(copy, unit.replace(/^ExecStart=\S+/m, `ExecStart=${process.execPath}`));
      const verify = spawnSync('systemd-analyze', ['verify', copy], { encoding: 'utf8' });
      expect(verify.stderr).toBe('');
      expect(verify.status).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('Dockerfile: known instructions, npm scripts that exist, `custodia start` as an unprivileged user, ready check on /readyz', () => {
    const text = deploy('Dockerfile').replace(/\\\n/g, ' ');
    const instructions = text
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'))
      .map((l) => {
        const m = /^([A-Z]+)\s+(.*)$/.exec(l);
        expect(m, l).not.toBeNull();
        return { op: m![1], arg: m![2] };
      });
    const allowed = new Set(['FROM', 'RUN', 'WORKDIR', 'COPY', 'ENV', 'USER', 'VOLUME', 'EXPOSE', 'HEALTHCHECK', 'ENTRYPOINT', 'CMD', 'ARG', 'LABEL']);
    for (const i of instructions) expect(allowed, i.op).toContain(i.op);
    expect(instructions[0]).toEqual({ op: 'FROM', arg: expect.stringMatching(/^node:20[-.]/) });
    for (const run of instructions.filter((i) => i.op === 'RUN')) {
      for (const m of run.arg.matchAll(/npm run ([\w:-]+)/g)) expect(Object.keys(pkg.scripts)).toContain(m[1]);
      if (/npm ci/.test(run.arg)) expect(fs.existsSync(path.join(ROOT, 'package-lock.json'))).toBe(true);
    }
    const cmd = JSON.parse(instructions.find((i) => i.op === 'CMD')!.arg) as string[];
    expectCustodiaCommand(cmd);
    expect(instructions.filter((i) => i.op === 'USER').map((i) => i.arg)).toEqual(['custodia']);
    for (const env of instructions.filter((i) => i.op === 'ENV')) {
      for (const m of env.arg.matchAll(/([A-Z][A-Z0-9_]+)=/g)) expect(KNOWN, m[1]).toContain(m[1]);
    }
    const health = instructions.find((i) => i.op === 'HEALTHCHECK')!.arg;
    expect(health).toContain('/readyz');
    expect(fs.readFileSync(path.join(ROOT, 'src/platform/http/health.ts'), 'utf8')).toContain("'/readyz'");
    const ignore = deploy('Dockerfile.dockerignore').split('\n');
    for (const p of ['node_modules', 'data', '.git']) expect(ignore).toContain(p);
  });

  it('compose file: valid YAML, PostgreSQL of the client version the image carries, settings Custodia reads', () => {
    const compose = parseYaml(deploy('compose.yaml')) as {
      services: Record<string, { image?: string; build?: { context: string; dockerfile: string }; environment?: Record<string, string>; healthcheck?: { test: string[] }; ports?: string[]; depends_on?: Record<string, { condition: string }> }>;
    };
    expect(Object.keys(compose.services).sort()).toEqual(['custodia', 'db']);
    const { db, custodia } = compose.services;
    const major = /^postgres:(\d+)/.exec(db.image ?? '')?.[1];
    expect(major).toBeDefined();
    expect(deploy('Dockerfile')).toContain(`postgresql-client-${major}`);
    const context = path.resolve(ROOT, 'deploy', custodia.build!.context);
    expect(context).toBe(ROOT);
    expect(fs.existsSync(path.join(context, custodia.build!.dockerfile))).toBe(true);
    expect(custodia.depends_on).toEqual({ db: { condition: 'service_healthy' } });
    for (const key of Object.keys(custodia.environment!)) expect(KNOWN, key).toContain(key);
    expect(new URL(custodia.environment!.DATABASE_URL.replace(/\$\{[^}]+\}/g, 'x')).hostname).toBe('db');
    expect(custodia.healthcheck!.test.join(' ')).toContain('/readyz');
    for (const p of custodia.ports!) expect(p.startsWith('127.0.0.1:'), p).toBe(true);
  });

  it('every setting the documentation tables list is read by the code', () => {
    const doc = fs.readFileSync(path.join(ROOT, 'docs/operations.md'), 'utf8') + fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const named = new Set([...doc.matchAll(/`((?:CUSTODIA|DATABASE)_[A-Z_]+)`/g)].map((m) => m[1]));
    expect(named.size).toBeGreaterThan(5);
    for (const n of named) expect(KNOWN, n).toContain(n);
  });
});
