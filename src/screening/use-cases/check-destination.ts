import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import { ValidationError } from '../../platform/http/errors.ts';
import { inTransaction } from '../../platform/tx.ts';
import type { ScreeningContext } from '../context.ts';
import { screeningPolicy } from '../policy.ts';
import type { EmbargoFlags } from '../presenters.ts';
import { embargoFlags } from '../steps.ts';

/**
 * Arms embargoes on a destination State (UN, regional and national, from the reference module),
 * flagged by scope: a whole-State embargo and one on non-State actors only call for different checks.
 */
export async function checkDestination(ctx: ScreeningContext, actor: Actor, input: { countryCode: string; date?: string }, tx?: Tx): Promise<EmbargoFlags> {
  screeningPolicy.require(actor, 'screening.screen.run');
  const countryCode = (input.countryCode ?? '').toUpperCase();
  if (!/^[A-Z]{2}$/.test(countryCode)) throw new ValidationError([{ field: 'countryCode', message: 'An ISO 3166-1 alpha-2 code.', code: 'screening.country_invalid' }]);
  return inTransaction(ctx.deps.db, tx, (t) => embargoFlags(ctx, actor, countryCode, t, input.date));
}
