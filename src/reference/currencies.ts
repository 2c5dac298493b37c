import { data as iso4217, publishDate } from 'currency-codes';
import { staticTable, type Locale, type PickerEntry, type ReferenceTable } from './lookup.ts';
import { SOURCES } from './sources.ts';

export const CURRENCIES_SOURCE = SOURCES.iso4217;
/** Publication date of the ISO 4217 list one this table was built from. */
export const CURRENCIES_PUBLISHED = publishDate;

export interface Currency {
  code: string;
  numeric: string;
  name: string;
  /**
   * Digits after the decimal point: money is stored as integer minor units, so 1,000 JPY is 1000 and
   * 1,000 KWD is 1000000. Null where ISO gives "N.A." (gold, SDR, test codes): not for prices.
   */
  minorUnits: number | null;
  /** Entities that use it, as ISO writes them ("MEXICO", "Zz08_gold" for funds/metals). */
  entities: string[];
}

// ISO lists these with minor unit "N.A."; the package flattens that to 0, which would misstate them.
const NO_MINOR_UNIT = new Set(['XAG', 'XAU', 'XBA', 'XBB', 'XBC', 'XBD', 'XDR', 'XPD', 'XPT', 'XSU', 'XTS', 'XUA', 'XXX']);

export const CURRENCIES: readonly Currency[] = iso4217.map((c) => ({
  code: c.code,
  numeric: c.number,
  name: c.currency,
  minorUnits: NO_MINOR_UNIT.has(c.code) ? null : c.digits,
  entities: c.countries,
}));

const BY_CODE = new Map(CURRENCIES.map((c) => [c.code, c]));

export function currency(code: string): Currency | null {
  return BY_CODE.get(code.trim().toUpperCase()) ?? null;
}

/** Strict: upper-case alpha-3 as it must be stored. */
export function isCurrencyCode(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && BY_CODE.has(code);
}

/** True for a currency a price can be expressed in (has a minor unit). */
export function isMoneyCurrency(code: string): boolean {
  return isCurrencyCode(code) && BY_CODE.get(code)!.minorUnits !== null;
}

export function minorUnits(code: string): number | null {
  return currency(code)?.minorUnits ?? null;
}

/** "12.50 EUR" → 1250 for EUR (2 digits); refuses more decimals than the currency has. */
export function toMinorUnits(amount: string, code: string): number | null {
  const digits = minorUnits(code);
  if (digits === null) return null;
  const m = /^(\d+)(?:\.(\d+))?$/.exec(amount.trim());
  if (!m || (m[2]?.length ?? 0) > digits) return null;
  return Number(m[1]) * 10 ** digits + Number((m[2] ?? '').padEnd(digits, '0') || '0');
}

const displayNames = new Map<Locale, Intl.DisplayNames>();
/** Currency name in the user's language from the runtime's CLDR data, falling back to the ISO English name. */
export function currencyName(code: string, locale: Locale = 'en'): string {
  const c = currency(code);
  if (!c) return code;
  if (locale === 'en') return c.name;
  let dn = displayNames.get(locale);
  if (!dn) displayNames.set(locale, (dn = new Intl.DisplayNames([locale], { type: 'currency', fallback: 'none' })));
  const name = dn.of(c.code);
  return name ? name.charAt(0).toUpperCase() + name.slice(1) : c.name;
}

function currencyEntries(locale: Locale): PickerEntry[] {
  return CURRENCIES.map((c) => ({
    code: c.code,
    label: currencyName(c.code, locale),
    description: c.minorUnits === null ? `${c.numeric}, no minor unit` : `${c.numeric}, ${c.minorUnits} minor unit digits`,
    parent: null,
    tags: c.minorUnits === null ? ['no_minor_unit'] : [],
  }));
}

const cache = new Map<Locale, PickerEntry[]>();

export const currenciesTable: ReferenceTable = staticTable({
  name: 'currencies',
  title: 'Currencies (ISO 4217)',
  source: CURRENCIES_SOURCE,
  entries: (locale) => {
    let e = cache.get(locale);
    if (!e) cache.set(locale, (e = currencyEntries(locale)));
    return e;
  },
  canonical: (code) => code.toUpperCase(),
  searchTexts: (e) => [e.label, currency(e.code)?.name ?? '', ...(currency(e.code)?.entities ?? [])],
});
