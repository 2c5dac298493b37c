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
      // Give the pool time to see the idle client die: unhandled, that 'error' event would crash the process.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const rows = await scratch.db.query<{ ok: number }>('SELECT 1 AS ok');
      expect(rows).toEqual([{ ok: 1 }]);
      const [{ pid: next }] = await scratch.db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      expect(next).not.toBe(pid);
    } finally {
      await scratch.close();
    }
  });
});
