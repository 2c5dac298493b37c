import type { Actor } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/record.ts';
import type { Tx } from '../../platform/db/types.ts';
import { ConflictError } from '../../platform/http/errors.ts';
import { inTransaction } from '../../platform/tx.ts';
import { parseInput } from '../../platform/validation.ts';
import type { TracingContext } from '../context.ts';
import { photographWithdrawSchema, type Photograph } from '../photograph-schemas.ts';
import { visiblePhotograph } from '../photographs.ts';
import { tracingPolicy } from '../policy.ts';
import { presentPhotograph } from '../presenters.ts';
import * as photos from '../store-photographs.ts';

/**
 * Withdraws a photograph (the wrong item, a duplicate, a picture that shows a person): it stays stored,
 * readable and audited, marked withdrawn with the reason, and is no longer cited by new tracing requests.
 */
export async function withdrawPhotograph(ctx: TracingContext, actor: Actor, id: string, input: unknown, tx?: Tx): Promise<Photograph> {
  tracingPolicy.require(actor, 'tracing.recoveries.write');
  const { reason } = parseInput('tracing', photographWithdrawSchema, input);
  return inTransaction(ctx.deps.db, tx, async (t) => {
    const row = await visiblePhotograph(t, actor, id, true);
    if (row.withdrawn_at) {
      throw new ConflictError('The photograph is already withdrawn.', [{ field: 'id', code: 'photograph.already_withdrawn', message: 'The photograph is already withdrawn.' }]);
    }
    await photos.withdrawPhotograph(t, row.id, ctx.deps.clock.now(), actor.name, reason);
    const updated = (await photos.getPhotograph(t, row.id))!;
    await recordAudit(t, actor, ctx.deps.clock, { action: 'tracing.photograph.withdraw', entity: 'recovered_item_photograph', entityId: row.id, reason, state: photos.photographState(updated) });
    return presentPhotograph(updated);
  });
}
