import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import { ValidationError } from '../../platform/http/errors.ts';
import { inTransaction } from '../../platform/tx.ts';
import { parseInput } from '../../platform/validation.ts';
import type { ScreeningContext } from '../context.ts';
import type { VersionRef } from '../matcher.ts';
import { screeningPolicy } from '../policy.ts';
import type { EmbargoFlags } from '../presenters.ts';
import { screenPartiesInput, type PartyToScreen, type ScreeningResult } from '../schemas.ts';
import { embargoFlags, screenAndRecord } from '../steps.ts';

/**
 * Screens parties (licensing at submission and before issue, the registry batch) and remembers
 * them for re-screening when lists change. Each result names the list versions used; hits an
 * officer already judged false positives (same party data, same list entry) come back
 * `suppressed`, so `openHits` counts what still needs a decision.
 * Licensing calls this inside its own transaction, as the system actor for automatic screening.
 */
export async function screenParties(
  ctx: ScreeningContext,
  actor: Actor,
  input: { parties: PartyToScreen[]; purpose?: string },
  tx?: Tx,
): Promise<{ results: Array<ScreeningResult & { countryEmbargo: EmbargoFlags | null }>; listVersions: VersionRef[] }> {
  screeningPolicy.require(actor, 'screening.screen.run');
  const body = parseInput('screening', screenPartiesInput, input);
  const refs = new Set<string>();
  const dup = body.parties.findIndex((p) => (refs.has(p.partyRef) ? true : (refs.add(p.partyRef), false)));
  if (dup >= 0) throw new ValidationError([{ field: `parties.${dup}.partyRef`, message: 'Each party appears once per request.', code: 'screening.party_duplicate' }]);
  return inTransaction(ctx.deps.db, tx, async (t) => {
    const r = await screenAndRecord(ctx, t, actor, body.parties, body.purpose, false);
    const flags = new Map<string, EmbargoFlags>();
    for (const c of new Set(body.parties.map((p) => p.country).filter((c): c is string => Boolean(c)))) flags.set(c, await embargoFlags(ctx, actor, c, t));
    const results = r.results.map((res, i) => ({ ...res, countryEmbargo: body.parties[i].country ? flags.get(body.parties[i].country!)! : null }));
    return { results, listVersions: r.versions };
  });
}
