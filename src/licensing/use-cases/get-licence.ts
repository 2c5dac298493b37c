import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import { licensingPolicy } from '../policy.ts';
import { loadLicence, type LicensingContext } from '../context.ts';
import { licenceView } from '../views.ts';

/** One licence with its lines and status history, as the actor may see it. */
export async function getLicence(ctx: LicensingContext, actor: Actor, number: string, tx?: Tx) {
  const { deps } = ctx;
  licensingPolicy.require(actor, 'licensing.licence.read');
  const q = tx ?? deps.db;
  return licenceView(ctx, q, await loadLicence(q, actor, number));
}
