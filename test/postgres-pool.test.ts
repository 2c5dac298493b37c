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
});
