import fs from 'node:fs';
import path from 'node:path';
import { openPglite } from './pglite.ts';
import { runPgTool } from './pg-tools.ts';
import type { Db, Tx } from './types.ts';

/**
 * A consistent copy of the whole database in a file, together with facts read in the very same
 * snapshot (so a backup's manifest describes exactly the data beside it).
 *
 * - PGlite: inside one transaction (PGlite runs every query and transaction one after another, so nothing
 *   else can write meanwhile) after a CHECKPOINT, `dumpDataDir` tars the data directory. The running server
 *   holds the database for as long as the dump takes; the dump is built in memory (about the size of the
 *   data directory).
 * - PostgreSQL: a REPEATABLE READ transaction exports its snapshot and `pg_dump --snapshot` dumps exactly
 *   that snapshot (custom format) while writers carry on.
 */
export interface DumpOutcome<T> {
  facts: T;
  serverVersion: string;
  serverMajor: number;
}

async function serverVersion(q: Tx): Promise<{ version: string; major: number }> {
  const [row] = await q.query<{ version: string; num: string }>(`SELECT version() AS version, current_setting('server_version_num') AS num`);
  return { version: row.version, major: Math.floor(Number(row.num) / 10000) };
}

export async function dumpDatabase<T>(db: Db, databaseUrl: string | undefined, file: string, read: (tx: Tx) => Promise<T>): Promise<DumpOutcome<T>> {
  if (db.engine === 'pglite') {
    if (!db.dumpDataDir) throw new Error('this PGlite handle cannot dump its data directory');
    const dumpDataDir = db.dumpDataDir.bind(db);
    const { facts, version, blob } = await db.transaction(async (tx) => {
      await tx.exec('CHECKPOINT');
      const v = await serverVersion(tx);
      const f = await read(tx);
      // Only the query lock is taken by the dump; this transaction keeps every other query out.
      return { facts: f, version: v, blob: await dumpDataDir() };
    });
    await fs.promises.writeFile(file, blob.stream());
    return { facts, serverVersion: version.version, serverMajor: version.major };
  }
  if (!databaseUrl) throw new Error('a PostgreSQL backup needs the connection string (DATABASE_URL)');
  return db.transaction(async (tx) => {
    await tx.exec('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    const [{ snapshot }] = await tx.query<{ snapshot: string }>('SELECT pg_export_snapshot() AS snapshot');
    const v = await serverVersion(tx);
    const facts = await read(tx);
    await runPgTool('pg_dump', v.major, databaseUrl, ['--format=custom', `--snapshot=${snapshot}`, `--file=${file}`]);
    return { facts, serverVersion: v.version, serverMajor: v.major };
  });
}

/** Loads a dumped PGlite data directory into `pgdataDir`, which must not hold a database yet. */
export async function restorePgliteDataDir(pgdataDir: string, dumpFile: string): Promise<void> {
  await fs.promises.mkdir(path.dirname(pgdataDir), { recursive: true });
  await fs.promises.mkdir(pgdataDir, { recursive: true });
  const db = await openPglite(pgdataDir, { loadDataDir: await fs.openAsBlob(dumpFile) });
  await db.close();
}

/**
 * Restores a `pg_dump --format=custom` file into the database at `url`, in one transaction (a failure
 * leaves the database as it was). `clean` first drops the objects the dump recreates.
 */
export async function restorePostgresDump(url: string, serverMajor: number, dumpFile: string, options: { clean: boolean }): Promise<void> {
  await runPgTool('pg_restore', serverMajor, url, [
    '--no-owner',
    '--no-privileges',
    '--exit-on-error',
    '--single-transaction',
    ...(options.clean ? ['--clean', '--if-exists'] : []),
    dumpFile,
  ]);
}
