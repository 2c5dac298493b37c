import { unchanged } from '../../platform/audit/record.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import { NotFoundError, RuleViolationError } from '../../platform/http/errors.ts';
import { inTransaction } from '../../platform/tx.ts';
import { parseInput } from '../../platform/validation.ts';
import { partyRuleErrors, refuse } from '../checks.ts';
import { personalRow, today, writeVersion, type RegistryContext } from '../context.ts';
import { registryPolicy } from '../policy.ts';
import { presentPartyDetail } from '../presenters.ts';
import { partyUpdateSchema, type PartyDetail } from '../schemas.ts';
import * as parties from '../store-parties.ts';

/** Update = a new version; the previous one stays in registry_party_versions. */
export async function updateParty(ctx: RegistryContext, actor: Actor, id: string, input: unknown, tx?: Tx): Promise<PartyDetail> {
  const { db, clock } = ctx.deps;
  registryPolicy.require(actor, 'registry.parties.write');
  const body = parseInput('registry', partyUpdateSchema, input);
  return inTransaction(db, tx, async (t) => {
    const current = await parties.getParty(t, id, true);
    if (!current) throw new NotFoundError('Party', id);
    if (current.retired_at) throw new RuleViolationError('A retired party cannot be changed.', [{ field: 'id', code: 'party.retired', message: 'The party is retired.' }]);
    refuse(partyRuleErrors(current.kind, body, false), 'The party is invalid');
    const fields = {
      roles: [...new Set(body.roles)],
      name: body.name ?? null,
      country: body.country ?? null,
      registration_number: body.registrationNumber ?? null,
      contact_email: body.contactEmail ?? null,
    };
    const stored = current.kind === 'person' ? ((await parties.getPersonal(t, id)) ?? null) : null;
    const personal = current.kind === 'person' && body.personal ? personalRow(id, body.personal) : stored;
    const regs = await parties.listRegistrations(t, id);
    const readPersonal = registryPolicy.can(actor, 'registry.parties.read_personal');
    // A PUT of what is already stored is no new version and no audit entry (roles compared as a set).
    const sorted = (r: parties.PartyRow) => ({ ...r, roles: [...r.roles].sort() });
    if (unchanged(parties.partyState(sorted(current), stored), parties.partyState(sorted({ ...current, ...fields }), personal))) {
      return presentPartyDetail(current, regs, today(ctx), readPersonal ? stored : undefined);
    }
    const row: parties.PartyRow = { ...current, ...fields, version: current.version + 1, updated_at: clock.now() };
    await parties.updateParty(t, row);
    if (personal && personal !== stored) await parties.upsertPersonal(t, personal);
    await writeVersion(ctx, t, actor, row, personal, 'registry.party.update', body.reason ?? null);
    return presentPartyDetail(row, regs, today(ctx), readPersonal ? personal : undefined);
  });
}
