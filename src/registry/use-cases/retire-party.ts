import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import { ConflictError, NotFoundError } from '../../platform/http/errors.ts';
import { inTransaction } from '../../platform/tx.ts';
import { parseInput } from '../../platform/validation.ts';
import { today, writeVersion, type RegistryContext } from '../context.ts';
import { registryPolicy } from '../policy.ts';
import { presentPartyDetail } from '../presenters.ts';
import { retireSchema, type PartyDetail } from '../schemas.ts';
import * as parties from '../store-parties.ts';

/** Retires a party with a reason (a new version; nothing is deleted). */
export async function retireParty(ctx: RegistryContext, actor: Actor, id: string, input: unknown, tx?: Tx): Promise<PartyDetail> {
  const { db, clock } = ctx.deps;
  registryPolicy.require(actor, 'registry.parties.write');
  const { reason } = parseInput('registry', retireSchema, input);
  return inTransaction(db, tx, async (t) => {
    const current = await parties.getParty(t, id, true);
    if (!current) throw new NotFoundError('Party', id);
    if (current.retired_at) throw new ConflictError('The party is already retired.');
    const now = clock.now();
    const row: parties.PartyRow = { ...current, version: current.version + 1, updated_at: now, retired_at: now, retired_reason: reason };
    await parties.updateParty(t, row);
    const personal = current.kind === 'person' ? ((await parties.getPersonal(t, id)) ?? null) : null;
    await writeVersion(ctx, t, actor, row, personal, 'registry.party.retire', reason);
    return presentPartyDetail(row, await parties.listRegistrations(t, id), today(ctx));
  });
}
