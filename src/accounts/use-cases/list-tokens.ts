import { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import { ForbiddenError } from '../../platform/http/errors.ts';
import { decodeCursor, toPage, type Page } from '../../platform/http/pagination.ts';
import { inTransaction } from '../../platform/tx.ts';
import type { AccountsContext } from '../context.ts';
import { accountsPolicy } from '../policy.ts';
import { presentToken, type TokenView } from '../presenters.ts';
import * as store from '../store.ts';

const tokenCursor = z.object({ id: z.string() });

/** One's own API tokens; administrators see everyone's or filter by user. */
export async function listTokens(
  ctx: AccountsContext,
  actor: Actor,
  q: { userId?: string; includeRevoked?: boolean; limit: number; cursor?: string },
  tx?: Tx,
): Promise<Page<TokenView>> {
  accountsPolicy.require(actor, 'accounts.tokens.manage');
  const admin = accountsPolicy.can(actor, 'accounts.users.manage');
  if (!admin && q.userId && q.userId !== actor.userId) throw new ForbiddenError('You may list only your own tokens.');
  const userId = admin ? q.userId : (actor.userId ?? undefined);
  if (!admin && !userId) return { items: [], nextCursor: null };
  const after = decodeCursor(q.cursor, tokenCursor)?.id;
  const rows = await inTransaction(ctx.deps.db, tx, (t) => store.listTokens(t, { userId, includeRevoked: Boolean(q.includeRevoked), after, limit: q.limit + 1 }));
  return toPage(rows, q.limit, (r) => ({ id: r.id }), presentToken);
}
