import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { inTransaction } from '../../platform/tx.ts';
import { parseInput } from '../../platform/validation.ts';
import { audit, type ReportingContext } from '../context.ts';
import { reportingPolicy } from '../policy.ts';
import { presentWithheld } from '../presenters.ts';
import { releaseInputSchema, type ReleaseInput } from '../schemas.ts';
import * as store from '../store.ts';

/** Releases a withheld licence line (it counts in reports again), audited with the reason. */
export async function releaseLine(ctx: ReportingContext, actor: Actor, input: ReleaseInput, tx?: Tx) {
  reportingPolicy.require(actor, 'reporting.withholding.edit');
  const r = parseInput('reporting', releaseInputSchema, input);
  return inTransaction(ctx.deps.db, tx, async (t) => {
    const lines = await store.licenceLines(t, r.licenceNumber);
    const line = lines.find((l) => Number(l.line_no) === r.lineNo);
    const current = line && (await store.currentWithheldForUpdate(t, line.licence_id, r.lineNo));
    if (!current) throw new NotFoundError('Withheld licence line', `${r.licenceNumber}/${r.lineNo}`);
    const row = await store.releaseWithheld(t, current.id, ctx.deps.clock.now(), actor.name, r.reason);
    await audit(ctx, t, actor, [{ action: 'reporting.withholding.release', entity: 'reporting_withheld_line', entityId: row.id, reason: r.reason, state: store.withheldState(row) }]);
    return presentWithheld(row, r.licenceNumber);
  });
}
