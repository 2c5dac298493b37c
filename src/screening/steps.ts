import type { Actor } from '../platform/auth/actor.ts';
import { recordAuditBatch, type AuditInput } from '../platform/audit/record.ts';
import type { Tx } from '../platform/db/types.ts';
import { uuidv7 } from '../platform/ids.ts';
import type { ScreeningContext } from './context.ts';
import { matchMany, type VersionRef } from './matcher.ts';
import { MATCH_THRESHOLD, screeningWarnings, subjectFingerprint, suppressingDecision, type ScreeningQuery } from './model.ts';
import { explanationOf, presentEmbargoFlags, presentHit, type EmbargoFlags } from './presenters.ts';
import type { Hit, PartyToScreen, ScreeningResult } from './schemas.ts';
import * as store from './store.ts';

/**
 * Steps several screening use cases share (not use cases themselves: no permission check, no
 * transaction of their own; the caller has checked the one and holds the other).
 */

export function queryOf(p: { name: string; kind?: ScreeningQuery['kind']; country?: string; dob?: string; identifiers?: ScreeningQuery['identifiers'] }): ScreeningQuery {
  return { name: p.name, kind: p.kind, country: p.country ?? null, dob: p.dob ?? null, identifiers: p.identifiers ?? [] };
}

/** Arms embargoes on a State on a day (today by default), as flags for a destination or a party's country. */
export async function embargoFlags(ctx: ScreeningContext, actor: Actor, countryCode: string, t: Tx, date?: string): Promise<EmbargoFlags> {
  return presentEmbargoFlags(await ctx.reference.embargoesFor(actor, { countryCode, date }, t));
}

/**
 * Screens parties, records one run per party (with its hits and the list versions used) and applies
 * remembered false-positive decisions. `alertOnNew` raises an alert for each open hit that no earlier
 * run of the party had (a new or changed list entry).
 */
export async function screenAndRecord(
  ctx: ScreeningContext,
  t: Tx,
  actor: Actor,
  parties: Array<PartyToScreen & { origin: string }>,
  purpose: string,
  alertOnNew: boolean,
): Promise<{ results: ScreeningResult[]; versions: VersionRef[]; newAlerts: number }> {
  const { db, clock } = ctx.deps;
  const now = clock.now();
  const queries = parties.map((p) => queryOf(p));
  const { versions, results } = await matchMany(db, t, queries);
  const subjects = await store.upsertSubjects(
    t,
    parties.map((p, i) => ({
      id: uuidv7(),
      party_ref: p.partyRef,
      origin: p.origin,
      name: p.name,
      kind: p.kind ?? 'unknown',
      country: p.country ?? null,
      birth_date: p.dob ?? null,
      identifiers: (p.identifiers ?? []).map((x) => ({ ...(x.type ? { type: x.type } : {}), number: x.number })),
      fingerprint: subjectFingerprint(queries[i]),
      created_at: now,
      updated_at: now,
    })),
  );
  const subjectByRef = new Map(subjects.map((s) => [s.party_ref, s]));
  const subjectIds = subjects.map((s) => s.id);
  const decisions = new Map(
    (await store.latestDecisions(t, subjectIds)).map((d) => [`${d.subject_id}|${d.source}|${d.external_id}`, d]),
  );
  const known = alertOnNew
    ? new Set((await store.previousHitKeys(t, subjectIds)).map((k) => `${k.subject_id}|${k.source}|${k.external_id}|${k.entry_hash}`))
    : new Set<string>();
  const runs: store.RunRow[] = [];
  const hitRows: store.HitRow[] = [];
  const alerts: store.AlertRow[] = [];
  const out: ScreeningResult[] = [];
  const listVersions = versions.map((v) => ({ id: v.id, source: v.source, publishedOn: v.publishedOn }));
  parties.forEach((p, i) => {
    const subject = subjectByRef.get(p.partyRef)!;
    const runId = uuidv7();
    const presented: Hit[] = [];
    let open = 0;
    for (const h of results[i]) {
      const d = decisions.get(`${subject.id}|${h.source}|${h.externalId}`);
      const suppressor = suppressingDecision(
        d ? { id: d.id, decision: d.decision, entryHash: d.entry_hash, subjectFingerprint: d.subject_fingerprint } : undefined,
        h.entryHash,
        subject.fingerprint,
      );
      const row: store.HitRow = {
        id: uuidv7(),
        run_id: runId,
        subject_id: subject.id,
        version_id: h.versionId,
        source: h.source,
        external_id: h.externalId,
        entry_hash: h.entryHash,
        entry_name: h.entryName,
        score: h.score,
        explanation: explanationOf(h),
        status: suppressor ? 'suppressed' : 'open',
        suppressed_by: suppressor?.id ?? null,
      };
      if (!suppressor) open++;
      hitRows.push(row);
      presented.push(presentHit(h, row));
      if (alertOnNew && !suppressor && !known.has(`${subject.id}|${h.source}|${h.externalId}|${h.entryHash}`)) {
        alerts.push({
          id: uuidv7(),
          subject_id: subject.id,
          hit_id: row.id,
          version_id: h.versionId,
          reason: `${p.name} now matches ${h.entryName} (${h.source} ${h.referenceNumber ?? h.externalId}) at ${h.score.toFixed(2)}`,
          status: 'open',
          raised_at: now,
          acknowledged_at: null,
          acknowledged_by: null,
        });
      }
    }
    runs.push({
      id: runId,
      subject_id: subject.id,
      purpose,
      query: queries[i],
      list_versions: listVersions,
      threshold: MATCH_THRESHOLD,
      hit_count: presented.length,
      open_hit_count: open,
      screened_at: now,
      screened_by: actor.name,
    });
    out.push({ runId, partyRef: p.partyRef, threshold: MATCH_THRESHOLD, listVersions, hits: presented, openHits: open, warnings: screeningWarnings(versions) });
  });
  await store.insertRuns(t, runs);
  await store.insertHits(t, hitRows);
  await store.insertAlerts(t, alerts);
  const audits: AuditInput[] = [
    ...subjects.map((s) => ({ action: 'screening.subject.upsert', entity: 'screening_subject', entityId: s.id, state: store.subjectState(s) })),
    ...runs.map((r) => ({ action: 'screening.run.record', entity: 'screening_run', entityId: r.id, state: store.runState(r) })),
    ...hitRows.map((h) => ({ action: 'screening.hit.record', entity: 'screening_hit', entityId: h.id, state: store.hitState(h) })),
    ...alerts.map((a) => ({ action: 'screening.alert.raise', entity: 'screening_alert', entityId: a.id, state: store.alertState(a), reason: a.reason })),
  ];
  await recordAuditBatch(t, actor, clock, audits);
  return { results: out, versions, newAlerts: alerts.length };
}

/** Screens every party screening knows again, against the active lists; new hits raise alerts. */
export async function rescreenSubjects(ctx: ScreeningContext, t: Tx, actor: Actor): Promise<{ subjects: number; newAlerts: number }> {
  const subjects = await store.allSubjects(t);
  if (subjects.length === 0) return { subjects: 0, newAlerts: 0 };
  const parties = subjects.map((s) => ({
    partyRef: s.party_ref,
    origin: s.origin,
    name: s.name,
    kind: s.kind as ScreeningQuery['kind'],
    country: s.country ?? undefined,
    dob: s.birth_date ?? undefined,
    identifiers: s.identifiers,
  }));
  let newAlerts = 0;
  for (let i = 0; i < parties.length; i += 1000) {
    newAlerts += (await screenAndRecord(ctx, t, actor, parties.slice(i, i + 1000), 'rescreen', true)).newAlerts;
  }
  return { subjects: subjects.length, newAlerts };
}
