import type { Actor } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/record.ts';
import type { Tx } from '../../platform/db/types.ts';
import { ConflictError, NotFoundError } from '../../platform/http/errors.ts';
import { inTransaction } from '../../platform/tx.ts';
import type { TracingContext } from '../context.ts';
import { tracingPolicy } from '../policy.ts';
import { partyLookup, presentMatch } from '../presenters.ts';
import type { Match } from '../schemas.ts';
import * as store from '../store.ts';

/** The reporting agency has seen a hit: the alert leaves the open count (the hit itself stays). */
export async function acknowledgeHit(ctx: TracingContext, actor: Actor, matchId: string, tx?: Tx): Promise<Match> {
  tracingPolicy.require(actor, 'tracing.hits.acknowledge');
  return inTransaction(ctx.deps.db, tx, async (t) => {
    const row = await store.getMatch(t, matchId, true);
    if (!row || row.kind !== 'lost_stolen_hit') throw new NotFoundError('Hit', matchId);
    if (row.alert_status !== 'open') {
      throw new ConflictError('The hit is already acknowledged.', [{ field: 'id', code: 'hit.already_acknowledged', message: 'The hit is already acknowledged.' }]);
    }
    const now = ctx.deps.clock.now();
    await store.acknowledgeMatch(t, row.id, now, actor.name);
    const updated = (await store.getMatch(t, row.id))!;
    await recordAudit(t, actor, ctx.deps.clock, { action: 'tracing.match.acknowledge', entity: 'recovery_match', entityId: row.id, state: store.matchState(updated) });
    const party = partyLookup(await ctx.registry.partySummaries(actor, updated.reporting_agency_party_id ? [updated.reporting_agency_party_id] : [], t));
    return presentMatch(updated, party);
  });
}
