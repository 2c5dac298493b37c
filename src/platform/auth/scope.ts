import { NotFoundError } from '../http/errors.ts';
import type { Actor, Role } from './actor.ts';

/**
 * The organisation-scope rule, the only place it is written: an industry user acts for exactly one
 * organisation (a registry party) and sees and touches only that organisation's records; the national
 * authority's roles are not restricted by organisation (their policy tables restrict them by permission).
 * An industry user without an organisation sees nothing and may change nothing.
 *
 * Every module asks this module, never `actor.role`: for lists (`listScope` gives the filter value a
 * store takes), for one record (`requireVisible` answers the same 404 as "does not exist", so nobody
 * learns that another organisation's record exists) and for writes (`mayTouch`). Pure: no I/O.
 */

/** Roles whose users act for one organisation (and must name it). */
const ORGANISATION_ROLES: readonly Role[] = ['industry'];

export function actsForOrganisation(role: Role): boolean {
  return ORGANISATION_ROLES.includes(role);
}

export type OrganisationScope =
  | { readonly kind: 'unrestricted' }
  | { readonly kind: 'organisation'; readonly organisationId: string }
  | { readonly kind: 'nothing' };

export function scopeOf(actor: Actor): OrganisationScope {
  if (!actsForOrganisation(actor.role)) return { kind: 'unrestricted' };
  return actor.organisationId ? { kind: 'organisation', organisationId: actor.organisationId } : { kind: 'nothing' };
}

/** True for the national authority's roles (and the system): they see every organisation's records. */
export function isUnrestricted(actor: Actor): boolean {
  return scopeOf(actor).kind === 'unrestricted';
}

/**
 * The filter a store applies to a list: `{ organisationId: undefined }` = every organisation,
 * `{ organisationId: id }` = only that one. `null` = the actor sees nothing (return an empty page
 * without asking the database).
 */
export function listScope(actor: Actor): { organisationId: string | undefined } | null {
  const scope = scopeOf(actor);
  if (scope.kind === 'nothing') return null;
  return { organisationId: scope.kind === 'organisation' ? scope.organisationId : undefined };
}

/**
 * Whether the actor may see (and, where its permissions allow the verb, touch) a record belonging to
 * `owners` (the parties the record belongs to: an application's organisation, an item's holder,
 * keeper and manufacturer…). A record with no owner belongs to no organisation.
 */
export function mayTouch(actor: Actor, owners: readonly (string | null | undefined)[] | string | null | undefined): boolean {
  const scope = scopeOf(actor);
  if (scope.kind === 'unrestricted') return true;
  if (scope.kind === 'nothing') return false;
  const list = Array.isArray(owners) ? owners : [owners];
  return list.some((o) => o === scope.organisationId);
}

/**
 * One record: throws the same 404 as for a record that does not exist when the actor may not see it
 * (not 403: another organisation must not learn that the record exists).
 */
export function requireVisible(actor: Actor, owners: readonly (string | null | undefined)[] | string | null | undefined, what: string, id: string): void {
  if (!mayTouch(actor, owners)) throw new NotFoundError(what, id);
}

/**
 * The organisation an actor acts for when it creates a record for "its" organisation: the actor's own
 * (an industry user may not name another), or the one named for the unrestricted roles.
 * Returns `{ ok: false }` when an industry user names another organisation or has none.
 */
export function actingOrganisation(actor: Actor, named: string | null | undefined): { ok: true; organisationId: string | null } | { ok: false } {
  const scope = scopeOf(actor);
  if (scope.kind === 'unrestricted') return { ok: true, organisationId: named ?? null };
  if (scope.kind === 'nothing') return { ok: false };
  if (named && named !== scope.organisationId) return { ok: false };
  return { ok: true, organisationId: scope.organisationId };
}
