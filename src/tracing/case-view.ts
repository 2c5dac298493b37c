import type { Actor } from '../platform/auth/actor.ts';
import type { Tx } from '../platform/db/types.ts';
import { NotFoundError } from '../platform/http/errors.ts';
import type { TracingContext } from './context.ts';
import { partyLookup, presentCaseDetail, type CaseParts } from './presenters.ts';
import type { RecoveryDetail } from './schemas.ts';
import * as store from './store.ts';
import * as foreign from './store-foreign.ts';

/** A recovery as its page shows it: items, marks as read, ranked candidates, matches and parties. */
export async function loadCaseDetail(ctx: TracingContext, actor: Actor, t: Tx, caseId: string): Promise<RecoveryDetail> {
  const row = await store.getCase(t, caseId);
  if (!row) throw new NotFoundError('Recovery', caseId);
  const [persons, items] = await Promise.all([store.listPersons(t, [caseId]), store.listItems(t, caseId)]);
  const ids = items.map((i) => i.id);
  const [markings, candidates, matches, traces, foreignHits] = await Promise.all([
    store.listMarkings(t, ids),
    store.listCandidates(t, ids),
    store.listMatchesForItems(t, ids),
    store.listTracesForItems(t, ids),
    foreign.foreignHitsWithReportsForItems(t, ids),
  ]);
  return caseDetailOf(ctx, actor, t, { row, persons, items, markings, candidates, matches, traces, foreignHits });
}

/**
 * The page of a recovery from its rows: loadCaseDetail's, or those a recording has just written (it answers
 * with what it wrote instead of reading it back; they are ordered here as the store lists them).
 */
export async function caseDetailOf(ctx: TracingContext, actor: Actor, t: Tx, parts: CaseParts): Promise<RecoveryDetail> {
  const persons = [...parts.persons].sort((a, b) => byText(a.role, b.role) || byText(a.party_id, b.party_id));
  const items = [...parts.items].sort((a, b) => a.seq - b.seq);
  const { row, matches } = parts;
  const partyIds = [row.agency_party_id, ...persons.map((p) => p.party_id), ...matches.flatMap((m) => (m.reporting_agency_party_id ? [m.reporting_agency_party_id] : []))];
  const parties = await ctx.registry.partySummaries(actor, partyIds, t);
  // A recording's own rows carry no foreign hits: those its check wrote are read here.
  const foreignHits = parts.foreignHits ?? (await foreign.foreignHitsWithReportsForItems(t, items.map((i) => i.id)));
  return presentCaseDetail({ ...parts, persons, items, foreignHits }, partyLookup(parties));
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
