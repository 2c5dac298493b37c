/**
 * SQL for the exchange tables only: peers, outbox, inbox. Every function takes a Queryable so it runs
 * inside the caller's transaction.
 */
import type { Queryable } from '../platform/db/types.ts';
import type { PeerRecord, PeerStatus, PinnedKey } from './model.ts';

// ---------------------------------------------------------------------------------------------
// Peers

export interface PeerRow {
  state: string;
  base_url: string;
  status: PeerStatus;
  status_reason: string | null;
  pins: PinnedKey[];
  allowed_types: string[];
  encryption_key: { kid: string; x: string } | null;
  enrolled_fingerprint: string;
  enrolled_at: Date;
  updated_at: Date;
  /** Deliver through this peer's node (relaying), or null: directly. */
  relay_via: string | null;
  /** This peer may hand this node envelopes for other peers to carry. */
  relay_allowed: boolean;
}

/** The peer as the audit log records it and `audit verify` re-reads it. */
export function peerState(r: PeerRow) {
  return {
    state: r.state,
    baseUrl: r.base_url,
    status: r.status,
    statusReason: r.status_reason,
    pins: r.pins.map((p) => ({ kid: p.kid, x: p.x, pinnedAt: p.pinnedAt, source: p.source, acceptUntil: p.acceptUntil })),
    allowedTypes: [...r.allowed_types],
    encryptionKey: r.encryption_key ? { kid: r.encryption_key.kid, x: r.encryption_key.x } : null,
    enrolledFingerprint: r.enrolled_fingerprint,
    enrolledAt: new Date(r.enrolled_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
    // Present only when set, so a peer audited before relaying existed re-reads with the hash it was audited with.
    ...(r.relay_via ? { relayVia: r.relay_via } : {}),
    ...(r.relay_allowed ? { relayAllowed: true } : {}),
  };
}
export type PeerState = ReturnType<typeof peerState>;

/** What the envelope rules need of a peer. */
export function peerRecord(r: PeerRow): PeerRecord {
  return { state: r.state, status: r.status, pins: r.pins, allowedTypes: r.allowed_types };
}

export async function peersByStates(q: Queryable, states: readonly string[]): Promise<PeerRow[]> {
  return q.query<PeerRow>('SELECT * FROM exchange_peer WHERE state = ANY($1::text[]) ORDER BY state', [states]);
}

export async function peerByState(q: Queryable, state: string, forUpdate = false): Promise<PeerRow | undefined> {
  const [row] = await q.query<PeerRow>(`SELECT * FROM exchange_peer WHERE state = $1${forUpdate ? ' FOR UPDATE' : ''}`, [state]);
  return row;
}

export async function listPeers(q: Queryable): Promise<PeerRow[]> {
  return q.query<PeerRow>('SELECT * FROM exchange_peer ORDER BY state');
}

export async function insertPeer(q: Queryable, r: PeerRow): Promise<PeerRow | undefined> {
  const [row] = await q.query<PeerRow>(
    `INSERT INTO exchange_peer (state, base_url, status, status_reason, pins, allowed_types, encryption_key, enrolled_fingerprint, enrolled_at, updated_at, relay_via, relay_allowed)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6::text[], $7::jsonb, $8, $9, $10, $11, $12) ON CONFLICT (state) DO NOTHING RETURNING *`,
    [
      r.state, r.base_url, r.status, r.status_reason, JSON.stringify(r.pins), r.allowed_types, r.encryption_key ? JSON.stringify(r.encryption_key) : null, r.enrolled_fingerprint, r.enrolled_at.toISOString(),
      r.updated_at.toISOString(), r.relay_via, r.relay_allowed,
    ],
  );
  return row;
}

export async function updatePeer(q: Queryable, r: PeerRow): Promise<PeerRow> {
  const [row] = await q.query<PeerRow>(
    `UPDATE exchange_peer SET base_url = $2, status = $3, status_reason = $4, pins = $5::jsonb, allowed_types = $6::text[], encryption_key = $7::jsonb, updated_at = $8, relay_via = $9, relay_allowed = $10
     WHERE state = $1 RETURNING *`,
    [r.state, r.base_url, r.status, r.status_reason, JSON.stringify(r.pins), r.allowed_types, r.encryption_key ? JSON.stringify(r.encryption_key) : null, new Date(r.updated_at).toISOString(), r.relay_via, r.relay_allowed],
  );
  return row;
}

// ---------------------------------------------------------------------------------------------
// Outbox

export type OutboxStatus = 'pending' | 'delivered' | 'dead';

export interface OutboxRow {
  id: string;
  peer_state: string;
  type: string;
  in_reply_to: string | null;
  ordered: boolean;
  token: string;
  sha256: string;
  created_at: Date;
  expires_at: Date;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: Date;
  lease_until: Date | null;
  last_attempt_at: Date | null;
  last_error: string | null;
  delivered_at: Date | null;
  ack_token: string | null;
  dead_at: Date | null;
  dead_reason: string | null;
  /** The body's caseReference, kept beside the signed bytes (not audited: it is read from them). */
  case_reference: string | null;
  /** The body's reportReference (lost/stolen notices, hit notifications), likewise. */
  report_reference: string | null;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/** The outbox entry as audited: what was sent and what became of it, not the sender loop's attempts. */
export function outboxState(r: OutboxRow) {
  return {
    id: r.id,
    to: r.peer_state,
    type: r.type,
    inReplyTo: r.in_reply_to,
    sha256: r.sha256,
    createdAt: iso(r.created_at),
    expiresAt: iso(r.expires_at),
    status: r.status,
    deliveredAt: iso(r.delivered_at),
    deadAt: iso(r.dead_at),
    deadReason: r.dead_reason,
  };
}

/** The outbox entry as operators see it (attempts included). */
export function outboxView(r: OutboxRow) {
  return { ...outboxState(r), ordered: r.ordered, attempts: r.attempts, nextAttemptAt: iso(r.next_attempt_at), lastAttemptAt: iso(r.last_attempt_at), lastError: r.last_error };
}

export type NewOutboxRow = Pick<OutboxRow, 'id' | 'peer_state' | 'type' | 'in_reply_to' | 'ordered' | 'token' | 'sha256' | 'created_at' | 'expires_at' | 'next_attempt_at' | 'case_reference' | 'report_reference'>;

export async function insertOutbox(q: Queryable, r: NewOutboxRow): Promise<OutboxRow> {
  const [row] = await q.query<OutboxRow>(
    `INSERT INTO exchange_outbox (id, peer_state, type, in_reply_to, ordered, token, sha256, created_at, expires_at, status, next_attempt_at, case_reference, report_reference)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'pending', $10, $11, $12) RETURNING *`,
    [r.id, r.peer_state, r.type, r.in_reply_to, r.ordered, r.token, r.sha256, r.created_at.toISOString(), r.expires_at.toISOString(), r.next_attempt_at.toISOString(), r.case_reference, r.report_reference],
  );
  return row;
}

/** Inserts several envelopes in one statement; returns the rows (in no particular order). */
export async function insertOutboxMany(q: Queryable, rows: readonly NewOutboxRow[]): Promise<OutboxRow[]> {
  if (rows.length === 0) return [];
  return q.query<OutboxRow>(
    `INSERT INTO exchange_outbox (id, peer_state, type, in_reply_to, ordered, token, sha256, created_at, expires_at, status, next_attempt_at, case_reference, report_reference)
     SELECT u.id, u.peer_state, u.type, u.in_reply_to, u.ordered, u.token, u.sha256, u.created_at, u.expires_at, 'pending', u.next_attempt_at, u.case_reference, u.report_reference
     FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::boolean[], $6::text[], $7::text[], $8::timestamptz[], $9::timestamptz[], $10::timestamptz[], $11::text[], $12::text[])
       AS u(id, peer_state, type, in_reply_to, ordered, token, sha256, created_at, expires_at, next_attempt_at, case_reference, report_reference)
     ORDER BY u.id
     RETURNING *`,
    [
      rows.map((r) => r.id), rows.map((r) => r.peer_state), rows.map((r) => r.type), rows.map((r) => r.in_reply_to), rows.map((r) => r.ordered), rows.map((r) => r.token), rows.map((r) => r.sha256),
      rows.map((r) => r.created_at.toISOString()), rows.map((r) => r.expires_at.toISOString()), rows.map((r) => r.next_attempt_at.toISOString()), rows.map((r) => r.case_reference), rows.map((r) => r.report_reference),
    ],
  );
}

export async function outboxByIds(q: Queryable, ids: readonly string[]): Promise<OutboxRow[]> {
  return q.query<OutboxRow>('SELECT * FROM exchange_outbox WHERE id = ANY($1::uuid[])', [ids]);
}

export async function outboxById(q: Queryable, id: string): Promise<OutboxRow | undefined> {
  const [row] = await q.query<OutboxRow>('SELECT * FROM exchange_outbox WHERE id = $1', [id]);
  return row;
}

/**
 * Claims up to `limit` due envelopes for one attempt each: pending, due, not leased by another sender,
 * and, for a type delivered in order, with no earlier pending envelope of an ordered type to the same
 * peer. The lease (not a transaction held over the network: PGlite is one connection) keeps a second
 * sender process off them; an expired lease (a sender that died) makes them due again.
 */
export async function claimDue(q: Queryable, now: Date, leaseUntil: Date, limit: number): Promise<OutboxRow[]> {
  return q.query<OutboxRow>(
    `UPDATE exchange_outbox SET lease_until = $2
     WHERE id IN (
       SELECT o.id FROM exchange_outbox o
       WHERE o.status = 'pending' AND o.next_attempt_at <= $1 AND (o.lease_until IS NULL OR o.lease_until <= $1)
         AND (NOT o.ordered OR NOT EXISTS (
           SELECT 1 FROM exchange_outbox p WHERE p.peer_state = o.peer_state AND p.ordered AND p.status = 'pending' AND p.id < o.id))
       ORDER BY o.id
       LIMIT $3
       FOR UPDATE SKIP LOCKED)
     RETURNING *`,
    [now.toISOString(), leaseUntil.toISOString(), limit],
  );
}

export async function markAttemptFailed(q: Queryable, id: string, at: Date, nextAttemptAt: Date, error: string): Promise<void> {
  await q.query(
    `UPDATE exchange_outbox SET attempts = attempts + 1, last_attempt_at = $2, next_attempt_at = $3, last_error = $4, lease_until = NULL WHERE id = $1 AND status = 'pending'`,
    [id, at.toISOString(), nextAttemptAt.toISOString(), error.slice(0, 2000)],
  );
}

/** Marks delivered; returns the row only if this call changed it (a concurrent sender may have done it). */
export async function markDelivered(q: Queryable, id: string, at: Date, ackToken: string): Promise<OutboxRow | undefined> {
  const [row] = await q.query<OutboxRow>(
    `UPDATE exchange_outbox SET status = 'delivered', attempts = attempts + 1, last_attempt_at = $2, delivered_at = $2, ack_token = $3, lease_until = NULL, last_error = NULL
     WHERE id = $1 AND status = 'pending' RETURNING *`,
    [id, at.toISOString(), ackToken],
  );
  return row;
}

/** Marks several delivered in one statement (a batch delivery's acks); returns the rows this call changed. */
export async function markDeliveredMany(q: Queryable, acks: readonly { id: string; ackToken: string }[], at: Date): Promise<OutboxRow[]> {
  if (acks.length === 0) return [];
  return q.query<OutboxRow>(
    `UPDATE exchange_outbox o SET status = 'delivered', attempts = o.attempts + 1, last_attempt_at = $3, delivered_at = $3, ack_token = a.ack_token, lease_until = NULL, last_error = NULL
     FROM unnest($1::uuid[], $2::text[]) AS a(id, ack_token)
     WHERE o.id = a.id AND o.status = 'pending' RETURNING o.*`,
    [acks.map((a) => a.id), acks.map((a) => a.ackToken), at.toISOString()],
  );
}

export async function markDead(q: Queryable, id: string, at: Date, reason: string): Promise<OutboxRow | undefined> {
  const [row] = await q.query<OutboxRow>(
    `UPDATE exchange_outbox SET status = 'dead', attempts = attempts + 1, last_attempt_at = $2, dead_at = $2, dead_reason = $3, last_error = $3, lease_until = NULL
     WHERE id = $1 AND status = 'pending' RETURNING *`,
    [id, at.toISOString(), reason.slice(0, 2000)],
  );
  return row;
}

/** Pending envelopes made before `cutoff`: dead letters to be. */
export async function overduePending(q: Queryable, cutoff: Date, now: Date, limit: number): Promise<OutboxRow[]> {
  return q.query<OutboxRow>(
    `SELECT * FROM exchange_outbox WHERE status = 'pending' AND (created_at <= $1 OR expires_at <= $2) ORDER BY id LIMIT $3`,
    [cutoff.toISOString(), now.toISOString(), limit],
  );
}

export async function listOutbox(q: Queryable, status: OutboxStatus | undefined, after: string | undefined, limit: number): Promise<OutboxRow[]> {
  return q.query<OutboxRow>(
    `SELECT * FROM exchange_outbox WHERE ($1::text IS NULL OR status = $1) AND ($2::uuid IS NULL OR id < $2) ORDER BY id DESC LIMIT $3`,
    [status ?? null, after ?? null, limit],
  );
}

/** Makes the envelopes waiting for `peer` due at `at` (a reactivated peer): operational state, not audited. */
export async function makePendingDue(q: Queryable, peer: string, at: Date): Promise<void> {
  await q.query("UPDATE exchange_outbox SET next_attempt_at = $2 WHERE peer_state = $1 AND status = 'pending' AND next_attempt_at > $2", [peer, at.toISOString()]);
}

export async function outboxCounts(q: Queryable): Promise<Record<OutboxStatus, number>> {
  const rows = await q.query<{ status: OutboxStatus; n: number }>('SELECT status, count(*)::int8 AS n FROM exchange_outbox GROUP BY status');
  const out: Record<OutboxStatus, number> = { pending: 0, delivered: 0, dead: 0 };
  for (const r of rows) out[r.status] = Number(r.n);
  return out;
}

/** Whether a key_rotation announcing `newKid` to `peer` is already in the outbox (a rotation run again after a crash). */
export async function pendingRotationTo(q: Queryable, peer: string, newKid: string): Promise<boolean> {
  const rows = await q.query<{ token: string }>("SELECT token FROM exchange_outbox WHERE peer_state = $1 AND type = 'key_rotation' AND status <> 'dead'", [peer]);
  return rows.some((r) => (JSON.parse(Buffer.from(r.token.split('.')[1], 'base64url').toString('utf8')) as { body: { newKey: { kid: string } } }).body.newKey.kid === newKid);
}

/** What this node sent among these ids, for the reply rule. */
export async function sentEnvelopes(q: Queryable, ids: readonly string[]): Promise<{ id: string; to: string; type: string }[]> {
  if (ids.length === 0) return [];
  return q.query<{ id: string; to: string; type: string }>('SELECT id, peer_state AS "to", type FROM exchange_outbox WHERE id = ANY($1::uuid[])', [ids]);
}

/** What this node sent, for the reply rule (an incoming answer must answer one of ours). */
export async function sentEnvelope(q: Queryable, id: string): Promise<{ id: string; to: string; type: string } | undefined> {
  const [row] = await q.query<{ id: string; to: string; type: string }>('SELECT id, peer_state AS "to", type FROM exchange_outbox WHERE id = $1', [id]);
  return row;
}

// ---------------------------------------------------------------------------------------------
// Inbox

export type InboxEffect = 'none' | 'applied' | 'queued' | 'answered';

export interface InboxRow {
  id: string;
  from_state: string;
  envelope_id: string;
  type: string;
  in_reply_to: string | null;
  kid: string;
  token: string;
  sha256: string;
  relayed_as: string | null;
  envelope: Record<string, unknown>;
  received_at: Date;
  effect: InboxEffect;
  effect_detail: Record<string, unknown> | null;
  answer_id: string | null;
}

/** The inbox entry as audited: which signed envelope arrived and what it did. */
export function inboxState(r: InboxRow) {
  return {
    id: r.id,
    from: r.from_state,
    envelopeId: r.envelope_id,
    type: r.type,
    inReplyTo: r.in_reply_to,
    kid: r.kid,
    sha256: r.sha256,
    relayed: r.relayed_as !== null,
    receivedAt: iso(r.received_at),
    effect: r.effect,
    effectDetail: r.effect_detail,
    answerId: r.answer_id,
  };
}

/** Inserts an accepted envelope unless (from, id) is held; returns the new row, or undefined when held. */
export async function insertInbox(q: Queryable, r: Omit<InboxRow, 'effect_detail' | 'answer_id'> & Partial<Pick<InboxRow, 'effect_detail' | 'answer_id'>>): Promise<InboxRow | undefined> {
  const [row] = await q.query<InboxRow>(
    `INSERT INTO exchange_inbox (id, from_state, envelope_id, type, in_reply_to, kid, token, sha256, relayed_as, envelope, received_at, effect, effect_detail, answer_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $12, $13::jsonb, $14) ON CONFLICT (from_state, envelope_id) DO NOTHING RETURNING *`,
    [
      r.id, r.from_state, r.envelope_id, r.type, r.in_reply_to, r.kid, r.token, r.sha256, r.relayed_as, JSON.stringify(r.envelope), r.received_at.toISOString(), r.effect,
      r.effect_detail ? JSON.stringify(r.effect_detail) : null, r.answer_id ?? null,
    ],
  );
  return row;
}

/**
 * Inserts accepted envelopes in one statement, skipping those whose (from, id) is held; returns the rows
 * inserted (in no particular order). The inbox writes the envelopes that arrived together this way.
 */
export async function insertInboxMany(q: Queryable, rows: readonly (Omit<InboxRow, 'effect_detail' | 'answer_id'>)[]): Promise<InboxRow[]> {
  if (rows.length === 0) return [];
  return q.query<InboxRow>(
    `INSERT INTO exchange_inbox (id, from_state, envelope_id, type, in_reply_to, kid, token, sha256, relayed_as, envelope, received_at, effect)
     SELECT u.id, u.from_state, u.envelope_id, u.type, u.in_reply_to, u.kid, u.token, u.sha256, u.relayed_as, u.envelope::jsonb, u.received_at, u.effect
     FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::uuid[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::timestamptz[], $12::text[])
       AS u(id, from_state, envelope_id, type, in_reply_to, kid, token, sha256, relayed_as, envelope, received_at, effect)
     ORDER BY u.id
     ON CONFLICT (from_state, envelope_id) DO NOTHING RETURNING *`,
    [
      rows.map((r) => r.id), rows.map((r) => r.from_state), rows.map((r) => r.envelope_id), rows.map((r) => r.type), rows.map((r) => r.in_reply_to), rows.map((r) => r.kid),
      rows.map((r) => r.token), rows.map((r) => r.sha256), rows.map((r) => r.relayed_as), rows.map((r) => JSON.stringify(r.envelope)), rows.map((r) => new Date(r.received_at).toISOString()),
      rows.map((r) => r.effect),
    ],
  );
}

/** The held envelopes among these (from, id) pairs. */
export async function heldEnvelopes(q: Queryable, keys: readonly { from: string; id: string }[]): Promise<InboxRow[]> {
  if (keys.length === 0) return [];
  return q.query<InboxRow>(
    'SELECT i.* FROM exchange_inbox i JOIN unnest($1::text[], $2::uuid[]) AS k(from_state, envelope_id) ON i.from_state = k.from_state AND i.envelope_id = k.envelope_id',
    [keys.map((k) => k.from), keys.map((k) => k.id)],
  );
}

/** Records the effects of several envelopes at once; returns the updated rows (in no particular order). */
export async function setInboxEffects(q: Queryable, updates: readonly { id: string; effect: InboxEffect; detail: Record<string, unknown> | null; answerId: string | null }[]): Promise<InboxRow[]> {
  if (updates.length === 0) return [];
  return q.query<InboxRow>(
    `UPDATE exchange_inbox i SET effect = u.effect, effect_detail = u.detail::jsonb, answer_id = u.answer_id
     FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[]) AS u(id, effect, detail, answer_id)
     WHERE i.id = u.id RETURNING i.*`,
    [updates.map((u) => u.id), updates.map((u) => u.effect), updates.map((u) => (u.detail ? JSON.stringify(u.detail) : null)), updates.map((u) => u.answerId)],
  );
}

export async function heldEnvelope(q: Queryable, from: string, envelopeId: string): Promise<InboxRow | undefined> {
  const [row] = await q.query<InboxRow>('SELECT * FROM exchange_inbox WHERE from_state = $1 AND envelope_id = $2', [from, envelopeId]);
  return row;
}

export async function inboxByIds(q: Queryable, ids: readonly string[]): Promise<InboxRow[]> {
  return q.query<InboxRow>('SELECT * FROM exchange_inbox WHERE id = ANY($1::uuid[])', [ids]);
}

export async function inboxById(q: Queryable, id: string, forUpdate = false): Promise<InboxRow | undefined> {
  const [row] = await q.query<InboxRow>(`SELECT * FROM exchange_inbox WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
  return row;
}

export async function setInboxEffect(q: Queryable, id: string, effect: InboxEffect, detail: Record<string, unknown> | null, answerId: string | null): Promise<InboxRow> {
  const [row] = await q.query<InboxRow>('UPDATE exchange_inbox SET effect = $2, effect_detail = $3::jsonb, answer_id = $4 WHERE id = $1 RETURNING *', [id, effect, detail ? JSON.stringify(detail) : null, answerId]);
  return row;
}

export async function listInbox(q: Queryable, filter: { effect?: InboxEffect; type?: string; from?: string }, after: string | undefined, limit: number): Promise<InboxRow[]> {
  return q.query<InboxRow>(
    `SELECT * FROM exchange_inbox WHERE ($1::text IS NULL OR effect = $1) AND ($2::text IS NULL OR type = $2) AND ($3::text IS NULL OR from_state = $3)
       AND ($4::uuid IS NULL OR id < $4) ORDER BY id DESC LIMIT $5`,
    [filter.effect ?? null, filter.type ?? null, filter.from ?? null, after ?? null, limit],
  );
}

/** Answers already received to an envelope we sent (by the answers' inReplyTo). */
export async function answersTo(q: Queryable, sentId: string): Promise<InboxRow[]> {
  return q.query<InboxRow>('SELECT * FROM exchange_inbox WHERE in_reply_to = $1 ORDER BY id', [sentId]);
}

// ---------------------------------------------------------------------------------------------
// Screens (issue 14, web): the messages a licensing case sent and the answers they got

/**
 * What this node sent naming a case (`body.caseReference` of an import check or transit notification).
 * The outbox keeps only the signed bytes, so the payload is decoded here (base64url → JSON); only the
 * two request types are scanned, and only compact JWS (three segments: an encrypted JWE has no readable payload).
 */
export async function outboxForCase(q: Queryable, caseReference: string, types: readonly string[]): Promise<OutboxRow[]> {
  return q.query<OutboxRow>('SELECT * FROM exchange_outbox WHERE case_reference = $1 AND type = ANY($2::text[]) ORDER BY id', [caseReference, types]);
}

/** The peers this node sent envelopes of `type` carrying `reportReference` (a lost/stolen report and its changes). */
export async function peersSentReport(q: Queryable, type: string, reportReference: string): Promise<string[]> {
  const rows = await q.query<{ peer_state: string }>('SELECT DISTINCT peer_state FROM exchange_outbox WHERE report_reference = $1 AND type = $2 ORDER BY peer_state', [reportReference, type]);
  return rows.map((r) => r.peer_state);
}

/** Envelopes received in answer to any of `sentIds`, oldest first. */
export async function inboxAnswering(q: Queryable, sentIds: readonly string[]): Promise<InboxRow[]> {
  if (sentIds.length === 0) return [];
  return q.query<InboxRow>('SELECT * FROM exchange_inbox WHERE in_reply_to = ANY($1::uuid[]) ORDER BY id', [sentIds]);
}

// ---------------------------------------------------------------------------------------------
// Relayed: what this node carried for other States

export interface RelayedRow {
  from_state: string;
  envelope_id: string;
  to_state: string;
  expires_at: Date;
  first_sha256: string;
  first_forwarded_at: Date;
  forwards: number;
  last_forwarded_at: Date;
  last_status: number;
}

/** What a relay's audit entry records: the routing it read and the bytes' hash, never content. */
export function relayedState(r: RelayedRow) {
  return { from: r.from_state, id: r.envelope_id, to: r.to_state, expiresAt: iso(r.expires_at), sha256: r.first_sha256, firstForwardedAt: iso(r.first_forwarded_at) };
}

/** Records a forward; returns the row only when it is the first for (from, id). */
export async function recordRelayed(q: Queryable, r: Omit<RelayedRow, 'forwards' | 'last_forwarded_at' | 'first_forwarded_at'> & { at: Date }): Promise<RelayedRow | undefined> {
  const [row] = await q.query<RelayedRow>(
    `INSERT INTO exchange_relayed (from_state, envelope_id, to_state, expires_at, first_sha256, first_forwarded_at, forwards, last_forwarded_at, last_status)
     VALUES ($1, $2, $3, $4, $5, $6, 1, $6, $7) ON CONFLICT (from_state, envelope_id) DO NOTHING RETURNING *`,
    [r.from_state, r.envelope_id, r.to_state, r.expires_at.toISOString(), r.first_sha256, r.at.toISOString(), r.last_status],
  );
  if (row) return row;
  await q.query('UPDATE exchange_relayed SET forwards = forwards + 1, last_forwarded_at = $3, last_status = $4 WHERE from_state = $1 AND envelope_id = $2', [r.from_state, r.envelope_id, r.at.toISOString(), r.last_status]);
  return undefined;
}

export async function relayedByIds(q: Queryable, ids: readonly string[]): Promise<RelayedRow[]> {
  const keys = ids.map((k) => k.split('/'));
  return q.query<RelayedRow>('SELECT * FROM exchange_relayed WHERE (from_state, envelope_id::text) IN (SELECT * FROM unnest($1::text[], $2::text[]))', [keys.map((k) => k[0]), keys.map((k) => k[1] ?? '')]);
}

export async function listRelayed(q: Queryable, limit: number): Promise<RelayedRow[]> {
  return q.query<RelayedRow>('SELECT * FROM exchange_relayed ORDER BY first_forwarded_at DESC, envelope_id DESC LIMIT $1', [limit]);
}
