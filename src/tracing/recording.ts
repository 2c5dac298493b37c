import type { AuditInput } from '../platform/audit/record.ts';
import type { Actor } from '../platform/auth/actor.ts';
import type { Tx } from '../platform/db/types.ts';
import { lockYearlyNumber } from '../platform/db/numbering.ts';
import type { FieldError } from '../platform/http/errors.ts';
import { uuidv7 } from '../platform/ids.ts';
import { normaliseSerialOrNull } from '../registry/model.ts';
import type { TracingContext } from './context.ts';
import { checkRecoveredItems } from './matching.ts';
import { recoveryReference } from './model.ts';
import type { RecoveryInput } from './schemas.ts';
import * as store from './store.ts';
import { checkForeignReports } from './foreign-checks.ts';

/**
 * Writes validated recoveries (from the form or a CSV seizure list) in the caller's transaction: the
 * cases with their persons, then the automatic check of every item against the registry, which writes
 * each item with its marks as read and its result, set-based, audited once per record. Callers have
 * checked the permission and every rule.
 */

/** Field errors for agencies and persons that are not registry parties (`field` names where each came from). */
export async function unknownParties(ctx: TracingContext, actor: Actor, t: Tx, refs: readonly { field: string; id: string }[]): Promise<FieldError[]> {
  const found = new Set((await ctx.registry.partySummaries(actor, refs.map((r) => r.id), t)).map((p) => p.id));
  return refs
    .filter((r) => !found.has(r.id))
    .map((r) => ({ field: r.field, code: 'party.not_found', message: `Party ${r.id} does not exist in the registry.` }));
}

/** Recovered items checked against the registry per batch (the registry's bulk import writes 5,000 rows per batch too). */
export const CHECK_BATCH = 5_000;

/** What was written, as stored: the items as their check left them. */
export interface Written {
  cases: store.CaseRow[];
  persons: store.PersonRow[];
  items: store.RecoveredItemRow[];
  markings: store.RecoveredMarkingRow[];
  candidates: store.CandidateRow[];
  matches: store.MatchRow[];
}

export async function writeRecoveries(ctx: TracingContext, actor: Actor, t: Tx, recoveries: readonly RecoveryInput[]): Promise<Written> {
  const now = ctx.deps.clock.now();
  const year = now.getUTCFullYear();
  // Held to the commit: a recording at the same moment waits here, then reads the number this one took.
  await lockYearlyNumber(t, 'tracing.recovery_reference', year);
  let number = await store.lastReferenceNumber(t, year);
  const cases: store.CaseRow[] = [];
  const persons: store.PersonRow[] = [];
  const items: store.RecoveredItemRow[] = [];
  const markings: store.RecoveredMarkingRow[] = [];
  for (const r of recoveries) {
    const c: store.CaseRow = {
      id: uuidv7(),
      reference: recoveryReference(year, ++number),
      recovered_on: r.recoveredOn,
      place_locode: r.place.locode ? r.place.locode.replace(' ', '') : null,
      place_latitude: r.place.latitude ?? null,
      place_longitude: r.place.longitude ?? null,
      place_text: r.place.text ?? null,
      agency_party_id: r.agencyPartyId,
      recovery_type: r.recoveryType,
      legal_justification: r.legalJustification,
      criminal_context: r.criminalContext,
      legal_reference: r.legalReference ?? null,
      notes: r.notes ?? null,
      created_at: now,
      created_by: actor.name,
    };
    cases.push(c);
    for (const p of r.persons) persons.push({ case_id: c.id, party_id: p.partyId, role: p.role });
    r.items.forEach((i, n) => {
      const item: store.RecoveredItemRow = {
        id: uuidv7(),
        case_id: c.id,
        seq: n + 1,
        kind: i.kind,
        item_type: i.type ?? null,
        make: i.make ?? null,
        model: i.model ?? null,
        calibre: i.calibre ?? null,
        country_of_manufacture: i.countryOfManufacture ?? null,
        nature: i.nature,
        quantity: i.quantity ?? 1,
        description: i.description ?? null,
        check_outcome: 'unchecked',
        checked_at: null,
        candidate_count: 0,
        registry_item_id: null,
        created_at: now,
      };
      items.push(item);
      i.markings.forEach((m, k) =>
        markings.push({
          id: uuidv7(),
          recovered_item_id: item.id,
          seq: k + 1,
          location: m.location,
          state: m.state,
          serial_as_read: m.serialAsRead ?? null,
          // Only a serial read in full is compared exactly; a partial one is searched by pattern.
          serial_norm: m.serialAsRead && !/[?*]/.test(m.serialAsRead) ? normaliseSerialOrNull(m.serialAsRead) : null,
          manufacturer_name: m.manufacturerName ?? null,
          country_of_manufacture: m.countryOfManufacture ?? null,
          text_as_read: m.textAsRead ?? null,
        }),
      );
    });
  }
  await store.insertCases(t, cases);
  await store.insertPersons(t, persons);

  const markingsByItem = new Map<string, store.RecoveredMarkingRow[]>();
  for (const m of markings) {
    const list = markingsByItem.get(m.recovered_item_id);
    if (list) list.push(m);
    else markingsByItem.set(m.recovered_item_id, [m]);
  }
  const personsByCase = new Map<string, store.PersonRow[]>();
  for (const p of persons) {
    const list = personsByCase.get(p.case_id);
    if (list) list.push(p);
    else personsByCase.set(p.case_id, [p]);
  }
  // The items are written by their check, once, with its result (checkRecoveredItems); the recoveries'
  // own entries lead the first batch's audit entries.
  const caseAudits: AuditInput[] = cases.map((c) => ({ action: 'tracing.recovery.create', entity: 'recovery_case', entityId: c.id, state: store.caseState(c, personsByCase.get(c.id) ?? []) }));

  const caseById = new Map(cases.map((c) => [c.id, c]));
  const written: Written = { cases, persons, items: [], markings, candidates: [], matches: [] };
  // In batches: each is a handful of set-based statements whatever its size, and the arrays they bind stay bounded.
  for (let start = 0; start < items.length; start += CHECK_BATCH) {
    const batch = items.slice(start, start + CHECK_BATCH).map((item) => ({ c: caseById.get(item.case_id)!, item, markings: markingsByItem.get(item.id) ?? [] }));
    const checked = await checkRecoveredItems(ctx, t, actor, batch, start === 0 ? caseAudits : []);
    written.items.push(...checked.items);
    written.candidates.push(...checked.candidates);
    written.matches.push(...checked.matches);
  }
  if (items.length === 0) await checkRecoveredItems(ctx, t, actor, [], caseAudits);
  await checkForeignReports(ctx, t, actor, written.items.map((item) => ({ item, case: caseById.get(item.case_id)!, markings: markingsByItem.get(item.id) ?? [] })));
  return written;
}
