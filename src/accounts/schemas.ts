import { z } from 'zod';
import { ROLES } from '../platform/auth/actor.ts';
import { pageQuerySchema, pageSchema } from '../platform/http/pagination.ts';
import type { Role } from '../platform/auth/actor.ts';
import type { FieldError } from '../platform/http/errors.ts';
import { ACCOUNT_ROLES, PASSWORD_MAX_LENGTH, passwordErrors, roleErrors, TOKEN_MAX_DAYS, usernameErrors } from './model.ts';

export const roleSchema = z.enum(ROLES);
export const accountRoleSchema = z.enum(ACCOUNT_ROLES as [string, ...string[]]);
const reason = z.string().trim().min(1).max(2000);

export const userSchema = z.object({
  id: z.string().uuid(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  organisationId: z.string().uuid().nullable(),
  /** The State agency (a registry party) the user works for: its lost/stolen alerts are theirs to see first. */
  agencyPartyId: z.string().uuid().nullable(),
  kind: z.enum(['person', 'machine']),
  active: z.boolean(),
  mustChangePassword: z.boolean(),
  lockedUntil: z.string().nullable(),
  passwordChangedAt: z.string().nullable(),
  deactivatedAt: z.string().nullable(),
  deactivationReason: z.string().nullable(),
  createdAt: z.string(),
});

export const actorSchema = z.object({
  kind: z.enum(['user', 'token', 'system', 'anonymous']),
  userId: z.string().nullable(),
  name: z.string(),
  role: roleSchema,
  organisationId: z.string().nullable(),
  agencyPartyId: z.string().nullable().optional(),
});

export const sessionSchema = z.object({
  id: z.string().uuid(),
  createdAt: z.string(),
  expiresAt: z.string(),
  idleExpiresAt: z.string(),
});

export const tokenSchema = z.object({
  id: z.string().uuid(),
  userId: z.string().uuid(),
  name: z.string(),
  role: roleSchema,
  prefix: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  revokeReason: z.string().nullable(),
});

export const idParams = z.object({ id: z.string().uuid() });

export const loginBody = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(PASSWORD_MAX_LENGTH * 4),
});
export const loginResponse = z.object({
  user: userSchema,
  session: sessionSchema,
  csrfToken: z.string(),
});

export const sessionResponse = z.object({
  user: userSchema,
  actor: actorSchema,
  session: sessionSchema.nullable(),
  csrfToken: z.string().nullable(),
});

export const passwordBody = z.object({
  currentPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH * 4),
  newPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH * 4),
});

export const createUserBody = z.object({
  username: z.string().min(1).max(64),
  displayName: z.string().trim().min(1).max(200),
  role: accountRoleSchema,
  organisationId: z.string().uuid().nullable().optional(),
  /** A registry party with the state_agency role. */
  agencyPartyId: z.string().uuid().nullable().optional(),
  kind: z.enum(['person', 'machine']).default('person'),
});
export const createUserResponse = z.object({ user: userSchema, oneTimePassword: z.string().nullable() });

export const updateUserBody = z.object({
  displayName: z.string().trim().min(1).max(200).optional(),
  role: accountRoleSchema.optional(),
  organisationId: z.string().uuid().nullable().optional(),
  /** A registry party with the state_agency role; null removes the agency. */
  agencyPartyId: z.string().uuid().nullable().optional(),
  reason,
});

export const reasonBody = z.object({ reason });

export const listUsersQuery = pageQuerySchema.extend({
  role: roleSchema.optional(),
  organisationId: z.string().uuid().optional(),
  agencyPartyId: z.string().uuid().optional(),
  username: z.string().min(1).max(64).optional(),
  active: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});
export const usersPage = pageSchema(userSchema);

export const organisationsResponse = z.object({
  items: z.array(z.object({ organisationId: z.string().uuid(), users: z.number().int(), activeUsers: z.number().int() })),
});
export const orgParams = z.object({ organisationId: z.string().uuid() });

export const createTokenBody = z.object({
  name: z.string().trim().min(1).max(200),
  expiresInDays: z.number().int().min(1).max(TOKEN_MAX_DAYS).optional(),
  userId: z.string().uuid().optional(),
});
export const createTokenResponse = z.object({
  token: tokenSchema,
  /** Shown once: only its SHA-256 digest is kept. */
  secret: z.string(),
});
export const listTokensQuery = pageQuerySchema.extend({
  userId: z.string().uuid().optional(),
  includeRevoked: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});
export const tokensPage = pageSchema(tokenSchema);

export const deactivateResponse = userSchema.extend({ revokedCredentials: z.number().int() });
export const resetPasswordResponse = z.object({ user: userSchema, oneTimePassword: z.string() });
export const logoutResponse = z.object({ revoked: z.boolean() });

// What the use cases accept (parseInput('accounts', …)): the CLI, tests and other modules call the service
// directly, so it checks again what a route's schema checked. A rule of model.ts fails as
// `accounts.<its code>` (`accounts.username.format`) on the field the schema puts it at.

/** Applies a model.ts rule (`usernameErrors`, `passwordErrors`, …) as issues named by the rule's own code. */
function modelRule(errorsOf: (value: string) => FieldError[]) {
  return (value: string, ctx: z.RefinementCtx) => {
    for (const e of errorsOf(value)) ctx.addIssue({ code: 'custom', message: e.message, params: { code: e.code } });
  };
}

const required = (code: string, message: string) => z.string().refine((v) => v.trim() !== '', { message, params: { code } });
const reasonInput = required('reason.required', 'Give a reason.');
const agencyInput = z.string().uuid({ message: 'A registry party id (UUID).' }).nullable().optional();
const accountRole = z
  .string()
  .superRefine(modelRule((r) => roleErrors(r)))
  .transform((r) => r as Role);

export const newUserInput = z.object({
  username: z.string().superRefine(modelRule((u) => usernameErrors(u))),
  displayName: required('display_name.required', 'A display name is required.'),
  role: accountRole,
  organisationId: z.string().nullable().optional(),
  agencyPartyId: agencyInput,
  /** A person signs in with a password (a one-time one is generated); a machine only uses API tokens. */
  kind: z.enum(['person', 'machine']).optional(),
});
export type CreateUserInput = z.input<typeof newUserInput>;

export const updateUserInput = z.object({
  displayName: z.string().optional(),
  role: accountRole.optional(),
  organisationId: z.string().nullable().optional(),
  agencyPartyId: agencyInput,
  reason: reasonInput,
});
export type UpdateUserInput = z.input<typeof updateUserInput>;

export const reasonInputSchema = z.object({ reason: reasonInput });

export const loginInput = z.object({
  username: z.string(),
  password: z.string(),
  ip: z.string().nullable().optional(),
  userAgent: z.string().nullable().optional(),
});
export type LoginInput = z.input<typeof loginInput>;

export const changePasswordInput = z.object({ currentPassword: z.string(), newPassword: z.string() });

/** The password policy for `username`'s new password, which must differ from the current one. */
export function newPasswordInput(username: string, currentPassword: string) {
  return z.object({
    newPassword: z.string().superRefine(
      modelRule((pw) => [
        ...passwordErrors(pw, username),
        ...(pw === currentPassword ? [{ field: 'newPassword', code: 'password.unchanged', message: 'Choose a password different from the current one.' }] : []),
      ]),
    ),
  });
}

export const createTokenInput = z.object({
  name: required('name.required', 'Name the token after the client that will use it.'),
  expiresInDays: z
    .number()
    .optional()
    .refine((d) => d === undefined || (Number.isInteger(d) && d >= 1 && d <= TOKEN_MAX_DAYS), {
      message: `A token expires after 1 to ${TOKEN_MAX_DAYS} days.`,
      params: { code: 'token.expiry' },
    }),
  /** Administrators may issue a token for another user (e.g. a customs system's machine account). */
  userId: z.string().optional(),
});
export type CreateTokenInput = z.input<typeof createTokenInput>;
