import type { Queryable } from '../db/types.ts';
import { Frontier, completeSubtrees, foldSubtrees, nodeKey, type NodeId } from './merkle.ts';

/**
 * SQL for the stored Merkle tree: leaves are audit_log.leaf_hash (level 0), complete subtrees of
 * level ≥ 1 are audit_node rows. Every function takes the caller's transaction or connection.
 */

/** Fetches the hashes of the given complete subtrees in one round trip. Missing ones are absent. */
export async function fetchNodes(db: Queryable, ids: readonly NodeId[]): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  if (ids.length === 0) return out;
  // A plain row-value IN list plans and runs faster than joining unnest() (measured on PGlite);
  // it is still fully parameterised, and a proof never needs more than ~2·log2(n) ids.
  const params: number[] = [];
  const parts: string[] = [];
  const leaves = ids.filter((n) => n.level === 0);
  const inner = ids.filter((n) => n.level > 0);
  if (leaves.length > 0) {
    const list = leaves.map((n) => {
      params.push(n.index);
      return `$${params.length}::bigint`;
    });
    parts.push(`SELECT 0 AS level, seq AS idx, leaf_hash AS hash FROM audit_log WHERE seq IN (${list.join(', ')})`);
  }
  if (inner.length > 0) {
    const list = inner.map((n) => {
      params.push(n.level, n.index);
      return `($${params.length - 1}::smallint, $${params.length}::bigint)`;
    });
    parts.push(`SELECT level, idx, hash FROM audit_node WHERE (level, idx) IN (${list.join(', ')})`);
  }
  const rows = await db.query<{ level: number; idx: number; hash: Uint8Array }>(parts.join(' UNION ALL '), params);
  for (const r of rows) out.set(nodeKey({ level: Number(r.level), index: Number(r.idx) }), Buffer.from(r.hash));
  return out;
}

export class MissingTreeNodesError extends Error {
  constructor(readonly missing: NodeId[]) {
    super(`audit tree nodes missing: ${missing.slice(0, 5).map(nodeKey).join(', ')}${missing.length > 5 ? '…' : ''}`);
    this.name = 'MissingTreeNodesError';
  }
}

/** Hashes of leaf ranges, each folded from its complete subtrees; throws when a stored node is missing. */
export async function rangeHashes(db: Queryable, ranges: readonly { start: number; end: number }[]): Promise<Buffer[]> {
  const parts = ranges.map((r) => completeSubtrees(r.start, r.end));
  const nodes = await fetchNodes(db, parts.flat());
  const missing = parts.flat().filter((n) => !nodes.has(nodeKey(n)));
  if (missing.length > 0) throw new MissingTreeNodesError(missing);
  return parts.map((p) => foldSubtrees(p.map((n) => nodes.get(nodeKey(n))!)));
}

/** The frontier (peaks) of the stored tree at `size`. */
export async function loadFrontier(db: Queryable, size: number): Promise<Frontier> {
  const ids = Frontier.peakIds(size);
  const nodes = await fetchNodes(db, ids);
  const missing = ids.filter((n) => !nodes.has(nodeKey(n)));
  if (missing.length > 0) throw new MissingTreeNodesError(missing);
  return new Frontier(
    size,
    ids.map((n) => ({ level: n.level, hash: nodes.get(nodeKey(n))! })),
  );
}

/** Root hash of the stored tree at `size` (≤ the current size), from at most log2(size) nodes. */
export async function rootAt(db: Queryable, size: number): Promise<Buffer> {
  return (await loadFrontier(db, size)).root();
}

export interface NewNode {
  level: number;
  index: number;
  hash: Buffer;
}

export async function insertNodes(db: Queryable, nodes: readonly NewNode[]): Promise<void> {
  if (nodes.length === 0) return;
  await db.query(
    `INSERT INTO audit_node (level, idx, hash) SELECT * FROM unnest($1::smallint[], $2::bigint[], $3::bytea[])`,
    [nodes.map((n) => n.level), nodes.map((n) => n.index), nodes.map((n) => n.hash)],
  );
}

/**
 * Rebuilds the stored nodes of the first `size` leaves from audit_log (for logs written before the
 * tree table existed). Set-based per batch; existing nodes are kept.
 */
export async function rebuildNodes(db: Queryable, size: number, batch = 20_000): Promise<number> {
  const frontier = new Frontier();
  let written = 0;
  for (let from = 0; from < size; from += batch) {
    const rows = await db.query<{ seq: number; leaf_hash: Uint8Array }>(
      'SELECT seq, leaf_hash FROM audit_log WHERE seq >= $1 AND seq < $2 ORDER BY seq',
      [from, Math.min(size, from + batch)],
    );
    const made: NewNode[] = [];
    for (const r of rows) {
      if (Number(r.seq) !== frontier.size) throw new Error(`audit_log has no entry at seq ${frontier.size}; run custodia audit verify`);
      frontier.append(Buffer.from(r.leaf_hash), (level, index, hash) => made.push({ level, index, hash }));
    }
    if (made.length > 0) {
      await db.query(
        `INSERT INTO audit_node (level, idx, hash) SELECT * FROM unnest($1::smallint[], $2::bigint[], $3::bytea[])
         ON CONFLICT (level, idx) DO NOTHING`,
        [made.map((n) => n.level), made.map((n) => n.index), made.map((n) => n.hash)],
      );
      written += made.length;
    }
  }
  return written;
}
