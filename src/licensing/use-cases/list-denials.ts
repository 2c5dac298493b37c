import type { Actor } from '../../platform/auth/actor.ts';
import { licensingPolicy } from '../policy.ts';
import { presentDenial } from '../presenters.ts';
import * as brokerStore from '../store-brokers.ts';
import type { LicensingContext } from '../context.ts';

/** Our refusals, newest first (what screening checks later applications against). */
export async function listDenials(ctx: LicensingContext, actor: Actor, f: { limit?: number } = {}) {
  const { deps } = ctx;
  licensingPolicy.require(actor, 'licensing.denial.read');
  return (await brokerStore.listDenials(deps.db, f.limit ?? 100)).map(presentDenial);
}
