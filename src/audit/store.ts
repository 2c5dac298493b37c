import type { Queryable } from '../platform/db/types.ts';
import { AUDIT_LOG_COLUMNS, type AuditLogRow } from '../platform/audit/record.ts';

export interface CheckpointRow {
  id: string;
  origin: string;
  tree_size: number | string;
  root_hash: Uint8Array;
  at: Date;
  kid: string;
  signature: Uint8Array;
}

const CHECKPOINT_COLUMNS = 'id, origin, tree_size, root_hash, at, kid, signature';

export async function headSize(db: Queryable): Promise<number> {
  const [row] = await db.query<{ size: number | string }>('SELECT size FROM audit_head WHERE id = 1');
  return Number(row.size);
}

export async function insertCheckpoint(db: Queryable, c: { id: string; origin: string; treeSize: number; rootHash: Uint8Array; at: Date; kid: string; signature: Uint8Array }): Promise<void> {
  await db.query(
    'INSERT INTO audit_checkpoint (id, origin, tree_size, root_hash, at, kid, signature) VALUES ($1, $2, $3, $4, $5, $6, $7)',
    [c.id, c.origin, c.treeSize, Buffer.from(c.rootHash), c.at.toISOString(), c.kid, Buffer.from(c.signature)],
  );
}

export async function latestCheckpoint(db: Queryable): Promise<CheckpointRow | undefined> {
  const [row] = await db.query<CheckpointRow>(`SELECT ${CHECKPOINT_COLUMNS} FROM audit_checkpoint ORDER BY tree_size DESC, at DESC, id DESC LIMIT 1`);
  return row;
}

/** Newest first; the cursor is the last row's (tree_size, at, id). */
export async function listCheckpoints(db: Queryable, limit: number, after?: { treeSize: number; at: string; id: string }): Promise<CheckpointRow[]> {
  if (!after) return db.query<CheckpointRow>(`SELECT ${CHECKPOINT_COLUMNS} FROM audit_checkpoint ORDER BY tree_size DESC, at DESC, id DESC LIMIT $1`, [limit]);
  return db.query<CheckpointRow>(
    `SELECT ${CHECKPOINT_COLUMNS} FROM audit_checkpoint WHERE (tree_size, at, id) < ($1, $2, $3)
     ORDER BY tree_size DESC, at DESC, id DESC LIMIT $4`,
    [after.treeSize, after.at, after.id, limit],
  );
}

/** Every checkpoint, smallest tree first (the verifier walks them while it rebuilds the tree). */
export async function allCheckpoints(db: Queryable): Promise<CheckpointRow[]> {
  return db.query<CheckpointRow>(`SELECT ${CHECKPOINT_COLUMNS} FROM audit_checkpoint ORDER BY tree_size, at, id`);
}

export async function entryBySeq(db: Queryable, seq: number): Promise<AuditLogRow | undefined> {
  const [row] = await db.query<AuditLogRow>(`SELECT ${AUDIT_LOG_COLUMNS} FROM audit_log WHERE seq = $1`, [seq]);
  return row;
}

export async function entryById(db: Queryable, id: string): Promise<AuditLogRow | undefined> {
  const [row] = await db.query<AuditLogRow>(`SELECT ${AUDIT_LOG_COLUMNS} FROM audit_log WHERE id = $1`, [id]);
  return row;
}

export interface BrowseFilter {
  entity?: string;
  entityId?: string;
  action?: string;
  actorId?: string;
  actorName?: string;
  from?: string;
  to?: string;
  /** Return entries with seq < before (cursor). */
  before?: number;
}

/** Newest first, keyset on seq, every filter a parameter. */
export async function browseEntries(db: Queryable, filter: BrowseFilter, limit: number): Promise<AuditLogRow[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (clause: string, value: unknown) => {
    params.push(value);
    where.push(clause.replace('?', `$${params.length}`));
  };
  if (filter.entity !== undefined) add('entity = ?', filter.entity);
  if (filter.entityId !== undefined) add('entity_id = ?', filter.entityId);
  if (filter.action !== undefined) add('action = ?', filter.action);
  if (filter.actorId !== undefined) add('actor_id = ?::uuid', filter.actorId);
  if (filter.actorName !== undefined) add('actor_name = ?', filter.actorName);
  if (filter.from !== undefined) add('at >= ?::timestamptz', filter.from);
  if (filter.to !== undefined) add('at < ?::timestamptz', filter.to);
  if (filter.before !== undefined) add('seq < ?', filter.before);
  params.push(limit);
  return db.query<AuditLogRow>(
    `SELECT ${AUDIT_LOG_COLUMNS} FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT $${params.length}`,
    params,
  );
}

/** Entries with seq in [from, to), in order, for the verifier's streaming pass. */
export async function entriesBetween(db: Queryable, from: number, to: number): Promise<AuditLogRow[]> {
  return db.query<AuditLogRow>(`SELECT ${AUDIT_LOG_COLUMNS} FROM audit_log WHERE seq >= $1 AND seq < $2 ORDER BY seq`, [from, to]);
}

/**
 * The same rows for the verifier, each as one JSON text: PGlite spends most of a bulk read converting
 * columns one by one, and a single JSON column halves the cost of reading a million entries.
 */
export async function entriesBetweenAsJson(db: Queryable, from: number, to: number): Promise<AuditLogRow[]> {
  const rows = await db.query<{ j: string }>('SELECT row_to_json(a)::text AS j FROM audit_log a WHERE seq >= $1 AND seq < $2 ORDER BY seq', [from, to]);
  return rows.map(({ j }) => {
    const o = JSON.parse(j) as Omit<AuditLogRow, 'at' | 'leaf_hash'> & { at: string; leaf_hash: string };
    // bytea renders as "\\x<hex>" in JSON.
    return { ...o, at: new Date(o.at), leaf_hash: Buffer.from(o.leaf_hash.slice(2), 'hex') };
  });
}

/** Stored nodes completed by leaves in [from, to): per level, the index range. */
export async function nodesCompletedBetween(db: Queryable, from: number, to: number): Promise<{ level: number; idx: number; hash: Uint8Array }[]> {
  const levels: number[] = [];
  const lows: number[] = [];
  const highs: number[] = [];
  for (let level = 1, width = 2; width <= to; level++, width *= 2) {
    // Node i at this level completes with leaf (i+1)·width − 1.
    const lo = Math.ceil((from + 1) / width) - 1;
    const hi = Math.floor(to / width) - 1;
    if (hi >= lo) {
      levels.push(level);
      lows.push(lo);
      highs.push(hi);
    }
  }
  if (levels.length === 0) return [];
  return db.query(
    `SELECT n.level, n.idx, n.hash FROM unnest($1::smallint[], $2::bigint[], $3::bigint[]) AS r(level, lo, hi)
       JOIN audit_node n ON n.level = r.level AND n.idx BETWEEN r.lo AND r.hi`,
    [levels, lows, highs],
  );
}

export async function countNodes(db: Queryable): Promise<number> {
  const [row] = await db.query<{ n: number | string }>('SELECT count(*) AS n FROM audit_node');
  return Number(row.n);
}

export async function countEntries(db: Queryable): Promise<{ n: number; maxSeq: number | null }> {
  const [row] = await db.query<{ n: number | string; max: number | string | null }>('SELECT count(*) AS n, max(seq) AS max FROM audit_log');
  return { n: Number(row.n), maxSeq: row.max === null ? null : Number(row.max) };
}

export interface LastState {
  entity: string;
  entity_id: string;
  seq: number | string;
  state_hash: string;
}

/**
 * The last entry of each audited record, paged backwards on (entity, entity_id) so the
 * audit_log_entity index is read in order and never sorted.
 */
export async function lastStates(db: Queryable, belowSize: number, limit: number, before?: { entity: string; entityId: string }): Promise<LastState[]> {
  if (!before) {
    return db.query<LastState>(
      `SELECT DISTINCT ON (entity, entity_id) entity, entity_id, seq, state_hash FROM audit_log WHERE seq < $1
       ORDER BY entity DESC, entity_id DESC, seq DESC LIMIT $2`,
      [belowSize, limit],
    );
  }
  return db.query<LastState>(
    `SELECT DISTINCT ON (entity, entity_id) entity, entity_id, seq, state_hash FROM audit_log
     WHERE seq < $1 AND (entity, entity_id) < ($2, $3)
     ORDER BY entity DESC, entity_id DESC, seq DESC LIMIT $4`,
    [belowSize, before.entity, before.entityId, limit],
  );
}

export async function lastStateOf(db: Queryable, entity: string, entityId: string): Promise<LastState | undefined> {
  const [row] = await db.query<LastState>(
    'SELECT entity, entity_id, seq, state_hash FROM audit_log WHERE entity = $1 AND entity_id = $2 ORDER BY seq DESC LIMIT 1',
    [entity, entityId],
  );
  return row;
}
