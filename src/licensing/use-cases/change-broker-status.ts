import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import { NotFoundError, RuleViolationError } from '../../platform/http/errors.ts';
import { inTransaction } from '../../platform/tx.ts';
import { parseInput } from '../../platform/validation.ts';
import { licensingPolicy } from '../policy.ts';
import { reasonSchema } from '../schemas.ts';
import * as brokerStore from '../store-brokers.ts';
import { audit, type LicensingContext } from '../context.ts';
import { presentBroker } from '../presenters.ts';

/** Suspends, reinstates or retires a broker registration (Art. 15); asking for the status it has writes nothing. */
export async function changeBrokerStatus(ctx: LicensingContext, actor: Actor, id: string, status: 'active' | 'suspended' | 'retired', input: { reason: string }, tx?: Tx) {
  const { deps } = ctx;
  licensingPolicy.require(actor, 'licensing.broker.register');
  const { reason } = parseInput('licensing', reasonSchema, input);
  return inTransaction(deps.db, tx, async (t) => {
    const [current] = /^[0-9a-f-]{36}$/i.test(id) ? await brokerStore.getBrokers(t, [id]) : [];
    if (!current) throw new NotFoundError('Broker', id);
    if (current.status === 'retired') throw new RuleViolationError('A retired broker registration stays retired; register anew.');
    // Asked for the status it already has: nothing changes, nothing is written or audited.
    if (current.status === status) return presentBroker(current);
    const row = (await brokerStore.updateBrokerStatus(t, id, status, reason, null, deps.clock.now()))!;
    await audit(ctx, t, actor, [{ action: `licensing.broker.${status}`, entity: 'licensing_broker', entityId: id, reason, state: brokerStore.brokerState(row) }]);
    return presentBroker(row);
  });
}
