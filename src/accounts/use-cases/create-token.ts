import { recordAudit } from '../../platform/audit/record.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import { ForbiddenError, RuleViolationError } from '../../platform/http/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { inTransaction } from '../../platform/tx.ts';
import { parseInput } from '../../platform/validation.ts';
import { mustFindUser, tokenAudit, type AccountsContext } from '../context.ts';
import { newTokenSecret, secretDigest, TOKEN_DEFAULT_DAYS, TOKEN_PREFIX } from '../model.ts';
import { accountsPolicy } from '../policy.ts';
import { presentToken, type TokenView } from '../presenters.ts';
import { createTokenInput, type CreateTokenInput } from '../schemas.ts';
import * as store from '../store.ts';

/** An API token for oneself (or, by an administrator, for another user); its secret is returned once. */
export async function createToken(ctx: AccountsContext, actor: Actor, input: CreateTokenInput, tx?: Tx): Promise<{ token: TokenView; secret: string }> {
  const { clock } = ctx.deps;
  accountsPolicy.require(actor, 'accounts.tokens.manage');
  if (!actor.userId) throw new ForbiddenError('Only a user may hold API tokens.');
  if (actor.kind === 'token') throw new ForbiddenError('An API token cannot issue further tokens.');
  const ownerId = input.userId ?? actor.userId;
  if (ownerId !== actor.userId) accountsPolicy.require(actor, 'accounts.users.manage');
  const parsed = parseInput('accounts', createTokenInput, input);
  const days = parsed.expiresInDays ?? TOKEN_DEFAULT_DAYS;
  const createdBy = actor.userId;
  const secret = newTokenSecret();
  const row = await inTransaction(ctx.deps.db, tx, async (t) => {
    const owner = await mustFindUser(t, ownerId);
    if (!owner.active) throw new RuleViolationError('A deactivated user cannot hold tokens.', [{ field: 'userId', code: 'user.inactive', message: 'The user is deactivated.' }]);
    const now = clock.now();
    // A token acts with its owner's role at issue; a later role change revokes it.
    const token = await store.insertToken(t, {
      id: uuidv7(),
      user_id: owner.id,
      name: parsed.name.trim(),
      role: owner.role,
      prefix: secret.slice(0, TOKEN_PREFIX.length + 6),
      secret_hash: secretDigest(secret),
      created_by: createdBy,
      created_at: now,
      expires_at: new Date(now.getTime() + days * 86_400_000),
    });
    await recordAudit(t, actor, clock, tokenAudit('accounts.token.create', token));
    return token;
  });
  return { token: presentToken(row), secret };
}
