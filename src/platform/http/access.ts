import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ANONYMOUS_ACTOR, type Actor } from '../auth/actor.ts';
import type { Catalog } from '../module.ts';
import { ForbiddenError, UnauthorizedError } from './errors.ts';

/** Turns a request into the acting user (session cookie, API token…). Supplied by the accounts module. */
export type ActorResolver = (request: FastifyRequest) => Promise<Actor>;

export const anonymousResolver: ActorResolver = async () => ANONYMOUS_ACTOR;

export interface RouteRecord {
  method: string;
  url: string;
  permission?: string;
  public?: boolean;
}

/**
 * Resolves the actor for every request and checks the route's declared permission before anything
 * else runs. Services check again (enforcement does not depend on HTTP); this early check keeps a
 * forbidden request from touching the database at all.
 */
export function installAccessControl(app: FastifyInstance, resolveActor: ActorResolver, catalog: Pick<Catalog, 'policies' | 'rolesFor'>): RouteRecord[] {
  const { rolesFor } = catalog;
  /** Every API route as declared, for the authorization matrix test and docs/security.md. */
  const ROUTE_TABLE: RouteRecord[] = [];
  app.decorateRequest('actor', null as unknown as Actor);

  app.addHook('onRoute', (route) => {
    const config = (route.config ?? {}) as { permission?: string; public?: boolean };
    const api = route.url.startsWith('/api/v1') && !route.url.startsWith('/api/v1/openapi');
    // The OpenAPI document says per operation what it needs, from the same declaration: nothing for public
    // routes (and for the few outside /api/v1, which this gate does not guard), a session or a token otherwise.
    route.schema = { ...route.schema, security: !api || config.public ? [] : [{ session: [] }, { token: [] }] };
    if (!api) return;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD') continue;
      if (!config.public && !config.permission) {
        throw new Error(`Route ${method} ${route.url} declares neither a permission nor public: true`);
      }
      ROUTE_TABLE.push({ method, url: route.url, permission: config.permission, public: config.public });
    }
  });

  app.addHook('onReady', async () => {
    for (const r of ROUTE_TABLE) {
      if (r.permission && !rolesFor(r.permission)) {
        throw new Error(`Route ${r.method} ${r.url} needs permission ${r.permission}, which no policy table declares (modules: ${[...catalog.policies.keys()].join(', ')})`);
      }
    }
  });

  // The permission is checked as soon as the caller is known: before the body is parsed or validated,
  // so a caller without the permission gets 401/403 and learns nothing about the request schema.
  // Services check again, so the CLI and other modules cannot bypass the policy.
  app.addHook('onRequest', async (request) => {
    const config = (request.routeOptions?.config ?? {}) as { permission?: string; public?: boolean; ownCredentials?: boolean };
    if (config.ownCredentials) {
      request.actor = ANONYMOUS_ACTOR;
      return;
    }
    request.actor = await resolveActor(request);
    if (config.public || !config.permission) return;
    if (request.actor.kind === 'anonymous') throw new UnauthorizedError();
    const roles = rolesFor(config.permission) ?? [];
    if (!roles.includes(request.actor.role)) {
      throw new ForbiddenError(`The role "${request.actor.role}" may not ${config.permission}.`);
    }
  });
  return ROUTE_TABLE;
}
