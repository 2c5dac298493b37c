import { recordAudit } from '../../platform/audit/record.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { inTransaction } from '../../platform/tx.ts';
import { parseInput } from '../../platform/validation.ts';
import { normaliseSerialOrNull } from '../../registry/model.ts';
import type { TracingContext } from '../context.ts';
import { checkForeignReports } from '../foreign-checks.ts';
import { foreignReportInput } from '../foreign-schemas.ts';
import { tracingPolicy } from '../policy.ts';
import * as store from '../store.ts';
import * as foreign from '../store-foreign.ts';

/**
 * Records another State's lost/stolen notice (Protocol Arts 11, 12(1)) as a foreign report that every
 * recovery here is checked against, and checks the items already recovered here against it; a `withdraw`
 * marks the report withdrawn (it stays). Called by the exchange with the signed envelope's id.
 */
export async function recordForeignReport(ctx: TracingContext, actor: Actor, input: unknown, tx?: Tx) {
  tracingPolicy.require(actor, 'tracing.recoveries.write');
  const { state, envelopeId, body } = parseInput('tracing', foreignReportInput, input);
  return inTransaction(ctx.deps.db, tx, async (t) => {
    const now = ctx.deps.clock.now();
    if (body.action === 'withdraw') {
      const held = await foreign.foreignReportByReference(t, state, body.reportReference, true);
      if (!held) return { outcome: 'unknown_report' as const, reportId: null, hits: [] };
      if (held.status === 'withdrawn') return { outcome: 'already_withdrawn' as const, reportId: held.id, hits: [] };
      const row = await foreign.withdrawForeignReport(t, held.id, now, body.withdrawalReason ?? null, envelopeId);
      await recordAudit(t, actor, ctx.deps.clock, { action: 'tracing.foreign_report.withdraw', entity: 'tracing_foreign_report', entityId: row.id, reason: body.withdrawalReason ?? null, state: foreign.foreignReportState(row) });
      return { outcome: 'withdrawn' as const, reportId: row.id, hits: [] };
    }
    const serials = body.weapons.flatMap((w, weaponIndex) => {
      // A serial with unreadable characters is not compared exactly (as for recoveries here).
      const serialNorm = w.serialNumber && !/[?*]/.test(w.serialNumber) ? normaliseSerialOrNull(w.serialNumber) : null;
      return serialNorm ? [{ weaponIndex, serialNorm }] : [];
    });
    const row = await foreign.insertForeignReport(
      t,
      {
        id: uuidv7(),
        reporting_state: state,
        report_reference: body.reportReference,
        kind: body.kind,
        status: 'active',
        occurred_on: body.occurredOn ?? null,
        place: body.place ?? null,
        reporting_authority: body.reportingAuthority,
        weapons: body.weapons,
        envelope_id: envelopeId,
        received_at: now,
        withdrawn_at: null,
        withdrawal_reason: null,
        withdrawal_envelope_id: null,
      },
      serials,
    );
    if (!row) return { outcome: 'already_reported' as const, reportId: (await foreign.foreignReportByReference(t, state, body.reportReference))!.id, hits: [] };
    await recordAudit(t, actor, ctx.deps.clock, { action: 'tracing.foreign_report.receive', entity: 'tracing_foreign_report', entityId: row.id, state: foreign.foreignReportState(row) });
    // Items recovered here before the report arrived are checked against it now.
    const itemIds = await foreign.recoveredItemIdsBySerial(t, serials.map((s) => s.serialNorm));
    const items = await store.getItems(t, itemIds);
    const [markings, cases] = await Promise.all([store.listMarkings(t, itemIds), store.getCases(t, [...new Set(items.map((i) => i.case_id))])]);
    const hits = await checkForeignReports(
      ctx,
      t,
      actor,
      items.map((item) => ({ item, case: cases.find((c) => c.id === item.case_id)!, markings: markings.filter((m) => m.recovered_item_id === item.id) })),
    );
    return { outcome: 'recorded' as const, reportId: row.id, hits: hits.map(foreign.foreignHitState) };
  });
}
