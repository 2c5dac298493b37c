import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Deps } from './platform/deps.ts';
import { rememberParsed } from './platform/validation.ts';
import { answerFrameworkError, installProblemHandler } from './platform/http/problem-handler.ts';
import { installInputGuards } from './platform/http/input-guard.ts';
import { installStrictBodies } from './platform/http/strict-bodies.ts';
import { installSecurityHeaders } from './platform/http/security-headers.ts';
import { anonymousResolver, installAccessControl, type ActorResolver, type RouteRecord } from './platform/http/access.ts';
import type { Api } from './platform/http/types.ts';
import { healthRoutes } from './platform/http/health.ts';
import { installRequestContext, OneLinePerRequest, requestIdFor } from './platform/http/request-context.ts';
import { createMetrics, installRequestMetrics, instrumentDb, metricsRoutes, registerPoolGauges, type Metrics } from './platform/metrics.ts';
import { registerOperationalGauges } from './operations/metrics.ts';
import rateLimit from '@fastify/rate-limit';
import { createActorResolver } from './accounts/resolver.ts';
import { startAuthCaches } from './accounts/token-cache.ts';
import { jwksRoutes } from './platform/crypto/routes.ts';
import type { NodeKeys } from './platform/crypto/keys.ts';
import { publishedEncryptionKey } from './exchange/pins.ts';
import { webAppRoutes } from './platform/http/static.ts';
import { buildCatalog, buildServices, type AnyModule, type Catalog } from './platform/module.ts';
import { MODULES, type Services } from './modules.ts';

export interface BuildAppOptions {
  deps: Deps;
  /** Overrides how requests become actors (the accounts module supplies the real one). */
  resolveActor?: ActorResolver;
  logger?: boolean | object;
  /** The pino logger to log through (serve() passes the one behind deps.log), instead of `logger`. */
  loggerInstance?: FastifyBaseLogger;
  /** The metrics registry (serve() makes it, to share it with the replica routing and the metrics listener). */
  metrics?: Metrics;
  /** The module list (default: MODULES); tests add a module of their own to it. */
  modules?: readonly AnyModule[];
}

declare module 'fastify' {
  interface FastifyInstance {
    routeTable: RouteRecord[];
    metrics: Metrics;
    /** Every module's service, built once when the app was (main.ts uses them for work outside requests). */
    services: Services;
    catalog: Catalog;
  }
}

/** Builds the HTTP application from the modules. No logic lives here: only wiring. */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const metrics = options.metrics ?? createMetrics();
  const deps: Deps = { ...options.deps, db: instrumentDb(options.deps.db, metrics) };
  const modules: readonly AnyModule[] = options.modules ?? MODULES;
  const catalog = buildCatalog(modules);
  // Each service once, in list order, each handed the services it declares it needs.
  const services = buildServices(modules, deps, catalog) as Services & Record<string, unknown>;
  const app = Fastify({
    ...(options.loggerInstance ? { loggerInstance: options.loggerInstance } : { logger: options.logger ?? false }),
    genReqId: requestIdFor,
    logController: new OneLinePerRequest(),
    bodyLimit: deps.config.bodyLimitBytes,
    trustProxy: deps.config.trustProxy,
    ajv: undefined,
    frameworkErrors: answerFrameworkError,
  }).withTypeProvider();
  // The route's parse is remembered so the service handed the same object does not parse it again.
  const rememberingValidatorCompiler: typeof validatorCompiler = (route) => {
    const check = validatorCompiler(route);
    return (data) => {
      const result = check(data) as { value?: unknown; error?: unknown };
      if (!result.error) rememberParsed(result.value, route.schema);
      return result as ReturnType<typeof check>;
    };
  };
  app.setValidatorCompiler(rememberingValidatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installProblemHandler(app);
  // Before anything else: every later hook, handler and log line runs in the request's context.
  installRequestContext(app);
  installRequestMetrics(app, metrics);
  app.decorate('metrics', metrics);
  app.decorate('services', services);
  app.decorate('catalog', catalog);
  registerPoolGauges(metrics, { primary: options.deps.db, replica: deps.reads?.replica });
  registerOperationalGauges(metrics, deps, services);
  installInputGuards(app);
  // Security headers on every response, registered before access control so refusals carry them too.
  installSecurityHeaders(app);
  // Limits are per route (sign-in, password change): a global one would throttle bulk API clients.
  await app.register(rateLimit, { global: false });
  const routeTable = installAccessControl(app, options.resolveActor ?? createActorResolver(services.accounts), catalog);
  // The credential caches listen before the first request, so that request's lookup is kept too (token-cache.ts).
  app.addHook('onReady', () => startAuthCaches(deps.db));
  // Before the OpenAPI plugin, so the document describes the strict bodies the routes validate.
  installStrictBodies(app);
  app.decorate('routeTable', routeTable);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Custodia API',
        version: '1',
        description:
          'National firearms control system: registry of firearms, parts and ammunition (UN Firearms Protocol Arts 7–8), ' +
          'licensing (Art. 10), screening and the tamper-evident audit log. Errors are RFC 9457 problem+json.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'custodia_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  await app.register(healthRoutes, { deps });
  await app.register(metricsRoutes, { metrics, config: deps.config, requireToken: true });
  // The X25519 key other States encrypt relayed envelopes to, bound to the signing key (docs/exchange.md §2.2).
  await app.register(jwksRoutes as never, { deps, extraKeys: async (keys: NodeKeys) => [await publishedEncryptionKey(keys, deps.config.state)] });
  await app.register(
    async (api) => {
      const zapi = api as unknown as Api;
      zapi.get('/openapi.json', { schema: { hide: true }, config: { public: true } }, async () => app.swagger());
      // Every module's routes, in list order, each handed the module's own service.
      for (const m of modules) {
        for (const routes of m.routes ?? []) await zapi.register(routes, { deps, service: services[m.name], catalog });
      }
    },
    { prefix: '/api/v1' },
  );
  // The officer web application at `/` (after the API so /api paths never fall back to it).
  await app.register(webAppRoutes, { deps, catalog });
  return app;
}
