import { z } from 'zod';
import { isCountryCode } from '../reference/countries.ts';
import { isMoneyCurrency } from '../reference/currencies.ts';
import { parseDualUseCode } from '../reference/dual-use.ts';
import { hsSubheadingOf, isChapter93Code, normalizeHsCode } from '../reference/hs.ts';
import { parseMlCode } from '../reference/munitions.ts';
import { FIREARM_TYPE_CROSSWALK } from '../reference/crosswalk.ts';
import {
  APPLICATION_KINDS,
  APPLICATION_STATUSES,
  ITEM_TYPES,
  LICENCE_STATUSES,
  PUBLIC_WORDINGS,
  REFUSAL_CODES,
  TEMPORARY_PURPOSES,
  TRANSIT_MODES,
  UNITS,
  UNLOCODE_RE,
} from './model.ts';
import { calendarDate } from '../platform/calendar-date.ts';

/** zod shapes shared by the service (which validates every call) and the routes (which document them). */

/** A Wassenaar Munitions List entry (`ML1.a`) or dual-use entry (`1A005`), in the reference module's canonical form. */
export const controlEntrySchema = z
  .string()
  .trim()
  .transform((s) => parseMlCode(s)?.code ?? parseDualUseCode(s)?.code ?? '')
  .refine((s) => s !== '', 'must be a Wassenaar ML entry (ML1.a) or a dual-use entry (1A005)');

/** A listed HS 2022 chapter 93 heading/subheading, or a national 8/10-digit line under one. */
export const hsCodeSchema = z
  .string()
  .transform((s) => normalizeHsCode(s) ?? s.trim().replace(/[\s.]/g, ''))
  .refine((s) => isChapter93Code(s) || (hsSubheadingOf(s) !== null && s.length > 6 && isChapter93Code(hsSubheadingOf(s)!)), 'must be an HS code of chapter 93 (9301–9307)');

export const countrySchema = z
  .string()
  .transform((s) => s.trim().toUpperCase())
  .refine(isCountryCode, { message: 'must be an ISO 3166-1 alpha-2 country code' });
export const dateSchema = calendarDate();
const text = (max: number) => z.string().trim().min(1).max(max);
const uuid = z.string().uuid();

export const partySchema = z.object({
  partyId: uuid.nullish(),
  name: text(300),
  address: z.string().trim().max(1000).nullish(),
  country: countrySchema,
});

export const brokerRefSchema = partySchema.extend({
  brokerId: uuid.nullish(),
  location: text(300),
});

export const transitLegSchema = z.object({
  country: countrySchema,
  mode: z.enum(TRANSIT_MODES),
  transhipment: z.boolean().default(false),
});

export const goodsLineSchema = z.object({
  lineNo: z.number().int().min(1).max(10_000),
  description: text(1000),
  itemType: z.enum(ITEM_TYPES),
  controlEntry: controlEntrySchema,
  hsCode: hsCodeSchema,
  quantity: z.number().int().min(1).max(1_000_000_000),
  unit: z.enum(UNITS),
  valueMinor: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  currency: z
    .string()
    .transform((s) => s.trim().toUpperCase())
    .refine(isMoneyCurrency, 'must be an ISO 4217 currency code with minor units'),
  serials: z.array(text(100)).max(100_000).optional(),
  registryItemIds: z.array(uuid).max(100_000).optional(),
  /** A line for one firearm type or calibre only: registry items shipped on it must be of that type and calibre. */
  firearmType: z.enum(FIREARM_TYPE_CROSSWALK.map((c) => c.firearmType) as [string, ...string[]]).nullish(),
  calibre: z.string().trim().min(1).max(60).nullish(),
});

export const applicationInputSchema = z
  .object({
    kind: z.enum(APPLICATION_KINDS),
    temporaryPurpose: z.enum(TEMPORARY_PURPOSES).nullish(),
    applicant: partySchema,
    consignee: partySchema.nullish(),
    endUser: partySchema,
    intermediateConsignees: z.array(partySchema).max(50).default([]),
    brokers: z.array(brokerRefSchema).max(50).default([]),
    carriers: z.array(partySchema).max(50).default([]),
    exportCountry: countrySchema,
    importCountry: countrySchema,
    transit: z.array(transitLegSchema).max(30).default([]),
    goods: z.array(goodsLineSchema).min(1).max(500),
    endUse: text(4000),
    plannedShipmentDate: dateSchema.nullish(),
  })
  .superRefine((a, ctx) => {
    if (a.kind === 'temporary' && !a.temporaryPurpose) {
      ctx.addIssue({ code: 'custom', path: ['temporaryPurpose'], message: 'a temporary application names its Art. 10(6) purpose' });
    }
    if (a.kind !== 'temporary' && a.temporaryPurpose) {
      ctx.addIssue({ code: 'custom', path: ['temporaryPurpose'], message: 'only temporary applications have a purpose' });
    }
    if (a.kind === 'brokering' && a.brokers.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['brokers'], message: 'a brokering application names the broker(s) (Art. 15(1)(c))' });
    }
    if (a.exportCountry === a.importCountry) {
      ctx.addIssue({ code: 'custom', path: ['importCountry'], message: 'the country of import must differ from the country of export' });
    }
    const lineNos = new Set<number>();
    a.goods.forEach((g, i) => {
      if (lineNos.has(g.lineNo)) ctx.addIssue({ code: 'custom', path: ['goods', i, 'lineNo'], message: `line number ${g.lineNo} is used twice` });
      lineNos.add(g.lineNo);
      if (g.serials && g.unit === 'piece' && g.serials.length > g.quantity) {
        ctx.addIssue({ code: 'custom', path: ['goods', i, 'serials'], message: 'more serials than pieces' });
      }
    });
    a.transit.forEach((t, i) => {
      if (t.country === a.exportCountry || t.country === a.importCountry) {
        ctx.addIssue({ code: 'custom', path: ['transit', i, 'country'], message: 'a transit State is neither the exporting nor the importing State' });
      }
    });
  });
export type ApplicationInput = z.input<typeof applicationInputSchema>;

export const documentInputSchema = z.object({
  kind: z.enum(['end_user_certificate', 'import_authorization', 'transit_no_objection', 'contract', 'delivery_verification', 'other']),
  filename: text(255),
  mediaType: text(200).default('application/octet-stream'),
  /** base64 of the file's bytes. */
  contentBase64: z.string().min(1).max(27_000_000),
});
export type DocumentInput = z.input<typeof documentInputSchema>;

export const importAuthorizationInputSchema = z.object({
  reference: text(200),
  issuingState: countrySchema,
  issuingAuthority: text(300),
  issueDate: dateSchema,
  expiryDate: dateSchema,
  documentId: uuid,
  goods: z
    .array(
      z.object({
        controlEntry: controlEntrySchema,
        quantity: z.number().int().min(1),
        unit: z.enum(UNITS),
      }),
    )
    .min(1)
    .max(500),
  source: z.enum(['officer', 'exchange']).default('officer'),
});
export type ImportAuthorizationInput = z.input<typeof importAuthorizationInputSchema>;

export const transitNoObjectionInputSchema = z.object({
  state: countrySchema,
  reference: text(200),
  noticeDate: dateSchema,
  documentId: uuid,
  source: z.enum(['officer', 'exchange']).default('officer'),
});
export type TransitNoObjectionInput = z.input<typeof transitNoObjectionInputSchema>;

export const reasonSchema = z.object({ reason: text(2000) });
/** A licence status change: the officer's reason (internal) and, optionally, the wording the public verification shows. */
export const statusChangeSchema = reasonSchema.extend({ publicWording: z.enum(PUBLIC_WORDINGS).nullish() });
export const assignSchema = z.object({ officer: text(200), reason: z.string().trim().max(2000).nullish() });
export const recommendSchema = z.object({
  outcome: z.enum(['issue', 'refuse']),
  reason: text(4000),
  criteria: z.array(z.enum(REFUSAL_CODES as [string, ...string[]])).max(20).default([]),
  conditions: z.array(text(1000)).max(50).default([]),
});
export const countersignSchema = z.object({ agree: z.boolean(), reason: text(4000) });
export const issueSchema = z.object({
  validFrom: dateSchema.nullish(),
  expiresOn: dateSchema.nullish(),
  conditions: z.array(text(1000)).max(50).nullish(),
  reason: z.string().trim().max(2000).nullish(),
  /** The officer consulted on an essentially identical denial and issues anyway (recorded on the decision). */
  acknowledgeDenials: z.boolean().default(false),
});
export const refuseSchema = z.object({
  criteria: z.array(z.enum(REFUSAL_CODES as [string, ...string[]])).min(1).max(20),
  reason: text(4000),
});

export const shipmentInputSchema = z.object({
  licenceNumber: text(40),
  shippedOn: dateSchema,
  exitPoint: z
    .string()
    .transform((s) => s.trim().toUpperCase())
    .refine((s) => UNLOCODE_RE.test(s), 'must be a UN/LOCODE (e.g. "XC ABC")'),
  carrier: z.object({ name: text(300), country: countrySchema }),
  lines: z
    .array(
      z.object({
        lineNo: z.number().int().min(1),
        quantity: z.number().int().min(1),
        serials: z.array(text(100)).max(100_000).optional(),
        registryItemIds: z.array(uuid).max(100_000).optional(),
      }),
    )
    .min(1)
    .max(500),
  /** Customs declaration number or the exporter's own reference: a repeat with the same one is recorded once. */
  externalReference: z.string().trim().min(1).max(200).nullish(),
});
export type ShipmentInput = z.input<typeof shipmentInputSchema>;

export const deliveryVerificationSchema = z.object({
  deliveredOn: dateSchema,
  verifyingState: countrySchema,
  /** E.g. the import customs declaration number (Reg 258/2012 Art. 13). */
  evidence: text(1000),
  documentSha256: z.string().regex(/^[0-9a-f]{64}$/).nullish(),
});

export const brokerInputSchema = z
  .object({
    partyId: uuid.nullish(),
    name: text(300),
    legalForm: z.string().trim().max(100).nullish(),
    registrationNo: text(100),
    country: countrySchema,
    location: text(300),
    validFrom: dateSchema,
    validTo: dateSchema,
  })
  .refine((b) => b.validFrom <= b.validTo, { path: ['validTo'], message: 'validTo is before validFrom' });
export type BrokerInput = z.input<typeof brokerInputSchema>;

// ---------------------------------------------------------------------------------------------- responses

const partyOut = z.object({ partyId: z.string().nullish(), name: z.string(), address: z.string().nullish(), country: z.string() });
const goodsOut = z.object({
  lineNo: z.number(),
  description: z.string(),
  itemType: z.string(),
  controlEntry: z.string(),
  hsCode: z.string(),
  quantity: z.number(),
  unit: z.string(),
  valueMinor: z.number(),
  currency: z.string(),
  serials: z.array(z.string()).optional(),
  registryItemIds: z.array(z.string()).optional(),
  firearmType: z.string().nullish(),
  calibre: z.string().nullish(),
});

export const applicationContentOut = z.object({
  kind: z.enum(APPLICATION_KINDS),
  temporaryPurpose: z.string().nullish(),
  applicant: partyOut,
  consignee: partyOut.nullish(),
  endUser: partyOut,
  intermediateConsignees: z.array(partyOut),
  brokers: z.array(partyOut.extend({ brokerId: z.string().nullish(), location: z.string() })),
  carriers: z.array(partyOut),
  exportCountry: z.string(),
  importCountry: z.string(),
  transit: z.array(z.object({ country: z.string(), mode: z.string(), transhipment: z.boolean() })),
  goods: z.array(goodsOut),
  endUse: z.string(),
  plannedShipmentDate: z.string().nullish(),
});

export const applicationSummaryOut = z.object({
  id: z.string(),
  reference: z.string(),
  kind: z.enum(APPLICATION_KINDS),
  status: z.enum(APPLICATION_STATUSES),
  applicantName: z.string(),
  exportCountry: z.string(),
  importCountry: z.string(),
  submittedAt: z.string(),
  updatedAt: z.string(),
});

const gateOut = z.object({
  applicable: z.boolean(),
  ok: z.boolean(),
  conditions: z.array(z.object({ code: z.string(), met: z.boolean(), exempt: z.boolean().optional(), detail: z.string() })),
});

export const caseOut = applicationSummaryOut.extend({
  content: applicationContentOut,
  /** Officer-only fields (null for industry users: LITE's shared-serializer leak avoided). */
  assignedOfficer: z.string().nullable(),
  recommendation: z.string().nullable(),
  countersignatureRequired: z.boolean(),
  countersignatureReason: z.string().nullable(),
  clock: z.object({ elapsedDays: z.number(), paused: z.boolean(), pausedDays: z.number() }),
  gate: gateOut,
  decisions: z.array(
    z.object({ id: z.string(), kind: z.string(), at: z.string(), actorName: z.string(), actorRole: z.string(), reason: z.string().nullable(), data: z.record(z.string(), z.unknown()), rulesVersion: z.string().nullable() }),
  ),
  documents: z.array(z.object({ id: z.string(), kind: z.string(), filename: z.string(), mediaType: z.string(), sizeBytes: z.number(), sha256: z.string(), uploadedAt: z.string() })),
  importAuthorizations: z.array(
    z.object({ id: z.string(), reference: z.string(), issuingState: z.string(), issuingAuthority: z.string(), issueDate: z.string(), expiryDate: z.string(), documentSha256: z.string().nullable(), source: z.string() }),
  ),
  transitNoObjections: z.array(z.object({ id: z.string(), state: z.string(), reference: z.string(), noticeDate: z.string(), documentSha256: z.string().nullable(), source: z.string() })),
  licenceNumber: z.string().nullable(),
});

export const licenceOut = z.object({
  id: z.string(),
  number: z.string(),
  applicationId: z.string(),
  kind: z.string(),
  status: z.enum(LICENCE_STATUSES),
  effectiveStatus: z.enum(LICENCE_STATUSES),
  /** Internal: the officer's reason for the last status change (never shown publicly). */
  statusReason: z.string().nullable(),
  /** What the public verification shows as the reason (PUBLIC_WORDINGS), chosen by the officer. */
  publicWording: z.string().nullable(),
  validFrom: z.string(),
  expiresOn: z.string(),
  issuedAt: z.string(),
  snapshotHash: z.string(),
  token: z.string(),
  verificationUrl: z.string(),
  lines: z.array(z.object({ lineNo: z.number(), quantity: z.number(), unit: z.string(), used: z.number() })),
  snapshot: z.record(z.string(), z.unknown()),
  events: z.array(z.object({ fromStatus: z.string().nullable(), toStatus: z.string(), at: z.string(), actorName: z.string(), reason: z.string().nullable() })),
});

export const shipmentOut = z.object({
  id: z.string(),
  licenceId: z.string(),
  licenceNumber: z.string().optional(),
  shippedOn: z.string(),
  exitPoint: z.string(),
  carrier: z.record(z.string(), z.unknown()),
  lines: z.array(z.object({ lineNo: z.number(), quantity: z.number(), serials: z.array(z.string()).optional(), registryItemIds: z.array(z.string()).optional() })),
  externalReference: z.string().nullable(),
  status: z.enum(['shipped', 'delivered']),
  deliveredOn: z.string().nullable(),
  verifyingState: z.string().nullable(),
  verificationEvidence: z.string().nullable(),
  recordedAt: z.string(),
});

export const brokerOut = z.object({
  id: z.string(),
  partyId: z.string().nullable(),
  name: z.string(),
  legalForm: z.string().nullable(),
  registrationNo: z.string(),
  country: z.string(),
  location: z.string(),
  validFrom: z.string(),
  validTo: z.string(),
  status: z.string(),
  statusReason: z.string().nullable(),
});

export const denialOut = z.object({
  id: z.string(),
  reference: z.string(),
  kind: z.string(),
  deniedAt: z.string(),
  applicantName: z.string(),
  consigneeName: z.string().nullable(),
  endUserName: z.string(),
  exportCountry: z.string(),
  importCountry: z.string(),
  controlEntries: z.array(z.string()),
  criteria: z.array(z.string()),
  reason: z.string(),
});

const publicStatusEnum = z.enum(['valid', 'used', 'expired', 'suspended', 'revoked', 'surrendered', 'unknown']);

/** Public verification without the document: what a stranger with a licence number may know. */
export const verificationOut = z.object({
  number: z.string(),
  status: publicStatusEnum.describe('unknown: the stored record no longer matches the hash it was issued with'),
  statusSince: z.string().nullable().describe('the day the status began (YYYY-MM-DD)'),
  publicWording: z.enum(PUBLIC_WORDINGS).nullable().describe('for suspended, revoked and surrendered licences: the wording the issuing authority chose to publish'),
  kind: z.string(),
  issuingState: z.string(),
  validFrom: z.string(),
  expiresOn: z.string(),
  exportCountry: z.string().nullable(),
  importCountry: z.string().nullable(),
  transitCountries: z.array(z.string()),
  checkedAt: z.string(),
});

const printedPartyOut = z.object({ name: z.string(), country: z.string() });

export const tokenVerificationInput = z.object({
  token: z.string().min(1).max(4000),
  /** The licence number the page was opened for: a token signed for another licence is refused. */
  number: z.string().min(1).max(40).nullish(),
});

/** Public verification with the QR code's token: the signature and contents hash, then the parties and goods as printed. */
export const tokenVerificationOut = z.object({
  verdict: z.enum(['authentic', 'altered', 'forged', 'other_licence']),
  signature: z.object({
    valid: z.boolean(),
    kid: z.string().nullable(),
    key: z.object({ kid: z.string(), created: z.string().nullable(), retired: z.string().nullable(), current: z.boolean() }).nullable(),
  }),
  hashMatches: z.boolean(),
  licence: verificationOut.nullable(),
  particulars: z
    .object({
      applicant: printedPartyOut,
      consignee: printedPartyOut.nullable(),
      finalRecipient: printedPartyOut,
      intermediateConsignees: z.array(printedPartyOut),
      brokers: z.array(printedPartyOut.extend({ location: z.string() })),
      carriers: z.array(printedPartyOut),
      goods: z.array(z.object({ lineNo: z.number(), description: z.string(), controlEntry: z.string(), hsCode: z.string(), quantity: z.number(), unit: z.string() })),
    })
    .nullable(),
  problem: z.string().nullable(),
});

/** The case's screening panel (officers and auditors): each party beside its hits and the listed entries. */
export const caseScreeningOut = z.object({
  applicationId: z.string(),
  /** Hits without a decision that applies now: each stops issue. */
  openHits: z.number(),
  /** Hits decided true matches: each stops issue. */
  trueMatches: z.number(),
  parties: z.array(
    z.object({
      partyRef: z.string(),
      role: z.string(),
      index: z.number().nullable(),
      party: z.object({ name: z.string(), address: z.string().nullable(), country: z.string() }),
      screenedAt: z.string().nullable(),
      purpose: z.string().nullable(),
      openHits: z.number(),
      hits: z.array(
        z.object({
          id: z.string(),
          score: z.number(),
          status: z.string(),
          needsDecision: z.boolean(),
          decision: z.object({ decision: z.enum(['true_match', 'false_positive']), reason: z.string(), decidedAt: z.string(), decidedBy: z.string() }).nullable(),
          matchedName: z.string(),
          listVersion: z.object({ id: z.string(), source: z.string(), publishedOn: z.string().nullable(), status: z.string() }),
          entry: z.object({
            source: z.string(),
            externalId: z.string(),
            kind: z.string().nullable(),
            primaryName: z.string(),
            names: z.array(z.object({ name: z.string(), quality: z.string(), type: z.string() })),
            referenceNumber: z.string().nullable(),
            programmes: z.array(z.string()),
            listedOn: z.string().nullable(),
            nationalities: z.array(z.string()),
            birthDates: z.array(z.string()),
            birthPlaces: z.array(z.string()),
            documents: z.array(z.object({ type: z.string(), number: z.string(), country: z.string().nullable(), note: z.string().nullable() })),
            addresses: z.array(z.string()),
            remarks: z.string().nullable(),
          }),
        }),
      ),
      alerts: z.array(z.object({ id: z.string(), hitId: z.string(), reason: z.string(), status: z.string(), raisedAt: z.string() })),
    }),
  ),
});

/** An officer's decision on a hit (the screening module's rule: a reason is required). */
export const screeningHitDecisionSchema = z.object({
  decision: z.enum(['true_match', 'false_positive']),
  reason: z.string(),
});
