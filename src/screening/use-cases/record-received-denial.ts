import { recordAudit } from '../../platform/audit/record.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import { ConflictError } from '../../platform/http/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { inTransaction } from '../../platform/tx.ts';
import { parseInput } from '../../platform/validation.ts';
import type { ScreeningContext } from '../context.ts';
import { prepareName } from '../match/normalize.ts';
import { screeningPolicy } from '../policy.ts';
import { denialInput } from '../schemas.ts';
import * as store from '../store.ts';

/** Records a denial notified by another State (Wassenaar / EU denial exchange). */
export async function recordReceivedDenial(ctx: ScreeningContext, actor: Actor, input: unknown, tx?: Tx) {
  const { db, clock } = ctx.deps;
  screeningPolicy.require(actor, 'screening.denials.manage');
  const body = parseInput('screening', denialInput, input);
  return inTransaction(db, tx, async (t) => {
    const row = await store.insertDenial(t, {
      id: uuidv7(),
      notifying_state: body.notifyingState,
      reference: body.reference,
      denied_on: body.deniedOn,
      destination: body.destination,
      end_user_name: body.endUserName,
      end_user_normalized: prepareName(body.endUserName).tokens.join(' '),
      control_categories: body.controlCategories,
      reason: body.reason ?? null,
      received_at: clock.now(),
      received_by: actor.name,
      revoked_at: null,
      revoked_reason: null,
    });
    if (!row) throw new ConflictError(`Denial ${body.reference} from ${body.notifyingState} is already recorded.`);
    await recordAudit(t, actor, clock, { action: 'screening.denial.receive', entity: 'screening_denial', entityId: row.id, state: store.denialState(row) });
    return store.denialState(row);
  });
}
