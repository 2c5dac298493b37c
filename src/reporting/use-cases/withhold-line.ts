import type { AuditInput } from '../../platform/audit/record.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import { NotFoundError, ValidationError } from '../../platform/http/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { inTransaction } from '../../platform/tx.ts';
import { parseInput } from '../../platform/validation.ts';
import { audit, type ReportingContext } from '../context.ts';
import { reportingPolicy } from '../policy.ts';
import { presentWithheld } from '../presenters.ts';
import { withholdInputSchema, type WithholdInput } from '../schemas.ts';
import * as store from '../store.ts';

/** ATT Art. 13(3): marks a licence line as commercially sensitive or national-security data. */
export async function withholdLine(ctx: ReportingContext, actor: Actor, input: WithholdInput, tx?: Tx) {
  reportingPolicy.require(actor, 'reporting.withholding.edit');
  const w = parseInput('reporting', withholdInputSchema, input);
  return inTransaction(ctx.deps.db, tx, async (t) => {
    const lines = await store.licenceLines(t, w.licenceNumber);
    if (!lines.length) throw new NotFoundError('Licence', w.licenceNumber);
    const line = lines.find((l) => Number(l.line_no) === w.lineNo);
    if (!line) throw new ValidationError([{ field: 'lineNo', code: 'reporting.unknown_line', message: `Licence ${w.licenceNumber} has no line ${w.lineNo}` }]);
    const current = await store.currentWithheldForUpdate(t, line.licence_id, w.lineNo);
    if (current && current.reason === w.reason && current.note === w.note) return presentWithheld(current, w.licenceNumber);
    const now = ctx.deps.clock.now();
    const inputs: AuditInput[] = [];
    if (current) {
      const old = await store.releaseWithheld(t, current.id, now, actor.name, `Replaced: ${w.reason}`);
      inputs.push({ action: 'reporting.withholding.release', entity: 'reporting_withheld_line', entityId: old.id, reason: `Replaced: ${w.reason}`, state: store.withheldState(old) });
    }
    const row = await store.insertWithheld(t, { id: uuidv7(), licenceId: line.licence_id, lineNo: w.lineNo, reason: w.reason, note: w.note, markedAt: now, markedBy: actor.name });
    inputs.push({ action: 'reporting.withholding.mark', entity: 'reporting_withheld_line', entityId: row.id, reason: w.note ?? w.reason, state: store.withheldState(row) });
    await audit(ctx, t, actor, inputs);
    return presentWithheld(row, w.licenceNumber);
  });
}
