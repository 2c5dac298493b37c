import { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.ts';
import { decodeCursor, splitPage } from '../../platform/http/pagination.ts';
import { listScope } from '../../platform/auth/scope.ts';
import { licensingPolicy } from '../policy.ts';
import * as licenceStore from '../store-licences.ts';
import { type LicensingContext } from '../context.ts';
import { licenceView } from '../views.ts';

/** Licences, newest first, one page at a time (the organisation-scope rule for industry users). */
export async function listLicences(ctx: LicensingContext, actor: Actor, f: { status?: string; limit?: number; cursor?: string } = {}) {
  const { deps } = ctx;
  licensingPolicy.require(actor, 'licensing.licence.read');
  const limit = f.limit ?? 50;
  const after = decodeCursor(f.cursor, z.object({ issuedAt: z.string(), id: z.string() }));
  const scope = listScope(actor);
  if (!scope) return { items: [], nextCursor: null };
  const rows = await licenceStore.listLicences(deps.db, { organisationId: scope.organisationId, status: f.status, limit, after });
  const { rows: page, nextCursor } = splitPage(rows, limit, (r) => ({ issuedAt: r.issued_at.toISOString(), id: r.id }));
  // Lines and histories of the whole page in two queries, not two per licence.
  const ids = page.map((r) => r.id);
  const [lines, events] = await Promise.all([licenceStore.getLicenceLines(deps.db, ids), licenceStore.listLicenceEventsFor(deps.db, ids)]);
  const items = [];
  for (const r of page) {
    items.push(await licenceView(ctx, deps.db, r, lines.filter((l) => l.licence_id === r.id), events.filter((e) => e.licence_id === r.id)));
  }
  return { items, nextCursor };
}
