import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import { ConflictError } from '../../platform/http/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { inTransaction } from '../../platform/tx.ts';
import { parseInput } from '../../platform/validation.ts';
import { licensingPolicy } from '../policy.ts';
import { brokerInputSchema, type BrokerInput } from '../schemas.ts';
import * as brokerStore from '../store-brokers.ts';
import { audit, type LicensingContext } from '../context.ts';
import { presentBroker } from '../presenters.ts';

/** Art. 15(1)(a): enters a broker on the register with its validity; a registration number is registered once. */
export async function registerBroker(ctx: LicensingContext, actor: Actor, input: BrokerInput, tx?: Tx) {
  const { deps } = ctx;
  licensingPolicy.require(actor, 'licensing.broker.register');
  const b = parseInput('licensing', brokerInputSchema, input);
  return inTransaction(deps.db, tx, async (t) => {
    if (await brokerStore.brokerRegistrationExists(t, b.registrationNo)) throw new ConflictError(`Broker registration ${b.registrationNo} already exists.`, [{ field: 'registrationNo', message: 'already registered' }]);
    const now = deps.clock.now();
    const row = await brokerStore.insertBroker(t, {
      id: uuidv7(),
      partyId: b.partyId ?? null,
      name: b.name,
      legalForm: b.legalForm ?? null,
      registrationNo: b.registrationNo,
      country: b.country,
      location: b.location,
      validFrom: b.validFrom,
      validTo: b.validTo,
      status: 'active',
      statusReason: null,
      registeredAt: now,
      updatedAt: now,
    });
    await audit(ctx, t, actor, [{ action: 'licensing.broker.register', entity: 'licensing_broker', entityId: row.id, state: brokerStore.brokerState(row) }]);
    return presentBroker(row);
  });
}
