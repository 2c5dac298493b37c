import { z } from 'zod';
import { pageQuerySchema, pageSchema } from '../platform/http/pagination.ts';
import { ITEM_KINDS, ITEM_STATUSES, MARKING_LOCATIONS } from '../registry/model.ts';
import { eventSchema, partySummarySchema } from '../registry/schemas.ts';
import { ILLICIT_GROUNDS } from '../exchange/messages.ts';
import { CAVEAT_CODES } from '../exchange/model.ts';
import { REMINDER_STAGES, REQUEST_STATUSES } from './request-model.ts';
import { DISPOSAL_KINDS } from './disposal-model.ts';
import {
  CHECK_OUTCOMES,
  CRIMINAL_CONTEXTS,
  ITEM_NATURES,
  LEGAL_JUSTIFICATIONS,
  MARKING_STATES,
  MATCH_KINDS,
  PERSON_ROLES,
  RECOVERY_TYPES,
} from './model.ts';

/** Shapes of the tracing API (validation, types and the OpenAPI document come from these). */

const text = (max = 200) => z.string().trim().min(1).max(max);
const country = z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2 code in capitals');
const uuid = z.string().uuid();
// zod's calendar date (the registry's dates use it too): 2026-02-31 is refused, not rolled into March.
const date = z.iso.date({ message: 'a date that exists, YYYY-MM-DD' });

export const placeInputSchema = z.strictObject({
  locode: z.string().trim().toUpperCase().max(6).nullish(),
  latitude: z.number().finite().nullish(),
  longitude: z.number().finite().nullish(),
  text: text(500).nullish(),
});

export const recoveredMarkingInputSchema = z.strictObject({
  location: z.enum(MARKING_LOCATIONS),
  state: z.enum(MARKING_STATES),
  serialAsRead: text(100).nullish(),
  manufacturerName: text().nullish(),
  countryOfManufacture: country.nullish(),
  textAsRead: text(500).nullish(),
});

export const recoveredItemInputSchema = z.strictObject({
  kind: z.enum(ITEM_KINDS),
  type: text(60).nullish(),
  make: text().nullish(),
  model: text().nullish(),
  calibre: text(100).nullish(),
  countryOfManufacture: country.nullish(),
  nature: z.enum(ITEM_NATURES),
  quantity: z.number().int().min(1).max(10_000_000).nullish(),
  description: text(2000).nullish(),
  markings: z.array(recoveredMarkingInputSchema).max(20).default([]),
});

export const recoveryInputSchema = z.strictObject({
  recoveredOn: date,
  place: placeInputSchema,
  agencyPartyId: uuid,
  recoveryType: z.enum(RECOVERY_TYPES),
  legalJustification: z.enum(LEGAL_JUSTIFICATIONS),
  criminalContext: z.enum(CRIMINAL_CONTEXTS),
  legalReference: text(200).nullish(),
  notes: text(4000).nullish(),
  persons: z.array(z.strictObject({ partyId: uuid, role: z.enum(PERSON_ROLES) })).max(100).default([]),
  items: z.array(recoveredItemInputSchema).min(1).max(1000),
});

export const recoveryListQuerySchema = pageQuerySchema.extend({
  recoveryType: z.enum(RECOVERY_TYPES).optional(),
  agencyPartyId: uuid.optional(),
  from: date.optional(),
  to: date.optional(),
  // The figures' breakdowns (GET /tracing/figures), so each number opens the records behind it.
  legalJustification: z.enum(LEGAL_JUSTIFICATIONS).optional(),
  criminalContext: z.enum(CRIMINAL_CONTEXTS).optional(),
  /** Only recoveries with an item of this kind (and `itemType`); `matchingItems` counts those items. */
  kind: z.enum(ITEM_KINDS).optional(),
  itemType: text(60).optional(),
  /** true: only items whose latest domestic trace established the illicit origin (SDG 16.4.2 numerator). */
  originEstablished: z.enum(['true', 'false']).optional(),
});

export const hitListQuerySchema = pageQuerySchema.extend({
  agencyPartyId: uuid.optional(),
  /** `true`: the hits for the agency the signed-in user's account names (instead of `agencyPartyId`). */
  mine: z.enum(['true', 'false']).optional(),
  alertStatus: z.enum(['open', 'acknowledged']).optional(),
  /** `here`: only recoveries made in this State; `abroad`: only hits other States' nodes notified. Both when absent. */
  origin: z.enum(['here', 'abroad']).optional(),
});

export const confirmCandidateSchema = z.strictObject({ registryItemId: uuid });
export const idParamSchema = z.object({ id: uuid });
export const itemParamSchema = z.object({ id: uuid, itemId: uuid });
export const importQuerySchema = z.object({ encoding: z.enum(['utf-8', 'windows-1252', 'latin1', 'utf-16', 'utf-16le', 'utf-16be']).optional() });

// ---------------------------------------------------------------- responses

const nstr = z.string().nullable();

export const recoveredMarkingSchema = z.object({
  seq: z.number().int(),
  location: z.string(),
  state: z.enum(MARKING_STATES),
  serialAsRead: nstr,
  manufacturerName: nstr,
  countryOfManufacture: nstr,
  textAsRead: nstr,
});

export const candidateSchema = z.object({
  registryItemId: z.string(),
  rank: z.number().int(),
  /** 0–1: agreement of the readable characters, make, calibre and model (registry PARTIAL_RANK_WEIGHTS). */
  score: z.number(),
  serialNumber: nstr,
  make: nstr,
  model: nstr,
  calibre: nstr,
  /** The registry status when the check ran. */
  registryStatus: z.enum(ITEM_STATUSES),
});

export const matchSchema = z.object({
  id: z.string(),
  kind: z.enum(MATCH_KINDS),
  foundBy: z.enum(['exact_serial', 'confirmed_candidate']),
  registryItemId: z.string(),
  registryStatus: z.enum(ITEM_STATUSES),
  recoveryReference: z.string(),
  reportEventId: nstr,
  reportReference: nstr,
  reportingAgency: partySummarySchema.nullable(),
  alertStatus: z.enum(['open', 'acknowledged']).nullable(),
  acknowledgedAt: nstr,
  createdAt: z.string(),
});

/** A match of this recovered item with another State's lost/stolen report (Art. 11): notified to that State when its node is enrolled. */
export const foreignHitOnItemSchema = z.object({
  id: z.string(),
  reportingState: z.string(),
  reportReference: z.string(),
  kind: z.enum(['lost', 'stolen']),
  /** `withdrawn` when the State has since withdrawn its report (the hit stays). */
  reportStatus: z.enum(['active', 'withdrawn']),
  occurredOn: nstr,
  reportingAuthority: nstr,
  matchedOn: z.array(z.string()),
  notified: z.boolean(),
  createdAt: z.string(),
});

export const recoveredItemSchema = z.object({
  id: z.string(),
  seq: z.number().int(),
  kind: z.enum(ITEM_KINDS),
  type: nstr,
  make: nstr,
  model: nstr,
  calibre: nstr,
  countryOfManufacture: nstr,
  nature: z.enum(ITEM_NATURES),
  quantity: z.number().int(),
  description: nstr,
  checkOutcome: z.enum(CHECK_OUTCOMES),
  checkedAt: nstr,
  candidateCount: z.number().int(),
  registryItemId: nstr,
  markings: z.array(recoveredMarkingSchema),
  candidates: z.array(candidateSchema),
  match: matchSchema.nullable(),
  /** Domestic traces run on this item (ids and references, newest last). */
  traces: z.array(z.object({ id: z.string(), reference: z.string(), createdAt: z.string() })),
  /** Other States' lost/stolen reports this item matched. */
  foreignHits: z.array(foreignHitOnItemSchema),
});

export const recoverySummarySchema = z.object({
  id: z.string(),
  reference: z.string(),
  recoveredOn: z.string(),
  placeLocode: nstr,
  placeLatitude: z.number().nullable(),
  placeLongitude: z.number().nullable(),
  placeText: nstr,
  agency: partySummarySchema.nullable(),
  recoveryType: z.enum(RECOVERY_TYPES),
  legalJustification: z.enum(LEGAL_JUSTIFICATIONS),
  criminalContext: z.enum(CRIMINAL_CONTEXTS),
  legalReference: nstr,
  itemCount: z.number().int(),
  /** Items of the recovery that the list's item filters (kind, itemType, originEstablished) select; itemCount without them. */
  matchingItems: z.number().int(),
  createdAt: z.string(),
});

export const recoveryDetailSchema = recoverySummarySchema.extend({
  notes: nstr,
  createdBy: z.string(),
  persons: z.array(z.object({ role: z.enum(PERSON_ROLES), party: partySummarySchema })),
  items: z.array(recoveredItemSchema),
});

export const recoveryPageSchema = pageSchema(recoverySummarySchema);

/** A hit made here: a recovery in this State matched an item the registry holds as lost or stolen. */
export const hitSchema = matchSchema.extend({
  origin: z.literal('here'),
  recoveredItemId: z.string(),
  caseId: z.string(),
  recoveredOn: z.string(),
  item: z.object({ kind: z.enum(ITEM_KINDS), type: nstr, make: nstr, model: nstr, calibre: nstr }),
});
/**
 * A hit another State's node notified on this State's lost/stolen report (GET /tracing/hits-abroad has the
 * whole record): which State and when it arrived, and of the envelope only what identifies the item and
 * where to ask about it. The holding authority by its name: its contact, e-mail and telephone, which may
 * name an officer, stay in the full record.
 */
export const hitFromAbroadSchema = z.object({
  origin: z.literal('abroad'),
  id: z.string(),
  notifyingState: z.string(),
  receivedAt: z.string(),
  reportReference: z.string(),
  reportingAgency: partySummarySchema.nullable(),
  alertStatus: z.enum(['open', 'acknowledged']),
  recoveredOn: z.string(),
  recoveryType: z.enum(RECOVERY_TYPES),
  matchedOn: z.array(z.string()),
  item: z.object({ kind: z.enum(ITEM_KINDS), type: nstr, make: nstr, model: nstr, calibre: nstr, serialNumber: nstr }),
  place: z.object({ country: z.string(), locode: nstr, description: nstr }),
  holdingAuthority: z.object({ name: z.string() }),
  caseReference: nstr,
  envelopeId: z.string(),
});
/** The alerts list: hits made here and hits notified from abroad, newest first, told apart by `origin`. */
export const hitListItemSchema = z.discriminatedUnion('origin', [hitSchema, hitFromAbroadSchema]);
export const hitPageSchema = pageSchema(hitListItemSchema);
/** Hits on this State's lost/stolen reports made here (`open`, `acknowledged`) and notified by other States (`abroad`). */
const hitCountsSchema = z.object({
  open: z.number().int(),
  acknowledged: z.number().int(),
  abroad: z.object({ open: z.number().int(), acknowledged: z.number().int() }),
});

export const hitSummarySchema = hitCountsSchema.extend({
  byAgency: z.array(hitCountsSchema.extend({ agency: partySummarySchema.nullable() })),
  /** The signed-in user's agency and its counts; null when their account names no agency. */
  mine: hitCountsSchema.extend({ agency: partySummarySchema.nullable() }).nullable(),
});

export const importResultSchema = z.object({
  cases: z.array(recoverySummarySchema.extend({ outcomes: z.record(z.string(), z.number().int()) })),
  itemCount: z.number().int(),
});

export const traceSchema = z.object({
  id: z.string(),
  reference: z.string(),
  recoveredItemId: z.string(),
  registryItemId: z.string(),
  recoveryReference: z.string(),
  /** The recovery (case) the item belongs to, for links to its page. */
  recoveryId: z.string(),
  origin: z.object({ kind: z.enum(['manufactured', 'imported', 'unknown']), at: nstr, party: partySummarySchema.nullable(), country: nstr }),
  /** The lawful chain of custody from the origin to the last lawful event, as the registry records it. */
  chain: z.array(eventSchema),
  lastLegalEventId: nstr,
  lastLegalHolder: partySummarySchema.nullable(),
  diversion: z.object({ from: nstr, to: z.string(), basis: z.enum(['lost_stolen_report', 'recovery']), place: nstr, reportEventId: nstr }),
  authorizations: z.array(z.object({ eventId: z.string(), kind: z.string(), ref: nstr, licenceId: nstr })),
  endsAbroad: z.boolean(),
  requestCountry: nstr,
  illicitOriginEstablished: z.boolean(),
  createdAt: z.string(),
  createdBy: z.string(),
});
export type Trace = z.infer<typeof traceSchema>;

export type RecoveryInput = z.infer<typeof recoveryInputSchema>;
export type RecoveryDetail = z.infer<typeof recoveryDetailSchema>;
export type RecoverySummary = z.infer<typeof recoverySummarySchema>;
export type RecoveredItem = z.infer<typeof recoveredItemSchema>;
export type Match = z.infer<typeof matchSchema>;
export type Hit = z.infer<typeof hitSchema>;
export type HitFromAbroad = z.infer<typeof hitFromAbroadSchema>;
export type HitListItem = z.infer<typeof hitListItemSchema>;
export type HitSummary = z.infer<typeof hitSummarySchema>;
export type ImportResult = z.infer<typeof importResultSchema>;

// ---------------------------------------------------------------- international tracing requests

export const draftRequestSchema = z.strictObject({
  recoveredItemId: uuid,
  traceId: uuid.nullish(),
  counterpartState: country,
  priority: z.enum(['routine', 'urgent']),
  illicitGrounds: z.array(z.enum(ILLICIT_GROUNDS)).min(1).max(ILLICIT_GROUNDS.length),
  legalJustification: text(4000),
  intendedUseOfInformation: text(2000),
  circumstances: text(4000),
  requestedInformation: z.array(z.enum(['last_legal_holder', 'transfer_chain', 'export_licences', 'import_records', 'manufacturing_records'])).max(5).nullish(),
  caveats: z.array(z.strictObject({ code: z.enum(CAVEAT_CODES), text: text(2000).nullish() })).max(10).default([]),
});

export const requestUpdateSchema = z.strictObject({
  status: z.enum(REQUEST_STATUSES),
  reason: text(2000).nullish(),
  counterpartReference: text(100).nullish(),
});

/** A signed document from another State: the compact JWS, the sender's key set, and the fingerprint read out of band. */
export const receiveDocumentSchema = z.strictObject({
  document: z.string().min(20).max(5_000_000),
  senderKeys: z.strictObject({ keys: z.array(z.record(z.string(), z.unknown())).min(1).max(10) }),
  fingerprint: text(100),
});

export const responseEditSchema = z.strictObject({ response: z.record(z.string(), z.unknown()) });

export const requestListQuerySchema = pageQuerySchema.extend({
  direction: z.enum(['outgoing', 'incoming']).optional(),
  status: z.enum(REQUEST_STATUSES).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  /** Only requests awaiting an answer whose deadline is passed or within the reminder days (CUSTODIA_TRACING_REMINDER_DAYS). */
  reminder: z.enum(['true', 'false']).optional(),
  /** Made in this period (the figures count requests by the day they were made). */
  from: date.optional(),
  to: date.optional(),
});

export const tracingRequestSchema = z.object({
  id: z.string(),
  direction: z.enum(['outgoing', 'incoming']),
  reference: z.string(),
  counterpartState: z.string(),
  counterpartReference: nstr,
  recoveredItemId: nstr,
  traceId: nstr,
  status: z.enum(REQUEST_STATUSES),
  statusReason: nstr,
  priority: z.enum(['routine', 'urgent']),
  /** The exchange's tracing_request body, as signed. */
  request: z.record(z.string(), z.unknown()),
  /** Art. 12(5) conditions on use, shown wherever the data is. */
  caveats: z.array(z.object({ code: z.string(), text: z.string().nullish() })),
  responseDueOn: nstr,
  overdue: z.boolean(),
  /** Where an awaited answer stands against its deadline: approaching (within the reminder days), due today, overdue; else null. */
  reminder: z.enum(REMINDER_STAGES).nullable(),
  /** Days to the deadline while an answer is awaited (negative once passed). */
  daysLeft: z.number().int().nullable(),
  /** The exchange's tracing_response body (drafted, sent or received). */
  response: z.record(z.string(), z.unknown()).nullable(),
  requestSigned: z.boolean(),
  responseSigned: z.boolean(),
  senderKeyFingerprint: nstr,
  sentAt: nstr,
  acknowledgedAt: nstr,
  respondedAt: nstr,
  closedAt: nstr,
  createdAt: z.string(),
  createdBy: z.string(),
});
export const tracingRequestPageSchema = pageSchema(tracingRequestSchema);

/** A deadline an officer sets or moves (an extension agreed with the other State, an urgent case): audited with its reason. */
export const deadlineInputSchema = z.strictObject({ responseDueOn: date, reason: text(2000) });

export const remindersQuerySchema = z.object({
  direction: z.enum(['outgoing', 'incoming']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** The officers' reminders: requests awaiting an answer whose deadline is near or passed, earliest deadline first. */
export const remindersSchema = z.object({
  asOf: z.string(),
  reminderDays: z.number().int(),
  counts: z.object({ approaching: z.number().int(), due: z.number().int(), overdue: z.number().int() }),
  items: z.array(tracingRequestSchema),
});
export type Reminders = z.infer<typeof remindersSchema>;
export const documentQuerySchema = z.object({ part: z.enum(['request', 'response']).default('request') });
export const signedDocumentSchema = z.object({
  format: z.literal('custodia-envelope+jws'),
  /** The compact JWS another State's node imports and verifies with this node's published keys. */
  document: z.string(),
  envelope: z.record(z.string(), z.unknown()),
});
export type TracingRequest = z.infer<typeof tracingRequestSchema>;
export type SignedDocument = z.infer<typeof signedDocumentSchema>;

// ---------------------------------------------------------------- disposal

export const disposalInputSchema = z.strictObject({
  kind: z.enum(DISPOSAL_KINDS),
  registryItemId: uuid,
  recoveredItemId: uuid.nullish(),
  disposedOn: date,
  place: text(500),
  method: text(1000),
  witnesses: z.array(text(300)).max(20).default([]),
  standardApplied: text(200).nullish(),
  verifyingAuthority: text(300).nullish(),
  essentialParts: z.array(text(100)).max(20).nullish(),
  deactivationMark: text(200).nullish(),
  authorizationRef: text(200).nullish(),
  authorizingBody: text(300).nullish(),
  recipientPartyId: uuid.nullish(),
  identifyingMarking: text(200).nullish(),
});

const certificateItemSchema = z.object({ kind: z.string(), type: nstr, make: nstr, model: nstr, calibre: nstr, serialNumber: nstr });

export const disposalSchema = z.object({
  id: z.string(),
  certificateNumber: z.string(),
  kind: z.enum(DISPOSAL_KINDS),
  registryItemId: z.string(),
  recoveredItemId: nstr,
  disposedOn: z.string(),
  place: z.string(),
  method: z.string(),
  witnesses: z.array(z.string()),
  standardApplied: nstr,
  verifyingAuthority: nstr,
  essentialParts: z.array(z.string()).nullable(),
  deactivationMark: nstr,
  authorizationRef: nstr,
  authorizingBody: nstr,
  recipientPartyId: nstr,
  identifyingMarking: nstr,
  item: certificateItemSchema,
  contentHash: z.string(),
  /** The public web page where anyone checks the certificate by its number (the address in its QR code). */
  verificationUrl: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
});

/** What anyone with a certificate number learns: that it is real, and what it certifies; no ids, no persons. */
export const publicDisposalSchema = z.object({
  number: z.string(),
  /** `valid`: the stored certificate matches the hash it was signed with; `altered`: it does not. */
  status: z.enum(['valid', 'altered']),
  kind: z.enum(DISPOSAL_KINDS),
  issuingState: z.string(),
  disposedOn: z.string(),
  method: z.string(),
  item: certificateItemSchema,
  checkedAt: z.string(),
});
export const certificateParamSchema = z.object({ number: z.string().regex(/^(DST|DEA|DSP)-\d{4}-\d{6}$/, 'a certificate number, e.g. DST-2026-000001') });
export const disposalListQuerySchema = pageQuerySchema.extend({ kind: z.enum(DISPOSAL_KINDS).optional(), from: date.optional(), to: date.optional() });
export const disposalPageSchema = pageSchema(disposalSchema);
export type Disposal = z.infer<typeof disposalSchema>;
export type PublicDisposal = z.infer<typeof publicDisposalSchema>;

// ---------------------------------------------------------------- figures

export const figuresQuerySchema = z.object({ from: date, to: date });
export const figuresSchema = z.object({
  period: z.object({ from: z.string(), to: z.string() }),
  /** SDG 16.4.2 denominator: firearms (not parts, not ammunition) seized, found or surrendered in the period. */
  firearmsRecovered: z.number().int(),
  /** SDG 16.4.2 numerator: those whose illicit origin a domestic trace established. */
  firearmsOriginEstablished: z.number().int(),
  /** Every recovered item, counted by the IAFQ breakdowns; `quantity` is rounds for ammunition. */
  rows: z.array(
    z.object({
      recoveryType: z.string(),
      kind: z.string(),
      type: nstr,
      legalJustification: z.string(),
      criminalContext: z.string(),
      items: z.number().int(),
      quantity: z.number().int(),
      originEstablished: z.number().int(),
    }),
  ),
  requests: z.array(z.object({ direction: z.string(), status: z.string(), count: z.number().int() })),
});
export type Figures = z.infer<typeof figuresSchema>;

/** The records behind the figures of a period (what a report lists so an officer can check each number). */
export const figureRecordsSchema = z.object({
  period: z.object({ from: z.string(), to: z.string() }),
  /** One per recovered item; `reference` is REC-YYYY-NNNNNN/seq. */
  items: z.array(
    z.object({
      reference: z.string(),
      caseReference: z.string(),
      recoveredOn: z.string(),
      place: nstr,
      recoveryType: z.string(),
      legalJustification: z.string(),
      criminalContext: z.string(),
      kind: z.string(),
      type: nstr,
      nature: nstr,
      countryOfManufacture: nstr,
      quantity: z.number().int(),
      markingDefaced: z.boolean(),
      originEstablished: z.boolean(),
    }),
  ),
  requests: z.array(z.object({ reference: z.string(), direction: z.string(), status: z.string(), counterpartState: z.string(), createdOn: z.string(), respondedOn: nstr })),
  disposals: z.array(z.object({ certificateNumber: z.string(), kind: z.string(), disposedOn: z.string(), witnesses: z.number().int(), verified: z.boolean(), marked: z.boolean(), fromRecovery: z.boolean() })),
});
export type FigureRecords = z.infer<typeof figureRecordsSchema>;
