import { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import { readDb } from '../../platform/db/replica.ts';
import { decodeCursor, toPage, type Page } from '../../platform/http/pagination.ts';
import { parseInput } from '../../platform/validation.ts';
import type { TracingContext } from '../context.ts';
import { tracingPolicy } from '../policy.ts';
import { partyLookup, presentCaseSummary } from '../presenters.ts';
import { recoveryListQuerySchema, type RecoverySummary } from '../schemas.ts';
import * as store from '../store.ts';

/**
 * Recoveries, newest first, by type, agency, period and the figures' breakdowns (cursor pages). The item
 * filters (kind, type, origin established) keep the recoveries with at least one such item and count them
 * in `matchingItems`, so the records behind a figure add up to it.
 */
export async function listRecoveries(ctx: TracingContext, actor: Actor, query: unknown, tx?: Tx): Promise<Page<RecoverySummary>> {
  tracingPolicy.require(actor, 'tracing.recoveries.read');
  const q = parseInput('tracing', recoveryListQuerySchema, query);
  const db = tx ?? readDb(ctx.deps, actor);
  const rows = await store.listCases(db, {
    recoveryType: q.recoveryType,
    agencyPartyId: q.agencyPartyId,
    from: q.from,
    to: q.to,
    legalJustification: q.legalJustification,
    criminalContext: q.criminalContext,
    kind: q.kind,
    itemType: q.itemType,
    originEstablished: q.originEstablished === undefined ? undefined : q.originEstablished === 'true',
    after: decodeCursor(q.cursor, z.string().uuid()),
    limit: q.limit,
  });
  const party = partyLookup(await ctx.registry.partySummaries(actor, rows.map((r) => r.agency_party_id), tx));
  return toPage(rows, q.limit, (r) => r.id, (r) => presentCaseSummary(r, Number(r.item_count), party, Number(r.matching_items)));
}
