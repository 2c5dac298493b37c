import { z } from 'zod';
import { FIREARM_TYPE_CROSSWALK } from '../reference/crosswalk.ts';
import { parseDualUseCode } from '../reference/dual-use.ts';
import { parseMlCode } from '../reference/munitions.ts';
import { ITEM_TYPES } from '../licensing/model.ts';
import { HISTORY_SOURCES } from './history.ts';
import {
  ANY,
  BASES,
  type ArmsReport,
  type IafqReport,
  type ProtocolAssessment,
  type WassenaarReport,
  DUAL_USE_TIERS,
  isCategoryCode,
  REPORT_KINDS,
  REQUEST_OUTCOMES,
  SIGNIFICANT_DEFAULTS,
  WITHHOLD_REASONS,
  type RequestOutcome,
} from './model.ts';
import { calendarDate } from '../platform/calendar-date.ts';

/** zod shapes shared by the service (which validates every call) and the routes (which document them). */

const controlEntryPattern = z
  .string()
  .trim()
  .max(40)
  .transform((s) => (s === ANY ? ANY : (parseMlCode(s)?.code ?? parseDualUseCode(s)?.code ?? '')))
  .refine((s) => s !== '', 'must be * or a Wassenaar ML entry (ML1, ML1.a) or a dual-use entry (5A002)');

const category = z
  .string()
  .trim()
  .max(10)
  .refine(isCategoryCode, 'must be a UNROCA / ATT category: I–VII, VII.a, VII.b, SA1–SA6 or LW1–LW7')
  .nullable();

export const mappingKeySchema = z.object({
  controlEntry: controlEntryPattern,
  itemType: z.enum([ANY, ...ITEM_TYPES]),
  firearmType: z.enum([ANY, ...FIREARM_TYPE_CROSSWALK.map((c) => c.firearmType)] as [string, ...string[]]).default(ANY),
});

export const mappingInputSchema = mappingKeySchema.extend({
  unrocaCategory: category.default(null),
  wassenaarCategory: category.default(null),
  dualUseTier: z.enum(DUAL_USE_TIERS).nullable().default(null),
  reportable: z.boolean(),
  reason: z.string().trim().min(3).max(1000),
});
export type MappingInput = z.input<typeof mappingInputSchema>;

export const mappingOut = z.object({
  id: z.string(),
  controlEntry: z.string(),
  itemType: z.string(),
  firearmType: z.string(),
  unrocaCategory: z.string().nullable(),
  wassenaarCategory: z.string().nullable(),
  dualUseTier: z.enum(DUAL_USE_TIERS).nullable(),
  reportable: z.boolean(),
  version: z.number(),
  source: z.enum(['reference', 'officer']),
  reason: z.string(),
  createdAt: z.date(),
  createdBy: z.string(),
  supersededAt: z.date().nullable(),
  supersededBy: z.string().nullable(),
});

export const withholdInputSchema = z.object({
  licenceNumber: z.string().trim().min(1).max(40),
  lineNo: z.number().int().min(1).max(10_000),
  reason: z.enum(WITHHOLD_REASONS),
  note: z.string().trim().max(1000).nullable().default(null),
});
export type WithholdInput = z.input<typeof withholdInputSchema>;

export const releaseInputSchema = z.object({
  licenceNumber: z.string().trim().min(1).max(40),
  lineNo: z.number().int().min(1).max(10_000),
  reason: z.string().trim().min(3).max(1000),
});
export type ReleaseInput = z.input<typeof releaseInputSchema>;

export const withheldOut = z.object({
  id: z.string(),
  licenceNumber: z.string(),
  lineNo: z.number(),
  reason: z.enum(WITHHOLD_REASONS),
  note: z.string().nullable(),
  markedAt: z.string(),
  markedBy: z.string(),
});

/** Which report, for which period (`2026` for UNROCA, ATT, IAFQ and the Protocol self-assessment, `2026-H1` / `2026-H2` for Wassenaar). */
export const reportRequestSchema = z.object({
  kind: z.enum(REPORT_KINDS),
  period: z.string().trim().max(10),
  /** ATT: authorised or actual transfers (the State's choice, printed on the report). UNROCA too. */
  basis: z.enum(BASES).default('actual'),
  /** IAFQ: a seizure of at least this many firearms in one case is significant (printed on the report). */
  significantFirearms: z.coerce.number().int().min(1).max(1_000_000).default(SIGNIFICANT_DEFAULTS.firearms),
  /** IAFQ: …or of at least this many rounds of ammunition. */
  significantRounds: z.coerce.number().int().min(1).max(1_000_000_000).default(SIGNIFICANT_DEFAULTS.rounds),
});
export type ReportRequest = z.input<typeof reportRequestSchema>;

export const REPORT_FORMATS = ['json', 'csv', 'xlsx', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const reportSummaryOut = z.object({
  reference: z.string(),
  kind: z.enum(REPORT_KINDS),
  periodStart: z.string(),
  periodEnd: z.string(),
  options: z.record(z.string(), z.unknown()),
  auditSize: z.number(),
  contentHash: z.string(),
  generatedAt: z.string(),
  generatedBy: z.string(),
});

const periodOut = z.object({ start: z.string(), end: z.string(), label: z.string() });

const unmappedRowOut = z.object({
  direction: z.enum(['export', 'import']),
  partner: z.string(),
  controlEntry: z.string(),
  itemType: z.string(),
  firearmType: z.string().nullable(),
  description: z.string(),
  quantity: z.number(),
  unit: z.string(),
  lines: z.number(),
});

const armsRowOut = z.object({
  category: z.string(),
  categoryTitle: z.string(),
  partner: z.string(),
  /** Null when withheld (commercially sensitive) or not applicable. */
  quantity: z.number().nullable(),
  unit: z.string(),
  valueMinor: z.number().nullable(),
  currency: z.string().nullable(),
  description: z.string(),
  stateOfOrigin: z.string().nullable(),
  intermediate: z.string().nullable(),
  comments: z.string(),
  withheld: z.enum(WITHHOLD_REASONS).nullable(),
});

const historicalRowOut = z.object({
  source: z.enum(HISTORY_SOURCES),
  /** The line of the imported file the row was read from. */
  sourceLine: z.number(),
  year: z.number(),
  direction: z.enum(['export', 'import']),
  category: z.string().nullable(),
  categoryTitle: z.string().nullable(),
  partnerCode: z.string().nullable(),
  partnerName: z.string(),
  description: z.string(),
  quantity: z.number().nullable(),
  valueMinor: z.number().nullable(),
  currency: z.string().nullable(),
  licences: z.number().nullable(),
  comments: z.string(),
  /** The mapping rule that placed (or did not place) the row in a category. */
  rule: z.string(),
});

/** Imported historical transfers of the period (SIPRI, EU annual reports): apart from the computed tables. */
const historicalSectionOut = z
  .object({
    note: z.string(),
    sources: z.array(z.object({ source: z.enum(HISTORY_SOURCES), sourceName: z.string(), fileName: z.string(), fileSha256: z.string(), importedAt: z.string(), attribution: z.string() })),
    exports: z.array(historicalRowOut),
    imports: z.array(historicalRowOut),
    unmapped: z.array(historicalRowOut),
    notReportable: z.number(),
    aggregates: z.number(),
  })
  .nullable();

/** UNROCA or ATT annual return (docs/reporting.md). */
export const armsReportOut = z.object({
  kind: z.enum(['unroca', 'att']),
  state: z.string(),
  period: periodOut,
  basis: z.enum(BASES),
  exports: z.array(armsRowOut),
  imports: z.array(armsRowOut),
  /** Annex 3 nil reports: nothing to report in that direction. */
  nil: z.object({ exports: z.boolean(), imports: z.boolean() }),
  /** Lines no mapping covers, listed so an officer maps them. */
  unmapped: z.array(unmappedRowOut),
  notReportable: z.number(),
  /** ATT Art. 13(3): the declaration that data was withheld, with how many rows. */
  withholding: z.object({ declared: z.boolean(), commerciallySensitive: z.number(), nationalSecurity: z.number() }),
  historical: historicalSectionOut,
});

/** The 30/60-day clock of an individual Wassenaar notification. */
const notifyOut = z.object({ target: z.string(), limit: z.string(), days: z.number(), clock: z.enum(['within_target', 'past_target', 'past_limit']) });
const sensitiveTier = z.enum(['sensitive', 'very_sensitive']);

/** Wassenaar six-monthly return (docs/reporting.md). */
export const wassenaarReportOut = z.object({
  kind: z.literal('wassenaar'),
  state: z.string(),
  period: periodOut,
  participants: z.object({ asOf: z.string(), source: z.string(), count: z.number() }),
  armsDeliveries: z.array(z.object({ category: z.string(), categoryTitle: z.string(), recipient: z.string(), quantity: z.number(), modelType: z.string().nullable() })),
  basicListDenials: z.array(z.object({ destination: z.string(), category: z.string(), denials: z.number() })),
  sensitiveDenials: z.array(
    z.object({
      reference: z.string(),
      deniedOn: z.string(),
      destination: z.string(),
      endUserName: z.string(),
      controlEntries: z.array(z.string()),
      reason: z.string(),
      tier: sensitiveTier,
      entries: z.array(z.string()),
      notify: notifyOut,
    }),
  ),
  sensitiveLicences: z.array(z.object({ destination: z.string(), tier: sensitiveTier, licences: z.number(), quantity: z.number(), unit: z.string() })),
  identicalApprovals: z.array(
    z.object({
      licenceNumber: z.string(),
      approvedOn: z.string(),
      destination: z.string(),
      endUserName: z.string(),
      denialReference: z.string(),
      denialSource: z.string(),
      notify: notifyOut,
    }),
  ),
  unmapped: z.array(unmappedRowOut),
  /** Dual-use entries of denials or licences that have no tier mapping. */
  unmappedEntries: z.array(z.object({ controlEntry: z.string(), references: z.array(z.string()) })),
  /** Imported historical exports to non-participating States in the half-year's calendar year. */
  historical: historicalSectionOut,
});

// ---------------------------------------------------------------------------------------------
// UNODC IAFQ / SDG 16.4.2 and the Protocol self-assessment (docs/reporting.md).

const iafqCountOut = z.object({ key: z.string(), seized: z.number(), found: z.number(), surrendered: z.number(), total: z.number() });

/** UNODC Illicit Arms Flows Questionnaire and SDG indicator 16.4.2 (docs/reporting.md). */
export const iafqReportOut = z.object({
  kind: z.literal('iafq'),
  state: z.string(),
  period: z.object({ start: z.string(), end: z.string(), label: z.string() }),
  /** Denominator: firearms seized, found or surrendered; numerator: those whose illicit origin was established; the recovered-item references behind each. */
  sdg: z.object({
    denominator: z.number(),
    numerator: z.number(),
    proportion: z.number().nullable(),
    denominatorRecords: z.array(z.string()),
    numeratorRecords: z.array(z.string()),
    recordsAgree: z.boolean(),
  }),
  firearmsByType: z.array(iafqCountOut),
  firearmsByLegalJustification: z.array(iafqCountOut),
  firearmsByCriminalContext: z.array(iafqCountOut),
  partsByType: z.array(iafqCountOut),
  /** Rounds by recovery type, and lots, per calibre or component. */
  ammunitionByType: z.array(iafqCountOut.extend({ lots: z.number() })),
  tracingRequests: z.array(z.object({ direction: z.string(), outcome: z.enum(REQUEST_OUTCOMES as [RequestOutcome, ...RequestOutcome[]]), count: z.number() })),
  domesticTracing: z.object({ originEstablished: z.number(), notEstablished: z.number() }),
  significantSeizures: z.object({
    threshold: z.object({ firearms: z.number(), rounds: z.number() }),
    cases: z.array(
      z.object({
        caseReference: z.string(),
        recoveredOn: z.string(),
        place: z.string().nullable(),
        legalJustification: z.string(),
        criminalContext: z.string(),
        firearms: z.number(),
        parts: z.number(),
        rounds: z.number(),
        countriesOfManufacture: z.array(z.string()),
        items: z.array(z.string()),
      }),
    ),
  }),
});

/** Firearms Protocol self-assessment: Arts 5–15 with the evidence the node computes (docs/reporting.md). */
export const protocolAssessmentOut = z.object({
  kind: z.literal('protocol'),
  state: z.string(),
  period: z.object({ start: z.string(), end: z.string(), label: z.string() }),
  provisions: z.array(
    z.object({
      article: z.string(),
      title: z.string(),
      requirement: z.string(),
      evidence: z.array(z.object({ code: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])), text: z.string(), value: z.number().nullable(), records: z.array(z.string()).optional() })),
      /** Left empty by the node: the officer's own assessment. */
      stateAssessment: z.string(),
    }),
  ),
});

/** The computed tables; `kind` says which report. */
export const reportContentOut = z.discriminatedUnion('kind', [armsReportOut, wassenaarReportOut, iafqReportOut, protocolAssessmentOut]);

/** The model's report types and the documented shape must not drift apart: the compiler fails here if they do. */
type Content = z.output<typeof reportContentOut>;
type SameShape<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const REPORT_SHAPE_DOCUMENTED: SameShape<ArmsReport | WassenaarReport | IafqReport | ProtocolAssessment, Content> = true;

export const reportOut = reportSummaryOut.extend({ content: reportContentOut });

const dateSchema = calendarDate({ exists: 'must be a real date' });

/** The charts' window: transfers per year or month between two dates, on the authorised or actual basis. */
export const chartQuerySchema = z
  .object({
    from: dateSchema,
    to: dateSchema,
    granularity: z.enum(['year', 'month']).default('year'),
    basis: z.enum(BASES).default('actual'),
  })
  .refine((q) => q.from <= q.to, { path: ['to'], message: 'must not be before from' })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 50 * 366 * 86_400_000, { path: ['to'], message: 'at most 50 years at a time' });
export type ChartQuery = z.input<typeof chartQuerySchema>;

const chartPoint = z.object({ bucket: z.string(), key: z.string(), value: z.number() });
export const chartsOut = z.object({
  from: z.string(),
  to: z.string(),
  granularity: z.enum(['year', 'month']),
  basis: z.enum(BASES),
  /** Exports in items per bucket and UNROCA/ATT category (`unmapped`, `other` beyond the largest eight). */
  transfersByCategory: z.array(chartPoint),
  /** Exports in items per bucket and destination State. */
  transfersByDestination: z.array(chartPoint),
  /** Imported historical exports (SIPRI, in items) per year and category, apart from the node's own: never added to the series above. */
  historicalByCategory: z.array(chartPoint),
  /** Imported historical exports per year and destination (ISO code, or the register's name). */
  historicalByDestination: z.array(chartPoint),
  /** Export and import licences issued, and refusals, per month. */
  licencesByMonth: z.array(z.object({ month: z.string(), issued: z.number(), refused: z.number() })),
  /** Firearms recovered per bucket and recovery type (seized, found, surrendered); null for a role that may not read recoveries. */
  recoveriesByType: z.array(chartPoint).nullable(),
  /** Firearms whose illicit origin was established or not (bucket `domestic`), tracing requests by outcome (`outgoing`, `incoming`); null as above. */
  tracingOutcomes: z.array(chartPoint).nullable(),
});
