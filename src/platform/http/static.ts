import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { z } from 'zod';
import type { Catalog } from '../module.ts';
import type { Deps } from '../deps.ts';
import { AppError, PROBLEM_BASE, problemBody } from './errors.ts';

const DEFAULT_DIST = fileURLToPath(new URL('../../../web/dist', import.meta.url));

const permissionsResponse = z.object({
  permissions: z.record(z.string(), z.array(z.string())),
  /** The State this node serves (CUSTODIA_STATE, ISO 3166-1 alpha-2): country pickers offer it too. */
  state: z.string().regex(/^[A-Z]{2}$/),
});

/**
 * Serves the officer web application (web/dist, built by `custodia start`) at `/`, with every
 * non-API path falling back to index.html so deep links such as /verify/MX-EXP-2026-000123 (printed
 * as a QR code on licences) open the right screen. Also publishes the permission table, so the
 * application shows only the actions a role may take (no buttons that only fail).
 */
export async function webAppRoutes(app: FastifyInstance, opts: { deps: Deps; catalog: Pick<Catalog, 'policies'>; distDir?: string }): Promise<void> {
  const distDir = opts.distDir ?? DEFAULT_DIST;
  const indexPath = path.join(distDir, 'index.html');
  const built = fs.existsSync(indexPath);

  // Everything this plugin serves is public (the application's code and shell, no data): marking the
  // routes so that an authenticated-but-restricted session (one-time password) able to load them.
  app.addHook('onRoute', (route) => {
    route.config = { ...((route.config as object) ?? {}), public: true } as typeof route.config;
  });

  app.get(
    '/api/v1/web/permissions',
    {
      config: { public: true },
      schema: {
        tags: ['web'],
        summary: 'Permission table: which roles may use each permission (the same table the server enforces), and the State this node serves',
        response: { 200: permissionsResponse },
      },
    },
    async () => {
      const permissions: Record<string, string[]> = {};
      for (const table of opts.catalog.policies.values()) for (const [p, roles] of Object.entries(table)) permissions[p] = [...roles];
      return { permissions, state: opts.deps.config.state };
    },
  );

  if (built) {
    // Hashed asset names never change content, so they may be cached for a year; index.html never is.
    await app.register(fastifyStatic, {
      root: distDir,
      prefix: '/',
      wildcard: false,
      index: false,
      // The plugin's own Cache-Control would overwrite the one set below.
      cacheControl: false,
      setHeaders(res, filePath) {
        if (filePath.includes(`${path.sep}assets${path.sep}`)) res.setHeader('cache-control', 'public, max-age=31536000, immutable');
        else res.setHeader('cache-control', 'no-cache');
      },
    });
  }

  const spa = async (request: { url: string; method: string }, reply: import('fastify').FastifyReply) => {
    const pathname = request.url.split('?')[0];
    if (pathname.startsWith('/api/') || pathname === '/api' || pathname.startsWith('/assets/')) {
      const problem = new AppError(404, `${PROBLEM_BASE}not-found`, 'Not found', `No route ${request.method} ${pathname}.`);
      return reply.status(404).type('application/problem+json; charset=utf-8').send(problemBody(problem, request.url));
    }
    if (!built) {
      return reply
        .status(503)
        .type('text/plain; charset=utf-8')
        .send('The Custodia web application is not built. Run `npm start` (it builds web/dist) or `npm run build:web`.\n');
    }
    return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(await fs.promises.readFile(indexPath));
  };
  app.get('/', { config: { public: true }, schema: { hide: true } }, (req, reply) => spa(req, reply));
  app.get('/*', { config: { public: true }, schema: { hide: true } }, (req, reply) => spa(req, reply));
}
