import type { Deps } from '../platform/deps.ts';
import type { AuditedEntity } from '../platform/audit/entities.ts';
import { Frontier, hashLeaf } from '../platform/audit/merkle.ts';
import { entryBytes, entryFromRow, type AuditEntry, type AuditLogRow } from '../platform/audit/record.ts';
import { stateHash } from '../platform/crypto/canonical.ts';
import { loadNodeKeys } from '../platform/crypto/keys.ts';
import { checkpointText } from './model.ts';
import * as store from './store.ts';

/**
 * `custodia audit verify`: trusts nothing derived. It re-derives every leaf from the entry's columns,
 * rebuilds the RFC 6962 tree, compares it with the stored nodes and with every signed checkpoint
 * (whose signatures it checks against the node's current and retired keys), then re-hashes the current
 * state of every audited record against its last entry. Each problem names the entry, node, checkpoint
 * or record concerned.
 *
 * It reads in batches outside any long transaction (a 30-second transaction would stall the embedded
 * database), bounded by the log size read at the start, so writes running meanwhile are not reported.
 */
export type ProblemKind =
  | 'entry-missing'
  | 'entry-altered'
  | 'entry-reordered'
  | 'node-missing'
  | 'node-mismatch'
  | 'checkpoint-signature'
  | 'checkpoint-root'
  | 'checkpoint-beyond-log'
  | 'record-altered'
  | 'record-missing';

export interface VerifyProblem {
  kind: ProblemKind;
  message: string;
  seq?: number;
  entryId?: string;
  checkpointId?: string;
  entity?: string;
  entityId?: string;
  node?: { level: number; index: number };
}

export interface VerifyReport {
  ok: boolean;
  treeSize: number;
  /** base64 root of the tree recomputed from the entries. */
  rootHash: string;
  entriesChecked: number;
  nodesChecked: number;
  checkpointsChecked: number;
  recordsChecked: number;
  /** Audited entities with no verifier registered (their records could not be re-hashed). */
  recordsSkipped: { entity: string; records: number }[];
  problemCount: number;
  /** The first `maxProblems` problems, in the order found. */
  problems: VerifyProblem[];
  durationMs: number;
}

export interface VerifyProgress {
  /** `entries`: rebuilding the tree (done/total entries); `records`: re-hashing audited records (total unknown, 0). */
  phase: 'entries' | 'records';
  done: number;
  total: number;
}

export interface VerifyOptions {
  batchSize?: number;
  recordBatchSize?: number;
  maxProblems?: number;
  /** Called after every batch, so a terminal or a job can show how far a long verification has got. */
  onProgress?: (p: VerifyProgress) => void;
}

const PLACEHOLDER = Buffer.alloc(32);

/** `entities`: how to re-read each audited entity (the module list's catalog); an entity absent from it is reported as skipped. */
export async function verifyAuditLog(deps: Deps, entities: ReadonlyMap<string, AuditedEntity>, options: VerifyOptions = {}): Promise<VerifyReport> {
  const started = performance.now();
  const batchSize = options.batchSize ?? 20_000;
  const recordBatchSize = options.recordBatchSize ?? 2_000;
  const maxProblems = options.maxProblems ?? 1_000;
  const progress = options.onProgress ?? (() => undefined);
  const db = deps.db;

  const problems: VerifyProblem[] = [];
  let problemCount = 0;
  const report = (p: VerifyProblem) => {
    problemCount += 1;
    if (problems.length < maxProblems) problems.push(p);
  };

  // Checkpoints first, then the size: every checkpoint read was made at a size ≤ the one we verify.
  const checkpoints = await store.allCheckpoints(db);
  const size = await store.headSize(db);
  const keys = await loadNodeKeys(deps.config);

  for (const cp of checkpoints) {
    const text = checkpointText({ origin: cp.origin, treeSize: Number(cp.tree_size), rootHash: Buffer.from(cp.root_hash), at: new Date(cp.at) });
    if (!keys.verifyBytes(cp.kid, Buffer.from(text, 'utf8'), Buffer.from(cp.signature))) {
      report({
        kind: 'checkpoint-signature',
        checkpointId: cp.id,
        message: `checkpoint ${cp.id} (size ${cp.tree_size}, ${new Date(cp.at).toISOString()}) is not signed by any key of this node (kid ${cp.kid}): forged or altered`,
      });
    }
  }

  // Stream entries, rebuild the tree from re-derived leaves, compare as we go.
  const frontier = new Frontier();
  const flagged: number[] = [];
  const altered = new Map<number, { row: AuditLogRow; entry: AuditEntry }>();
  let cpIndex = 0;
  let nodesChecked = 0;
  let entriesChecked = 0;

  const checkCheckpointsAt = (treeSize: number) => {
    while (cpIndex < checkpoints.length && Number(checkpoints[cpIndex].tree_size) === treeSize) {
      const cp = checkpoints[cpIndex++];
      if (!frontier.root().equals(Buffer.from(cp.root_hash))) {
        const firstBad = flagged.length > 0 && flagged[0] < treeSize ? `; first problem entry: seq ${flagged[0]}` : '';
        report({
          kind: 'checkpoint-root',
          checkpointId: cp.id,
          message: `checkpoint ${cp.id} signed root ${Buffer.from(cp.root_hash).toString('base64')} for ${treeSize} entries, but the stored entries give ${frontier.root().toString('base64')}: history before seq ${treeSize} was rewritten${firstBad}`,
        });
      }
    }
  };
  const coversFlagged = (start: number, end: number) => {
    let lo = 0;
    let hi = flagged.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (flagged[mid] < start) lo = mid + 1;
      else hi = mid;
    }
    return lo < flagged.length && flagged[lo] < end;
  };

  checkCheckpointsAt(0);
  // The next batch is read while this one is hashed: on PostgreSQL the server works meanwhile; on
  // PGlite (same thread) it costs nothing.
  const readBatch = (from: number) => {
    const to = Math.min(size, from + batchSize);
    const read = Promise.all([store.entriesBetween(db, from, to), store.nodesCompletedBetween(db, from, to)]);
    read.catch(() => undefined); // awaited in the next turn of the loop; never an unhandled rejection meanwhile
    return read;
  };
  let next = size > 0 ? readBatch(0) : undefined;
  for (let from = 0; from < size; from += batchSize) {
    const to = Math.min(size, from + batchSize);
    const [rows, stored] = await next!;
    next = to < size ? readBatch(to) : undefined;
    const made: { level: number; index: number; hash: Buffer }[] = [];
    const onNode = (level: number, index: number, hash: Buffer) => made.push({ level, index, hash });
    const appendMissingUpTo = (end: number) => {
      if (frontier.size >= end) return;
      report({
        kind: 'entry-missing',
        seq: frontier.size,
        message:
          end - frontier.size === 1
            ? `entry seq ${frontier.size} was removed from the log`
            : `entries seq ${frontier.size}..${end - 1} (${end - frontier.size}) were removed from the log`,
      });
      while (frontier.size < end) {
        flagged.push(frontier.size);
        frontier.append(PLACEHOLDER, onNode);
        checkCheckpointsAt(frontier.size);
      }
    };
    for (const row of rows) {
      const seq = Number(row.seq);
      appendMissingUpTo(seq);
      const entry = entryFromRow(row);
      const leaf = hashLeaf(entryBytes(entry));
      if (!leaf.equals(Buffer.from(row.leaf_hash))) {
        flagged.push(seq);
        if (altered.size < 10_000) altered.set(seq, { row, entry });
        else report({ kind: 'entry-altered', seq, entryId: row.id, message: `entry seq ${seq} (${row.id}) was altered: its columns no longer hash to its leaf` });
      }
      frontier.append(leaf, onNode);
      entriesChecked += 1;
      checkCheckpointsAt(frontier.size);
    }
    appendMissingUpTo(to);
    for (const n of made) {
      nodesChecked += 1;
      const width = 2 ** n.level;
      const start = n.index * width;
      const have = stored.get(store.packedNodeKey(n.level, n.index));
      if (!have) {
        report({ kind: 'node-missing', node: { level: n.level, index: n.index }, message: `Merkle node (level ${n.level}, index ${n.index}) over entries ${start}..${start + width - 1} is missing: proofs through it cannot be served` });
      } else if (!have.equals(n.hash) && !coversFlagged(start, start + width)) {
        report({
          kind: 'node-mismatch',
          node: { level: n.level, index: n.index },
          seq: start,
          message: `entries ${start}..${start + width - 1} no longer hash to the stored Merkle node (level ${n.level}, index ${n.index}): an entry in that range was rewritten together with its leaf hash, or the node was altered`,
        });
      }
    }
    progress({ phase: 'entries', done: to, total: size });
  }
  for (; cpIndex < checkpoints.length; cpIndex++) {
    const cp = checkpoints[cpIndex];
    report({
      kind: 'checkpoint-beyond-log',
      checkpointId: cp.id,
      message: `checkpoint ${cp.id} signed ${cp.tree_size} entries but the log now has ${size}: entries ${size}..${Number(cp.tree_size) - 1} were removed`,
    });
  }

  // Rows whose columns do not match their leaf: moved (their content hashes to another position's
  // leaf) or altered in place.
  const positions = [...altered.keys()];
  for (const p of positions) {
    const { row, entry } = altered.get(p)!;
    let movedFrom: number | undefined;
    for (const q of positions.length <= 500 ? positions : []) {
      if (q === p) continue;
      const asQ = hashLeaf(entryBytes({ ...entry, seq: q }));
      if (asQ.equals(Buffer.from(row.leaf_hash)) || asQ.equals(Buffer.from(altered.get(q)!.row.leaf_hash))) {
        movedFrom = q;
        break;
      }
    }
    if (movedFrom !== undefined) {
      report({ kind: 'entry-reordered', seq: p, entryId: row.id, message: `entry ${row.id} (${row.action} ${row.entity} ${row.entity_id}) was recorded at seq ${movedFrom} but now sits at seq ${p}: the log was reordered` });
    } else {
      report({ kind: 'entry-altered', seq: p, entryId: row.id, message: `entry seq ${p} (${row.id}) was altered: its columns no longer hash to its leaf` });
    }
  }

  // Current state of every audited record against its last entry.
  const skipped = new Map<string, number>();
  let recordsChecked = 0;
  let before: { entity: string; entityId: string } | undefined;
  for (;;) {
    const page = await store.lastStates(db, size, recordBatchSize, before);
    if (page.length === 0) break;
    const last = page[page.length - 1];
    before = { entity: last.entity, entityId: last.entity_id };
    const byEntity = new Map<string, store.LastState[]>();
    for (const s of page) {
      const list = byEntity.get(s.entity) ?? [];
      list.push(s);
      byEntity.set(s.entity, list);
    }
    for (const [entity, list] of byEntity) {
      const def = entities.get(entity);
      if (!def) {
        skipped.set(entity, (skipped.get(entity) ?? 0) + list.length);
        continue;
      }
      if (def.eventOnly) continue; // its entries are the record, checked with the tree above
      const states = await def.load(db, list.map((s) => s.entity_id));
      for (const s of list) {
        recordsChecked += 1;
        const state = states.get(s.entity_id);
        if (state !== undefined && stateHash(state) === s.state_hash) continue;
        // Re-read once: the record may have been written (and audited) while we were reading.
        const again = await store.lastStateOf(db, entity, s.entity_id);
        const now = (await def.load(db, [s.entity_id])).get(s.entity_id);
        if (again && now !== undefined && stateHash(now) === again.state_hash) continue;
        if (now === undefined) {
          report({ kind: 'record-missing', entity, entityId: s.entity_id, seq: Number(s.seq), message: `${entity} ${s.entity_id} was removed from its table (last audited at seq ${s.seq})` });
        } else {
          report({ kind: 'record-altered', entity, entityId: s.entity_id, seq: Number(s.seq), message: `${entity} ${s.entity_id} was altered outside the application: its current state does not match the hash recorded at seq ${s.seq}` });
        }
      }
    }
    progress({ phase: 'records', done: recordsChecked, total: 0 });
    if (page.length < recordBatchSize) break;
  }

  return {
    ok: problemCount === 0,
    treeSize: size,
    rootHash: frontier.root().toString('base64'),
    entriesChecked,
    nodesChecked,
    checkpointsChecked: checkpoints.length,
    recordsChecked,
    recordsSkipped: [...skipped].map(([entity, records]) => ({ entity, records })),
    problemCount,
    problems,
    durationMs: Math.round(performance.now() - started),
  };
}
