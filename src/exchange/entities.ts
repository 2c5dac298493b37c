import { defineAuditedEntity } from '../platform/audit/entities.ts';
import * as store from './store.ts';

/** Audited exchange records and how `custodia audit verify` re-reads each one's state. */
export const PEER = defineAuditedEntity({
  entity: 'exchange_peer',
  async load(db, ids) {
    return new Map((await store.peersByStates(db, ids)).map((r) => [r.state, store.peerState(r)]));
  },
});

export const OUTBOX = defineAuditedEntity({
  entity: 'exchange_outbox',
  async load(db, ids) {
    return new Map((await store.outboxByIds(db, ids)).map((r) => [r.id, store.outboxState(r)]));
  },
});

export const INBOX = defineAuditedEntity({
  entity: 'exchange_inbox',
  async load(db, ids) {
    return new Map((await store.inboxByIds(db, ids)).map((r) => [r.id, store.inboxState(r)]));
  },
});

/** What this node carried for other States (relaying), keyed `<from>/<envelope id>`. */
export const RELAYED = defineAuditedEntity({
  entity: 'exchange_relayed',
  async load(db, ids) {
    return new Map((await store.relayedByIds(db, ids)).map((r) => [`${r.from_state}/${r.envelope_id}`, store.relayedState(r)]));
  },
});
