import { defineAuditedEntity } from '../platform/audit/entities.ts';
import * as store from './store.ts';

/** Backups, restores and migrations are audited records; `custodia audit verify` re-reads them here. */
export const RUN = defineAuditedEntity({
  entity: 'operations_run',
  async load(db, ids) {
    return new Map((await store.runsByIds(db, ids)).map((r) => [r.id, store.runState(r)]));
  },
});
