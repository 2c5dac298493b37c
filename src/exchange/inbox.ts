/**
 * The inbox: what a peer posts to POST /api/v1/exchange/inbox. Verification is the core's
 * (verifyIncoming, in the order of docs/exchange.md §6); then, in one transaction, the replay rule, the
 * reply rule, the envelope kept exactly as received, its effect and the audit entry, so an envelope has
 * its effect exactly once however often it is delivered. The answer is a signed `ack` from this node.
 */
import { SYSTEM_ACTOR, type Actor } from '../platform/auth/actor.ts';
import { recordAudit } from '../platform/audit/record.ts';
import type { Tx } from '../platform/db/types.ts';
import { AppError, NotFoundError, PROBLEM_BASE, RuleViolationError } from '../platform/http/errors.ts';
import { decodeCursor, encodeCursor } from '../platform/http/pagination.ts';
import { uuidv7, UUID_RE } from '../platform/ids.ts';
import { inTransaction } from '../platform/tx.ts';
import { z } from 'zod';
import { parseInput, type ExchangeContext } from './context.ts';
import { newEnvelope, readRouting, signEnvelope, verifyIncoming, type VerifiedEnvelope } from './envelope.ts';
import { relayEnvelope, type Relayed } from './relay.ts';
import { MESSAGE_CATALOGUE } from './messages.ts';
import { deliveryDecision, isRetryableRefusal, replyRefusal, type Envelope, type MessageType, type Refusal } from './model.ts';
import { acceptKeyRotation } from './pins.ts';
import { exchangePolicy } from './policy.ts';
import { answerInput, inboxInput, inboxQuery } from './schemas.ts';
import * as store from './store.ts';

/** HTTP status of each refusal: bad bytes 400, an unknown or unverifiable sender 401, a refused sender 403, conflicts with what is held 409, the rest 422. */
function statusOf(code: string): number {
  if (['envelope.too_large', 'envelope.malformed', 'envelope.not_an_envelope', 'envelope.unsupported_algorithm', 'envelope.not_canonical', 'envelope.bad_body'].includes(code)) return 400;
  if (['envelope.unknown_sender', 'envelope.key_not_pinned', 'envelope.key_retired', 'envelope.bad_signature', 'envelope.decryption_failed'].includes(code)) return 401;
  if (['envelope.sender_suspended', 'envelope.type_not_allowed', 'envelope.not_for_us'].includes(code)) return 403;
  if (['envelope.replay', 'envelope.reply_mismatch'].includes(code)) return 409;
  return 422;
}

/** A refused envelope as problem+json: the refusal `code`, its `params`, whether resending may succeed. */
export class EnvelopeRefusedError extends AppError {
  constructor(readonly refusal: Refusal) {
    super(statusOf(refusal.code), `${PROBLEM_BASE}envelope-refused`, 'Envelope refused', refusal.message, refusal.fields ?? [], {
      code: refusal.code,
      params: refusal.params,
      retryable: isRetryableRefusal(refusal.code),
    });
  }
}

/** The request types that wait for an answer, and the type that answers each (the first is the default). */
export const ANSWER_TYPES: Partial<Record<MessageType, MessageType[]>> = {
  import_authorisation_check: ['import_authorisation_answer'],
  transit_notification: ['transit_answer'],
  delivery_confirmation_request: ['delivery_confirmation'],
  tracing_request: ['tracing_response', 'tracing_acknowledgement'],
  lost_stolen_notice: ['hit_notification'],
};

/**
 * What an accepted envelope does to local records. Modules add effects (licensing records an answer as
 * Art. 10(2) evidence); without one, a request waits in the officers' queue and anything else is kept.
 */
export type EnvelopeEffect = (tx: Tx, verified: VerifiedEnvelope, inboxId: string, tools: EffectTools) => Promise<EffectOutcome | null>;

export interface EffectOutcome {
  effect: store.InboxEffect;
  /** What the effect did, or for a queued request the answer drafted from local records (`draft`). */
  detail: Record<string, unknown> | null;
  /** The answer sent at once (automatic answers). */
  answerId?: string | null;
}

/** What an effect may use of the exchange, inside the receiving transaction. */
export interface EffectTools {
  /** Signs and queues an envelope (an automatic answer) in the same transaction. */
  send(actor: Actor, input: unknown, tx: Tx): Promise<{ id: string }>;
  /** An envelope this node sent (what an answer answers), as signed. */
  sent(tx: Tx, id: string): Promise<Envelope | undefined>;
  /** Incoming types this State answers without an officer. */
  autoAnswer: readonly MessageType[];
}

export interface ReceiveResult {
  status: 'accepted' | 'duplicate';
  ack: string;
  inboxId: string;
}

export function inboxUseCases(ctx: ExchangeContext, effects: Partial<Record<MessageType, EnvelopeEffect>>, send: (actor: Actor, input: unknown, tx?: Tx) => Promise<{ id: string }>) {
  const { db, clock } = ctx.deps;
  const tools: EffectTools = {
    send,
    async sent(tx, id) {
      const row = await store.outboxById(tx, id);
      return row ? (JSON.parse(Buffer.from(row.token.split('.')[1], 'base64url').toString('utf8')) as Envelope) : undefined;
    },
    autoAnswer: ctx.settings.autoAnswer,
  };

  async function ack(verified: { envelope: { id: string; from: string }; sha256: string }, status: 'accepted' | 'duplicate'): Promise<string> {
    const now = clock.now();
    const envelope = newEnvelope({
      from: ctx.deps.config.state,
      to: verified.envelope.from,
      type: 'ack',
      body: { status, receivedAt: now.toISOString(), envelopeSha256: verified.sha256 },
      now,
      lifetimeMs: ctx.settings.envelopeLifetimeMs,
      inReplyTo: verified.envelope.id,
    });
    return signEnvelope(await ctx.keys(), envelope);
  }

  async function defaultEffect(verified: VerifiedEnvelope): Promise<EffectOutcome> {
    const type = verified.envelope.type as MessageType;
    return ANSWER_TYPES[type] ? { effect: 'queued', detail: null } : { effect: 'none', detail: null };
  }

  return {
    /** Receives one message from a peer (unauthenticated: the signature is the credential). Throws EnvelopeRefusedError. */
    async receive(input: unknown): Promise<ReceiveResult | Relayed> {
      const { message } = parseInput(inboxInput, input);
      // An encrypted envelope for another State: carried for it when this node relays between the two.
      if (message.split('.').length === 5) {
        const read = readRouting(message, ctx.settings.maxBytes);
        if (read.ok && read.routing.to !== ctx.deps.config.state) return relayEnvelope(ctx, message, read.routing);
      }
      const peers = await store.listPeers(db);
      const local = ctx.local();
      const keys = await ctx.keys();
      const verified = await verifyIncoming(message, (s) => {
        const p = peers.find((r) => r.state === s);
        return p ? store.peerRecord(p) : undefined;
      }, [keys.encryption, ...(keys.retiredEncryption ?? [])], local);
      if (!verified.ok) throw new EnvelopeRefusedError(verified);
      const e = verified.envelope;
      const result = await db.transaction(async (t): Promise<{ status: 'accepted' | 'duplicate'; inboxId: string }> => {
        const held = await store.heldEnvelope(t, e.from, e.id);
        const decision = deliveryDecision({ from: e.from, id: e.id, token: verified.token }, held);
        if (!decision.ok) throw new EnvelopeRefusedError(decision);
        if (decision.kind === 'redelivery') return { status: 'duplicate', inboxId: held!.id };
        const spec = MESSAGE_CATALOGUE[e.type as MessageType];
        if (e.inReplyTo !== null) {
          const reply = replyRefusal(e, spec.answers, await store.sentEnvelope(t, e.inReplyTo));
          if (reply) throw new EnvelopeRefusedError(reply);
        }
        const inboxId = uuidv7();
        let outcome: EffectOutcome | null = null;
        if (e.type === 'key_rotation') {
          const peer = await store.peerByState(t, e.from, true);
          const rotated = await acceptKeyRotation(store.peerRecord(peer!), verified, local.now, ctx.settings.rotationGraceMs);
          if (!rotated.ok) throw new EnvelopeRefusedError(rotated);
          const row = await store.updatePeer(t, { ...peer!, pins: rotated.pins, encryption_key: rotated.encryptionKey ?? peer!.encryption_key, updated_at: local.now });
          await recordAudit(t, SYSTEM_ACTOR, clock, { action: 'exchange.peer.rotate', entity: 'exchange_peer', entityId: row.state, reason: `key_rotation envelope ${e.id}`, state: store.peerState(row) });
          outcome = { effect: 'applied', detail: { pinned: rotated.pins[0].kid, encryptionKey: rotated.encryptionKey?.kid ?? null } };
        }
        const row = await store.insertInbox(t, {
          id: inboxId,
          from_state: e.from,
          envelope_id: e.id,
          type: e.type,
          in_reply_to: e.inReplyTo,
          kid: verified.kid,
          token: verified.token,
          sha256: verified.sha256,
          relayed_as: verified.relayed ? message : null,
          envelope: e as unknown as Record<string, unknown>,
          received_at: local.now,
          effect: 'none',
        });
        if (!row) {
          // Another delivery of the same (from, id) committed first: decide against what it stored.
          const again = deliveryDecision({ from: e.from, id: e.id, token: verified.token }, await store.heldEnvelope(t, e.from, e.id));
          if (!again.ok) throw new EnvelopeRefusedError(again);
          return { status: 'duplicate', inboxId: (await store.heldEnvelope(t, e.from, e.id))!.id };
        }
        outcome ??= (await effects[e.type as MessageType]?.(t, verified, inboxId, tools)) ?? (await defaultEffect(verified));
        const stored = outcome.effect === 'none' && outcome.detail === null ? row : await store.setInboxEffect(t, inboxId, outcome.effect, outcome.detail, outcome.answerId ?? null);
        await recordAudit(t, SYSTEM_ACTOR, clock, { action: `exchange.envelope.receive`, entity: 'exchange_inbox', entityId: inboxId, reason: `${e.type} from ${e.from}`, state: store.inboxState(stored) });
        return { status: 'accepted', inboxId };
      });
      return { ...result, ack: await ack(verified, result.status) };
    },

    async listInbox(actor: Actor, query: unknown) {
      exchangePolicy.require(actor, 'exchange.traffic.read');
      const q = parseInput(inboxQuery, query);
      const after = decodeCursor(q.cursor, z.string().uuid());
      const rows = await store.listInbox(db, { effect: q.effect, type: q.type, from: q.from }, after, q.limit + 1);
      const items = rows.slice(0, q.limit).map((r) => ({ ...store.inboxState(r), envelope: r.envelope, token: r.token }));
      return { items, nextCursor: rows.length > q.limit ? encodeCursor(items[items.length - 1].id) : null };
    },

    /** The officers' queue: requests from peers waiting for an answer, oldest first. */
    async listRequests(actor: Actor, query: unknown) {
      exchangePolicy.require(actor, 'exchange.requests.read');
      const q = parseInput(inboxQuery, query);
      const after = decodeCursor(q.cursor, z.string().uuid());
      const rows = await store.listInbox(db, { effect: 'queued', type: q.type, from: q.from }, after, q.limit + 1);
      const items = rows.slice(0, q.limit).map((r) => ({ ...store.inboxState(r), envelope: r.envelope, token: r.token }));
      return { items, nextCursor: rows.length > q.limit ? encodeCursor(items[items.length - 1].id) : null };
    },

    /** Answers a queued request: the answer goes to the requesting State through the outbox, in the same transaction. */
    async answerRequest(actor: Actor, inboxId: string, input: unknown, tx?: Tx) {
      exchangePolicy.require(actor, 'exchange.requests.answer');
      if (!UUID_RE.test(inboxId)) throw new NotFoundError('Request', inboxId);
      const body = parseInput(answerInput, input);
      return inTransaction(db, tx, async (t) => {
        const row = await store.inboxById(t, inboxId, true);
        if (!row) throw new NotFoundError('Request', inboxId);
        const types = ANSWER_TYPES[row.type as MessageType];
        if (!types) throw new RuleViolationError(`A ${row.type} is not a request.`, [{ field: 'id', message: 'not a request', code: 'exchange.not_a_request' }]);
        if (row.effect !== 'queued') throw new RuleViolationError(`Request ${inboxId} was already answered.`, [{ field: 'id', message: 'already answered', code: 'exchange.already_answered' }]);
        const type = body.type ?? types[0];
        if (!types.includes(type as MessageType)) throw new RuleViolationError(`A ${row.type} is answered by ${types.join(' or ')}.`, [{ field: 'type', message: `must be ${types.join(' or ')}`, code: 'exchange.answer_type' }]);
        // Without a body, the officer sends the answer drafted from local records when the request arrived.
        const draft = type === types[0] ? (row.effect_detail?.draft as Record<string, unknown> | undefined) : undefined;
        const answerBody = body.body ?? draft;
        if (!answerBody) throw new RuleViolationError('No answer was drafted for this request: give its body.', [{ field: 'body', message: 'required', code: 'exchange.answer_body' }]);
        const sent = await send(actor, { to: row.from_state, type, body: answerBody, inReplyTo: row.envelope_id, caveats: body.caveats }, t);
        // An acknowledgement keeps the request in the queue: the response is still owed.
        if (type === 'tracing_acknowledgement') return { inboxId, answerId: sent.id, effect: row.effect };
        const updated = await store.setInboxEffect(t, inboxId, 'answered', { answerType: type, drafted: body.body === undefined }, sent.id);
        await recordAudit(t, actor, clock, { action: 'exchange.request.answer', entity: 'exchange_inbox', entityId: inboxId, state: store.inboxState(updated) });
        return { inboxId, answerId: sent.id, effect: updated.effect };
      });
    },
  };
}

