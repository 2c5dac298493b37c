import { recordAuditBatch } from '../../platform/audit/record.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { inTransaction } from '../../platform/tx.ts';
import { parseInput } from '../../platform/validation.ts';
import { requireUuid, type ScreeningContext } from '../context.ts';
import { screeningPolicy } from '../policy.ts';
import { decisionInput } from '../schemas.ts';
import * as store from '../store.ts';

/**
 * Records an officer's decision on a hit. A false positive is remembered for the party and list
 * entry: later screenings suppress the same hit until the entry or the party's data change.
 */
export async function decideHit(ctx: ScreeningContext, actor: Actor, hitId: string, input: unknown, tx?: Tx) {
  const { db, clock } = ctx.deps;
  screeningPolicy.require(actor, 'screening.decision.record');
  requireUuid(hitId, 'Screening hit');
  const body = parseInput('screening', decisionInput, input);
  return inTransaction(db, tx, async (t) => {
    const hit = await store.getHit(t, hitId);
    if (!hit) throw new NotFoundError('Screening hit', hitId);
    const subject = hit.subject_id ? (await store.subjectsByIds(t, [hit.subject_id]))[0] : undefined;
    const decision = await store.insertDecision(t, {
      id: uuidv7(),
      hit_id: hit.id,
      subject_id: hit.subject_id,
      source: hit.source,
      external_id: hit.external_id,
      entry_hash: hit.entry_hash,
      subject_fingerprint: subject?.fingerprint ?? null,
      decision: body.decision,
      reason: body.reason,
      decided_at: clock.now(),
      decided_by: actor.name,
    });
    const updated = await store.setHitStatus(t, hit.id, 'decided');
    await recordAuditBatch(t, actor, clock, [
      { action: `screening.decision.${body.decision}`, entity: 'screening_decision', entityId: decision.id, state: store.decisionState(decision), reason: body.reason },
      { action: 'screening.hit.decide', entity: 'screening_hit', entityId: hit.id, state: store.hitState(updated), reason: body.reason },
    ]);
    return store.decisionState(decision);
  });
}
