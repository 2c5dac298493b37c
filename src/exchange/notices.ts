/**
 * Who gets the lost/stolen notices this node sends on its own when the registry records a loss or theft
 * (Protocol Arts 11, 12(1); ITI para 9; src/exchange/bridge-registry.ts builds and sends them).
 *
 * A report goes to every **active** peer that is allowed to send lost/stolen notices here: the administrator's
 * statement, made at enrolment, that this State exchanges them with that one. Its withdrawal goes to every
 * peer the report went to, **suspended ones included**: a suspension stops new information, but the peer still
 * holds the report, and without the withdrawal its recoveries keep matching an item that is no longer lost or
 * stolen (a false hit, a lawful holder stopped). To a suspended peer the withdrawal waits in the outbox like any
 * envelope to it, and goes when the peer is reactivated (or is dead-lettered with the alert if the suspension
 * outlasts CUSTODIA_EXCHANGE_DEAD_LETTER_AFTER_HOURS). `CUSTODIA_EXCHANGE_LOST_STOLEN_NOTICES` narrows both
 * (`none`, or a list of States).
 */
import type { Tx } from '../platform/db/types.ts';
import type { ExchangeContext } from './context.ts';
import * as store from './store.ts';

export function noticeUseCases(ctx: ExchangeContext) {
  const chosen = (state: string) => {
    const s = ctx.settings.lostStolenNotices;
    return s === 'all' || (s !== 'none' && s.includes(state));
  };
  return {
    /**
     * The States a new lost/stolen report goes to, or, given the reference of an earlier report, the States
     * that report went to (for its withdrawal). In the caller's transaction.
     */
    async lostStolenRecipients(tx: Tx, earlierReport?: string): Promise<string[]> {
      if (ctx.settings.lostStolenNotices === 'none') return [];
      if (earlierReport !== undefined) {
        const sent = await store.peersSentReport(tx, 'lost_stolen_notice', earlierReport);
        return (await store.peersByStates(tx, sent)).filter((p) => chosen(p.state)).map((p) => p.state).sort();
      }
      return (await store.listPeers(tx)).filter((p) => p.status === 'active' && p.allowed_types.includes('lost_stolen_notice') && chosen(p.state)).map((p) => p.state).sort();
    },
  };
}
