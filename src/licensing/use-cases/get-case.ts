import { type Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import { licensingPolicy } from '../policy.ts';
import { loadApplication, type LicensingContext } from '../context.ts';
import { caseView } from '../views.ts';

/** One case as the actor may see it: officers see the internal advice, the applicant's organisation does not. */
export async function getCase(ctx: LicensingContext, actor: Actor, id: string, tx?: Tx) {
  const { deps } = ctx;
  licensingPolicy.require(actor, 'licensing.application.read');
  const q = tx ?? deps.db;
  const row = await loadApplication(q, actor, id);
  return caseView(ctx, q, actor, row);
}
