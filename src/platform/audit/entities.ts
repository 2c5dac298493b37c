import type { Queryable } from '../db/types.ts';

/**
 * Each module declares the entities it audits and how to re-read their current state, so
 * `custodia audit verify` can re-hash every audited record against its last audit entry and name
 * what was altered behind the application's back.
 *
 * Contract: the `state` a service passes to `recordAudit` for (entity, id) must be exactly what
 * `load` returns for that id right after the write. Build both from one function of the stored row
 * (e.g. `itemState(row)` in the module's store). Audited timestamps come from the injected clock, never
 * from the database's now() (microseconds would not survive the round trip through a JS Date).
 */
export interface AuditedEntity {
  entity: string;
  /** Current states by id for the given ids (missing ids are absent from the map). */
  load(db: Queryable, ids: readonly string[]): Promise<Map<string, unknown>>;
  /**
   * The entries record an event that has no row of its own (a demonstration load): the entry is the
   * record, and the Merkle tree already proves it unaltered, so verification has nothing to re-read.
   */
  eventOnly?: boolean;
}

/** Declares an audited entity; its module's descriptor lists it (`auditedEntities`), nothing else registers it. */
export function defineAuditedEntity(def: AuditedEntity): AuditedEntity {
  return def;
}

/** Declares an audited event with no record of its own to re-read (see `eventOnly`). */
export function defineAuditedEvent(entity: string): AuditedEntity {
  return { entity, eventOnly: true, load: async () => new Map() };
}
