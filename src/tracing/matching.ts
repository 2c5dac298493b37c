import { recordAuditBatch } from '../platform/audit/record.ts';
import type { Actor } from '../platform/auth/actor.ts';
import type { Tx } from '../platform/db/types.ts';
import { uuidv7 } from '../platform/ids.ts';
import type { MarkingInput } from '../registry/model.ts';
import type { ItemDetail, ItemSummary } from '../registry/schemas.ts';
import type { TracingContext } from './context.ts';
import { confiscationMark, matchKindFor, outcomeFor, planCheck, registersWhenUnmatched, seizureTime, type CheckOutcome } from './model.ts';
import * as store from './store.ts';

/**
 * The steps a recovered item goes through against the registry (Art. 11, ITI para 9): the automatic
 * check when it is recorded, an officer's confirmation of a partial candidate, or its registration when
 * nothing matched. Callers have checked the permission; everything runs in the caller's transaction and
 * is audited there. The registry is reached through its service only.
 */

/** How many ranked candidates are kept per recovered item (the count of all of them is kept too). */
export const CANDIDATES_KEPT = 10;

const REPORT_KINDS = new Set(['reported_stolen', 'reported_lost']);

async function auditItem(ctx: TracingContext, t: Tx, actor: Actor, id: string, action: string, extra: Parameters<typeof recordAuditBatch>[3] = []) {
  const [row] = await store.getItems(t, [id]);
  const markings = await store.listMarkings(t, [id]);
  await recordAuditBatch(t, actor, ctx.deps.clock, [...extra, { action, entity: 'recovered_item', entityId: id, state: store.recoveredItemState(row, markings) }]);
}

/**
 * The recovered item is this registry item. A lost or stolen one is a hit: an open alert to the agency
 * that took the report, with both references. Either way the registry records the State's seizure
 * (when its state machine allows it), so the item's chain of custody shows where it is now.
 */
export async function matchToRegistryItem(
  ctx: TracingContext,
  t: Tx,
  actor: Actor,
  c: store.CaseRow,
  item: store.RecoveredItemRow,
  registryItem: ItemDetail,
  foundBy: store.MatchRow['found_by'],
): Promise<CheckOutcome> {
  const now = ctx.deps.clock.now();
  const kind = matchKindFor(registryItem.status);
  const report = kind === 'lost_stolen_hit' ? [...registryItem.events].reverse().find((e) => REPORT_KINDS.has(e.kind)) : undefined;
  const match: store.MatchRow = {
    id: uuidv7(),
    recovered_item_id: item.id,
    registry_item_id: registryItem.id,
    kind,
    found_by: foundBy,
    registry_status: registryItem.status,
    recovery_reference: `${c.reference}/${item.seq}`,
    report_event_id: report?.id ?? null,
    // The police report number the registry's event cites, else the event itself is the reference.
    report_reference: report ? (report.authorizationRef ?? report.id) : null,
    // The registry's lost/stolen event names the agency that took the report as its recipient.
    reporting_agency_party_id: report?.to?.id ?? null,
    alert_status: kind === 'lost_stolen_hit' ? 'open' : null,
    acknowledged_at: null,
    acknowledged_by: null,
    created_at: now,
    created_by: actor.name,
  };
  await store.insertMatch(t, match);
  const outcome = outcomeFor(kind);
  await store.setCheckResult(t, item.id, { outcome, checkedAt: now, candidateCount: item.candidate_count, registryItemId: registryItem.id });
  if (ctx.registry.statusesAllowing('seized').includes(registryItem.status)) {
    const lastEventAt = registryItem.lastEventAt ? new Date(registryItem.lastEventAt) : null;
    await ctx.registry.recordEvent(
      actor,
      registryItem.id,
      {
        kind: 'seized',
        occurredAt: seizureTime(c.recovered_on, lastEventAt).toISOString(),
        toPartyId: c.agency_party_id,
        authorizationRef: c.legal_reference ?? c.reference,
        note: `Recovery ${match.recovery_reference} (${c.recovery_type})`,
      },
      t,
    );
  }
  await auditItem(ctx, t, actor, item.id, `tracing.recovered_item.${outcome}`, [
    { action: `tracing.match.${kind}`, entity: 'recovery_match', entityId: match.id, state: store.matchState(match) },
  ]);
  return outcome;
}

/**
 * Nothing in the registry is this item: it is registered as seized by the recovering agency with the
 * State's confiscation mark (Art. 8(1)(c), ISACS 05.30 "on permanent confiscation"), the marks that could
 * be read in full kept as its markings. The registry write is made for the officer by the tracing module
 * (a tracing officer holds no registry write permission of their own); the audit entry names them.
 */
export async function registerRecoveredItem(
  ctx: TracingContext,
  t: Tx,
  actor: Actor,
  c: store.CaseRow,
  item: store.RecoveredItemRow,
  markings: readonly store.RecoveredMarkingRow[],
): Promise<CheckOutcome> {
  const now = ctx.deps.clock.now();
  const state = ctx.deps.config.state;
  const mark = confiscationMark(state, c.reference, item.seq);
  const intact = markings.filter((m) => m.state === 'intact' && (m.serial_as_read || m.text_as_read));
  const registryMarkings: MarkingInput[] = intact.map((m) => {
    const complete = !!(m.manufacturer_name && m.country_of_manufacture && m.serial_as_read);
    return {
      kind: complete ? 'manufacture' : 'other',
      location: m.location as MarkingInput['location'],
      manufacturerName: m.manufacturer_name,
      countryOfManufacture: m.country_of_manufacture,
      serialNumber: m.serial_as_read,
      text: m.text_as_read ?? (complete ? null : m.serial_as_read),
    };
  });
  const location = (markings[0]?.location ?? (item.item_type && ['revolver', 'pistol', 'self_loading_pistol'].includes(item.item_type) ? 'frame' : 'receiver')) as MarkingInput['location'];
  registryMarkings.push({ kind: 'confiscation', location, markingCountry: state, markingYear: now.getUTCFullYear(), serialNumber: mark, text: mark });
  const onBehalf: Actor = { kind: 'system', userId: actor.userId, name: `${actor.name} (tracing ${c.reference})`, role: 'administrator', organisationId: null };
  const registered = await ctx.registry.registerItem(
    onBehalf,
    {
      item: {
        kind: item.kind,
        firearmType: item.kind === 'firearm' ? item.item_type : null,
        partType: item.kind === 'part' ? item.item_type : null,
        make: item.make,
        model: item.model,
        calibre: item.calibre,
        countryOfManufacture: item.country_of_manufacture,
        serialNumber: intact.find((m) => m.serial_as_read)?.serial_as_read ?? null,
        description: item.description ?? `Recovered (${c.recovery_type}) ${c.reference}/${item.seq}, ${item.nature}`,
      },
      markings: registryMarkings,
      event: {
        kind: 'seized',
        occurredAt: new Date(`${c.recovered_on}T00:00:00Z`).toISOString(),
        toPartyId: c.agency_party_id,
        authorizationRef: c.legal_reference ?? c.reference,
        note: `Recovery ${c.reference}/${item.seq}: no registry match`,
      },
    },
    t,
  );
  await store.setCheckResult(t, item.id, { outcome: 'registered', checkedAt: now, candidateCount: item.candidate_count, registryItemId: registered.id });
  await auditItem(ctx, t, actor, item.id, 'tracing.recovered_item.registered');
  return 'registered';
}

/**
 * The automatic check of a newly recorded item: exact serials of its intact marks; else ranked partial
 * candidates for its obliterated, altered or falsified marks (an officer decides); else registration.
 * A serial that names several registry items never decides alone: they become candidates.
 */
export async function checkRecoveredItem(
  ctx: TracingContext,
  t: Tx,
  actor: Actor,
  c: store.CaseRow,
  item: store.RecoveredItemRow,
  markings: readonly store.RecoveredMarkingRow[],
): Promise<CheckOutcome> {
  const plan = planCheck(markings.map((m) => ({ location: m.location, state: m.state, serialAsRead: m.serial_as_read })));
  const exact = new Map<string, ItemSummary>();
  for (const serial of plan.exact) {
    const page = await ctx.registry.searchItems(actor, { serial, kind: item.kind, limit: 10 }, t);
    for (const r of page.items) exact.set(r.id, r);
  }
  if (exact.size === 1) {
    const registryItem = await ctx.registry.getItem(actor, [...exact.keys()][0], t);
    return matchToRegistryItem(ctx, t, actor, c, item, registryItem, 'exact_serial');
  }

  const candidates = new Map<string, store.CandidateRow>();
  let total = 0;
  const keep = (r: { id: string; serialNumber: string | null; make: string | null; model: string | null; calibre: string | null; status: store.CandidateRow['registry_status'] }, score: number) => {
    const prev = candidates.get(r.id);
    if (prev && prev.score >= score) return;
    candidates.set(r.id, { recovered_item_id: item.id, registry_item_id: r.id, rank: 0, score, serial_number: r.serialNumber, make: r.make, model: r.model, calibre: r.calibre, registry_status: r.status });
  };
  for (const r of exact.values()) keep(r, 1);
  total += exact.size;
  for (const pattern of plan.partial) {
    const ranked = await ctx.registry.rankPartialSerial(
      actor,
      { serialPattern: pattern, kind: item.kind, make: item.make ?? undefined, model: item.model ?? undefined, calibre: item.calibre ?? undefined, limit: CANDIDATES_KEPT },
      t,
    );
    total = Math.max(total, ranked.total);
    for (const r of ranked.items) keep(r, r.score);
  }
  if (candidates.size > 0) {
    const ranked = [...candidates.values()].sort((a, b) => b.score - a.score || a.registry_item_id.localeCompare(b.registry_item_id)).slice(0, CANDIDATES_KEPT);
    ranked.forEach((r, i) => (r.rank = i + 1));
    await store.insertCandidates(t, ranked);
    await store.setCheckResult(t, item.id, { outcome: 'candidates', checkedAt: ctx.deps.clock.now(), candidateCount: total, registryItemId: null });
    await auditItem(ctx, t, actor, item.id, 'tracing.recovered_item.candidates');
    return 'candidates';
  }
  if (registersWhenUnmatched(item.kind)) return registerRecoveredItem(ctx, t, actor, c, item, markings);
  await store.setCheckResult(t, item.id, { outcome: 'no_match', checkedAt: ctx.deps.clock.now(), candidateCount: 0, registryItemId: null });
  await auditItem(ctx, t, actor, item.id, 'tracing.recovered_item.no_match');
  return 'no_match';
}
