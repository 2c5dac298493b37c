import { recordAudit } from '../../platform/audit/record.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import { ConflictError, NotFoundError } from '../../platform/http/errors.ts';
import { parseInput } from '../../platform/validation.ts';
import { inAuthTransaction, tokenAudit, type AccountsContext } from '../context.ts';
import { accountsPolicy } from '../policy.ts';
import { presentToken, type TokenView } from '../presenters.ts';
import { reasonInputSchema } from '../schemas.ts';
import * as store from '../store.ts';

/** Revokes one's own API token (an administrator, anyone's); another user's token answers 404 like a missing one. */
export async function revokeToken(ctx: AccountsContext, actor: Actor, id: string, input: { reason: string }, tx?: Tx): Promise<TokenView> {
  const { clock } = ctx.deps;
  accountsPolicy.require(actor, 'accounts.tokens.manage');
  const { reason } = parseInput('accounts', reasonInputSchema, input);
  const row = await inAuthTransaction(ctx, tx, async (t) => {
    const token = await store.findTokenById(t, id);
    const admin = accountsPolicy.can(actor, 'accounts.users.manage');
    if (!token || (!admin && token.user_id !== actor.userId)) throw new NotFoundError('API token', id);
    if (token.revoked_at) throw new ConflictError('The token is already revoked.');
    const revoked = await store.revokeToken(t, id, reason.trim(), clock.now());
    if (!revoked) throw new ConflictError('The token is already revoked.');
    await recordAudit(t, actor, clock, tokenAudit('accounts.token.revoke', revoked, reason));
    return revoked;
  });
  return presentToken(row);
}
