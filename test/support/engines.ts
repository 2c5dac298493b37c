import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe } from 'vitest';
import { openPglite, type PgliteOptions } from '../../src/platform/db/pglite.ts';
import { openPgliteThread } from '../../src/platform/db/pglite-thread.ts';
import { openScratchPostgres } from '../../src/platform/db/scratch.ts';
import { migrate, MIGRATIONS_DIR } from '../../src/platform/db/migrate.ts';
import type { Db, Engine } from '../../src/platform/db/types.ts';

/**
 * Service and HTTP tests run against both engines: PGlite always, PostgreSQL when TEST_DATABASE_URL is
 * set (CI sets it). Each test database is new and migrated: PGlite in memory, PostgreSQL a fresh
 * database created beside TEST_DATABASE_URL's and dropped afterwards.
 */
export const ENGINES: Engine[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

/**
 * PGlite in process (openPglite) or in its worker thread (openPgliteThread, what `custodia start` runs with
 * CUSTODIA_EMBEDDED_THREAD). CUSTODIA_TEST_PGLITE_THREAD=1 runs every test's PGlite in the thread, to check
 * a test file on that adapter; the Db contract test (src/platform/db/contract.test.ts) always runs both.
 */
const pgliteThread = process.env.CUSTODIA_TEST_PGLITE_THREAD === '1';
const openPgliteAs = (thread: boolean, options: PgliteOptions = {}): Promise<Db> => (thread ? openPgliteThread : openPglite)(undefined, options);

/** The Db adapters: each engine, and PGlite in a worker thread. */
export interface Adapter {
  name: string;
  engine: Engine;
  thread: boolean;
}
export const ADAPTERS: Adapter[] = [...ENGINES.map((engine) => ({ name: engine, engine, thread: false })), { name: 'pglite-thread', engine: 'pglite', thread: true }];

export interface TestDb {
  db: Db;
  /** PostgreSQL: the scratch database's connection string. */
  url?: string;
  close(): Promise<void>;
}

/**
 * A fresh PGlite runs initdb (seconds, tens of seconds on a busy machine). Tests instead load a dumped,
 * already migrated data directory, made once per set of migrations and shared by every test worker
 * through a file named after the migrations' hash (or an unmigrated one, made once).
 */
async function pgliteTemplate(migrated: boolean): Promise<Blob> {
  const hash = createHash('sha256');
  if (migrated) for (const f of fs.readdirSync(MIGRATIONS_DIR).sort()) hash.update(f).update(fs.readFileSync(path.join(MIGRATIONS_DIR, f)));
  const file = path.join(os.tmpdir(), `custodia-pglite-template-${migrated ? hash.digest('hex').slice(0, 16) : 'empty'}.tar`);
  if (!fs.existsSync(file)) {
    const db = await openPglite(undefined);
    if (migrated) await migrate(db);
    const blob = await db.dumpDataDir!();
    await db.close();
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, Buffer.from(await blob.arrayBuffer()));
    fs.renameSync(tmp, file); // atomic: a concurrent worker sees the whole template or none
  }
  return new Blob([fs.readFileSync(file)]);
}

export async function openTestDb(engine: Engine, options: { thread?: boolean } = {}): Promise<TestDb> {
  if (engine === 'pglite') {
    const db = await openPgliteAs(options.thread ?? pgliteThread, { loadDataDir: await pgliteTemplate(true) });
    await migrate(db); // no-op unless a migration was added since the template
    return { db, close: () => db.close() };
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set');
  return openScratchPostgres(adminUrl, 'custodia_t');
}

/** A new database with no migration applied (tests of the migration runner and of upgrades). */
export async function openEmptyTestDb(engine: Engine): Promise<TestDb> {
  if (engine === 'pglite') {
    const db = await openPgliteAs(pgliteThread, { loadDataDir: await pgliteTemplate(false) });
    return { db, close: () => db.close() };
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set');
  return openScratchPostgres(adminUrl, 'custodia_t', 4, { migrated: false });
}

/**
 * Drops everything in the public schema (tables, functions, the extensions in it), so that one empty
 * database serves several scenarios of a runner or upgrade test: opening a PGlite costs seconds.
 */
export async function emptyPublicSchema(db: Db): Promise<void> {
  await db.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
}

/** `describe` once per Db adapter (ADAPTERS); the title carries its name. */
export function describeAdapters(title: string, body: (adapter: Adapter) => void): void {
  for (const adapter of ADAPTERS) {
    describe(`${title} [${adapter.name}]`, () => body(adapter));
  }
}

/** `describe` once per engine; the title carries the engine so a failure says where it failed. */
export function describeEngines(title: string, body: (engine: Engine) => void): void {
  for (const engine of ENGINES) {
    describe(`${title} [${engine}]`, () => body(engine));
  }
}
