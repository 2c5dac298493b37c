import { defineAuditedEntity } from '../platform/audit/entities.ts';
import * as store from './store.ts';

/** Audited screening records and how `custodia audit verify` re-reads each one's state. */
function byId<R extends { id: string }>(rows: R[], state: (r: R) => unknown): Map<string, unknown> {
  return new Map(rows.map((r) => [r.id, state(r)]));
}

export const LIST_VERSION = defineAuditedEntity({
  entity: 'screening_list_version',
  async load(db, ids) {
    return byId(await store.versionsByIds(db, ids), store.versionState);
  },
});

export const SUBJECT = defineAuditedEntity({
  entity: 'screening_subject',
  async load(db, ids) {
    return byId(await store.subjectsByIds(db, ids), store.subjectState);
  },
});

export const RUN = defineAuditedEntity({
  entity: 'screening_run',
  async load(db, ids) {
    return byId(await store.runsByIds(db, ids), store.runState);
  },
});

export const HIT = defineAuditedEntity({
  entity: 'screening_hit',
  async load(db, ids) {
    return byId(await store.hitsByIds(db, ids), store.hitState);
  },
});

export const DECISION = defineAuditedEntity({
  entity: 'screening_decision',
  async load(db, ids) {
    return byId(await store.decisionsByIds(db, ids), store.decisionState);
  },
});

export const ALERT = defineAuditedEntity({
  entity: 'screening_alert',
  async load(db, ids) {
    return byId(await store.alertsByIds(db, ids), store.alertState);
  },
});

export const DENIAL = defineAuditedEntity({
  entity: 'screening_denial',
  async load(db, ids) {
    return byId(await store.denialsByIds(db, ids), store.denialState);
  },
});
