import type { Actor } from '../platform/auth/actor.ts';
import type { Tx } from '../platform/db/types.ts';
import { ConflictError, NotFoundError, RuleViolationError } from '../platform/http/errors.ts';
import { uuidv7 } from '../platform/ids.ts';
import { inTransaction } from '../platform/tx.ts';
import { parseInput } from '../platform/validation.ts';
import { audit,  type LicensingContext  } from './context.ts';
import { licensingPolicy } from './policy.ts';
import { brokerInputSchema, reasonSchema, type BrokerInput } from './schemas.ts';
import * as store from './store.ts';

export function presentBroker(r: store.BrokerRow) {
  return {
    id: r.id,
    partyId: r.party_id,
    name: r.name,
    legalForm: r.legal_form,
    registrationNo: r.registration_no,
    country: r.country,
    location: r.location,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    status: r.status,
    statusReason: r.status_reason,
  };
}

/** Art. 15(1)(a): the register of brokers operating in the State, each registration with its validity. */
export function brokerVerbs(ctx: LicensingContext) {
  const { deps } = ctx;
  return {
    async registerBroker(actor: Actor, input: BrokerInput, tx?: Tx) {
      licensingPolicy.require(actor, 'licensing.broker.register');
      const b = parseInput('licensing', brokerInputSchema, input);
      return inTransaction(deps.db, tx, async (t) => {
        const dup = await t.query('SELECT 1 FROM licensing_brokers WHERE registration_no = $1', [b.registrationNo]);
        if (dup.length) throw new ConflictError(`Broker registration ${b.registrationNo} already exists.`, [{ field: 'registrationNo', message: 'already registered' }]);
        const now = deps.clock.now();
        const row = await store.insertBroker(t, {
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
        await audit(ctx, t, actor, [{ action: 'licensing.broker.register', entity: 'licensing_broker', entityId: row.id, state: store.brokerState(row) }]);
        return presentBroker(row);
      });
    },

    async changeBrokerStatus(actor: Actor, id: string, status: 'active' | 'suspended' | 'retired', input: { reason: string }, tx?: Tx) {
      licensingPolicy.require(actor, 'licensing.broker.register');
      const { reason } = parseInput('licensing', reasonSchema, input);
      return inTransaction(deps.db, tx, async (t) => {
        const [current] = /^[0-9a-f-]{36}$/i.test(id) ? await store.getBrokers(t, [id]) : [];
        if (!current) throw new NotFoundError('Broker', id);
        if (current.status === 'retired') throw new RuleViolationError('A retired broker registration stays retired; register anew.');
        // Asked for the status it already has: nothing changes, nothing is written or audited.
        if (current.status === status) return presentBroker(current);
        const row = (await store.updateBrokerStatus(t, id, status, reason, null, deps.clock.now()))!;
        await audit(ctx, t, actor, [{ action: `licensing.broker.${status}`, entity: 'licensing_broker', entityId: id, reason, state: store.brokerState(row) }]);
        return presentBroker(row);
      });
    },

    async listBrokers(actor: Actor, f: { name?: string; limit?: number } = {}) {
      licensingPolicy.require(actor, 'licensing.broker.read');
      return (await store.listBrokers(deps.db, { name: f.name, limit: f.limit ?? 100 })).map(presentBroker);
    },

    async listDenials(actor: Actor, f: { limit?: number } = {}) {
      licensingPolicy.require(actor, 'licensing.denial.read');
      return (await store.listDenials(deps.db, f.limit ?? 100)).map((d) => ({
        id: d.id,
        reference: d.reference,
        kind: d.kind,
        deniedAt: d.denied_at.toISOString(),
        applicantName: d.applicant_name,
        consigneeName: d.consignee_name,
        endUserName: d.end_user_name,
        exportCountry: d.export_country,
        importCountry: d.import_country,
        controlEntries: d.control_entries,
        criteria: d.criteria,
        reason: d.reason,
      }));
    },
  };
}
