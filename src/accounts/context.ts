import { hash as argonHash, verify as argonVerify } from '@node-rs/argon2';
import { recordAudit, recordAuditBatch, type AuditInput } from '../platform/audit/record.ts';
import { SYSTEM_ACTOR, type Actor, type Role } from '../platform/auth/actor.ts';
import type { Queryable, Tx } from '../platform/db/types.ts';
import type { Deps } from '../platform/deps.ts';
import { AppError, ConflictError, NotFoundError, PROBLEM_BASE, RuleViolationError, ValidationError } from '../platform/http/errors.ts';
import { uuidv7 } from '../platform/ids.ts';
import { inTransaction } from '../platform/tx.ts';
import type { RegistryService } from '../registry/service.ts';
import { agencyErrors, newSecret, normaliseUsername, organisationErrors } from './model.ts';
import type { newUserInput } from './schemas.ts';
import * as store from './store.ts';
import type { SessionRow, TokenRow, UserRow } from './store.ts';
import { clearAuthCaches } from './token-cache.ts';
import type { z } from 'zod';

/**
 * What every accounts use case (use-cases/*.ts) is built from: the platform deps and the registry (an
 * industry user's organisation must be one of its current parties); and the steps several share.
 */
export interface AccountsContext {
  deps: Deps;
  registry: RegistryService;
}

/** The other modules' services accounts is built from (the module list injects them). */
export interface AccountsCollaborators {
  registry: RegistryService;
}

export function createContext(deps: Deps, collaborators: AccountsCollaborators): AccountsContext {
  return { deps, registry: collaborators.registry };
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

// Argon2id with the OWASP-recommended minimum (19 MiB, 2 passes, 1 lane): ~30 ms per check here.
const ARGON_OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argonHash(password, ARGON_OPTIONS);
}

/** Whether `password` matches the stored argon2 hash (a malformed hash is a mismatch, not an error). */
export function passwordMatches(passwordHash: string, password: string): Promise<boolean> {
  return argonVerify(passwordHash, password).catch(() => false);
}

let dummyHash: Promise<string> | undefined;
/** Unknown usernames still cost one argon2 verification, so response time does not reveal which exist. */
export async function burnVerification(password: string): Promise<void> {
  dummyHash ??= hashPassword(newSecret());
  await passwordMatches(await dummyHash, password);
}

export const userAudit = (action: string, r: UserRow, reason?: string | null): AuditInput => ({ action, entity: 'user', entityId: r.id, reason, state: store.userState(r) });
export const sessionAudit = (action: string, r: SessionRow, reason?: string | null): AuditInput => ({ action, entity: 'session', entityId: r.id, reason, state: store.sessionState(r) });
export const tokenAudit = (action: string, r: TokenRow, reason?: string | null): AuditInput => ({ action, entity: 'api_token', entityId: r.id, reason, state: store.tokenState(r) });

/**
 * A write that changes what a token or a session may do (revocation, sign-out, deactivation, a new role,
 * organisation or password). This process forgets the tokens and sessions it resolved as soon as the
 * write ends, so its next request is refused at once; other processes forget them on the database's
 * notification (token-cache.ts).
 */
export async function inAuthTransaction<T>(ctx: AccountsContext, tx: Tx | undefined, fn: (t: Tx) => Promise<T>): Promise<T> {
  try {
    return await inTransaction(ctx.deps.db, tx, fn);
  } finally {
    clearAuthCaches(ctx.deps.db);
  }
}

/** An industry user's organisation must be a current organisation party of the registry (asked through its service). */
export async function checkOrganisation(ctx: AccountsContext, tx: Tx, role: Role, organisationId: string | null): Promise<void> {
  const errors = organisationErrors(role, organisationId);
  if (errors.length) throw new ValidationError(errors);
  if (!organisationId) return;
  const party = await ctx.registry.getParty(SYSTEM_ACTOR, organisationId, tx).catch((err: unknown) => {
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

/**
 * The agency an account names must be a current State agency of the registry (a party with the
 * state_agency role, asked through its service), and the role must be one that may name one.
 */
export async function checkAgency(ctx: AccountsContext, tx: Tx, role: Role, agencyPartyId: string | null): Promise<void> {
  const errors = agencyErrors(role, agencyPartyId);
  if (errors.length) throw new ValidationError(errors);
  if (!agencyPartyId) return;
  const party = await ctx.registry.getParty(SYSTEM_ACTOR, agencyPartyId, tx).catch((err: unknown) => {
    if (err instanceof NotFoundError) return null;
    throw err;
  });
  const problem = !party
    ? { code: 'agency.unknown', message: `No registry party ${agencyPartyId}.` }
    : !party.roles.includes('state_agency')
      ? { code: 'agency.not_state_agency', message: 'The party is not a State agency in the registry (role state_agency).' }
      : party.retired
        ? { code: 'agency.retired', message: 'The agency is retired in the registry.' }
        : null;
  if (problem) throw new RuleViolationError('An account’s agency must be a current State agency in the registry.', [{ field: 'agencyPartyId', ...problem }]);
}

export async function mustFindUser(q: Queryable, id: string, forUpdate = false): Promise<UserRow> {
  const u = await store.findUserById(q, id, forUpdate);
  if (!u) throw new NotFoundError('User', id);
  return u;
}

/** Revokes every live session and token of a user, each revocation audited, in the caller's transaction. */
export async function revokeAllCredentials(ctx: AccountsContext, tx: Tx, actor: Actor, userId: string, reason: string): Promise<number> {
  const { clock } = ctx.deps;
  const now = clock.now();
  const sessions = await store.revokeUserSessions(tx, userId, reason, now);
  const tokens = await store.revokeUserTokens(tx, userId, reason, now);
  await recordAuditBatch(tx, actor, clock, [
    ...sessions.map((s) => sessionAudit('accounts.session.revoke', s, reason)),
    ...tokens.map((t) => tokenAudit('accounts.token.revoke', t, reason)),
  ]);
  return sessions.length + tokens.length;
}

/**
 * Inserts a user from input already parsed with `newUserInput` (the organisation rule and a taken
 * username are checked here, against the registry and the table), audited as `accounts.user.create`.
 */
export async function insertNewUser(
  ctx: AccountsContext,
  tx: Tx,
  actor: Actor,
  input: z.output<typeof newUserInput>,
  passwordHash: string | null,
  reason: string | null,
): Promise<UserRow> {
  const { clock } = ctx.deps;
  const organisationId = input.organisationId ?? null;
  await checkOrganisation(ctx, tx, input.role, organisationId);
  const agencyPartyId = input.agencyPartyId ?? null;
  await checkAgency(ctx, tx, input.role, agencyPartyId);
  const username = normaliseUsername(input.username);
  if (await store.usernameTaken(tx, username)) {
    throw new ConflictError(`The username ${username} is taken.`, [{ field: 'username', code: 'username.taken', message: 'This username is taken.' }]);
  }
  const now = clock.now();
  const row = await store.insertUser(tx, {
    id: uuidv7(),
    username,
    display_name: input.displayName.trim(),
    role: input.role,
    organisation_id: organisationId,
    agency_party_id: agencyPartyId,
    password_hash: passwordHash,
    password_changed_at: passwordHash ? now : null,
    must_change_password: passwordHash !== null,
    created_at: now,
    updated_at: now,
  });
  await recordAudit(tx, actor, clock, userAudit('accounts.user.create', row, reason));
  return row;
}
