import { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import { readDb } from '../../platform/db/replica.ts';
import { decodeCursor, toPage, type Page } from '../../platform/http/pagination.ts';
import { parseInput } from '../../platform/validation.ts';
import type { TracingContext } from '../context.ts';
import { presentDisposal } from '../disposal-view.ts';
import { tracingPolicy } from '../policy.ts';
import { disposalListQuerySchema, type Disposal } from '../schemas.ts';
import * as store from '../store.ts';

/** Disposal certificates issued, newest first, by kind and by the day of disposal (cursor pages). */
export async function listDisposals(ctx: TracingContext, actor: Actor, query: unknown, tx?: Tx): Promise<Page<Disposal>> {
  tracingPolicy.require(actor, 'tracing.disposals.read');
  const q = parseInput('tracing', disposalListQuerySchema, query);
  const rows = await store.listDisposals(tx ?? readDb(ctx.deps, actor), { kind: q.kind, from: q.from, to: q.to, after: decodeCursor(q.cursor, z.string().uuid()), limit: q.limit });
  return toPage(rows, q.limit, (r) => r.id, (r) => presentDisposal(ctx, r));
}
