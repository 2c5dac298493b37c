import { recordAudit } from '../../platform/audit/record.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { inTransaction } from '../../platform/tx.ts';
import { parseInput } from '../../platform/validation.ts';
import type { ScreeningContext } from '../context.ts';
import { prepareName } from '../match/normalize.ts';
import { screeningPolicy } from '../policy.ts';
import { denialChangeInput } from '../schemas.ts';
import * as store from '../store.ts';

/**
 * A later notification from the State that notified a denial (Reg. (EU) 2021/821 Art. 23, 258/2012 Art. 11,
 * Wassenaar): annulled, revoked or withdrawn — no longer in force; suspended — out of force until its end
 * of suspension; modified — what it covers now. The denial is never deleted; the "essentially identical"
 * check reads only denials in force.
 */
export async function changeReceivedDenial(ctx: ScreeningContext, actor: Actor, input: unknown, tx?: Tx) {
  const { db, clock } = ctx.deps;
  screeningPolicy.require(actor, 'screening.denials.manage');
  const body = parseInput('screening', denialChangeInput, input);
  return inTransaction(db, tx, async (t) => {
    const row = await store.denialByReference(t, body.notifyingState, body.reference);
    if (!row) throw new NotFoundError(`Denial ${body.reference} from ${body.notifyingState}`, body.reference);
    const now = clock.now();
    let next: store.DenialRow;
    switch (body.action) {
      case 'annulment':
      case 'revocation':
      case 'withdrawal':
      case 'suspension':
        next = { ...row, revoked_at: now, revoked_reason: `${body.action} notified by ${body.notifyingState}` };
        break;
      case 'end_of_suspension':
        next = row.revoked_reason?.startsWith('suspension') ? { ...row, revoked_at: null, revoked_reason: null } : row;
        break;
      case 'modification':
        next = {
          ...row,
          denied_on: body.deniedOn ?? row.denied_on,
          destination: body.destination ?? row.destination,
          end_user_name: body.endUserName ?? row.end_user_name,
          end_user_normalized: body.endUserName ? prepareName(body.endUserName).tokens.join(' ') : row.end_user_normalized,
          control_categories: body.controlCategories ?? row.control_categories,
          reason: body.reason ?? row.reason,
        };
        break;
    }
    const saved = await store.updateDenial(t, next);
    await recordAudit(t, actor, clock, { action: 'screening.denial.change', entity: 'screening_denial', entityId: saved.id, reason: body.action, state: store.denialState(saved) });
    return store.denialState(saved);
  });
}
