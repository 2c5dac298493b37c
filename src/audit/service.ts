import type { Actor } from '../platform/auth/actor.ts';
import type { Catalog } from '../platform/module.ts';
import type { Deps } from '../platform/deps.ts';
import type { Queryable, Tx } from '../platform/db/types.ts';
import { NotFoundError, ValidationError } from '../platform/http/errors.ts';
import { uuidv7 } from '../platform/ids.ts';
import { inTransaction } from '../platform/tx.ts';
import { loadNodeKeys } from '../platform/crypto/keys.ts';
import { entryFromRow, type AuditEntry, type AuditLogRow } from '../platform/audit/record.ts';
import { proofRanges } from '../platform/audit/merkle.ts';
import { rangeHashes, rootAt } from '../platform/audit/tree-store.ts';
import { checkpointNote, checkpointOrigin, checkpointText } from './model.ts';
import { auditPolicy } from './policy.ts';
import * as store from './store.ts';
import { verifyAuditLog, type VerifyOptions, type VerifyReport } from './verify.ts';

export interface Checkpoint {
  id: string;
  origin: string;
  treeSize: number;
  /** base64 */
  rootHash: string;
  at: string;
  kid: string;
  /** base64 Ed25519 signature over `text` */
  signature: string;
  /** The exact signed bytes (UTF-8). */
  text: string;
  /** `text`, a blank line and the signature line. */
  note: string;
}

export interface EntryView extends AuditEntry {
  /** base64 RFC 6962 leaf hash */
  leafHash: string;
}

export interface InclusionProof {
  seq: number;
  entryId: string;
  leafHash: string;
  treeSize: number;
  rootHash: string;
  /** base64 hashes, RFC 9162 order */
  proof: string[];
  /** The signed checkpoint whose root this proof reaches, when the proof is against one. */
  checkpoint: Checkpoint | null;
}

export interface ConsistencyProof {
  fromSize: number;
  toSize: number;
  fromRoot: string;
  toRoot: string;
  proof: string[];
}

export function checkpointFromRow(row: store.CheckpointRow): Checkpoint {
  const body = { origin: row.origin, treeSize: Number(row.tree_size), rootHash: Buffer.from(row.root_hash), at: new Date(row.at) };
  return {
    id: row.id,
    origin: row.origin,
    treeSize: body.treeSize,
    rootHash: body.rootHash.toString('base64'),
    at: body.at.toISOString(),
    kid: row.kid,
    signature: Buffer.from(row.signature).toString('base64'),
    text: checkpointText(body),
    note: checkpointNote(body, row.kid, row.signature),
  };
}

export function entryView(row: AuditLogRow): EntryView {
  return { ...entryFromRow(row), leafHash: Buffer.from(row.leaf_hash).toString('base64') };
}

const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');

/** `catalog.auditedEntities`: what `verify` can re-read (every module's, from the module list). */
export function createAuditService(deps: Deps, catalog: Pick<Catalog, 'auditedEntities'>) {
  async function signCheckpoint(tx: Tx): Promise<Checkpoint> {
    const keys = await loadNodeKeys(deps.config);
    const treeSize = await store.headSize(tx);
    const rootHash = await rootAt(tx, treeSize);
    const body = { origin: checkpointOrigin(deps.config.state), treeSize, rootHash, at: deps.clock.now() };
    const signature = keys.signBytes(Buffer.from(checkpointText(body), 'utf8'));
    const id = uuidv7(body.at.getTime());
    await store.insertCheckpoint(tx, { id, origin: body.origin, treeSize, rootHash, at: body.at, kid: keys.kid, signature });
    return checkpointFromRow({ id, origin: body.origin, tree_size: treeSize, root_hash: rootHash, at: body.at, kid: keys.kid, signature });
  }

  async function findEntry(tx: Queryable, ref: { seq?: number; id?: string }): Promise<AuditLogRow> {
    const row = ref.seq !== undefined ? await store.entryBySeq(tx, ref.seq) : ref.id !== undefined ? await store.entryById(tx, ref.id) : undefined;
    if (!row) throw new NotFoundError('Audit entry', String(ref.seq ?? ref.id));
    return row;
  }

  return {
    /** Signs a checkpoint of the log as it is now (POST /audit/checkpoints, the minute timer). */
    async createCheckpoint(actor: Actor, tx?: Tx): Promise<Checkpoint> {
      auditPolicy.require(actor, 'audit.checkpoints.create');
      return inTransaction(deps.db, tx, signCheckpoint);
    },

    /** The timer's job: a checkpoint only when entries were appended since the last one. */
    async checkpointIfNeeded(): Promise<Checkpoint | null> {
      return inTransaction(deps.db, undefined, async (tx) => {
        const size = await store.headSize(tx);
        const latest = await store.latestCheckpoint(tx);
        if (latest ? Number(latest.tree_size) >= size : size === 0) return null;
        return signCheckpoint(tx);
      });
    },

    async latestCheckpoint(actor: Actor, tx?: Tx): Promise<Checkpoint> {
      auditPolicy.require(actor, 'audit.checkpoints.read');
      const row = await store.latestCheckpoint(tx ?? deps.db);
      if (!row) throw new NotFoundError('Checkpoint', 'latest');
      return checkpointFromRow(row);
    },

    async listCheckpoints(actor: Actor, page: { limit: number; after?: { treeSize: number; at: string; id: string } }, tx?: Tx) {
      auditPolicy.require(actor, 'audit.checkpoints.read');
      const rows = await store.listCheckpoints(tx ?? deps.db, page.limit + 1, page.after);
      return rows.map(checkpointFromRow);
    },

    async getEntry(actor: Actor, ref: { seq?: number; id?: string }, tx?: Tx): Promise<EntryView> {
      auditPolicy.require(actor, 'audit.log.read');
      return entryView(await findEntry(tx ?? deps.db, ref));
    },

    async browse(actor: Actor, filter: store.BrowseFilter, limit: number, tx?: Tx): Promise<EntryView[]> {
      auditPolicy.require(actor, 'audit.log.read');
      const rows = await store.browseEntries(tx ?? deps.db, filter, limit);
      return rows.map(entryView);
    },

    /**
     * Inclusion proof of an entry. Without `treeSize`, the proof is against the latest signed
     * checkpoint when it covers the entry (so the root is signed), else against the current tree.
     */
    async inclusionProof(actor: Actor, input: { seq?: number; id?: string; treeSize?: number }, tx?: Tx): Promise<InclusionProof> {
      auditPolicy.require(actor, 'audit.checkpoints.read');
      const db = tx ?? deps.db;
      const row = await findEntry(db, input);
      const seq = Number(row.seq);
      const current = await store.headSize(db);
      let treeSize = input.treeSize;
      let checkpoint: Checkpoint | null = null;
      if (treeSize === undefined) {
        const latest = await store.latestCheckpoint(db);
        if (latest && Number(latest.tree_size) > seq) {
          checkpoint = checkpointFromRow(latest);
          treeSize = checkpoint.treeSize;
        } else treeSize = current;
      }
      if (treeSize <= seq || treeSize > current) {
        throw new ValidationError([{ field: 'treeSize', message: `Must be greater than the entry's seq (${seq}) and at most the log size (${current}).`, code: 'audit.tree_size_out_of_range' }]);
      }
      const ranges = proofRanges(seq, seq + 1, treeSize);
      const [proof, root] = await Promise.all([rangeHashes(db, ranges), checkpoint ? Promise.resolve(null) : rootAt(db, treeSize)]);
      return {
        seq,
        entryId: row.id,
        leafHash: b64(row.leaf_hash),
        treeSize,
        rootHash: checkpoint ? checkpoint.rootHash : b64(root!),
        proof: proof.map(b64),
        checkpoint,
      };
    },

    /** Proof that the tree of size `from` is a prefix of the tree of size `to` (default: current). */
    async consistencyProof(actor: Actor, input: { from: number; to?: number }, tx?: Tx): Promise<ConsistencyProof> {
      auditPolicy.require(actor, 'audit.checkpoints.read');
      const db = tx ?? deps.db;
      const current = await store.headSize(db);
      const to = input.to ?? current;
      const errors = [];
      if (to > current) errors.push({ field: 'to', message: `The log has ${current} entries.`, code: 'audit.tree_size_out_of_range' });
      if (input.from < 1 || input.from > to) errors.push({ field: 'from', message: 'Must be between 1 and `to` (a proof from the empty tree proves nothing).', code: 'audit.tree_size_out_of_range' });
      if (errors.length) throw new ValidationError(errors);
      const ranges = input.from === to ? [] : proofRanges(0, input.from, to);
      const [proof, fromRoot, toRoot] = await Promise.all([rangeHashes(db, ranges), rootAt(db, input.from), rootAt(db, to)]);
      return { fromSize: input.from, toSize: to, fromRoot: b64(fromRoot), toRoot: b64(toRoot), proof: proof.map(b64) };
    },

    /**
     * The log as it stands in `q`'s snapshot: size, root and latest checkpoint. Backups record it in their
     * manifest; restores and migrations compare it.
     */
    async head(actor: Actor, q?: Queryable): Promise<{ treeSize: number; rootHash: string; latestCheckpoint: { treeSize: number; at: string } | null }> {
      auditPolicy.require(actor, 'audit.log.read');
      const db = q ?? deps.db;
      const treeSize = await store.headSize(db);
      const root = await rootAt(db, treeSize);
      const latest = await store.latestCheckpoint(db);
      return {
        treeSize,
        rootHash: b64(root),
        latestCheckpoint: latest ? { treeSize: Number(latest.tree_size), at: new Date(latest.at).toISOString() } : null,
      };
    },

    /** `custodia audit verify` and POST /audit/verify. Reads without a long transaction. */
    async verify(actor: Actor, options: VerifyOptions = {}): Promise<VerifyReport> {
      auditPolicy.require(actor, 'audit.log.verify');
      return verifyAuditLog(deps, catalog.auditedEntities, options);
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;

/** Runs `checkpointIfNeeded` every `intervalMs` (default one minute) until stopped. */
export function startCheckpointTimer(service: AuditService, deps: Pick<Deps, 'log'>, intervalMs = 60_000): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  let busy = false;
  let stopped = false;
  const timer = setInterval(() => {
    // A slow tick must not overlap the next one: on PostgreSQL both would sign the same size.
    if (stopped || busy) return;
    busy = true;
    running = service.checkpointIfNeeded().then(
      (cp) => {
        if (cp) deps.log.info({ treeSize: cp.treeSize, kid: cp.kid }, 'audit checkpoint signed');
      },
      (err: unknown) => deps.log.error({ err }, 'audit checkpoint failed'),
    ).finally(() => {
      busy = false;
    });
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
