import { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import { readDb } from '../../platform/db/replica.ts';
import { decodeCursor, toPage, type Page } from '../../platform/http/pagination.ts';
import { parseInput } from '../../platform/validation.ts';
import { hitAgencyFilter, type TracingContext } from '../context.ts';
import { tracingPolicy } from '../policy.ts';
import { partyLookup, presentHit } from '../presenters.ts';
import { hitListQuerySchema, type Hit } from '../schemas.ts';
import * as store from '../store.ts';

/** Lost/stolen hits (alerts), newest first; by the agency that took the report (`mine`: the user's own) and by alert status. */
export async function listHits(ctx: TracingContext, actor: Actor, query: unknown, tx?: Tx): Promise<Page<Hit>> {
  tracingPolicy.require(actor, 'tracing.hits.read');
  const q = parseInput('tracing', hitListQuerySchema, query);
  const rows = await store.listHits(tx ?? readDb(ctx.deps, actor), {
    agencyPartyId: hitAgencyFilter(actor, q),
    alertStatus: q.alertStatus,
    after: decodeCursor(q.cursor, z.string().uuid()),
    limit: q.limit,
  });
  const ids = rows.flatMap((r) => (r.reporting_agency_party_id ? [r.reporting_agency_party_id] : []));
  const party = partyLookup(await ctx.registry.partySummaries(actor, ids, tx));
  return toPage(rows, q.limit, (r) => r.id, (r) => presentHit(r, party));
}
