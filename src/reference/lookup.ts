import type { Source } from './sources.ts';

/**
 * What every reference table offers a picker: entries with a code and a label in the user's language,
 * and one search that ranks code matches above text matches.
 */
export const LOCALES = ['en', 'es', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];

export interface PickerEntry {
  code: string;
  label: string;
  description: string | null;
  /** The entry this one belongs to (a heading's chapter, a sub-category's category), if any. */
  parent: string | null;
  /** Flags a picker can filter on, e.g. `wassenaar`, `eu`, `small_arm`, `historic`. */
  tags: string[];
}

/** Lower case, no diacritics, punctuation as spaces: "Côte d'Ivoire" and "cote divoire" meet. */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['’‘]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** A code compared without case, spaces, dots or dashes: `ml1a`, `ML1.a` and `ml 1 a` are one. */
export function foldCode(code: string): string {
  return code.toUpperCase().replace(/[\s.\-_/]+/g, '');
}

/**
 * Rank of `entry` for `query` (lower is better), or null when it does not match. `extraTexts` are
 * other names the entry is known by (English name under a French locale, aliases, alpha-3 codes).
 */
export function matchRank(query: string, code: string, texts: readonly string[]): number | null {
  const q = query.trim();
  if (q === '') return 5;
  const qc = foldCode(q);
  const c = foldCode(code);
  if (qc !== '' && c === qc) return 0;
  if (qc !== '' && c.startsWith(qc)) return 1;
  const qt = foldText(q);
  if (qt === '') return null;
  let best: number | null = null;
  for (const text of texts) {
    const t = foldText(text);
    if (t === qt) return 2;
    if (t.startsWith(qt) || t.split(' ').some((w) => w.startsWith(qt))) best = Math.min(best ?? 3, 3);
    else if (t.includes(qt)) best = Math.min(best ?? 4, 4);
  }
  return best;
}

export interface SearchOptions {
  query?: string;
  limit?: number;
  tags?: readonly string[];
}

/** Filters and ranks entries; ties keep the table's own order (ML1 before ML2, not alphabetical). */
export function searchEntries<T>(
  entries: readonly T[],
  options: SearchOptions,
  view: (entry: T) => { code: string; texts: readonly string[]; tags: readonly string[] },
): T[] {
  const ranked: { entry: T; rank: number; index: number }[] = [];
  entries.forEach((entry, index) => {
    const v = view(entry);
    if (options.tags?.length && !options.tags.every((tag) => v.tags.includes(tag))) return;
    const rank = matchRank(options.query ?? '', v.code, v.texts);
    if (rank !== null) ranked.push({ entry, rank, index });
  });
  ranked.sort((a, b) => a.rank - b.rank || a.index - b.index);
  return ranked.slice(0, options.limit ?? ranked.length).map((r) => r.entry);
}

export interface TableSearchOptions extends SearchOptions {
  locale?: Locale;
}

/** One reference table as pickers, the API and other modules see it. */
export interface ReferenceTable {
  /** URL segment: `munitions-list`, `countries` … */
  name: string;
  title: string;
  source: Source;
  /** Whether the codes accepted by `isValid` go beyond the listed entries (e.g. `ML1.a.2`, any well-formed LOCODE). */
  openCodes: boolean;
  entries(locale?: Locale): PickerEntry[];
  isValid(code: string): boolean;
  /** The entry for a code (canonicalised), or null when the code is not valid. */
  describe(code: string, locale?: Locale): PickerEntry | null;
  search(options: TableSearchOptions): PickerEntry[];
}

/** Builds a table whose entries are fixed data; search looks at code, label and description. */
export function staticTable(def: {
  name: string;
  title: string;
  source: Source;
  entries: (locale: Locale) => PickerEntry[];
  canonical?: (code: string) => string | null;
  describeOpen?: (code: string, locale: Locale) => PickerEntry | null;
  searchTexts?: (entry: PickerEntry, locale: Locale) => string[];
}): ReferenceTable {
  const canonical = def.canonical ?? ((code: string) => code);
  const find = (code: string, locale: Locale): PickerEntry | null => {
    const c = canonical(code.trim());
    if (c === null) return null;
    const key = foldCode(c);
    return def.entries(locale).find((e) => foldCode(e.code) === key) ?? null;
  };
  return {
    name: def.name,
    title: def.title,
    source: def.source,
    openCodes: def.describeOpen !== undefined,
    entries: (locale = 'en') => def.entries(locale),
    isValid: (code) => find(code, 'en') !== null || (def.describeOpen?.(code, 'en') ?? null) !== null,
    describe: (code, locale = 'en') => find(code, locale) ?? def.describeOpen?.(code, locale) ?? null,
    search: (options) => {
      const locale = options.locale ?? 'en';
      // A Spanish or French user may still type the English term found on a document.
      const english = locale === 'en' ? null : new Map(def.entries('en').map((e) => [e.code, e.label]));
      return searchEntries(def.entries(locale), options, (e) => ({
        code: e.code,
        texts: def.searchTexts ? def.searchTexts(e, locale) : [e.label, e.description ?? '', english?.get(e.code) ?? ''],
        tags: e.tags,
      }));
    },
  };
}

/** Spanish and French labels of a table whose source is in English only. */
export interface Translations {
  es: string;
  fr: string;
}

export function localized(en: string, translations: Translations | undefined, locale: Locale): string {
  return locale === 'en' || !translations ? en : translations[locale];
}
