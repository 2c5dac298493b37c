import { createHash, hash } from 'node:crypto';
import type { Actor } from '../auth/actor.ts';
import type { Clock } from '../clock.ts';
import { stateHash } from '../crypto/canonical.ts';
import { copyField, CopyText } from '../db/copy.ts';
import type { Tx } from '../db/types.ts';
import { uuidv7 } from '../ids.ts';
import type { Frontier } from './merkle.ts';
import { MissingTreeNodesError, loadFrontier, rebuildNodes, type NewNode } from './tree-store.ts';

/**
 * Every write in every module appends an audit entry in the same transaction. The entry records who,
 * what, when, why and the hash of the entity's new state; `custodia audit verify` later re-hashes the
 * stored record and compares.
 */
export interface AuditInput {
  /** Verb, `module.entity.verb`, e.g. `registry.item.create`. */
  action: string;
  /** Table-level entity name, e.g. `item`, `custody_event`, `licence`. */
  entity: string;
  entityId: string;
  reason?: string | null;
  /** The entity's new state exactly as the verifier will re-read it (see audit/entities.ts). */
  state: unknown;
}

/**
 * Whether an update would change nothing the audit log records: the entity's audited state before and
 * after, compared as the verifier hashes them. An update verb asked to change nothing writes nothing and
 * audits nothing (an entry would claim a change that did not happen).
 */
export function unchanged(before: unknown, after: unknown): boolean {
  return stateHash(before) === stateHash(after);
}

export interface AuditEntry {
  seq: number;
  id: string;
  at: string;
  actorKind: Actor['kind'];
  actorId: string | null;
  actorName: string;
  actorRole: string;
  action: string;
  entity: string;
  entityId: string;
  reason: string | null;
  stateHash: string;
}

/**
 * The bytes that become a Merkle leaf: canonical JSON of the entry (`canonicalJson`: keys sorted, no
 * whitespace). Written out key by key in sorted order because `audit verify` re-derives every entry of
 * the log and the generic normaliser was a sixth of its time; JSON.stringify drops undefined members
 * and keeps null exactly as canonicalJson does, and record.test.ts pins the two to the same bytes.
 */
export function entryBytes(e: AuditEntry): Buffer {
  return Buffer.from(entryJson(e), 'utf8');
}

function entryJson(e: AuditEntry): string {
  return JSON.stringify({
    action: e.action,
    actorId: e.actorId,
    actorKind: e.actorKind,
    actorName: e.actorName,
    actorRole: e.actorRole,
    at: e.at,
    entity: e.entity,
    entityId: e.entityId,
    id: e.id,
    reason: e.reason,
    seq: e.seq,
    stateHash: e.stateHash,
  });
}

/** A stored audit_log row, as both engines return it. */
export interface AuditLogRow {
  seq: number | string;
  id: string;
  at: Date;
  actor_kind: string;
  actor_id: string | null;
  actor_name: string;
  actor_role: string;
  action: string;
  entity: string;
  entity_id: string;
  reason: string | null;
  state_hash: string;
  leaf_hash: Uint8Array;
}

/** Re-reads an entry from its columns exactly as `recordAuditBatch` built it before hashing. */
export function entryFromRow(row: AuditLogRow): AuditEntry {
  return {
    seq: Number(row.seq),
    id: row.id,
    at: new Date(row.at).toISOString(),
    actorKind: row.actor_kind as Actor['kind'],
    actorId: row.actor_id,
    actorName: row.actor_name,
    actorRole: row.actor_role,
    action: row.action,
    entity: row.entity,
    entityId: row.entity_id,
    reason: row.reason,
    stateHash: row.state_hash,
  };
}

export const AUDIT_LOG_COLUMNS = 'seq, id, at, actor_kind, actor_id, actor_name, actor_role, action, entity, entity_id, reason, state_hash, leaf_hash';

/** RFC 6962 leaf hash: SHA-256(0x00 ‖ entry). */
export function leafHash(bytes: Uint8Array): Buffer {
  return createHash('sha256').update(Buffer.from([0])).update(bytes).digest();
}

/** `leafHash(entryBytes(e))` in one call: U+0000 is the one byte 0x00 in UTF-8, so no Buffer is built per entry. */
export function entryLeafHash(e: AuditEntry): Buffer {
  return hash('sha256', `\u0000${entryJson(e)}`, 'buffer');
}

/** Appends one entry. Prefer `recordAuditBatch` for many rows in one transaction. */
export async function recordAudit(tx: Tx, actor: Actor, clock: Clock, input: AuditInput): Promise<AuditEntry> {
  const [entry] = await recordAuditBatch(tx, actor, clock, [input]);
  return entry;
}

/**
 * Takes the audit log's head row lock now rather than at the first append (every audited write takes it
 * and holds it to the end of its transaction). A bulk writer that must first look at what other writers
 * have committed (the import's natural-key check) takes it before looking: whoever could add a
 * conflicting row has then either committed, and is seen, or waits for this transaction.
 */
export async function lockAuditHead(tx: Tx, hold?: AuditHeadHold): Promise<void> {
  if (hold) heldBy(tx, hold);
  if (hold?.locked) return;
  await tx.query('SELECT size FROM audit_head WHERE id = 1 FOR UPDATE');
  if (hold) hold.locked = true;
}

/**
 * The audit log's head as one transaction holds it across many appends (a bulk import's batches): its
 * row locked once, and the Merkle frontier carried in memory from one append to the next instead of read
 * back from the stored tree for each. Good only in the transaction it was made for (every use checks):
 * the lock ends with that transaction, and a frontier kept past it would miss what others append after.
 * Not for a transaction that rolls back to a savepoint between its appends.
 */
export interface AuditHeadHold {
  readonly tx: Tx;
  locked: boolean;
  /** The log's frontier after this transaction's last append through the hold (null before one, or after one failed). */
  frontier: Frontier | null;
}

export const holdAuditHead = (tx: Tx): AuditHeadHold => ({ tx, locked: false, frontier: null });

function heldBy(tx: Tx, hold: AuditHeadHold): void {
  if (hold.tx !== tx) throw new Error('the audit head is held for another transaction');
}

export async function recordAuditBatch(tx: Tx, actor: Actor, clock: Clock, inputs: readonly AuditInput[]): Promise<AuditEntry[]> {
  return recordAuditBatchHashed(
    tx,
    actor,
    clock,
    inputs.map((input) => ({ action: input.action, entity: input.entity, entityId: input.entityId, reason: input.reason, stateHash: stateHash(input.state) })),
  );
}

/** An audit input whose state the caller has already hashed with `stateHash` (the bulk import does it ahead of the write). */
export type HashedAuditInput = Omit<AuditInput, 'state'> & { stateHash: string };

/** From this many entries on, a batch is written with COPY where the connection can. */
const COPY_FROM_ENTRIES = 1000;

const AUDIT_LOG_COPY_COLUMNS = ['seq', 'id', 'at', 'actor_kind', 'actor_id', 'actor_name', 'actor_role', 'action', 'entity', 'entity_id', 'reason', 'state_hash', 'leaf_hash'];

export interface AuditBatchOptions {
  /**
   * The audited rows' own writes, started once the log's head and frontier are read and before the
   * entries are hashed: on PostgreSQL the server writes the rows while this process hashes (both go in
   * call order on the transaction's one connection). Awaited before the batch resolves; its error is the
   * batch's.
   */
  alongside?: () => Promise<unknown>;
  /** The transaction's hold on the head (holdAuditHead): the frontier is read from the database only if the hold has none for this size. */
  hold?: AuditHeadHold;
}

export async function recordAuditBatchHashed(tx: Tx, actor: Actor, clock: Clock, inputs: readonly HashedAuditInput[], options: AuditBatchOptions = {}): Promise<AuditEntry[]> {
  if (inputs.length === 0) {
    await options.alongside?.();
    return [];
  }
  const hold = options.hold;
  if (hold) heldBy(tx, hold);
  const [head] = await tx.query<{ size: number }>('UPDATE audit_head SET size = size + $1 WHERE id = 1 RETURNING size', [inputs.length]);
  const first = Number(head.size) - inputs.length;
  // The tree's complete subtrees are stored with the entries that complete them, in this same
  // transaction, so proofs never recompute more than log2(n) hashes. audit_head's row lock (taken by
  // the UPDATE above) keeps the frontier stable until we commit. Read before `alongside` starts, so
  // the read does not wait behind the rows' writes. A frontier the hold kept is the log's only at the
  // size it was kept at: an append of this transaction that did not go through the hold moved the head.
  const kept = hold?.frontier;
  const frontier = kept && kept.size === first ? kept : await frontierForAppend(tx, first);
  if (hold) {
    hold.locked = true;
    hold.frontier = null; // until this append is written: a failed one leaves the frontier half-advanced
  }
  const side = options.alongside?.();
  side?.catch(() => undefined); // awaited below; not an unhandled rejection meanwhile
  let entries: AuditEntry[];
  try {
    entries = await appendEntries(tx, actor, clock, inputs, first, frontier);
  } finally {
    await side;
  }
  if (hold) hold.frontier = frontier;
  return entries;
}

async function appendEntries(tx: Tx, actor: Actor, clock: Clock, inputs: readonly HashedAuditInput[], first: number, frontier: Frontier): Promise<AuditEntry[]> {
  const at = clock.now().toISOString();
  const entries: AuditEntry[] = inputs.map((input, i) => ({
    seq: first + i,
    id: uuidv7(),
    at,
    actorKind: actor.kind,
    actorId: actor.userId,
    actorName: actor.name,
    actorRole: actor.role,
    action: input.action,
    entity: input.entity,
    entityId: input.entityId,
    reason: input.reason ?? null,
    stateHash: input.stateHash,
  }));
  const leaves = entries.map(entryLeafHash);
  const nodes: NewNode[] = [];
  for (const leaf of leaves) frontier.append(leaf, (level, index, hash) => nodes.push({ level, index, hash }));
  if (tx.copyFrom && entries.length >= COPY_FROM_ENTRIES) {
    // Bulk appends (imports): the same rows by COPY, without the array parameters.
    // Written straight to COPY text (a million entries on a large import): no array of values per row.
    let text = '';
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i];
      text += `${e.seq}\t${e.id}\t${e.at}\t${copyField(e.actorKind)}\t${copyField(e.actorId)}\t${copyField(e.actorName)}\t${copyField(e.actorRole)}\t`;
      text += `${copyField(e.action)}\t${copyField(e.entity)}\t${copyField(e.entityId)}\t${copyField(e.reason)}\t${copyField(e.stateHash)}\t${copyField(leaves[i])}\n`;
    }
    await tx.copyFrom('audit_log', AUDIT_LOG_COPY_COLUMNS, new CopyText(text, entries.length));
    let nodeText = '';
    for (const n of nodes) nodeText += `${n.level}\t${n.index}\t${copyField(n.hash)}\n`;
    await tx.copyFrom('audit_node', ['level', 'idx', 'hash'], new CopyText(nodeText, nodes.length));
    return entries;
  }
  await tx.query(
    `WITH entries AS (
       INSERT INTO audit_log (seq, id, at, actor_kind, actor_id, actor_name, actor_role, action, entity, entity_id, reason, state_hash, leaf_hash)
       SELECT * FROM unnest($1::bigint[], $2::uuid[], $3::timestamptz[], $4::text[], $5::uuid[], $6::text[], $7::text[],
                            $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::bytea[])
       RETURNING 1
     )
     INSERT INTO audit_node (level, idx, hash) SELECT * FROM unnest($14::smallint[], $15::bigint[], $16::bytea[])`,
    [
      entries.map((e) => e.seq),
      entries.map((e) => e.id),
      entries.map((e) => e.at),
      entries.map((e) => e.actorKind),
      entries.map((e) => e.actorId),
      entries.map((e) => e.actorName),
      entries.map((e) => e.actorRole),
      entries.map((e) => e.action),
      entries.map((e) => e.entity),
      entries.map((e) => e.entityId),
      entries.map((e) => e.reason),
      entries.map((e) => e.stateHash),
      leaves,
      nodes.map((n) => n.level),
      nodes.map((n) => n.index),
      nodes.map((n) => n.hash),
    ],
  );
  return entries;
}

async function frontierForAppend(tx: Tx, size: number): Promise<Frontier> {
  try {
    return await loadFrontier(tx, size);
  } catch (err) {
    if (!(err instanceof MissingTreeNodesError)) throw err;
    // Entries written before the tree table existed: build their nodes once, then carry on.
    await rebuildNodes(tx, size);
    return loadFrontier(tx, size);
  }
}
