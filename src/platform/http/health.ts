import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { loadNodeKeys } from '../crypto/keys.ts';
import { appliedMigrations, migrationFiles } from '../db/migrate.ts';
import type { Deps } from '../deps.ts';

const check = z.enum(['ok', 'failing']);
const readiness = z.object({
  status: z.enum(['ready', 'not ready']),
  checks: z.object({
    database: check,
    migrations: check,
    keys: check,
    replica: z.enum(['ok', 'unavailable']).optional().describe('only with DATABASE_READ_URL; never fails readiness (reads fall back to the primary)'),
  }),
});

/** How long /readyz waits for the database before calling it unreachable. */
const READY_TIMEOUT_MS = 3_000;

function within<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)))]).finally(() => clearTimeout(timer));
}

/**
 * /healthz: the process is up and the database answers. /readyz: this node can serve — the database is
 * reachable, exactly the migrations this version ships are applied, and the signing key loads. Both are
 * public and say no more than ok/failing; the reason goes to the log.
 */
export async function healthRoutes(app: FastifyInstance, opts: { deps: Deps }): Promise<void> {
  const { deps } = opts;
  // A load balancer or monitor asks every few seconds: only its failures are worth a log line.
  app.get('/healthz', { config: { public: true }, schema: { hide: true }, logLevel: 'warn' }, async (_request, reply) => {
    const started = process.hrtime.bigint();
    try {
      await deps.db.query('SELECT 1');
      return {
        status: 'ok',
        engine: deps.db.engine,
        state: deps.config.state,
        dbLatencyMs: Number(process.hrtime.bigint() - started) / 1e6,
      };
    } catch (err) {
      reply.status(503);
      return { status: 'unavailable', error: (err as Error).message };
    }
  });

  app.get(
    '/readyz',
    {
      config: { public: true },
      schema: {
        tags: ['operations'],
        summary: 'Readiness for load balancers: database reachable, migrations applied, signing key loaded (503 otherwise)',
        security: [],
        response: { 200: readiness, 503: readiness },
      },
    },
    async (request, reply) => {
      const failing = (what: string) => (err: unknown) => {
        request.log.warn({ err, check: what }, 'readiness check failing');
        return 'failing' as const;
      };
      const database = await within(deps.db.query('SELECT 1'), READY_TIMEOUT_MS).then(() => 'ok' as const, failing('database'));
      const migrations =
        database === 'ok'
          ? await within(appliedMigrations(deps.db), READY_TIMEOUT_MS).then((applied) => {
              const shipped = migrationFiles();
              if (applied.join('\n') === shipped.join('\n')) return 'ok' as const;
              return failing('migrations')(new Error(`applied ${applied.length}, shipped ${shipped.length}: ${shipped.filter((m) => !applied.includes(m)).concat(applied.filter((m) => !shipped.includes(m))).join(', ')}`));
            }, failing('migrations'))
          : ('failing' as const);
      const keys = await loadNodeKeys(deps.config).then(() => 'ok' as const, failing('keys'));
      const replica = deps.reads ? ((await deps.reads.status()) ? ('ok' as const) : ('unavailable' as const)) : undefined;
      const ready = database === 'ok' && migrations === 'ok' && keys === 'ok';
      reply.status(ready ? 200 : 503);
      return { status: ready ? ('ready' as const) : ('not ready' as const), checks: { database, migrations, keys, ...(replica ? { replica } : {}) } };
    },
  );
}
