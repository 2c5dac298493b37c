import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeAdapters, openTestDb, type TestDb } from '../../../test/support/engines.ts';

describeAdapters('statements run with { prepare: true }', ({ engine, thread }) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(engine, { thread });
    await t.db.exec("CREATE TABLE prep_t (id int PRIMARY KEY, s text NOT NULL, d date); INSERT INTO prep_t VALUES (1, 'a', '2026-01-02'), (2, 'b', NULL), (3, 'b', '2026-03-04')");
  });
  afterAll(async () => {
    await t?.close();
  });

  const text = 'SELECT id, s, d, count(*) OVER ()::int8 AS n FROM prep_t WHERE s = $1 ORDER BY id LIMIT $2';

  it('answer as the same statement unprepared, again and again with other values, on every pooled connection and in a transaction', async () => {
    for (const [s, limit] of [['a', 10], ['b', 10], ['b', 1], ['z', 10]] as const) {
      const plain = await t.db.query(text, [s, limit]);
      // More calls than pooled connections, several at once: each connection prepares it on first use.
      const prepared = await Promise.all(Array.from({ length: 12 }, () => t.db.query(text, [s, limit], { prepare: true })));
      for (const rows of prepared) expect(rows).toEqual(plain);
      const inTx = await t.db.transaction(async (tx) => [await tx.query(text, [s, limit], { prepare: true }), await tx.query(text, [s, limit], { prepare: true })]);
      expect(inTx).toEqual([plain, plain]);
    }
    // The engines' value parsers still apply (int8 → number, date → 'YYYY-MM-DD').
    expect(await t.db.query(text, ['a', 10], { prepare: true })).toEqual([{ id: 1, s: 'a', d: '2026-01-02', n: 1 }]);
  });

  it('still refuses a bad value, and the connection goes on answering', async () => {
    await expect(t.db.query(text, ['a', 'not a number'], { prepare: true })).rejects.toThrow();
    expect(await t.db.query(text, ['b', 10], { prepare: true })).toHaveLength(2);
  });

  it('runs a statement without columns, and one whose columns differ, each by its own description', async () => {
    const touch = 'UPDATE prep_t SET d = $2::date WHERE id = $1';
    for (let i = 0; i < 2; i++) expect(await t.db.query(touch, [2, '2026-05-06'], { prepare: true })).toEqual([]);
    const other = 'SELECT s AS label, id * 10 AS tens FROM prep_t WHERE id = $1';
    expect(await t.db.query(other, [2], { prepare: true })).toEqual([{ label: 'b', tens: 20 }]);
    expect(await t.db.query('SELECT d FROM prep_t WHERE id = $1', [2], { prepare: true })).toEqual([{ d: '2026-05-06' }]);
    await t.db.query('UPDATE prep_t SET d = NULL WHERE id = 2');
  });

  it('runs any number of distinct texts (past the prepared set they run unprepared)', async () => {
    for (let i = 0; i < 250; i++) {
      expect(await t.db.query<{ k: number }>(`SELECT $1::int + ${i} AS k`, [1], { prepare: true })).toEqual([{ k: 1 + i }]);
    }
  });
});
