import { recordAudit, recordAuditBatch } from '../../platform/audit/record.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { ForbiddenError, RuleViolationError, ValidationError } from '../../platform/http/errors.ts';
import { parseInput } from '../../platform/validation.ts';
import { hashPassword, inAuthTransaction, mustFindUser, passwordMatches, sessionAudit, userAudit, type AccountsContext } from '../context.ts';
import { accountsPolicy } from '../policy.ts';
import { presentUser, type UserView } from '../presenters.ts';
import { changePasswordInput, newPasswordInput } from '../schemas.ts';
import * as store from '../store.ts';

/**
 * Changing one's password ends every other session of the user; the current one stays. The current
 * password is checked first; the new one then meets the policy (model.passwordErrors) for this username.
 */
export async function changePassword(
  ctx: AccountsContext,
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
  currentSessionId: string | undefined,
): Promise<UserView> {
  const { db, clock } = ctx.deps;
  accountsPolicy.require(actor, 'accounts.self');
  const { currentPassword, newPassword } = parseInput('accounts', changePasswordInput, input);
  if (actor.kind !== 'user' || !actor.userId) throw new ForbiddenError('Passwords are changed from a signed-in session, not with an API token.');
  const user = await mustFindUser(db, actor.userId);
  if (!user.password_hash) throw new RuleViolationError('A machine account has no password.');
  if (!(await passwordMatches(user.password_hash, currentPassword))) {
    throw new ValidationError([{ field: 'currentPassword', code: 'password.wrong', message: 'The current password is wrong.' }]);
  }
  parseInput('accounts', newPasswordInput(user.username, currentPassword), { newPassword });
  const passwordHash = await hashPassword(newPassword);
  const row = await inAuthTransaction(ctx, undefined, async (tx) => {
    const updated = await store.setPassword(tx, user.id, passwordHash, false, clock.now());
    await recordAudit(tx, actor, clock, userAudit('accounts.user.change_password', updated));
    const others = await store.revokeUserSessions(tx, user.id, 'password changed', clock.now(), currentSessionId ?? null);
    await recordAuditBatch(tx, actor, clock, others.map((s) => sessionAudit('accounts.session.revoke', s, 'password changed')));
    return updated;
  });
  return presentUser(row);
}
