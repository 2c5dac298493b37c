import { definePolicy } from '../platform/auth/actor.ts';

/**
 * Who may do what in the registry (see docs/registry.md for the reasons). Industry reads only items its
 * organisation holds, keeps or made (enforced in the service); the public gets nothing.
 */
export const registryPolicy = definePolicy('registry', {
  'registry.items.read': [
    'administrator',
    'registry_clerk',
    'licensing_officer',
    'licensing_supervisor',
    'tracing_officer',
    'customs_officer',
    'auditor',
    'point_of_contact',
    'industry',
  ],
  'registry.items.write': ['administrator', 'registry_clerk'],
  // Which event kinds each of these roles may record is narrowed further by model.ts EVENT_KINDS_BY_ROLE.
  'registry.events.write': ['administrator', 'registry_clerk', 'customs_officer', 'tracing_officer'],
  // Export and import events for the items a licensed shipment carries, recorded by whoever records the
  // shipment (licensing.shipment.record); industry users record no other custody event.
  'registry.events.shipment': ['administrator', 'licensing_officer', 'licensing_supervisor', 'customs_officer', 'industry'],
  'registry.parties.read': [
    'administrator',
    'registry_clerk',
    'licensing_officer',
    'licensing_supervisor',
    'tracing_officer',
    'customs_officer',
    'auditor',
    'point_of_contact',
    'industry',
  ],
  'registry.parties.write': ['administrator', 'registry_clerk', 'licensing_officer'],
  // Owners' names, addresses and identity documents: only roles that act on individuals.
  'registry.parties.read_personal': ['administrator', 'registry_clerk', 'licensing_officer', 'licensing_supervisor', 'tracing_officer'],
});
