import { SYSTEM_ACTOR } from '../platform/auth/actor.ts';
import type { Tx } from '../platform/db/types.ts';
import type { FieldError } from '../platform/http/errors.ts';
import type { LicensingContext } from './context.ts';
import type { ApplicationContent, PartyRef } from './model.ts';
import * as brokerStore from './store-brokers.ts';

/**
 * Licensing's use of the screening module. Screening runs as the system actor: it is automatic (every
 * party at submission and again before issue), not something the applicant chooses, and industry users
 * may not run screening themselves.
 */
export interface ApplicationScreening {
  purpose: 'submission' | 'issue';
  openHits: number;
  parties: { partyRef: string; role: string; name: string; runId: string; openHits: number }[];
  listVersions: { source: string; id: string }[];
}

export function partiesOf(applicationId: string, c: ApplicationContent): { partyRef: string; role: string; index: number | null; party: PartyRef }[] {
  const out: { partyRef: string; role: string; index: number | null; party: PartyRef }[] = [];
  const add = (role: string, party: PartyRef | null | undefined, i?: number) => {
    if (party) out.push({ partyRef: `licensing:${applicationId}:${role}${i === undefined ? '' : `:${i}`}`, role, index: i ?? null, party });
  };
  add('applicant', c.applicant);
  add('consignee', c.consignee);
  add('end_user', c.endUser);
  c.intermediateConsignees.forEach((p, i) => add('intermediate_consignee', p, i));
  c.brokers.forEach((p, i) => add('broker', p, i));
  c.carriers.forEach((p, i) => add('carrier', p, i));
  return out;
}

export async function screenApplication(ctx: LicensingContext, t: Tx, applicationId: string, content: ApplicationContent, purpose: 'submission' | 'issue'): Promise<ApplicationScreening> {
  const parties = partiesOf(applicationId, content);
  // A party known to the registry is screened as what it is there (person or organisation); any other
  // party without a kind, which screening scores both ways.
  const ids = parties.map((p) => p.party.partyId).filter((id): id is string => Boolean(id));
  const kinds = new Map((await ctx.registry.partySummaries(SYSTEM_ACTOR, ids, t)).map((s) => [s.id, s.kind]));
  const r = await ctx.screening.screenParties(
    SYSTEM_ACTOR,
    {
      parties: parties.map((p) => {
        const kind = p.party.partyId ? kinds.get(p.party.partyId) : undefined;
        return { partyRef: p.partyRef, name: p.party.name, country: p.party.country, origin: 'licensing', ...(kind ? { kind } : {}) };
      }),
      purpose: `licensing_${purpose}`,
    },
    t,
  );
  const byRef = new Map(r.results.map((x) => [x.partyRef, x]));
  const rows = parties.map((p) => {
    const res = byRef.get(p.partyRef);
    return { partyRef: p.partyRef, role: p.role, name: p.party.name, runId: res?.runId ?? '', openHits: res?.openHits ?? 0 };
  });
  return {
    purpose,
    openHits: rows.reduce((s, x) => s + x.openHits, 0),
    parties: rows,
    listVersions: r.listVersions.map((v) => ({ source: String((v as { source?: unknown }).source ?? ''), id: String((v as { id?: unknown }).id ?? '') })),
  };
}

/**
 * What stops issue after the re-screening just recorded: a hit without a decision that applies now
 * (none, or one made before the listed entry or the party's data changed), or a hit decided a true
 * match. Decisions are read from screening, wherever they were made; the count stored at submission
 * plays no part. Messages name the party and the count, never a run id (the case's screening panel
 * lists the hits).
 */
export async function screeningIssues(ctx: LicensingContext, t: Tx, screened: ApplicationScreening): Promise<FieldError[]> {
  const current = await ctx.screening.partyHits(SYSTEM_ACTOR, screened.parties.map((p) => p.partyRef), t);
  const problems: FieldError[] = [];
  for (const p of screened.parties) {
    const hits = current.find((c) => c.partyRef === p.partyRef)?.hits ?? [];
    const open = hits.filter((h) => h.needsDecision).length;
    const matches = hits.filter((h) => h.decision?.decision === 'true_match').length;
    if (open > 0) {
      problems.push({ field: `screening.${p.role}`, code: 'screening.open_hits', message: `${p.name}: ${open} screening hit(s) await an officer's decision on the case's screening panel.` });
    }
    if (matches > 0) {
      problems.push({ field: `screening.${p.role}`, code: 'screening.true_match', message: `${p.name} was decided a true match of a listed entry: the licence cannot be issued.` });
    }
  }
  return problems;
}

/**
 * Reg 258/2012 Art. 11(3) / Wassenaar "no undercut": a denial (ours or one notified to us) for an
 * essentially identical transaction — same destination, same end user, overlapping control entries.
 */
export async function essentiallyIdenticalDenials(ctx: LicensingContext, t: Tx, applicationId: string, content: ApplicationContent) {
  const own = (await brokerStore.listDenialsTo(t, content.importCountry, applicationId)).map((d) => ({
    reference: d.reference,
    destination: d.import_country,
    endUserName: d.end_user_name,
    controlCategories: d.control_entries.map(heading),
  }));
  const result = await ctx.screening.checkDenials(
    SYSTEM_ACTOR,
    { destination: content.importCountry, endUserName: content.endUser.name, controlCategories: [...new Set(content.goods.map((g) => heading(g.controlEntry)))] },
    own,
    t,
  );
  return result.matches.map((m) => ({ source: m.denial.source, reference: m.denial.reference, endUserScore: m.endUserScore, commonCategories: m.commonCategories }));
}

/** Denials are compared by heading (ML1, 1A), so ML1.a and ML1.b count as the same category. */
function heading(entry: string): string {
  const ml = /^ML\d+/.exec(entry);
  if (ml) return ml[0];
  return entry.slice(0, 2);
}
