import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Actor } from '../auth/actor.ts';

/** The Fastify instance every module's routes receive: zod schemas validate and document each route. */
export type Api = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The permission this route needs (`module.resource.verb`, declared in the module's policy
     * table). Every /api route must declare either `permission` or `public: true`; the server refuses
     * to start otherwise, and the authorization matrix test is generated from these.
     */
    permission?: string;
    public?: boolean;
    /**
     * The route checks a credential of its own (GET /metrics and its token), so the session and API-token
     * resolver is skipped: its Authorization header is not an API token.
     */
    ownCredentials?: boolean;
  }
  interface FastifyRequest {
    actor: Actor;
  }
}
