import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { ReadRouting } from './db/replica.ts';
import type { Db } from './db/types.ts';

/** What every service is built from. Services receive the acting user per call, never globally. */
export interface Deps {
  db: Db;
  /** With DATABASE_READ_URL: where reads that may be stale go (see `readDb` in db/replica.ts). */
  reads?: ReadRouting;
  clock: Clock;
  config: Config;
  log: Pick<FastifyBaseLogger, 'info' | 'warn' | 'error' | 'debug'>;
}
