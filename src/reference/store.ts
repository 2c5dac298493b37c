import { defineAuditedEntity } from '../platform/audit/entities.ts';
import { SqlFilter } from '../platform/db/filter.ts';
import type { Queryable } from '../platform/db/types.ts';
import type { Embargo, EmbargoDirection, EmbargoScope } from './model.ts';

export interface EmbargoRow {
  id: string;
  authority: 'regional' | 'national';
  imposed_by: string;
  country_code: string;
  target: string;
  scope: EmbargoScope;
  direction: EmbargoDirection;
  measures: string;
  instruments: string[];
  since: string;
  until: string | null;
  lifted_reason: string | null;
  lifted_at: Date | null;
  lifted_by: string | null;
  source_title: string;
  source_url: string | null;
  note: string | null;
  created_at: Date;
  created_by: string;
}

const COLS = `id, authority, imposed_by, country_code, target, scope, direction, measures, instruments, since, until,
  lifted_reason, lifted_at, lifted_by, source_title, source_url, note, created_at, created_by`;

export interface StoredEmbargo extends Embargo {
  createdAt: string;
  createdBy: string;
  liftedAt: string | null;
  liftedBy: string | null;
}

/** One function of the row for both the API and the audit hash, so `audit verify` re-reads what was hashed. */
export function embargoState(row: EmbargoRow): StoredEmbargo {
  return {
    id: row.id,
    authority: row.authority,
    imposedBy: row.imposed_by,
    countryCode: row.country_code,
    target: row.target,
    scope: row.scope,
    direction: row.direction,
    measures: row.measures,
    instruments: [...row.instruments],
    since: row.since,
    until: row.until,
    liftedReason: row.lifted_reason,
    sourceTitle: row.source_title,
    sourceUrl: row.source_url,
    verification: 'verified',
    note: row.note,
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_by,
    liftedAt: row.lifted_at ? row.lifted_at.toISOString() : null,
    liftedBy: row.lifted_by,
  };
}

export interface InsertEmbargo {
  id: string;
  authority: 'regional' | 'national';
  imposedBy: string;
  countryCode: string;
  target: string;
  scope: EmbargoScope;
  direction: EmbargoDirection;
  measures: string;
  instruments: string[];
  since: string;
  until: string | null;
  sourceTitle: string;
  sourceUrl: string | null;
  note: string | null;
  createdAt: Date;
  createdBy: string;
}

export async function insertEmbargo(q: Queryable, e: InsertEmbargo): Promise<EmbargoRow> {
  const [row] = await q.query<EmbargoRow>(
    `INSERT INTO reference_embargo (id, authority, imposed_by, country_code, target, scope, direction, measures, instruments,
       since, until, source_title, source_url, note, created_at, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::text[], $10::date, $11::date, $12, $13, $14, $15, $16)
     RETURNING ${COLS}`,
    [e.id, e.authority, e.imposedBy, e.countryCode, e.target, e.scope, e.direction, e.measures, e.instruments, e.since, e.until,
      e.sourceTitle, e.sourceUrl, e.note, e.createdAt.toISOString(), e.createdBy],
  );
  return row;
}

/** Locks the row so two administrators cannot lift the same embargo twice. */
export async function getEmbargoForUpdate(q: Queryable, id: string): Promise<EmbargoRow | null> {
  const [row] = await q.query<EmbargoRow>(`SELECT ${COLS} FROM reference_embargo WHERE id = $1 FOR UPDATE`, [id]);
  return row ?? null;
}

export async function getEmbargoes(q: Queryable, ids: readonly string[]): Promise<EmbargoRow[]> {
  return q.query<EmbargoRow>(`SELECT ${COLS} FROM reference_embargo WHERE id = ANY($1::uuid[])`, [ids]);
}

export async function liftEmbargo(
  q: Queryable,
  id: string,
  lift: { until: string; reason: string; at: Date; by: string },
): Promise<EmbargoRow> {
  const [row] = await q.query<EmbargoRow>(
    `UPDATE reference_embargo SET until = $2::date, lifted_reason = $3, lifted_at = $4, lifted_by = $5
     WHERE id = $1 RETURNING ${COLS}`,
    [id, lift.until, lift.reason, lift.at.toISOString(), lift.by],
  );
  return row;
}

export interface EmbargoFilter {
  countryCode?: string;
  /** In force on this date. */
  activeOn?: string;
  authority?: 'regional' | 'national';
}

export async function listEmbargoes(q: Queryable, f: EmbargoFilter): Promise<EmbargoRow[]> {
  const w = new SqlFilter();
  const p = w.p;
  if (f.countryCode) w.and(`country_code = ${p(f.countryCode)}`);
  if (f.activeOn) {
    const on = p(f.activeOn);
    w.and(`since <= ${on}::date AND (until IS NULL OR until > ${on}::date)`);
  }
  if (f.authority) w.and(`authority = ${p(f.authority)}`);
  return q.query<EmbargoRow>(`SELECT ${COLS} FROM reference_embargo ${w.clause} ORDER BY country_code, since, id`, w.params);
}

export const AUDITED_EMBARGO = defineAuditedEntity({
  entity: 'reference_embargo',
  async load(db, ids) {
    return new Map((await getEmbargoes(db, ids)).map((r) => [r.id, embargoState(r)]));
  },
});
