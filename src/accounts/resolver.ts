import type { FastifyRequest } from 'fastify';
import { ANONYMOUS_ACTOR } from '../platform/auth/actor.ts';
import type { ActorResolver } from '../platform/http/access.ts';
import { AppError, ForbiddenError, PROBLEM_BASE, UnauthorizedError } from '../platform/http/errors.ts';
import { CSRF_HEADER, isUnsafeMethod, safeEqual, SESSION_COOKIE } from './model.ts';
import { PasswordChangeRequiredError, type AccountsService, type Authentication } from './service.ts';

/** How each request authenticated, for the routes that need the credential itself (logout, session). */
const AUTHENTICATIONS = new WeakMap<FastifyRequest, Authentication>();

export function authenticationOf(request: FastifyRequest): Authentication | undefined {
  return AUTHENTICATIONS.get(request);
}

export class CsrfError extends AppError {
  constructor() {
    super(403, `${PROBLEM_BASE}csrf`, 'CSRF token missing or wrong', `Requests authenticated by the session cookie must echo the session's CSRF token in the ${CSRF_HEADER} header.`);
  }
}

/** Reads one cookie from the raw header (the resolver runs before any cookie plugin's hook). */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      const value = part.slice(eq + 1).trim();
      try {
        return decodeURIComponent(value);
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/**
 * The production ActorResolver: `Authorization: Bearer cst_…` (API token) or the session cookie.
 * A bad bearer token is an error (a machine client should learn at once); a stale cookie just means
 * anonymous. Cookie-authenticated unsafe methods must carry the CSRF token; a session with a one-time
 * password may only reach its own account routes until the password is changed.
 */
export function createActorResolver(service: AccountsService): ActorResolver {
  return async (request) => {
    const config = (request.routeOptions?.config ?? {}) as { permission?: string; public?: boolean };
    const authorization = request.headers.authorization;
    if (typeof authorization === 'string' && authorization.length > 0) {
      const m = /^Bearer\s+(\S+)$/i.exec(authorization);
      const auth = m ? await service.authenticateToken(m[1]) : undefined;
      if (!auth) throw new UnauthorizedError('The API token is unknown, expired or revoked.');
      AUTHENTICATIONS.set(request, auth);
      return auth.actor;
    }
    const secret = readCookie(request.headers.cookie, SESSION_COOKIE);
    if (!secret) return ANONYMOUS_ACTOR;
    const auth = await service.authenticateSession(secret);
    if (!auth) return ANONYMOUS_ACTOR;
    if (isUnsafeMethod(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !auth.csrfToken || !safeEqual(sent, auth.csrfToken)) {
        // A public route (sign-in) still works, as anonymous; anything else is refused.
        if (config.public) return ANONYMOUS_ACTOR;
        throw new CsrfError();
      }
    }
    if (auth.user.must_change_password && !config.public && config.permission !== 'accounts.self') {
      throw new PasswordChangeRequiredError();
    }
    AUTHENTICATIONS.set(request, auth);
    return auth.actor;
  };
}
