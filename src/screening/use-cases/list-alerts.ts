import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import type { ScreeningContext } from '../context.ts';
import { screeningPolicy } from '../policy.ts';
import * as store from '../store.ts';

/** Alerts raised by re-screening after a list update, newest first (at most 500). */
export async function listAlerts(ctx: ScreeningContext, actor: Actor, filter: { status?: 'open' | 'acknowledged'; limit?: number } = {}, tx?: Tx) {
  screeningPolicy.require(actor, 'screening.alerts.read');
  return (await store.listAlerts(tx ?? ctx.deps.db, filter.status, Math.min(filter.limit ?? 100, 500))).map(store.alertState);
}
