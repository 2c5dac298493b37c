/**
 * Relaying (docs/exchange.md §4, §13.9): this node carries an encrypted envelope from one peer to another
 * that the first cannot reach. It reads only the routing in the JWE's protected header (from, to, id,
 * expiresAt), forwards the same bytes at once — to the recipient's inbox, or, when this node itself reaches
 * the recipient through another relay (its `relayVia` for the recipient), to that relay's (chained relays) —
 * and hands back the answer as it came (the recipient's signed ack, or a refusal), so delivery state stays
 * with the sender's outbox. It cannot read the content (encrypted to the recipient's X25519 key) and cannot
 * alter it or the routing unnoticed (A256GCM authenticates the header): the recipient refuses
 * `envelope.decryption_failed`.
 */
import { SYSTEM_ACTOR } from '../platform/auth/actor.ts';
import { recordAudit } from '../platform/audit/record.ts';
import { sha256Hex } from '../platform/crypto/canonical.ts';
import { AppError, PROBLEM_BASE } from '../platform/http/errors.ts';
import type { ExchangeContext } from './context.ts';
import type { Routing } from './envelope.ts';
import * as store from './store.ts';
import { TransportError } from './transport.ts';

/** A relay's refusal: problem+json with a `relay.*` code; `retryable` when an administrator or the network can change it. */
export class RelayRefusedError extends AppError {
  constructor(status: number, code: string, message: string, retryable: boolean) {
    super(status, `${PROBLEM_BASE}envelope-refused`, 'Envelope refused', message, [], { code, params: {}, retryable });
  }
}

export interface Relayed {
  relayed: true;
  /** The recipient's HTTP status and JSON answer, handed back unchanged. */
  status: number;
  body: unknown;
}

/**
 * What each node is forwarding now, by (from, id). The same envelope coming back while its forward is still
 * waiting for an answer went round a loop of relays (each hands it to the next by its own `relayVia`): it is
 * refused, and the refusal travels back along the loop to the sender, which retries once an administrator
 * has corrected a route. Per node, not per process (tests run several nodes in one process).
 */
const forwarding = new WeakMap<ExchangeContext, Set<string>>();

export async function relayEnvelope(ctx: ExchangeContext, jwe: string, routing: Routing): Promise<Relayed> {
  const { db, clock, log } = ctx.deps;
  const [from, to] = await Promise.all([store.peerByState(db, routing.from), store.peerByState(db, routing.to)]);
  if (!from || from.status !== 'active' || !from.relay_allowed) {
    throw new RelayRefusedError(403, 'relay.not_allowed', `This node does not carry envelopes from ${routing.from}.`, true);
  }
  if (!to || to.status !== 'active' || to.state === routing.from) {
    throw new RelayRefusedError(403, 'relay.unknown_recipient', `This node does not carry envelopes to ${routing.to}.`, true);
  }
  const now = clock.now();
  if (Date.parse(routing.expiresAt) + ctx.settings.clockSkewMs <= now.getTime()) {
    throw new RelayRefusedError(422, 'envelope.expired', `The envelope expired at ${routing.expiresAt}; a relay drops it.`, false);
  }
  // The next hop: the recipient, or the relay this node reaches it through.
  const next = to.relay_via ? await store.peerByState(db, to.relay_via) : to;
  if (!next || next.status !== 'active' || next.state === routing.from) {
    throw new RelayRefusedError(502, 'relay.unreachable', `${routing.to} is reached from this relay through ${to.relay_via}, which is not an active peer here.`, true);
  }
  const key = `${routing.from}|${routing.id}`;
  const inFlight = forwarding.get(ctx) ?? forwarding.set(ctx, new Set()).get(ctx)!;
  if (inFlight.has(key)) {
    throw new RelayRefusedError(508, 'relay.loop', `This node is already forwarding envelope ${routing.id} from ${routing.from}: the relays' routes to ${routing.to} form a loop (or an earlier attempt is still waiting); retry later.`, true);
  }
  let answer: { status: number; body: unknown };
  inFlight.add(key);
  try {
    answer = await ctx.transport.postMessage(next.base_url, jwe);
  } catch (err) {
    if (!(err instanceof TransportError)) throw err;
    throw new RelayRefusedError(502, 'relay.unreachable', `${routing.to} cannot be reached from this relay now${next === to ? '' : ` (through ${next.state})`}: ${err.message}`, true);
  } finally {
    inFlight.delete(key);
  }
  await db.transaction(async (t) => {
    const first = await store.recordRelayed(t, { from_state: routing.from, envelope_id: routing.id, to_state: routing.to, expires_at: new Date(routing.expiresAt), first_sha256: sha256Hex(jwe), last_status: answer.status, at: now });
    if (first) await recordAudit(t, SYSTEM_ACTOR, clock, { action: 'exchange.envelope.relay', entity: 'exchange_relayed', entityId: `${first.from_state}/${first.envelope_id}`, reason: `HTTP ${answer.status}`, state: store.relayedState(first) });
  });
  log.info({ relayFrom: routing.from, relayTo: routing.to, ...(next === to ? {} : { relayNext: next.state }), envelopeId: routing.id, status: answer.status }, 'exchange: envelope relayed');
  return { relayed: true, status: answer.status, body: answer.body };
}
