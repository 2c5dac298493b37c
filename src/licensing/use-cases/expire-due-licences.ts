import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { inTransaction } from '../../platform/tx.ts';
import { licensingPolicy } from '../policy.ts';
import * as licenceStore from '../store-licences.ts';
import { audit, today, type LicensingContext } from '../context.ts';

/** Records expiry of every active licence past its date (run daily; readers already see them as expired). */
export async function expireDueLicences(ctx: LicensingContext, actor: Actor, tx?: Tx): Promise<{ expired: string[] }> {
  const { deps } = ctx;
  licensingPolicy.require(actor, 'licensing.licence.revoke');
  return inTransaction(deps.db, tx, async (t) => {
    const day = today(ctx);
    const due = await licenceStore.listExpirable(t, day, 10_000);
    if (due.length === 0) return { expired: [] };
    const now = deps.clock.now();
    const lines = await licenceStore.getLicenceLines(t, due.map((d) => d.id));
    const updated = await licenceStore.expireLicences(t, due.map((d) => d.id), now);
    await licenceStore.insertLicenceEvents(
      t,
      due.map((row) => ({ id: uuidv7(), licenceId: row.id, from: row.status, to: 'expired', at: now, actorName: actor.name, actorRole: actor.role, reason: `Expired on ${row.expires_on}` })),
    );
    await audit(
      ctx,
      t,
      actor,
      updated.map((u) => ({
        action: 'licensing.licence.expire',
        entity: 'licensing_licence',
        entityId: u.id,
        reason: u.status_reason,
        state: licenceStore.licenceState(u, lines.filter((l) => l.licence_id === u.id)),
      })),
    );
    return { expired: updated.map((u) => u.number) };
  });
}
