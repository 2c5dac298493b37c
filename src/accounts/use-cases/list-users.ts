import { z } from 'zod';
import type { Actor, Role } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import { decodeCursor, toPage, type Page } from '../../platform/http/pagination.ts';
import { inTransaction } from '../../platform/tx.ts';
import type { AccountsContext } from '../context.ts';
import { accountsPolicy } from '../policy.ts';
import { presentUser, type UserView } from '../presenters.ts';
import * as store from '../store.ts';

const userCursor = z.object({ u: z.string() });

/** Users by username, filtered by role, organisation, agency, username and whether active. */
export async function listUsers(
  ctx: AccountsContext,
  actor: Actor,
  q: { role?: Role; organisationId?: string; agencyPartyId?: string; username?: string; active?: boolean; limit: number; cursor?: string },
  tx?: Tx,
): Promise<Page<UserView>> {
  accountsPolicy.require(actor, 'accounts.users.read');
  const after = decodeCursor(q.cursor, userCursor)?.u;
  const rows = await inTransaction(ctx.deps.db, tx, (t) => store.listUsers(t, { ...q, after, limit: q.limit + 1 }));
  return toPage(rows, q.limit, (r) => ({ u: r.username.toLowerCase() }), presentUser);
}
