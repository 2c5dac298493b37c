import type { Actor } from '../platform/auth/actor.ts';
import type { NodeKeys } from '../platform/crypto/keys.ts';
import type { Tx } from '../platform/db/types.ts';
import type { Deps } from '../platform/deps.ts';
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
