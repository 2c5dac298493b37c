import { definePolicy, type Role } from '../platform/auth/actor.ts';

const OFFICERS: Role[] = ['licensing_officer', 'licensing_supervisor', 'administrator'];
const READERS: Role[] = [...OFFICERS, 'auditor', 'point_of_contact', 'industry'];

/**
 * Who may do what in licensing. Industry users pass these checks but services then restrict them to
 * their own organisation's applications, licences and shipments.
 */
export const licensingPolicy = definePolicy('licensing', {
  'licensing.application.create': [...OFFICERS, 'industry'],
  'licensing.application.read': READERS,
  'licensing.application.respond': [...OFFICERS, 'industry'],
  'licensing.application.review': OFFICERS,
  'licensing.application.countersign': ['licensing_supervisor', 'administrator'],
  'licensing.application.decide': OFFICERS,
  /** Issuing with no sanctions list active: an administrator's documented exception, one application at a time. */
  'licensing.application.screening_exception': ['administrator'],
  'licensing.licence.read': [...READERS, 'customs_officer'],
  'licensing.licence.suspend': OFFICERS,
  'licensing.licence.revoke': ['licensing_supervisor', 'administrator'],
  'licensing.licence.surrender': [...OFFICERS, 'industry'],
  'licensing.shipment.record': [...OFFICERS, 'customs_officer', 'industry'],
  'licensing.shipment.read': [...READERS, 'customs_officer'],
  'licensing.shipment.verify': [...OFFICERS, 'customs_officer', 'point_of_contact'],
  'licensing.broker.read': [...READERS, 'customs_officer', 'registry_clerk', 'tracing_officer'],
  'licensing.broker.register': OFFICERS,
  'licensing.denial.read': [...OFFICERS, 'auditor', 'point_of_contact'],
});

export type LicensingPermission = keyof typeof licensingPolicy.table;
