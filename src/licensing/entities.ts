import { defineAuditedEntity, type AuditedEntity } from '../platform/audit/entities.ts';
import type { Queryable } from '../platform/db/types.ts';
import * as store from './store.ts';

/**
 * Every licensing table the services audit, with a loader that rebuilds the exact state that was hashed
 * (from the same `xState(row)` function), so `custodia audit verify` can name rows altered outside the app.
 */
function simple<R extends { id: string }>(entity: string, table: string, state: (r: R) => unknown): AuditedEntity {
  return defineAuditedEntity({
    entity,
    async load(db: Queryable, ids: readonly string[]) {
      const rows = await store.loadByIds<R>(db, table, ids);
      return new Map(rows.map((r) => [r.id, state(r)]));
    },
  });
}

export const LICENSING_AUDITED_ENTITIES: readonly AuditedEntity[] = [
  simple<store.ApplicationRow>('licensing_application', 'licensing_applications', store.applicationState),
  simple<store.DecisionDbRow>('licensing_decision', 'licensing_decisions', store.decisionState),
  simple<store.ImportAuthRow>('licensing_import_authorization', 'licensing_import_authorizations', store.importAuthState),
  simple<store.TransitRow>('licensing_transit_no_objection', 'licensing_transit_no_objections', store.transitState),
  simple<store.ShipmentRow>('licensing_shipment', 'licensing_shipments', store.shipmentState),
  simple<store.BrokerRow>('licensing_broker', 'licensing_brokers', store.brokerState),
  simple<store.DenialRow>('licensing_denial', 'licensing_denials', store.denialState),
  defineAuditedEntity({
    entity: 'licensing_document',
    async load(db, ids) {
      // The stored bytes are re-hashed here, so altered document content shows up, not only altered metadata.
      const rows = await db.query<store.DocumentRow & { actual: string }>(
        `SELECT id, application_id, kind, filename, media_type, size_bytes, uploaded_at, uploaded_by,
                encode(sha256(content), 'hex') AS sha256
         FROM licensing_documents WHERE id = ANY($1::uuid[])`,
        [ids],
      );
      return new Map(rows.map((r) => [r.id, store.documentState(r)]));
    },
  }),
  defineAuditedEntity({
    entity: 'licensing_licence',
    async load(db, ids) {
      const rows = await store.loadByIds<store.LicenceRow>(db, 'licensing_licences', ids);
      const lines = await store.getLicenceLines(db, rows.map((r) => r.id));
      return new Map(rows.map((r) => [r.id, store.licenceState(r, lines.filter((l) => l.licence_id === r.id))]));
    },
  }),
];
