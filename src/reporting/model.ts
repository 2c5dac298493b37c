import { FIREARM_TYPE_CROSSWALK } from '../reference/crosswalk.ts';
import { SOURCES } from '../reference/sources.ts';
import { WASSENAAR_PARTICIPANTS } from '../reference/country-groups.ts';
import { unrocaCategory, UNROCA_CATEGORIES } from '../reference/unroca.ts';
import type { HistoryMapping, HistorySource } from './history.ts';

/**
 * Reporting: types and pure rules for the international returns (STANDARDS.md §§4.3, 5). The store
 * aggregates licence and shipment lines into groups; everything here is a plain function of those
 * groups and the category mapping, so each rule is unit-tested without a database.
 */

export const REPORT_KINDS = ['unroca', 'att', 'wassenaar', 'iafq', 'protocol'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** ATT Art. 13(3): the State reports authorised or actual transfers, and says which. */
export const BASES = ['authorised', 'actual'] as const;
export type Basis = (typeof BASES)[number];

export const WITHHOLD_REASONS = ['commercially_sensitive', 'national_security'] as const;
export type WithholdReason = (typeof WITHHOLD_REASONS)[number];

export const DUAL_USE_TIERS = ['basic', 'sensitive', 'very_sensitive'] as const;
export type DualUseTier = (typeof DUAL_USE_TIERS)[number];

// ---------------------------------------------------------------------------------------------
// Periods.

export interface Period {
  /** First day, inclusive (YYYY-MM-DD). */
  start: string;
  /** Last day, inclusive. */
  end: string;
  /** `2026` for the annual returns, `2026-H1` for Wassenaar. */
  label: string;
}

/** UNROCA, the ATT, the IAFQ and the self-assessment report a calendar year; Wassenaar a half-year. */
export function parsePeriod(kind: ReportKind, label: string): Period | null {
  if (kind === 'wassenaar') {
    const m = /^(\d{4})-H([12])$/.exec(label);
    if (!m) return null;
    return m[2] === '1' ? { start: `${m[1]}-01-01`, end: `${m[1]}-06-30`, label } : { start: `${m[1]}-07-01`, end: `${m[1]}-12-31`, label };
  }
  const m = /^(\d{4})$/.exec(label);
  return m ? { start: `${m[1]}-01-01`, end: `${m[1]}-12-31`, label } : null;
}

export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

// ---------------------------------------------------------------------------------------------
// Category mapping: control-list entry + item type (+ firearm type) → UNROCA / ATT / Wassenaar.

export interface MappingKey {
  /** `ML1.a`, `ML1`, a dual-use entry `5A002`, or `*`. */
  controlEntry: string;
  /** Licensing item type (`firearm`, `ammunition`…) or `*`. */
  itemType: string;
  /** Registry firearm type (`rifle`…) or `*`. */
  firearmType: string;
}

export interface MappingValue {
  unrocaCategory: string | null;
  wassenaarCategory: string | null;
  dualUseTier: DualUseTier | null;
  /** False: deliberately outside UNROCA/ATT/Appendix 3 (parts, ammunition), which is not "unmapped". */
  reportable: boolean;
}

export interface CategoryMapping extends MappingKey, MappingValue {
  id: string;
  version: number;
  source: 'reference' | 'officer';
  reason: string;
  createdAt: Date;
  createdBy: string;
  supersededAt: Date | null;
  supersededBy: string | null;
}

export const ANY = '*';

/** `ML1` covers `ML1.a` and `ML1.a.1`; `*` covers everything. */
export function entryCovers(pattern: string, entry: string): boolean {
  return pattern === ANY || entry === pattern || entry.startsWith(`${pattern}.`);
}

/**
 * The current mapping that applies to a line: the most specific match wins — a named firearm type
 * over any, then a named item type over any, then the longest control entry.
 */
export function resolveCategory<M extends MappingKey>(mappings: readonly M[], line: { controlEntry: string; itemType: string; firearmType: string | null }): M | null {
  let best: M | null = null;
  let bestScore = -1;
  for (const m of mappings) {
    if (!entryCovers(m.controlEntry, line.controlEntry)) continue;
    if (m.itemType !== ANY && m.itemType !== line.itemType) continue;
    if (m.firearmType !== ANY && m.firearmType !== (line.firearmType ?? '')) continue;
    const score = (m.firearmType !== ANY ? 1_000_000 : 0) + (m.itemType !== ANY ? 1_000 : 0) + (m.controlEntry === ANY ? 0 : m.controlEntry.length);
    if (score > bestScore) {
      best = m;
      bestScore = score;
    }
  }
  return best;
}

/** Category codes a mapping may name (UNROCA's, which ATT Art. 2(1) and Wassenaar Appendix 3 follow). */
export function isCategoryCode(code: string): boolean {
  return UNROCA_CATEGORIES.some((c) => c.code === code && c.code !== 'SALW');
}

export function categoryTitle(code: string): string {
  return unrocaCategory(code)?.title ?? code;
}

/** Sort order of categories as the forms print them: I–VII, then small arms, then light weapons. */
export function categoryOrder(code: string | null): number {
  const i = UNROCA_CATEGORIES.findIndex((c) => c.code === code);
  return i < 0 ? 999 : i;
}

/** The mappings a new node starts with, from the reference crosswalk (reference/crosswalk.ts). */
export function seedMappings(): (MappingKey & MappingValue & { reason: string })[] {
  const firearms = FIREARM_TYPE_CROSSWALK.map((c) => ({
    controlEntry: ANY,
    itemType: 'firearm',
    firearmType: c.firearmType,
    unrocaCategory: c.unrocaCategory,
    wassenaarCategory: c.unrocaCategory,
    dualUseTier: null,
    reportable: true,
    reason: `Reference crosswalk: ${c.firearmType} → ${c.unrocaCategory}${c.decidingFact ? ` (${c.decidingFact})` : ''}`,
  }));
  // ATT Art. 13(3) and UNROCA report the arms of Art. 2(1); ammunition (Art. 3) and parts (Art. 4) are
  // controlled but not reported, so they are mapped as not reportable rather than left unmapped.
  const outside = ['ammunition', 'part', 'essential_component', 'accessory'].map((itemType) => ({
    controlEntry: ANY,
    itemType,
    firearmType: ANY,
    unrocaCategory: null,
    wassenaarCategory: null,
    dualUseTier: null,
    reportable: false,
    reason: `Reference: ${itemType.replace('_', ' ')} is not reported under UNROCA, ATT Art. 13(3) or Wassenaar Appendix 3`,
  }));
  return [...firearms, ...outside];
}

/** Field problems of a mapping edit (field → code); empty when valid. */
export function mappingProblems(m: MappingKey & MappingValue): { field: string; code: string; message: string }[] {
  const out: { field: string; code: string; message: string }[] = [];
  if (m.unrocaCategory !== null && !isCategoryCode(m.unrocaCategory)) out.push({ field: 'unrocaCategory', code: 'reporting.unknown_category', message: `${m.unrocaCategory} is not a UNROCA/ATT category` });
  if (m.wassenaarCategory !== null && !isCategoryCode(m.wassenaarCategory)) out.push({ field: 'wassenaarCategory', code: 'reporting.unknown_category', message: `${m.wassenaarCategory} is not a Wassenaar Appendix 3 category` });
  if (m.reportable && m.unrocaCategory === null && m.wassenaarCategory === null && m.dualUseTier === null) {
    out.push({ field: 'reportable', code: 'reporting.reportable_without_category', message: 'A reportable mapping names a category or a dual-use tier' });
  }
  if (!m.reportable && (m.unrocaCategory !== null || m.wassenaarCategory !== null)) {
    out.push({ field: 'reportable', code: 'reporting.category_not_reportable', message: 'A mapping that is not reportable names no category' });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Transfers: the store's groups of licence or shipment lines.

export interface TransferGroup {
  direction: 'export' | 'import';
  /** Final importing State (exports) or exporting State (imports). */
  partner: string;
  controlEntry: string;
  itemType: string;
  firearmType: string | null;
  description: string;
  /** Transit States, in order (the form's "intermediate location"). */
  transit: string[];
  quantity: number;
  unit: string;
  valueMinor: number;
  currency: string;
  /** Licence lines (authorised) or shipment lines (actual) summed into the group. */
  lines: number;
  withheld: WithholdReason | null;
}

export interface ArmsRow {
  category: string;
  categoryTitle: string;
  partner: string;
  /** Null when withheld (commercially sensitive) or not applicable. */
  quantity: number | null;
  unit: string;
  valueMinor: number | null;
  currency: string | null;
  description: string;
  stateOfOrigin: string | null;
  intermediate: string | null;
  comments: string;
  withheld: WithholdReason | null;
}

export interface UnmappedRow {
  direction: 'export' | 'import';
  partner: string;
  controlEntry: string;
  itemType: string;
  firearmType: string | null;
  description: string;
  quantity: number;
  unit: string;
  lines: number;
}

export type ArmsReport = {
  kind: 'unroca' | 'att';
  state: string;
  period: Period;
  basis: Basis;
  exports: ArmsRow[];
  imports: ArmsRow[];
  /** Annex 3 nil reports: nothing to report in that direction. */
  nil: { exports: boolean; imports: boolean };
  /** Lines no mapping covers: listed so an officer maps them, never silently dropped. */
  unmapped: UnmappedRow[];
  /** Lines mapped as not reportable (ammunition, parts): how many, for the officer's check. */
  notReportable: number;
  /** Art. 13(3): the declaration that data was withheld, with how many rows. */
  withholding: { declared: boolean; commerciallySensitive: number; nationalSecurity: number };
  /** Imported historical transfers of the period (null: none imported for it). */
  historical: HistoricalSection | null;
};

function withheldComment(reason: WithholdReason): string {
  return reason === 'commercially_sensitive' ? 'Quantity and value withheld: commercially sensitive (ATT Art. 13(3))' : 'Withheld: national security (ATT Art. 13(3))';
}

/**
 * The UNROCA or ATT annual tables from transfer groups: mapped to categories, merged per category,
 * partner, description and route, sorted as the form prints them. Commercially sensitive rows keep
 * their category and partner but not their numbers; national-security rows are left out; both set the
 * declaration. UNROCA reports the number of items only; the ATT number and value.
 */
export function buildArmsReport(input: { kind: 'unroca' | 'att'; state: string; period: Period; basis: Basis; groups: readonly TransferGroup[]; mappings: readonly (MappingKey & MappingValue)[]; historical?: HistoricalSection | null }): ArmsReport {
  const unmapped: UnmappedRow[] = [];
  let notReportable = 0;
  let commerciallySensitive = 0;
  let nationalSecurity = 0;
  const merged = new Map<string, ArmsRow & { direction: 'export' | 'import'; lines: number }>();
  for (const g of input.groups) {
    const m = resolveCategory(input.mappings, g);
    if (!m) {
      unmapped.push({ direction: g.direction, partner: g.partner, controlEntry: g.controlEntry, itemType: g.itemType, firearmType: g.firearmType, description: g.description, quantity: g.quantity, unit: g.unit, lines: g.lines });
      continue;
    }
    if (!m.reportable || m.unrocaCategory === null) {
      notReportable += 1;
      continue;
    }
    if (g.withheld === 'national_security') {
      nationalSecurity += 1;
      continue;
    }
    const intermediate = g.transit.length ? g.transit.join(', ') : null;
    const key = [g.direction, m.unrocaCategory, g.partner, g.description, intermediate ?? '', g.unit, g.currency, g.withheld ?? ''].join('\u0000');
    const row = merged.get(key);
    if (row) {
      row.quantity = (row.quantity ?? 0) + g.quantity;
      row.valueMinor = (row.valueMinor ?? 0) + g.valueMinor;
      row.lines += g.lines;
    } else {
      merged.set(key, {
        direction: g.direction,
        category: m.unrocaCategory,
        categoryTitle: categoryTitle(m.unrocaCategory),
        partner: g.partner,
        quantity: g.quantity,
        unit: g.unit,
        valueMinor: g.valueMinor,
        currency: g.currency,
        description: g.description,
        stateOfOrigin: null,
        intermediate,
        comments: '',
        withheld: g.withheld,
        lines: g.lines,
      });
    }
  }
  const rows = [...merged.values()].map(({ direction, lines, ...row }) => {
    if (row.withheld === 'commercially_sensitive') commerciallySensitive += 1;
    const withheld = row.withheld === 'commercially_sensitive';
    const basisNote = `${lines} ${input.basis === 'actual' ? 'shipment line(s)' : 'licence line(s) issued'}`;
    return {
      direction,
      row: {
        ...row,
        quantity: withheld ? null : row.quantity,
        valueMinor: withheld || input.kind === 'unroca' ? null : row.valueMinor,
        currency: withheld || input.kind === 'unroca' ? null : row.currency,
        comments: withheld ? withheldComment('commercially_sensitive') : basisNote,
      },
    };
  });
  const order = (a: ArmsRow, b: ArmsRow) => categoryOrder(a.category) - categoryOrder(b.category) || a.partner.localeCompare(b.partner) || a.description.localeCompare(b.description);
  const exports = rows.filter((r) => r.direction === 'export').map((r) => r.row).sort(order);
  const imports = rows.filter((r) => r.direction === 'import').map((r) => r.row).sort(order);
  return {
    kind: input.kind,
    state: input.state,
    period: input.period,
    basis: input.basis,
    exports,
    imports,
    nil: { exports: exports.length === 0 && !input.groups.some((g) => g.direction === 'export' && g.withheld === 'national_security'), imports: imports.length === 0 && !input.groups.some((g) => g.direction === 'import' && g.withheld === 'national_security') },
    unmapped: unmapped.sort((a, b) => a.direction.localeCompare(b.direction) || a.partner.localeCompare(b.partner) || a.controlEntry.localeCompare(b.controlEntry)),
    notReportable,
    withholding: { declared: commerciallySensitive + nationalSecurity > 0, commerciallySensitive, nationalSecurity },
    historical: input.historical ?? null,
  };
}

// ---------------------------------------------------------------------------------------------
// Wassenaar six-monthly information exchange (STANDARDS.md §4.3).

/** The participating States as reference data with the date they were read (STANDARDS.md §4). */
export const WASSENAAR_PARTICIPANTS_LIST = {
  asOf: '2025-11-30',
  source: SOURCES.wassenaarParticipants.citation,
  states: WASSENAAR_PARTICIPANTS,
} as const;

export function isParticipant(iso2: string): boolean {
  return WASSENAAR_PARTICIPANTS_LIST.states.includes(iso2.toUpperCase());
}

/** Individual notifications are due preferably within 30 days and at the latest within 60. */
export const NOTIFY_TARGET_DAYS = 30;
export const NOTIFY_LIMIT_DAYS = 60;

export type NotificationClock = 'within_target' | 'past_target' | 'past_limit';

export function notificationClock(from: string, today: string): { target: string; limit: string; days: number; clock: NotificationClock } {
  const days = daysBetween(from, today);
  return {
    target: addDays(from, NOTIFY_TARGET_DAYS),
    limit: addDays(from, NOTIFY_LIMIT_DAYS),
    days,
    clock: days > NOTIFY_LIMIT_DAYS ? 'past_limit' : days > NOTIFY_TARGET_DAYS ? 'past_target' : 'within_target',
  };
}

/** Dual-use Basic List entry shape (`5A002`, `5A002.a`); munitions entries start with ML. */
export function isDualUseEntry(entry: string): boolean {
  return /^[0-9][A-E][0-9]{3}(\.[a-z0-9]+)*$/.test(entry);
}

export interface RefusalFact {
  reference: string;
  deniedOn: string;
  destination: string;
  endUserName: string;
  controlEntries: string[];
  reason: string;
}

export interface OverrideFact {
  licenceNumber: string;
  approvedOn: string;
  destination: string;
  endUserName: string;
  denialReference: string;
  denialSource: string;
}

export interface WassenaarDelivery {
  category: string;
  categoryTitle: string;
  recipient: string;
  quantity: number;
  /** Model/type; the Initial Elements ask it for every category except missiles (VII). */
  modelType: string | null;
}

export type WassenaarReport = {
  kind: 'wassenaar';
  state: string;
  period: Period;
  participants: { asOf: string; source: string; count: number };
  armsDeliveries: WassenaarDelivery[];
  basicListDenials: { destination: string; category: string; denials: number }[];
  sensitiveDenials: (RefusalFact & { tier: 'sensitive' | 'very_sensitive'; entries: string[]; notify: ReturnType<typeof notificationClock> })[];
  sensitiveLicences: { destination: string; tier: 'sensitive' | 'very_sensitive'; licences: number; quantity: number; unit: string }[];
  identicalApprovals: (OverrideFact & { notify: ReturnType<typeof notificationClock> })[];
  unmapped: UnmappedRow[];
  /** Dual-use entries of denials or licences that have no tier mapping. */
  unmappedEntries: { controlEntry: string; references: string[] }[];
  /** Imported historical exports to non-participating States in the half-year's calendar year (the registers give years only). */
  historical: HistoricalSection | null;
};

const TIER_RANK: Record<DualUseTier, number> = { basic: 1, sensitive: 2, very_sensitive: 3 };

function tierOf(mappings: readonly (MappingKey & MappingValue)[], entry: string): DualUseTier | null | undefined {
  const m = resolveCategory(mappings, { controlEntry: entry, itemType: ANY, firearmType: null });
  return m ? m.dualUseTier : undefined;
}

/**
 * The six-monthly return: actual deliveries of Appendix 3 arms to non-participating States; Basic List
 * denials in aggregate; SL/VSL denials one by one with their 30/60-day clock; SL/VSL licences in
 * aggregate; approvals essentially identical to another participating State's denial.
 */
export function buildWassenaarReport(input: {
  state: string;
  period: Period;
  today: string;
  deliveries: readonly TransferGroup[];
  /** Dual-use licence lines issued in the period, with how many distinct licences they come from. */
  issued: readonly (TransferGroup & { licences: number })[];
  refusals: readonly RefusalFact[];
  overrides: readonly OverrideFact[];
  mappings: readonly (MappingKey & MappingValue)[];
  historical?: HistoricalSection | null;
}): WassenaarReport {
  const outside = (iso2: string) => !isParticipant(iso2) && iso2.toUpperCase() !== input.state.toUpperCase();
  const unmapped: UnmappedRow[] = [];
  const deliveries = new Map<string, WassenaarDelivery>();
  for (const g of input.deliveries) {
    if (g.direction !== 'export' || !outside(g.partner) || isDualUseEntry(g.controlEntry)) continue;
    const m = resolveCategory(input.mappings, g);
    if (!m) {
      unmapped.push({ direction: g.direction, partner: g.partner, controlEntry: g.controlEntry, itemType: g.itemType, firearmType: g.firearmType, description: g.description, quantity: g.quantity, unit: g.unit, lines: g.lines });
      continue;
    }
    if (!m.reportable || m.wassenaarCategory === null) continue;
    const modelType = m.wassenaarCategory.startsWith('VII') ? null : g.description;
    const key = [m.wassenaarCategory, g.partner, modelType ?? ''].join('\u0000');
    const d = deliveries.get(key);
    if (d) d.quantity += g.quantity;
    else deliveries.set(key, { category: m.wassenaarCategory, categoryTitle: categoryTitle(m.wassenaarCategory), recipient: g.partner, quantity: g.quantity, modelType });
  }

  const unmappedEntries = new Map<string, Set<string>>();
  const noteUnmapped = (entry: string, ref: string) => unmappedEntries.set(entry, (unmappedEntries.get(entry) ?? new Set()).add(ref));

  const basic = new Map<string, { destination: string; category: string; denials: number }>();
  const sensitiveDenials: WassenaarReport['sensitiveDenials'] = [];
  for (const r of input.refusals) {
    if (!outside(r.destination)) continue;
    const entries = r.controlEntries.filter(isDualUseEntry);
    if (!entries.length) continue;
    let top: DualUseTier | null = null;
    const sensitiveEntries: string[] = [];
    for (const e of entries) {
      const tier = tierOf(input.mappings, e);
      if (tier === undefined || tier === null) {
        noteUnmapped(e, r.reference);
        continue;
      }
      if (tier !== 'basic') sensitiveEntries.push(e);
      if (top === null || TIER_RANK[tier] > TIER_RANK[top]) top = tier;
    }
    if (top === null) continue;
    if (top === 'basic') {
      for (const cat of new Set(entries.map((e) => e[0]))) {
        const key = `${r.destination}\u0000${cat}`;
        const b = basic.get(key) ?? { destination: r.destination, category: cat, denials: 0 };
        b.denials += 1;
        basic.set(key, b);
      }
    } else {
      sensitiveDenials.push({ ...r, tier: top, entries: sensitiveEntries, notify: notificationClock(r.deniedOn, input.today) });
    }
  }

  const licences = new Map<string, WassenaarReport['sensitiveLicences'][number]>();
  for (const g of input.issued) {
    if (g.direction !== 'export' || !outside(g.partner) || !isDualUseEntry(g.controlEntry)) continue;
    const tier = tierOf(input.mappings, g.controlEntry);
    if (tier === undefined || tier === null) {
      noteUnmapped(g.controlEntry, g.description);
      continue;
    }
    if (tier === 'basic') continue;
    const key = [g.partner, tier, g.unit].join('\u0000');
    const l = licences.get(key) ?? { destination: g.partner, tier, licences: 0, quantity: 0, unit: g.unit };
    l.licences += g.licences;
    l.quantity += g.quantity;
    licences.set(key, l);
  }

  const identicalApprovals = input.overrides
    .filter((o) => o.denialSource.startsWith('received:') && outside(o.destination))
    .map((o) => ({ ...o, notify: notificationClock(o.approvedOn, input.today) }))
    .sort((a, b) => a.approvedOn.localeCompare(b.approvedOn) || a.licenceNumber.localeCompare(b.licenceNumber));

  return {
    kind: 'wassenaar',
    state: input.state,
    period: input.period,
    participants: { asOf: WASSENAAR_PARTICIPANTS_LIST.asOf, source: WASSENAAR_PARTICIPANTS_LIST.source, count: WASSENAAR_PARTICIPANTS_LIST.states.length },
    armsDeliveries: [...deliveries.values()].sort((a, b) => categoryOrder(a.category) - categoryOrder(b.category) || a.recipient.localeCompare(b.recipient) || (a.modelType ?? '').localeCompare(b.modelType ?? '')),
    basicListDenials: [...basic.values()].sort((a, b) => a.destination.localeCompare(b.destination) || a.category.localeCompare(b.category)),
    sensitiveDenials: sensitiveDenials.sort((a, b) => a.deniedOn.localeCompare(b.deniedOn) || a.reference.localeCompare(b.reference)),
    sensitiveLicences: [...licences.values()].sort((a, b) => a.destination.localeCompare(b.destination) || a.tier.localeCompare(b.tier)),
    identicalApprovals,
    unmapped,
    unmappedEntries: [...unmappedEntries.entries()].map(([controlEntry, refs]) => ({ controlEntry, references: [...refs].sort() })).sort((a, b) => a.controlEntry.localeCompare(b.controlEntry)),
    historical: input.historical ?? null,
  };
}

// ---------------------------------------------------------------------------------------------
// Charts: what an officer would rather look at than read.

export interface ChartLine {
  bucket: string;
  direction: 'export' | 'import';
  partner: string;
  controlEntry: string;
  itemType: string;
  firearmType: string | null;
  quantity: number;
}

export interface ChartPoint {
  bucket: string;
  key: string;
  value: number;
}

/** Keys beyond the largest `top` are summed as `other`, so a chart stays readable. */
function topKeys(points: ChartPoint[], top: number): ChartPoint[] {
  const totals = new Map<string, number>();
  for (const p of points) totals.set(p.key, (totals.get(p.key) ?? 0) + p.value);
  const ranked = [...totals.entries()].filter(([k]) => k !== 'unmapped').sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  // Unmapped lines always keep their own key: they are what the officer has to fix.
  const keep = new Set(['unmapped', ...ranked.slice(0, top).map(([k]) => k)]);
  const out = new Map<string, ChartPoint>();
  for (const p of points) {
    const key = keep.has(p.key) ? p.key : 'other';
    const id = `${p.bucket}\u0000${key}`;
    const o = out.get(id) ?? { bucket: p.bucket, key, value: 0 };
    o.value += p.value;
    out.set(id, o);
  }
  return [...out.values()].sort((a, b) => a.bucket.localeCompare(b.bucket) || a.key.localeCompare(b.key));
}

/**
 * Exports by category and by destination per period bucket, in items. Lines mapped as not reportable
 * (ammunition in rounds, parts) are left out — they would dwarf the arms; unmapped lines show as
 * `unmapped` so they are seen.
 */
export function transferCharts(lines: readonly ChartLine[], mappings: readonly (MappingKey & MappingValue)[], top = 8): { byCategory: ChartPoint[]; byDestination: ChartPoint[] } {
  const byCategory: ChartPoint[] = [];
  const byDestination: ChartPoint[] = [];
  for (const l of lines) {
    if (l.direction !== 'export') continue;
    const m = resolveCategory(mappings, l);
    if (m && (!m.reportable || m.unrocaCategory === null)) continue;
    byCategory.push({ bucket: l.bucket, key: m?.unrocaCategory ?? 'unmapped', value: l.quantity });
    byDestination.push({ bucket: l.bucket, key: l.partner, value: l.quantity });
  }
  const sortByCategory = (a: ChartPoint, b: ChartPoint) => a.bucket.localeCompare(b.bucket) || categoryOrder(a.key) - categoryOrder(b.key);
  return { byCategory: topKeys(byCategory, top).sort(sortByCategory), byDestination: topKeys(byDestination, top) };
}

// ---------------------------------------------------------------------------------------------
// UNODC Illicit Arms Flows Questionnaire and SDG indicator 16.4.2 (STANDARDS.md §§6.1, 6.2).

/** The tracing module's figures of a period (GET /tracing/figures), as reporting reads them. */
export interface TracingFigures {
  period: { from: string; to: string };
  firearmsRecovered: number;
  firearmsOriginEstablished: number;
  rows: { recoveryType: string; kind: string; type: string | null; legalJustification: string; criminalContext: string; items: number; quantity: number; originEstablished: number }[];
  requests: { direction: string; status: string; count: number }[];
}

/** The records behind those figures (the tracing service's figureRecords). */
export interface TracingRecords {
  items: {
    reference: string;
    caseReference: string;
    recoveredOn: string;
    place: string | null;
    recoveryType: string;
    legalJustification: string;
    criminalContext: string;
    kind: string;
    type: string | null;
    nature: string | null;
    countryOfManufacture: string | null;
    quantity: number;
    markingDefaced: boolean;
    originEstablished: boolean;
  }[];
  requests: { reference: string; direction: string; status: string; counterpartState: string; createdOn: string; respondedOn: string | null }[];
  disposals: { certificateNumber: string; kind: string; disposedOn: string; witnesses: number; verified: boolean; marked: boolean; fromRecovery: boolean }[];
}

export const RECOVERY_TYPES = ['seized', 'found', 'surrendered'] as const;

/**
 * A seizure is "significant" when one case holds at least this many firearms or rounds. The IAFQ asks for
 * significant seizures case by case (STANDARDS.md §6.2) but the sources at hand give no number
 * (§10: the IAFQ code lists are unverified), so the threshold is the State's choice, printed on the
 * report; these defaults are Custodia's.
 */
export const SIGNIFICANT_DEFAULTS = { firearms: 10, rounds: 1000 } as const;

/** Where a tracing request stands, as the IAFQ counts outcomes: answered, partly, refused, still awaited. */
export type RequestOutcome = 'answered' | 'partly_answered' | 'refused' | 'pending' | 'closed' | 'not_sent';

export function requestOutcome(status: string): RequestOutcome {
  switch (status) {
    case 'responded':
      return 'answered';
    case 'partial':
      return 'partly_answered';
    case 'refused':
      return 'refused';
    case 'closed':
      return 'closed';
    case 'draft':
      return 'not_sent';
    default:
      return 'pending';
  }
}

export const REQUEST_OUTCOMES: RequestOutcome[] = ['answered', 'partly_answered', 'refused', 'pending', 'closed', 'not_sent'];

export interface IafqCount {
  key: string;
  seized: number;
  found: number;
  surrendered: number;
  total: number;
}

export interface SignificantSeizure {
  caseReference: string;
  recoveredOn: string;
  place: string | null;
  legalJustification: string;
  criminalContext: string;
  firearms: number;
  parts: number;
  rounds: number;
  /** Countries of manufacture of the firearms (ISO 3166-1), as read off them. */
  countriesOfManufacture: string[];
  items: string[];
}

export type IafqReport = {
  kind: 'iafq';
  state: string;
  period: Period;
  /** SDG 16.4.2: firearms seized, found or surrendered (denominator); those whose illicit origin was established (numerator). */
  sdg: {
    denominator: number;
    numerator: number;
    /** numerator / denominator, four decimals; null when nothing was recovered. */
    proportion: number | null;
    denominatorRecords: string[];
    numeratorRecords: string[];
    /** False when the records listed do not add up to the tracing module's counts (a record changed between reads). */
    recordsAgree: boolean;
  };
  firearmsByType: IafqCount[];
  firearmsByLegalJustification: IafqCount[];
  firearmsByCriminalContext: IafqCount[];
  partsByType: IafqCount[];
  /** Ammunition: lots recovered and rounds, by recovery type (rounds) per calibre/component. */
  ammunitionByType: (IafqCount & { lots: number })[];
  tracingRequests: { direction: string; outcome: RequestOutcome; count: number }[];
  /** Firearms traced in the State whose illicit origin was or was not established. */
  domesticTracing: { originEstablished: number; notEstablished: number };
  significantSeizures: { threshold: { firearms: number; rounds: number }; cases: SignificantSeizure[] };
};

function countBy(rows: readonly TracingFigures['rows'][number][], key: (r: TracingFigures['rows'][number]) => string, value: (r: TracingFigures['rows'][number]) => number): IafqCount[] {
  const out = new Map<string, IafqCount>();
  for (const r of rows) {
    const k = key(r);
    const c = out.get(k) ?? { key: k, seized: 0, found: 0, surrendered: 0, total: 0 };
    const v = value(r);
    if (r.recoveryType === 'seized' || r.recoveryType === 'found' || r.recoveryType === 'surrendered') c[r.recoveryType] += v;
    c.total += v;
    out.set(k, c);
  }
  return [...out.values()].sort((a, b) => b.total - a.total || a.key.localeCompare(b.key));
}

/**
 * The IAFQ statistical tables and the SDG 16.4.2 proportion of a year, from the tracing module's figures,
 * with the records behind numerator and denominator, and the significant seizures of the period (cases
 * of type `seized` at or above the threshold).
 */
export function buildIafqReport(input: { state: string; period: Period; figures: TracingFigures; records: TracingRecords; threshold: { firearms: number; rounds: number } }): IafqReport {
  const { figures, records } = input;
  const firearms = figures.rows.filter((r) => r.kind === 'firearm');
  const firearmRecords = records.items.filter((i) => i.kind === 'firearm');
  const established = firearmRecords.filter((i) => i.originEstablished);
  const denominator = figures.firearmsRecovered;
  const numerator = figures.firearmsOriginEstablished;

  const requests = new Map<string, { direction: string; outcome: RequestOutcome; count: number }>();
  for (const r of figures.requests) {
    const outcome = requestOutcome(r.status);
    const k = `${r.direction}\u0000${outcome}`;
    const e = requests.get(k) ?? { direction: r.direction, outcome, count: 0 };
    e.count += r.count;
    requests.set(k, e);
  }

  const cases = new Map<string, SignificantSeizure>();
  for (const i of records.items) {
    if (i.recoveryType !== 'seized') continue;
    const c = cases.get(i.caseReference) ?? { caseReference: i.caseReference, recoveredOn: i.recoveredOn, place: i.place, legalJustification: i.legalJustification, criminalContext: i.criminalContext, firearms: 0, parts: 0, rounds: 0, countriesOfManufacture: [], items: [] };
    if (i.kind === 'firearm') {
      c.firearms += 1;
      if (i.countryOfManufacture && !c.countriesOfManufacture.includes(i.countryOfManufacture)) c.countriesOfManufacture.push(i.countryOfManufacture);
    } else if (i.kind === 'part') c.parts += 1;
    else if (i.kind === 'ammunition') c.rounds += i.quantity;
    c.items.push(i.reference);
    cases.set(i.caseReference, c);
  }
  const significant = [...cases.values()]
    .filter((c) => c.firearms >= input.threshold.firearms || c.rounds >= input.threshold.rounds)
    .map((c) => ({ ...c, countriesOfManufacture: [...c.countriesOfManufacture].sort() }))
    .sort((a, b) => a.recoveredOn.localeCompare(b.recoveredOn) || a.caseReference.localeCompare(b.caseReference));

  return {
    kind: 'iafq',
    state: input.state,
    period: input.period,
    sdg: {
      denominator,
      numerator,
      proportion: denominator > 0 ? Math.round((numerator / denominator) * 10_000) / 10_000 : null,
      denominatorRecords: firearmRecords.map((i) => i.reference),
      numeratorRecords: established.map((i) => i.reference),
      recordsAgree: firearmRecords.length === denominator && established.length === numerator,
    },
    firearmsByType: countBy(firearms, (r) => r.type ?? 'unknown', (r) => r.items),
    firearmsByLegalJustification: countBy(firearms, (r) => r.legalJustification, (r) => r.items),
    firearmsByCriminalContext: countBy(firearms, (r) => r.criminalContext, (r) => r.items),
    partsByType: countBy(figures.rows.filter((r) => r.kind === 'part'), (r) => r.type ?? 'unknown', (r) => r.items),
    ammunitionByType: (() => {
      const ammo = figures.rows.filter((r) => r.kind === 'ammunition');
      const lots = new Map(countBy(ammo, (r) => r.type ?? 'unknown', (r) => r.items).map((c) => [c.key, c.total]));
      return countBy(ammo, (r) => r.type ?? 'unknown', (r) => r.quantity).map((c) => ({ ...c, lots: lots.get(c.key) ?? 0 }));
    })(),
    tracingRequests: [...requests.values()].sort((a, b) => a.direction.localeCompare(b.direction) || REQUEST_OUTCOMES.indexOf(a.outcome) - REQUEST_OUTCOMES.indexOf(b.outcome)),
    domesticTracing: { originEstablished: numerator, notEstablished: denominator - numerator },
    significantSeizures: { threshold: { ...input.threshold }, cases: significant },
  };
}

// ---------------------------------------------------------------------------------------------
// Firearms Protocol self-assessment (STANDARDS.md §§1, 6.3): what the node can show for each provision.

export interface LicenceEvidence {
  kind: string;
  issued: number;
  /** Carry place and dates of issue and expiry, export and import countries, final recipient, goods (Arts 7(b), 10(3)). */
  complete: number;
  withImportAuthorisation: number;
  withTransit: number;
  /** Of those with transit, how many hold a no-objection from every transit State (Art. 10(2)(b)). */
  transitAllNoObjection: number;
  withBrokers: number;
  shipments: number;
  shipmentsVerified: number;
}

export interface ItemEvidence {
  registered: number;
  firearms: number;
  firearmsWithManufactureMarking: number;
  imported: number;
  importedWithImportMarking: number;
  importedTemporary: number;
  /** Items with a loss or theft report, whenever made. */
  lostOrStolen: number;
}

export interface BrokerEvidence {
  registered: number;
  active: number;
  registeredInPeriod: number;
}

export interface ProvisionEvidence {
  /** The sentence's code (`fp.art10.export_authorised`): the web says it in the reader's language with `params`. */
  code: string;
  /** The figures and the year the sentence names. */
  params: Record<string, string | number>;
  /** What the node counted, in an English sentence an officer can check (the documents print it). */
  text: string;
  /** The figure(s) the sentence gives, for the spreadsheet. */
  value: number | null;
  /** References of the records behind the figure, where the node can list them. */
  records?: string[];
}

export interface Provision {
  /** `5`, `10(2)`: the article and paragraph. */
  article: string;
  title: string;
  /** What the provision asks of a State, in our words. */
  requirement: string;
  evidence: ProvisionEvidence[];
  /** For the officer: the State's own assessment, left empty by the node. */
  stateAssessment: string;
}

export type ProtocolAssessment = {
  kind: 'protocol';
  state: string;
  period: Period;
  provisions: Provision[];
};

const n = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

function ev(code: string, params: Record<string, string | number>, text: string, value: number | null, records?: string[]): ProvisionEvidence {
  return records ? { code, params, text, value, records } : { code, params, text, value };
}

/**
 * The Protocol's Arts 5–15, each with what the node's records show for the year: counts from the
 * registry, licensing and tracing, and the record-keeping settings. The node does not judge compliance;
 * each provision has an empty "State's assessment" for the officer.
 */
export function buildProtocolAssessment(input: {
  state: string;
  period: Period;
  licences: readonly LicenceEvidence[];
  items: ItemEvidence;
  brokers: BrokerEvidence;
  tracing: TracingRecords | null;
  retention: { protocolYears: number; manufactureYears: number; otherYears: number; afterDestructionYears: number };
  auditSize: number;
}): ProtocolAssessment {
  const lic = (kind: string): LicenceEvidence => input.licences.find((l) => l.kind === kind) ?? { kind, issued: 0, complete: 0, withImportAuthorisation: 0, withTransit: 0, transitAllNoObjection: 0, withBrokers: 0, shipments: 0, shipmentsVerified: 0 };
  const all = input.licences.reduce(
    (a, l) => ({ issued: a.issued + l.issued, complete: a.complete + l.complete, withBrokers: a.withBrokers + l.withBrokers, shipments: a.shipments + l.shipments, shipmentsVerified: a.shipmentsVerified + l.shipmentsVerified }),
    { issued: 0, complete: 0, withBrokers: 0, shipments: 0, shipmentsVerified: 0 },
  );
  const exp = lic('export');
  const t = input.tracing;
  const year = input.period.label;
  const noTracing = ev('fp.tracing_not_shown', {}, 'Not shown: the officer who generated this report may not read recoveries (tracing).', null);
  const items = t?.items ?? [];
  const byJustification = (j: string) => items.filter((i) => i.legalJustification === j);
  const disposals = t?.disposals ?? [];
  const dispositionOf = (k: string) => disposals.filter((d) => d.kind === k);
  const requests = t?.requests ?? [];
  const answered = (dir: string) => requests.filter((r) => r.direction === dir && ['answered', 'partly_answered'].includes(requestOutcome(r.status)));
  const provision = (article: string, title: string, requirement: string, evidence: ProvisionEvidence[]): Provision => ({ article, title, requirement, evidence, stateAssessment: '' });

  const destroyed = dispositionOf('destruction');
  const deactivated = dispositionOf('deactivation');
  const other = dispositionOf('other');
  const defaced = items.filter((i) => i.markingDefaced);
  const seized = items.filter((i) => i.recoveryType === 'seized');
  const incoming = requests.filter((r) => r.direction === 'incoming');
  const outgoing = requests.filter((r) => r.direction === 'outgoing' && r.status !== 'draft');
  const counterparts = new Set(requests.filter((r) => r.status !== 'draft').map((r) => r.counterpartState));

  return {
    kind: 'protocol',
    state: input.state,
    period: input.period,
    provisions: [
      provision('5', 'Criminalization', 'Illicit manufacturing, illicit trafficking, and falsifying or illicitly obliterating, removing or altering markings are criminal offences.', t ? [
        ev('fp.art5.illicit_manufacturing', { count: byJustification('illicit_manufacturing').length, year }, `${n(byJustification('illicit_manufacturing').length, 'item')} recovered in ${year} on the ground of illicit manufacturing`, byJustification('illicit_manufacturing').length, byJustification('illicit_manufacturing').map((i) => i.reference)),
        ev('fp.art5.illicit_trafficking', { count: byJustification('illicit_trafficking').length }, `${n(byJustification('illicit_trafficking').length, 'item')} recovered on the ground of illicit trafficking`, byJustification('illicit_trafficking').length, byJustification('illicit_trafficking').map((i) => i.reference)),
        ev('fp.art5.marking_offence', { count: byJustification('marking_offence').length, defaced: defaced.length }, `${n(byJustification('marking_offence').length, 'item')} recovered for a marking offence; ${n(defaced.length, 'item')} recovered with a marking obliterated, altered, removed or falsified`, defaced.length, defaced.map((i) => i.reference)),
      ] : [noTracing]),
      provision('6', 'Confiscation, seizure and disposal', 'Illicitly manufactured or trafficked arms can be confiscated; seized arms are destroyed unless another disposal is officially authorised, the arm is marked and the method recorded.', t ? [
        ev('fp.art6.seized', { count: seized.length, year, recovered: items.length }, `${n(seized.length, 'item')} seized in ${year} (${n(items.length, 'item')} seized, found or surrendered)`, seized.length),
        ev('fp.art6.destructions', { count: destroyed.length, witnessed: destroyed.filter((d) => d.witnesses > 0).length }, `${n(destroyed.length, 'destruction')} recorded, each with a certificate; ${destroyed.filter((d) => d.witnesses > 0).length} with at least one witness`, destroyed.length, destroyed.map((d) => d.certificateNumber)),
        ev('fp.art6.other_disposals', { count: other.length, marked: other.filter((d) => d.marked).length }, `${n(other.length, 'other authorised disposal')}, ${other.filter((d) => d.marked).length} with the item's identifying marking recorded`, other.length, other.map((d) => d.certificateNumber)),
      ] : [noTracing]),
      provision('7', 'Record-keeping', 'Records needed to trace and identify arms, and of international transactions, are kept for at least ten years.', [
        ev('fp.art7.retention', { protocol: input.retention.protocolYears, manufacture: input.retention.manufactureYears, other: input.retention.otherYears, afterDestruction: input.retention.afterDestructionYears }, `Retention configured: ${input.retention.protocolYears} years (Protocol records), ${input.retention.manufactureYears} years (manufacture), ${input.retention.otherYears} years (other records), ${input.retention.afterDestructionYears} years after destruction; records are never deleted`, input.retention.protocolYears),
        ev('fp.art7.licences_complete', { count: all.issued, year, complete: all.complete }, `${n(all.issued, 'licence')} issued in ${year}; ${all.complete} carry issue and expiry dates, export and import countries, the final recipient and the description and quantity of the goods`, all.complete),
        ev('fp.art7.audit_log', { count: input.auditSize }, `${n(input.auditSize, 'entry', 'entries')} in the tamper-evident audit log when this report was computed`, input.auditSize),
      ]),
      provision('8', 'Marking', 'Arms are marked at manufacture (manufacturer, country or place, serial number, or an alternative code), at import (country and, where possible, year), and on transfer from State stocks to civilian use.', [
        ev('fp.art8.firearms_marked', { count: input.items.firearms, year, marked: input.items.firearmsWithManufactureMarking }, `${n(input.items.firearms, 'firearm')} registered in ${year}; ${input.items.firearmsWithManufactureMarking} with a manufacture marking giving a serial number or alternative code`, input.items.firearmsWithManufactureMarking),
        ev('fp.art8.imports_marked', { count: input.items.imported, marked: input.items.importedWithImportMarking, temporary: input.items.importedTemporary }, `${n(input.items.imported, 'item')} registered in the period with an import recorded; ${input.items.importedWithImportMarking} carry an import marking, ${input.items.importedTemporary} are temporary imports (exempt)`, input.items.importedWithImportMarking),
      ]),
      provision('9', 'Deactivation', 'Deactivated arms are made permanently inoperable, the deactivation verified by a competent authority and attested by a certificate or a visible mark.', t ? [
        ev('fp.art9.deactivations', { count: deactivated.length, year, verified: deactivated.filter((d) => d.verified).length, marked: deactivated.filter((d) => d.marked).length }, `${n(deactivated.length, 'deactivation')} recorded in ${year}, each with a certificate; ${deactivated.filter((d) => d.verified).length} verified by a named authority; ${deactivated.filter((d) => d.marked).length} with a deactivation mark`, deactivated.length, deactivated.map((d) => d.certificateNumber)),
      ] : [noTracing]),
      provision('10', 'Export, import and transit licensing', 'Exports, imports and transits are licensed; before an export licence is issued the importing State has authorised the import and transit States have given written notice of no objection; licences carry the minimum content and can be authenticated; receipt of shipments is confirmed on request.', [
        ev('fp.art10.export_authorised', { count: exp.issued, year, authorised: exp.withImportAuthorisation }, `${n(exp.issued, 'export licence')} issued in ${year}; ${exp.withImportAuthorisation} with the importing State's authorisation recorded`, exp.withImportAuthorisation),
        ev('fp.art10.export_transit', { count: exp.withTransit, noObjection: exp.transitAllNoObjection }, `${n(exp.withTransit, 'export licence')} with transit; ${exp.transitAllNoObjection} with a no-objection recorded from every transit State`, exp.transitAllNoObjection),
        ev('fp.art10.other_licences', { imports: lic('import').issued, transits: lic('transit').issued, temporary: lic('temporary').issued }, `${n(lic('import').issued, 'import licence')}, ${n(lic('transit').issued, 'transit licence')} and ${n(lic('temporary').issued, 'simplified temporary licence')} issued; every licence the node issues carries a signed token anyone can verify`, lic('import').issued + lic('transit').issued + lic('temporary').issued),
        ev('fp.art10.shipments', { count: all.shipments, verified: all.shipmentsVerified }, `${n(all.shipments, 'shipment')} recorded under licences of the period; delivery confirmed by the importing State for ${all.shipmentsVerified}`, all.shipmentsVerified),
      ]),
      provision('11', 'Security and preventive measures', 'The security of arms at manufacture, import, export and transit is required, and border and cross-border police and customs cooperation made effective, to prevent theft, loss and diversion.', [
        ev('fp.art11.lost_stolen', { count: input.items.lostOrStolen, year }, `${n(input.items.lostOrStolen, 'registered item')} reported lost or stolen in ${year}; each recovered item is checked against the registry's loss and theft reports automatically`, input.items.lostOrStolen),
      ]),
      provision('12', 'Information exchange and tracing', 'States exchange information on authorised actors and on illicit trafficking, cooperate in tracing and answer tracing requests promptly, respecting confidentiality.', t ? [
        ev('fp.art12.requests_received', { count: incoming.length, year, answered: answered('incoming').length }, `${n(incoming.length, 'tracing request')} received in ${year}; ${answered('incoming').length} answered`, answered('incoming').length, incoming.map((r) => r.reference)),
        ev('fp.art12.requests_sent', { count: outgoing.length, answered: answered('outgoing').length }, `${n(outgoing.length, 'tracing request')} sent; ${answered('outgoing').length} answered by the other State`, answered('outgoing').length, outgoing.map((r) => r.reference)),
      ] : [noTracing]),
      provision('13', 'Cooperation', 'States cooperate bilaterally, regionally and internationally, designate a national point of contact, and seek the cooperation of industry.', [
        t ? ev('fp.art13.counterparts', { count: counterparts.size, year }, `Tracing requests exchanged with ${n(counterparts.size, 'State')} in ${year}`, counterparts.size) : noTracing,
        ev('fp.art13.point_of_contact', {}, 'The designation of the national point of contact is not recorded by the node: the officer states it.', null),
      ]),
      provision('14', 'Training and technical assistance', 'States cooperate on training and technical assistance.', [ev('fp.art14.training', {}, 'The node records no data on training or technical assistance: the officer states it.', null)]),
      provision('15', 'Brokers and brokering', 'States consider registering brokers, licensing brokering, and naming brokers on licences, and keep brokering records as for Art. 7.', [
        ev('fp.art15.brokers', { count: input.brokers.registered, active: input.brokers.active, inPeriod: input.brokers.registeredInPeriod, year }, `${n(input.brokers.registered, 'broker')} registered (${input.brokers.active} active; ${input.brokers.registeredInPeriod} registered in ${year})`, input.brokers.registered),
        ev('fp.art15.brokering_licences', { count: lic('brokering').issued, naming: all.withBrokers }, `${n(lic('brokering').issued, 'brokering licence')} issued; ${n(all.withBrokers, 'licence')} of the period name the brokers involved`, lic('brokering').issued),
      ]),
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// Recovery charts.

/** Firearms recovered per bucket and recovery type (seized, found, surrendered). */
export function recoveryChart(items: readonly { recoveredOn: string; recoveryType: string; kind: string }[], granularity: 'year' | 'month'): ChartPoint[] {
  const out = new Map<string, ChartPoint>();
  for (const i of items) {
    if (i.kind !== 'firearm') continue;
    const bucket = granularity === 'year' ? i.recoveredOn.slice(0, 4) : i.recoveredOn.slice(0, 7);
    const id = `${bucket}\u0000${i.recoveryType}`;
    const p = out.get(id) ?? { bucket, key: i.recoveryType, value: 0 };
    p.value += 1;
    out.set(id, p);
  }
  return [...out.values()].sort((a, b) => a.bucket.localeCompare(b.bucket) || RECOVERY_TYPES.indexOf(a.key as never) - RECOVERY_TYPES.indexOf(b.key as never));
}

/**
 * Tracing outcomes: firearms whose illicit origin was established or not (bucket `domestic`), and
 * tracing requests by outcome (buckets `outgoing`, `incoming`).
 */
export function tracingOutcomeChart(records: TracingRecords): ChartPoint[] {
  const firearms = records.items.filter((i) => i.kind === 'firearm');
  const points: ChartPoint[] = [
    { bucket: 'domestic', key: 'origin_established', value: firearms.filter((i) => i.originEstablished).length },
    { bucket: 'domestic', key: 'origin_not_established', value: firearms.filter((i) => !i.originEstablished).length },
  ];
  for (const direction of ['outgoing', 'incoming']) {
    for (const outcome of REQUEST_OUTCOMES) {
      if (outcome === 'not_sent') continue;
      const value = records.requests.filter((r) => r.direction === direction && requestOutcome(r.status) === outcome).length;
      if (value) points.push({ bucket: direction, key: outcome, value });
    }
  }
  return points;
}

// ---------------------------------------------------------------------------------------------
// Historical transfers imported from published registers (history.ts): printed in their own tables,
// never added to the figures computed from the node's own records.

/** A historical row as the store reads it for a report (year and numbers on the report's basis). */
export interface HistoricalFact {
  source: HistorySource;
  fileName: string;
  sourceLine: number;
  direction: 'export' | 'import';
  partnerCode: string | null;
  partnerName: string;
  year: number;
  mapping: HistoryMapping;
  category: string | null;
  rule: string;
  controlEntry: string | null;
  designation: string;
  description: string;
  quantity: number | null;
  valueMinor: number | null;
  licences: number | null;
  currency: string | null;
  comments: string;
}

export interface HistoricalReportRow {
  source: HistorySource;
  /** The line of the imported file, so every figure can be found in its source. */
  sourceLine: number;
  year: number;
  direction: 'export' | 'import';
  category: string | null;
  categoryTitle: string | null;
  /** ISO alpha-2 when the register's name is a current State, else null (partnerName is printed). */
  partnerCode: string | null;
  partnerName: string;
  description: string;
  quantity: number | null;
  valueMinor: number | null;
  currency: string | null;
  licences: number | null;
  comments: string;
  rule: string;
}

export interface HistoricalSource {
  source: HistorySource;
  sourceName: string;
  fileName: string;
  fileSha256: string;
  importedAt: string;
  attribution: string;
}

export type HistoricalSection = {
  /** Which figures are imported, said on the report itself. */
  note: string;
  sources: HistoricalSource[];
  exports: HistoricalReportRow[];
  imports: HistoricalReportRow[];
  /** Rows the documented mapping does not place in a category: listed, never dropped. */
  unmapped: HistoricalReportRow[];
  /** Rows mapped as not reportable (engines, sensors, ammunition…) and EU 'Total' rows: counted only. */
  notReportable: number;
  aggregates: number;
};

export const HISTORICAL_NOTE =
  'Historical transfers imported from published registers (SIPRI, EU annual reports), not computed from this node’s records: shown apart and never added to the tables above.';

function historicalRow(f: HistoricalFact): HistoricalReportRow {
  return {
    source: f.source,
    sourceLine: f.sourceLine,
    year: f.year,
    direction: f.direction,
    category: f.category,
    categoryTitle: f.category ? categoryTitle(f.category) : null,
    partnerCode: f.partnerCode,
    partnerName: f.partnerName,
    description: f.designation ? `${f.designation} (${f.description})` : f.description,
    quantity: f.quantity,
    valueMinor: f.valueMinor,
    currency: f.valueMinor === null ? null : f.currency,
    licences: f.licences,
    comments: f.comments,
    rule: f.rule,
  };
}

/**
 * The historical section of a report: the period's imported rows, mapped ones by direction (sorted as the
 * form prints them), unmapped ones listed; `keep` narrows them (Wassenaar: exports to non-participants).
 * Null when no import has rows in the period, so a node without history prints nothing extra.
 */
export function buildHistoricalSection(facts: readonly HistoricalFact[], sources: readonly HistoricalSource[], keep: (f: HistoricalFact) => boolean = () => true): HistoricalSection | null {
  if (!sources.length) return null;
  const rows = facts.filter(keep);
  const order = (a: HistoricalReportRow, b: HistoricalReportRow) =>
    categoryOrder(a.category) - categoryOrder(b.category) || (a.partnerCode ?? a.partnerName).localeCompare(b.partnerCode ?? b.partnerName) || a.source.localeCompare(b.source) || a.sourceLine - b.sourceLine;
  const mapped = rows.filter((f) => f.mapping === 'mapped').map(historicalRow).sort(order);
  return {
    note: HISTORICAL_NOTE,
    sources: [...sources],
    exports: mapped.filter((x) => x.direction === 'export'),
    imports: mapped.filter((x) => x.direction === 'import'),
    unmapped: rows.filter((f) => f.mapping === 'unmapped').map(historicalRow).sort((a, b) => a.direction.localeCompare(b.direction) || order(a, b)),
    notReportable: rows.filter((f) => f.mapping === 'not_reportable').length,
    aggregates: rows.filter((f) => f.mapping === 'aggregate').length,
  };
}

/** Historical exports in items per year, by category and by destination (the charts' imported series). */
export function historicalCharts(lines: readonly { year: number; mapping: HistoryMapping; category: string | null; partner: string; quantity: number }[], top = 8): { byCategory: ChartPoint[]; byDestination: ChartPoint[] } {
  const byCategory: ChartPoint[] = [];
  const byDestination: ChartPoint[] = [];
  for (const l of lines) {
    if (l.mapping === 'not_reportable' || l.mapping === 'aggregate') continue;
    const bucket = String(l.year);
    byCategory.push({ bucket, key: l.mapping === 'mapped' && l.category ? l.category : 'unmapped', value: l.quantity });
    byDestination.push({ bucket, key: l.partner, value: l.quantity });
  }
  const sortByCategory = (a: ChartPoint, b: ChartPoint) => a.bucket.localeCompare(b.bucket) || categoryOrder(a.key) - categoryOrder(b.key);
  return { byCategory: topKeys(byCategory, top).sort(sortByCategory), byDestination: topKeys(byDestination, top) };
}
