import { crosswalkFor } from '../reference/crosswalk.ts';

/**
 * Licensing: types and pure rules (Protocol Arts 10 and 15, Reg. (EU) 258/2012 Art. 7 as a model).
 * No I/O here: the Art. 10 gate, the case and licence state machines, the countersignature rule and
 * the licence snapshot are plain functions of their inputs, so each is tested exhaustively.
 */

export const APPLICATION_KINDS = ['export', 'import', 'transit', 'brokering', 'temporary'] as const;
export type ApplicationKind = (typeof APPLICATION_KINDS)[number];

/** Art. 10(6): simplified procedures for temporary export/import/transit for verifiable lawful purposes. */
export const TEMPORARY_PURPOSES = ['hunting', 'sport_shooting', 'evaluation', 'exhibition', 'repair'] as const;
export type TemporaryPurpose = (typeof TEMPORARY_PURPOSES)[number];

export const KIND_CODES: Record<ApplicationKind, string> = {
  export: 'EXP',
  import: 'IMP',
  transit: 'TRN',
  brokering: 'BRK',
  temporary: 'TMP',
};

export const ITEM_TYPES = ['firearm', 'part', 'essential_component', 'ammunition', 'accessory', 'other'] as const;
export type ItemType = (typeof ITEM_TYPES)[number];

/** Units of quantity: pieces (UN/CEFACT NAR), rounds of ammunition, sets, kilograms. */
export const UNITS = ['piece', 'round', 'set', 'kg'] as const;
export type Unit = (typeof UNITS)[number];

export const TRANSIT_MODES = ['land', 'sea', 'air'] as const;
export type TransitMode = (typeof TRANSIT_MODES)[number];

export interface PartyRef {
  /** Registry party id when the party is known to the registry. */
  partyId?: string | null;
  name: string;
  address?: string | null;
  /** ISO 3166-1 alpha-2. */
  country: string;
}

/** Art. 15(1)(c): brokers are disclosed with their name and location. */
export interface BrokerRef extends PartyRef {
  /** Broker register entry (licensing_brokers.id) when the broker is registered here. */
  brokerId?: string | null;
  location: string;
}

export interface TransitLeg {
  country: string;
  mode: TransitMode;
  /** Transhipment or change of means of transport in the transit State (Reg 258/2012 Art. 7(1)). */
  transhipment: boolean;
}

export interface GoodsLine {
  lineNo: number;
  description: string;
  itemType: ItemType;
  /** Wassenaar ML entry (`ML1.a`) or dual-use entry (`1A005`). */
  controlEntry: string;
  /** HS 2022 heading/subheading in chapter 93, digits only (`930200`). */
  hsCode: string;
  quantity: number;
  unit: Unit;
  /** Integer minor units of `currency` (ISO 4217). */
  valueMinor: number;
  currency: string;
  serials?: string[];
  registryItemIds?: string[];
  /** Registry firearm type (`rifle`…) when the line is for one type only; shipped items must be of it. */
  firearmType?: string | null;
  /** Calibre as marked (`.308 Win`) when the line is for one calibre only; shipped items must show it. */
  calibre?: string | null;
}

export interface ApplicationContent {
  kind: ApplicationKind;
  temporaryPurpose?: TemporaryPurpose | null;
  applicant: PartyRef;
  consignee?: PartyRef | null;
  endUser: PartyRef;
  intermediateConsignees: PartyRef[];
  brokers: BrokerRef[];
  carriers: PartyRef[];
  exportCountry: string;
  importCountry: string;
  transit: TransitLeg[];
  goods: GoodsLine[];
  endUse: string;
  /** First planned shipment date, if the applicant knows it (YYYY-MM-DD). */
  plannedShipmentDate?: string | null;
}

// ---------------------------------------------------------------------------------------------
// Shapes of codes (the reference module's lookups replace these where they exist).

export const CONTROL_ENTRY_RE = /^(ML(?:[1-9]|1[0-9]|2[0-2])(?:\.[a-z0-9]+)*|[0-9][A-E][0-9]{3}(?:\.[a-z0-9]+)*)$/;
export const HS_CODE_RE = /^930[1-7](?:\d{2}){0,2}$/;
/** UN/LOCODE: ISO 3166 alpha-2 + 3 characters (letters, digits 2–9), optional space. */
export const UNLOCODE_RE = /^[A-Z]{2} ?[A-Z2-9]{3}$/;

export function normaliseHsCode(code: string): string {
  return code.replace(/[.\s]/g, '');
}

export function isMunitionsEntry(entry: string, headings: readonly string[]): boolean {
  const m = /^ML(\d+)/.exec(entry);
  return m !== null && headings.includes(`ML${m[1]}`);
}

/** A recorded import authorization covers a control entry when it names it or a parent entry (ML1 covers ML1.a). */
export function entryCovers(authorised: string, requested: string): boolean {
  return requested === authorised || requested.startsWith(`${authorised}.`);
}

// ---------------------------------------------------------------------------------------------
// Art. 10(2) gate.

export interface ImportAuthorizationEvidence {
  id: string;
  reference: string;
  issuingState: string;
  issuingAuthority: string;
  issueDate: string;
  expiryDate: string;
  /** SHA-256 of the stored document; null when no document was recorded. */
  documentSha256: string | null;
  goods: { controlEntry: string; quantity: number; unit: Unit }[];
  /** 'officer' (recorded from paper) or 'exchange' (obtained from the importing State's node). */
  source: string;
}

export interface TransitNoObjectionEvidence {
  id: string;
  state: string;
  reference: string;
  noticeDate: string;
  documentSha256: string | null;
  source: string;
}

export interface GateSettings {
  /** Reg 258/2012 Art. 7(1): sea/air transit without transhipment may be exempted from the no-objection. */
  exemptSeaAirTransitWithoutTranshipment: boolean;
}

export interface GateCondition {
  code: string;
  met: boolean;
  /** Exempted conditions count as met and say why. */
  exempt?: boolean;
  detail: string;
}

export interface GateResult {
  applicable: boolean;
  ok: boolean;
  conditions: GateCondition[];
  /**
   * The evidence the met conditions rest on, and nothing else: the complete import authorizations of the
   * importing State in force today, and the transit no-objections dated in time for each leg that is not
   * exempt. A licence's signed snapshot cites exactly these.
   */
  reliedOn: { importAuthorizations: ImportAuthorizationEvidence[]; transitNoObjections: TransitNoObjectionEvidence[] };
}

export interface GateInput {
  application: Pick<ApplicationContent, 'kind' | 'importCountry' | 'transit' | 'goods' | 'plannedShipmentDate'>;
  importAuthorizations: ImportAuthorizationEvidence[];
  transitNoObjections: TransitNoObjectionEvidence[];
  /** The day the licence would be issued (YYYY-MM-DD). */
  today: string;
  /** The licence's intended expiry (YYYY-MM-DD). */
  licenceExpiresOn: string;
  settings: GateSettings;
}

/**
 * Protocol Art. 10(2): before issuing an export licence, (a) the importing State has issued an import
 * licence or authorization, and (b) every transit State has given written notice of no objection prior
 * to shipment. The gate only looks at recorded evidence, whatever way it arrived (officer, exchange).
 * Temporary exports (Art. 10(6), Reg 258/2012 Art. 7(1) second subparagraph) are exempt from (b).
 */
export function evaluateArt10Gate(input: GateInput): GateResult {
  const { application, today } = input;
  if (application.kind !== 'export' && application.kind !== 'temporary') {
    return { applicable: false, ok: true, conditions: [], reliedOn: { importAuthorizations: [], transitNoObjections: [] } };
  }
  const conditions: GateCondition[] = [];
  const reliedOnTransit: TransitNoObjectionEvidence[] = [];

  const fromImporter = input.importAuthorizations.filter((a) => a.issuingState === application.importCountry);
  const complete = fromImporter.filter((a) => a.reference.trim() && a.issuingAuthority.trim() && a.documentSha256);
  conditions.push({
    code: 'import_authorization.recorded',
    met: complete.length > 0,
    detail:
      complete.length > 0
        ? `Import authorization ${complete.map((a) => a.reference).join(', ')} of ${application.importCountry} recorded with its document.`
        : fromImporter.length > 0
          ? `An import authorization of ${application.importCountry} is recorded but lacks its reference, issuing authority or document.`
          : `No import authorization issued by the importing State ${application.importCountry} is recorded.`,
  });

  const inForce = complete.filter((a) => a.issueDate <= today && today <= a.expiryDate);
  conditions.push({
    code: 'import_authorization.in_force',
    met: inForce.length > 0,
    detail: inForce.length > 0 ? 'The import authorization is in force today.' : `No recorded import authorization is in force on ${today}.`,
  });

  // Reg 258/2012 Art. 7(5): the export licence may not outlast the import authorization.
  const outlasts = inForce.length > 0 && inForce.every((a) => a.expiryDate < input.licenceExpiresOn);
  const latestExpiry = inForce.reduce<string | null>((acc, a) => (acc === null || a.expiryDate > acc ? a.expiryDate : acc), null);
  conditions.push({
    code: 'import_authorization.covers_dates',
    met: inForce.length > 0 && !outlasts,
    detail:
      inForce.length === 0
        ? 'No import authorization in force to compare dates with.'
        : outlasts
          ? `The licence would expire on ${input.licenceExpiresOn}, after the import authorization (${latestExpiry}).`
          : `The licence expiry ${input.licenceExpiresOn} is within the import authorization's validity.`,
  });

  const uncovered = uncoveredGoods(application.goods, inForce);
  conditions.push({
    code: 'import_authorization.covers_goods',
    met: inForce.length > 0 && uncovered.length === 0,
    detail:
      inForce.length === 0
        ? 'No import authorization in force to compare goods with.'
        : uncovered.length === 0
          ? 'Every goods line is covered in kind and quantity by the import authorization.'
          : `Not covered: ${uncovered.join('; ')}.`,
  });

  const shipmentLimit = application.plannedShipmentDate ?? null;
  for (const leg of application.transit) {
    const code = `transit.${leg.country}.no_objection`;
    if (application.kind === 'temporary') {
      conditions.push({ code, met: true, exempt: true, detail: 'Temporary export for a lawful purpose: exempt from transit no-objection (Art. 10(6)).' });
      continue;
    }
    if (input.settings.exemptSeaAirTransitWithoutTranshipment && leg.mode !== 'land' && !leg.transhipment) {
      conditions.push({ code, met: true, exempt: true, detail: `Transit by ${leg.mode} through ${leg.country} without transhipment is exempted by configuration.` });
      continue;
    }
    const notices = input.transitNoObjections.filter((n) => n.state === leg.country);
    const valid = notices.filter((n) => n.noticeDate <= today && (shipmentLimit === null || n.noticeDate <= shipmentLimit));
    reliedOnTransit.push(...valid);
    conditions.push({
      code,
      met: valid.length > 0,
      detail:
        valid.length > 0
          ? `Written no-objection ${valid[0].reference} of ${leg.country} dated ${valid[0].noticeDate}.`
          : notices.length > 0
            ? `The no-objection of ${leg.country} is dated after ${shipmentLimit && shipmentLimit < today ? `the planned shipment (${shipmentLimit})` : 'today'}: it must precede shipment.`
            : `No written no-objection from transit State ${leg.country} is recorded.`,
    });
  }
  return { applicable: true, ok: conditions.every((c) => c.met), conditions, reliedOn: { importAuthorizations: inForce, transitNoObjections: reliedOnTransit } };
}

function uncoveredGoods(goods: GoodsLine[], auths: ImportAuthorizationEvidence[]): string[] {
  // Quantities are compared per authorised entry and unit, summing every application line it covers.
  const out: string[] = [];
  const allowance = new Map<string, number>();
  for (const a of auths) {
    for (const g of a.goods) {
      const key = `${g.controlEntry}|${g.unit}`;
      allowance.set(key, Math.max(allowance.get(key) ?? 0, g.quantity));
    }
  }
  const demand = new Map<string, number>();
  for (const line of goods) {
    const key = [...allowance.keys()]
      .filter((k) => k.endsWith(`|${line.unit}`) && entryCovers(k.split('|')[0], line.controlEntry))
      .sort((x, y) => y.length - x.length)[0];
    if (!key) {
      out.push(`line ${line.lineNo} (${line.controlEntry}, ${line.unit}) is not named by the import authorization`);
      continue;
    }
    demand.set(key, (demand.get(key) ?? 0) + line.quantity);
  }
  for (const [key, qty] of demand) {
    const allowed = allowance.get(key) ?? 0;
    if (qty > allowed) {
      const [entry, unit] = key.split('|');
      out.push(`${entry}: ${qty} ${unit} requested, ${allowed} authorised for import`);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Countersignature rule.

export interface CountersignRule {
  /** Version stamped on every decision the rule makes (LITE: routing stamped with the rules version). */
  version: string;
  /** Control-list headings that need a supervisor's countersignature when exported to a non-participant. */
  headings: string[];
  kinds: ApplicationKind[];
  /** 'non_participants' (default): only to States outside the Wassenaar Arrangement; 'all'; 'none'. */
  destinations: 'non_participants' | 'all' | 'none';
}

export const DEFAULT_COUNTERSIGN_RULE: CountersignRule = {
  version: 'countersign/2026-1',
  headings: ['ML1', 'ML2', 'ML3', 'ML4'],
  kinds: ['export', 'temporary', 'brokering'],
  destinations: 'non_participants',
};

export function requiresCountersignature(
  rule: CountersignRule,
  app: Pick<ApplicationContent, 'kind' | 'importCountry' | 'goods'>,
  isWassenaarParticipant: (iso2: string) => boolean,
): { required: boolean; reason: string } {
  if (rule.destinations === 'none' || !rule.kinds.includes(app.kind)) {
    return { required: false, reason: `Rule ${rule.version}: no countersignature for ${app.kind}.` };
  }
  const lines = app.goods.filter((g) => isMunitionsEntry(g.controlEntry, rule.headings));
  if (lines.length === 0) return { required: false, reason: `Rule ${rule.version}: no goods under ${rule.headings.join('/')}.` };
  if (rule.destinations === 'non_participants' && isWassenaarParticipant(app.importCountry)) {
    return { required: false, reason: `Rule ${rule.version}: ${app.importCountry} participates in the Wassenaar Arrangement.` };
  }
  return {
    required: true,
    reason: `Rule ${rule.version}: ${lines.map((l) => l.controlEntry).join(', ')} to ${app.importCountry}${rule.destinations === 'non_participants' ? ' (not a Wassenaar participant)' : ''}.`,
  };
}

// ---------------------------------------------------------------------------------------------
// Refusal criteria (coded, so denials and reports can be counted by reason).

export const REFUSAL_CRITERIA = {
  embargo: 'Arms embargo or restrictive measure in force',
  diversion_risk: 'Risk of diversion to an unauthorised end user or end use',
  att_art6: 'ATT Art. 6: transfer prohibited (Security Council measures, international obligations, atrocity crimes)',
  att_art7: 'ATT Art. 7: overriding risk after export assessment',
  eu_cp_1: 'EU Common Position criterion 1: international obligations and commitments',
  eu_cp_2: 'EU Common Position criterion 2: human rights and international humanitarian law',
  eu_cp_3: 'EU Common Position criterion 3: internal situation in the country of final destination',
  eu_cp_4: 'EU Common Position criterion 4: regional peace, security and stability',
  eu_cp_5: 'EU Common Position criterion 5: national security of Member States and allies',
  eu_cp_6: 'EU Common Position criterion 6: behaviour of the buyer country towards terrorism and international law',
  eu_cp_7: 'EU Common Position criterion 7: risk of diversion or re-export under undesirable conditions',
  eu_cp_8: 'EU Common Position criterion 8: compatibility with the technical and economic capacity of the recipient',
  applicant_record: 'Applicant criminal record (Reg 258/2012 Art. 11(1)(a))',
  incomplete: 'Application incomplete after a request for information',
} as const;
export type RefusalCriterion = keyof typeof REFUSAL_CRITERIA;
export const REFUSAL_CODES = Object.keys(REFUSAL_CRITERIA) as RefusalCriterion[];

// ---------------------------------------------------------------------------------------------
// Case workflow.

export const APPLICATION_STATUSES = [
  'submitted',
  'under_review',
  'information_requested',
  'recommended',
  'countersigned',
  'issued',
  'refused',
  'withdrawn',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** A case in one of these statuses takes no more evidence or documents. */
export const CLOSED_CASE_STATUSES: readonly ApplicationStatus[] = ['issued', 'refused', 'withdrawn'];

export const CASE_ACTIONS = [
  'assign',
  'request_information',
  'provide_information',
  'recommend',
  'countersign',
  'issue',
  'refuse',
  'withdraw',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

const CASE_TRANSITIONS: Record<CaseAction, { from: ApplicationStatus[]; to: ApplicationStatus | null }> = {
  assign: { from: ['submitted', 'under_review'], to: 'under_review' },
  request_information: { from: ['under_review'], to: 'information_requested' },
  provide_information: { from: ['information_requested'], to: 'under_review' },
  // A new recommendation replaces the last one; recommending again after countersign restarts countersigning.
  recommend: { from: ['under_review', 'recommended', 'countersigned'], to: 'recommended' },
  // to: null — the outcome depends on the supervisor's decision (agree → countersigned, disagree → under_review).
  countersign: { from: ['recommended'], to: null },
  issue: { from: ['recommended', 'countersigned'], to: 'issued' },
  refuse: { from: ['recommended', 'countersigned'], to: 'refused' },
  withdraw: { from: ['submitted', 'under_review', 'information_requested', 'recommended', 'countersigned'], to: 'withdrawn' },
};

export function caseTransition(status: ApplicationStatus, action: CaseAction): { ok: true; to: ApplicationStatus | null } | { ok: false; reason: string } {
  const t = CASE_TRANSITIONS[action];
  if (!t.from.includes(status)) {
    return { ok: false, reason: `A case that is ${status} cannot be ${action.replace('_', ' ')}ed; allowed from ${t.from.join(', ')}.` };
  }
  return { ok: true, to: t.to };
}

export interface DecisionRow {
  kind: string;
  at: Date;
  data: Record<string, unknown>;
}

/**
 * The case clock: days elapsed since submission, not counting the time the applicant was asked for
 * more information (Reg 258/2012 Art. 7(4): the period runs from complete information).
 */
export function caseClock(decisions: DecisionRow[], now: Date): { elapsedDays: number; paused: boolean; pausedDays: number } {
  const sorted = [...decisions].sort((a, b) => a.at.getTime() - b.at.getTime());
  const submitted = sorted.find((d) => d.kind === 'submitted');
  if (!submitted) return { elapsedDays: 0, paused: false, pausedDays: 0 };
  let pausedMs = 0;
  let pauseStart: number | null = null;
  let end = now.getTime();
  for (const d of sorted) {
    if (d.kind === 'information_requested' && pauseStart === null) pauseStart = d.at.getTime();
    if (d.kind === 'information_provided' && pauseStart !== null) {
      pausedMs += d.at.getTime() - pauseStart;
      pauseStart = null;
    }
    if (d.kind === 'issued' || d.kind === 'refused' || d.kind === 'withdrawn') end = Math.min(end, d.at.getTime());
  }
  const paused = pauseStart !== null;
  if (pauseStart !== null) pausedMs += Math.max(0, end - pauseStart);
  const day = 86_400_000;
  return {
    elapsedDays: Math.max(0, Math.floor((end - submitted.at.getTime() - pausedMs) / day)),
    paused,
    pausedDays: Math.floor(pausedMs / day),
  };
}

// ---------------------------------------------------------------------------------------------
// Licences.

export const LICENCE_STATUSES = ['issued', 'partly_used', 'used', 'expired', 'suspended', 'revoked', 'surrendered'] as const;
export type LicenceStatus = (typeof LICENCE_STATUSES)[number];

export const LICENCE_ACTIONS = ['suspend', 'reinstate', 'revoke', 'surrender', 'expire'] as const;
export type LicenceAction = (typeof LICENCE_ACTIONS)[number];

export function licenceTransition(
  status: LicenceStatus,
  action: LicenceAction,
  usage: { licensed: number; used: number },
): { ok: true; to: LicenceStatus } | { ok: false; reason: string } {
  const usageStatus: LicenceStatus = usage.used === 0 ? 'issued' : usage.used >= usage.licensed ? 'used' : 'partly_used';
  const active = status === 'issued' || status === 'partly_used';
  switch (action) {
    case 'suspend':
      return active ? { ok: true, to: 'suspended' } : { ok: false, reason: `A ${status} licence cannot be suspended.` };
    case 'reinstate':
      return status === 'suspended' ? { ok: true, to: usageStatus } : { ok: false, reason: `Only a suspended licence can be reinstated; this one is ${status}.` };
    case 'revoke':
      return active || status === 'suspended' ? { ok: true, to: 'revoked' } : { ok: false, reason: `A ${status} licence cannot be revoked.` };
    case 'surrender':
      return active || status === 'suspended' ? { ok: true, to: 'surrendered' } : { ok: false, reason: `A ${status} licence cannot be surrendered.` };
    case 'expire':
      return active || status === 'suspended' ? { ok: true, to: 'expired' } : { ok: false, reason: `A ${status} licence cannot expire.` };
  }
}

/** The status a reader sees today: an active licence past its expiry is expired even before the sweep records it. */
export function effectiveLicenceStatus(status: LicenceStatus, expiresOn: string, today: string): LicenceStatus {
  if ((status === 'issued' || status === 'partly_used' || status === 'suspended') && today > expiresOn) return 'expired';
  return status;
}

export type PublicVerificationStatus = 'valid' | 'used' | 'expired' | 'suspended' | 'revoked' | 'surrendered' | 'unknown';

export function publicStatus(effective: LicenceStatus): PublicVerificationStatus {
  return effective === 'issued' || effective === 'partly_used' ? 'valid' : effective;
}

/** The day the status a reader sees began (an active licence past its expiry is expired from the next day). */
export function publicStatusSince(row: { status: LicenceStatus; statusChangedAt: Date; expiresOn: string }, today: string): string {
  const effective = effectiveLicenceStatus(row.status, row.expiresOn, today);
  if (effective === 'expired' && row.status !== 'expired') return addDays(row.expiresOn, 1);
  return isoDay(row.statusChangedAt);
}

/**
 * What the public verification page may say about why a licence is suspended, revoked or surrendered:
 * one wording from this short fixed list, chosen by the officer and translated by the web app. The
 * officer's own reason (which may cite a police intelligence reference) never leaves the authenticated API.
 */
export const PUBLIC_WORDINGS = ['issuing_authority_decision', 'pending_review', 'conditions_not_met', 'holder_request', 'replaced'] as const;
export type PublicWording = (typeof PUBLIC_WORDINGS)[number];

/** The wordings each action may publish; the first is the default when the officer chooses none. */
export const PUBLIC_WORDINGS_BY_ACTION: Record<'suspend' | 'revoke' | 'surrender', readonly PublicWording[]> = {
  suspend: ['issuing_authority_decision', 'pending_review'],
  revoke: ['issuing_authority_decision', 'conditions_not_met', 'holder_request', 'replaced'],
  surrender: ['holder_request', 'replaced'],
};

/** The public wording a status change publishes: the chosen one if the action allows it, its default otherwise; none for the other actions. */
export function publicWordingFor(action: LicenceAction, chosen: PublicWording | null | undefined): { ok: true; wording: PublicWording | null } | { ok: false; reason: string } {
  if (action !== 'suspend' && action !== 'revoke' && action !== 'surrender') {
    return chosen ? { ok: false, reason: `A ${action} publishes no wording.` } : { ok: true, wording: null };
  }
  const allowed = PUBLIC_WORDINGS_BY_ACTION[action];
  if (!chosen) return { ok: true, wording: allowed[0] };
  return allowed.includes(chosen) ? { ok: true, wording: chosen } : { ok: false, reason: `A ${action} publishes one of: ${allowed.join(', ')}.` };
}

export function licenceNumber(state: string, kind: ApplicationKind, year: number, seq: number): string {
  return `${state}-${KIND_CODES[kind]}-${year}-${String(seq).padStart(6, '0')}`;
}

export const LICENCE_NUMBER_RE = /^[A-Z]{2}-(EXP|IMP|TRN|BRK|TMP)-\d{4}-\d{6,}$/;

export function addMonths(date: string, months: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d.toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/**
 * Everything Art. 10(3) requires, frozen at issue: the licence reads the same in 20 years whatever
 * happens to the parties, the application or the reference tables later (LITE re-read them; we do not).
 */
export interface LicenceSnapshot {
  number: string;
  kind: ApplicationKind;
  temporaryPurpose: TemporaryPurpose | null;
  applicationReference: string;
  issuingState: string;
  issuingAuthority: string;
  placeOfIssue: string;
  dateOfIssue: string;
  validFrom: string;
  expiresOn: string;
  exportCountry: string;
  importCountry: string;
  transitCountries: string[];
  applicant: PartyRef;
  consignee: PartyRef | null;
  finalRecipient: PartyRef;
  intermediateConsignees: PartyRef[];
  brokers: BrokerRef[];
  carriers: PartyRef[];
  goods: GoodsLine[];
  endUse: string;
  conditions: string[];
  /** The import authorizations the Art. 10(2)(a) gate relied on (none for licences it does not apply to). */
  importAuthorizations: { reference: string; issuingAuthority: string; issueDate: string; expiryDate: string; documentSha256: string | null }[];
  /** Licences issued before the gate's evidence was cited exactly carry one import authorization here instead. */
  importAuthorization?: { reference: string; issuingAuthority: string; issueDate: string; expiryDate: string; documentSha256: string | null } | null;
  /** The transit no-objections the Art. 10(2)(b) gate relied on. */
  transitNoObjections: { state: string; reference: string; noticeDate: string; documentSha256: string | null }[];
}

export function buildSnapshot(input: {
  number: string;
  applicationReference: string;
  content: ApplicationContent;
  issuingState: string;
  issuingAuthority: string;
  placeOfIssue: string;
  dateOfIssue: string;
  validFrom: string;
  expiresOn: string;
  conditions: string[];
  /** The evidence the Art. 10(2) gate relied on (`GateResult.reliedOn`): exactly what the licence cites. */
  reliedOn: GateResult['reliedOn'];
}): LicenceSnapshot {
  const c = input.content;
  return {
    number: input.number,
    kind: c.kind,
    temporaryPurpose: c.temporaryPurpose ?? null,
    applicationReference: input.applicationReference,
    issuingState: input.issuingState,
    issuingAuthority: input.issuingAuthority,
    placeOfIssue: input.placeOfIssue,
    dateOfIssue: input.dateOfIssue,
    validFrom: input.validFrom,
    expiresOn: input.expiresOn,
    exportCountry: c.exportCountry,
    importCountry: c.importCountry,
    transitCountries: c.transit.map((t) => t.country),
    applicant: c.applicant,
    consignee: c.consignee ?? null,
    finalRecipient: c.endUser,
    intermediateConsignees: c.intermediateConsignees,
    brokers: c.brokers,
    carriers: c.carriers,
    goods: c.goods,
    endUse: c.endUse,
    conditions: input.conditions,
    importAuthorizations: input.reliedOn.importAuthorizations.map((a) => ({
      reference: a.reference,
      issuingAuthority: a.issuingAuthority,
      issueDate: a.issueDate,
      expiryDate: a.expiryDate,
      documentSha256: a.documentSha256,
    })),
    transitNoObjections: input.reliedOn.transitNoObjections.map((n) => ({ state: n.state, reference: n.reference, noticeDate: n.noticeDate, documentSha256: n.documentSha256 })),
  };
}

// ---------------------------------------------------------------------------------------------
// Shipments.

export interface ShipmentLineInput {
  lineNo: number;
  quantity: number;
  serials?: string[];
  registryItemIds?: string[];
}

export interface LicenceLineUsage {
  lineNo: number;
  quantity: number;
  used: number;
  unit: Unit;
}

export interface ShipmentCheckIssue {
  field: string;
  code: string;
  message: string;
}

/** Refuses a shipment that the licence does not cover; every reason is named. */
export function checkShipment(input: {
  licence: { number: string; kind: ApplicationKind; status: LicenceStatus; validFrom: string; expiresOn: string };
  lines: LicenceLineUsage[];
  shipment: { shippedOn: string; lines: ShipmentLineInput[] };
  today: string;
}): ShipmentCheckIssue[] {
  const issues: ShipmentCheckIssue[] = [];
  const { licence, shipment } = input;
  const effective = effectiveLicenceStatus(licence.status, licence.expiresOn, input.today);
  if (licence.kind === 'brokering') {
    issues.push({ field: 'licenceNumber', code: 'shipment.brokering_licence', message: 'A brokering licence authorizes brokering, not shipments.' });
  }
  if (effective === 'suspended' || effective === 'revoked' || effective === 'surrendered' || effective === 'expired' || effective === 'used') {
    issues.push({ field: 'licenceNumber', code: `shipment.licence_${effective}`, message: `Licence ${licence.number} is ${effective}.` });
  }
  if (shipment.shippedOn < licence.validFrom || shipment.shippedOn > licence.expiresOn) {
    issues.push({
      field: 'shippedOn',
      code: 'shipment.outside_validity',
      message: `Shipment date ${shipment.shippedOn} is outside the licence validity ${licence.validFrom}..${licence.expiresOn}.`,
    });
  }
  const seen = new Set<number>();
  shipment.lines.forEach((l, i) => {
    const line = input.lines.find((x) => x.lineNo === l.lineNo);
    if (!line) {
      issues.push({ field: `lines.${i}.lineNo`, code: 'shipment.unknown_line', message: `Licence ${licence.number} has no goods line ${l.lineNo}.` });
      return;
    }
    if (seen.has(l.lineNo)) {
      issues.push({ field: `lines.${i}.lineNo`, code: 'shipment.duplicate_line', message: `Goods line ${l.lineNo} appears twice.` });
      return;
    }
    seen.add(l.lineNo);
    const remaining = line.quantity - line.used;
    if (l.quantity > remaining) {
      issues.push({
        field: `lines.${i}.quantity`,
        code: 'shipment.over_quantity',
        message: `Line ${l.lineNo}: ${l.quantity} ${line.unit} exceeds the ${remaining} remaining of ${line.quantity} licensed.`,
      });
    }
    if (l.serials && l.serials.length > 0 && line.unit === 'piece' && l.serials.length !== l.quantity) {
      issues.push({ field: `lines.${i}.serials`, code: 'shipment.serial_count', message: `Line ${l.lineNo}: ${l.serials.length} serials for ${l.quantity} pieces.` });
    }
  });
  return issues;
}

/**
 * What the shipment rule knows of one registry item named on a shipment (read once, for every line of
 * every shipment in a batch, locked until the custody events are written).
 */
export interface ShipmentItemFacts {
  id: string;
  kind: 'firearm' | 'part' | 'ammunition';
  /** firearm type, part type or ammunition component. */
  type: string | null;
  calibre: string | null;
  status: string;
  holderPartyId: string | null;
  keeperPartyId: string | null;
}

/** The custody event a shipment under each kind of licence records on the registry items it carries. */
export function shipmentEvent(kind: ApplicationKind): 'exported' | 'imported' | null {
  if (kind === 'import') return 'imported';
  if (kind === 'brokering') return null;
  return 'exported';
}

/** Registry item kinds a goods line of each type may carry (an `other` line carries no registered item). */
export const ITEM_KINDS_BY_LINE_TYPE: Record<ItemType, readonly ShipmentItemFacts['kind'][]> = {
  firearm: ['firearm'],
  part: ['part'],
  essential_component: ['part'],
  accessory: ['part'],
  ammunition: ['ammunition'],
  other: [],
};

/** Calibres compared as marked, ignoring case, spaces and punctuation (`.308 Win` = `308WIN`). */
export function sameCalibre(a: string, b: string): boolean {
  const n = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
  return n(a) === n(b);
}

function mlHeading(entry: string): string | null {
  return /^(ML\d+)/.exec(entry)?.[1] ?? null;
}

/**
 * Munitions List headings an item may be classified under: ammunition ML3; a firearm the headings the
 * reference crosswalk suggests for its type (null when its type gives no guidance, e.g. `other`); parts
 * ML1, ML2 or ML4 (the heading of the weapon a part belongs to is not recorded on the part).
 */
export function mlHeadingsFor(item: Pick<ShipmentItemFacts, 'kind' | 'type'>): readonly string[] | null {
  if (item.kind === 'ammunition') return ['ML3'];
  if (item.kind === 'part') return ['ML1', 'ML2', 'ML4'];
  const suggested = item.type ? (crosswalkFor(item.type)?.mlSuggested ?? []) : [];
  const headings = [...new Set(suggested.map(mlHeading).filter((h): h is string => h !== null))];
  return headings.length ? headings : null;
}

export interface ShipmentItemRuleInput {
  event: 'exported' | 'imported';
  /** The licence holder's registry party (the exporter, or the importer under an import licence). */
  holderPartyId: string | null;
  /** The licence's goods lines as snapshotted at issue. */
  licenceLines: readonly Pick<GoodsLine, 'lineNo' | 'itemType' | 'controlEntry' | 'registryItemIds' | 'firearmType' | 'calibre'>[];
  shipmentLines: readonly ShipmentLineInput[];
  /** Every item named, as read from the registry (a missing id is an item that does not exist). */
  items: ReadonlyMap<string, ShipmentItemFacts>;
  /** Statuses from which the registry allows `event` (its custody state machine). */
  statusesAllowing: readonly string[];
  /** Items already moved by an earlier shipment of the same batch. */
  claimed?: ReadonlySet<string>;
}

/**
 * Every registry item on a shipment must be in the licence holder's custody (held or kept by the
 * exporter; for an import, arriving for the importer: held by nobody in the State but the importer), in
 * a status from which the registry allows the event, and of the kind, type, calibre and control-list
 * heading its licence line names, or among the items the line lists. One issue per refused item, naming
 * it and its place (`lines.N.registryItemIds.M`). A missing item is refused like one held by someone
 * else, so the answer never tells whether another organisation's item exists.
 */
export function checkShipmentItems(input: ShipmentItemRuleInput): ShipmentCheckIssue[] {
  const issues: ShipmentCheckIssue[] = [];
  const seen = new Set<string>(input.claimed ?? []);
  const holder = input.holderPartyId;
  input.shipmentLines.forEach((l, i) => {
    const ids = l.registryItemIds ?? [];
    if (ids.length > l.quantity) {
      issues.push({ field: `lines.${i}.registryItemIds`, code: 'shipment.items_exceed_quantity', message: `Line ${l.lineNo}: ${ids.length} registry items for a quantity of ${l.quantity}.` });
    }
    const line = input.licenceLines.find((x) => x.lineNo === l.lineNo);
    ids.forEach((id, k) => {
      const field = `lines.${i}.registryItemIds.${k}`;
      const refuse = (code: string, message: string) => issues.push({ field, code, message: `Item ${id}: ${message}` });
      if (seen.has(id)) return refuse('shipment.item_duplicate', 'named more than once in this shipment.');
      seen.add(id);
      const item = input.items.get(id);
      if (input.event === 'exported') {
        if (!item || holder === null || (item.holderPartyId !== holder && item.keeperPartyId !== holder)) {
          return refuse('shipment.item_not_held', "not held or kept by the licence holder (or no such item).");
        }
      } else if (!item || (item.holderPartyId !== null && item.holderPartyId !== holder) || (item.keeperPartyId !== null && item.keeperPartyId !== holder)) {
        return refuse('shipment.item_not_for_importer', 'held in the State by someone other than the importer (or no such item).');
      }
      if (!input.statusesAllowing.includes(item.status)) {
        return refuse('shipment.item_status', `it is ${item.status}; "${input.event}" can be recorded only for an item that is ${input.statusesAllowing.join(', ')}.`);
      }
      if (!line) return; // the unknown line is refused by checkShipment
      const notOnLine = lineMismatch(item, line);
      if (notOnLine) refuse('shipment.item_not_on_line', `does not fit licence line ${line.lineNo}: ${notOnLine}`);
    });
  });
  return issues;
}

/** Why an item does not fit a licence line, or null when it does. */
function lineMismatch(item: ShipmentItemFacts, line: ShipmentItemRuleInput['licenceLines'][number]): string | null {
  if (line.registryItemIds?.length && !line.registryItemIds.includes(item.id)) return 'the line lists its items and this is not one of them.';
  if (!ITEM_KINDS_BY_LINE_TYPE[line.itemType].includes(item.kind)) return `a ${item.kind} on a line of ${line.itemType.replace('_', ' ')}s.`;
  if (line.firearmType && item.type !== line.firearmType) return `a ${item.type ?? 'firearm of unrecorded type'} on a line of ${line.firearmType.replace(/_/g, ' ')}s.`;
  if (line.calibre && !(item.calibre && sameCalibre(item.calibre, line.calibre))) return `calibre ${item.calibre ?? 'not recorded'}, the line is for ${line.calibre}.`;
  const headings = mlHeadingsFor(item);
  const heading = mlHeading(line.controlEntry);
  if (headings && (heading === null || !headings.includes(heading))) {
    return `a ${item.type ?? item.kind} is classified under ${headings.join(' or ')}, the line under ${line.controlEntry}.`;
  }
  return null;
}

export function usageStatus(lines: { quantity: number; used: number }[]): 'issued' | 'partly_used' | 'used' {
  const used = lines.reduce((s, l) => s + l.used, 0);
  if (used === 0) return 'issued';
  return lines.every((l) => l.used >= l.quantity) ? 'used' : 'partly_used';
}

// ---------------------------------------------------------------------------------------------
// Brokers (Art. 15).

export interface BrokerRegistration {
  id: string;
  name: string;
  status: 'active' | 'suspended' | 'retired';
  validFrom: string;
  validTo: string;
}

export function brokerRegistrationValid(b: BrokerRegistration | undefined, on: string): boolean {
  return b !== undefined && b.status === 'active' && b.validFrom <= on && on <= b.validTo;
}
