import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireDataDirLock } from '../src/platform/db/lock.ts';
import { loadDemo } from '../src/registry/demo/load.ts';
import { createTestApp, type TestApp } from './support/app.ts';

/**
 * The commands as an operator runs them: a backup of a running embedded server through its API, a
 * restore into a new data directory, a backup of the stopped restored node, and the refusal (with the
 * way out) while another process holds the data directory.
 */
const ROOT = path.resolve(import.meta.dirname, '..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-ops-cli-'));

function custodia(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/custodia.mjs'), ...args], { cwd: ROOT, env: { ...env, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

function embeddedEnv(dataDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, CUSTODIA_DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  delete env.CUSTODIA_KEYS_DIR;
  return env;
}

describe('custodia backup / restore (command line, embedded database)', () => {
  let t: TestApp;
  let url: string;

  beforeAll(async () => {
    t = await createTestApp('pglite', { keysDir: path.join(dir, 'server-keys') });
    await loadDemo(t.deps, { firearms: 60, parts: 10, ammunitionLots: 10 });
    url = await t.app.listen({ port: 0, host: '127.0.0.1' });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it(
    'backs up a running server through its API, restores into a new directory, and backs up the stopped node',
    async () => {
      const file = path.join(dir, 'running.tar');
      const token = (await t.headersFor('administrator')).authorization.replace(/^Bearer /, '');
      const refused = await custodia(['backup', file, '--server', url], { ...process.env, CUSTODIA_TOKEN: 'cst_not_a_token' });
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain('HTTP 401');
      expect(fs.existsSync(file)).toBe(false);

      const taken = await custodia(['backup', file, '--server', url], { ...process.env, CUSTODIA_TOKEN: token });
      expect(taken.stderr).toBe('');
      expect(taken.code).toBe(0);
      expect(taken.stdout).toContain('every part re-read and its SHA-256 checked');
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      const again = await custodia(['backup', file, '--server', url], { ...process.env, CUSTODIA_TOKEN: token });
      expect(again.code).toBe(2);
      expect(again.stderr).toContain('already exists');

      const restoredDir = path.join(dir, 'restored');
      const restored = await custodia(['restore', file], embeddedEnv(restoredDir));
      expect(restored.code).toBe(0);
      expect(restored.stdout).toContain('audit root matches the manifest');
      expect(restored.stdout).toContain('OK: nothing was altered, removed or reordered');
      expect(restored.stdout).toContain('Restore recorded in the audit log');

      const refusedAgain = await custodia(['restore', file], embeddedEnv(restoredDir));
      expect(refusedAgain.code).toBe(2);
      expect(refusedAgain.stderr).toContain('--force');

      const stopped = path.join(dir, 'stopped.tar');
      const offline = await custodia(['backup', stopped], embeddedEnv(restoredDir));
      expect(offline.code).toBe(0);
      const checked = await custodia(['restore', stopped, '--check'], embeddedEnv(path.join(dir, 'unused')));
      expect(checked.code).toBe(0);
      expect(checked.stdout).toContain('OK: every part matches the manifest');

      // While another process holds the data directory the backup refuses and says how to take one.
      const lock = await acquireDataDirLock(restoredDir, 'a running server');
      try {
        const locked = await custodia(['backup', path.join(dir, 'locked.tar')], embeddedEnv(restoredDir));
        expect(locked.code).toBe(3);
        expect(locked.stderr).toContain('--server');
        expect(fs.existsSync(path.join(dir, 'locked.tar'))).toBe(false);
      } finally {
        lock.release();
      }
    },
    300_000,
  );
});
