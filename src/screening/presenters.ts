import type { ScoredHit } from './matcher.ts';
import type { Hit } from './schemas.ts';
import type * as store from './store.ts';

/** Rows and matcher results → the answers screening gives (pure). */

export interface EmbargoFlags {
  countryCode: string;
  date: string;
  flagged: boolean;
  strictestScope: string | null;
  embargoes: Array<{ id: string; imposedBy: string; target: string; scope: string; instruments: string[] }>;
}

export interface ListDiff {
  from: store.ListVersion;
  to: store.ListVersion;
  counts: { added: number; removed: number; changed: number };
  added: Array<{ externalId: string; name: string; referenceNumber: string | null; programmes: string[] }>;
  removed: Array<{ externalId: string; name: string; referenceNumber: string | null; programmes: string[] }>;
  changed: Array<{ externalId: string; name: string; referenceNumber: string | null; programmes: string[]; fields: string[] }>;
}

/** The explanation of a hit as recorded and answered: scores to three decimals. */
export function explanationOf(h: ScoredHit) {
  return {
    matchedName: h.matchedName,
    nameQuality: h.nameQuality,
    nameScore: Math.round(h.nameScore * 1000) / 1000,
    pairs: h.pairs.map((p) => ({ ...p, similarity: Math.round(p.similarity * 1000) / 1000 })),
    notes: h.notes,
    features: h.features,
  };
}

export function presentHit(h: ScoredHit, row: store.HitRow | null): Hit {
  return {
    id: row?.id ?? null,
    status: row?.status ?? null,
    suppressedBy: row?.suppressed_by ?? null,
    score: Math.round(h.score * 1000) / 1000,
    source: h.source,
    versionId: h.versionId,
    externalId: h.externalId,
    entryName: h.entryName,
    kind: h.kind,
    referenceNumber: h.referenceNumber,
    programmes: h.programmes,
    explanation: explanationOf(h),
  };
}

/** A list entry as a diff names it. */
export function diffEntryBrief(e: NonNullable<store.DiffRow['new_data']>) {
  return { externalId: e.externalId, name: e.primaryName, referenceNumber: e.referenceNumber, programmes: e.programmes };
}

/** The embargo check of the reference module as flags for a destination or a party's country. */
export function presentEmbargoFlags(check: { countryCode: string; date: string; strictestScope: string | null; embargoes: Array<{ id: string; imposedBy: string; target: string; scope: string; instruments: string[] }> }): EmbargoFlags {
  return {
    countryCode: check.countryCode,
    date: check.date,
    flagged: check.embargoes.length > 0,
    strictestScope: check.strictestScope,
    embargoes: check.embargoes.map((e) => ({ id: e.id, imposedBy: e.imposedBy, target: e.target, scope: e.scope, instruments: e.instruments })),
  };
}
