import { z } from 'zod';
import type { Actor } from '../platform/auth/actor.ts';
import type { Tx } from '../platform/db/types.ts';
import { NotFoundError, RuleViolationError } from '../platform/http/errors.ts';
import { decodeCursor, splitPage } from '../platform/http/pagination.ts';
import { uuidv7 } from '../platform/ids.ts';
import { inTransaction } from '../platform/tx.ts';
import { audit,  today,  type LicensingContext  } from './context.ts';
import { listScope, requireVisible } from '../platform/auth/scope.ts';
import { parseInput } from '../platform/validation.ts';
import { presentLicence } from './issue-licence.ts';
import { licenceTransition, publicWordingFor, type LicenceAction } from './model.ts';
import { licensingPolicy, type LicensingPermission } from './policy.ts';
import { statusChangeSchema } from './schemas.ts';
import * as store from './store.ts';

const ACTION_PERMISSION: Record<Exclude<LicenceAction, 'expire'>, LicensingPermission> = {
  suspend: 'licensing.licence.suspend',
  reinstate: 'licensing.licence.suspend',
  revoke: 'licensing.licence.revoke',
  surrender: 'licensing.licence.surrender',
};

export function licenceVerbs(ctx: LicensingContext) {
  const { deps } = ctx;

  async function load(q: Tx, actor: Actor, number: string, forUpdate = false) {
    const row = await store.getLicenceByNumber(q, number, forUpdate);
    if (!row) throw new NotFoundError('Licence', number);
    requireVisible(actor, row.organisation_id, 'Licence', number);
    return row;
  }

  return {
    async getLicence(actor: Actor, number: string, tx?: Tx) {
      licensingPolicy.require(actor, 'licensing.licence.read');
      const q = tx ?? deps.db;
      return presentLicence(ctx, q, await load(q, actor, number));
    },

    async listLicences(actor: Actor, f: { status?: string; limit?: number; cursor?: string } = {}) {
      licensingPolicy.require(actor, 'licensing.licence.read');
      const limit = f.limit ?? 50;
      const after = decodeCursor(f.cursor, z.object({ issuedAt: z.string(), id: z.string() }));
      const scope = listScope(actor);
      if (!scope) return { items: [], nextCursor: null };
      const rows = await store.listLicences(deps.db, { organisationId: scope.organisationId, status: f.status, limit, after });
      const { rows: page, nextCursor } = splitPage(rows, limit, (r) => ({ issuedAt: r.issued_at.toISOString(), id: r.id }));
      // Lines and histories of the whole page in two queries, not two per licence.
      const ids = page.map((r) => r.id);
      const [lines, events] = await Promise.all([store.getLicenceLines(deps.db, ids), store.listLicenceEventsFor(deps.db, ids)]);
      const items = [];
      for (const r of page) {
        items.push(await presentLicence(ctx, deps.db, r, lines.filter((l) => l.licence_id === r.id), events.filter((e) => e.licence_id === r.id)));
      }
      return { items, nextCursor };
    },

    /**
     * Suspend, reinstate, revoke or surrender, each with its reason, appended to the licence's history and
     * audited. The reason is internal; the public verification shows only the status, its date and the
     * public wording chosen from a fixed list (a default one when none is chosen).
     */
    async changeLicenceStatus(actor: Actor, number: string, action: Exclude<LicenceAction, 'expire'>, input: { reason: string; publicWording?: string | null }, tx?: Tx) {
      licensingPolicy.require(actor, ACTION_PERMISSION[action]);
      const { reason, publicWording } = parseInput('licensing', statusChangeSchema, input);
      const wording = publicWordingFor(action, publicWording);
      if (!wording.ok) throw new RuleViolationError(wording.reason, [{ field: 'publicWording', code: `licence.${action}.public_wording`, message: wording.reason }]);
      return inTransaction(deps.db, tx, async (t) => {
        const row = await load(t, actor, number, true);
        const lines = await store.getLicenceLines(t, [row.id]);
        const usage = { licensed: lines.reduce((s, l) => s + Number(l.quantity), 0), used: lines.reduce((s, l) => s + Number(l.used), 0) };
        const step = licenceTransition(row.status, action, usage);
        if (!step.ok) throw new RuleViolationError(step.reason, [{ field: 'status', code: `licence.${action}.not_allowed`, message: step.reason }]);
        const now = deps.clock.now();
        const updated = await store.setLicenceStatus(t, row.id, step.to, reason, now, wording.wording);
        await store.insertLicenceEvents(t, [{ id: uuidv7(), licenceId: row.id, from: row.status, to: step.to, at: now, actorName: actor.name, actorRole: actor.role, reason }]);
        await audit(ctx, t, actor, [{ action: `licensing.licence.${action}`, entity: 'licensing_licence', entityId: row.id, reason, state: store.licenceState(updated, lines) }]);
        return presentLicence(ctx, t, updated, lines);
      });
    },

    /** Records expiry of every active licence past its date (run daily; readers already see them as expired). */
    async expireDueLicences(actor: Actor, tx?: Tx): Promise<{ expired: string[] }> {
      licensingPolicy.require(actor, 'licensing.licence.revoke');
      return inTransaction(deps.db, tx, async (t) => {
        const day = today(ctx);
        const due = await store.listExpirable(t, day, 10_000);
        if (due.length === 0) return { expired: [] };
        const now = deps.clock.now();
        const lines = await store.getLicenceLines(t, due.map((d) => d.id));
        const updated = await store.expireLicences(t, due.map((d) => d.id), now);
        await store.insertLicenceEvents(
          t,
          due.map((row) => ({ id: uuidv7(), licenceId: row.id, from: row.status, to: 'expired', at: now, actorName: actor.name, actorRole: actor.role, reason: `Expired on ${row.expires_on}` })),
        );
        await audit(
          ctx,
          t,
          actor,
          updated.map((u) => ({
            action: 'licensing.licence.expire',
            entity: 'licensing_licence',
            entityId: u.id,
            reason: u.status_reason,
            state: store.licenceState(u, lines.filter((l) => l.licence_id === u.id)),
          })),
        );
        return { expired: updated.map((u) => u.number) };
      });
    },
  };
}
