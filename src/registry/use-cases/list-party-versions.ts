import type { Actor } from '../../platform/auth/actor.ts';
import { requireVisible } from '../../platform/auth/scope.ts';
import type { Tx } from '../../platform/db/types.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { inTransaction } from '../../platform/tx.ts';
import type { RegistryContext } from '../context.ts';
import { registryPolicy } from '../policy.ts';
import { presentPartyVersion } from '../presenters.ts';
import type { PartyVersion } from '../schemas.ts';
import * as parties from '../store-parties.ts';

/** Every version of a party, oldest first (public fields only: personal data is read on the party page). */
export async function listPartyVersions(ctx: RegistryContext, actor: Actor, id: string, tx?: Tx): Promise<{ items: PartyVersion[] }> {
  registryPolicy.require(actor, 'registry.parties.read');
  requireVisible(actor, id, 'Party', id);
  return inTransaction(ctx.deps.db, tx, async (t) => {
    if (!(await parties.getParty(t, id))) throw new NotFoundError('Party', id);
    return { items: (await parties.listPartyVersions(t, id)).map(presentPartyVersion) };
  });
}
