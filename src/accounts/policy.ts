import { definePolicy } from '../platform/auth/actor.ts';
import { ACCOUNT_ROLES } from './model.ts';

/**
 * Accounts permissions. Every signed-in role manages its own session, password and API tokens
 * (machine clients of customs or industry act through tokens); only administrators manage other
 * users; auditors may read the user list (who could do what is part of what they audit).
 */
export const accountsPolicy = definePolicy('accounts', {
  'accounts.self': ACCOUNT_ROLES,
  'accounts.tokens.manage': ACCOUNT_ROLES,
  'accounts.users.read': ['administrator', 'auditor'],
  'accounts.users.manage': ['administrator'],
});
export type AccountsPermission = keyof typeof accountsPolicy.table;
