import type { Actor } from '../../platform/auth/actor.ts';
import { listScope } from '../../platform/auth/scope.ts';
import { readDb } from '../../platform/db/replica.ts';
import type { Tx } from '../../platform/db/types.ts';
import type { RegistryContext } from '../context.ts';
import { normaliseSerialOrNull } from '../model.ts';
import { registryPolicy } from '../policy.ts';
import { presentItemSummary } from '../presenters.ts';
import type { ItemSummary } from '../schemas.ts';
import * as items from '../store-items.ts';

/** An item a serial names exactly, with what a check against the registry needs next. */
export interface SerialMatch {
  /** The serial asked for, normalised (case, spaces, dashes, dots), that found the item. */
  serial: string;
  item: ItemSummary;
  lastEventAt: string | null;
  /** For a lost or stolen item, the report that made it so: the agency that took it is its recipient. */
  lossReport: { eventId: string; kind: 'reported_lost' | 'reported_stolen'; authorizationRef: string | null; reportedToPartyId: string | null } | null;
}

/**
 * The exact-serial search (searchItems' `serial`) for a whole batch of serials in one statement: every
 * item that a serial names on the item or on one of its markings, as the actor may see them (the scope
 * rule). A bulk check (a seizure list) makes one call, not one search per row.
 */
export async function findItemsBySerials(ctx: RegistryContext, actor: Actor, serials: readonly string[], tx?: Tx): Promise<SerialMatch[]> {
  registryPolicy.require(actor, 'registry.items.read');
  const scope = listScope(actor);
  const norms = [...new Set(serials.map(normaliseSerialOrNull).filter((s): s is string => s !== null))];
  if (!scope || norms.length === 0) return [];
  const rows = await items.findItemsBySerials(tx ?? readDb(ctx.deps, actor), norms, scope.organisationId);
  return rows.map((r) => ({
    serial: r.serial,
    item: presentItemSummary(r),
    lastEventAt: r.last_event_at ? r.last_event_at.toISOString() : null,
    lossReport: r.report_id
      ? { eventId: r.report_id, kind: r.report_kind as 'reported_lost' | 'reported_stolen', authorizationRef: r.report_authorization_ref, reportedToPartyId: r.report_to_party_id }
      : null,
  }));
}
