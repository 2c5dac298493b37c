import { definePolicy } from '../platform/auth/actor.ts';

/**
 * The audit log is read by auditors and administrators (issue 3: "the auditor can browse the log").
 * Checkpoints and proofs reveal only hashes, but they are still served to the same roles: peers and the
 * public verify signed documents through /.well-known/jwks.json, not through the log.
 */
export const auditPolicy = definePolicy('audit', {
  'audit.log.read': ['auditor', 'administrator'],
  'audit.log.verify': ['auditor', 'administrator'],
  'audit.checkpoints.read': ['auditor', 'administrator'],
  'audit.checkpoints.create': ['auditor', 'administrator'],
});

export type AuditPermission = keyof typeof auditPolicy.table;
