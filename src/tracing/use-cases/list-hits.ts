import { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import { readDb } from '../../platform/db/replica.ts';
import { decodeCursor, toPage, type Page } from '../../platform/http/pagination.ts';
import { parseInput } from '../../platform/validation.ts';
import { hitAgencyFilter, type TracingContext } from '../context.ts';
import { tracingPolicy } from '../policy.ts';
import { partyLookup, presentHit, presentHitFromAbroad } from '../presenters.ts';
import { hitListQuerySchema, type HitListItem } from '../schemas.ts';
import * as store from '../store.ts';
import * as foreign from '../store-foreign.ts';

/**
 * Lost/stolen hits (alerts), newest first: those made here (a recovery here matched the registry) and those
 * other States' nodes notified on this State's reports (`origin` tells them apart, and filters), as the
 * dashboard counts them; by the agency that took the report (`mine`: the user's own) and by alert status.
 * Both kinds have UUIDv7 ids, so one cursor (the last id shown) pages through both.
 */
export async function listHits(ctx: TracingContext, actor: Actor, query: unknown, tx?: Tx): Promise<Page<HitListItem>> {
  tracingPolicy.require(actor, 'tracing.hits.read');
  const q = parseInput('tracing', hitListQuerySchema, query);
  const db = tx ?? readDb(ctx.deps, actor);
  const filter = { agencyPartyId: hitAgencyFilter(actor, q), alertStatus: q.alertStatus, after: decodeCursor(q.cursor, z.string().uuid()), limit: q.limit };
  const [here, abroad] = await Promise.all([q.origin === 'abroad' ? [] : store.listHits(db, filter), q.origin === 'here' ? [] : foreign.listHitsAbroadPage(db, filter)]);
  const rows = [...here.map((row) => ({ here: row })), ...abroad.map((row) => ({ abroad: row }))]
    .map((r) => ({ ...r, id: 'here' in r ? r.here.id : r.abroad.id }))
    .sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
    .slice(0, q.limit + 1);
  const ids = rows.flatMap((r) => {
    const agency = 'here' in r ? r.here.reporting_agency_party_id : r.abroad.reporting_agency_party_id;
    return agency ? [agency] : [];
  });
  const party = partyLookup(await ctx.registry.partySummaries(actor, ids, tx));
  return toPage(rows, q.limit, (r) => r.id, (r) => ('here' in r ? presentHit(r.here, party) : presentHitFromAbroad(r.abroad, party)));
}
