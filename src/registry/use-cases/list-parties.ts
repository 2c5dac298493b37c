import { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.ts';
import { listScope } from '../../platform/auth/scope.ts';
import type { Tx } from '../../platform/db/types.ts';
import { decodeCursor, toPage, type Page } from '../../platform/http/pagination.ts';
import { inTransaction } from '../../platform/tx.ts';
import { parseInput } from '../../platform/validation.ts';
import type { RegistryContext } from '../context.ts';
import { registryPolicy } from '../policy.ts';
import { presentPartySummary } from '../presenters.ts';
import { partyListQuerySchema, type PartySummary } from '../schemas.ts';
import * as parties from '../store-parties.ts';

/** Parties by name, role and kind (never personal data); industry sees its own organisation only. */
export async function listParties(ctx: RegistryContext, actor: Actor, query: unknown, tx?: Tx): Promise<Page<PartySummary>> {
  registryPolicy.require(actor, 'registry.parties.read');
  const q = parseInput('registry', partyListQuerySchema, query);
  const after = decodeCursor(q.cursor, z.string().uuid());
  const scope = listScope(actor);
  if (!scope) return { items: [], nextCursor: null };
  const rows = await inTransaction(ctx.deps.db, tx, (t) =>
    parties.listParties(t, {
      name: q.name,
      role: q.role,
      kind: q.kind,
      includeRetired: q.includeRetired === 'true',
      onlyIds: scope.organisationId === undefined ? undefined : [scope.organisationId],
      after,
      limit: q.limit,
    }),
  );
  return toPage(rows, q.limit, (r) => r.id, presentPartySummary);
}
