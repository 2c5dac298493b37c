import type { Role } from '../platform/auth/actor.ts';
import { sha256Hex } from '../platform/crypto/canonical.ts';
import type { Queryable, Tx } from '../platform/db/types.ts';

/** SQL for the accounts tables only. Every function takes the connection or transaction to use. */

export interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  organisation_id: string | null;
  agency_party_id: string | null;
  password_hash: string | null;
  password_changed_at: Date | null;
  must_change_password: boolean;
  active: boolean;
  deactivated_at: Date | null;
  deactivation_reason: string | null;
  failed_logins: number;
  locked_until: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface SessionRow {
  id: string;
  user_id: string;
  secret_hash: string;
  created_at: Date;
  expires_at: Date;
  last_seen_at: Date;
  ip: string | null;
  user_agent: string | null;
  revoked_at: Date | null;
  revoke_reason: string | null;
}

export interface TokenRow {
  id: string;
  user_id: string;
  name: string;
  role: Role;
  prefix: string;
  secret_hash: string;
  created_by: string | null;
  created_at: Date;
  expires_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
  revoke_reason: string | null;
}

/**
 * The audited state of a user, a session and a token: what `recordAudit` hashes and what the verifier
 * re-reads. Bookkeeping that changes on reads (failed-login counter, last seen/used) stays out; the
 * password hash enters only as a digest, so a credential swapped in the database is detected.
 */
export function userState(r: UserRow) {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    role: r.role,
    organisationId: r.organisation_id,
    // Present only when set, so a user audited before accounts named an agency re-reads with the hash it was audited with.
    ...(r.agency_party_id ? { agencyPartyId: r.agency_party_id } : {}),
    passwordHashDigest: r.password_hash ? sha256Hex(r.password_hash) : null,
    passwordChangedAt: r.password_changed_at,
    mustChangePassword: r.must_change_password,
    active: r.active,
    deactivatedAt: r.deactivated_at,
    deactivationReason: r.deactivation_reason,
    lockedUntil: r.locked_until,
    createdAt: r.created_at,
  };
}

export function sessionState(r: SessionRow) {
  return {
    id: r.id,
    userId: r.user_id,
    secretHash: r.secret_hash,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    revokedAt: r.revoked_at,
    revokeReason: r.revoke_reason,
  };
}

export function tokenState(r: TokenRow) {
  return {
    id: r.id,
    userId: r.user_id,
    name: r.name,
    role: r.role,
    prefix: r.prefix,
    secretHash: r.secret_hash,
    createdBy: r.created_by,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    revokedAt: r.revoked_at,
    revokeReason: r.revoke_reason,
  };
}

const USER_COLS = `id, username, display_name, role, organisation_id, agency_party_id, password_hash, password_changed_at, must_change_password,
  active, deactivated_at, deactivation_reason, failed_logins, locked_until, created_at, updated_at`;

export async function countUsers(db: Queryable): Promise<number> {
  const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
  return row.n;
}

/** Held to the end of the transaction: two servers starting together see each other's first administrator. */
export async function lockUsers(tx: Tx): Promise<void> {
  await tx.exec('LOCK TABLE users IN EXCLUSIVE MODE');
}

export async function insertUser(
  db: Queryable,
  u: Omit<UserRow, 'failed_logins' | 'locked_until' | 'deactivated_at' | 'deactivation_reason' | 'active' | 'agency_party_id'> & { agency_party_id?: string | null },
): Promise<UserRow> {
  const [row] = await db.query<UserRow>(
    `INSERT INTO users (id, username, display_name, role, organisation_id, agency_party_id, password_hash, password_changed_at, must_change_password, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING ${USER_COLS}`,
    [u.id, u.username, u.display_name, u.role, u.organisation_id, u.agency_party_id ?? null, u.password_hash, u.password_changed_at, u.must_change_password, u.created_at, u.updated_at],
  );
  return row;
}

export async function usernameTaken(db: Queryable, username: string): Promise<boolean> {
  const rows = await db.query('SELECT 1 FROM users WHERE lower(username) = lower($1)', [username]);
  return rows.length > 0;
}

export async function findUserById(db: Queryable, id: string, forUpdate = false): Promise<UserRow | undefined> {
  const [row] = await db.query<UserRow>(`SELECT ${USER_COLS} FROM users WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
  return row;
}

export async function findUserByUsername(db: Queryable, username: string, forUpdate = false): Promise<UserRow | undefined> {
  const [row] = await db.query<UserRow>(`SELECT ${USER_COLS} FROM users WHERE lower(username) = lower($1)${forUpdate ? ' FOR UPDATE' : ''}`, [username]);
  return row;
}

export async function findUsersByIds(db: Queryable, ids: readonly string[]): Promise<UserRow[]> {
  return db.query<UserRow>(`SELECT ${USER_COLS} FROM users WHERE id = ANY($1::uuid[])`, [ids]);
}

export interface UserFilter {
  role?: Role;
  organisationId?: string;
  agencyPartyId?: string;
  /** Exactly this username (case-insensitive): how the command line names a user. */
  username?: string;
  active?: boolean;
  /** Keyset: usernames sort after this one. */
  after?: string;
  limit: number;
}

export async function listUsers(db: Queryable, f: UserFilter): Promise<UserRow[]> {
  return db.query<UserRow>(
    `SELECT ${USER_COLS} FROM users
     WHERE ($1::text IS NULL OR role = $1)
       AND ($2::uuid IS NULL OR organisation_id = $2)
       AND ($3::boolean IS NULL OR active = $3)
       AND ($4::text IS NULL OR lower(username) > $4)
       AND ($6::uuid IS NULL OR agency_party_id = $6)
       AND ($7::text IS NULL OR lower(username) = lower($7))
     ORDER BY lower(username) LIMIT $5`,
    [f.role ?? null, f.organisationId ?? null, f.active ?? null, f.after ?? null, f.limit, f.agencyPartyId ?? null, f.username ?? null],
  );
}

export interface OrganisationSummary {
  organisation_id: string;
  users: number;
  active_users: number;
}

export async function listOrganisations(db: Queryable): Promise<OrganisationSummary[]> {
  return db.query<OrganisationSummary>(
    `SELECT organisation_id, count(*)::int AS users, (count(*) FILTER (WHERE active))::int AS active_users
     FROM users WHERE organisation_id IS NOT NULL GROUP BY organisation_id ORDER BY organisation_id`,
  );
}

export async function updateUserProfile(
  db: Queryable,
  id: string,
  p: { display_name: string; role: Role; organisation_id: string | null; agency_party_id: string | null; updated_at: Date },
): Promise<UserRow> {
  const [row] = await db.query<UserRow>(
    `UPDATE users SET display_name = $2, role = $3, organisation_id = $4, agency_party_id = $6, updated_at = $5 WHERE id = $1 RETURNING ${USER_COLS}`,
    [id, p.display_name, p.role, p.organisation_id, p.updated_at, p.agency_party_id],
  );
  return row;
}

export async function setPassword(db: Queryable, id: string, hash: string, mustChange: boolean, at: Date): Promise<UserRow> {
  const [row] = await db.query<UserRow>(
    `UPDATE users SET password_hash = $2, must_change_password = $3, password_changed_at = $4, updated_at = $4,
       failed_logins = 0, locked_until = NULL, sign_in_blocked_until = NULL
     WHERE id = $1 RETURNING ${USER_COLS}`,
    [id, hash, mustChange, at],
  );
  return row;
}

export async function deactivateUser(db: Queryable, id: string, reason: string, at: Date): Promise<UserRow> {
  const [row] = await db.query<UserRow>(
    `UPDATE users SET active = false, deactivated_at = $2, deactivation_reason = $3, updated_at = $2 WHERE id = $1 RETURNING ${USER_COLS}`,
    [id, at, reason],
  );
  return row;
}

/**
 * Counts one sign-in attempt before its password is checked, in one atomic statement: refused (undefined)
 * while the account is locked or blocked; the attempt that reaches a multiple of `threshold` blocks the
 * next ones at once, for `scheduleMs[k-1]` (the k-th lock in a row; the last duration from then on). Parallel
 * guesses therefore cannot get more than `threshold` evaluations between locks.
 */
export async function countSignInAttempt(
  db: Queryable,
  id: string,
  now: Date,
  threshold: number,
  scheduleMs: readonly number[],
): Promise<{ failed_logins: number; sign_in_blocked_until: Date | null } | undefined> {
  const [row] = await db.query<{ failed_logins: number; sign_in_blocked_until: Date | null }>(
    `UPDATE users SET failed_logins = failed_logins + 1,
       sign_in_blocked_until = CASE WHEN (failed_logins + 1) % $3 = 0
         THEN $2::timestamptz + ($4::int8[])[LEAST((failed_logins + 1) / $3, cardinality($4::int8[]))] * interval '1 millisecond'
         ELSE sign_in_blocked_until END
     WHERE id = $1 AND (locked_until IS NULL OR locked_until <= $2) AND (sign_in_blocked_until IS NULL OR sign_in_blocked_until <= $2)
     RETURNING failed_logins, sign_in_blocked_until`,
    [id, now, threshold, scheduleMs],
  );
  return row;
}

/** Until when sign-in is refused (the audited lock or the block set by the counting statement), or null. */
export async function signInRefusedUntil(db: Queryable, id: string): Promise<Date | null> {
  const [row] = await db.query<{ until: Date | null }>('SELECT GREATEST(locked_until, sign_in_blocked_until) AS until FROM users WHERE id = $1', [id]);
  return row?.until ?? null;
}

/** Records the lock the counting statement started (the audited state): the locking attempt's password was wrong. */
export async function recordLock(db: Queryable, id: string, until: Date): Promise<UserRow> {
  const [row] = await db.query<UserRow>(`UPDATE users SET locked_until = $2 WHERE id = $1 RETURNING ${USER_COLS}`, [id, until]);
  return row;
}

/** A correct password: the count of attempts starts again and a block set by this very attempt is lifted. */
export async function resetSignInAttempts(db: Queryable, id: string): Promise<void> {
  await db.query('UPDATE users SET failed_logins = 0, sign_in_blocked_until = NULL WHERE id = $1 AND (failed_logins <> 0 OR sign_in_blocked_until IS NOT NULL)', [id]);
}

export async function unlockUser(db: Queryable, id: string, at: Date): Promise<UserRow> {
  const [row] = await db.query<UserRow>(
    `UPDATE users SET failed_logins = 0, locked_until = NULL, sign_in_blocked_until = NULL, updated_at = $2 WHERE id = $1 RETURNING ${USER_COLS}`,
    [id, at],
  );
  return row;
}

// Sessions

const SESSION_COLS = 'id, user_id, secret_hash, created_at, expires_at, last_seen_at, ip, user_agent, revoked_at, revoke_reason';

export async function insertSession(db: Queryable, s: Omit<SessionRow, 'revoked_at' | 'revoke_reason'>): Promise<SessionRow> {
  const [row] = await db.query<SessionRow>(
    `INSERT INTO sessions (id, user_id, secret_hash, created_at, expires_at, last_seen_at, ip, user_agent)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${SESSION_COLS}`,
    [s.id, s.user_id, s.secret_hash, s.created_at, s.expires_at, s.last_seen_at, s.ip, s.user_agent],
  );
  return row;
}

export async function findSessionBySecretHash(db: Queryable, hash: string): Promise<SessionRow | undefined> {
  const [row] = await db.query<SessionRow>(`SELECT ${SESSION_COLS} FROM sessions WHERE secret_hash = $1`, [hash]);
  return row;
}

export async function findSessionsByIds(db: Queryable, ids: readonly string[]): Promise<SessionRow[]> {
  return db.query<SessionRow>(`SELECT ${SESSION_COLS} FROM sessions WHERE id = ANY($1::uuid[])`, [ids]);
}

export async function touchSession(db: Queryable, id: string, at: Date): Promise<void> {
  await db.query('UPDATE sessions SET last_seen_at = $2 WHERE id = $1 AND last_seen_at < $2', [id, at]);
}

/** Revokes one user's live sessions (except `keepId`) in one statement; returns the revoked rows. */
export async function revokeUserSessions(db: Queryable, userId: string, reason: string, at: Date, keepId: string | null = null): Promise<SessionRow[]> {
  return db.query<SessionRow>(
    `UPDATE sessions SET revoked_at = $2, revoke_reason = $3
     WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > $2 AND ($4::uuid IS NULL OR id <> $4)
     RETURNING ${SESSION_COLS}`,
    [userId, at, reason, keepId],
  );
}

export async function revokeSession(db: Queryable, id: string, reason: string, at: Date): Promise<SessionRow | undefined> {
  const [row] = await db.query<SessionRow>(
    `UPDATE sessions SET revoked_at = $2, revoke_reason = $3 WHERE id = $1 AND revoked_at IS NULL RETURNING ${SESSION_COLS}`,
    [id, at, reason],
  );
  return row;
}

// API tokens

const TOKEN_COLS = 'id, user_id, name, role, prefix, secret_hash, created_by, created_at, expires_at, last_used_at, revoked_at, revoke_reason';

export async function insertToken(db: Queryable, t: Omit<TokenRow, 'revoked_at' | 'revoke_reason' | 'last_used_at'>): Promise<TokenRow> {
  const [row] = await db.query<TokenRow>(
    `INSERT INTO api_tokens (id, user_id, name, role, prefix, secret_hash, created_by, created_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${TOKEN_COLS}`,
    [t.id, t.user_id, t.name, t.role, t.prefix, t.secret_hash, t.created_by, t.created_at, t.expires_at],
  );
  return row;
}

export async function findTokenBySecretHash(db: Queryable, hash: string): Promise<TokenRow | undefined> {
  const [row] = await db.query<TokenRow>(`SELECT ${TOKEN_COLS} FROM api_tokens WHERE secret_hash = $1`, [hash]);
  return row;
}

/** One round trip per authenticated API request: the token and its owner together. */
export async function findTokenWithOwner(db: Queryable, hash: string): Promise<{ token: TokenRow; user: UserRow } | undefined> {
  const userCols = USER_COLS.split(',').map((c) => c.trim());
  const [row] = await db.query<Record<string, unknown>>(
    `SELECT ${TOKEN_COLS.split(',').map((c) => `t.${c.trim()}`).join(', ')}, ${userCols.map((c) => `u.${c} AS u_${c}`).join(', ')}
     FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.secret_hash = $1`,
    [hash],
  );
  if (!row) return undefined;
  const user = Object.fromEntries(userCols.map((c) => [c, row[`u_${c}`]])) as unknown as UserRow;
  const token = Object.fromEntries(TOKEN_COLS.split(',').map((c) => [c.trim(), row[c.trim()]])) as unknown as TokenRow;
  return { token, user };
}

export async function findTokenById(db: Queryable, id: string): Promise<TokenRow | undefined> {
  const [row] = await db.query<TokenRow>(`SELECT ${TOKEN_COLS} FROM api_tokens WHERE id = $1`, [id]);
  return row;
}

export async function findTokensByIds(db: Queryable, ids: readonly string[]): Promise<TokenRow[]> {
  return db.query<TokenRow>(`SELECT ${TOKEN_COLS} FROM api_tokens WHERE id = ANY($1::uuid[])`, [ids]);
}

export async function listTokens(db: Queryable, f: { userId?: string; includeRevoked: boolean; after?: string; limit: number }): Promise<TokenRow[]> {
  return db.query<TokenRow>(
    `SELECT ${TOKEN_COLS} FROM api_tokens
     WHERE ($1::uuid IS NULL OR user_id = $1) AND ($2::boolean OR revoked_at IS NULL) AND ($3::uuid IS NULL OR id > $3)
     ORDER BY id LIMIT $4`,
    [f.userId ?? null, f.includeRevoked, f.after ?? null, f.limit],
  );
}

export async function touchToken(db: Queryable, id: string, at: Date): Promise<void> {
  await db.query('UPDATE api_tokens SET last_used_at = $2 WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < $2)', [id, at]);
}

export async function revokeToken(db: Queryable, id: string, reason: string, at: Date): Promise<TokenRow | undefined> {
  const [row] = await db.query<TokenRow>(
    `UPDATE api_tokens SET revoked_at = $2, revoke_reason = $3 WHERE id = $1 AND revoked_at IS NULL RETURNING ${TOKEN_COLS}`,
    [id, at, reason],
  );
  return row;
}

export async function revokeUserTokens(db: Queryable, userId: string, reason: string, at: Date): Promise<TokenRow[]> {
  return db.query<TokenRow>(
    `UPDATE api_tokens SET revoked_at = $2, revoke_reason = $3
     WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > $2 RETURNING ${TOKEN_COLS}`,
    [userId, at, reason],
  );
}
