import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import { parseInput } from '../../platform/validation.ts';
import type { ScreeningContext } from '../context.ts';
import { essentiallyIdentical, type DenialLike } from '../model.ts';
import { screeningPolicy } from '../policy.ts';
import { denialCheckInput } from '../schemas.ts';
import * as store from '../store.ts';

/**
 * Flags an application essentially identical to a denied one: same destination, same end user
 * (by name matching) and a common control category. Checks denials received from other States and
 * the refusals the caller passes (licensing keeps its own refusals in its own tables).
 */
export async function checkDenials(
  ctx: ScreeningContext,
  actor: Actor,
  application: unknown,
  ownRefusals: Array<DenialLike & { reference: string }> = [],
  tx?: Tx,
) {
  screeningPolicy.require(actor, 'screening.screen.run');
  const app = parseInput('screening', denialCheckInput, application);
  const received = await store.activeDenialsFor(tx ?? ctx.deps.db, app.destination);
  const candidates = [
    ...received.map((d) => ({ source: `received:${d.notifying_state}`, reference: d.reference, destination: d.destination, endUserName: d.end_user_name, controlCategories: d.control_categories })),
    ...ownRefusals.map((d) => ({ source: 'own', reference: d.reference, destination: d.destination, endUserName: d.endUserName, controlCategories: d.controlCategories })),
  ];
  const matches = [];
  for (const d of candidates) {
    const r = essentiallyIdentical(app, d);
    if (r.identical) matches.push({ denial: d, endUserScore: Math.round(r.endUserScore * 1000) / 1000, commonCategories: r.commonCategories });
  }
  return { flagged: matches.length > 0, matches };
}
