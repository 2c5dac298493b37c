import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import type { ScreeningContext } from '../context.ts';
import { screeningPolicy } from '../policy.ts';
import * as store from '../store.ts';

/** Every imported version of every list, newest first (active and superseded). */
export async function listVersions(ctx: ScreeningContext, actor: Actor, tx?: Tx): Promise<store.ListVersion[]> {
  screeningPolicy.require(actor, 'screening.lists.read');
  return (await store.listVersions(tx ?? ctx.deps.db)).map(store.versionState);
}
