import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import { ValidationError } from '../../platform/http/errors.ts';
import { inTransaction } from '../../platform/tx.ts';
import { parseInput } from '../../platform/validation.ts';
import { caseDetailOf } from '../case-view.ts';
import { todayOf, type TracingContext } from '../context.ts';
import { validateRecovery } from '../model.ts';
import { tracingPolicy } from '../policy.ts';
import { recoveryInputSchema, type RecoveryDetail } from '../schemas.ts';
import { unknownParties, writeRecoveries } from '../recording.ts';

/**
 * Records a seizure, find or surrender with its items and marks as read, and checks every item against
 * the registry at once (exact serials, ranked partial candidates, hits on lost or stolen items,
 * registration of what matches nothing). Bad input writes nothing; everything is one transaction.
 */
export async function recordRecovery(ctx: TracingContext, actor: Actor, input: unknown, tx?: Tx): Promise<RecoveryDetail> {
  tracingPolicy.require(actor, 'tracing.recoveries.write');
  const body = parseInput('tracing', recoveryInputSchema, input);
  const errors = validateRecovery(body, todayOf(ctx));
  if (errors.length) throw new ValidationError(errors);
  return inTransaction(ctx.deps.db, tx, async (t) => {
    const missing = await unknownParties(ctx, actor, t, [
      { field: 'agencyPartyId', id: body.agencyPartyId },
      ...body.persons.map((p, i) => ({ field: `persons.${i}.partyId`, id: p.partyId })),
    ]);
    if (missing.length) throw new ValidationError(missing);
    // Answered with what was written (the same page getRecovery reads back), not read again.
    const written = await writeRecoveries(ctx, actor, t, [body]);
    return caseDetailOf(ctx, actor, t, { ...written, row: written.cases[0], traces: [] });
  });
}
