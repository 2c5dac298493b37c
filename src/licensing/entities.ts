import { defineAuditedEntity, type AuditedEntity } from '../platform/audit/entities.ts';
import type { Queryable } from '../platform/db/types.ts';
import * as brokerStore from './store-brokers.ts';
import * as caseStore from './store-cases.ts';
import * as licenceStore from './store-licences.ts';

/**
 * Every licensing table the services audit, with a loader that rebuilds the exact state that was hashed
 * (from the same `xState(row)` function), so `custodia audit verify` can name rows altered outside the app.
 */
function simple<R extends { id: string }>(entity: string, table: string, state: (r: R) => unknown): AuditedEntity {
  return defineAuditedEntity({
    entity,
    async load(db: Queryable, ids: readonly string[]) {
      const rows = await caseStore.loadByIds<R>(db, table, ids);
      return new Map(rows.map((r) => [r.id, state(r)]));
    },
  });
}

export const LICENSING_AUDITED_ENTITIES: readonly AuditedEntity[] = [
  simple<caseStore.ApplicationRow>('licensing_application', 'licensing_applications', caseStore.applicationState),
  simple<caseStore.DecisionDbRow>('licensing_decision', 'licensing_decisions', caseStore.decisionState),
  simple<caseStore.ImportAuthRow>('licensing_import_authorization', 'licensing_import_authorizations', caseStore.importAuthState),
  simple<caseStore.TransitRow>('licensing_transit_no_objection', 'licensing_transit_no_objections', caseStore.transitState),
  simple<licenceStore.ShipmentRow>('licensing_shipment', 'licensing_shipments', licenceStore.shipmentState),
  simple<brokerStore.BrokerRow>('licensing_broker', 'licensing_brokers', brokerStore.brokerState),
  simple<brokerStore.DenialRow>('licensing_denial', 'licensing_denials', brokerStore.denialState),
  defineAuditedEntity({
    entity: 'licensing_document',
    load: (db, ids) => caseStore.documentStatesByIds(db, ids),
  }),
  defineAuditedEntity({
    entity: 'licensing_licence',
    async load(db, ids) {
      const rows = await caseStore.loadByIds<licenceStore.LicenceRow>(db, 'licensing_licences', ids);
      const lines = await licenceStore.getLicenceLines(db, rows.map((r) => r.id));
      return new Map(rows.map((r) => [r.id, licenceStore.licenceState(r, lines.filter((l) => l.licence_id === r.id))]));
    },
  }),
];
