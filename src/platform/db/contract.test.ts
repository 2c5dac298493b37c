import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeAdapters, openTestDb, type TestDb } from '../../../test/support/engines.ts';
import { openPglite } from './pglite.ts';
import { openPgliteThread } from './pglite-thread.ts';
import type { Db } from './types.ts';

/**
 * What the code above the adapter relies on from every Db: the same values, the same errors, the same
 * transactions, on PostgreSQL, PGlite in process and PGlite in its worker thread (where everything crosses
 * a thread boundary by structured clone). Prepared statements: prepared.test.ts, on the same adapters.
 */
describeAdapters('the Db contract', ({ engine, thread }) => {
  let t: TestDb;
  let db: Db;
  beforeAll(async () => {
    t = await openTestDb(engine, { thread });
    db = t.db;
    await db.exec('CREATE TABLE contract_t (id int PRIMARY KEY, s text, n int8, d date, at timestamptz, b bytea, j jsonb, tags text[])');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('hands back the same JavaScript values (int8 a number, date text, timestamptz a Date, bytea bytes, jsonb, arrays, null)', async () => {
    const at = new Date('2026-03-04T05:06:07.089Z');
    await db.query('INSERT INTO contract_t VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [1, 'one', 9_007_199_254_740_000, '2026-01-02', at, Buffer.from([0, 1, 254, 255]), { k: ['v', 2] }, ['a', 'b']]);
    await db.query('INSERT INTO contract_t (id) VALUES ($1)', [2]);
    const rows = await db.query<Record<string, unknown>>('SELECT * FROM contract_t WHERE id IN (1, 2) ORDER BY id');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ id: 1, s: 'one', n: 9_007_199_254_740_000, d: '2026-01-02', j: { k: ['v', 2] }, tags: ['a', 'b'] });
    expect(rows[0].at).toBeInstanceOf(Date);
    expect((rows[0].at as Date).toISOString()).toBe(at.toISOString());
    expect(rows[0].b).toBeInstanceOf(Uint8Array);
    expect([...(rows[0].b as Uint8Array)]).toEqual([0, 1, 254, 255]);
    expect(rows[1]).toEqual({ id: 2, s: null, n: null, d: null, at: null, b: null, j: null, tags: null });
    // A large result, whole and in order.
    const many = await db.query<{ g: number; h: string }>('SELECT g, md5(g::text) AS h FROM generate_series(1, 100000) g ORDER BY g');
    expect(many).toHaveLength(100_000);
    expect(many[99_999]).toEqual({ g: 100_000, h: '14ee22eaba297944c96afdbe5b16c65b' });
  });

  it("keeps a database error's fields (code, constraint, table, detail, message), outside and inside a transaction and prepared", async () => {
    const unique = { code: '23505', constraint: 'contract_t_pkey', table: 'contract_t', detail: 'Key (id)=(1) already exists.', message: expect.stringContaining('duplicate key value violates unique constraint') };
    const outside = await db.query('INSERT INTO contract_t (id) VALUES (1)').catch((e: unknown) => e);
    expect(outside).toBeInstanceOf(Error);
    expect(outside).toMatchObject(unique);
    const inside = await db
      .transaction(async (tx) => {
        await tx.query('INSERT INTO contract_t (id) VALUES (3)');
        await tx.query('INSERT INTO contract_t (id) VALUES (1)');
      })
      .catch((e: unknown) => e);
    expect(inside).toBeInstanceOf(Error);
    expect(inside).toMatchObject(unique);
    expect(await db.query('SELECT id FROM contract_t WHERE id = 3')).toEqual([]);
    const prepared = await db.query('SELECT * FROM contract_t WHERE id = $1', ['not a number'], { prepare: true }).catch((e: unknown) => e);
    expect(prepared).toMatchObject({ code: '22P02', message: expect.stringContaining('invalid input syntax for type integer') });
    // The adapter goes on answering.
    expect(await db.query('SELECT count(*) AS n FROM contract_t WHERE id <= 2')).toEqual([{ n: 2 }]);
  });

  it("commits a transaction's writes when it resolves, with its value, and rolls them back with its own error when it throws", async () => {
    const value = await db.transaction(async (tx) => {
      await tx.query('INSERT INTO contract_t (id, s) VALUES ($1, $2)', [10, 'kept']);
      await tx.exec("UPDATE contract_t SET s = 'kept, updated' WHERE id = 10");
      return (await tx.query<{ s: string }>('SELECT s FROM contract_t WHERE id = 10'))[0].s;
    });
    expect(value).toBe('kept, updated');
    const thrown = new Error('changed my mind');
    await expect(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO contract_t (id) VALUES (11)');
        await tx.exec("UPDATE contract_t SET s = 'lost' WHERE id = 10");
        throw thrown;
      }),
    ).rejects.toBe(thrown);
    expect(await db.query('SELECT id, s FROM contract_t WHERE id IN (10, 11) ORDER BY id')).toEqual([{ id: 10, s: 'kept, updated' }]);
  });

  it('answers the other queries while a transaction is open as the engine does: PGlite after it ends, PostgreSQL at once without its writes', async () => {
    let inserted!: () => void;
    const didInsert = new Promise<void>((r) => (inserted = r));
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    const open = db.transaction(async (tx) => {
      await tx.query('INSERT INTO contract_t (id) VALUES (20)');
      inserted();
      await released;
      await tx.query('INSERT INTO contract_t (id) VALUES (21)');
    });
    await didInsert;
    const count = () => db.query<{ n: number }>('SELECT count(*) AS n FROM contract_t WHERE id IN (20, 21)');
    const during = [count(), count(), db.query('SELECT 1 AS one', [], { prepare: true })];
    if (engine === 'postgres') {
      expect(await during[0]).toEqual([{ n: 0 }]);
      release();
    } else {
      // One connection: they wait for the transaction and see all of it.
      release();
      expect(await during[0]).toEqual([{ n: 2 }]);
    }
    await open;
    expect(await Promise.all(during)).toEqual(engine === 'postgres' ? [[{ n: 0 }], [{ n: 0 }], [{ one: 1 }]] : [[{ n: 2 }], [{ n: 2 }], [{ one: 1 }]]);
  });

  it('copies rows in (text with tabs, line breaks and backslashes, bytea, Dates, nulls), in a transaction too', async () => {
    const at = new Date('2026-05-06T07:08:09.010Z');
    await db.copyFrom!('contract_t', ['id', 's', 'at', 'b'], [
      [30, 'tab\there\nline \\ back', at, new Uint8Array([9, 10])],
      [31, null, null, null],
    ]);
    await db.transaction(async (tx) => tx.copyFrom!('contract_t', ['id', 's'], [[32, 'in a transaction']]));
    await db.copyFrom!('contract_t', ['id'], []);
    const rows = await db.query<{ id: number; s: string | null; at: Date | null; b: Uint8Array | null }>('SELECT id, s, at, b FROM contract_t WHERE id BETWEEN 30 AND 39 ORDER BY id');
    expect(rows.map((r) => [r.id, r.s, r.at?.toISOString() ?? null, r.b ? [...r.b] : null])).toEqual([
      [30, 'tab\there\nline \\ back', at.toISOString(), [9, 10]],
      [31, null, null, null],
      [32, 'in a transaction', null, null],
    ]);
    await expect(db.copyFrom!('contract_t; DROP TABLE contract_t', ['id'], [[1]])).rejects.toThrow(/plain identifier/);
  });

  it('tells a listener of each NOTIFY once it is committed, and no more once it stops listening', async () => {
    const heard: string[] = [];
    const listening: boolean[] = [];
    const stop = await db.listen('contract_a', () => heard.push('a'), (l) => listening.push(l));
    const stopB = await db.listen('contract_b', () => heard.push('b'), () => undefined);
    expect(listening).toEqual([true]);
    await db.transaction(async (tx) => {
      await tx.query("SELECT pg_notify('contract_a', 'x')");
    });
    await until(() => heard.length === 1);
    await stop();
    expect(listening).toEqual([true, false]);
    await db.query("SELECT pg_notify('contract_a', 'y')");
    await db.query("SELECT pg_notify('contract_b', 'z')");
    // b's notification came after a's second: had a's been heard, it would be there first.
    await until(() => heard.length === 2);
    expect(heard).toEqual(['a', 'b']);
    await stopB();
  });

  it.runIf(engine === 'pglite')('dumps its data directory, which another PGlite loads back (in process or in the thread)', async () => {
    await db.query("INSERT INTO contract_t (id, s) VALUES (40, 'dumped')");
    // Inside a transaction, as the backup takes it (only PGlite's query lock: it does not wait for the transaction).
    const dump = await db.transaction(async (tx) => {
      await tx.exec('CHECKPOINT');
      return db.dumpDataDir!();
    });
    expect(dump).toBeInstanceOf(Blob);
    // Read back by the other adapter: the bytes are PGlite's own, whichever thread wrote them.
    const other = await (thread ? openPglite : openPgliteThread)(undefined, { loadDataDir: dump });
    try {
      expect(await other.query('SELECT s FROM contract_t WHERE id = 40')).toEqual([{ s: 'dumped' }]);
    } finally {
      await other.close();
    }
  });

  it('refuses every call once closed', async () => {
    const own = await openTestDb(engine, { thread });
    await own.db.query('SELECT 1');
    await own.close();
    await expect(own.db.query('SELECT 1')).rejects.toThrow();
  });
});

describe('an idle PGlite thread', () => {
  it('does not keep the process alive, as an open PGlite in process does not', () => {
    // A command that opens the database and forgets to close it still ends.
    const script = `import { openPgliteThread } from ${JSON.stringify(path.resolve(import.meta.dirname, 'pglite-thread.ts'))};
      const db = await openPgliteThread(undefined);
      console.log(JSON.stringify(await db.query('SELECT 41 + 1 AS n')));`;
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-thread-')), 'forgets-to-close.mts');
    fs.writeFileSync(file, script);
    const r = spawnSync(process.execPath, ['--import', 'tsx', file], { encoding: 'utf8', timeout: 60_000 });
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('[{"n":42}]');
    expect(r.status).toBe(0);
  });
});

async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 400 && !done(); i++) await new Promise((r) => setTimeout(r, 25));
  expect(done()).toBe(true);
}
