import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { inTransaction } from '../../platform/tx.ts';
import { licensingPolicy } from '../policy.ts';
import { appendDecision, audit, loadApplication, type LicensingContext } from '../context.ts';
import { partiesOf } from '../screening-bridge.ts';
import { caseScreeningView } from '../views.ts';

/**
 * An officer decides a screening hit from the case: only a hit of this case's parties' latest
 * screening, decided by the screening service (its rule, its permission screening.decision.record, its
 * audit entries: a false positive is remembered for the party and the listed entry), and noted in the
 * case's history in the same transaction. The issue gate reads the decision from screening, so it
 * counts the same whether made here or on the screening pages.
 */
export async function decideScreeningHit(ctx: LicensingContext, actor: Actor, applicationId: string, hitId: string, input: unknown, tx?: Tx) {
  licensingPolicy.require(actor, 'licensing.application.review');
  return inTransaction(ctx.deps.db, tx, async (t) => {
    const app = await loadApplication(t, actor, applicationId, true);
    const parties = partiesOf(app.id, app.content);
    const current = await ctx.screening.partyHits(actor, parties.map((p) => p.partyRef), t);
    const owner = current.find((p) => p.hits.some((h) => h.id === hitId));
    if (!owner) throw new NotFoundError('Screening hit', hitId);
    const hit = owner.hits.find((h) => h.id === hitId)!;
    const party = parties.find((p) => p.partyRef === owner.partyRef)!;
    const decided = await ctx.screening.decide(actor, hitId, input, t);
    const decision = await appendDecision(ctx, t, actor, app.id, 'screening_decision', decided.reason, {
      screeningDecisionId: decided.id,
      hitId,
      decision: decided.decision,
      role: party.role,
      partyName: party.party.name,
      source: hit.source,
      externalId: hit.externalId,
      entryName: hit.entryName,
    });
    await audit(ctx, t, actor, [decision]);
    return caseScreeningView(ctx, actor, app, t);
  });
}
