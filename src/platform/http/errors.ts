/**
 * Errors carry what an RFC 9457 problem+json response needs: a stable `type`, a human `title`, the
 * HTTP status and, for bad input, `errors[]` naming each field. Services throw these; the HTTP layer
 * only renders them, and the CLI prints them.
 */
export interface FieldError {
  /** Dotted path of the bad field, e.g. `markings.0.serialNumber`, or a CSV column name. */
  field: string;
  message: string;
  /** Stable machine code for the rule that failed, e.g. `marking.serial_required`. */
  code?: string;
  /** For bulk imports: 1-based line number in the uploaded file. */
  line?: number;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly title: string,
    readonly detail?: string,
    readonly errors: FieldError[] = [],
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail ?? title);
    this.name = 'AppError';
  }
}

export const PROBLEM_BASE = '/problems/';

/** Request shape or field values are wrong (schema validation). */
export class ValidationError extends AppError {
  constructor(errors: FieldError[], detail = 'The request has invalid fields.') {
    super(400, `${PROBLEM_BASE}validation`, 'Invalid input', detail, errors);
  }
}

/** Well-formed input that a domain rule refuses (a marking rule, an impossible custody sequence, Art. 10 gate). */
export class RuleViolationError extends AppError {
  constructor(detail: string, errors: FieldError[] = [], extra: Record<string, unknown> = {}) {
    super(422, `${PROBLEM_BASE}rule-violation`, 'Refused by a rule', detail, errors, extra);
  }
}

export class NotFoundError extends AppError {
  constructor(what: string, id: string) {
    super(404, `${PROBLEM_BASE}not-found`, 'Not found', `${what} ${id} does not exist or is not visible to you.`);
  }
}

export class ConflictError extends AppError {
  constructor(detail: string, errors: FieldError[] = []) {
    super(409, `${PROBLEM_BASE}conflict`, 'Conflict', detail, errors);
  }
}

export class UnauthorizedError extends AppError {
  constructor(detail = 'Sign in or present a valid API token.') {
    super(401, `${PROBLEM_BASE}unauthorized`, 'Authentication required', detail);
  }
}

export class ForbiddenError extends AppError {
  constructor(detail = 'Your role does not allow this action.') {
    super(403, `${PROBLEM_BASE}forbidden`, 'Forbidden', detail);
  }
}

export class TooManyRequestsError extends AppError {
  constructor(detail: string) {
    super(429, `${PROBLEM_BASE}too-many-requests`, 'Too many requests', detail);
  }
}

export function problemBody(err: AppError, instance?: string): Record<string, unknown> {
  return {
    type: err.type,
    title: err.title,
    status: err.status,
    ...(err.detail ? { detail: err.detail } : {}),
    ...(instance ? { instance } : {}),
    ...(err.errors.length ? { errors: err.errors } : {}),
    ...err.extra,
  };
}
