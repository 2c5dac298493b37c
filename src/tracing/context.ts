import type { Actor } from '../platform/auth/actor.ts';
import type { NodeKeys } from '../platform/crypto/keys.ts';
import type { Tx } from '../platform/db/types.ts';
import type { Deps } from '../platform/deps.ts';
import { ValidationError } from '../platform/http/errors.ts';
import type { RegistryService } from '../registry/service.ts';

/** What every tracing use case runs with: the platform, the registry it checks recoveries against, the node's keys. */
export interface TracingContext {
  deps: Deps;
  registry: RegistryService;
  /** The node's signing keys (tracing documents are signed with them). */
  keys(): Promise<NodeKeys>;
  /** The State-to-State exchange, when the node runs one (the exchange module's service satisfies it). */
  exchange?: TracingExchange;
}

/**
 * What tracing asks of the exchange: whether another State's node is enrolled and active here, to carry a
 * document this node signed through the outbox (the same bytes as the file), and to sign and send a
 * message (a hit notification). All in the caller's transaction.
 */
export interface TracingExchange {
  reaches(state: string, tx: Tx): Promise<boolean>;
  carry(actor: Actor, token: string, tx: Tx): Promise<{ id: string }>;
  send(actor: Actor, input: { to: string; type: 'hit_notification'; body: Record<string, unknown>; inReplyTo?: string | null }, tx: Tx): Promise<{ id: string }>;
}

export const todayOf = (ctx: TracingContext) => ctx.deps.clock.now().toISOString().slice(0, 10);

/** What a request's answer is measured against: today, and how many days before a deadline a reminder falls due. */
export interface RequestDay {
  today: string;
  reminderDays: number;
}
export const requestDayOf = (ctx: TracingContext): RequestDay => ({ today: todayOf(ctx), reminderDays: ctx.deps.config.tracing.reminderDays });

/** Who documents say they come from (config.authority, so every document agrees). */
export const authorityName = (ctx: TracingContext): string => ctx.deps.config.authority;

/**
 * The reporting agency a hit list is filtered by: `mine` asks for the agency the actor's account names
 * (an administrator sets it), else the `agencyPartyId` asked for, else every agency. The policy table
 * decides who may read hits at all; the agency only narrows what they asked to see.
 */
export function hitAgencyFilter(actor: Actor, q: { mine?: 'true' | 'false'; agencyPartyId?: string }): string | undefined {
  if (q.mine !== 'true') return q.agencyPartyId;
  if (!actor.agencyPartyId) {
    throw new ValidationError([{ field: 'mine', code: 'hits.no_agency', message: 'Your account names no agency: an administrator sets it (accounts API, custodia users update --agency).' }]);
  }
  return actor.agencyPartyId;
}
