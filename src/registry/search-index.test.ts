import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEngines, openTestDb, type TestDb } from '../../test/support/engines.ts';

describeEngines('registry: the serial trigram indexes', (engine) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(engine);
  });
  afterAll(async () => t.close());

  // A GIN pending list is read whole by every trigram search (36 times for a pattern's fills): the serial
  // indexes keep theirs small (migration 0031; figures in BENCHMARKS.md), whatever the server's default.
  it('keep a pending list of at most 128 kB, so a partial search never reads megabytes of unmerged entries', async () => {
    const rows = await t.db.query<{ relname: string; reloptions: string[] | null }>(
      `SELECT c.relname, c.reloptions FROM pg_class c JOIN pg_am a ON a.oid = c.relam
        WHERE a.amname = 'gin' AND c.relname LIKE 'registry_items_serial%' ORDER BY c.relname`,
    );
    expect(rows.map((r) => r.relname)).toEqual(['registry_items_serial_trgm', 'registry_items_serial_unusual']);
    for (const r of rows) expect(r.reloptions).toContain('gin_pending_list_limit=128');
  });
});
