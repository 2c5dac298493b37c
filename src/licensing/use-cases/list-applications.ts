import { z } from 'zod';
import { type Actor } from '../../platform/auth/actor.ts';
import { decodeCursor, toPage } from '../../platform/http/pagination.ts';
import { listScope } from '../../platform/auth/scope.ts';
import { licensingPolicy } from '../policy.ts';
import * as caseStore from '../store-cases.ts';
import { type LicensingContext } from '../context.ts';
import { presentSummary } from '../presenters.ts';

/** Applications, newest first, one page at a time (the organisation-scope rule for industry users). */
export async function listApplications(ctx: LicensingContext, actor: Actor, f: { status?: string; kind?: string; limit?: number; cursor?: string } = {}) {
  const { deps } = ctx;
  licensingPolicy.require(actor, 'licensing.application.read');
  const limit = f.limit ?? 50;
  const after = decodeCursor(f.cursor, z.object({ submittedAt: z.string(), id: z.string() }));
  const scope = listScope(actor);
  if (!scope) return { items: [], nextCursor: null };
  const rows = await caseStore.listApplications(deps.db, { organisationId: scope.organisationId, status: f.status, kind: f.kind, limit, after });
  return toPage(rows, limit, (r) => ({ submittedAt: r.submitted_at.toISOString(), id: r.id }), presentSummary);
}
