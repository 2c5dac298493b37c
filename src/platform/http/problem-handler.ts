import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { isDatabaseUnavailable } from '../db/unavailable.ts';
import { AppError, PROBLEM_BASE, problemBody, ValidationError, type FieldError } from './errors.ts';
import { setSecurityHeaders } from './security-headers.ts';

const PROBLEM_JSON = 'application/problem+json; charset=utf-8';
/** What a client is told to wait when the database is unreachable (a restart or failover takes seconds). */
const RETRY_AFTER_SECONDS = 5;

/** `/body/markings/0/serial` → `markings.0.serial` (the names a form shows next to its fields). */
function fieldFromPath(instancePath: string, fallback: string): string {
  const parts = instancePath.split('/').filter(Boolean);
  return parts.length ? parts.join('.') : fallback;
}

/** Renders every error as RFC 9457 problem+json; nothing else ever reaches a client. */
export function installProblemHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    let problem: AppError;
    if (error instanceof AppError) {
      problem = error;
    } else if (hasZodFastifySchemaValidationErrors(error)) {
      const where = (error as { validationContext?: string }).validationContext ?? 'body';
      const errors: FieldError[] = error.validation.flatMap((v) => {
        const params = v.params as { issue?: { path?: PropertyKey[] }; keys?: string[] } | undefined;
        const path = params?.issue?.path?.map(String).join('.') || fieldFromPath(v.instancePath, where);
        if (v.keyword === 'unrecognized_keys' && params?.keys?.length) {
          // One error per member the route does not take (strict-bodies.ts), named where it was sent.
          const parent = v.instancePath.split('/').filter(Boolean).join('.');
          return params.keys.map((k) => ({ field: parent ? `${parent}.${k}` : k, message: `Unknown member "${k}": this request does not take it.`, code: `${where}.unrecognized_keys` }));
        }
        return [{ field: path, message: v.message ?? 'invalid', code: `${where}.${v.keyword}` }];
      });
      problem = new ValidationError(errors, `The request ${where} has invalid fields.`);
    } else if (isResponseSerializationError(error)) {
      request.log.error({ err: error }, 'response did not match its schema');
      problem = new AppError(500, `${PROBLEM_BASE}internal`, 'Internal error', 'The server produced an invalid response.');
    } else if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      // Fastify's own client errors: bad JSON, body too large, unsupported media type…
      const slug = error.statusCode === 413 ? 'too-large' : error.statusCode === 415 ? 'unsupported-media-type' : 'bad-request';
      problem = new AppError(error.statusCode, `${PROBLEM_BASE}${slug}`, error.name === 'FastifyError' ? 'Bad request' : error.name, error.message);
    } else if (isDatabaseUnavailable(error)) {
      request.log.warn({ err: error }, 'database unavailable');
      problem = new AppError(503, `${PROBLEM_BASE}unavailable`, 'Service unavailable', 'The database cannot be reached at the moment; try again shortly.');
      reply.header('retry-after', String(RETRY_AFTER_SECONDS));
    } else {
      request.log.error({ err: error }, 'unhandled error');
      problem = new AppError(500, `${PROBLEM_BASE}internal`, 'Internal error', 'An unexpected error occurred; it has been logged.');
    }
    if (problem.status === 429 && !reply.getHeader('retry-after')) reply.header('retry-after', '60');
    return reply.status(problem.status).type(PROBLEM_JSON).send(problemBody(problem, request.url));
  });

  app.setNotFoundHandler((request, reply) => {
    const problem = new AppError(404, `${PROBLEM_BASE}not-found`, 'Not found', `No route ${request.method} ${request.url.split('?')[0]}.`);
    return reply.status(404).type(PROBLEM_JSON).send(problemBody(problem, request.url));
  });
}

/**
 * Fastify's `frameworkErrors`: what it refuses before routing (a malformed percent-encoding, a path
 * segment over `maxParamLength`) reaches no hook and no error handler, so it is answered here, as
 * problem+json with the same security headers as every other response.
 */
export function answerFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  setSecurityHeaders(request.raw, reply.raw);
  const problem =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? new AppError(414, `${PROBLEM_BASE}uri-too-long`, 'URI too long', 'A segment of the path is longer than any identifier the API uses.', [
          { field: 'path', code: 'request.path_segment_too_long', message: 'Too long.' },
        ])
      : error.code === 'FST_ERR_BAD_URL'
        ? new AppError(400, `${PROBLEM_BASE}bad-request`, 'Bad request', 'The path is not valid: a percent-encoding is malformed or not UTF-8.', [
            { field: 'path', code: 'request.bad_url', message: 'Malformed percent-encoding.' },
          ])
        : new AppError(500, `${PROBLEM_BASE}internal`, 'Internal error', 'An unexpected error occurred; it has been logged.');
  if (problem.status >= 500) request.log.error({ err: error }, 'framework error');
  void reply.status(problem.status).type(PROBLEM_JSON).send(problemBody(problem, request.url));
}
