import { defineAuditedEntity } from '../platform/audit/entities.ts';
import { stateHash } from '../platform/crypto/canonical.ts';
import * as store from './store.ts';

/** Reporting's audited tables and how `custodia audit verify` re-reads their state. */
export const MAPPING = defineAuditedEntity({
  entity: 'reporting_category_mapping',
  async load(db, ids) {
    return new Map((await store.loadMappingsByIds(db, ids)).map((r) => [r.id, store.mappingState(r)]));
  },
});

export const WITHHELD_LINE = defineAuditedEntity({
  entity: 'reporting_withheld_line',
  async load(db, ids) {
    return new Map((await store.loadWithheldByIds(db, ids)).map((r) => [r.id, store.withheldState(r)]));
  },
});

export const REPORT = defineAuditedEntity({
  entity: 'reporting_report',
  async load(db, ids) {
    // The stored content is re-hashed, so figures altered after generation show up, not only metadata.
    return new Map((await store.loadReportsByIds(db, ids)).map((r) => [r.id, { ...store.reportState(r), contentHash: stateHash(r.content) }]));
  },
});

export const HISTORY_IMPORT = defineAuditedEntity({
  entity: 'reporting_history_import',
  async load(db, ids) {
    return new Map((await store.loadHistoryImportsByIds(db, ids)).map((r) => [r.id, store.historyImportState(r)]));
  },
});

export const REPORTING_AUDITED_ENTITIES = [MAPPING, WITHHELD_LINE, REPORT, HISTORY_IMPORT];
