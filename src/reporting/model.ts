import { FIREARM_TYPE_CROSSWALK } from '../reference/crosswalk.ts';
import { SOURCES } from '../reference/sources.ts';
import { WASSENAAR_PARTICIPANTS } from '../reference/country-groups.ts';
import { unrocaCategory, UNROCA_CATEGORIES } from '../reference/unroca.ts';

/**
 * Reporting: types and pure rules for the international returns (STANDARDS.md §§4.3, 5). The store
 * aggregates licence and shipment lines into groups; everything here is a plain function of those
 * groups and the category mapping, so each rule is unit-tested without a database.
 */

export const REPORT_KINDS = ['unroca', 'att', 'wassenaar'] as const;
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

/** UNROCA and the ATT report the preceding calendar year (by 31 May); Wassenaar a half-year. */
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
export function buildArmsReport(input: { kind: 'unroca' | 'att'; state: string; period: Period; basis: Basis; groups: readonly TransferGroup[]; mappings: readonly (MappingKey & MappingValue)[] }): ArmsReport {
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
