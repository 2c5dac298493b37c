import { recordAudit } from '../../platform/audit/record.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import { ConflictError, NotFoundError } from '../../platform/http/errors.ts';
import { inTransaction } from '../../platform/tx.ts';
import { parseInput } from '../../platform/validation.ts';
import { today, type RegistryContext } from '../context.ts';
import { registryPolicy } from '../policy.ts';
import { presentRegistration } from '../presenters.ts';
import { retireSchema, type Registration } from '../schemas.ts';
import * as parties from '../store-parties.ts';

/** Revokes a party's registration with a reason (kept, marked revoked). */
export async function revokeRegistration(ctx: RegistryContext, actor: Actor, partyId: string, registrationId: string, input: unknown, tx?: Tx): Promise<Registration> {
  const { db, clock } = ctx.deps;
  registryPolicy.require(actor, 'registry.parties.write');
  const { reason } = parseInput('registry', retireSchema, input);
  return inTransaction(db, tx, async (t) => {
    const row = await parties.getRegistration(t, registrationId, true);
    if (!row || row.party_id !== partyId) throw new NotFoundError('Registration', registrationId);
    if (row.revoked_at) throw new ConflictError('The registration is already revoked.');
    const now = clock.now();
    await parties.revokeRegistration(t, registrationId, now, reason);
    const updated = { ...row, revoked_at: now, revoked_reason: reason };
    await recordAudit(t, actor, clock, { action: 'registry.registration.revoke', entity: 'registration', entityId: row.id, reason, state: parties.registrationState(updated) });
    return presentRegistration(updated, today(ctx));
  });
}
