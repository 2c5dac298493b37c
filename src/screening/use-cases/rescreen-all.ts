import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import { inTransaction } from '../../platform/tx.ts';
import type { ScreeningContext } from '../context.ts';
import { screeningPolicy } from '../policy.ts';
import { rescreenSubjects } from '../steps.ts';

/** Re-screens every party screening knows against the active lists; new hits raise alerts. */
export async function rescreenAll(ctx: ScreeningContext, actor: Actor, tx?: Tx): Promise<{ subjects: number; newAlerts: number }> {
  screeningPolicy.require(actor, 'screening.screen.run');
  return inTransaction(ctx.deps.db, tx, (t) => rescreenSubjects(ctx, t, actor));
}
