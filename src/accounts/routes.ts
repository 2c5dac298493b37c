import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RouteContext } from '../platform/module.ts';
import { TooManyRequestsError } from '../platform/http/errors.ts';
import type { Api } from '../platform/http/types.ts';
import { LOGIN_RATE_MAX, LOGIN_RATE_WINDOW_MS, normaliseUsername, SESSION_COOKIE, SESSION_LIFETIME_MS } from './model.ts';
import { authenticationOf } from './resolver.ts';
import * as s from './schemas.ts';
import type { Role } from '../platform/auth/actor.ts';
import type { AccountsService } from './service.ts';

const AUTH = ['auth'];
const ACCOUNTS = ['accounts'];

/** Secure only over TLS (directly or, with CUSTODIA_TRUST_PROXY, behind a TLS-terminating proxy). */
function sessionCookie(request: FastifyRequest, value: string, maxAgeSeconds: number): string {
  const secure = request.protocol === 'https' ? '; Secure' : '';
  return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure}`;
}

function clearSession(request: FastifyRequest, reply: FastifyReply): void {
  reply.header('set-cookie', sessionCookie(request, '', 0));
}

/** Sign-in throttle per client address and username, before the per-account lockout. */
const loginRateLimit = {
  max: LOGIN_RATE_MAX,
  timeWindow: LOGIN_RATE_WINDOW_MS,
  hook: 'preHandler' as const,
  keyGenerator: (request: FastifyRequest) => `${request.ip}|${normaliseUsername(String((request.body as { username?: unknown } | undefined)?.username ?? ''))}`,
  errorResponseBuilder: () => new TooManyRequestsError('Too many sign-in attempts from this address for this user; wait a minute.'),
};

export async function authRoutes(api: Api, opts: RouteContext<AccountsService>): Promise<void> {
  const { service } = opts;

  api.post(
    '/auth/login',
    {
      config: { public: true, rateLimit: loginRateLimit },
      schema: { tags: AUTH, summary: 'Sign in with username and password; sets the session cookie and returns the CSRF token', body: s.loginBody, response: { 200: s.loginResponse } },
    },
    async (request, reply) => {
      const result = await service.login({ ...request.body, ip: request.ip, userAgent: request.headers['user-agent'] ?? null });
      reply.header('set-cookie', sessionCookie(request, result.secret, Math.floor(SESSION_LIFETIME_MS / 1000)));
      reply.header('cache-control', 'no-store');
      return { user: result.user, session: result.session, csrfToken: result.csrfToken };
    },
  );

  api.post(
    '/auth/logout',
    { config: { permission: 'accounts.self' }, schema: { tags: AUTH, summary: 'Sign out: revokes the current session and clears its cookie', response: { 200: s.logoutResponse } } },
    async (request, reply) => {
      const result = await service.logout(request.actor, authenticationOf(request)?.session?.id);
      clearSession(request, reply);
      return result;
    },
  );

  api.get(
    '/auth/session',
    { config: { permission: 'accounts.self' }, schema: { tags: AUTH, summary: 'Who am I: the signed-in user, the acting role and the CSRF token', response: { 200: s.sessionResponse } } },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return service.currentSession(request.actor, authenticationOf(request));
    },
  );

  api.post(
    '/auth/password',
    {
      config: { permission: 'accounts.self', rateLimit: { ...loginRateLimit, keyGenerator: (r: FastifyRequest) => `${r.ip}|password|${r.actor?.userId ?? ''}` } },
      schema: { tags: AUTH, summary: 'Change your password (ends your other sessions)', body: s.passwordBody, response: { 200: s.userSchema } },
    },
    async (request) => service.changePassword(request.actor, request.body, authenticationOf(request)?.session?.id),
  );
}

export async function accountsRoutes(api: Api, opts: RouteContext<AccountsService>): Promise<void> {
  const { service } = opts;

  api.get(
    '/accounts/users',
    { config: { permission: 'accounts.users.read' }, schema: { tags: ACCOUNTS, summary: 'List users', querystring: s.listUsersQuery, response: { 200: s.usersPage } } },
    async (request) => service.listUsers(request.actor, { ...request.query, role: request.query.role as Role | undefined }),
  );

  api.post(
    '/accounts/users',
    {
      config: { permission: 'accounts.users.manage' },
      schema: { tags: ACCOUNTS, summary: 'Create a user (a person gets a one-time password, shown once)', body: s.createUserBody, response: { 201: s.createUserResponse } },
    },
    async (request, reply) => {
      const result = await service.createUser(request.actor, request.body);
      reply.status(201).header('cache-control', 'no-store');
      return result;
    },
  );

  api.get(
    '/accounts/users/:id',
    { config: { permission: 'accounts.users.read' }, schema: { tags: ACCOUNTS, summary: 'One user', params: s.idParams, response: { 200: s.userSchema } } },
    async (request) => service.getUser(request.actor, request.params.id),
  );

  api.patch(
    '/accounts/users/:id',
    {
      config: { permission: 'accounts.users.manage' },
      schema: { tags: ACCOUNTS, summary: 'Change a user’s name, role or organisation (a role change revokes their sessions and tokens)', params: s.idParams, body: s.updateUserBody, response: { 200: s.userSchema } },
    },
    async (request) => service.updateUser(request.actor, request.params.id, request.body),
  );

  api.post(
    '/accounts/users/:id/deactivate',
    {
      config: { permission: 'accounts.users.manage' },
      schema: { tags: ACCOUNTS, summary: 'Deactivate a user and revoke their sessions and tokens', params: s.idParams, body: s.reasonBody, response: { 200: s.deactivateResponse } },
    },
    async (request) => service.deactivateUser(request.actor, request.params.id, request.body),
  );

  api.post(
    '/accounts/users/:id/reset-password',
    {
      config: { permission: 'accounts.users.manage' },
      schema: { tags: ACCOUNTS, summary: 'Issue a new one-time password (shown once) and unlock', params: s.idParams, body: s.reasonBody, response: { 200: s.resetPasswordResponse } },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return service.resetPassword(request.actor, request.params.id, request.body);
    },
  );

  api.post(
    '/accounts/users/:id/unlock',
    {
      config: { permission: 'accounts.users.manage' },
      schema: { tags: ACCOUNTS, summary: 'Lift a sign-in lockout', params: s.idParams, body: s.reasonBody, response: { 200: s.userSchema } },
    },
    async (request) => service.unlockUser(request.actor, request.params.id, request.body),
  );

  api.get(
    '/accounts/organisations',
    { config: { permission: 'accounts.users.read' }, schema: { tags: ACCOUNTS, summary: 'Organisations (registry parties) that have industry users', response: { 200: s.organisationsResponse } } },
    async (request) => ({ items: await service.listOrganisations(request.actor) }),
  );

  api.get(
    '/accounts/organisations/:organisationId/users',
    {
      config: { permission: 'accounts.users.read' },
      schema: { tags: ACCOUNTS, summary: 'Users of one organisation', params: s.orgParams, querystring: s.listUsersQuery.omit({ organisationId: true }), response: { 200: s.usersPage } },
    },
    async (request) =>
      service.listUsers(request.actor, { ...request.query, role: request.query.role as Role | undefined, organisationId: request.params.organisationId }),
  );

  api.get(
    '/accounts/tokens',
    {
      config: { permission: 'accounts.tokens.manage' },
      schema: { tags: ACCOUNTS, summary: 'API tokens (your own; administrators see all or filter by user)', querystring: s.listTokensQuery, response: { 200: s.tokensPage } },
    },
    async (request) => service.listTokens(request.actor, request.query),
  );

  api.post(
    '/accounts/tokens',
    {
      config: { permission: 'accounts.tokens.manage' },
      schema: { tags: ACCOUNTS, summary: 'Create an API token; its secret is shown once', body: s.createTokenBody, response: { 201: s.createTokenResponse } },
    },
    async (request, reply) => {
      const result = await service.createToken(request.actor, request.body);
      reply.status(201).header('cache-control', 'no-store');
      return result;
    },
  );

  api.post(
    '/accounts/tokens/:id/revoke',
    { config: { permission: 'accounts.tokens.manage' }, schema: { tags: ACCOUNTS, summary: 'Revoke an API token', params: s.idParams, body: s.reasonBody, response: { 200: s.tokenSchema } } },
    async (request) => service.revokeToken(request.actor, request.params.id, request.body),
  );
}
