import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import type { ScreeningContext } from '../context.ts';
import { screeningPolicy } from '../policy.ts';
import * as store from '../store.ts';

/**
 * What screening currently says about known parties (by the caller's party refs): each party's latest
 * run — a re-screen after a list update is newer than the run at submission — with every hit, the
 * listed entry as published in the version that produced it, the officer's decision that applies to it
 * now, and the alerts raised on the party. A decision applies while the list entry and the party's data
 * are the ones it was made on (the same rule that suppresses remembered false positives); a hit without
 * one needs a decision. Read-only; results are the authority's (screening.results.read), never industry's.
 */
export async function listPartyHits(ctx: ScreeningContext, actor: Actor, partyRefs: string[], tx?: Tx) {
  screeningPolicy.require(actor, 'screening.results.read');
  const q = tx ?? ctx.deps.db;
  const subjects = await store.subjectsByRef(q, partyRefs);
  const subjectIds = subjects.map((s) => s.id);
  const runs = await store.latestRunsOfSubjects(q, subjectIds);
  const hits = await store.hitsOfRuns(q, runs.map((r) => r.id));
  const decisions = new Map((await store.latestDecisions(q, subjectIds)).map((d) => [`${d.subject_id}|${d.source}|${d.external_id}`, d]));
  const entries = new Map(
    (await store.entriesByKeys(q, hits.map((h) => ({ versionId: h.version_id, externalId: h.external_id })))).map((e) => [`${e.version_id}|${e.external_id}`, e.data]),
  );
  const versions = new Map<string, store.VersionRow>();
  for (const id of new Set(hits.map((h) => h.version_id))) {
    const v = await store.getVersion(q, id);
    if (v) versions.set(id, v);
  }
  const alerts = await store.alertsOfSubjects(q, subjectIds);
  const runBySubject = new Map(runs.map((r) => [r.subject_id!, r]));
  return partyRefs.map((partyRef) => {
    const subject = subjects.find((s) => s.party_ref === partyRef);
    const run = subject ? runBySubject.get(subject.id) : undefined;
    if (!subject || !run) return { partyRef, subject: null, run: null, hits: [], alerts: [] };
    return {
      partyRef,
      subject: store.subjectState(subject),
      run: store.runState(run),
      hits: hits
        .filter((h) => h.run_id === run.id)
        .map((h) => {
          const d = decisions.get(`${subject.id}|${h.source}|${h.external_id}`);
          const applies = Boolean(d && d.entry_hash === h.entry_hash && d.subject_fingerprint === subject.fingerprint);
          const v = versions.get(h.version_id);
          return {
            ...store.hitState(h),
            entry: entries.get(`${h.version_id}|${h.external_id}`) ?? null,
            listVersion: v ? { id: v.id, source: v.source, publishedOn: v.published_on, status: v.status } : null,
            decision: d && applies ? store.decisionState(d) : null,
            needsDecision: !applies,
          };
        }),
      alerts: alerts.filter((a) => a.subject_id === subject.id).map(store.alertState),
    };
  });
}

export type PartyHits = Awaited<ReturnType<typeof listPartyHits>>[number];
