import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import { readDb } from '../../platform/db/replica.ts';
import type { TracingContext } from '../context.ts';
import { tracingPolicy } from '../policy.ts';
import { partyLookup } from '../presenters.ts';
import type { HitSummary } from '../schemas.ts';
import * as store from '../store.ts';

/** The dashboard's alert counts: open and acknowledged hits, in all, per reporting agency and for the user's own agency. */
export async function hitSummary(ctx: TracingContext, actor: Actor, tx?: Tx): Promise<HitSummary> {
  tracingPolicy.require(actor, 'tracing.hits.read');
  const rows = await store.countHits(tx ?? readDb(ctx.deps, actor));
  const own = actor.agencyPartyId ?? null;
  const ids = [...rows.flatMap((r) => (r.agency_party_id ? [r.agency_party_id] : [])), ...(own ? [own] : [])];
  const party = partyLookup(await ctx.registry.partySummaries(actor, ids, tx));
  const byAgency = new Map<string | null, { open: number; acknowledged: number }>();
  const totals = { open: 0, acknowledged: 0 };
  for (const r of rows) {
    const status = r.alert_status === 'acknowledged' ? 'acknowledged' : 'open';
    const entry = byAgency.get(r.agency_party_id) ?? { open: 0, acknowledged: 0 };
    entry[status] += Number(r.count);
    totals[status] += Number(r.count);
    byAgency.set(r.agency_party_id, entry);
  }
  return {
    ...totals,
    byAgency: [...byAgency].map(([id, counts]) => ({ agency: party(id), ...counts })),
    mine: own ? { agency: party(own), ...(byAgency.get(own) ?? { open: 0, acknowledged: 0 }) } : null,
  };
}
