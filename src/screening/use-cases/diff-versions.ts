import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import { NotFoundError, RuleViolationError } from '../../platform/http/errors.ts';
import { requireUuid, type ScreeningContext } from '../context.ts';
import { changedFields } from '../model.ts';
import { screeningPolicy } from '../policy.ts';
import { diffEntryBrief, type ListDiff } from '../presenters.ts';
import * as store from '../store.ts';

/** Entries added, removed and changed (with the fields that changed) from one version to another. */
export async function diffVersions(ctx: ScreeningContext, actor: Actor, fromId: string, toId: string, tx?: Tx): Promise<ListDiff> {
  screeningPolicy.require(actor, 'screening.lists.read');
  requireUuid(fromId, 'List version');
  requireUuid(toId, 'List version');
  const q = tx ?? ctx.deps.db;
  const from = await store.getVersion(q, fromId);
  if (!from) throw new NotFoundError('List version', fromId);
  const to = await store.getVersion(q, toId);
  if (!to) throw new NotFoundError('List version', toId);
  if (from.source !== to.source) throw new RuleViolationError(`Versions of different lists (${from.source}, ${to.source}) cannot be compared.`);
  const rows = await store.diffVersions(q, fromId, toId);
  const added = rows.filter((r) => r.change === 'added').map((r) => diffEntryBrief(r.new_data!));
  const removed = rows.filter((r) => r.change === 'removed').map((r) => diffEntryBrief(r.old_data!));
  const changed = rows.filter((r) => r.change === 'changed').map((r) => ({ ...diffEntryBrief(r.new_data!), fields: changedFields(r.old_data!, r.new_data!) }));
  return {
    from: store.versionState(from),
    to: store.versionState(to),
    counts: { added: added.length, removed: removed.length, changed: changed.length },
    added,
    removed,
    changed,
  };
}
