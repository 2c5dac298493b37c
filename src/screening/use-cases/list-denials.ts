import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import type { ScreeningContext } from '../context.ts';
import { screeningPolicy } from '../policy.ts';
import * as store from '../store.ts';

/** Denials received from other States (at most 500). */
export async function listDenials(ctx: ScreeningContext, actor: Actor, tx?: Tx) {
  screeningPolicy.require(actor, 'screening.denials.read');
  return (await store.listDenials(tx ?? ctx.deps.db, 500)).map(store.denialState);
}
