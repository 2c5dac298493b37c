import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import { inTransaction } from '../../platform/tx.ts';
import type { AccountsContext } from '../context.ts';
import { accountsPolicy } from '../policy.ts';
import * as store from '../store.ts';

/** The organisations (registry parties) that have industry users, with how many and how many are active. */
export async function listOrganisations(ctx: AccountsContext, actor: Actor, tx?: Tx): Promise<{ organisationId: string; users: number; activeUsers: number }[]> {
  accountsPolicy.require(actor, 'accounts.users.read');
  const rows = await inTransaction(ctx.deps.db, tx, (t) => store.listOrganisations(t));
  return rows.map((r) => ({ organisationId: r.organisation_id, users: r.users, activeUsers: r.active_users }));
}
