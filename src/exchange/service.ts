/**
 * The exchange module's use cases in one object: the peer register (peers.ts), the outbox and its sender
 * (outbox.ts), the inbox and the officers' queue (inbox.ts). Other modules call `send` to write to
 * another State, and give `effects` for the envelopes that change their records.
 */
import type { Deps } from '../platform/deps.ts';
import { createExchangeContext, type ExchangeOptions } from './context.ts';
import { inboxUseCases, type BeforeEffects, type EnvelopeEffect } from './inbox.ts';
import type { MessageType } from './model.ts';
import { noticeUseCases } from './notices.ts';
import { outboxUseCases } from './outbox.ts';
import { peerUseCases } from './peers.ts';
import { viewUseCases } from './views.ts';
import { rotationUseCases } from './rotation.ts';

export interface ExchangeServiceOptions extends ExchangeOptions {
  effects?: Partial<Record<MessageType, EnvelopeEffect>>;
}

export function createExchangeService(deps: Deps, options: ExchangeServiceOptions = {}) {
  const ctx = createExchangeContext(deps, options);
  const outbox = outboxUseCases(ctx);
  const effects: Partial<Record<MessageType, EnvelopeEffect>> = { ...options.effects };
  const beforeEffects: BeforeEffects[] = [];
  return {
    settings: ctx.settings,
    ...peerUseCases(ctx),
    ...outbox,
    ...inboxUseCases(ctx, effects, outbox, beforeEffects),
    ...viewUseCases(ctx),
    ...noticeUseCases(ctx),
    ...rotationUseCases(ctx, outbox),
    /**
     * A module that owns the records a message type changes gives its effect here when the module list is
     * built (licensing's exchange-bridge module does, for the Art. 10 answers); one owner per type.
     * `before` runs once per batch ahead of every effect (inbox.ts `BeforeEffects`: the locks an effect
     * must take before anything of the batch is audited), in the order the modules were wired.
     */
    handle(handlers: Partial<Record<MessageType, EnvelopeEffect>>, before?: BeforeEffects): void {
      for (const [type, effect] of Object.entries(handlers) as [MessageType, EnvelopeEffect][]) {
        if (effects[type]) throw new Error(`An effect for ${type} is already wired`);
        effects[type] = effect;
      }
      if (before) beforeEffects.push(before);
    },
  };
}
export type ExchangeService = ReturnType<typeof createExchangeService>;

