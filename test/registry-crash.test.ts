import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { openPglite } from '../src/platform/db/pglite.ts';
import { describeEngines } from './support/engines.ts';

/**
 * kill -9 during an all-or-nothing import: afterwards the registry holds none or all of the file's
 * items, never a part. The import runs in a real child process (`custodia import items`); the kill lands
 * after the first progress line, i.e. after at least one batch was written inside the transaction.
 */
const ROOT = path.resolve(import.meta.dirname, '..');
const ROWS = 20_000;
const dirs: string[] = [];

function bigCsv(dir: string): string {
  const file = path.join(dir, 'big.csv');
  const lines = ['kind,type,make,model,calibre,serial_number,country_of_manufacture,year_of_manufacture'];
  for (let i = 0; i < ROWS; i++) lines.push(`firearm,self_loading_pistol,Glock,17,9mm Luger,CR${String(i).padStart(7, '0')},AT,2015`);
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describeEngines('all-or-nothing import killed with SIGKILL', (engine) => {
  it(
    'leaves none or all of the items',
    async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-crash-'));
      dirs.push(dir);
      const file = bigCsv(dir);
      const env: NodeJS.ProcessEnv = { ...process.env, CUSTODIA_DATA_DIR: path.join(dir, 'data'), CUSTODIA_PROGRESS_EVERY_MS: '200', LOG_LEVEL: 'warn' };
      let pgName: string | undefined;
      if (engine === 'postgres') {
        const pg = (await import('pg')).default;
        const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
        await admin.connect();
        pgName = `custodia_crash_${process.pid}_${Date.now()}`;
        await admin.query(`CREATE DATABASE ${pgName}`);
        await admin.end();
        const url = new URL(process.env.TEST_DATABASE_URL!);
        url.pathname = `/${pgName}`;
        env.DATABASE_URL = url.toString();
      } else {
        delete env.DATABASE_URL;
      }
      const child = spawn(process.execPath, [path.join(ROOT, 'bin/custodia.mjs'), 'import', 'items', file, '--batch-size', '1000'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      const killedMidway = await new Promise<boolean>((resolve) => {
        child.stderr.on('data', (d: Buffer) => {
          stderr += d.toString();
          // The first progress line comes after a batch was written in the import's transaction.
          if (/ rows \(/.test(stderr) && child.exitCode === null && !child.killed) {
            child.kill('SIGKILL');
            resolve(true);
          }
        });
        child.on('exit', () => resolve(false));
      });
      await new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r(null) : child.on('exit', r)));
      expect(stderr).toContain('Importing');

      let count: number;
      let jobStatus: string | undefined;
      if (engine === 'postgres') {
        const pg = (await import('pg')).default;
        const c = new pg.Client({ connectionString: env.DATABASE_URL });
        await c.connect();
        count = Number((await c.query('SELECT count(*) AS n FROM registry_items')).rows[0].n);
        jobStatus = (await c.query('SELECT status FROM registry_import_jobs')).rows[0]?.status;
        await c.end();
        const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
        await admin.connect();
        await admin.query(`DROP DATABASE IF EXISTS ${pgName} WITH (FORCE)`);
        await admin.end();
      } else {
        // Reopen the data directory the killed process left (its lock names a dead pid).
        const db = await openPglite(path.join(dir, 'data', 'pgdata'));
        count = Number((await db.query<{ n: number }>('SELECT count(*)::int8 AS n FROM registry_items'))[0].n);
        jobStatus = (await db.query<{ status: string }>('SELECT status FROM registry_import_jobs'))[0]?.status;
        await db.close();
      }
      expect([0, ROWS]).toContain(count);
      // 20 batches: the kill after the first lands inside the transaction, so "none" is the only honest outcome.
      expect(killedMidway).toBe(true);
      expect(count).toBe(0);
      expect(jobStatus).toBe('running');
    },
    300_000,
  );
});
