import type { Command } from 'commander';
import type { AuditedEntity } from './audit/entities.ts';
import type { Policy, PolicyTable, Role } from './auth/actor.ts';
import type { Deps } from './deps.ts';
import type { Api } from './http/types.ts';

/**
 * The module kit: every domain exports one descriptor (its `module.ts`), `src/modules.ts` lists them in
 * one order, and the entry points (app.ts, main.ts) build everything from that list. Nothing is
 * registered by importing a file: what the list holds is what the node has.
 */

/** What the module list declares, gathered once: the policy tables and the audited entities. */
export interface Catalog {
  /** module name → its permission table, for the HTTP pre-check, the web app and docs/security.md. */
  readonly policies: ReadonlyMap<string, PolicyTable<string>>;
  /** entity name → how to re-read its state, for `custodia audit verify`. */
  readonly auditedEntities: ReadonlyMap<string, AuditedEntity>;
  /** The roles allowed a permission, looked up in its module's table (undefined: no table declares it). */
  rolesFor(permission: string): readonly Role[] | undefined;
}

/** What a module's Fastify plugin receives: the platform deps and the module's own service, built once. */
export interface RouteContext<S> {
  deps: Deps;
  service: S;
  catalog: Catalog;
}
export type ModuleRoutes<S> = (api: Api, opts: RouteContext<S>) => Promise<void>;

/** What a module's CLI commands receive: one way to open the node and get the services (platform/cli.ts). */
export interface CommandContext<S> {
  catalog: Catalog;
  /**
   * Opens the database named by the environment (taking the data-directory lock), builds every service
   * in list order, runs `fn` with this module's service, and closes the database however `fn` ends.
   */
  run<T>(command: string, fn: (ctx: { deps: Deps; service: S; services: Readonly<Record<string, unknown>> }) => Promise<T>): Promise<T>;
}

export interface ModuleDescriptor<Name extends string = string, S = unknown, N extends object = object> {
  /** The module's name: the key of its service among the others' `needs`. */
  name: Name;
  /** Its permission table (`definePolicy`); a module that reuses another's permissions has none. */
  policy?: Policy<string>;
  /** Every entity it writes to the audit log, with how to re-read its state. */
  auditedEntities?: readonly AuditedEntity[];
  /** The services it is built from, by module name; each must come earlier in the list. */
  needs?: readonly (keyof N & string)[];
  /** Builds the module's service once, from the platform deps and the collaborators it declared. */
  createService?(deps: Deps, needs: N, catalog: Catalog): S;
  /** Fastify plugins registered under /api/v1, in order. */
  routes?: readonly ModuleRoutes<S>[];
  /** Adds the module's `custodia …` commands. */
  commands?(program: Command, cli: CommandContext<S>): void;
}

// `any` here only widens the list's element type; each descriptor stays precisely typed in its module.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyModule = ModuleDescriptor<string, any, any>;

/** Declares a module (the identity function, for the types: the name stays a literal, needs are checked). */
export function defineModule<const Name extends string, S, N extends object = object>(m: ModuleDescriptor<Name, S, N>): ModuleDescriptor<Name, S, N> {
  return m;
}

/** Each module's service by name, as `buildServices` returns it for a given list. */
export type ServicesOf<L extends readonly AnyModule[]> = {
  [M in L[number] as M extends { createService?: unknown } ? M['name'] : never]: M extends ModuleDescriptor<string, infer S, infer _N> ? S : never;
};

/** Gathers the policy tables and audited entities of `modules`, refusing a name declared twice. */
export function buildCatalog(modules: readonly AnyModule[]): Catalog {
  const names = new Set<string>();
  const policies = new Map<string, PolicyTable<string>>();
  const auditedEntities = new Map<string, AuditedEntity>();
  for (const m of modules) {
    if (names.has(m.name)) throw new Error(`Module "${m.name}" is listed twice`);
    names.add(m.name);
    if (m.policy) {
      if (policies.has(m.policy.module)) throw new Error(`Two modules declare the policy table "${m.policy.module}"`);
      policies.set(m.policy.module, m.policy.table);
    }
    for (const e of m.auditedEntities ?? []) {
      if (auditedEntities.has(e.entity)) throw new Error(`Audited entity "${e.entity}" is declared twice (module ${m.name})`);
      auditedEntities.set(e.entity, e);
    }
  }
  return {
    policies,
    auditedEntities,
    rolesFor(permission) {
      const table = policies.get(permission.split('.')[0]);
      return table ? (table as Record<string, readonly Role[]>)[permission] : undefined;
    },
  };
}

/**
 * Builds every module's service once, in list order, handing each the services it declared in `needs`
 * (a need that is not built yet is a wiring error, reported at start). `prebuilt` replaces a module's
 * service (tests that build one with special options).
 */
export function buildServices<L extends readonly AnyModule[]>(
  modules: L,
  deps: Deps,
  catalog: Catalog = buildCatalog(modules),
  prebuilt: Partial<Record<string, unknown>> = {},
): ServicesOf<L> {
  const built: Record<string, unknown> = {};
  for (const m of modules) {
    if (m.name in prebuilt) {
      built[m.name] = prebuilt[m.name];
      continue;
    }
    if (!m.createService) continue;
    const needs: Record<string, unknown> = {};
    for (const n of m.needs ?? []) {
      if (!(n in built)) throw new Error(`Module "${m.name}" needs "${n}", which is not built before it in the module list`);
      needs[n] = built[n];
    }
    built[m.name] = m.createService(deps, needs, catalog);
  }
  return built as ServicesOf<L>;
}

/** Use cases with their module's context bound: `(ctx, ...args) => r` becomes `(...args) => r`. */
export type BoundUseCases<C, T> = { [K in keyof T]: T[K] extends (ctx: C, ...args: infer A) => infer R ? (...args: A) => R : never };

/**
 * How a module's service.ts assembles its `use-cases/` files (docs/ARCHITECTURE.md): each exported
 * function takes the module's context first; the service hands out the same functions without it.
 */
export function bindUseCases<C, T extends Record<string, (ctx: C, ...args: never[]) => unknown>>(ctx: C, useCases: T): BoundUseCases<C, T> {
  return Object.fromEntries(Object.entries(useCases).map(([name, fn]) => [name, (...args: never[]) => fn(ctx, ...args)])) as BoundUseCases<C, T>;
}
