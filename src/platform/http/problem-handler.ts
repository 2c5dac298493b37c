import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, PROBLEM_BASE, problemBody, ValidationError, type FieldError } from './errors.ts';

const PROBLEM_JSON = 'application/problem+json; charset=utf-8';

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
      const errors: FieldError[] = error.validation.map((v) => {
        const params = v.params as { issue?: { path?: PropertyKey[] } } | undefined;
        const path = params?.issue?.path?.map(String).join('.') || fieldFromPath(v.instancePath, where);
        return { field: path, message: v.message ?? 'invalid', code: `${where}.${v.keyword}` };
      });
      problem = new ValidationError(errors, `The request ${where} has invalid fields.`);
    } else if (isResponseSerializationError(error)) {
      request.log.error({ err: error }, 'response did not match its schema');
      problem = new AppError(500, `${PROBLEM_BASE}internal`, 'Internal error', 'The server produced an invalid response.');
    } else if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      // Fastify's own client errors: bad JSON, body too large, unsupported media type…
      const slug = error.statusCode === 413 ? 'too-large' : error.statusCode === 415 ? 'unsupported-media-type' : 'bad-request';
      problem = new AppError(error.statusCode, `${PROBLEM_BASE}${slug}`, error.name === 'FastifyError' ? 'Bad request' : error.name, error.message);
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
