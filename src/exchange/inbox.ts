/**
 * The inbox: what a peer posts to POST /api/v1/exchange/inbox. Verification is the core's
 * (verifyIncoming, in the order of docs/exchange.md §6); then, in one transaction, the replay rule, the
 * reply rule, the envelope kept exactly as received, its effect and the audit entry, so an envelope has
 * its effect exactly once however often it is delivered. The answer is a signed `ack` from this node.
 */
import { SYSTEM_ACTOR, type Actor } from '../platform/auth/actor.ts';
import { recordAudit, recordAuditBatch } from '../platform/audit/record.ts';
import type { Tx } from '../platform/db/types.ts';
import { AppError, NotFoundError, PROBLEM_BASE, RuleViolationError } from '../platform/http/errors.ts';
import { decodeCursor, encodeCursor } from '../platform/http/pagination.ts';
import { uuidv7, UUID_RE } from '../platform/ids.ts';
import { inTransaction } from '../platform/tx.ts';
import { z } from 'zod';
import { parseInput, type ExchangeContext } from './context.ts';
import { newEnvelope, readRouting, signEnvelope, verifyIncoming, type VerifiedEnvelope } from './envelope.ts';
import type { outboxUseCases, SendBatch } from './outbox.ts';
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
  /** Every envelope applied in this transaction, in order (an effect may read what all of them need at once). */
  batch: readonly VerifiedEnvelope[];
  /** `compute` run once per transaction under `key`, its promise shared by every effect of the batch. */
  once<T>(key: string, compute: () => Promise<T>): Promise<T>;
}

/**
 * Runs once per batch, in its transaction, before the first effect, with the envelopes whose effects will
 * run. A module whose effect takes a lock that its own use cases take before their first audited write
 * (a yearly number) takes it here: in a batch, an earlier envelope's effect is audited first, and the
 * audit log's head is held to the commit, so taking the lock in the effect would reverse the order and
 * deadlock against the module's own writers.
 */
export type BeforeEffects = (tx: Tx, batch: readonly VerifiedEnvelope[]) => Promise<void>;

type OutboxUseCases = ReturnType<typeof outboxUseCases>;

/** At most this many envelopes are written in one transaction. */
const MAX_BATCH = 64;

export interface ReceiveResult {
  status: 'accepted' | 'duplicate';
  ack: string;
  inboxId: string;
}

export function inboxUseCases(
  ctx: ExchangeContext,
  effects: Partial<Record<MessageType, EnvelopeEffect>>,
  outbox: Pick<OutboxUseCases, 'send' | 'flushSendBatch'>,
  beforeEffects: readonly BeforeEffects[] = [],
) {
  const { db, clock } = ctx.deps;
  const { send } = outbox;
  const sentEnvelope: EffectTools['sent'] = async (tx, id) => {
    const row = await store.outboxById(tx, id);
    return row ? (JSON.parse(Buffer.from(row.token.split('.')[1], 'base64url').toString('utf8')) as Envelope) : undefined;
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

  /** One envelope waiting for the next batch, and the promise of its answer. */
  interface Arrival {
    message: string;
    resolve(r: ReceiveResult): void;
    reject(err: unknown): void;
  }
  type Verified = { arrival: Arrival; verified: VerifiedEnvelope };
  type Outcome = { status: 'accepted' | 'duplicate'; inboxId: string } | { refused: Refusal };

  /**
   * Applies envelopes that have been verified, in one transaction, in the order they arrived: the replay
   * rule, the reply rule, the envelopes kept as received (one statement), each effect, the effects recorded,
   * the answers the effects sent (one statement) and the audit entries of both (one append). An effect that
   * throws aborts the whole transaction; the caller then applies each envelope alone. `enrolled`: the
   * States the batch was verified against (peers are never removed, so an answer to one needs no look-up).
   */
  async function apply(t: Tx, items: readonly Verified[], now: Date, enrolled: ReadonlySet<string>): Promise<Outcome[]> {
    // What the effects send (automatic answers) is written with the batch: one insert, audited in its append.
    const sends: SendBatch = { enrolled, rows: [] };
    const memo = new Map<string, Promise<unknown>>();
    const tools: EffectTools = {
      send: (actor, input, tx) => send(actor, input, tx, sends),
      sent: sentEnvelope,
      autoAnswer: ctx.settings.autoAnswer,
      batch: items.map((i) => i.verified),
      once: <T>(key: string, compute: () => Promise<T>) => {
        if (!memo.has(key)) memo.set(key, compute());
        return memo.get(key) as Promise<T>;
      },
    };
    const key = (e: { from: string; id: string }) => `${e.from}|${e.id}`;
    const held = new Map((await store.heldEnvelopes(t, items.map(({ verified: v }) => ({ from: v.envelope.from, id: v.envelope.id })))).map((r) => [key({ from: r.from_state, id: r.envelope_id }), r]));
    const replyTo = [...new Set(items.map(({ verified: v }) => v.envelope.inReplyTo).filter((x): x is string => x !== null))];
    const sent = new Map((await store.sentEnvelopes(t, replyTo)).map((r) => [r.id, r]));
    const outcomes: Outcome[] = [];
    // (from, id) → the earlier envelope of this batch under it, its bytes and inbox id.
    const seen = new Map<string, { token: string; inboxId: string; index: number }>();
    // index → the index of the earlier envelope of this batch with the same bytes.
    const sameAs = new Map<number, number>();
    const fresh: { index: number; row: Omit<store.InboxRow, 'effect_detail' | 'answer_id'> }[] = [];
    for (const [index, { verified: v, arrival }] of items.entries()) {
      const e = v.envelope;
      const earlier = seen.get(key(e));
      if (earlier) {
        if (earlier.token === v.token) sameAs.set(index, earlier.index);
        outcomes.push(earlier.token === v.token ? { status: 'duplicate', inboxId: earlier.inboxId } : { refused: deliveryDecision({ from: e.from, id: e.id, token: v.token }, { token: earlier.token }) as Refusal });
        continue;
      }
      const h = held.get(key(e));
      const decision = deliveryDecision({ from: e.from, id: e.id, token: v.token }, h);
      if (!decision.ok) {
        outcomes.push({ refused: decision });
        continue;
      }
      if (decision.kind === 'redelivery') {
        outcomes.push({ status: 'duplicate', inboxId: h!.id });
        continue;
      }
      const reply = e.inReplyTo === null ? null : replyRefusal(e, MESSAGE_CATALOGUE[e.type as MessageType].answers, sent.get(e.inReplyTo));
      if (reply) {
        outcomes.push({ refused: reply });
        continue;
      }
      const inboxId = uuidv7();
      seen.set(key(e), { token: v.token, inboxId, index });
      outcomes.push({ status: 'accepted', inboxId });
      fresh.push({
        index,
        row: {
          id: inboxId,
          from_state: e.from,
          envelope_id: e.id,
          type: e.type,
          in_reply_to: e.inReplyTo,
          kid: v.kid,
          token: v.token,
          sha256: v.sha256,
          relayed_as: v.relayed ? arrival.message : null,
          envelope: e as unknown as Record<string, unknown>,
          received_at: now,
          effect: 'none',
        },
      });
    }
    const inserted = new Map((await store.insertInboxMany(t, fresh.map((f) => f.row))).map((r) => [r.id, r]));
    const changes: { id: string; effect: store.InboxEffect; detail: Record<string, unknown> | null; answerId: string | null }[] = [];
    const stored = new Map<string, store.InboxRow>();
    // Nothing of the batch is audited yet (the inbox rows are, at the end): the modules' locks come first.
    const applying = fresh.filter(({ row }) => inserted.has(row.id)).map(({ index }) => items[index].verified);
    if (applying.length > 0) for (const before of beforeEffects) await before(t, applying);
    for (const { index, row } of fresh) {
      const v = items[index].verified;
      const e = v.envelope;
      const mine = inserted.get(row.id);
      if (!mine) {
        // Another delivery of the same (from, id) committed first: decide against what it stored.
        const other = await store.heldEnvelope(t, e.from, e.id);
        const again = deliveryDecision({ from: e.from, id: e.id, token: v.token }, other);
        outcomes[index] = again.ok ? { status: 'duplicate', inboxId: other!.id } : { refused: again };
        continue;
      }
      let outcome: EffectOutcome | null = null;
      if (e.type === 'key_rotation') {
        const peer = await store.peerByState(t, e.from, true);
        const rotated = await acceptKeyRotation(store.peerRecord(peer!), v, now, ctx.settings.rotationGraceMs);
        if (!rotated.ok) throw new EnvelopeRefusedError(rotated);
        const updated = await store.updatePeer(t, { ...peer!, pins: rotated.pins, encryption_key: rotated.encryptionKey ?? peer!.encryption_key, updated_at: now });
        await recordAudit(t, SYSTEM_ACTOR, clock, { action: 'exchange.peer.rotate', entity: 'exchange_peer', entityId: updated.state, reason: `key_rotation envelope ${e.id}`, state: store.peerState(updated) });
        outcome = { effect: 'applied', detail: { pinned: rotated.pins[0].kid, encryptionKey: rotated.encryptionKey?.kid ?? null } };
      }
      outcome ??= (await effects[e.type as MessageType]?.(t, v, row.id, tools)) ?? (await defaultEffect(v));
      if (outcome.effect === 'none' && outcome.detail === null) stored.set(row.id, mine);
      else changes.push({ id: row.id, effect: outcome.effect, detail: outcome.detail, answerId: outcome.answerId ?? null });
    }
    for (const r of await store.setInboxEffects(t, changes)) stored.set(r.id, r);
    // The same bytes twice in this batch, the first not stored here after all: the second is decided as the first was.
    for (const [index, first] of sameAs) {
      const o = outcomes[first];
      outcomes[index] = 'refused' in o ? o : { status: 'duplicate', inboxId: o.inboxId };
    }
    const audited = fresh.filter((f) => stored.has(f.row.id));
    const entries = [
      ...(await outbox.flushSendBatch(t, sends)),
      ...audited.map(({ row }) => ({
        actor: SYSTEM_ACTOR,
        input: { action: 'exchange.envelope.receive', entity: 'exchange_inbox', entityId: row.id, reason: `${row.type} from ${row.from_state}`, state: store.inboxState(stored.get(row.id)!) },
      })),
    ];
    // One append per run of entries by the same actor (all of them, when every answer was automatic).
    for (let i = 0; i < entries.length; ) {
      let j = i + 1;
      while (j < entries.length && entries[j].actor === entries[i].actor) j++;
      await recordAuditBatch(t, entries[i].actor, clock, entries.slice(i, j).map((e) => e.input));
      i = j;
    }
    return outcomes;
  }

  /** Verifies, applies and acknowledges envelopes that arrived together; settles each one's promise. */
  async function receiveBatch(arrivals: readonly Arrival[]): Promise<void> {
    const peers = await store.listPeers(db);
    const local = ctx.local();
    const keys = await ctx.keys();
    const findPeer = (s: string) => {
      const p = peers.find((r) => r.state === s);
      return p ? store.peerRecord(p) : undefined;
    };
    const items: Verified[] = [];
    for (const arrival of arrivals) {
      const verified = await verifyIncoming(arrival.message, findPeer, [keys.encryption, ...(keys.retiredEncryption ?? [])], local);
      if (verified.ok) items.push({ arrival, verified });
      else arrival.reject(new EnvelopeRefusedError(verified));
    }
    if (items.length === 0) return;
    let outcomes: Outcome[];
    try {
      outcomes = await db.transaction((t) => apply(t, items, local.now, new Set(peers.map((p) => p.state))));
    } catch (err) {
      if (items.length === 1) {
        items[0].arrival.reject(err);
        return;
      }
      // One envelope's effect failed: the others must not fail with it. Each again, alone, in order.
      for (const { arrival } of items) await receiveBatch([arrival]);
      return;
    }
    for (const [i, { arrival, verified }] of items.entries()) {
      const o = outcomes[i];
      if ('refused' in o) arrival.reject(new EnvelopeRefusedError(o.refused));
      else ack(verified, o.status).then((a) => arrival.resolve({ ...o, ack: a }), arrival.reject);
    }
  }

  // Group commit. Envelopes that arrive while a batch is being written wait for the next one, and the
  // writer never starts a batch in the middle of a turn of the event loop: PGlite runs in this thread,
  // so without yielding, requests already read from their sockets would only be parsed after the
  // transaction. Under concurrent load (the last batch had company) the writer also waits up to
  // `inboxCoalesceMs` for more, as PostgreSQL's commit_delay does; a lone envelope goes at once.
  const waiting: Arrival[] = [];
  let draining = false;
  let lastBatch = 0;
  let full: (() => void) | undefined;
  const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
  async function gather(): Promise<void> {
    await nextTurn();
    const windowMs = ctx.settings.inboxCoalesceMs;
    if (lastBatch <= 1 || windowMs <= 0 || waiting.length >= MAX_BATCH) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        full = undefined;
        resolve();
      }, windowMs);
      full = () => {
        clearTimeout(timer);
        full = undefined;
        resolve();
      };
    });
  }
  async function drain(): Promise<void> {
    try {
      while (waiting.length > 0) {
        await gather();
        const batch = waiting.splice(0, MAX_BATCH);
        lastBatch = batch.length;
        try {
          await receiveBatch(batch);
        } catch (err) {
          for (const a of batch) a.reject(err);
        }
      }
    } finally {
      draining = false;
    }
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
      return new Promise<ReceiveResult>((resolve, reject) => {
        waiting.push({ message, resolve, reject });
        if (waiting.length >= MAX_BATCH) full?.();
        if (!draining) {
          draining = true;
          void drain();
        }
      });
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

