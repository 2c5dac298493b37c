import { FixedClock } from '../../src/platform/clock.ts';
import { testConfig, type Config } from '../../src/platform/config.ts';
import type { Deps } from '../../src/platform/deps.ts';
import type { Engine } from '../../src/platform/db/types.ts';
import { openTestDb } from './engines.ts';

const silentLog = { info() {}, warn() {}, error() {}, debug() {} };

export interface TestDeps extends Deps {
  clock: FixedClock;
  close(): Promise<void>;
}

/** A fresh migrated database with a fixed clock, for service tests. */
export async function createTestDeps(engine: Engine, config: Partial<Config> = {}): Promise<TestDeps> {
  const opened = await openTestDb(engine);
  const clock = new FixedClock(new Date('2026-06-01T10:00:00Z'));
  // On PostgreSQL the configuration names the scratch database, as DATABASE_URL does in production.
  return { db: opened.db, clock, config: testConfig({ databaseUrl: opened.url, ...config }), log: silentLog, close: opened.close };
}
