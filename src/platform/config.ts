import path from 'node:path';

/** Configuration comes from environment variables with safe defaults. */
export interface Config {
  port: number;
  /** 127.0.0.1 unless CUSTODIA_HOST says otherwise: listening on all interfaces is a decision. */
  host: string;
  databaseUrl: string | undefined;
  /** A streaming replica of DATABASE_URL for reads that may be slightly stale (docs/operations.md). */
  databaseReadUrl: string | undefined;
  /** Beyond this replica lag (seconds) every read goes to the primary. */
  replicaMaxLagSeconds: number;
  /** Bearer token that unlocks GET /metrics on the main listener (unset: no /metrics there). */
  metricsToken: string | undefined;
  /** A separate listener for /metrics without a token (unset: none). */
  metricsPort: number | undefined;
  metricsHost: string;
  dataDir: string;
  /** Directory holding the node's signing keys; outside the database on purpose. */
  keysDir: string;
  /** ISO 3166-1 alpha-2 code of the State this node serves. */
  state: string;
  /** The State's own language for bilingual documents (BCP 47), besides English. */
  stateLanguage: string;
  /** Public base URL printed on documents and in QR codes. */
  publicUrl: string;
  logLevel: string;
  /** Retention floors in years (Protocol Art. 7 ≥ 10; ITI para 12: 30 manufacture / 20 others; EU 30 after destruction). */
  retention: { protocolYears: number; manufactureYears: number; otherYears: number; afterDestructionYears: number };
  /** Trust X-Forwarded-* (only behind a reverse proxy that sets them). */
  trustProxy: boolean;
  bodyLimitBytes: number;
  uploadLimitBytes: number;
  /**
   * `custodia start` on the embedded database runs PGlite in a worker thread of its own (CUSTODIA_EMBEDDED_THREAD,
   * default on; 0 keeps it in the server's thread): the HTTP work and the database engine on two cores
   * (docs/scaling.md: twice the exact lookups, answers during an import, ~80 MiB more memory).
   */
  embeddedThread: boolean;
  /** HTTP server processes (CUSTODIA_WORKERS, default 1): more than one only on PostgreSQL (docs/scaling.md). */
  workers: number;
  /**
   * International tracing requests (docs/tracing.md): days allowed for an answer by priority, when no date
   * is agreed (the ITI fixes none), and how many days before the deadline a reminder falls due.
   */
  tracing: { routineResponseDays: number; urgentResponseDays: number; reminderDays: number };
  /**
   * The authority tracing documents and exchange notices say they come from (CUSTODIA_LICENSING_AUTHORITY, the
   * variable licences print, so every document agrees); unset, a generic name with the State's code.
   */
  authority: string;
}

function days(value: string | undefined, fallback: number, name: string, min: number): number {
  const n = int(value, fallback, name);
  if (n < min || n > 3650) throw new Error(`${name} must be a whole number of days (${min}–3650), got "${value}"`);
  return n;
}

function flag(value: string | undefined, fallback: boolean, name: string): boolean {
  if (value === undefined || value === '') return fallback;
  if (value === '1' || value === 'true') return true;
  if (value === '0' || value === 'false') return false;
  throw new Error(`${name} must be 1 or 0 (true or false), got "${value}"`);
}

function int(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${value}"`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = path.resolve(env.CUSTODIA_DATA_DIR ?? 'data');
  const state = (env.CUSTODIA_STATE ?? 'XC').toUpperCase();
  if (!/^[A-Z]{2}$/.test(state)) throw new Error(`CUSTODIA_STATE must be an ISO 3166-1 alpha-2 code, got "${state}"`);
  const port = int(env.PORT, 8080, 'PORT');
  const databaseUrl = env.DATABASE_URL || undefined;
  const databaseReadUrl = env.DATABASE_READ_URL || undefined;
  if (databaseReadUrl && !databaseUrl) throw new Error('DATABASE_READ_URL names a replica of DATABASE_URL: set DATABASE_URL too (the embedded database has no replicas)');
  const metricsToken = env.CUSTODIA_METRICS_TOKEN || undefined;
  if (metricsToken !== undefined && metricsToken.length < 16) throw new Error('CUSTODIA_METRICS_TOKEN must be at least 16 characters');
  const metricsPort = env.CUSTODIA_METRICS_PORT ? int(env.CUSTODIA_METRICS_PORT, 0, 'CUSTODIA_METRICS_PORT') : undefined;
  return {
    port,
    host: env.CUSTODIA_HOST ?? '127.0.0.1',
    databaseUrl,
    databaseReadUrl,
    replicaMaxLagSeconds: int(env.CUSTODIA_REPLICA_MAX_LAG_SECONDS, 30, 'CUSTODIA_REPLICA_MAX_LAG_SECONDS'),
    metricsToken,
    metricsPort,
    metricsHost: env.CUSTODIA_METRICS_HOST ?? '127.0.0.1',
    dataDir,
    keysDir: path.resolve(env.CUSTODIA_KEYS_DIR ?? path.join(dataDir, 'keys')),
    state,
    stateLanguage: env.CUSTODIA_STATE_LANGUAGE ?? 'es',
    authority: (env.CUSTODIA_LICENSING_AUTHORITY || `National Firearms Control Authority (${state})`).slice(0, 300),
    publicUrl: (env.CUSTODIA_PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, ''),
    logLevel: env.LOG_LEVEL ?? 'info',
    retention: {
      protocolYears: int(env.CUSTODIA_RETENTION_PROTOCOL_YEARS, 10, 'CUSTODIA_RETENTION_PROTOCOL_YEARS'),
      manufactureYears: int(env.CUSTODIA_RETENTION_MANUFACTURE_YEARS, 30, 'CUSTODIA_RETENTION_MANUFACTURE_YEARS'),
      otherYears: int(env.CUSTODIA_RETENTION_OTHER_YEARS, 20, 'CUSTODIA_RETENTION_OTHER_YEARS'),
      afterDestructionYears: int(env.CUSTODIA_RETENTION_AFTER_DESTRUCTION_YEARS, 30, 'CUSTODIA_RETENTION_AFTER_DESTRUCTION_YEARS'),
    },
    trustProxy: env.CUSTODIA_TRUST_PROXY === 'true',
    bodyLimitBytes: int(env.CUSTODIA_BODY_LIMIT_BYTES, 1024 * 1024, 'CUSTODIA_BODY_LIMIT_BYTES'),
    uploadLimitBytes: int(env.CUSTODIA_UPLOAD_LIMIT_BYTES, 512 * 1024 * 1024, 'CUSTODIA_UPLOAD_LIMIT_BYTES'),
    embeddedThread: flag(env.CUSTODIA_EMBEDDED_THREAD, true, 'CUSTODIA_EMBEDDED_THREAD'),
    workers: Math.max(1, int(env.CUSTODIA_WORKERS, 1, 'CUSTODIA_WORKERS')),
    tracing: {
      routineResponseDays: days(env.CUSTODIA_TRACING_RESPONSE_DAYS, 30, 'CUSTODIA_TRACING_RESPONSE_DAYS', 1),
      urgentResponseDays: days(env.CUSTODIA_TRACING_URGENT_RESPONSE_DAYS, 10, 'CUSTODIA_TRACING_URGENT_RESPONSE_DAYS', 1),
      reminderDays: days(env.CUSTODIA_TRACING_REMINDER_DAYS, 7, 'CUSTODIA_TRACING_REMINDER_DAYS', 0),
    },
  };
}

/** A configuration for tests: in-memory everything, fixed State. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  // The State is read through loadConfig so that what derives from it (the authority's name) agrees.
  return { ...loadConfig({ CUSTODIA_STATE: overrides.state ?? 'XC', CUSTODIA_DATA_DIR: '/tmp/custodia-test-unused' }), ...overrides };
}
