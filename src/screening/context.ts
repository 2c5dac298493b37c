import type { Deps } from '../platform/deps.ts';
import { NotFoundError } from '../platform/http/errors.ts';
import { UUID_RE } from '../platform/ids.ts';
import type { ReferenceService } from '../reference/service.ts';
import type { RegistryService } from '../registry/service.ts';

/**
 * What every screening use case (use-cases/*.ts) is built from: the platform deps and the services the
 * module list injects (reference for arms embargoes, registry for the parties screened in a batch).
 */
export interface ScreeningContext {
  deps: Deps;
  reference: ReferenceService;
  registry: RegistryService;
}

/** A record id that is not a UUID answers the same 404 as a missing record. */
export function requireUuid(id: string, what: string): void {
  if (!UUID_RE.test(id)) throw new NotFoundError(what, id);
}
