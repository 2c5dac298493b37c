import { z } from 'zod';
import { countedPageSchema, pageQuerySchema, pageSchema } from '../platform/http/pagination.ts';
import {
  AMMUNITION_COMPONENTS,
  EVENT_KINDS,
  FIREARM_TYPES,
  ITEM_KINDS,
  ITEM_SORT_KEYS,
  ITEM_STATUSES,
  MARKING_KINDS,
  MARKING_LOCATIONS,
  PART_TYPES,
  PARTY_KINDS,
  PARTY_ROLES,
  SORT_ORDERS,
} from './model.ts';

/** Shapes of the registry API (validation, types and the OpenAPI document come from these). */

const text = (max = 200) => z.string().trim().min(1).max(max);
const country = z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2 code in capitals');
const uuid = z.string().uuid();

export const markingInputSchema = z.strictObject({
  kind: z.enum(MARKING_KINDS),
  location: z.enum(MARKING_LOCATIONS),
  manufacturerName: text().nullish(),
  countryOfManufacture: country.nullish(),
  placeOfManufacture: text().nullish(),
  serialNumber: text(100).nullish(),
  alternativeSymbol: text(50).nullish(),
  alternativeCode: text(100).nullish(),
  importCountry: country.nullish(),
  importYear: z.number().int().nullish(),
  transferringCountry: country.nullish(),
  markingCountry: country.nullish(),
  markingYear: z.number().int().nullish(),
  certificateRef: text(100).nullish(),
  yearOfManufacture: z.number().int().nullish(),
  model: text().nullish(),
  calibre: text(100).nullish(),
  text: text(500).nullish(),
  method: text(100).nullish(),
});

export const eventInputSchema = z.strictObject({
  kind: z.enum(EVENT_KINDS),
  occurredAt: z.iso.datetime({ offset: true }),
  fromPartyId: uuid.nullish(),
  toPartyId: uuid.nullish(),
  placeLocode: z.string().max(6).nullish(),
  placeText: text(300).nullish(),
  counterpartCountry: country.nullish(),
  authorizationRef: text(100).nullish(),
  licenceId: uuid.nullish(),
  certificateRef: text(100).nullish(),
  destructionMethod: text(300).nullish(),
  witnesses: z.array(text(200)).max(20).nullish(),
  temporaryImportPurpose: text(500).nullish(),
  note: text(2000).nullish(),
});

export const itemFieldsSchema = z.strictObject({
  kind: z.enum(ITEM_KINDS),
  firearmType: z.enum(FIREARM_TYPES).nullish(),
  partType: z.enum(PART_TYPES).nullish(),
  ammunitionComponent: z.enum(AMMUNITION_COMPONENTS).nullish(),
  make: text().nullish(),
  model: text().nullish(),
  calibre: text(100).nullish(),
  yearOfManufacture: z.number().int().nullish(),
  countryOfManufacture: country.nullish(),
  placeOfManufacture: text().nullish(),
  manufacturerPartyId: uuid.nullish(),
  serialNumber: text(100).nullish(),
  lotNumber: text(100).nullish(),
  quantityRounds: z.number().int().nullish(),
  isAntique: z.boolean().optional(),
  isReplica: z.boolean().optional(),
  temporaryImportPurpose: text(500).nullish(),
  description: text(2000).nullish(),
});

export const registerItemSchema = z.strictObject({
  item: itemFieldsSchema,
  markings: z.array(markingInputSchema).max(50).default([]),
  /** The item's first custody event (manufactured, imported, or seized for a found weapon). */
  event: eventInputSchema.nullish(),
});

export const partyPersonalSchema = z.strictObject({
  givenNames: text().nullish(),
  familyName: text().nullish(),
  dateOfBirth: z.iso.date().nullish(),
  address: text(500).nullish(),
  identityDocumentNumber: text(100).nullish(),
});

export const partyInputSchema = z.strictObject({
  kind: z.enum(PARTY_KINDS),
  roles: z.array(z.enum(PARTY_ROLES)).min(1).max(PARTY_ROLES.length),
  name: text().nullish(),
  country: country.nullish(),
  registrationNumber: text(100).nullish(),
  contactEmail: z.string().email().max(200).nullish(),
  personal: partyPersonalSchema.nullish(),
});

export const partyUpdateSchema = partyInputSchema.omit({ kind: true }).extend({ reason: text(500).nullish() });

export const retireSchema = z.strictObject({ reason: text(500) });

export const registrationInputSchema = z.strictObject({
  kind: text(60),
  number: text(100),
  issuingAuthority: text().nullish(),
  issuingCountry: country.nullish(),
  validFrom: z.iso.date(),
  validUntil: z.iso.date().nullish(),
});

export const itemSearchQuerySchema = pageQuerySchema.extend({
  serial: z.string().trim().min(1).max(100).optional(),
  serialPattern: z.string().trim().min(1).max(100).optional(),
  kind: z.enum(ITEM_KINDS).optional(),
  type: z.string().max(60).optional(),
  make: z.string().max(200).optional(),
  model: z.string().max(200).optional(),
  calibre: z.string().max(100).optional(),
  countryOfManufacture: country.optional(),
  status: z.enum(ITEM_STATUSES).optional(),
  holderPartyId: uuid.optional(),
  sort: z
    .enum(ITEM_SORT_KEYS)
    .default('registeredAt')
    .describe('Order of the whole result, on the server (ties broken by item id). `registeredAt` is the order of registration; `lastEventAt` the last custody event; `serial` the normalised serial; `holderCountry` the current holder\'s country. Text sorts without regard to case; codes (kind, status, country) by their code. Items without a value come last ascending, first descending.'),
  order: z.enum(SORT_ORDERS).default('asc'),
});

export const partyListQuerySchema = pageQuerySchema.extend({
  name: z.string().trim().min(1).max(200).optional(),
  role: z.enum(PARTY_ROLES).optional(),
  kind: z.enum(PARTY_KINDS).optional(),
  includeRetired: z.enum(['true', 'false']).optional(),
});

export const idParamSchema = z.object({ id: uuid });
export const partyRegistrationParamSchema = z.object({ id: uuid, registrationId: uuid });

// ---------------------------------------------------------------- responses

const nstr = z.string().nullable();
const nint = z.number().int().nullable();

export const partySummarySchema = z.object({
  id: z.string(),
  kind: z.enum(PARTY_KINDS),
  /** Organisation name; null for persons unless personal data may be shown. */
  name: nstr,
  roles: z.array(z.string()),
  country: nstr,
  /** An organisation's number in its company or trade register (tells apart namesakes); null for persons. */
  registrationNumber: nstr,
  retired: z.boolean(),
});

export const registrationSchema = z.object({
  id: z.string(),
  partyId: z.string(),
  kind: z.string(),
  number: z.string(),
  issuingAuthority: nstr,
  issuingCountry: nstr,
  validFrom: z.string(),
  validUntil: nstr,
  revokedAt: nstr,
  revokedReason: nstr,
  /** Valid today (within its period and not revoked). */
  current: z.boolean(),
});

export const partyDetailSchema = partySummarySchema.extend({
  version: z.number().int(),
  registrationNumber: nstr,
  contactEmail: nstr,
  createdAt: z.string(),
  updatedAt: z.string(),
  retiredAt: nstr,
  retiredReason: nstr,
  registrations: z.array(registrationSchema),
  /** Present only for roles with registry.parties.read_personal (each such read is audited). */
  personal: z
    .object({ givenNames: nstr, familyName: nstr, dateOfBirth: nstr, address: nstr, identityDocumentNumber: nstr })
    .nullable()
    .optional(),
});

export const partyVersionSchema = z.object({
  version: z.number().int(),
  recordedAt: z.string(),
  reason: nstr,
  kind: z.enum(PARTY_KINDS),
  name: nstr,
  roles: z.array(z.string()),
  country: nstr,
  registrationNumber: nstr,
  contactEmail: nstr,
  retired: z.boolean(),
});
export const partyVersionListSchema = z.object({ items: z.array(partyVersionSchema) });

export const markingSchema = z.object({
  id: z.string(),
  seq: z.number().int(),
  kind: z.enum(MARKING_KINDS),
  location: z.enum(MARKING_LOCATIONS),
  manufacturerName: nstr,
  countryOfManufacture: nstr,
  placeOfManufacture: nstr,
  serialNumber: nstr,
  alternativeSymbol: nstr,
  alternativeCode: nstr,
  importCountry: nstr,
  importYear: nint,
  transferringCountry: nstr,
  markingCountry: nstr,
  markingYear: nint,
  certificateRef: nstr,
  yearOfManufacture: nint,
  model: nstr,
  calibre: nstr,
  text: nstr,
  method: nstr,
  recordedAt: z.string(),
});

export const eventSchema = z.object({
  id: z.string(),
  seq: z.number().int(),
  kind: z.enum(EVENT_KINDS),
  occurredAt: z.string(),
  recordedAt: z.string(),
  from: partySummarySchema.nullable(),
  to: partySummarySchema.nullable(),
  placeLocode: nstr,
  placeText: nstr,
  counterpartCountry: nstr,
  authorizationRef: nstr,
  licenceId: nstr,
  certificateRef: nstr,
  destructionMethod: nstr,
  witnesses: z.array(z.string()).nullable(),
  temporaryImportPurpose: nstr,
  note: nstr,
});

export const itemSummarySchema = z.object({
  id: z.string(),
  kind: z.enum(ITEM_KINDS),
  firearmType: nstr,
  partType: nstr,
  ammunitionComponent: nstr,
  make: nstr,
  model: nstr,
  calibre: nstr,
  yearOfManufacture: nint,
  countryOfManufacture: nstr,
  serialNumber: nstr,
  lotNumber: nstr,
  quantityRounds: nint,
  status: z.enum(ITEM_STATUSES),
  holderPartyId: nstr,
  createdAt: z.string(),
});

export const itemDetailSchema = itemSummarySchema.extend({
  placeOfManufacture: nstr,
  manufacturer: partySummarySchema.nullable(),
  isAntique: z.boolean(),
  isReplica: z.boolean(),
  temporaryImportPurpose: nstr,
  description: nstr,
  holder: partySummarySchema.nullable(),
  keeper: partySummarySchema.nullable(),
  lastEventAt: nstr,
  retention: z.object({ until: z.string(), basis: z.string() }),
  markings: z.array(markingSchema),
  events: z.array(eventSchema),
});

export const itemPageSchema = countedPageSchema(itemSummarySchema);
export const itemStatsSchema = z.object({
  total: z.number().int(),
  byStatus: z.record(z.string(), z.number().int()),
  byKind: z.record(z.string(), z.number().int()),
  rows: z.array(z.object({ kind: z.string(), status: z.string(), count: z.number().int() })),
});
export type ItemStats = z.infer<typeof itemStatsSchema>;
export const partyPageSchema = pageSchema(partySummarySchema);

export type RegisterItemBody = z.infer<typeof registerItemSchema>;
export type EventBody = z.infer<typeof eventInputSchema>;
export type MarkingBody = z.infer<typeof markingInputSchema>;
export type PartyBody = z.infer<typeof partyInputSchema>;
export type PartyUpdateBody = z.infer<typeof partyUpdateSchema>;
export type RegistrationBody = z.infer<typeof registrationInputSchema>;
export type ItemSearchQuery = z.infer<typeof itemSearchQuerySchema>;
export type PartyListQuery = z.infer<typeof partyListQuerySchema>;
export type ItemDetail = z.infer<typeof itemDetailSchema>;
export type ItemSummary = z.infer<typeof itemSummarySchema>;
export type PartySummary = z.infer<typeof partySummarySchema>;
export type PartyDetail = z.infer<typeof partyDetailSchema>;
export type Marking = z.infer<typeof markingSchema>;
export type CustodyEvent = z.infer<typeof eventSchema>;
export type Registration = z.infer<typeof registrationSchema>;
export type PartyVersion = z.infer<typeof partyVersionSchema>;

// ---------------------------------------------------------------- ranked partial search (obliterated marks)

export const candidateQuerySchema = z.object({
  serialPattern: z.string().trim().min(1).max(100),
  kind: z.enum(ITEM_KINDS).optional(),
  make: z.string().trim().min(1).max(200).optional(),
  model: z.string().trim().min(1).max(200).optional(),
  calibre: z.string().trim().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export const rankedCandidateSchema = itemSummarySchema.extend({
  /** 0–1: how well the candidate agrees with what was read (serial share, make, calibre, model). */
  score: z.number(),
  rank: z.number().int(),
});
export const candidateListSchema = z.object({
  /** Every registry item the pattern matches; `items` holds the best `limit` of them. */
  total: z.number().int(),
  items: z.array(rankedCandidateSchema),
});
export type CandidateQuery = z.infer<typeof candidateQuerySchema>;
export type RankedCandidate = z.infer<typeof rankedCandidateSchema>;
export type CandidateList = z.infer<typeof candidateListSchema>;
