/**
 * The peer register: enrolling another State's node by the fingerprint its administrator reads out,
 * suspending and reactivating it, changing what it may send, and re-pinning its key by hand. Every
 * change is a trust decision, so every one is audited with the peer's whole new state.
 */
import type { Actor } from '../platform/auth/actor.ts';
import { recordAudit, unchanged } from '../platform/audit/record.ts';
import { ConflictError, NotFoundError, RuleViolationError } from '../platform/http/errors.ts';
import type { Tx } from '../platform/db/types.ts';
import { inTransaction } from '../platform/tx.ts';
import { parseInput, type ExchangeContext } from './context.ts';
import { repin, type Refusal } from './model.ts';
import { confirmEnrolment, enrolmentCandidates, verifiedEncryptionKey, type EnrolmentCandidate } from './pins.ts';
import { exchangePolicy } from './policy.ts';
import { peerAddInput, peerPreviewInput, peerReactivateInput, peerRepinInput, peerSuspendInput, peerUpdateInput } from './schemas.ts';
import * as store from './store.ts';
import { TransportError } from './transport.ts';

function refused(r: Refusal, field: string): RuleViolationError {
  return new RuleViolationError(r.message, [{ field, message: r.message, code: r.code }], { code: r.code });
}

async function fetchJwks(ctx: ExchangeContext, baseUrl: string): Promise<unknown> {
  try {
    return await ctx.transport.fetchJwks(baseUrl);
  } catch (err) {
    if (err instanceof TransportError) throw new RuleViolationError(err.message, [{ field: 'baseUrl', message: err.message, code: 'exchange.peer_unreachable' }], { code: 'exchange.peer_unreachable' });
    throw err;
  }
}

async function requirePeer(tx: Tx, state: string): Promise<store.PeerRow> {
  const row = await store.peerByState(tx, state, true);
  if (!row) throw new NotFoundError('Peer', state);
  return row;
}

async function save(ctx: ExchangeContext, tx: Tx, actor: Actor, before: store.PeerRow, after: store.PeerRow, action: string, reason: string | null) {
  if (unchanged(store.peerState(before), store.peerState({ ...after, updated_at: before.updated_at }))) return store.peerState(before);
  const row = await store.updatePeer(tx, after);
  await recordAudit(tx, actor, ctx.deps.clock, { action, entity: 'exchange_peer', entityId: row.state, reason, state: store.peerState(row) });
  return store.peerState(row);
}

export function peerUseCases(ctx: ExchangeContext) {
  const { db, clock } = ctx.deps;
  return {
    /** The signing keys a node publishes, each with the fingerprint to compare by telephone before enrolling it. */
    async previewPeer(actor: Actor, input: unknown): Promise<{ baseUrl: string; candidates: EnrolmentCandidate[]; encryptionKey: boolean }> {
      exchangePolicy.require(actor, 'exchange.peers.manage');
      const { baseUrl } = parseInput(peerPreviewInput, input);
      const jwks = await fetchJwks(ctx, baseUrl);
      const keys = (jwks as { keys?: unknown[] })?.keys;
      return { baseUrl, candidates: await enrolmentCandidates(jwks), encryptionKey: Array.isArray(keys) && keys.some((k) => (k as { use?: string }).use === 'enc') };
    },

    /**
     * Enrols a peer: fetches its key set from its base URL, pins the signing key whose fingerprint the
     * administrator confirmed, and takes its X25519 key if it is bound to that key (relayed envelopes
     * need it; direct delivery does not).
     */
    async addPeer(actor: Actor, input: unknown, tx?: Tx) {
      exchangePolicy.require(actor, 'exchange.peers.manage');
      const body = parseInput(peerAddInput, input);
      if (body.state === ctx.deps.config.state) throw new RuleViolationError(`${body.state} is this node's own State.`, [{ field: 'state', message: 'a node does not enrol itself', code: 'exchange.peer_self' }]);
      const jwks = await fetchJwks(ctx, body.baseUrl);
      const now = clock.now();
      const enrolled = await confirmEnrolment(jwks, body.fingerprint, now);
      if (!enrolled.ok) throw refused(enrolled, 'fingerprint');
      const peer = { state: body.state, status: 'active' as const, pins: enrolled.pins, allowedTypes: body.allowedTypes };
      const enc = await verifiedEncryptionKey(peer, jwks, now);
      return inTransaction(db, tx, async (t) => {
        const row = await store.insertPeer(t, {
          state: body.state,
          base_url: body.baseUrl,
          status: 'active',
          status_reason: null,
          pins: enrolled.pins,
          allowed_types: [...new Set(body.allowedTypes)],
          encryption_key: enc.ok ? enc.key : null,
          enrolled_fingerprint: enrolled.fingerprint,
          enrolled_at: now,
          updated_at: now,
          relay_via: null,
          relay_allowed: false,
        });
        if (!row) throw new ConflictError(`${body.state} is already enrolled; use rotate-pin to change its key.`, [{ field: 'state', message: 'already enrolled', code: 'exchange.peer_exists' }]);
        await recordAudit(t, actor, clock, { action: 'exchange.peer.enrol', entity: 'exchange_peer', entityId: row.state, state: store.peerState(row) });
        return store.peerState(row);
      });
    },

    async listPeers(actor: Actor, tx?: Tx) {
      exchangePolicy.require(actor, 'exchange.peers.read');
      return (await store.listPeers(tx ?? db)).map(store.peerState);
    },

    async getPeer(actor: Actor, state: string, tx?: Tx) {
      exchangePolicy.require(actor, 'exchange.peers.read');
      const row = await store.peerByState(tx ?? db, state);
      if (!row) throw new NotFoundError('Peer', state);
      return store.peerState(row);
    },

    async updatePeer(actor: Actor, state: string, input: unknown, tx?: Tx) {
      exchangePolicy.require(actor, 'exchange.peers.manage');
      const body = parseInput(peerUpdateInput, input);
      return inTransaction(db, tx, async (t) => {
        const before = await requirePeer(t, state);
        if (body.relayVia) {
          const relay = body.relayVia === state || body.relayVia === ctx.deps.config.state ? undefined : await store.peerByState(t, body.relayVia);
          if (!relay) throw new RuleViolationError(`${body.relayVia} is not another enrolled peer.`, [{ field: 'relayVia', message: 'not another enrolled peer', code: 'exchange.relay_unknown' }]);
          if (!before.encryption_key) throw new RuleViolationError(`${state} published no X25519 key bound to its signing key: envelopes a relay carries are encrypted to it.`, [{ field: 'relayVia', message: 'the peer has no encryption key', code: 'enc_key.missing' }]);
        }
        const after = {
          ...before,
          base_url: body.baseUrl ?? before.base_url,
          allowed_types: body.allowedTypes ? [...new Set(body.allowedTypes)] : before.allowed_types,
          relay_via: body.relayVia === undefined ? before.relay_via : body.relayVia,
          relay_allowed: body.relayAllowed ?? before.relay_allowed,
          updated_at: clock.now(),
        };
        return save(ctx, t, actor, before, after, 'exchange.peer.update', null);
      });
    },

    /**
     * A suspended peer's envelopes are refused (envelope.sender_suspended, retryable) and nothing is sent to it:
     * what is queued for it (envelopes made before, the withdrawal of a lost/stolen report it holds) waits in the
     * outbox until it is reactivated, or is dead-lettered with the alert when it waits too long.
     */
    async suspendPeer(actor: Actor, state: string, input: unknown, tx?: Tx) {
      exchangePolicy.require(actor, 'exchange.peers.manage');
      const { reason } = parseInput(peerSuspendInput, input);
      return inTransaction(db, tx, async (t) => {
        const before = await requirePeer(t, state);
        return save(ctx, t, actor, before, { ...before, status: 'suspended', status_reason: reason, updated_at: clock.now() }, 'exchange.peer.suspend', reason);
      });
    },

    async reactivatePeer(actor: Actor, state: string, input: unknown, tx?: Tx) {
      exchangePolicy.require(actor, 'exchange.peers.manage');
      const { reason } = parseInput(peerReactivateInput, input ?? {});
      return inTransaction(db, tx, async (t) => {
        const before = await requirePeer(t, state);
        // What waited in the outbox while the peer was suspended (a withdrawal of a lost/stolen report, an
        // envelope queued before the suspension) goes at the sender's next pass, not after its backed-off retry.
        if (before.status !== 'active') await store.makePendingDue(t, before.state, clock.now());
        return save(ctx, t, actor, before, { ...before, status: 'active', status_reason: null, updated_at: clock.now() }, 'exchange.peer.reactivate', reason ?? null);
      });
    },

    /**
     * Re-pins a peer by hand after its administrator read out a new fingerprint (its old key was lost or
     * leaked): the key set is fetched again, the confirmed key becomes the only current pin and the others
     * stop being accepted after the grace given (none by default).
     */
    async repinPeer(actor: Actor, state: string, input: unknown, tx?: Tx) {
      exchangePolicy.require(actor, 'exchange.peers.manage');
      const body = parseInput(peerRepinInput, input);
      const current = await store.peerByState(tx ?? db, state);
      if (!current) throw new NotFoundError('Peer', state);
      const jwks = await fetchJwks(ctx, current.base_url);
      const now = clock.now();
      const confirmed = await confirmEnrolment(jwks, body.fingerprint, now);
      if (!confirmed.ok) throw refused(confirmed, 'fingerprint');
      return inTransaction(db, tx, async (t) => {
        const before = await requirePeer(t, state);
        const pins = repin(store.peerRecord(before), confirmed.pins[0], now, body.graceHours * 3_600_000);
        const enc = await verifiedEncryptionKey({ ...store.peerRecord(before), pins }, jwks, now);
        return save(ctx, t, actor, before, { ...before, pins, encryption_key: enc.ok ? enc.key : before.encryption_key, updated_at: now }, 'exchange.peer.repin', body.reason);
      });
    },
  };
}
