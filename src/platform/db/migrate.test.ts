import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEngines, emptyPublicSchema, openEmptyTestDb, type TestDb } from '../../../test/support/engines.ts';
import { unknownMigrations } from '../../operations/model.ts';
import { knownMigrationNames, migrate, MigrationOrderError, outOfOrder } from './migrate.ts';
import { releaseNewMigrations, RELEASED_FILE } from './released.ts';

describe('outOfOrder', () => {
  it('names each pending file that sorts before the last applied one', () => {
    expect(outOfOrder(['0001_a.sql', '0002_b.sql', '0003_c.sql'], [])).toEqual([]);
    expect(outOfOrder(['0001_a.sql', '0002_b.sql', '0003_c.sql'], ['0001_a.sql'])).toEqual([]);
    expect(outOfOrder(['0001_a.sql', '0002_b.sql', '0003_c.sql'], ['0003_c.sql', '0001_a.sql'])).toEqual([{ pending: '0002_b.sql', appliedAfter: '0003_c.sql' }]);
  });
});

describe('knownMigrationNames', () => {
  it('knows the files and the names earlier releases recorded, so a backup made before a rename restores', () => {
    const known = knownMigrationNames();
    expect(known).toEqual(expect.arrayContaining(['0002_registry.sql', '0100_registry.sql', '0012_operations.sql', '0650_operations.sql']));
    const before = ['0001_platform.sql', '0100_registry.sql', '0400_reference_embargo.sql', '0500_licensing.sql', '0180_registry_import.sql', '0600_screening.sql'];
    expect(unknownMigrations({ migrations: before }, known)).toEqual([]);
    expect(unknownMigrations({ migrations: [...before, '0099_from_the_future.sql'] }, known)).toEqual(['0099_from_the_future.sql']);
  });
});

describeEngines('migration runner', (engine) => {
  let t: TestDb;
  const dirs: string[] = [];
  beforeAll(async () => {
    t = await openEmptyTestDb(engine);
  });
  afterAll(async () => {
    await t?.close();
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  /** The database emptied, and a new empty migrations folder. */
  async function scratch() {
    const { db } = t;
    await emptyPublicSchema(db);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-runner-'));
    dirs.push(dir);
    return {
      db,
      dir,
      write: (file: string, sql: string) => fs.writeFileSync(path.join(dir, file), sql),
      names: async () => (await db.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name')).map((r) => r.name),
      tables: async () =>
        (await db.query<{ t: string }>(`SELECT relname AS t FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' ORDER BY 1`)).map((r) => r.t),
    };
  }

  it('applies in name order, once, and refuses a pending file that sorts before an applied one (nothing applied)', async () => {
    const s = await scratch();
    s.write('0001_a.sql', 'CREATE TABLE t_a (id int);');
    s.write('0003_c.sql', 'CREATE TABLE t_c (id int);');
    expect(await migrate(s.db, s.dir)).toEqual({ applied: ['0001_a.sql', '0003_c.sql'] });
    expect(await migrate(s.db, s.dir)).toEqual({ applied: [] });

    s.write('0002_b.sql', 'CREATE TABLE t_b (id int);');
    s.write('0004_d.sql', 'CREATE TABLE t_d (id int);');
    const refused = await migrate(s.db, s.dir).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(MigrationOrderError);
    expect((refused as Error).message).toBe(
      'Refusing to migrate: 0002_b.sql sorts before 0003_c.sql, which this database has already applied. ' +
        'Migrations apply in one order on every node, so a new migration must sort after every released one: ' +
        'rename it to the next number (migrations/README.md). Nothing was applied.',
    );
    expect(await s.tables()).toEqual(['schema_migrations', 't_a', 't_c']);
    expect(await s.names()).toEqual(['0001_a.sql', '0003_c.sql']);

    fs.renameSync(path.join(s.dir, '0002_b.sql'), path.join(s.dir, '0005_b.sql'));
    expect(await migrate(s.db, s.dir)).toEqual({ applied: ['0004_d.sql', '0005_b.sql'] });
    expect(await s.tables()).toEqual(['schema_migrations', 't_a', 't_b', 't_c', 't_d']);
  });

  it('renames what a node recorded under a former name, and does not run that file again', async () => {
    const s = await scratch();
    // A node of an earlier release: it applied these under their names of the time, in the order they reached main.
    await s.db.exec(`CREATE TABLE schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());
      CREATE TABLE t_platform (id int); CREATE TABLE t_licensing (id int); CREATE TABLE t_import (id int);`);
    await s.db.query(`INSERT INTO schema_migrations (name) VALUES ('0001_platform.sql'), ('0500_licensing.sql'), ('0180_registry_import.sql')`);

    s.write('0001_platform.sql', 'CREATE TABLE t_platform (id int);');
    s.write('0002_licensing.sql', 'CREATE TABLE t_licensing (id int);');
    s.write('0003_registry_import.sql', 'CREATE TABLE t_import (id int);');
    s.write('0004_next.sql', 'CREATE TABLE t_next (id int);');
    expect(releaseNewMigrations(s.dir).problems).toEqual([]);
    const list = path.join(s.dir, RELEASED_FILE);
    fs.writeFileSync(
      list,
      fs
        .readFileSync(list, 'utf8')
        .replace(/^(0002_licensing\.sql\s+\S+)$/m, '$1 0500_licensing.sql')
        .replace(/^(0003_registry_import\.sql\s+\S+)$/m, '$1 0180_registry_import.sql'),
    );

    expect(await migrate(s.db, s.dir)).toEqual({ applied: ['0004_next.sql'] });
    expect(await s.names()).toEqual(['0001_platform.sql', '0002_licensing.sql', '0003_registry_import.sql', '0004_next.sql']);
    expect(await migrate(s.db, s.dir)).toEqual({ applied: [] });
  });

  it('without the former names, the same node is refused rather than given tables twice', async () => {
    const s = await scratch();
    await s.db.exec(`CREATE TABLE schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());
      CREATE TABLE t_licensing (id int);`);
    await s.db.query(`INSERT INTO schema_migrations (name) VALUES ('0500_licensing.sql')`);
    s.write('0001_licensing.sql', 'CREATE TABLE t_licensing (id int);');
    await expect(migrate(s.db, s.dir)).rejects.toThrow('Refusing to migrate: 0001_licensing.sql sorts before 0500_licensing.sql, which this database has already applied.');
    expect(await s.names()).toEqual(['0500_licensing.sql']);
  });
});
