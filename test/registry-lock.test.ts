import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it, describe } from 'vitest';

/**
 * Two processes on one embedded data directory: PGlite would silently lose data, so a writing CLI
 * command refuses while another process (here: one that opened the database exactly as `custodia start`
 * does) holds the data-directory lock, and succeeds once it is gone.
 */
const ROOT = path.resolve(import.meta.dirname, '..');
const dirs: string[] = [];
const children: ChildProcess[] = [];

afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/custodia.mjs'), ...args], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

describe('data-directory lock across processes', () => {
  it(
    'a writing CLI command refuses while another process holds the embedded database, then works once it exits',
    async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-lock-'));
      dirs.push(dir);
      const csv = path.join(dir, 'one.csv');
      fs.writeFileSync(csv, 'kind,type,make,serial_number,country_of_manufacture\nfirearm,rifle,CZ,LOCK-1,CZ\n');
      const env: NodeJS.ProcessEnv = { ...process.env, CUSTODIA_DATA_DIR: dir, LOG_LEVEL: 'warn' };
      delete env.DATABASE_URL;

      const holderScript = `
        import { loadConfig } from './src/platform/config.ts';
        import { openDatabase } from './src/platform/db/open.ts';
        const opened = await openDatabase(loadConfig(), 'custodia start');
        process.stdout.write('ready\\n');
        process.on('SIGTERM', async () => { await opened.close(); process.exit(0); });
        setInterval(() => {}, 1000);
      `;
      const holder = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', holderScript], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] });
      children.push(holder);
      await new Promise<void>((resolve, reject) => {
        holder.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
        holder.on('exit', (code) => reject(new Error(`holder exited with ${code}`)));
      });

      const refused = await run(['import', 'items', csv], env);
      expect(refused.code).toBe(3);
      expect(refused.stderr).toContain('is in use by another Custodia process');
      expect(refused.stderr).toContain(`pid ${holder.pid}`);
      expect(refused.stderr).toContain('custodia start');
      expect(fs.existsSync(`${csv}.errors.csv`)).toBe(false);

      const demo = await run(['demo', '--firearms', '10'], env);
      expect(demo.code).toBe(3);
      expect(demo.stderr).toContain('is in use by another Custodia process');

      holder.kill('SIGTERM');
      await new Promise((r) => holder.on('exit', r));
      const ok = await run(['import', 'items', csv], env);
      expect(ok.stderr).toContain('completed');
      expect(ok.code).toBe(0);

      // The same command's --encoding (here, where the database is already made: a fresh one costs seconds).
      const latin1 = path.join(dir, 'latin1.csv');
      fs.writeFileSync(latin1, Buffer.from('kind,type,make,serial_number,country_of_manufacture\r\nfirearm,shotgun,Armería Hércules,ENC-CLI-1,ES\r\n', 'latin1'));
      const undecodable = await run(['import', 'items', latin1], env);
      expect(undecodable.code).toBe(2);
      expect(undecodable.stderr).toContain('line 2, file: Line 2 is not valid UTF-8');
      const decoded = await run(['import', 'items', latin1, '--encoding', 'windows-1252'], env);
      expect(decoded.stderr).toContain('completed');
      expect(decoded.code).toBe(0);
    },
    300_000,
  );
});

