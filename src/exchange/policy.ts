import { definePolicy } from '../platform/auth/actor.ts';

/**
 * Who may do what with the State-to-State exchange. Enrolling, suspending and re-pinning a peer is a trust
 * decision of the administrator; the national point of contact and the auditors see the peers and the
 * traffic; officers answer the requests that reach their desk. The inbox endpoint itself is public: peers
 * authenticate by their envelope's signature, not by an account.
 */
export const exchangePolicy = definePolicy('exchange', {
  'exchange.peers.read': ['administrator', 'point_of_contact', 'auditor'],
  'exchange.peers.manage': ['administrator'],
  'exchange.traffic.read': ['administrator', 'point_of_contact', 'auditor'],
  'exchange.outbox.manage': ['administrator', 'point_of_contact'],
  'exchange.requests.read': ['administrator', 'point_of_contact', 'licensing_officer', 'licensing_supervisor', 'customs_officer', 'tracing_officer'],
  'exchange.requests.answer': ['point_of_contact', 'licensing_officer', 'licensing_supervisor', 'customs_officer'],
  // Screens (issue 14, web): one signed message, or a case's messages, for whoever reads the queue or the traffic.
  'exchange.messages.read': ['administrator', 'point_of_contact', 'auditor', 'licensing_officer', 'licensing_supervisor', 'customs_officer', 'tracing_officer'],
});
export type ExchangePermission = keyof typeof exchangePolicy.table;
