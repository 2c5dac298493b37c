import { z } from 'zod';
import { LOCALES } from './lookup.ts';
import { EMBARGO_AUTHORITIES, EMBARGO_DIRECTIONS, EMBARGO_SCOPES } from './model.ts';
import { TABLE_NAMES } from './tables.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const countryCode = z.string().regex(/^[A-Za-z]{2}$/, 'ISO 3166-1 alpha-2');

export const sourceSchema = z.object({
  id: z.string(),
  title: z.string(),
  citation: z.string(),
  url: z.string().nullable(),
  verification: z.enum(['verified', 'partial', 'memory']),
  partialNote: z.string().nullable(),
});

export const tableSummarySchema = z.object({
  name: z.string(),
  title: z.string(),
  openCodes: z.boolean().describe('True when valid codes go beyond the listed entries (e.g. ML1.a.2, 5A002.a)'),
  source: sourceSchema,
});
export const tablesResponse = z.object({ tables: z.array(tableSummarySchema) });

export const pickerEntrySchema = z.object({
  code: z.string(),
  label: z.string(),
  description: z.string().nullable(),
  parent: z.string().nullable(),
  tags: z.array(z.string()),
});

export const tableParams = z.object({ table: z.enum(TABLE_NAMES) });
export const tableCodeParams = tableParams.extend({ code: z.string().min(1).max(40) });

const tagsParam = z
  .string()
  .max(200)
  .optional()
  .transform((s) => (s ? s.split(',').map((t) => t.trim()).filter(Boolean) : undefined));

export const tableSearchQuery = z.object({
  q: z.string().max(100).optional().describe('Code or text; codes rank first, accents and case are ignored'),
  locale: z.enum(LOCALES).default('en'),
  tags: tagsParam.describe('Comma-separated tags every entry must carry, e.g. "wassenaar" or "small_arm"'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export const localeQuery = z.object({ locale: z.enum(LOCALES).default('en') });

export const tableSearchResponse = z.object({
  table: z.string(),
  source: sourceSchema,
  items: z.array(pickerEntrySchema),
});

export const embargoSchema = z.object({
  id: z.string(),
  authority: z.enum(EMBARGO_AUTHORITIES),
  imposedBy: z.string(),
  countryCode: z.string().nullable(),
  target: z.string(),
  scope: z.enum(EMBARGO_SCOPES),
  direction: z.enum(EMBARGO_DIRECTIONS),
  measures: z.string(),
  instruments: z.array(z.string()),
  since: z.string(),
  until: z.string().nullable().describe('First day no longer in force; null while in force'),
  liftedReason: z.string().nullable(),
  sourceTitle: z.string(),
  sourceUrl: z.string().nullable(),
  verification: z.enum(['verified', 'partial', 'memory']),
  note: z.string().nullable(),
});

export const storedEmbargoSchema = embargoSchema.extend({
  createdAt: z.string(),
  createdBy: z.string(),
  liftedAt: z.string().nullable(),
  liftedBy: z.string().nullable(),
});

export const embargoListQuery = z.object({
  country: countryCode.optional(),
  activeOn: isoDate.optional(),
  authority: z.enum(EMBARGO_AUTHORITIES).optional(),
});
export const embargoListResponse = z.object({ items: z.array(embargoSchema) });

export const embargoCheckParams = z.object({ country: countryCode });
export const embargoCheckQuery = z.object({ date: isoDate.optional().describe('Default: today (UTC)') });
export const embargoCheckResponse = z.object({
  countryCode: z.string(),
  date: z.string(),
  embargoes: z.array(embargoSchema),
  strictestScope: z.enum(EMBARGO_SCOPES).nullable(),
});

export const embargoIdParams = z.object({ id: z.string().min(1).max(64) });

const text = (max: number) => z.string().trim().min(1).max(max);

export const newEmbargoBody = z.object({
  authority: z.enum(['regional', 'national']),
  imposedBy: text(200).describe('e.g. "European Union", "OSCE", or the State itself'),
  countryCode,
  target: text(500),
  scope: z.enum(EMBARGO_SCOPES),
  direction: z.enum(EMBARGO_DIRECTIONS),
  measures: text(4000),
  instruments: z.array(z.string().max(300)).min(1).max(50),
  since: isoDate,
  until: isoDate.nullable().optional(),
  sourceTitle: text(500),
  sourceUrl: z.string().url().max(2000).nullable().optional(),
  note: z.string().max(4000).nullable().optional(),
});

export const liftEmbargoBody = z.object({
  until: isoDate.describe('First day the embargo no longer applies'),
  reason: text(2000),
});

export const crosswalkResponse = z.object({
  source: sourceSchema,
  items: z.array(
    z.object({
      firearmType: z.string(),
      itiType: z.string().nullable(),
      salwClass: z.enum(['small_arm', 'light_weapon']).nullable(),
      unrocaCategory: z.string(),
      mlSuggested: z.array(z.string()),
      hsSuggested: z.array(z.string()),
      decidingFact: z.string().nullable(),
    }),
  ),
});
