import type { Actor } from '../../platform/auth/actor.ts';
import type { ReportingContext } from '../context.ts';
import { reportingPolicy } from '../policy.ts';
import { presentWithheld } from '../presenters.ts';
import * as store from '../store.ts';

/** The licence lines currently withheld (ATT Art. 13(3)), by licence number and line. */
export async function listWithheld(ctx: ReportingContext, actor: Actor) {
  reportingPolicy.require(actor, 'reporting.withholding.read');
  return (await store.listWithheld(ctx.deps.db)).map((r) => presentWithheld(r, r.licence_number));
}
