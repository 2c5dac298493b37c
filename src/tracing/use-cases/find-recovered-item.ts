import type { Actor } from '../../platform/auth/actor.ts';
import { readDb } from '../../platform/db/replica.ts';
import type { Tx } from '../../platform/db/types.ts';
import { NotFoundError, ValidationError } from '../../platform/http/errors.ts';
import type { TracingContext } from '../context.ts';
import { tracingPolicy } from '../policy.ts';
import * as store from '../store.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A recovered item named as people write it: `REC-2026-000012/3` (the recovery's reference and the item's
 * place in it, as printed on the recovery and in a hit's `recoveryReference`), or `<recovery id>/<item id>`.
 */
export async function findRecoveredItem(ctx: TracingContext, actor: Actor, ref: string, tx?: Tx): Promise<{ caseId: string; itemId: string; reference: string }> {
  tracingPolicy.require(actor, 'tracing.recoveries.read');
  const [recovery, item, ...rest] = ref.trim().split('/');
  if (!recovery || !item || rest.length) {
    throw new ValidationError([{ field: 'item', code: 'recovered_item.reference_invalid', message: `"${ref}" is not RECOVERY/ITEM (e.g. REC-2026-000012/3).` }]);
  }
  const q = tx ?? readDb(ctx.deps, actor);
  const c = UUID.test(recovery) ? await store.getCase(q, recovery) : await store.getCaseByReference(q, recovery.toUpperCase());
  if (!c) throw new NotFoundError('Recovery', recovery);
  const found = (await store.listItems(q, c.id)).find((i) => (UUID.test(item) ? i.id === item.toLowerCase() : String(i.seq) === item));
  if (!found) throw new NotFoundError('Recovered item', ref);
  return { caseId: c.id, itemId: found.id, reference: `${c.reference}/${found.seq}` };
}
