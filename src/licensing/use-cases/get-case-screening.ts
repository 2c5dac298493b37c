import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import { licensingPolicy } from '../policy.ts';
import { loadApplication, type LicensingContext } from '../context.ts';
import { caseScreeningView } from '../views.ts';

/**
 * The case's screening panel: each party with its open and decided hits and the listed entries they
 * point to. The authority's officers and auditors only (screening.results.read, checked by screening):
 * the applicant's organisation may read its case, never the hits on it.
 */
export async function getCaseScreening(ctx: LicensingContext, actor: Actor, id: string, tx?: Tx) {
  licensingPolicy.require(actor, 'licensing.application.read');
  const app = await loadApplication(tx ?? ctx.deps.db, actor, id);
  return caseScreeningView(ctx, actor, app, tx);
}
