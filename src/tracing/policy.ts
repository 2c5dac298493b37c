import { definePolicy } from '../platform/auth/actor.ts';

/**
 * Who may do what with recovered arms (docs/tracing.md says why). Police and prosecutors (tracing
 * officers) record recoveries and decide candidates; customs record seizures at the border; the point of
 * contact and auditors read. Industry and the public see nothing of criminal cases.
 */
export const tracingPolicy = definePolicy('tracing', {
  'tracing.recoveries.read': ['administrator', 'tracing_officer', 'customs_officer', 'point_of_contact', 'auditor', 'registry_clerk'],
  'tracing.recoveries.write': ['administrator', 'tracing_officer', 'customs_officer'],
  // Confirming that an obliterated weapon is a given registry item, or registering it as new, is a
  // tracing officer's finding (ISACS 05.31 identification), not a border officer's.
  'tracing.candidates.decide': ['administrator', 'tracing_officer'],
  // A domestic trace reads the whole chain of custody and the last legal holder's identity.
  'tracing.traces.run': ['administrator', 'tracing_officer', 'point_of_contact'],
  // International tracing (the national point of contact on tracing, ISACS 05.31).
  'tracing.requests.read': ['administrator', 'tracing_officer', 'point_of_contact', 'auditor'],
  'tracing.requests.write': ['administrator', 'tracing_officer', 'point_of_contact'],
  // What leaves the State in answer to another State is approved by its point of contact.
  'tracing.requests.approve': ['administrator', 'point_of_contact'],
  // Destruction, deactivation or another authorised disposal of a confiscated item (Arts 6, 9).
  'tracing.disposals.write': ['administrator', 'tracing_officer'],
  'tracing.disposals.read': ['administrator', 'tracing_officer', 'point_of_contact', 'auditor', 'registry_clerk'],
  'tracing.hits.read': ['administrator', 'tracing_officer', 'customs_officer', 'point_of_contact', 'auditor'],
  'tracing.hits.acknowledge': ['administrator', 'tracing_officer'],
});
