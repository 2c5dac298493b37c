import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openScratchPostgres } from '../src/platform/db/scratch.ts';

const url = process.env.TEST_DATABASE_URL;

// PostgreSQL only (CI sets TEST_DATABASE_URL): PGlite has no server that could close a connection.
describe.runIf(url)('PostgreSQL pool', () => {
  it('survives the server closing an idle pooled connection and answers the next query', async () => {
    const scratch = await openScratchPostgres(url!, 'custodia_t', 1);
    try {
      const [{ pid }] = await scratch.db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      const [{ done }] = (await admin.query<{ done: boolean }>('SELECT pg_terminate_backend($1) AS done', [pid])).rows;
      await admin.end();
      expect(done).toBe(true);
      // Until the server has closed the backend's connection (a condition, not 300 ms that a loaded machine
      // may not honour): the pool sees the idle client die while these queries run; unhandled, that
      // 'error' event would crash the process.
      const admin2 = new pg.Client({ connectionString: url });
      await admin2.connect();
      while ((await admin2.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [pid])).rowCount) await new Promise((r) => setTimeout(r, 10));
      await admin2.end();
      const rows = await scratch.db.query<{ ok: number }>('SELECT 1 AS ok');
      expect(rows).toEqual([{ ok: 1 }]);
      const [{ pid: next }] = await scratch.db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      expect(next).not.toBe(pid);
    } finally {
      await scratch.close();
    }
  });

  it('runs reads started together inside a transaction one after another, without pg\'s deprecated queue', async () => {
    const scratch = await openScratchPostgres(url!, 'custodia_t', 2);
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.message);
    process.on('warning', onWarning);
    try {
      const answers = await scratch.db.transaction((tx) =>
        Promise.all([
          tx.query<{ n: number }>('SELECT 1 AS n FROM pg_sleep(0.05)'),
          tx.query<{ n: number }>('SELECT 2 AS n'),
          tx.query<{ n: number }>('SELECT 3 AS n FROM pg_sleep(0.01)'),
        ]),
      );
      expect(answers.map((rows) => rows[0]!.n)).toEqual([1, 2, 3]);
      await new Promise((r) => setImmediate(r));
      expect(warnings.filter((m) => m.includes('already executing'))).toEqual([]);
      // A failed statement still fails its caller, and the chain goes on for the next transaction.
      await expect(scratch.db.transaction((tx) => Promise.all([tx.query('SELECT 1/0'), tx.query('SELECT 1')]))).rejects.toThrow(/division by zero/);
      expect(await scratch.db.query<{ ok: number }>('SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
    } finally {
      process.off('warning', onWarning);
      await scratch.close();
    }
  });
});
