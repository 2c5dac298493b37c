import { recordAudit } from '../../platform/audit/record.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import { RuleViolationError } from '../../platform/http/errors.ts';
import { parseInput } from '../../platform/validation.ts';
import { hashPassword, inAuthTransaction, mustFindUser, revokeAllCredentials, userAudit, type AccountsContext } from '../context.ts';
import { oneTimePassword } from '../model.ts';
import { accountsPolicy } from '../policy.ts';
import { presentUser, type UserView } from '../presenters.ts';
import { reasonInputSchema } from '../schemas.ts';
import * as store from '../store.ts';

/** Issues a new one-time password (and unlocks): the user must change it at next sign-in. */
export async function resetPassword(ctx: AccountsContext, actor: Actor, id: string, input: { reason: string }, tx?: Tx): Promise<{ user: UserView; oneTimePassword: string }> {
  const { clock } = ctx.deps;
  accountsPolicy.require(actor, 'accounts.users.manage');
  const { reason } = parseInput('accounts', reasonInputSchema, input);
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  const row = await inAuthTransaction(ctx, tx, async (t) => {
    const u = await mustFindUser(t, id, true);
    if (!u.active) throw new RuleViolationError('A deactivated user cannot sign in.', [{ field: 'id', code: 'user.inactive', message: 'The user is deactivated.' }]);
    const updated = await store.setPassword(t, id, passwordHash, true, clock.now());
    await recordAudit(t, actor, clock, userAudit('accounts.user.reset_password', updated, reason));
    await revokeAllCredentials(ctx, t, actor, id, `password reset: ${reason}`);
    return updated;
  });
  return { user: presentUser(row), oneTimePassword: password };
}
