import { recordAudit } from '../../platform/audit/record.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import { ConflictError, RuleViolationError } from '../../platform/http/errors.ts';
import { parseInput } from '../../platform/validation.ts';
import { inAuthTransaction, mustFindUser, revokeAllCredentials, userAudit, type AccountsContext } from '../context.ts';
import { accountsPolicy } from '../policy.ts';
import { presentUser, type UserView } from '../presenters.ts';
import { reasonInputSchema } from '../schemas.ts';
import * as store from '../store.ts';

/** Deactivates a user (never one's own account) and revokes their sessions and tokens. */
export async function deactivateUser(ctx: AccountsContext, actor: Actor, id: string, input: { reason: string }, tx?: Tx): Promise<UserView & { revokedCredentials: number }> {
  const { clock } = ctx.deps;
  accountsPolicy.require(actor, 'accounts.users.manage');
  const { reason } = parseInput('accounts', reasonInputSchema, input);
  if (id === actor.userId) throw new RuleViolationError('You cannot deactivate your own account.', [{ field: 'id', code: 'user.self', message: 'Ask another administrator.' }]);
  return inAuthTransaction(ctx, tx, async (t) => {
    const u = await mustFindUser(t, id, true);
    if (!u.active) throw new ConflictError('The user is already deactivated.');
    const updated = await store.deactivateUser(t, id, reason.trim(), clock.now());
    await recordAudit(t, actor, clock, userAudit('accounts.user.deactivate', updated, reason));
    const revokedCredentials = await revokeAllCredentials(ctx, t, actor, id, `user deactivated: ${reason}`);
    return { ...presentUser(updated), revokedCredentials };
  });
}
