import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import { RuleViolationError } from '../../platform/http/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { inTransaction } from '../../platform/tx.ts';
import { parseInput } from '../../platform/validation.ts';
import { licenceTransition, publicWordingFor, type LicenceAction } from '../model.ts';
import { licensingPolicy, type LicensingPermission } from '../policy.ts';
import { statusChangeSchema } from '../schemas.ts';
import * as licenceStore from '../store-licences.ts';

const ACTION_PERMISSION: Record<Exclude<LicenceAction, 'expire'>, LicensingPermission> = {
  suspend: 'licensing.licence.suspend',
  reinstate: 'licensing.licence.suspend',
  revoke: 'licensing.licence.revoke',
  surrender: 'licensing.licence.surrender',
};
import { audit, loadLicence, type LicensingContext } from '../context.ts';
import { licenceView } from '../views.ts';

/**
 * Suspend, reinstate, revoke or surrender, each with its reason, appended to the licence's history and
 * audited. The reason is internal; the public verification shows only the status, its date and the
 * public wording chosen from a fixed list (a default one when none is chosen).
 */
export async function changeLicenceStatus(ctx: LicensingContext, actor: Actor, number: string, action: Exclude<LicenceAction, 'expire'>, input: { reason: string; publicWording?: string | null }, tx?: Tx) {
  const { deps } = ctx;
  licensingPolicy.require(actor, ACTION_PERMISSION[action]);
  const { reason, publicWording } = parseInput('licensing', statusChangeSchema, input);
  const wording = publicWordingFor(action, publicWording);
  if (!wording.ok) throw new RuleViolationError(wording.reason, [{ field: 'publicWording', code: `licence.${action}.public_wording`, message: wording.reason }]);
  return inTransaction(deps.db, tx, async (t) => {
    const row = await loadLicence(t, actor, number, true);
    const lines = await licenceStore.getLicenceLines(t, [row.id]);
    const usage = { licensed: lines.reduce((s, l) => s + Number(l.quantity), 0), used: lines.reduce((s, l) => s + Number(l.used), 0) };
    const step = licenceTransition(row.status, action, usage);
    if (!step.ok) throw new RuleViolationError(step.reason, [{ field: 'status', code: `licence.${action}.not_allowed`, message: step.reason }]);
    const now = deps.clock.now();
    const updated = await licenceStore.setLicenceStatus(t, row.id, step.to, reason, now, wording.wording);
    await licenceStore.insertLicenceEvents(t, [{ id: uuidv7(), licenceId: row.id, from: row.status, to: step.to, at: now, actorName: actor.name, actorRole: actor.role, reason }]);
    await audit(ctx, t, actor, [{ action: `licensing.licence.${action}`, entity: 'licensing_licence', entityId: row.id, reason, state: licenceStore.licenceState(updated, lines) }]);
    return licenceView(ctx, t, updated, lines);
  });
}
