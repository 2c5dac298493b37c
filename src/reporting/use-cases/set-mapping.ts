import type { AuditInput } from '../../platform/audit/record.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import { ValidationError } from '../../platform/http/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { inTransaction } from '../../platform/tx.ts';
import { parseInput } from '../../platform/validation.ts';
import { audit, ensureSeeded, type ReportingContext } from '../context.ts';
import { mappingProblems, type CategoryMapping } from '../model.ts';
import { reportingPolicy } from '../policy.ts';
import { mappingInputSchema, type MappingInput } from '../schemas.ts';
import * as store from '../store.ts';

/**
 * Sets how a control entry / item type / firearm type is counted: supersedes the current version
 * and writes the next one, both audited. Setting what is already there writes nothing.
 */
export async function setMapping(ctx: ReportingContext, actor: Actor, input: MappingInput, tx?: Tx): Promise<CategoryMapping> {
  reportingPolicy.require(actor, 'reporting.mapping.edit');
  const m = parseInput('reporting', mappingInputSchema, input);
  const problems = mappingProblems(m);
  if (problems.length) throw new ValidationError(problems);
  return inTransaction(ctx.deps.db, tx, async (t) => {
    await ensureSeeded(ctx, t);
    const current = await store.currentMappingForUpdate(t, m);
    if (
      current &&
      current.unroca_category === m.unrocaCategory &&
      current.wassenaar_category === m.wassenaarCategory &&
      current.dual_use_tier === m.dualUseTier &&
      current.reportable === m.reportable
    ) {
      return store.mappingFromRow(current);
    }
    const now = ctx.deps.clock.now();
    const id = uuidv7();
    const inputs: AuditInput[] = [];
    if (current) {
      const old = await store.supersedeMapping(t, current.id, now, id);
      inputs.push({ action: 'reporting.mapping.supersede', entity: 'reporting_category_mapping', entityId: old.id, reason: m.reason, state: store.mappingState(old) });
    }
    const [row] = await store.insertMappings(t, [{ ...m, id, version: (current ? Number(current.version) : 0) + 1, source: 'officer', createdAt: now, createdBy: actor.name }]);
    inputs.push({ action: 'reporting.mapping.set', entity: 'reporting_category_mapping', entityId: row.id, reason: m.reason, state: store.mappingState(row) });
    await audit(ctx, t, actor, inputs);
    return store.mappingFromRow(row);
  });
}
