import { recordAuditBatch } from '../../platform/audit/record.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { inTransaction } from '../../platform/tx.ts';
import { parseInput } from '../../platform/validation.ts';
import type { ScreeningContext } from '../context.ts';
import { matchMany } from '../matcher.ts';
import { MATCH_THRESHOLD, screeningWarnings } from '../model.ts';
import { screeningPolicy } from '../policy.ts';
import { explanationOf, presentHit } from '../presenters.ts';
import { screenNameInput, type ScreeningResult } from '../schemas.ts';
import { queryOf } from '../steps.ts';
import * as store from '../store.ts';

/** Screens one name (CLI `custodia screen`, the officer's search box); the run is recorded with its list versions. */
export async function screenName(ctx: ScreeningContext, actor: Actor, input: unknown, tx?: Tx): Promise<ScreeningResult> {
  const { db, clock } = ctx.deps;
  screeningPolicy.require(actor, 'screening.screen.run');
  const q = parseInput('screening', screenNameInput, input);
  return inTransaction(db, tx, async (t) => {
    const now = clock.now();
    const { versions, results } = await matchMany(db, t, [queryOf(q)]);
    const runId = uuidv7();
    const listVersions = versions.map((v) => ({ id: v.id, source: v.source, publishedOn: v.publishedOn }));
    const hitRows: store.HitRow[] = results[0].map((h) => ({
      id: uuidv7(), run_id: runId, subject_id: null, version_id: h.versionId, source: h.source, external_id: h.externalId,
      entry_hash: h.entryHash, entry_name: h.entryName, score: h.score, explanation: explanationOf(h), status: 'open', suppressed_by: null,
    }));
    const run: store.RunRow = {
      id: runId, subject_id: null, purpose: 'name', query: queryOf(q), list_versions: listVersions, threshold: MATCH_THRESHOLD,
      hit_count: hitRows.length, open_hit_count: hitRows.length, screened_at: now, screened_by: actor.name,
    };
    await store.insertRuns(t, [run]);
    await store.insertHits(t, hitRows);
    await recordAuditBatch(t, actor, clock, [
      { action: 'screening.run.record', entity: 'screening_run', entityId: runId, state: store.runState(run) },
      ...hitRows.map((h) => ({ action: 'screening.hit.record', entity: 'screening_hit', entityId: h.id, state: store.hitState(h) })),
    ]);
    return {
      runId, partyRef: null, threshold: MATCH_THRESHOLD, listVersions, hits: results[0].map((h, i) => presentHit(h, hitRows[i])), openHits: hitRows.length,
      warnings: screeningWarnings(versions),
    };
  });
}
