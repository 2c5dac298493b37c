import { recordAuditBatch } from '../platform/audit/record.ts';
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

/**
 * Set-based: one lookup of the reports for every serial read in full, the hits inserted in one statement
 * (a hit already recorded is not recorded twice), the notifications sent one per hit (each is a message to
 * its State), their envelope ids written in one statement, and one audit batch.
 */
export async function checkForeignReports(ctx: TracingContext, t: Tx, actor: Actor, recovered: readonly RecoveredForCheck[]): Promise<foreign.ForeignHitRow[]> {
  const serialsOf = (r: RecoveredForCheck) => new Set(r.markings.flatMap((m) => (m.serial_norm ? [m.serial_norm] : [])));
  const all = [...new Set(recovered.flatMap((r) => [...serialsOf(r)]))];
  const reported = await foreign.activeForeignWeaponsBySerial(t, all);
  if (reported.length === 0) return [];
  const now = ctx.deps.clock.now();
  const found: { r: RecoveredForCheck; report: (typeof reported)[number]; weapon: Weapon; row: foreign.ForeignHitRow }[] = [];
  const seen = new Set<string>();
  for (const r of recovered) {
    const serials = serialsOf(r);
    const weapon = weaponFromRecovery(r.item, r.markings);
    for (const report of reported.filter((w) => serials.has(w.serial_norm))) {
      const matchedOn = foreignMatch(weapon, report.weapons[report.weapon_index] as Weapon);
      const key = `${r.item.id} ${report.id} ${report.weapon_index}`;
      if (!matchedOn || seen.has(key)) continue;
      seen.add(key);
      found.push({
        r,
        report,
        weapon,
        row: {
          id: uuidv7(),
          recovered_item_id: r.item.id,
          foreign_report_id: report.id,
          weapon_index: report.weapon_index,
          matched_on: matchedOn,
          notification_envelope_id: null,
          created_at: now,
          created_by: actor.name,
        },
      });
    }
  }
  const inserted = new Map((await foreign.insertForeignHits(t, found.map((f) => f.row))).map((h) => [h.id, h]));
  const written = found.filter((f) => inserted.has(f.row.id));
  const reaches = new Map<string, boolean>();
  const sent: { id: string; envelopeId: string }[] = [];
  for (const { r, report, weapon, row } of written) {
    if (!ctx.exchange) break;
    if (!reaches.has(report.reporting_state)) reaches.set(report.reporting_state, await ctx.exchange.reaches(report.reporting_state, t));
    if (!reaches.get(report.reporting_state)) continue;
    const envelope = await ctx.exchange.send(
      actor,
      {
        to: report.reporting_state,
        type: 'hit_notification',
        inReplyTo: report.envelope_id,
        body: {
          reportReference: report.report_reference,
          weapon,
          matchedOn: row.matched_on,
          recoveryType: r.case.recovery_type,
          recoveredOn: r.case.recovered_on,
          place: { country: ctx.deps.config.state, locode: r.case.place_locode, description: r.case.place_text },
          holdingAuthority: { name: authorityName(ctx) },
          caseReference: r.case.reference,
        },
      },
      t,
    );
    sent.push({ id: row.id, envelopeId: envelope.id });
  }
  for (const h of await foreign.setForeignHitNotifications(t, sent)) inserted.set(h.id, h);
  const hits = written.map((f) => inserted.get(f.row.id)!);
  await recordAuditBatch(
    t,
    actor,
    ctx.deps.clock,
    written.map(({ report }, i) => ({
      action: 'tracing.foreign_hit.create',
      entity: 'tracing_foreign_hit',
      entityId: hits[i].id,
      reason: `${report.kind} in ${report.reporting_state}'s report ${report.report_reference}`,
      state: foreign.foreignHitState(hits[i]),
    })),
  );
  written.forEach(({ r, report }, i) =>
    // Also a log line an operator's alerting can follow; officers see the hit on the recovery page and the dashboard.
    ctx.deps.log.warn(
      { alert: 'tracing.foreign_hit', recoveredItemId: r.item.id, reportingState: report.reporting_state, reportReference: report.report_reference, notified: hits[i].notification_envelope_id !== null },
      'tracing: a recovered item matches another State\'s lost/stolen report',
    ),
  );
  return hits;
}
