import type { Actor } from '../platform/auth/actor.ts';
import { isUnrestricted } from '../platform/auth/scope.ts';
import type { Queryable, Tx } from '../platform/db/types.ts';
import { gateFor } from './checks.ts';
import { today, type LicensingContext } from './context.ts';
import { caseClock, requiresCountersignature } from './model.ts';
import { presentCase, presentCaseScreening, presentLicence, type CaseScreeningView, type CaseView, type LicenceView } from './presenters.ts';
import { partiesOf } from './screening-bridge.ts';
import * as caseStore from './store-cases.ts';
import * as licenceStore from './store-licences.ts';

/** Reads what a case or licence view needs (stores, the gate) and hands it to its presenter. */

export async function caseView(ctx: LicensingContext, q: Queryable, actor: Actor, app: caseStore.ApplicationRow): Promise<CaseView> {
  const decisions = await caseStore.listDecisions(q, app.id);
  const documents = await caseStore.listDocuments(q, app.id);
  const { gate, auths, transits } = await gateFor(ctx, q, app);
  const licenceNumber = await licenceStore.licenceNumberForApplication(q, app.id);
  const countersign = requiresCountersignature(ctx.settings.countersign, app.content, (c) => ctx.isWassenaarParticipant(c));
  // The applicant's organisation sees the decisions that concern it, not the authority's internal advice.
  const officer = isUnrestricted(actor);
  return presentCase({ app, decisions, documents, gate, auths, transits, licenceNumber, countersign, clock: caseClock(decisions, ctx.deps.clock.now()), officer });
}

/** A licence with its lines and history (read unless the caller already holds them, e.g. for a page of licences). */
export async function licenceView(
  ctx: LicensingContext,
  q: Queryable,
  row: licenceStore.LicenceRow,
  lines?: licenceStore.LicenceLineRow[],
  events?: licenceStore.LicenceEventRow[],
): Promise<LicenceView> {
  const ls = lines ?? (await licenceStore.getLicenceLines(q, [row.id]));
  const history = events ?? (await licenceStore.listLicenceEvents(q, row.id));
  return presentLicence(row, ls, history, { today: today(ctx), publicUrl: ctx.deps.config.publicUrl });
}

/**
 * The case's parties beside what screening currently says about each (latest run, hits, listed entries,
 * decisions that apply, alerts). Read with the actor's own screening permission: industry gets a 403.
 */
export async function caseScreeningView(ctx: LicensingContext, actor: Actor, app: caseStore.ApplicationRow, tx?: Tx): Promise<CaseScreeningView> {
  const parties = partiesOf(app.id, app.content);
  const screened = await ctx.screening.partyHits(actor, parties.map((p) => p.partyRef), tx);
  return presentCaseScreening(app.id, parties, screened);
}
