import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';

/**
 * The security headers every response carries: one set of options for the helmet plugin (every routed
 * request) and for the answers Fastify gives before routing (a malformed URL, an over-long path segment),
 * which no hook sees. No CORS on purpose: the API is same-origin only. upgrade-insecure-requests is left
 * out so a plain-HTTP install on a local network still loads its assets.
 */
export const SECURITY_HEADERS = {
  contentSecurityPolicy: {
    // The application serves its own styles and fonts: no other origin (helmet's default allows any https:).
    // Inline styles stay allowed for the UI library's style attributes; scripts are 'self' only.
    directives: { upgradeInsecureRequests: null, styleSrc: ["'self'", "'unsafe-inline'"], fontSrc: ["'self'"] },
  },
};

const apply = helmet(SECURITY_HEADERS);

/** Sets the security headers on a response that bypasses the hooks. */
export function setSecurityHeaders(req: IncomingMessage, res: ServerResponse): void {
  apply(req, res, () => undefined);
}

/**
 * Every routed response (404s and refusals by access control included) gets the same headers from one
 * helmet middleware built at start-up. @fastify/helmet rebuilt the middleware, parsing the CSP directives,
 * on every request: ~4% of the server's CPU under the exact-lookup benchmark (BENCHMARKS.md).
 */
export function installSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onRequest', (request, reply, done) => {
    apply(request.raw, reply.raw, () => done());
  });
}
