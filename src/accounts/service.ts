import { hash as argonHash, verify as argonVerify } from '@node-rs/argon2';
import { defineAuditedEntity } from '../platform/audit/entities.ts';
import { recordAudit, recordAuditBatch, unchanged, type AuditInput } from '../platform/audit/record.ts';
import { ANONYMOUS_ACTOR, SYSTEM_ACTOR, type Actor, type Role } from '../platform/auth/actor.ts';
import { actsForOrganisation } from '../platform/auth/scope.ts';
import type { Deps } from '../platform/deps.ts';
import type { Tx } from '../platform/db/types.ts';
import { AppError, ConflictError, ForbiddenError, NotFoundError, PROBLEM_BASE, RuleViolationError, UnauthorizedError, ValidationError, type FieldError } from '../platform/http/errors.ts';
import { decodeCursor, toPage, type Page } from '../platform/http/pagination.ts';
import { uuidv7 } from '../platform/ids.ts';
import { inTransaction } from '../platform/tx.ts';
import type { RegistryService } from '../registry/service.ts';
import { z } from 'zod';
import {
  attemptLocks,
  csrfTokenFor,
  LOCKOUT_THRESHOLD,
  lockoutSchedule,
  newSecret,
  newTokenSecret,
  normaliseUsername,
  oneTimePassword,
  organisationErrors,
  passwordErrors,
  roleErrors,
  secretDigest,
  sessionProblem,
  SESSION_IDLE_MS,
  SESSION_LIFETIME_MS,
  shouldTouch,
  TOKEN_DEFAULT_DAYS,
  TOKEN_MAX_DAYS,
  TOKEN_PREFIX,
  tokenUsable,
  usernameErrors,
} from './model.ts';
import { accountsPolicy } from './policy.ts';
import * as store from './store.ts';
import { tokenCacheFor } from './token-cache.ts';
import type { SessionRow, TokenRow, UserRow } from './store.ts';

// Argon2id with the OWASP-recommended minimum (19 MiB, 2 passes, 1 lane): ~30 ms per check here.
const ARGON_OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argonHash(password, ARGON_OPTIONS);
}

let dummyHash: Promise<string> | undefined;
/** Unknown usernames still cost one argon2 verification, so response time does not reveal which exist. */
async function burnVerification(password: string): Promise<void> {
  dummyHash ??= hashPassword(newSecret());
  await argonVerify(await dummyHash, password).catch(() => false);
}

export const userEntity = defineAuditedEntity({
  entity: 'user',
  async load(db, ids) {
    return new Map((await store.findUsersByIds(db, ids)).map((r) => [r.id, store.userState(r)]));
  },
});
export const sessionEntity = defineAuditedEntity({
  entity: 'session',
  async load(db, ids) {
    return new Map((await store.findSessionsByIds(db, ids)).map((r) => [r.id, store.sessionState(r)]));
  },
});
export const tokenEntity = defineAuditedEntity({
  entity: 'api_token',
  async load(db, ids) {
    return new Map((await store.findTokensByIds(db, ids)).map((r) => [r.id, store.tokenState(r)]));
  },
});

const userAudit = (action: string, r: UserRow, reason?: string | null): AuditInput => ({ action, entity: 'user', entityId: r.id, reason, state: store.userState(r) });
const sessionAudit = (action: string, r: SessionRow, reason?: string | null): AuditInput => ({ action, entity: 'session', entityId: r.id, reason, state: store.sessionState(r) });
const tokenAudit = (action: string, r: TokenRow, reason?: string | null): AuditInput => ({ action, entity: 'api_token', entityId: r.id, reason, state: store.tokenState(r) });

// Presenters: what leaves the service. Never a hash, never a secret (those are returned once, separately).

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  organisationId: string | null;
  kind: 'person' | 'machine';
  active: boolean;
  mustChangePassword: boolean;
  lockedUntil: string | null;
  passwordChangedAt: string | null;
  deactivatedAt: string | null;
  deactivationReason: string | null;
  createdAt: string;
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export function presentUser(r: UserRow): UserView {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    role: r.role,
    organisationId: r.organisation_id,
    kind: r.password_hash ? 'person' : 'machine',
    active: r.active,
    mustChangePassword: r.must_change_password,
    lockedUntil: iso(r.locked_until),
    passwordChangedAt: iso(r.password_changed_at),
    deactivatedAt: iso(r.deactivated_at),
    deactivationReason: r.deactivation_reason,
    createdAt: r.created_at.toISOString(),
  };
}

export interface TokenView {
  id: string;
  userId: string;
  name: string;
  role: Role;
  prefix: string;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  revokeReason: string | null;
}

export function presentToken(r: TokenRow): TokenView {
  return {
    id: r.id,
    userId: r.user_id,
    name: r.name,
    role: r.role,
    prefix: r.prefix,
    createdAt: r.created_at.toISOString(),
    expiresAt: r.expires_at.toISOString(),
    lastUsedAt: iso(r.last_used_at),
    revokedAt: iso(r.revoked_at),
    revokeReason: r.revoke_reason,
  };
}

export interface SessionView {
  id: string;
  createdAt: string;
  expiresAt: string;
  idleExpiresAt: string;
}

function presentSession(r: SessionRow): SessionView {
  const idle = new Date(Math.min(r.last_seen_at.getTime() + SESSION_IDLE_MS, r.expires_at.getTime()));
  return { id: r.id, createdAt: r.created_at.toISOString(), expiresAt: r.expires_at.toISOString(), idleExpiresAt: idle.toISOString() };
}

/** The actor a user acts as: the audit log names them by username. */
export function actorForUser(u: UserRow): Actor {
  return { kind: 'user', userId: u.id, name: u.username, role: u.role, organisationId: u.organisation_id };
}

export function actorForToken(u: UserRow, t: TokenRow): Actor {
  return { kind: 'token', userId: u.id, name: `${u.username} (token ${t.prefix})`, role: t.role, organisationId: u.organisation_id };
}

/** What a request authenticated as: the actor plus the credential that proved it. */
export interface Authentication {
  actor: Actor;
  user: UserRow;
  session?: SessionRow;
  /** Only for session authentication: the value the client must echo in `x-csrf-token`. */
  csrfToken?: string;
  token?: TokenRow;
}

export class AccountLockedError extends AppError {
  constructor(lockedUntil: Date) {
    super(429, `${PROBLEM_BASE}account-locked`, 'Account locked', `Too many failed sign-ins; try again after ${lockedUntil.toISOString()}.`, [], {
      lockedUntil: lockedUntil.toISOString(),
    });
  }
}

export class PasswordChangeRequiredError extends AppError {
  constructor() {
    super(403, `${PROBLEM_BASE}password-change-required`, 'Password change required', 'Change the one-time password (POST /api/v1/auth/password) before doing anything else.');
  }
}

const userCursor = z.object({ u: z.string() });
const tokenCursor = z.object({ id: z.string() });

export interface CreateUserInput {
  username: string;
  displayName: string;
  role: string;
  organisationId?: string | null;
  /** A person signs in with a password (a one-time one is generated); a machine only uses API tokens. */
  kind?: 'person' | 'machine';
}

export interface UpdateUserInput {
  displayName?: string;
  role?: string;
  organisationId?: string | null;
  reason: string;
}

export interface LoginInput {
  username: string;
  password: string;
  ip?: string | null;
  userAgent?: string | null;
}

export interface CreateTokenInput {
  name: string;
  expiresInDays?: number;
  /** Administrators may issue a token for another user (e.g. a customs system's machine account). */
  userId?: string;
}

/** `registry`: an industry user's organisation must be a current party of the registry. */
export function createAccountsService(deps: Deps, { registry }: { registry: RegistryService }) {
  const { db, clock } = deps;

  /**
   * A write that changes what a token may do (revocation, deactivation, a new role or organisation).
   * This process forgets the tokens it resolved as soon as the write ends, so its next request is
   * refused at once; other processes forget them on the database's notification (token-cache.ts).
   */
  async function inAuthTransaction<T>(tx: Tx | undefined, fn: (t: Tx) => Promise<T>): Promise<T> {
    try {
      return await inTransaction(db, tx, fn);
    } finally {
      tokenCacheFor(db).clear();
    }
  }

  /** An industry user's organisation must be a current organisation party of the registry (asked through its service). */
  async function checkOrganisation(tx: Tx, role: Role, organisationId: string | null): Promise<void> {
    const errors = organisationErrors(role, organisationId);
    if (errors.length) throw new ValidationError(errors);
    if (!organisationId) return;
    const party = await registry.getParty(SYSTEM_ACTOR, organisationId, tx).catch((err: unknown) => {
      if (err instanceof NotFoundError) return null;
      throw err;
    });
    const problem = !party
      ? { code: 'organisation.unknown', message: `No registry party ${organisationId}.` }
      : party.kind !== 'organisation'
        ? { code: 'organisation.not_organisation', message: 'The party is a person, not an organisation.' }
        : party.retired
          ? { code: 'organisation.retired', message: 'The organisation is retired in the registry.' }
          : null;
    if (problem) throw new RuleViolationError('An industry user must belong to a current organisation in the registry.', [{ field: 'organisationId', ...problem }]);
  }

  async function mustFindUser(tx: Tx, id: string, forUpdate = false): Promise<UserRow> {
    const u = await store.findUserById(tx, id, forUpdate);
    if (!u) throw new NotFoundError('User', id);
    return u;
  }

  /** Revokes every live session and token of a user, each revocation audited, in the caller's transaction. */
  async function revokeAllCredentials(tx: Tx, actor: Actor, userId: string, reason: string): Promise<number> {
    const now = clock.now();
    const sessions = await store.revokeUserSessions(tx, userId, reason, now);
    const tokens = await store.revokeUserTokens(tx, userId, reason, now);
    await recordAuditBatch(tx, actor, clock, [
      ...sessions.map((s) => sessionAudit('accounts.session.revoke', s, reason)),
      ...tokens.map((t) => tokenAudit('accounts.token.revoke', t, reason)),
    ]);
    return sessions.length + tokens.length;
  }

  async function insertNewUser(tx: Tx, actor: Actor, input: CreateUserInput, passwordHash: string | null, reason: string | null): Promise<UserRow> {
    const errors: FieldError[] = [...usernameErrors(input.username), ...roleErrors(input.role)];
    if (!input.displayName.trim()) errors.push({ field: 'displayName', code: 'display_name.required', message: 'A display name is required.' });
    if (errors.length) throw new ValidationError(errors);
    const role = input.role as Role;
    const organisationId = input.organisationId ?? null;
    await checkOrganisation(tx, role, organisationId);
    const username = normaliseUsername(input.username);
    if (await store.usernameTaken(tx, username)) {
      throw new ConflictError(`The username ${username} is taken.`, [{ field: 'username', code: 'username.taken', message: 'This username is taken.' }]);
    }
    const now = clock.now();
    const row = await store.insertUser(tx, {
      id: uuidv7(),
      username,
      display_name: input.displayName.trim(),
      role,
      organisation_id: organisationId,
      password_hash: passwordHash,
      password_changed_at: passwordHash ? now : null,
      must_change_password: passwordHash !== null,
      created_at: now,
      updated_at: now,
    });
    await recordAudit(tx, actor, clock, userAudit('accounts.user.create', row, reason));
    return row;
  }

  return {
    async createUser(actor: Actor, input: CreateUserInput, tx?: Tx): Promise<{ user: UserView; oneTimePassword: string | null }> {
      accountsPolicy.require(actor, 'accounts.users.manage');
      const password = (input.kind ?? 'person') === 'person' ? oneTimePassword() : null;
      const passwordHash = password ? await hashPassword(password) : null;
      const row = await inTransaction(db, tx, (t) => insertNewUser(t, actor, input, passwordHash, null));
      return { user: presentUser(row), oneTimePassword: password };
    },

    /**
     * First start: when no user exists, creates `admin` with a one-time password (shown once by the
     * caller, changed at first sign-in). Returns null when users already exist: never a default password.
     */
    async ensureInitialAdministrator(): Promise<{ user: UserView; password: string } | null> {
      if ((await store.countUsers(db)) > 0) return null;
      const password = oneTimePassword();
      const passwordHash = await hashPassword(password);
      const row = await db.transaction(async (tx) => {
        // Re-checked inside the transaction so two servers starting together create one administrator.
        await tx.exec('LOCK TABLE users IN EXCLUSIVE MODE');
        if ((await store.countUsers(tx)) > 0) return null;
        return insertNewUser(tx, SYSTEM_ACTOR, { username: 'admin', displayName: 'Administrator', role: 'administrator' }, passwordHash, 'first start');
      });
      return row ? { user: presentUser(row), password } : null;
    },

    /** `custodia users create-admin`: an administrator with a one-time password, from the operator's shell. */
    async createAdministrator(username: string, displayName?: string): Promise<{ user: UserView; password: string }> {
      const password = oneTimePassword();
      const passwordHash = await hashPassword(password);
      const row = await db.transaction((tx) =>
        insertNewUser(tx, SYSTEM_ACTOR, { username, displayName: displayName ?? username, role: 'administrator' }, passwordHash, 'created from the command line'),
      );
      return { user: presentUser(row), password };
    },

    async getUser(actor: Actor, id: string, tx?: Tx): Promise<UserView> {
      if (actor.userId !== id) accountsPolicy.require(actor, 'accounts.users.read');
      return presentUser(await inTransaction(db, tx, (t) => mustFindUser(t, id)));
    },

    async listUsers(
      actor: Actor,
      q: { role?: Role; organisationId?: string; active?: boolean; limit: number; cursor?: string },
      tx?: Tx,
    ): Promise<Page<UserView>> {
      accountsPolicy.require(actor, 'accounts.users.read');
      const after = decodeCursor(q.cursor, userCursor)?.u;
      const rows = await inTransaction(db, tx, (t) => store.listUsers(t, { ...q, after, limit: q.limit + 1 }));
      return toPage(rows, q.limit, (r) => ({ u: r.username.toLowerCase() }), presentUser);
    },

    async listOrganisations(actor: Actor, tx?: Tx): Promise<{ organisationId: string; users: number; activeUsers: number }[]> {
      accountsPolicy.require(actor, 'accounts.users.read');
      const rows = await inTransaction(db, tx, (t) => store.listOrganisations(t));
      return rows.map((r) => ({ organisationId: r.organisation_id, users: r.users, activeUsers: r.active_users }));
    },

    /** Changing a role or organisation ends the user's sessions and tokens: they were granted under the old one. */
    async updateUser(actor: Actor, id: string, input: UpdateUserInput, tx?: Tx): Promise<UserView> {
      accountsPolicy.require(actor, 'accounts.users.manage');
      if (!input.reason.trim()) throw new ValidationError([{ field: 'reason', code: 'reason.required', message: 'Give a reason.' }]);
      if (input.role !== undefined) {
        const errors = roleErrors(input.role);
        if (errors.length) throw new ValidationError(errors);
      }
      const row = await inAuthTransaction(tx, async (t) => {
        const u = await mustFindUser(t, id, true);
        if (!u.active) throw new RuleViolationError('A deactivated user cannot be changed.', [{ field: 'id', code: 'user.inactive', message: 'The user is deactivated.' }]);
        const role = (input.role ?? u.role) as Role;
        const organisationId = input.organisationId !== undefined ? input.organisationId : actsForOrganisation(role) ? u.organisation_id : null;
        if (u.id === actor.userId && role !== 'administrator' && u.role === 'administrator') {
          throw new RuleViolationError('An administrator cannot remove their own administrator role.', [{ field: 'role', code: 'role.self_demotion', message: 'Ask another administrator.' }]);
        }
        await checkOrganisation(t, role, organisationId);
        const profile = { display_name: input.displayName?.trim() || u.display_name, role, organisation_id: organisationId };
        if (unchanged(store.userState(u), store.userState({ ...u, ...profile }))) return u;
        const updated = await store.updateUserProfile(t, id, { ...profile, updated_at: clock.now() });
        await recordAudit(t, actor, clock, userAudit('accounts.user.update', updated, input.reason));
        if (role !== u.role || organisationId !== u.organisation_id) {
          await revokeAllCredentials(t, actor, id, `role or organisation changed: ${input.reason}`);
        }
        return updated;
      });
      return presentUser(row);
    },

    async deactivateUser(actor: Actor, id: string, input: { reason: string }, tx?: Tx): Promise<UserView & { revokedCredentials: number }> {
      accountsPolicy.require(actor, 'accounts.users.manage');
      if (!input.reason.trim()) throw new ValidationError([{ field: 'reason', code: 'reason.required', message: 'Give a reason.' }]);
      if (id === actor.userId) throw new RuleViolationError('You cannot deactivate your own account.', [{ field: 'id', code: 'user.self', message: 'Ask another administrator.' }]);
      return inAuthTransaction(tx, async (t) => {
        const u = await mustFindUser(t, id, true);
        if (!u.active) throw new ConflictError('The user is already deactivated.');
        const updated = await store.deactivateUser(t, id, input.reason.trim(), clock.now());
        await recordAudit(t, actor, clock, userAudit('accounts.user.deactivate', updated, input.reason));
        const revokedCredentials = await revokeAllCredentials(t, actor, id, `user deactivated: ${input.reason}`);
        return { ...presentUser(updated), revokedCredentials };
      });
    },

    /** Issues a new one-time password (and unlocks): the user must change it at next sign-in. */
    async resetPassword(actor: Actor, id: string, input: { reason: string }, tx?: Tx): Promise<{ user: UserView; oneTimePassword: string }> {
      accountsPolicy.require(actor, 'accounts.users.manage');
      if (!input.reason.trim()) throw new ValidationError([{ field: 'reason', code: 'reason.required', message: 'Give a reason.' }]);
      const password = oneTimePassword();
      const passwordHash = await hashPassword(password);
      const row = await inTransaction(db, tx, async (t) => {
        const u = await mustFindUser(t, id, true);
        if (!u.active) throw new RuleViolationError('A deactivated user cannot sign in.', [{ field: 'id', code: 'user.inactive', message: 'The user is deactivated.' }]);
        const updated = await store.setPassword(t, id, passwordHash, true, clock.now());
        await recordAudit(t, actor, clock, userAudit('accounts.user.reset_password', updated, input.reason));
        await revokeAllCredentials(t, actor, id, `password reset: ${input.reason}`);
        return updated;
      });
      return { user: presentUser(row), oneTimePassword: password };
    },

    async unlockUser(actor: Actor, id: string, input: { reason: string }, tx?: Tx): Promise<UserView> {
      accountsPolicy.require(actor, 'accounts.users.manage');
      if (!input.reason.trim()) throw new ValidationError([{ field: 'reason', code: 'reason.required', message: 'Give a reason.' }]);
      const row = await inTransaction(db, tx, async (t) => {
        const u = await mustFindUser(t, id, true);
        // Nothing to lift (no lock recorded, no failed attempt counted): nothing written, nothing audited.
        if (!u.locked_until && u.failed_logins === 0) return u;
        const updated = await store.unlockUser(t, id, clock.now());
        await recordAudit(t, actor, clock, userAudit('accounts.user.unlock', updated, input.reason));
        return updated;
      });
      return presentUser(row);
    },

    /**
     * Password sign-in. Wrong passwords count towards a lockout (audited when it starts); the
     * argon2 work happens outside any transaction so PGlite's one connection is not held by it.
     */
    async login(input: LoginInput): Promise<{ user: UserView; session: SessionView; secret: string; csrfToken: string }> {
      const now = clock.now();
      const user = await store.findUserByUsername(db, normaliseUsername(input.username));
      if (!user || !user.active || !user.password_hash) {
        await burnVerification(input.password);
        throw new UnauthorizedError('Wrong username or password.');
      }
      // The attempt is counted before the password is checked, atomically: guesses sent in parallel get at
      // most LOCKOUT_THRESHOLD evaluations, and everything after the locking attempt is refused unheard.
      const attempt = await store.countSignInAttempt(db, user.id, now, LOCKOUT_THRESHOLD, lockoutSchedule());
      if (!attempt) throw new AccountLockedError((await store.signInRefusedUntil(db, user.id)) ?? now);
      const ok = await argonVerify(user.password_hash, input.password).catch(() => false);
      if (!ok) {
        if (attemptLocks(attempt.failed_logins) && attempt.sign_in_blocked_until) {
          const until = attempt.sign_in_blocked_until;
          await db.transaction(async (tx) => {
            const locked = await store.recordLock(tx, user.id, until);
            const who: Actor = { ...ANONYMOUS_ACTOR, name: `sign-in from ${input.ip ?? 'unknown address'}` };
            await recordAudit(tx, who, clock, userAudit('accounts.user.lock', locked, `${attempt.failed_logins} failed sign-ins`));
          });
          throw new AccountLockedError(until);
        }
        throw new UnauthorizedError('Wrong username or password.');
      }
      const secret = newSecret();
      const session = await db.transaction(async (tx) => {
        await store.resetSignInAttempts(tx, user.id);
        const s = await store.insertSession(tx, {
          id: uuidv7(),
          user_id: user.id,
          secret_hash: secretDigest(secret),
          created_at: now,
          expires_at: new Date(now.getTime() + SESSION_LIFETIME_MS),
          last_seen_at: now,
          ip: input.ip ?? null,
          user_agent: input.userAgent?.slice(0, 500) ?? null,
        });
        await recordAudit(tx, actorForUser(user), clock, sessionAudit('accounts.session.create', s));
        return s;
      });
      return { user: presentUser(user), session: presentSession(session), secret, csrfToken: csrfTokenFor(secret) };
    },

    async logout(actor: Actor, sessionId: string | undefined, tx?: Tx): Promise<{ revoked: boolean }> {
      accountsPolicy.require(actor, 'accounts.self');
      if (!sessionId) return { revoked: false };
      return inTransaction(db, tx, async (t) => {
        const s = await store.revokeSession(t, sessionId, 'signed out', clock.now());
        if (s) await recordAudit(t, actor, clock, sessionAudit('accounts.session.revoke', s, 'signed out'));
        return { revoked: Boolean(s) };
      });
    },

    /** Changing one's password ends every other session of the user; the current one stays. */
    async changePassword(actor: Actor, input: { currentPassword: string; newPassword: string }, currentSessionId: string | undefined): Promise<UserView> {
      accountsPolicy.require(actor, 'accounts.self');
      if (actor.kind !== 'user' || !actor.userId) throw new ForbiddenError('Passwords are changed from a signed-in session, not with an API token.');
      const user = await mustFindUser(db, actor.userId);
      if (!user.password_hash) throw new RuleViolationError('A machine account has no password.');
      if (!(await argonVerify(user.password_hash, input.currentPassword).catch(() => false))) {
        throw new ValidationError([{ field: 'currentPassword', code: 'password.wrong', message: 'The current password is wrong.' }]);
      }
      const errors = passwordErrors(input.newPassword, user.username, 'newPassword');
      if (input.newPassword === input.currentPassword) errors.push({ field: 'newPassword', code: 'password.unchanged', message: 'Choose a password different from the current one.' });
      if (errors.length) throw new ValidationError(errors);
      const passwordHash = await hashPassword(input.newPassword);
      const row = await db.transaction(async (tx) => {
        const updated = await store.setPassword(tx, user.id, passwordHash, false, clock.now());
        await recordAudit(tx, actor, clock, userAudit('accounts.user.change_password', updated));
        const now = clock.now();
        const others = await store.revokeUserSessions(tx, user.id, 'password changed', now, currentSessionId ?? null);
        await recordAuditBatch(tx, actor, clock, others.map((s) => sessionAudit('accounts.session.revoke', s, 'password changed')));
        return updated;
      });
      return presentUser(row);
    },

    async createToken(actor: Actor, input: CreateTokenInput, tx?: Tx): Promise<{ token: TokenView; secret: string }> {
      accountsPolicy.require(actor, 'accounts.tokens.manage');
      if (!actor.userId) throw new ForbiddenError('Only a user may hold API tokens.');
      if (actor.kind === 'token') throw new ForbiddenError('An API token cannot issue further tokens.');
      const ownerId = input.userId ?? actor.userId;
      if (ownerId !== actor.userId) accountsPolicy.require(actor, 'accounts.users.manage');
      const days = input.expiresInDays ?? TOKEN_DEFAULT_DAYS;
      const errors: FieldError[] = [];
      if (!input.name.trim()) errors.push({ field: 'name', code: 'name.required', message: 'Name the token after the client that will use it.' });
      if (!Number.isInteger(days) || days < 1 || days > TOKEN_MAX_DAYS) {
        errors.push({ field: 'expiresInDays', code: 'token.expiry', message: `A token expires after 1 to ${TOKEN_MAX_DAYS} days.` });
      }
      if (errors.length) throw new ValidationError(errors);
      const secret = newTokenSecret();
      const row = await inTransaction(db, tx, async (t) => {
        const owner = await mustFindUser(t, ownerId);
        if (!owner.active) throw new RuleViolationError('A deactivated user cannot hold tokens.', [{ field: 'userId', code: 'user.inactive', message: 'The user is deactivated.' }]);
        const now = clock.now();
        // A token acts with its owner's role at issue; a later role change revokes it.
        const token = await store.insertToken(t, {
          id: uuidv7(),
          user_id: owner.id,
          name: input.name.trim(),
          role: owner.role,
          prefix: secret.slice(0, TOKEN_PREFIX.length + 6),
          secret_hash: secretDigest(secret),
          created_by: actor.userId,
          created_at: now,
          expires_at: new Date(now.getTime() + days * 86_400_000),
        });
        await recordAudit(t, actor, clock, tokenAudit('accounts.token.create', token));
        return token;
      });
      return { token: presentToken(row), secret };
    },

    async listTokens(actor: Actor, q: { userId?: string; includeRevoked?: boolean; limit: number; cursor?: string }, tx?: Tx): Promise<Page<TokenView>> {
      accountsPolicy.require(actor, 'accounts.tokens.manage');
      const admin = accountsPolicy.can(actor, 'accounts.users.manage');
      if (!admin && q.userId && q.userId !== actor.userId) throw new ForbiddenError('You may list only your own tokens.');
      const userId = admin ? q.userId : (actor.userId ?? undefined);
      if (!admin && !userId) return { items: [], nextCursor: null };
      const after = decodeCursor(q.cursor, tokenCursor)?.id;
      const rows = await inTransaction(db, tx, (t) => store.listTokens(t, { userId, includeRevoked: Boolean(q.includeRevoked), after, limit: q.limit + 1 }));
      return toPage(rows, q.limit, (r) => ({ id: r.id }), presentToken);
    },

    async revokeToken(actor: Actor, id: string, input: { reason: string }, tx?: Tx): Promise<TokenView> {
      accountsPolicy.require(actor, 'accounts.tokens.manage');
      if (!input.reason.trim()) throw new ValidationError([{ field: 'reason', code: 'reason.required', message: 'Give a reason.' }]);
      const row = await inAuthTransaction(tx, async (t) => {
        const token = await store.findTokenById(t, id);
        const admin = accountsPolicy.can(actor, 'accounts.users.manage');
        if (!token || (!admin && token.user_id !== actor.userId)) throw new NotFoundError('API token', id);
        if (token.revoked_at) throw new ConflictError('The token is already revoked.');
        const revoked = await store.revokeToken(t, id, input.reason.trim(), clock.now());
        if (!revoked) throw new ConflictError('The token is already revoked.');
        await recordAudit(t, actor, clock, tokenAudit('accounts.token.revoke', revoked, input.reason));
        return revoked;
      });
      return presentToken(row);
    },

    async currentSession(actor: Actor, auth: Authentication | undefined): Promise<{ user: UserView; actor: Actor; session: SessionView | null; csrfToken: string | null }> {
      accountsPolicy.require(actor, 'accounts.self');
      if (!auth) throw new UnauthorizedError();
      return { user: presentUser(auth.user), actor: auth.actor, session: auth.session ? presentSession(auth.session) : null, csrfToken: auth.csrfToken ?? null };
    },

    /** Session cookie → authentication, or undefined when the session is unknown, revoked, expired or idle. */
    async authenticateSession(secret: string): Promise<Authentication | undefined> {
      const now = clock.now();
      const session = await store.findSessionBySecretHash(db, secretDigest(secret));
      if (!session || sessionProblem({ expiresAt: session.expires_at, lastSeenAt: session.last_seen_at, revokedAt: session.revoked_at }, now)) return undefined;
      const user = await store.findUserById(db, session.user_id);
      if (!user || !user.active) return undefined;
      if (shouldTouch(session.last_seen_at, now)) {
        await store.touchSession(db, session.id, now);
        session.last_seen_at = now;
      }
      return { actor: actorForUser(user), user, session, csrfToken: csrfTokenFor(secret) };
    },

    /** Bearer token → authentication, or undefined when unknown, revoked, expired, or its owner is inactive or changed role. */
    async authenticateToken(secret: string): Promise<Authentication | undefined> {
      if (!secret.startsWith(TOKEN_PREFIX)) return undefined;
      const now = clock.now();
      const digest = secretDigest(secret);
      // Resolved tokens are cached per process and forgotten on every committed change to tokens or
      // users (token-cache.ts); the checks below run on every request either way.
      const cache = tokenCacheFor(db);
      let found = cache.get(digest);
      if (!found) {
        const begunAt = cache.begin();
        found = await store.findTokenWithOwner(db, digest);
        if (!found) return undefined;
        cache.put(digest, found, begunAt);
      }
      const { token, user } = found;
      if (!tokenUsable({ expiresAt: token.expires_at, revokedAt: token.revoked_at }, now)) return undefined;
      if (!user.active || user.role !== token.role) return undefined;
      if (!token.last_used_at || shouldTouch(token.last_used_at, now)) {
        await store.touchToken(db, token.id, now);
        token.last_used_at = now;
      }
      return { actor: actorForToken(user, token), user, token };
    },
  };
}

export type AccountsService = ReturnType<typeof createAccountsService>;
