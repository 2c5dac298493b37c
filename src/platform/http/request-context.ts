import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Deps } from '../deps.ts';

/**
 * What the code serving one request may need without it being passed down every call: the request's
 * logger (so every log line of the request carries its id, including lines written by services through
 * `deps.log`) and who is acting (so the database layer can tell whose writes a replica must have
 * replayed before it may serve that user's reads).
 */
export interface RequestContext {
  requestId: string;
  log: FastifyBaseLogger;
  /** Set once the actor is known: the user id, or the system/anonymous name. */
  actorKey?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function currentRequest(): RequestContext | undefined {
  return storage.getStore();
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Request ids: a well-formed `X-Request-Id` from the client or reverse proxy is kept (so one id follows
 * a request through the proxy's and Custodia's logs), anything else is replaced by a UUID.
 */
export function requestIdFor(request: { headers: Record<string, string | string[] | undefined> }): string {
  const sent = request.headers['x-request-id'];
  return typeof sent === 'string' && REQUEST_ID.test(sent) ? sent : randomUUID();
}

/** Runs the rest of every request inside its context and echoes its id in `X-Request-Id`. */
export function installRequestContext(app: FastifyInstance): void {
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    storage.run({ requestId: request.id, log: request.log }, done);
  });
  // Access control resolved the actor in its onRequest hook; every handler runs after this.
  app.addHook('preHandler', (request, _reply, done) => {
    noteActor(request);
    done();
  });
}

/**
 * One log line per request, when it is answered, with its method and URL (Fastify writes two: one on
 * arrival and one on completion, the second without the URL). Errors, refusals and streams are logged as
 * Fastify does. Under load this halves the logging work of a request (docs/scaling.md).
 */
export class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (error) return super.requestCompleted(error, request, reply);
    reply.log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed');
  }
}

/** Records who is acting once access control has resolved them (a preHandler runs after it). */
export function noteActor(request: FastifyRequest): void {
  const ctx = storage.getStore();
  if (ctx && request.actor) ctx.actorKey = request.actor.userId ?? `${request.actor.kind}:${request.actor.name}`;
}

/**
 * A `deps.log` that writes through the current request's logger when there is one (its lines carry
 * `reqId`) and through `base` otherwise (timers, start-up, the CLI).
 */
export function contextLogger(base: FastifyBaseLogger): Deps['log'] {
  const pick = () => storage.getStore()?.log ?? base;
  return {
    info: (...args: Parameters<FastifyBaseLogger['info']>) => pick().info(...args),
    warn: (...args: Parameters<FastifyBaseLogger['warn']>) => pick().warn(...args),
    error: (...args: Parameters<FastifyBaseLogger['error']>) => pick().error(...args),
    debug: (...args: Parameters<FastifyBaseLogger['debug']>) => pick().debug(...args),
  } as Deps['log'];
}
