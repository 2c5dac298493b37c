import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../src/platform/auth/actor.ts';
import { FixedClock } from '../src/platform/clock.ts';
import { testConfig } from '../src/platform/config.ts';
import { openPglite } from '../src/platform/db/pglite.ts';
import { openPostgres } from '../src/platform/db/postgres.ts';
import type { Db } from '../src/platform/db/types.ts';
import { createImportService } from '../src/registry/import/service.ts';
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

      // Reopen what the killed process left (on the embedded database, its lock socket is dead).
      const db: Db = engine === 'postgres' ? await openPostgres(env.DATABASE_URL!) : await openPglite(path.join(dir, 'data', 'pgdata'));
      const count = Number((await db.query<{ n: number }>('SELECT count(*)::int8 AS n FROM registry_items'))[0].n);
      const [job] = await db.query<{ id: string; status: string; lease_until: Date }>('SELECT id, status, lease_until FROM registry_import_jobs');
      // The job reads as interrupted once its lease has run out (PostgreSQL: another server might still be
      // running it until then), at once on the embedded database (its one process is gone). Clocks injected.
      const seenAt = async (at: Date) => {
        const svc = createImportService({ db, clock: new FixedClock(at), config: testConfig(), log: { info() {}, warn() {}, error() {}, debug() {} } });
        return (await svc.getJob(SYSTEM_ACTOR, job.id)).interrupted;
      };
      const whileLeased = await seenAt(new Date(job.lease_until.getTime() - 1));
      const afterLease = await seenAt(job.lease_until);
      await db.close();
      if (engine === 'postgres') {
        const pg = (await import('pg')).default;
        const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
        await admin.connect();
        await admin.query(`DROP DATABASE IF EXISTS ${pgName} WITH (FORCE)`);
        await admin.end();
      }
      expect([0, ROWS]).toContain(count);
      // 20 batches: the kill after the first lands inside the transaction, so "none" is the only honest outcome.
      expect(killedMidway).toBe(true);
      expect(count).toBe(0);
      expect(job.status).toBe('running');
      expect(whileLeased).toBe(engine === 'pglite');
      expect(afterLease).toBe(true);
    },
    300_000,
  );
});
