/**
 * The durable outbox. `send` signs an envelope and stores its bytes in the caller's transaction, so a
 * message exists exactly when the record change that caused it commits; the sender loop delivers stored
 * bytes (never re-signing: a retry must be a byte-identical redelivery, docs/exchange.md §7.1), retries
 * with exponential backoff and jitter, keeps the order of the types the catalogue marks ordered, and
 * dead-letters what cannot be delivered in time, with an alert. Nothing is held in memory: a restart
 * resumes from the table.
 */
import { SYSTEM_ACTOR, type Actor } from '../platform/auth/actor.ts';
import { recordAudit, recordAuditBatch, type AuditInput } from '../platform/audit/record.ts';
import { sha256Hex } from '../platform/crypto/canonical.ts';
import type { Tx } from '../platform/db/types.ts';
import { RuleViolationError } from '../platform/http/errors.ts';
import { decodeCursor, encodeCursor } from '../platform/http/pagination.ts';
import { inTransaction } from '../platform/tx.ts';
import { z } from 'zod';
import { parseInput, type ExchangeContext } from './context.ts';
import { JwsVerificationError, verifyCompactJws } from '../platform/crypto/keys.ts';
import { encryptEnvelope, EnvelopeError, newEnvelope, parseEnvelopeToken, signEnvelope, verifyEnvelope } from './envelope.ts';
import { ackSchema, MESSAGE_CATALOGUE } from './messages.ts';
import { deadLetterReason, isRetryableRefusal, retryDelayMs, type Caveat, type Envelope, type MessageType } from './model.ts';
import { exchangePolicy } from './policy.ts';
import { outboxQuery, sendInput } from './schemas.ts';
import * as store from './store.ts';
import { TransportError, type BatchAnnouncement, type PostAnswer } from './transport.ts';

export interface SentRecord {
  id: string;
  to: string;
  type: string;
  sha256: string;
  createdAt: string;
  expiresAt: string;
}

/**
 * Envelopes signed while a batch of incoming ones is applied (automatic answers): written together at the
 * end of that transaction by `flushSendBatch`, their audit entries appended with the batch's.
 */
export interface SendBatch {
  /** States the batch has read as enrolled peers. */
  enrolled: ReadonlySet<string>;
  rows: { actor: Actor; row: store.NewOutboxRow }[];
}

/** What one pass of the sender loop did. */
export interface DeliveryPass {
  attempted: number;
  delivered: number;
  failed: number;
  dead: number;
}

/** Refusal codes arrive in the peer's problem+json as `code`; anything else is a transport failure. */
function refusalOf(body: unknown): { code: string; detail: string } | null {
  const b = body as { code?: unknown; detail?: unknown; title?: unknown } | null;
  return b && typeof b.code === 'string' ? { code: b.code, detail: String(b.detail ?? b.title ?? b.code) } : null;
}

/** A reference the body carries (caseReference, reportReference), kept in its own column for lookups. */
function bodyReference(body: Record<string, unknown>, member: 'caseReference' | 'reportReference'): string | null {
  const v = body[member];
  return typeof v === 'string' ? v : null;
}

export function outboxUseCases(ctx: ExchangeContext) {
  const { db, clock, log } = ctx.deps;

  async function deadLetter(row: store.OutboxRow, reason: string): Promise<boolean> {
    return db.transaction(async (t) => {
      const dead = await store.markDead(t, row.id, clock.now(), reason);
      if (!dead) return false;
      await recordAudit(t, SYSTEM_ACTOR, clock, { action: 'exchange.envelope.dead_letter', entity: 'exchange_outbox', entityId: dead.id, reason, state: store.outboxState(dead) });
      // The alert: operators watch error-level lines (and GET /exchange/outbox?status=dead lists them).
      log.error({ alert: 'exchange.dead_letter', envelopeId: dead.id, to: dead.peer_state, type: dead.type, reason }, 'exchange: envelope dead-lettered');
      return true;
    });
  }

  /** Checks the peer's signed ack: from the peer, for this envelope, over these bytes. */
  async function ackProblem(row: store.OutboxRow, peer: store.PeerRow, ackToken: unknown): Promise<string | null> {
    if (typeof ackToken !== 'string') return 'the answer carries no ack';
    const verified = await verifyEnvelope(ackToken, (s) => (s === peer.state ? store.peerRecord(peer) : undefined), ctx.local());
    if (!verified.ok) return `the ack is refused: ${verified.code}`;
    const e = verified.envelope;
    if (e.type !== 'ack' || e.inReplyTo !== row.id) return 'the ack answers another envelope';
    const body = ackSchema.safeParse(e.body);
    if (!body.success || body.data.envelopeSha256 !== row.sha256) return 'the ack is for other bytes';
    return null;
  }

  /** The batch delivery each inbox announced in its last answer, by base URL (absent: one envelope per POST). */
  const batching = new Map<string, BatchAnnouncement>();
  const learn = (url: string, answer: PostAnswer) => {
    if (answer.batch) batching.set(url, answer.batch);
    else batching.delete(url);
  };

  interface Route {
    peer: store.PeerRow;
    /** The base URL posted to: the peer's, or its relay's. */
    url: string;
    relayed: boolean;
  }

  /** Where an envelope to `row.peer_state` goes now, or why it cannot go; `peers` is the register as this pass read it. */
  function routeOf(row: store.OutboxRow, peers: ReadonlyMap<string, store.PeerRow>): Route | { failure: string } {
    const peer = peers.get(row.peer_state);
    const relay = peer?.relay_via ? peers.get(peer.relay_via) : undefined;
    if (!peer) return { failure: `peer ${row.peer_state} is not enrolled` };
    if (peer.status !== 'active') return { failure: `peer ${row.peer_state} is suspended here` };
    if (peer.relay_via && relay?.status !== 'active') return { failure: `relay ${peer.relay_via} is not an active peer here` };
    if (peer.relay_via && !peer.encryption_key) return { failure: `peer ${row.peer_state} has no encryption key for relayed envelopes` };
    return { peer, url: relay ? relay.base_url : peer.base_url, relayed: relay !== undefined };
  }

  // Through a relay: the stored JWS encrypted to the recipient (a fresh JWE each time; the recipient
  // compares the JWS inside, so a retry is still a redelivery), posted to the relay's node.
  const messageFor = (row: store.OutboxRow, route: Route) => (route.relayed ? encryptEnvelope(row.token, route.peer.encryption_key!) : Promise.resolve(row.token));

  /** What an inbox's answer to one envelope means: acknowledged, to be tried again, or never deliverable. */
  type Settled = { ack: string } | { failure: string } | { dead: string };
  async function settle(row: store.OutboxRow, peer: store.PeerRow, res: { status: number; body: unknown }): Promise<Settled> {
    if (res.status === 200) {
      const ack = (res.body as { ack?: unknown } | null)?.ack;
      const problem = await ackProblem(row, peer, ack);
      return problem ? { failure: problem } : { ack: ack as string };
    }
    const refusal = refusalOf(res.body);
    if (refusal && refusal.code.startsWith('envelope.') && !isRetryableRefusal(refusal.code)) return { dead: `${refusal.code}: ${refusal.detail}` };
    return { failure: refusal ? `${refusal.code}: ${refusal.detail}` : `HTTP ${res.status}` };
  }

  /** An envelope not delivered this time: dead-lettered, or tried again later with backoff and jitter. */
  async function unsettled(row: store.OutboxRow, s: { failure: string } | { dead: string }): Promise<'failed' | 'dead'> {
    if ('dead' in s) return (await deadLetter(row, s.dead)) ? 'dead' : 'failed';
    const delay = retryDelayMs(row.attempts + 1, ctx.settings.retryBaseMs, ctx.settings.retryMaxMs, ctx.random());
    await store.markAttemptFailed(db, row.id, clock.now(), new Date(clock.now().getTime() + delay), s.failure);
    log.warn({ envelopeId: row.id, to: row.peer_state, attempts: row.attempts + 1, retryInMs: delay, failure: s.failure }, 'exchange: delivery failed, will retry');
    return 'failed';
  }

  /** Marks acknowledged envelopes delivered, with their audit entries: one transaction for all of them. Returns the ids this call marked. */
  async function delivered(acked: readonly { row: store.OutboxRow; ack: string }[]): Promise<Set<string>> {
    if (acked.length === 0) return new Set();
    return db.transaction(async (t) => {
      const order = new Map(acked.map((a, i) => [a.row.id, i]));
      const done = (await store.markDeliveredMany(t, acked.map((a) => ({ id: a.row.id, ackToken: a.ack })), clock.now())).sort((x, y) => order.get(x.id)! - order.get(y.id)!);
      await recordAuditBatch(t, SYSTEM_ACTOR, clock, done.map((d) => ({ action: 'exchange.envelope.delivered', entity: 'exchange_outbox', entityId: d.id, state: store.outboxState(d) })));
      return new Set(done.map((d) => d.id));
    });
  }

  /** Dead-letters an envelope past its time; null when it may still go. */
  async function expire(row: store.OutboxRow): Promise<'dead' | 'failed' | null> {
    const expired = deadLetterReason({ createdAt: new Date(row.created_at), expiresAt: new Date(row.expires_at) }, clock.now(), ctx.settings.deadLetterAfterMs);
    if (!expired) return null;
    return (await deadLetter(row, expired)) ? 'dead' : 'failed';
  }

  /** One delivery attempt, one envelope per POST. */
  async function attempt(row: store.OutboxRow, peers: ReadonlyMap<string, store.PeerRow>): Promise<'delivered' | 'failed' | 'dead'> {
    const expired = await expire(row);
    if (expired) return expired;
    const route = routeOf(row, peers);
    let s: Settled;
    if ('failure' in route) s = route;
    else {
      try {
        const res = await ctx.transport.postMessage(route.url, await messageFor(row, route));
        learn(route.url, res);
        s = await settle(row, route.peer, res);
      } catch (err) {
        if (!(err instanceof TransportError)) throw err;
        s = { failure: err.message };
      }
    }
    if ('ack' in s) return (await delivered([{ row, ack: s.ack }])).has(row.id) ? 'delivered' : 'failed';
    return unsettled(row, s);
  }

  /**
   * One batch delivery (docs/exchange.md §13.11): envelopes to one peer in one POST to an inbox that announced
   * it; each is answered, acknowledged and settled on its own, as if it had gone alone, and the acknowledged
   * ones are marked delivered in one transaction. An answer that is not a batch answer (an inbox that no
   * longer batches, a limit, an error) leaves every one of them to be tried again.
   */
  async function attemptBatch(rows: readonly store.OutboxRow[], route: Route): Promise<('delivered' | 'failed' | 'dead')[]> {
    const outcomes: ('delivered' | 'failed' | 'dead')[] = new Array(rows.length);
    const live: number[] = [];
    for (const [i, row] of rows.entries()) {
      const expired = await expire(row);
      if (expired) outcomes[i] = expired;
      else live.push(i);
    }
    if (live.length === 0) return outcomes;
    let settled: Settled[];
    try {
      const res = await ctx.transport.postMessages!(route.url, await Promise.all(live.map((i) => messageFor(rows[i], route))));
      learn(route.url, res);
      if (res.results) settled = await Promise.all(res.results.map((r, k) => settle(rows[live[k]], route.peer, r)));
      else {
        const refusal = refusalOf(res.body);
        settled = live.map(() => ({ failure: `batch delivery: ${refusal ? `${refusal.code}: ${refusal.detail}` : `HTTP ${res.status}`}` }));
      }
    } catch (err) {
      if (!(err instanceof TransportError)) throw err;
      settled = live.map(() => ({ failure: (err as Error).message }));
    }
    const acked = live.flatMap((i, k) => { const s = settled[k]; return 'ack' in s ? [{ row: rows[i], ack: s.ack }] : []; });
    const done = await delivered(acked);
    for (const [k, i] of live.entries()) {
      const s = settled[k];
      outcomes[i] = 'ack' in s ? (done.has(rows[i].id) ? 'delivered' : 'failed') : await unsettled(rows[i], s);
    }
    return outcomes;
  }

  /** Roughly how many bytes a row adds to a batch request's JSON body (a JWE is the JWS in base64url plus its header). */
  const batchBytes = (row: store.OutboxRow, route: Route) => (route.relayed ? Math.ceil((row.token.length * 4) / 3) + 1_024 : row.token.length + 3);

  /** The outbox row of a signed envelope. */
  function outboxRow(envelope: Envelope, token: string): store.NewOutboxRow {
    return {
      id: envelope.id,
      peer_state: envelope.to,
      type: envelope.type,
      in_reply_to: envelope.inReplyTo,
      ordered: MESSAGE_CATALOGUE[envelope.type as MessageType].ordered,
      token,
      sha256: sha256Hex(token),
      created_at: new Date(envelope.createdAt),
      expires_at: new Date(envelope.expiresAt),
      next_attempt_at: clock.now(),
      case_reference: bodyReference(envelope.body, 'caseReference'),
      report_reference: bodyReference(envelope.body, 'reportReference'),
    };
  }

  const sentRecord = (envelope: Envelope, row: { id: string; peer_state: string; type: string; sha256: string }): SentRecord => ({
    id: row.id, to: row.peer_state, type: row.type, sha256: row.sha256, createdAt: envelope.createdAt, expiresAt: envelope.expiresAt,
  });

  /** Stores signed bytes in the outbox for the sender loop (the peer must be enrolled), audited; or adds them to a batch written later in the same transaction. */
  async function queue(t: Tx, actor: Actor, envelope: Envelope, token: string, batch?: SendBatch): Promise<SentRecord> {
    // Peers are never removed: one the batch read as enrolled still is (and the outbox's foreign key says so too).
    const enrolled = batch?.enrolled.has(envelope.to) || (await store.peerByState(t, envelope.to)) !== undefined;
    if (!enrolled) throw new RuleViolationError(`${envelope.to} is not an enrolled peer.`, [{ field: 'to', message: 'not an enrolled peer', code: 'exchange.unknown_peer' }]);
    const row = outboxRow(envelope, token);
    if (batch) {
      batch.rows.push({ actor, row });
      return sentRecord(envelope, row);
    }
    const stored = await store.insertOutbox(t, row);
    await recordAudit(t, actor, clock, { action: 'exchange.envelope.send', entity: 'exchange_outbox', entityId: stored.id, state: store.outboxState(stored) });
    return sentRecord(envelope, stored);
  }

  return {
    /**
     * Signs an envelope to a peer and stores it in the outbox, in the caller's transaction (so the message
     * goes exactly when the change that caused it commits). Other modules call this through the service.
     */
    async send(actor: Actor, input: unknown, tx?: Tx, batch?: SendBatch): Promise<SentRecord> {
      const body = parseInput(sendInput, input);
      const keys = await ctx.keys();
      const now = clock.now();
      const envelope = newEnvelope({
        from: ctx.deps.config.state,
        to: body.to,
        type: body.type as MessageType,
        body: body.body,
        now,
        lifetimeMs: ctx.settings.envelopeLifetimeMs,
        inReplyTo: body.inReplyTo ?? null,
        caveats: body.caveats as Caveat[],
      });
      let token: string;
      try {
        token = await signEnvelope(keys, envelope);
      } catch (err) {
        if (err instanceof EnvelopeError) throw new RuleViolationError(err.message, err.fields, { code: 'exchange.envelope_invalid' });
        throw err;
      }
      return inTransaction(db, tx, (t) => queue(t, actor, envelope, token, batch));
    },

    /**
     * Writes what `send` added to a batch: the envelopes in one insert, and their audit entries, in the
     * order they were sent, to be appended with the caller's own entries (one append per transaction).
     */
    async flushSendBatch(t: Tx, batch: SendBatch): Promise<{ actor: Actor; input: AuditInput }[]> {
      const stored = new Map((await store.insertOutboxMany(t, batch.rows.map((r) => r.row))).map((r) => [r.id, r]));
      const audits = batch.rows.map(({ actor, row }) => ({ actor, input: { action: 'exchange.envelope.send', entity: 'exchange_outbox', entityId: row.id, state: store.outboxState(stored.get(row.id)!) } }));
      batch.rows.length = 0;
      return audits;
    },

    /** Whether this node delivers to `state`: an enrolled peer that is active here. */
    async reaches(state: string, tx?: Tx): Promise<boolean> {
      const peer = await store.peerByState(tx ?? db, state);
      return peer?.status === 'active';
    },

    /**
     * Puts an envelope this node has already signed (a tracing document, whose file and whose delivery must
     * be the same bytes) into the outbox, in the caller's transaction. It must be a valid envelope from this
     * State, signed by this node's key, to an enrolled peer.
     */
    async carry(actor: Actor, token: string, tx?: Tx): Promise<SentRecord> {
      const parsed = parseEnvelopeToken(token, ctx.settings.maxBytes);
      const invalid = (message: string, fields: { field: string; message: string; code: string }[] = []) => new RuleViolationError(message, fields, { code: 'exchange.envelope_invalid' });
      if (!parsed.ok) throw invalid(`Not a signed envelope (${parsed.code}).`, (parsed.fields ?? []).map((f) => ({ ...f, code: f.code ?? parsed.code })));
      const envelope = parsed.envelope;
      if (envelope.from !== ctx.deps.config.state) throw invalid(`The envelope is from ${envelope.from}, not from this node's State.`, [{ field: 'from', message: 'not this State', code: 'exchange.not_ours' }]);
      try {
        await verifyCompactJws(token, (await ctx.keys()).publicJwks());
      } catch (err) {
        if (err instanceof JwsVerificationError) throw invalid('The envelope is not signed by this node.', [{ field: 'signature', message: err.message, code: 'exchange.not_ours' }]);
        throw err;
      }
      return inTransaction(db, tx, (t) => queue(t, actor, envelope, token));
    },

    /**
     * One pass of the sender loop: dead-letters what is overdue, then claims due envelopes and tries each
     * once. Peers are served in parallel; to one peer, up to `sendConcurrency` envelopes are in flight at
     * once, except that a type the catalogue marks ordered is claimed only when no earlier envelope of an
     * ordered type to that peer is pending (claimDue), so ordered types still go one at a time, in order.
     * The first envelope to a peer goes alone (a probe) and the first failure stops the pass for that peer:
     * what was not started waits for its next turn (a peer that is down costs one timeout per pass, not one
     * per envelope).
     */
    async deliverDue(limit = 200): Promise<DeliveryPass> {
      const now = clock.now();
      const pass: DeliveryPass = { attempted: 0, delivered: 0, failed: 0, dead: 0 };
      for (const row of await store.overduePending(db, new Date(now.getTime() - ctx.settings.deadLetterAfterMs), now, limit)) {
        if (await deadLetter(row, deadLetterReason({ createdAt: new Date(row.created_at), expiresAt: new Date(row.expires_at) }, now, ctx.settings.deadLetterAfterMs) ?? 'overdue')) pass.dead++;
      }
      // RETURNING has no order: each peer's envelopes are started in id (creation) order.
      const claimed = (await store.claimDue(db, now, new Date(now.getTime() + ctx.settings.requestTimeoutMs * 2 + 5_000), limit)).sort((x, y) => (x.id < y.id ? -1 : 1));
      // The peer register once per pass: the status, relay and pinned keys every attempt and ack check uses.
      const peers = claimed.length > 0 ? new Map((await store.listPeers(db)).map((p) => [p.state, p])) : new Map<string, store.PeerRow>();
      const byPeer = new Map<string, store.OutboxRow[]>();
      for (const row of claimed) byPeer.set(row.peer_state, [...(byPeer.get(row.peer_state) ?? []), row]);
      const width = Math.max(1, ctx.settings.sendConcurrency);
      await Promise.all(
        [...byPeer.values()].map(async (rows) => {
          let next = 0;
          let stopped = false;
          const one = async () => {
            const row = rows[next++];
            pass.attempted++;
            const outcome = await attempt(row, peers);
            pass[outcome]++;
            if (outcome === 'failed') stopped = true;
          };
          // To an inbox that announced batch delivery (learnt from its answers, the probe's first), several
          // envelopes per POST: the rest of the pass shared between the lanes, within what it announced.
          const route = routeOf(rows[0], peers);
          let share = 0;
          const batchOf = (): store.OutboxRow[] => {
            const announced = 'url' in route && ctx.transport.postMessages ? batching.get(route.url) : undefined;
            if (!announced || 'failure' in route) return [];
            const most = Math.min(announced.messages, Math.max(2, share));
            const batch: store.OutboxRow[] = [];
            let bytes = 64;
            while (next + batch.length < rows.length && batch.length < most) {
              const size = batchBytes(rows[next + batch.length], route);
              if (bytes + size > announced.bytes) break;
              batch.push(rows[next + batch.length]);
              bytes += size;
            }
            return batch.length > 1 ? batch : [];
          };
          const lane = async () => {
            while (!stopped && next < rows.length) {
              const batch = batchOf();
              if (batch.length === 0) {
                await one();
                continue;
              }
              next += batch.length;
              pass.attempted += batch.length;
              const outcomes = await attemptBatch(batch, route as Route);
              for (const o of outcomes) pass[o]++;
              if (outcomes.includes('failed')) stopped = true;
            }
          };
          // The first envelope goes alone, as a probe: only a peer that answered gets the others in parallel.
          await one();
          share = Math.ceil((rows.length - next) / width);
          if (!stopped) await Promise.all(Array.from({ length: Math.min(width, rows.length - next) }, lane));
          // A peer that cannot be reached now will not be reached by the next envelope either: the rest
          // wait for their next turn (their lease lapses; ordered ones keep their order).
          for (const rest of rows.slice(next)) {
            await store.markAttemptFailed(db, rest.id, clock.now(), new Date(clock.now().getTime() + retryDelayMs(rest.attempts + 1, ctx.settings.retryBaseMs, ctx.settings.retryMaxMs, ctx.random())), 'not tried: an earlier envelope to this peer failed in the same pass');
          }
        }),
      );
      return pass;
    },

    async listOutbox(actor: Actor, query: unknown) {
      exchangePolicy.require(actor, 'exchange.traffic.read');
      const q = parseInput(outboxQuery, query);
      const after = decodeCursor(q.cursor, z.string().uuid());
      const rows = await store.listOutbox(db, q.status, after, q.limit + 1);
      const items = rows.slice(0, q.limit).map(store.outboxView);
      return { items, nextCursor: rows.length > q.limit ? encodeCursor(items[items.length - 1].id) : null };
    },

    async outboxCounts(actor: Actor) {
      exchangePolicy.require(actor, 'exchange.traffic.read');
      return store.outboxCounts(db);
    },
  };
}

/** Runs the sender loop until stopped; a pass that throws (database briefly away) is logged and the loop goes on. */
export function startSenderLoop(deliverDue: () => Promise<DeliveryPass>, pollMs: number, log: ExchangeContext['deps']['log']): { stop(): Promise<void>; kick(): void } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const run = () => {
    if (stopped) return;
    clearTimeout(timer);
    running = running.then(async () => {
      if (stopped) return;
      try {
        const pass = await deliverDue();
        // A full pass means there is more waiting, and a delivery may have released the next envelope of an
        // ordered type: go again at once (a pass that delivered nothing waits for the next poll).
        if (pass.attempted >= 200 || pass.delivered > 0) setImmediate(run);
      } catch (err) {
        log.error({ err }, 'exchange: sender pass failed');
      }
    });
    timer = setTimeout(run, pollMs);
    timer.unref();
  };
  timer = setTimeout(run, 0);
  timer.unref();
  return {
    kick: run,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
