import { recordAudit } from '../platform/audit/record.ts';
import type { Actor } from '../platform/auth/actor.ts';
import type { Tx } from '../platform/db/types.ts';
import { uuidv7 } from '../platform/ids.ts';
import { authorityName, type TracingContext } from './context.ts';
import { weaponFromRecovery } from './request-documents.ts';
import type * as store from './store.ts';
import * as foreign from './store-foreign.ts';

/**
 * The recovery check against other States' lost/stolen reports (Protocol Arts 11, 12(1); ITI): a recovered
 * item here whose serial, read in full, is the serial of a weapon another State reported lost or stolen —
 * and whose make and country of manufacture do not contradict the report — is a **foreign hit**. It is
 * recorded (audited) and notified to the reporting State's node as a `hit_notification` answering its
 * notice, when that node is enrolled here; otherwise the hit waits for the point of contact to pass it on.
 */

type Weapon = { make?: string | null; model?: string | null; calibre?: string | null; countryOfManufacture?: string | null };

const same = (a: string | null | undefined, b: string | null | undefined) => !!a && !!b && a.trim().toLowerCase() === b.trim().toLowerCase();
const differ = (a: string | null | undefined, b: string | null | undefined) => !!a && !!b && a.trim().toLowerCase() !== b.trim().toLowerCase();

/** Which identification fields agree, or null when make or country of manufacture contradict the report. */
export function foreignMatch(item: Weapon, reported: Weapon): string[] | null {
  if (differ(item.make, reported.make) || differ(item.countryOfManufacture, reported.countryOfManufacture)) return null;
  const agree = (['make', 'model', 'calibre', 'countryOfManufacture'] as const).filter((f) => same(item[f], reported[f]));
  return ['serialNumber', ...agree];
}

export interface RecoveredForCheck {
  case: store.CaseRow;
  item: store.RecoveredItemRow;
  markings: readonly store.RecoveredMarkingRow[];
}

export async function checkForeignReports(ctx: TracingContext, t: Tx, actor: Actor, recovered: readonly RecoveredForCheck[]): Promise<foreign.ForeignHitRow[]> {
  const serialsOf = (r: RecoveredForCheck) => new Set(r.markings.flatMap((m) => (m.serial_norm ? [m.serial_norm] : [])));
  const all = [...new Set(recovered.flatMap((r) => [...serialsOf(r)]))];
  const reported = await foreign.activeForeignWeaponsBySerial(t, all);
  if (reported.length === 0) return [];
  const hits: foreign.ForeignHitRow[] = [];
  for (const r of recovered) {
    const serials = serialsOf(r);
    const weapon = weaponFromRecovery(r.item, r.markings);
    for (const report of reported.filter((w) => serials.has(w.serial_norm))) {
      const matchedOn = foreignMatch(weapon, report.weapons[report.weapon_index] as Weapon);
      if (!matchedOn) continue;
      let hit = await foreign.insertForeignHit(t, {
        id: uuidv7(),
        recovered_item_id: r.item.id,
        foreign_report_id: report.id,
        weapon_index: report.weapon_index,
        matched_on: matchedOn,
        notification_envelope_id: null,
        created_at: ctx.deps.clock.now(),
        created_by: actor.name,
      });
      if (!hit) continue;
      if (ctx.exchange && (await ctx.exchange.reaches(report.reporting_state, t))) {
        const sent = await ctx.exchange.send(
          actor,
          {
            to: report.reporting_state,
            type: 'hit_notification',
            inReplyTo: report.envelope_id,
            body: {
              reportReference: report.report_reference,
              weapon,
              matchedOn,
              recoveryType: r.case.recovery_type,
              recoveredOn: r.case.recovered_on,
              place: { country: ctx.deps.config.state, locode: r.case.place_locode, description: r.case.place_text },
              holdingAuthority: { name: authorityName(ctx) },
              caseReference: r.case.reference,
            },
          },
          t,
        );
        hit = await foreign.setForeignHitNotification(t, hit.id, sent.id);
      }
      await recordAudit(t, actor, ctx.deps.clock, {
        action: 'tracing.foreign_hit.create',
        entity: 'tracing_foreign_hit',
        entityId: hit.id,
        reason: `${report.kind} in ${report.reporting_state}'s report ${report.report_reference}`,
        state: foreign.foreignHitState(hit),
      });
      // The alert: officers watch these lines until the hit screens exist.
      ctx.deps.log.warn(
        { alert: 'tracing.foreign_hit', recoveredItemId: r.item.id, reportingState: report.reporting_state, reportReference: report.report_reference, notified: hit.notification_envelope_id !== null },
        'tracing: a recovered item matches another State\'s lost/stolen report',
      );
      hits.push(hit);
    }
  }
  return hits;
}
