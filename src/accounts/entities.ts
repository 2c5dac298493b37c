import { defineAuditedEntity } from '../platform/audit/entities.ts';
import * as store from './store.ts';

/** The accounts tables the use cases audit, each re-read from the same `xState(row)` that was hashed (`custodia audit verify`). */

export const userEntity = defineAuditedEntity({
  entity: 'user',
  async load(db, ids) {
    return new Map((await store.findUsersByIds(db, ids)).map((r) => [r.id, store.userState(r)]));
  },
});
export const sessionEntity = defineAuditedEntity({
  entity: 'session',
  async load(db, ids) {
    return new Map((await store.findSessionsByIds(db, ids)).map((r) => [r.id, store.sessionState(r)]));
  },
});
export const tokenEntity = defineAuditedEntity({
  entity: 'api_token',
  async load(db, ids) {
    return new Map((await store.findTokensByIds(db, ids)).map((r) => [r.id, store.tokenState(r)]));
  },
});
