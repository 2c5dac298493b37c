import type { Tx } from '../platform/db/types.ts';
import { ConflictError, NotFoundError } from '../platform/http/errors.ts';
import * as store from './store.ts';

/**
 * The recovered item an officer decides on, locked, with its case: it must belong to the case named in
 * the address and still be waiting for a decision (its check found candidates, nothing was decided).
 */
export async function itemAwaitingDecision(t: Tx, caseId: string, itemId: string): Promise<{ c: store.CaseRow; item: store.RecoveredItemRow }> {
  const item = await store.getItem(t, itemId, true);
  if (!item || item.case_id !== caseId) throw new NotFoundError('Recovered item', itemId);
  if (item.check_outcome !== 'candidates') {
    throw new ConflictError(`The recovered item is already decided (${item.check_outcome}).`, [
      { field: 'itemId', code: 'recovered_item.already_decided', message: `The item's check concluded "${item.check_outcome}"; only an item with candidates waits for a decision.` },
    ]);
  }
  const c = (await store.getCase(t, caseId))!;
  return { c, item };
}
