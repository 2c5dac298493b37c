import { recordAuditBatch, type AuditInput } from '../platform/audit/record.ts';
import type { Actor } from '../platform/auth/actor.ts';
import type { Tx } from '../platform/db/types.ts';
import { uuidv7 } from '../platform/ids.ts';
import { compareCandidates, type ItemStatus, type MarkingInput } from '../registry/model.ts';
import type { CandidateList, ItemDetail, ItemSummary } from '../registry/schemas.ts';
import type { TracingContext } from './context.ts';
import { confiscationMark, matchKindFor, outcomeFor, planCheck, registersWhenUnmatched, seizureTime, type CheckOutcome } from './model.ts';
import * as store from './store.ts';

/**
 * The steps recovered items go through against the registry (Art. 11, ITI para 9): the automatic check
 * when they are recorded, an officer's confirmation of a partial candidate, or their registration when
 * nothing matched. Every step takes a batch (a seizure list is thousands of items; a form or an officer's
 * decision is a batch of one) and works set-based: one exact-serial lookup for the batch, bulk writes,
 * one audit batch per step. Callers have checked the permission; everything runs in the caller's
 * transaction. The registry is reached through its service only.
 */

/** How many ranked candidates are kept per recovered item (the count of all of them is kept too). */
export const CANDIDATES_KEPT = 10;

/** A recovered item with its recovery and its marks as read. */
export interface RecoveredEntry {
  c: store.CaseRow;
  item: store.RecoveredItemRow;
  markings: readonly store.RecoveredMarkingRow[];
}

/** The registry item a recovered one turned out to be, as matching needs it. */
export interface MatchTarget {
  id: string;
  status: ItemStatus;
  lastEventAt: Date | null;
  /** The loss or theft report of a lost or stolen item (its recipient is the agency that took it). */
  lossReport: { eventId: string; authorizationRef: string | null; reportedToPartyId: string | null } | null;
}

const REPORT_KINDS = new Set(['reported_stolen', 'reported_lost']);

/** An item page (an officer's confirmed candidate) → what matching needs. */
export function matchTargetOf(d: ItemDetail): MatchTarget {
  const report = [...d.events].reverse().find((e) => REPORT_KINDS.has(e.kind));
  return {
    id: d.id,
    status: d.status,
    lastEventAt: d.lastEventAt ? new Date(d.lastEventAt) : null,
    lossReport: report ? { eventId: report.id, authorizationRef: report.authorizationRef ?? null, reportedToPartyId: report.to?.id ?? null } : null,
  };
}

/** What a step decided for one recovered item, before anything of it is written. */
interface Decision {
  entry: RecoveredEntry;
  result: store.CheckResult;
  /** The audit action of the decision on an item recorded earlier (an officer's decision). */
  action: string;
  match?: store.MatchRow;
  candidates?: store.CandidateRow[];
}

/** Recovered items as a check left them (in the order given), with the candidates and matches it wrote. */
export interface CheckedItems {
  items: store.RecoveredItemRow[];
  candidates: store.CandidateRow[];
  matches: store.MatchRow[];
}

/** The row after its check result (store.setCheckResults, or inserted so). */
function checked(item: store.RecoveredItemRow, r: store.CheckResult): store.RecoveredItemRow {
  return { ...item, check_outcome: r.outcome, checked_at: r.checkedAt, candidate_count: r.candidateCount, registry_item_id: r.registryItemId };
}

/**
 * Writes what a step decided, set-based, with one audit batch (`leading` entries first). Items recorded
 * earlier (an officer's decision) get their results by one update and an entry named after the outcome
 * (`tracing.recovered_item.linked`…). Items being recorded now (`fresh`: the automatic check at
 * recording) are inserted once, already with their results, and audited once, as created
 * (`tracing.recovered_item.create`), with the state they are left in: recorded and checked in one
 * transaction, no other state of theirs was ever committed, and the hashed state names the outcome. The
 * state hashed is the row as written (built in memory: re-reading thousands of rows would only cost time).
 */
async function writeDecisions(
  ctx: TracingContext,
  t: Tx,
  actor: Actor,
  decisions: readonly Decision[],
  fresh: boolean,
  leading: readonly AuditInput[] = [],
): Promise<CheckedItems> {
  const written: CheckedItems = {
    items: decisions.map((d) => checked(d.entry.item, d.result)),
    candidates: decisions.flatMap((d) => d.candidates ?? []),
    matches: decisions.flatMap((d) => (d.match ? [d.match] : [])),
  };
  if (fresh) {
    await store.insertItems(t, written.items);
    await store.insertMarkings(t, decisions.flatMap((d) => d.entry.markings));
  }
  await store.insertCandidates(t, written.candidates);
  await store.insertMatches(t, written.matches);
  if (!fresh) await store.setCheckResults(t, decisions.map((d) => d.result));
  const audits: AuditInput[] = [...leading];
  for (const d of decisions) {
    const item: AuditInput = {
      action: fresh ? 'tracing.recovered_item.create' : d.action,
      entity: 'recovered_item',
      entityId: d.entry.item.id,
      state: store.recoveredItemState(checked(d.entry.item, d.result), d.entry.markings),
    };
    const match: AuditInput[] = d.match ? [{ action: `tracing.match.${d.match.kind}`, entity: 'recovery_match', entityId: d.match.id, state: store.matchState(d.match) }] : [];
    audits.push(...(fresh ? [item, ...match] : [...match, item]));
  }
  if (audits.length > 0) await recordAuditBatch(t, actor, ctx.deps.clock, audits);
  return written;
}

/** A recovered item and the registry item it turned out to be. */
export interface MatchEntry extends RecoveredEntry {
  target: MatchTarget;
  foundBy: store.MatchRow['found_by'];
}

/**
 * The recovered items are these registry items. A lost or stolen one is a hit: an open alert to the
 * agency that took the report, with both references. Either way the registry records the State's seizure
 * (when its state machine allows it), so the item's chain of custody shows where it is now: one batch of
 * events through the registry's service. Two recovered items naming the same registry item (the same
 * serial twice on a list) are both matched; the registry records one seizure.
 */
export async function matchToRegistryItems(ctx: TracingContext, t: Tx, actor: Actor, list: readonly MatchEntry[]): Promise<CheckOutcome[]> {
  const decisions = await decideMatches(ctx, t, actor, list);
  await writeDecisions(ctx, t, actor, decisions, false);
  return decisions.map((d) => d.result.outcome);
}

/** matchToRegistryItems' registry events and the rows it writes (written by writeDecisions). */
async function decideMatches(ctx: TracingContext, t: Tx, actor: Actor, list: readonly MatchEntry[]): Promise<Decision[]> {
  if (list.length === 0) return [];
  const now = ctx.deps.clock.now();
  const seizable = new Set(ctx.registry.statusesAllowing('seized'));
  const seized = new Set<string>();
  const seizures = list.flatMap(({ c, item, target }) => {
    if (!seizable.has(target.status) || seized.has(target.id)) return [];
    seized.add(target.id);
    return [
      {
        itemId: target.id,
        event: {
          kind: 'seized',
          occurredAt: seizureTime(c.recovered_on, target.lastEventAt).toISOString(),
          toPartyId: c.agency_party_id,
          authorizationRef: c.legal_reference ?? c.reference,
          note: `Recovery ${c.reference}/${item.seq} (${c.recovery_type})`,
        },
      },
    ];
  });
  await ctx.registry.recordEvents(actor, seizures, t);
  return list.map((entry): Decision => {
    const { c, item, target, foundBy } = entry;
    const kind = matchKindFor(target.status);
    const report = kind === 'lost_stolen_hit' ? target.lossReport : null;
    const match: store.MatchRow = {
      id: uuidv7(),
      recovered_item_id: item.id,
      registry_item_id: target.id,
      kind,
      found_by: foundBy,
      registry_status: target.status,
      recovery_reference: `${c.reference}/${item.seq}`,
      report_event_id: report?.eventId ?? null,
      // The police report number the registry's event cites, else the event itself is the reference.
      report_reference: report ? (report.authorizationRef ?? report.eventId) : null,
      // The registry's lost/stolen event names the agency that took the report as its recipient.
      reporting_agency_party_id: report?.reportedToPartyId ?? null,
      alert_status: kind === 'lost_stolen_hit' ? 'open' : null,
      acknowledged_at: null,
      acknowledged_by: null,
      created_at: now,
      created_by: actor.name,
    };
    const outcome = outcomeFor(kind);
    return {
      entry,
      match,
      action: `tracing.recovered_item.${outcome}`,
      result: { id: item.id, outcome, checkedAt: now, candidateCount: item.candidate_count, registryItemId: target.id },
    };
  });
}

/** The registry registration of a recovered item nothing matched (its body for registerItems). */
function registrationOf(state: string, now: Date, { c, item, markings }: RecoveredEntry) {
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
  return {
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
  };
}

/**
 * Nothing in the registry is these items: each is registered as seized by the recovering agency with the
 * State's confiscation mark (Art. 8(1)(c), ISACS 05.30 "on permanent confiscation"), the marks that could
 * be read in full kept as its markings; one batch through the registry's service. The registry write is
 * made for the officer by the tracing module (a tracing officer holds no registry write permission of
 * their own): its audit entries name the officer and, as their reason, the recovery.
 */
export async function registerRecoveredItems(ctx: TracingContext, t: Tx, actor: Actor, list: readonly RecoveredEntry[]): Promise<CheckOutcome[]> {
  const decisions = await decideRegistrations(ctx, t, actor, list);
  await writeDecisions(ctx, t, actor, decisions, false);
  return decisions.map(() => 'registered');
}

/** registerRecoveredItems' registrations and the results it writes (written by writeDecisions). */
async function decideRegistrations(ctx: TracingContext, t: Tx, actor: Actor, list: readonly RecoveredEntry[]): Promise<Decision[]> {
  if (list.length === 0) return [];
  const now = ctx.deps.clock.now();
  const state = ctx.deps.config.state;
  const refs = [...new Set(list.map((e) => e.c.reference))];
  const onBehalf: Actor = {
    kind: 'system',
    userId: actor.userId,
    name: `${actor.name} (tracing ${refs.length === 1 ? refs[0] : `${refs.length} recoveries`})`,
    role: 'administrator',
    organisationId: null,
  };
  const registered = await ctx.registry.registerItems(
    onBehalf,
    list.map((e) => ({ input: registrationOf(state, now, e), reason: `Recovery ${e.c.reference}/${e.item.seq}` })),
    t,
  );
  return list.map((entry, i): Decision => ({
    entry,
    action: 'tracing.recovered_item.registered',
    result: { id: entry.item.id, outcome: 'registered', checkedAt: now, candidateCount: entry.item.candidate_count, registryItemId: registered[i].id },
  }));
}

type Ranked = Pick<ItemSummary, 'id' | 'serialNumber' | 'make' | 'model' | 'calibre' | 'status'>;

/**
 * The automatic check of items being recorded (`list`, not yet written): exact serials of their intact
 * marks (one registry lookup for the whole batch); else ranked partial candidates for their obliterated,
 * altered or falsified marks (an officer decides; one ranked search for every pattern of the batch); else
 * registration. A serial that names several registry items never decides alone:
 * they become candidates. The items are then written once with their results, their marks, candidates
 * and matches, and audited once as created, after `leading` (the recoveries' own entries), in one batch;
 * answers what was written.
 */
export async function checkRecoveredItems(
  ctx: TracingContext,
  t: Tx,
  actor: Actor,
  list: readonly RecoveredEntry[],
  leading: readonly AuditInput[] = [],
): Promise<CheckedItems> {
  if (list.length === 0) {
    if (leading.length > 0) await recordAuditBatch(t, actor, ctx.deps.clock, leading);
    return { items: [], candidates: [], matches: [] };
  }
  const plans = list.map((e) => planCheck(e.markings.map((m) => ({ location: m.location, state: m.state, serialAsRead: m.serial_as_read }))));
  const bySerial = new Map<string, Awaited<ReturnType<TracingContext['registry']['findItemsBySerials']>>>();
  const serials = [...new Set(plans.flatMap((p) => p.exact))];
  for (const m of await ctx.registry.findItemsBySerials(actor, serials, t)) bySerial.set(m.serial, [...(bySerial.get(m.serial) ?? []), m]);

  // Exact first; the items that no single registry item names are searched by their partial marks, every
  // pattern of the batch in one ranked search.
  type Exact = Map<string, (typeof bySerial extends Map<string, infer V> ? V : never)[number]>;
  const exactOf = list.map(({ item }, n) => {
    const exact: Exact = new Map();
    for (const serial of plans[n].exact) for (const m of bySerial.get(serial) ?? []) if (m.item.kind === item.kind) exact.set(m.item.id, m);
    return exact;
  });
  const partial = list.flatMap(({ item }, n) =>
    exactOf[n].size === 1
      ? []
      : plans[n].partial.map((pattern) => ({
          n,
          query: { serialPattern: pattern, kind: item.kind, make: item.make ?? undefined, model: item.model ?? undefined, calibre: item.calibre ?? undefined, limit: CANDIDATES_KEPT },
        })),
  );
  const rankedLists = await ctx.registry.rankPartialSerials(actor, partial.map((p) => p.query), t);
  const rankedOf = new Map<number, CandidateList[]>();
  partial.forEach((p, i) => rankedOf.set(p.n, [...(rankedOf.get(p.n) ?? []), rankedLists[i]]));

  const toMatch: MatchEntry[] = [];
  const toRegister: RecoveredEntry[] = [];
  const decisions: Decision[] = [];
  for (const [n, entry] of list.entries()) {
    const { item } = entry;
    const exact = exactOf[n];
    if (exact.size === 1) {
      const [m] = exact.values();
      toMatch.push({
        ...entry,
        foundBy: 'exact_serial',
        target: { id: m.item.id, status: m.item.status, lastEventAt: m.lastEventAt ? new Date(m.lastEventAt) : null, lossReport: m.lossReport },
      });
      continue;
    }
    const candidates = new Map<string, store.CandidateRow>();
    const keep = (r: Ranked, score: number) => {
      const prev = candidates.get(r.id);
      if (prev && prev.score >= score) return;
      candidates.set(r.id, { recovered_item_id: item.id, registry_item_id: r.id, rank: 0, score, serial_number: r.serialNumber, make: r.make, model: r.model, calibre: r.calibre, registry_status: r.status });
    };
    for (const m of exact.values()) keep(m.item, 1);
    let total = exact.size;
    for (const ranked of rankedOf.get(n) ?? []) {
      total = Math.max(total, ranked.total);
      for (const r of ranked.items) keep(r, r.score);
    }
    if (candidates.size > 0) {
      // The registry's order (score, then what the item's status makes likely, then id) across all marks' lists.
      const order = (c: store.CandidateRow) => ({ score: c.score, status: c.registry_status, id: c.registry_item_id });
      const ranked = [...candidates.values()].sort((a, b) => compareCandidates(order(a), order(b))).slice(0, CANDIDATES_KEPT);
      ranked.forEach((r, i) => (r.rank = i + 1));
      decisions.push({
        entry,
        candidates: ranked,
        action: 'tracing.recovered_item.candidates',
        result: { id: item.id, outcome: 'candidates', checkedAt: ctx.deps.clock.now(), candidateCount: total, registryItemId: null },
      });
    } else if (registersWhenUnmatched(item.kind)) {
      toRegister.push(entry);
    } else {
      decisions.push({
        entry,
        action: 'tracing.recovered_item.no_match',
        result: { id: item.id, outcome: 'no_match', checkedAt: ctx.deps.clock.now(), candidateCount: 0, registryItemId: null },
      });
    }
  }
  decisions.push(...(await decideMatches(ctx, t, actor, toMatch)), ...(await decideRegistrations(ctx, t, actor, toRegister)));
  // Written in the order recorded (the decisions were grouped by outcome).
  const order = new Map(list.map((e, i) => [e.item.id, i]));
  decisions.sort((a, b) => order.get(a.entry.item.id)! - order.get(b.entry.item.id)!);
  return writeDecisions(ctx, t, actor, decisions, true, leading);
}
