import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import { readDb } from '../../platform/db/replica.ts';
import type { TracingContext } from '../context.ts';
import { tracingPolicy } from '../policy.ts';
import { partyLookup } from '../presenters.ts';
import type { HitSummary } from '../schemas.ts';
import * as store from '../store.ts';
import * as foreign from '../store-foreign.ts';

type Counts = { open: number; acknowledged: number; abroad: { open: number; acknowledged: number } };
const zero = (): Counts => ({ open: 0, acknowledged: 0, abroad: { open: 0, acknowledged: 0 } });

/**
 * The dashboard's alert counts: open and acknowledged hits, in all, per reporting agency and for the user's
 * own agency. Hits other States notified on this State's reports are alerts to the same agencies and shown
 * in the same panel, so they are counted too, apart (`abroad`): an officer reading "N open" must not miss
 * the alerts that came through the exchange.
 */
export async function hitSummary(ctx: TracingContext, actor: Actor, tx?: Tx): Promise<HitSummary> {
  tracingPolicy.require(actor, 'tracing.hits.read');
  const q = tx ?? readDb(ctx.deps, actor);
  const [here, abroad] = await Promise.all([store.countHits(q), foreign.countHitsAbroad(q)]);
  const rows = [...here.map((r) => ({ ...r, abroad: false })), ...abroad.map((r) => ({ ...r, abroad: true }))];
  const own = actor.agencyPartyId ?? null;
  const ids = [...rows.flatMap((r) => (r.agency_party_id ? [r.agency_party_id] : [])), ...(own ? [own] : [])];
  const party = partyLookup(await ctx.registry.partySummaries(actor, [...new Set(ids)], tx));
  const byAgency = new Map<string | null, Counts>();
  const totals = zero();
  for (const r of rows) {
    const status = r.alert_status === 'acknowledged' ? 'acknowledged' : 'open';
    const entry = byAgency.get(r.agency_party_id) ?? zero();
    for (const c of [entry, totals]) (r.abroad ? c.abroad : c)[status] += Number(r.count);
    byAgency.set(r.agency_party_id, entry);
  }
  return {
    ...totals,
    // Agencies as they came (the domestic hits' first), the hits whose report named no agency last.
    byAgency: [...byAgency].sort(([a], [b]) => Number(a === null) - Number(b === null)).map(([id, counts]) => ({ agency: party(id), ...counts })),
    mine: own ? { agency: party(own), ...(byAgency.get(own) ?? zero()) } : null,
  };
}
