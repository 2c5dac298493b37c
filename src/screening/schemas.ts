import { z } from 'zod';
import { isCountryCode } from '../reference/countries.ts';
import { isCalendarDate } from '../platform/calendar-date.ts';

const countryCode = z
  .string()
  .trim()
  .toUpperCase()
  .refine((c) => isCountryCode(c), 'an ISO 3166-1 alpha-2 code');
const dob = z
  .string()
  .regex(/^\d{4}(-\d{2}-\d{2})?$/, 'YYYY or YYYY-MM-DD')
  // A day that does not exist (1965-13-45) would be compared as its year alone: refused, named.
  .refine((d) => d.length === 4 || isCalendarDate(d), { message: 'not a date that exists (YYYY-MM-DD)', params: { code: 'date_invalid' } });
const nameKind = z.enum(['person', 'organisation', 'vessel', 'unknown']);

export const identifierSchema = z.object({ type: z.string().max(60).optional(), number: z.string().trim().min(3).max(60) });

export const screenNameInput = z.object({
  name: z.string().trim().min(1).max(300),
  kind: nameKind.optional(),
  country: countryCode.optional(),
  dob: dob.optional(),
  identifiers: z.array(identifierSchema).max(20).optional(),
});

export const partyToScreenSchema = screenNameInput.extend({
  /** The caller's stable reference for the party: a registry party id, or `licensing:<application>:<role>`. */
  partyRef: z.string().trim().min(1).max(200),
  origin: z.string().trim().min(1).max(40).default('api'),
});
export const screenPartiesInput = z.object({
  parties: z.array(partyToScreenSchema).min(1).max(10_000),
  purpose: z.string().trim().min(1).max(60).default('batch'),
});

export const decisionInput = z.object({
  decision: z.enum(['true_match', 'false_positive']),
  reason: z.string().trim().min(3).max(2000),
});

export const denialInput = z.object({
  notifyingState: countryCode,
  reference: z.string().trim().min(1).max(100),
  deniedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD'),
  destination: countryCode,
  endUserName: z.string().trim().min(1).max(300),
  controlCategories: z.array(z.string().trim().min(1).max(40)).min(1).max(50),
  reason: z.string().trim().max(2000).optional(),
});

/** A later notification about a received denial, by the notifying State and the denial's reference. */
export const denialChangeInput = z.object({
  notifyingState: countryCode,
  reference: z.string().trim().min(1).max(100),
  action: z.enum(['annulment', 'suspension', 'modification', 'revocation', 'withdrawal', 'end_of_suspension']),
  deniedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD').optional(),
  destination: countryCode.optional(),
  endUserName: z.string().trim().min(1).max(300).optional(),
  controlCategories: z.array(z.string().trim().min(1).max(40)).min(1).max(50).optional(),
  reason: z.string().trim().max(2000).optional(),
});

export const denialCheckInput = z.object({
  destination: countryCode,
  endUserName: z.string().trim().min(1).max(300),
  controlCategories: z.array(z.string().trim().min(1).max(40)).min(1).max(50),
});

// ------------------------------------------------------------------ responses

const feature = z.object({ feature: z.string(), effect: z.number(), detail: z.string() });
const tokenPair = z.object({ query: z.string(), candidate: z.string().nullable(), similarity: z.number(), how: z.string() });
export const hitSchema = z.object({
  id: z.string().nullable(),
  status: z.enum(['open', 'suppressed', 'decided']).nullable(),
  suppressedBy: z.string().nullable(),
  score: z.number(),
  source: z.string(),
  versionId: z.string(),
  externalId: z.string(),
  entryName: z.string(),
  kind: z.string(),
  referenceNumber: z.string().nullable(),
  programmes: z.array(z.string()),
  explanation: z.object({
    matchedName: z.string(),
    nameQuality: z.string(),
    nameScore: z.number(),
    pairs: z.array(tokenPair),
    notes: z.array(z.string()),
    features: z.array(feature),
  }),
});
export const listVersionRefSchema = z.object({ id: z.string(), source: z.string(), publishedOn: z.string().nullable() });
export const screeningWarningSchema = z.object({ code: z.string(), message: z.string() });
export const screeningResultSchema = z.object({
  runId: z.string(),
  partyRef: z.string().nullable(),
  threshold: z.number(),
  listVersions: z.array(listVersionRefSchema),
  hits: z.array(hitSchema),
  openHits: z.number(),
  /** `screening.no_active_list`: no list was active, so no hit means nothing, not "no match". */
  warnings: z.array(screeningWarningSchema),
});
export const embargoFlagsSchema = z.object({
  countryCode: z.string(),
  date: z.string(),
  flagged: z.boolean(),
  strictestScope: z.string().nullable(),
  embargoes: z.array(z.object({ id: z.string(), imposedBy: z.string(), target: z.string(), scope: z.string(), instruments: z.array(z.string()) })),
});
export const screenPartiesResponse = z.object({
  results: z.array(screeningResultSchema.extend({ countryEmbargo: embargoFlagsSchema.nullable() })),
  listVersions: z.array(listVersionRefSchema),
});

export const listVersionSchema = z.object({
  id: z.string(),
  source: z.string(),
  format: z.string(),
  publishedOn: z.string().nullable(),
  fileName: z.string().nullable(),
  fileSha256: z.string(),
  entryCount: z.number(),
  nameCount: z.number(),
  status: z.string(),
  importedAt: z.string(),
  importedBy: z.string(),
  supersededAt: z.string().nullable(),
  supersededBy: z.string().nullable(),
});
export const importResponse = z.object({
  version: listVersionSchema,
  superseded: z.array(z.string()),
  rescreen: z.object({ subjects: z.number(), newAlerts: z.number() }),
});
const diffEntry = z.object({ externalId: z.string(), name: z.string(), referenceNumber: z.string().nullable(), programmes: z.array(z.string()) });
export const diffResponse = z.object({
  from: listVersionSchema,
  to: listVersionSchema,
  counts: z.object({ added: z.number(), removed: z.number(), changed: z.number() }),
  added: z.array(diffEntry),
  removed: z.array(diffEntry),
  changed: z.array(diffEntry.extend({ fields: z.array(z.string()) })),
});
export const decisionSchema = z.object({
  id: z.string(),
  hitId: z.string(),
  subjectId: z.string().nullable(),
  source: z.string(),
  externalId: z.string(),
  entryHash: z.string(),
  subjectFingerprint: z.string().nullable(),
  decision: z.string(),
  reason: z.string(),
  decidedAt: z.string(),
  decidedBy: z.string(),
});
export const alertSchema = z.object({
  id: z.string(),
  subjectId: z.string(),
  hitId: z.string(),
  versionId: z.string(),
  reason: z.string(),
  status: z.string(),
  raisedAt: z.string(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: z.string().nullable(),
});
export const denialSchema = z.object({
  id: z.string(),
  notifyingState: z.string(),
  reference: z.string(),
  deniedOn: z.string(),
  destination: z.string(),
  endUserName: z.string(),
  controlCategories: z.array(z.string()),
  reason: z.string().nullable(),
  receivedAt: z.string(),
  receivedBy: z.string(),
  revokedAt: z.string().nullable(),
  revokedReason: z.string().nullable(),
});
export const denialCheckResponse = z.object({
  flagged: z.boolean(),
  matches: z.array(z.object({ denial: z.object({ source: z.string(), reference: z.string(), destination: z.string(), endUserName: z.string(), controlCategories: z.array(z.string()) }), endUserScore: z.number(), commonCategories: z.array(z.string()) })),
});

export type ScreenNameInput = z.infer<typeof screenNameInput>;
export type PartyToScreen = z.input<typeof partyToScreenSchema>;
export type ScreeningResult = z.infer<typeof screeningResultSchema>;
export type Hit = z.infer<typeof hitSchema>;
