import type { Actor } from '../../platform/auth/actor.ts';
import { licensingPolicy } from '../policy.ts';
import * as brokerStore from '../store-brokers.ts';
import { type LicensingContext } from '../context.ts';
import { presentBroker } from '../presenters.ts';

/** The broker register (Art. 15(1)(a)), by name. */
export async function listBrokers(ctx: LicensingContext, actor: Actor, f: { name?: string; limit?: number } = {}) {
  const { deps } = ctx;
  licensingPolicy.require(actor, 'licensing.broker.read');
  return (await brokerStore.listBrokers(deps.db, { name: f.name, limit: f.limit ?? 100 })).map(presentBroker);
}
