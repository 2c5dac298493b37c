import { recordAudit, unchanged } from '../../platform/audit/record.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { actsForOrganisation } from '../../platform/auth/scope.ts';
import type { Tx } from '../../platform/db/types.ts';
import { RuleViolationError } from '../../platform/http/errors.ts';
import { parseInput } from '../../platform/validation.ts';
import { checkAgency, checkOrganisation, inAuthTransaction, mustFindUser, revokeAllCredentials, userAudit, type AccountsContext } from '../context.ts';
import { accountsPolicy } from '../policy.ts';
import { presentUser, type UserView } from '../presenters.ts';
import { updateUserInput, type UpdateUserInput } from '../schemas.ts';
import * as store from '../store.ts';

/**
 * Changing a role or organisation ends the user's sessions and tokens: they were granted under the old one.
 * The agency does not: it orders what the user sees first, it grants nothing.
 */
export async function updateUser(ctx: AccountsContext, actor: Actor, id: string, input: UpdateUserInput, tx?: Tx): Promise<UserView> {
  const { clock } = ctx.deps;
  accountsPolicy.require(actor, 'accounts.users.manage');
  const parsed = parseInput('accounts', updateUserInput, input);
  const row = await inAuthTransaction(ctx, tx, async (t) => {
    const u = await mustFindUser(t, id, true);
    if (!u.active) throw new RuleViolationError('A deactivated user cannot be changed.', [{ field: 'id', code: 'user.inactive', message: 'The user is deactivated.' }]);
    const role = parsed.role ?? u.role;
    const organisationId = parsed.organisationId !== undefined ? parsed.organisationId : actsForOrganisation(role) ? u.organisation_id : null;
    if (u.id === actor.userId && role !== 'administrator' && u.role === 'administrator') {
      throw new RuleViolationError('An administrator cannot remove their own administrator role.', [{ field: 'role', code: 'role.self_demotion', message: 'Ask another administrator.' }]);
    }
    await checkOrganisation(ctx, t, role, organisationId);
    // Becoming an industry user drops the agency unless one is named (which the rule then refuses).
    const agencyPartyId = parsed.agencyPartyId !== undefined ? parsed.agencyPartyId : actsForOrganisation(role) ? null : u.agency_party_id;
    await checkAgency(ctx, t, role, agencyPartyId);
    const profile = { display_name: parsed.displayName?.trim() || u.display_name, role, organisation_id: organisationId, agency_party_id: agencyPartyId };
    if (unchanged(store.userState(u), store.userState({ ...u, ...profile }))) return u;
    const updated = await store.updateUserProfile(t, id, { ...profile, updated_at: clock.now() });
    await recordAudit(t, actor, clock, userAudit('accounts.user.update', updated, parsed.reason));
    if (role !== u.role || organisationId !== u.organisation_id) {
      await revokeAllCredentials(ctx, t, actor, id, `role or organisation changed: ${parsed.reason}`);
    }
    return updated;
  });
  return presentUser(row);
}
