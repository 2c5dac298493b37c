import type { Actor } from '../../platform/auth/actor.ts';
import { UnauthorizedError } from '../../platform/http/errors.ts';
import type { AccountsContext, Authentication } from '../context.ts';
import { accountsPolicy } from '../policy.ts';
import { presentSession, presentUser, type SessionView, type UserView } from '../presenters.ts';

/** Who am I: the signed-in user, the acting role, the session and its CSRF token. */
export async function currentSession(
  _ctx: AccountsContext,
  actor: Actor,
  auth: Authentication | undefined,
): Promise<{ user: UserView; actor: Actor; session: SessionView | null; csrfToken: string | null }> {
  accountsPolicy.require(actor, 'accounts.self');
  if (!auth) throw new UnauthorizedError();
  return { user: presentUser(auth.user), actor: auth.actor, session: auth.session ? presentSession(auth.session) : null, csrfToken: auth.csrfToken ?? null };
}
