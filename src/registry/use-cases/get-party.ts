import { recordAudit } from '../../platform/audit/record.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { requireVisible } from '../../platform/auth/scope.ts';
import type { Tx } from '../../platform/db/types.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { inTransaction } from '../../platform/tx.ts';
import { today, type RegistryContext } from '../context.ts';
import { registryPolicy } from '../policy.ts';
import { presentPartyDetail } from '../presenters.ts';
import type { PartyDetail } from '../schemas.ts';
import * as parties from '../store-parties.ts';

/**
 * The party page. Personal data is included only for roles with registry.parties.read_personal,
 * and every such read is itself audited (who looked at whose identity, when).
 */
export async function getParty(ctx: RegistryContext, actor: Actor, id: string, tx?: Tx): Promise<PartyDetail> {
  const { db, clock } = ctx.deps;
  registryPolicy.require(actor, 'registry.parties.read');
  // A party record belongs to itself: an industry user sees its own organisation's party only.
  requireVisible(actor, id, 'Party', id);
  return inTransaction(db, tx, async (t) => {
    const row = await parties.getParty(t, id);
    if (!row) throw new NotFoundError('Party', id);
    const regs = await parties.listRegistrations(t, id);
    if (row.kind !== 'person' || !registryPolicy.can(actor, 'registry.parties.read_personal')) {
      return presentPartyDetail(row, regs, today(ctx), row.kind === 'person' ? undefined : null);
    }
    const personal = (await parties.getPersonal(t, id)) ?? null;
    await recordAudit(t, actor, clock, { action: 'registry.party.read_personal', entity: 'party', entityId: id, state: parties.partyState(row, personal) });
    return presentPartyDetail(row, regs, today(ctx), personal);
  });
}
