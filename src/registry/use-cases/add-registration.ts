import { recordAudit } from '../../platform/audit/record.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import { NotFoundError, RuleViolationError, type FieldError } from '../../platform/http/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { inTransaction } from '../../platform/tx.ts';
import { parseInput } from '../../platform/validation.ts';
import { isCountryCode } from '../../reference/countries.ts';
import { refuse } from '../checks.ts';
import { today, type RegistryContext } from '../context.ts';
import { registryPolicy } from '../policy.ts';
import { presentRegistration } from '../presenters.ts';
import { registrationInputSchema, type Registration } from '../schemas.ts';
import * as parties from '../store-parties.ts';

/** Adds a registration or licence with its validity period to a party that is not retired. */
export async function addRegistration(ctx: RegistryContext, actor: Actor, partyId: string, input: unknown, tx?: Tx): Promise<Registration> {
  const { db, clock } = ctx.deps;
  registryPolicy.require(actor, 'registry.parties.write');
  const body = parseInput('registry', registrationInputSchema, input);
  const errors: FieldError[] = [];
  if (body.validUntil && body.validUntil < body.validFrom) errors.push({ field: 'validUntil', code: 'registration.period_invalid', message: 'The validity ends before it starts.' });
  if (body.issuingCountry && !isCountryCode(body.issuingCountry)) errors.push({ field: 'issuingCountry', code: 'country.invalid', message: `"${body.issuingCountry}" is not an ISO 3166-1 alpha-2 code.` });
  refuse(errors, 'The registration is invalid');
  return inTransaction(db, tx, async (t) => {
    const party = await parties.getParty(t, partyId, true);
    if (!party) throw new NotFoundError('Party', partyId);
    if (party.retired_at) throw new RuleViolationError('A retired party cannot receive a registration.', [{ field: 'partyId', code: 'party.retired', message: 'The party is retired.' }]);
    const row: parties.RegistrationRow = {
      id: uuidv7(),
      party_id: partyId,
      kind: body.kind,
      number: body.number,
      issuing_authority: body.issuingAuthority ?? null,
      issuing_country: body.issuingCountry ?? null,
      valid_from: body.validFrom,
      valid_until: body.validUntil ?? null,
      created_at: clock.now(),
      revoked_at: null,
      revoked_reason: null,
    };
    await parties.insertRegistration(t, row);
    await recordAudit(t, actor, clock, { action: 'registry.registration.create', entity: 'registration', entityId: row.id, state: parties.registrationState(row) });
    return presentRegistration(row, today(ctx));
  });
}
