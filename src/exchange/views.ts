/**
 * Reads for the exchange screens (issue 14, web): one received or sent message with its signed bytes, and
 * the messages a licensing case sent with the answers they got, so an officer can show any piece of
 * Art. 10(2) evidence with the signed envelope that carried it (and its Art. 12(5) caveats).
 */
import type { Actor } from '../platform/auth/actor.ts';
import { NotFoundError } from '../platform/http/errors.ts';
import { UUID_RE } from '../platform/ids.ts';
import type { ExchangeContext } from './context.ts';
import { exchangePolicy } from './policy.ts';
import * as store from './store.ts';

/** The envelope inside a compact JWS this node signed (its own outbox: already verified when it was made). */
function payloadOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** Request types a licensing case sends whose answers are Art. 10(2) evidence. */
const CASE_REQUEST_TYPES = ['import_authorisation_check', 'transit_notification'] as const;

export function viewUseCases(ctx: ExchangeContext) {
  const { db } = ctx.deps;
  const received = (r: store.InboxRow) => ({ ...store.inboxState(r), envelope: r.envelope, token: r.token });
  const sent = (r: store.OutboxRow) => ({ ...store.outboxView(r), envelope: payloadOf(r.token), token: r.token });
  return {
    /** One envelope this node accepted, as received. */
    async getReceived(actor: Actor, id: string) {
      exchangePolicy.require(actor, 'exchange.messages.read');
      const row = UUID_RE.test(id) ? await store.inboxById(db, id) : undefined;
      if (!row) throw new NotFoundError('Message', id);
      return received(row);
    },

    /** One envelope this node signed and sent (or is still sending), with its delivery state. */
    async getSent(actor: Actor, id: string) {
      exchangePolicy.require(actor, 'exchange.messages.read');
      const row = UUID_RE.test(id) ? await store.outboxById(db, id) : undefined;
      if (!row) throw new NotFoundError('Message', id);
      return sent(row);
    },

    /** The import checks and transit notifications sent for a case, and every answer received to them. */
    async caseMessages(actor: Actor, caseReference: string) {
      exchangePolicy.require(actor, 'exchange.messages.read');
      const out = caseReference.length > 0 && caseReference.length <= 100 ? await store.outboxForCase(db, caseReference, CASE_REQUEST_TYPES) : [];
      const answers = await store.inboxAnswering(db, out.map((r) => r.id));
      return { sent: out.map(sent), received: answers.map(received) };
    },
  };
}
