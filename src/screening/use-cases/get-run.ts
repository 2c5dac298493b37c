import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { requireUuid, type ScreeningContext } from '../context.ts';
import { screeningPolicy } from '../policy.ts';
import * as store from '../store.ts';

/** A recorded screening run with its hits and the list versions it used. */
export async function getRun(ctx: ScreeningContext, actor: Actor, runId: string, tx?: Tx) {
  screeningPolicy.require(actor, 'screening.results.read');
  requireUuid(runId, 'Screening run');
  const q = tx ?? ctx.deps.db;
  const run = await store.getRun(q, runId);
  if (!run) throw new NotFoundError('Screening run', runId);
  return { ...store.runState(run), hits: (await store.hitsOfRun(q, runId)).map(store.hitState) };
}
