/**
 * Rotating this node's keys without breaking delivery (docs/exchange.md §7.2): the next keys are made and
 * kept on disk first; a key_rotation envelope **signed by the old key** (the new key's proof inside, and the
 * new X25519 key bound by the new signing key) goes to every active peer through the outbox, in one
 * transaction; only then does the node switch keys. The announcements are stored bytes, so they are sent
 * after the switch like any other, ahead of anything signed with the new key (ordered type, older id); a
 * peer that receives a newly signed envelope first answers key_not_pinned, which is retried. Run again after
 * a crash, it finishes the same rotation (the same next keys; peers already announced to are skipped).
 */
import type { Actor } from '../platform/auth/actor.ts';
import { prepareNodeKeyRotation, rotateNodeKeys } from '../platform/crypto/keys.ts';
import type { ExchangeContext } from './context.ts';
import { newEnvelope, signEnvelope } from './envelope.ts';
import type { outboxUseCases } from './outbox.ts';
import { keyRotationBody } from './pins.ts';
import { exchangePolicy } from './policy.ts';
import * as store from './store.ts';

export function rotationUseCases(ctx: ExchangeContext, outbox: ReturnType<typeof outboxUseCases>) {
  const { db, clock, config } = { ...ctx.deps };
  return {
    async rotateKeys(actor: Actor): Promise<{ retiredKid: string; kid: string; fingerprint: string; encryptionKid: string; announcedTo: string[] }> {
      exchangePolicy.require(actor, 'exchange.peers.manage');
      const next = await prepareNodeKeyRotation(config);
      const current = await ctx.keys();
      const now = clock.now();
      const announcedTo = await db.transaction(async (t) => {
        const states: string[] = [];
        for (const peer of (await store.listPeers(t)).filter((p) => p.status === 'active')) {
          if (await store.pendingRotationTo(t, peer.state, next.kid)) continue;
          const body = await keyRotationBody({ state: config.state, retiringKid: current.kid, newKeys: next, newEncryption: next.encryption, effectiveAt: now });
          const envelope = newEnvelope({ from: config.state, to: peer.state, type: 'key_rotation', body, now, lifetimeMs: ctx.settings.envelopeLifetimeMs });
          await outbox.carry(actor, await signEnvelope(current, envelope), t);
          states.push(peer.state);
        }
        return states;
      });
      const { retired, current: after } = await rotateNodeKeys(config, now, { encryption: true });
      return { retiredKid: retired, kid: after.kid, fingerprint: after.fingerprint, encryptionKid: after.encryption.kid, announcedTo };
    },
  };
}
