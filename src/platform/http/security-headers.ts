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

/**
 * The headers helmet sets with these options, recorded once at start-up by running its middleware against
 * a recording response: every directive above is static, so every response gets the same list (a header
 * set, or removed when its value is null). Running helmet's fourteen middlewares on each request cost ~4%
 * of the server's CPU under the exact-lookup benchmark (BENCHMARKS.md); setting the recorded list costs
 * a loop of setHeader calls. Should a directive ever depend on the request (a nonce), record nothing here:
 * recordHelmetHeaders throws at start-up rather than serve a wrong header.
 */
function recordHelmetHeaders(): [name: string, value: string | null][] {
  const headers: [string, string | null][] = [];
  const recorder = {
    setHeader(name: string, value: unknown) {
      headers.push([name, String(value)]);
    },
    removeHeader(name: string) {
      headers.push([name, null]);
    },
  };
  let done = false;
  const request = new Proxy({}, { get: () => { throw new Error('a security header depends on the request: it cannot be recorded once'); } });
  helmet(SECURITY_HEADERS)(request as IncomingMessage, recorder as unknown as ServerResponse, (err?: unknown) => {
    if (err) throw err;
    done = true;
  });
  if (!done) throw new Error('helmet did not finish synchronously: the security headers cannot be recorded once');
  return headers;
}

const HEADERS = recordHelmetHeaders();

/** Sets the security headers on a raw response (the hook below, and answers that bypass the hooks). */
export function setSecurityHeaders(_req: IncomingMessage, res: ServerResponse): void {
  for (const [name, value] of HEADERS) {
    if (value === null) res.removeHeader(name);
    else res.setHeader(name, value);
  }
}

/**
 * Every routed response (404s and refusals by access control included) gets the same headers, recorded
 * from helmet once. @fastify/helmet rebuilt the middleware, parsing the CSP directives, on every request.
 */
export function installSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onRequest', (request, reply, done) => {
    setSecurityHeaders(request.raw, reply.raw);
    done();
  });
}
