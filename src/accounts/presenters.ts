import type { Actor, Role } from '../platform/auth/actor.ts';
import { SESSION_IDLE_MS } from './model.ts';
import type { SessionRow, TokenRow, UserRow } from './store.ts';

/** Rows → answers, pure. Never a hash, never a secret (those are returned once, separately, by the use case). */

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  organisationId: string | null;
  agencyPartyId: string | null;
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
    agencyPartyId: r.agency_party_id,
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

export function presentSession(r: SessionRow): SessionView {
  const idle = new Date(Math.min(r.last_seen_at.getTime() + SESSION_IDLE_MS, r.expires_at.getTime()));
  return { id: r.id, createdAt: r.created_at.toISOString(), expiresAt: r.expires_at.toISOString(), idleExpiresAt: idle.toISOString() };
}

/** The actor a user acts as: the audit log names them by username. */
export function actorForUser(u: UserRow): Actor {
  return { kind: 'user', userId: u.id, name: u.username, role: u.role, organisationId: u.organisation_id, agencyPartyId: u.agency_party_id };
}

export function actorForToken(u: UserRow, t: TokenRow): Actor {
  return { kind: 'token', userId: u.id, name: `${u.username} (token ${t.prefix})`, role: t.role, organisationId: u.organisation_id, agencyPartyId: u.agency_party_id };
}
