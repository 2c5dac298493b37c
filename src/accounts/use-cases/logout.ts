import { recordAudit } from '../../platform/audit/record.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import { inAuthTransaction, sessionAudit, type AccountsContext } from '../context.ts';
import { accountsPolicy } from '../policy.ts';
import * as store from '../store.ts';

/** Revokes the current session (a token-authenticated caller has none to revoke). */
export async function logout(ctx: AccountsContext, actor: Actor, sessionId: string | undefined, tx?: Tx): Promise<{ revoked: boolean }> {
  const { clock } = ctx.deps;
  accountsPolicy.require(actor, 'accounts.self');
  if (!sessionId) return { revoked: false };
  return inAuthTransaction(ctx, tx, async (t) => {
    const s = await store.revokeSession(t, sessionId, 'signed out', clock.now());
    if (s) await recordAudit(t, actor, clock, sessionAudit('accounts.session.revoke', s, 'signed out'));
    return { revoked: Boolean(s) };
  });
}
