import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MODULE_COMMANDS } from '../src/commands.ts';
import { MODULES } from '../src/modules.ts';
import { CUSTODIA_VERSION } from '../src/platform/version.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

function custodia(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-cli-'));
  dirs.push(dir);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/custodia.mjs'), ...args], {
      cwd: ROOT,
      env: { ...process.env, CUSTODIA_DATA_DIR: dir, CUSTODIA_SKIP_WEB_BUILD: 'true', DATABASE_URL: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the custodia command line', () => {
  it('declares the same commands as the module list, from the modules’ cli.ts files only (src/commands.ts)', () => {
    const declared = MODULES.flatMap((m) => ('commands' in m && m.commands ? [{ module: m.name, commands: m.commands }] : []));
    expect(MODULE_COMMANDS.map((c) => c.module)).toEqual(declared.map((c) => c.module));
    for (const [i, c] of MODULE_COMMANDS.entries()) expect(c.commands, c.module).toBe(declared[i].commands);
  });

  it('prints its version, and its help with every module’s commands', async () => {
    const version = await custodia(['--version']);
    expect(version).toMatchObject({ code: 0, stdout: `${CUSTODIA_VERSION}\n` });
    const help = await custodia(['--help']);
    expect(help.code).toBe(0);
    for (const c of ['start|serve', 'demo', 'import', 'users', 'audit', 'reports', 'backup', 'keys', '--version']) expect(help.stdout).toContain(c);
  }, 120_000);

  it('says in one line that a file named on the command line does not exist, without a stack trace', async () => {
    const missing = path.join(os.tmpdir(), 'no-such-dir-custodia', 'items.csv');
    const r = await custodia(['import', 'items', missing]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`custodia: ${missing}: no such file or directory\n`);
  }, 120_000);

  it('refuses to start on a busy port in one line, before creating the first administrator', async () => {
    const busy = net.createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as net.AddressInfo).port;
    try {
      const r = await custodia(['start'], { PORT: String(port), CUSTODIA_HOST: '127.0.0.1' });
      expect(r.code).toBe(4);
      expect(r.stderr).toBe(`custodia: port ${port} on 127.0.0.1 is already in use (another Custodia, or another program): stop it, or start with another PORT (or CUSTODIA_HOST)\n`);
      expect(r.stdout).not.toContain('One-time password');
      // Nothing was created: no database, no one-time password file.
      expect(fs.readdirSync(dirs.at(-1)!)).toEqual([]);
    } finally {
      busy.close();
    }
  }, 120_000);
});
