import path from 'node:path';
import type { Config } from '../config.ts';
import type { Db } from './types.ts';
import { openPglite } from './pglite.ts';
import { openPgliteThread } from './pglite-thread.ts';
import { openPostgres } from './postgres.ts';
import { acquireDataDirLock, type DataDirLock } from './lock.ts';
import { migrate } from './migrate.ts';

export interface OpenedDatabase {
  db: Db;
  lock?: DataDirLock;
  close(): Promise<void>;
}

/**
 * Opens the configured database: PostgreSQL when DATABASE_URL is set, otherwise PGlite persisted in
 * CUSTODIA_DATA_DIR (guarded by the data-directory lock), in a worker thread of its own when `thread` says
 * so (the server, config.embeddedThread). Migrations are applied before returning.
 */
export async function openDatabase(config: Config, command: string, options: { thread?: boolean } = {}): Promise<OpenedDatabase> {
  if (config.databaseUrl) {
    const db = await openPostgres(config.databaseUrl);
    await migrate(db);
    return { db, close: () => db.close() };
  }
  const dir = path.join(config.dataDir, 'pgdata');
  const lock = await acquireDataDirLock(config.dataDir, command);
  try {
    const db = await (options.thread ? openPgliteThread : openPglite)(dir);
    await migrate(db);
    return {
      db,
      lock,
      async close() {
        await db.close();
        lock.release();
      },
    };
  } catch (err) {
    lock.release();
    throw err;
  }
}
