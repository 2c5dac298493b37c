import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { inTransaction } from '../../platform/tx.ts';
import { parseInput } from '../../platform/validation.ts';
import { partyRuleErrors, refuse } from '../checks.ts';
import { personalRow, today, writeVersion, type RegistryContext } from '../context.ts';
import { registryPolicy } from '../policy.ts';
import { presentPartyDetail } from '../presenters.ts';
import { partyInputSchema, type PartyDetail } from '../schemas.ts';
import * as parties from '../store-parties.ts';

/** Creates a person or organisation (version 1); a person's identity goes to the personal record. */
export async function createParty(ctx: RegistryContext, actor: Actor, input: unknown, tx?: Tx): Promise<PartyDetail> {
  const { db, clock } = ctx.deps;
  registryPolicy.require(actor, 'registry.parties.write');
  const body = parseInput('registry', partyInputSchema, input);
  refuse(partyRuleErrors(body.kind, body, true), 'The party is invalid');
  return inTransaction(db, tx, async (t) => {
    const now = clock.now();
    const row: parties.PartyRow = {
      id: uuidv7(),
      version: 1,
      kind: body.kind,
      roles: [...new Set(body.roles)],
      name: body.name ?? null,
      country: body.country ?? null,
      registration_number: body.registrationNumber ?? null,
      contact_email: body.contactEmail ?? null,
      created_at: now,
      updated_at: now,
      retired_at: null,
      retired_reason: null,
    };
    await parties.insertParty(t, row);
    const personal = body.kind === 'person' ? personalRow(row.id, body.personal) : null;
    if (personal) await parties.upsertPersonal(t, personal);
    await writeVersion(ctx, t, actor, row, personal, 'registry.party.create', null);
    return presentPartyDetail(row, [], today(ctx), registryPolicy.can(actor, 'registry.parties.read_personal') ? personal : undefined);
  });
}
