import { definePolicy } from '../platform/auth/actor.ts';

/**
 * A backup holds every record and the node's private signing key: only administrators may take one
 * through the API (restores and migrations run at the server's terminal, as the operating-system user
 * who owns the data).
 */
export const operationsPolicy = definePolicy('operations', {
  'operations.backup.create': ['administrator'],
});

export type OperationsPermission = keyof typeof operationsPolicy.table;
