import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrate } from './migrate.ts';
import { openPostgres } from './postgres.ts';
import type { Db } from './types.ts';

export interface ScratchDb {
  db: Db;
  /** `host:port/name` of the scratch database, for reports. */
  where: string;
  /** Its connection string, for a second connection pool (as another server process would open). */
  url: string;
  /** Closes the pool and drops the scratch database. */
  close(): Promise<void>;
}

/**
 * A fresh, migrated PostgreSQL database created beside `adminUrl`'s (tests and benchmarks each get
 * their own, so runs never see each other's rows), dropped again by `close()`. `migrated: false` leaves
 * it empty (tests of the migration runner).
 */
export async function openScratchPostgres(
  adminUrl: string,
  prefix: string,
  poolSize = 4,
  options: { migrated?: boolean } = {},
): Promise<ScratchDb> {
  if (!/^[a-z0-9_]+$/.test(prefix)) throw new Error(`scratch database prefix must be [a-z0-9_]+, got "${prefix}"`);
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = await openPostgres(url.toString(), poolSize);
  if (options.migrated !== false) await migrate(db);
  return {
    db,
    where: `${url.host}/${name}`,
    url: url.toString(),
    async close() {
      await db.close();
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      try {
        await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await a.end();
      }
    },
  };
}
