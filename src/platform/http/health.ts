import type { FastifyInstance } from 'fastify';
import type { Deps } from '../deps.ts';

/** /healthz: the process is up and the database answers. */
export async function healthRoutes(app: FastifyInstance, opts: { deps: Deps }): Promise<void> {
  app.get('/healthz', { config: { public: true }, schema: { hide: true } }, async (_request, reply) => {
    const started = process.hrtime.bigint();
    try {
      await opts.deps.db.query('SELECT 1');
      return {
        status: 'ok',
        engine: opts.deps.db.engine,
        state: opts.deps.config.state,
        dbLatencyMs: Number(process.hrtime.bigint() - started) / 1e6,
      };
    } catch (err) {
      reply.status(503);
      return { status: 'unavailable', error: (err as Error).message };
    }
  });
}
