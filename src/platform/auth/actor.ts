import os from 'node:os';
import { ForbiddenError } from '../http/errors.ts';

/**
 * Roles of the national authority, industry and the public. Permissions are declared per module in
 * one policy table (see `definePolicy`) and enforced in services; routes only declare which
 * permission they need so the authorization matrix can be generated from the route table.
 */
export const ROLES = [
  'administrator',
  'registry_clerk',
  'licensing_officer',
  'licensing_supervisor',
  'tracing_officer',
  'customs_officer',
  'auditor',
  'point_of_contact',
  'industry',
  'public',
] as const;
export type Role = (typeof ROLES)[number];

export interface Actor {
  kind: 'user' | 'token' | 'system' | 'anonymous';
  /** The user (or the token's owner); null for the system and the public. */
  userId: string | null;
  /** Printable name for the audit log. */
  name: string;
  role: Role;
  /** Industry users act for exactly one organisation (a party id) and see only its records. */
  organisationId: string | null;
  /**
   * The State agency (a registry party) an officer works for, when their account names one: alerts
   * addressed to that agency (lost/stolen hits) are theirs to see first. A filter, not a scope: what an
   * actor may see is still decided by the policy tables and the organisation scope.
   */
  agencyPartyId?: string | null;
}

export const SYSTEM_ACTOR: Actor = { kind: 'system', userId: null, name: 'system', role: 'administrator', organisationId: null };
export const ANONYMOUS_ACTOR: Actor = { kind: 'anonymous', userId: null, name: 'anonymous', role: 'public', organisationId: null };

/** The operator at the server's terminal (CLI commands): the audit log names the OS user who ran the command. */
export function cliActor(): Actor {
  let user = 'unknown';
  try {
    user = os.userInfo().username;
  } catch {
    /* no passwd entry in some containers */
  }
  return { kind: 'system', userId: null, name: `cli:${user}`, role: 'administrator', organisationId: null };
}

export type PolicyTable<P extends string> = Readonly<Record<P, readonly Role[]>>;

/** A module's permission table and the checks made against it (what `definePolicy` returns). */
export interface Policy<P extends string> {
  module: string;
  table: PolicyTable<P>;
  can(actor: Actor, permission: P): boolean;
  require(actor: Actor, permission: P): void;
}

/**
 * Declares a module's permissions: `permission → roles allowed`. Permission names are
 * `module.resource.verb`. The system actor (migrations, demo loader, scheduled work) is always allowed.
 * Nothing is registered: the module's descriptor names its policy, and the module list gathers them
 * (platform/module.ts `buildCatalog`).
 */
export function definePolicy<P extends string>(module: string, table: PolicyTable<P>): Policy<P> {
  for (const permission of Object.keys(table)) {
    if (!permission.startsWith(`${module}.`)) throw new Error(`Permission ${permission} must start with "${module}."`);
  }
  return {
    module,
    table,
    can(actor: Actor, permission: P): boolean {
      return actor.kind === 'system' || table[permission].includes(actor.role);
    },
    require(actor: Actor, permission: P): void {
      if (!(actor.kind === 'system' || table[permission].includes(actor.role))) {
        throw new ForbiddenError(`The role "${actor.role}" may not ${permission}.`);
      }
    },
  };
}
