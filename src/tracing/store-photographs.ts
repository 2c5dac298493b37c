import { defineAuditedEntity } from '../platform/audit/entities.ts';
import type { Queryable } from '../platform/db/types.ts';
import type { PhotoMediaType } from './photograph-model.ts';

/** SQL for photographs of recovered items (migrations/0025_tracing_photographs.sql). Nothing is deleted. */

export interface PhotographRow {
  id: string;
  recovered_item_id: string;
  media_type: PhotoMediaType;
  size_bytes: number;
  sha256: string;
  caption: string | null;
  file_name: string | null;
  uploaded_at: Date;
  uploaded_by: string;
  withdrawn_at: Date | null;
  withdrawn_by: string | null;
  withdrawal_reason: string | null;
}

/** A photograph with where it belongs (its recovery and the item's place in it). */
export interface PlacedPhotographRow extends PhotographRow {
  case_id: string;
  case_reference: string;
  item_seq: number;
}

/** The audited state names the bytes by their hash, never the bytes themselves. */
export function photographState(r: PhotographRow) {
  return {
    id: r.id,
    recoveredItemId: r.recovered_item_id,
    mediaType: r.media_type,
    sizeBytes: Number(r.size_bytes),
    sha256: r.sha256,
    caption: r.caption,
    fileName: r.file_name,
    uploadedAt: r.uploaded_at.toISOString(),
    uploadedBy: r.uploaded_by,
    withdrawnAt: r.withdrawn_at?.toISOString() ?? null,
    withdrawnBy: r.withdrawn_by,
    withdrawalReason: r.withdrawal_reason,
  };
}

const COLS = (a = '') =>
  `${a}id, ${a}recovered_item_id, ${a}media_type, ${a}size_bytes, ${a}sha256, ${a}caption, ${a}file_name, ${a}uploaded_at, ${a}uploaded_by, ${a}withdrawn_at, ${a}withdrawn_by, ${a}withdrawal_reason`;
const PLACED = `SELECT ${COLS('p.')}, i.case_id, c.reference AS case_reference, i.seq AS item_seq
  FROM recovered_item_photographs p JOIN recovered_items i ON i.id = p.recovered_item_id JOIN recovery_cases c ON c.id = i.case_id`;

export async function insertPhotographs(q: Queryable, rows: readonly (PhotographRow & { content: Buffer })[]): Promise<void> {
  if (!rows.length) return;
  const values: unknown[] = [];
  const tuples = rows.map((r) => {
    const at = values.length;
    values.push(r.id, r.recovered_item_id, r.media_type, r.content.length, r.sha256, r.content, r.caption, r.file_name, r.uploaded_at, r.uploaded_by);
    return `(${Array.from({ length: 10 }, (_, i) => `$${at + i + 1}`).join(', ')})`;
  });
  await q.query(
    `INSERT INTO recovered_item_photographs (id, recovered_item_id, media_type, size_bytes, sha256, content, caption, file_name, uploaded_at, uploaded_by) VALUES ${tuples.join(', ')}`,
    values,
  );
}

export async function getPhotograph(q: Queryable, id: string, forUpdate = false): Promise<PlacedPhotographRow | undefined> {
  return (await q.query<PlacedPhotographRow>(`${PLACED} WHERE p.id = $1${forUpdate ? ' FOR UPDATE OF p' : ''}`, [id]))[0];
}

export async function getPhotographContent(q: Queryable, id: string): Promise<Uint8Array | undefined> {
  return (await q.query<{ content: Uint8Array }>('SELECT content FROM recovered_item_photographs WHERE id = $1', [id]))[0]?.content;
}

/** A recovery's photographs (or one item's), oldest first per item. */
export async function listPhotographs(q: Queryable, caseId: string, itemId?: string): Promise<PlacedPhotographRow[]> {
  return q.query<PlacedPhotographRow>(`${PLACED} WHERE i.case_id = $1 AND ($2::uuid IS NULL OR p.recovered_item_id = $2::uuid) ORDER BY i.seq, p.uploaded_at, p.id`, [caseId, itemId ?? null]);
}

/** The photographs in force (not withdrawn) of some recovered items: what a tracing request cites. */
export async function listCurrentPhotographs(q: Queryable, itemIds: readonly string[]): Promise<PhotographRow[]> {
  return q.query<PhotographRow>(
    `SELECT ${COLS()} FROM recovered_item_photographs WHERE recovered_item_id = ANY($1::uuid[]) AND withdrawn_at IS NULL ORDER BY recovered_item_id, uploaded_at, id`,
    [itemIds],
  );
}

export async function withdrawPhotograph(q: Queryable, id: string, at: Date, by: string, reason: string): Promise<void> {
  await q.query('UPDATE recovered_item_photographs SET withdrawn_at = $2, withdrawn_by = $3, withdrawal_reason = $4 WHERE id = $1', [id, at, by, reason]);
}

/** States as stored, with the hash recomputed from the bytes, so altered content shows up in `audit verify`. */
export const AUDITED_PHOTOGRAPH = defineAuditedEntity({
  entity: 'recovered_item_photograph',
  async load(db, ids) {
    const rows = await db.query<PhotographRow>(
      `SELECT id, recovered_item_id, media_type, octet_length(content) AS size_bytes, encode(sha256(content), 'hex') AS sha256, caption, file_name,
              uploaded_at, uploaded_by, withdrawn_at, withdrawn_by, withdrawal_reason
       FROM recovered_item_photographs WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, photographState(r)]));
  },
});
