import countries from 'i18n-iso-countries';
import en from 'i18n-iso-countries/langs/en.json' with { type: 'json' };
import es from 'i18n-iso-countries/langs/es.json' with { type: 'json' };
import fr from 'i18n-iso-countries/langs/fr.json' with { type: 'json' };
import { isEuMemberState, isWassenaarParticipant } from './country-groups.ts';
import { staticTable, type Locale, type PickerEntry, type ReferenceTable } from './lookup.ts';
import { SOURCES } from './sources.ts';

countries.registerLocale(en);
countries.registerLocale(es);
countries.registerLocale(fr);

export const COUNTRIES_SOURCE = SOURCES.iso3166;
export const HISTORIC_COUNTRIES_SOURCE = SOURCES.iso3166part3;

/**
 * ISO 3166-1 leaves AA, QM–QZ, XA–XZ and ZZ to users. A node serving a demonstration or training State
 * (CUSTODIA_STATE, default XC) uses one of them; that one code must then be valid wherever a country is,
 * or the node could not name itself as the country of import, export or manufacture.
 */
const USER_ASSIGNED = /^(AA|Q[M-Z]|X[A-Z]|ZZ)$/;
const NODE_STATE_NAMES = { en: 'Demonstration State', es: 'Estado de demostración', fr: 'État de démonstration' } as const;

function isNodeUserAssignedState(code: string): boolean {
  return USER_ASSIGNED.test(code) && code === (process.env.CUSTODIA_STATE ?? 'XC').toUpperCase();
}

/** ISO 3166-1 alpha-2 (source: the i18n-iso-countries package, which follows the ISO 3166 Maintenance Agency). */
export function isCountryCode(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && (countries.isValid(code) || isNodeUserAssignedState(code));
}

export function countryName(code: string, lang: 'en' | 'es' | 'fr' = 'en'): string {
  if (isNodeUserAssignedState(code)) return `${NODE_STATE_NAMES[lang]} (${code})`;
  return countries.getName(code, lang) ?? HISTORIC_COUNTRIES.find((h) => h.code === code)?.name ?? code;
}

export function allCountryCodes(): string[] {
  return Object.keys(countries.getAlpha2Codes());
}

export function countryAlpha3(code: string): string | null {
  return isCountryCode(code) ? (countries.alpha2ToAlpha3(code) ?? null) : null;
}

export function countryNumeric(code: string): string | null {
  return isCountryCode(code) ? (countries.alpha2ToNumeric(code) ?? null) : null;
}

/** Alpha-2 from alpha-2, alpha-3 or numeric input (`mex`, `484`, `MX` → `MX`), or null. */
export function toAlpha2(input: string): string | null {
  const s = input.trim().toUpperCase();
  if (/^[A-Z]{2}$/.test(s)) return isCountryCode(s) ? s : null;
  if (/^[A-Z]{3}$/.test(s)) return countries.alpha3ToAlpha2(s) ?? null;
  if (/^\d{1,3}$/.test(s)) return countries.numericToAlpha2(s.padStart(3, '0')) ?? null;
  return null;
}

/**
 * ISO 3166-3 codes of formerly used country names, for markings made before a State changed or ended
 * (a Soviet-era rifle is marked by the USSR, not by Russia). A selection, from memory of ISO 3166-3.
 */
export const HISTORIC_COUNTRIES: readonly { code: string; name: string; formerAlpha2: string; successors: string[] }[] = [
  { code: 'SUHH', name: 'USSR (Union of Soviet Socialist Republics)', formerAlpha2: 'SU', successors: ['AM', 'AZ', 'EE', 'GE', 'KZ', 'KG', 'LV', 'LT', 'MD', 'RU', 'TJ', 'TM', 'UZ'] },
  { code: 'CSHH', name: 'Czechoslovakia', formerAlpha2: 'CS', successors: ['CZ', 'SK'] },
  { code: 'YUCS', name: 'Yugoslavia', formerAlpha2: 'YU', successors: ['RS', 'ME'] },
  { code: 'CSXX', name: 'Serbia and Montenegro', formerAlpha2: 'CS', successors: ['RS', 'ME'] },
  { code: 'DDDE', name: 'German Democratic Republic', formerAlpha2: 'DD', successors: ['DE'] },
  { code: 'YDYE', name: "Yemen, Democratic (People's Democratic Republic of Yemen)", formerAlpha2: 'YD', successors: ['YE'] },
  { code: 'VDVN', name: 'Viet-Nam, Democratic Republic of', formerAlpha2: 'VD', successors: ['VN'] },
  { code: 'ZRCD', name: 'Zaire', formerAlpha2: 'ZR', successors: ['CD'] },
  { code: 'BUMM', name: 'Burma', formerAlpha2: 'BU', successors: ['MM'] },
  { code: 'RHZW', name: 'Southern Rhodesia', formerAlpha2: 'RH', successors: ['ZW'] },
  { code: 'BYAA', name: 'Byelorussian SSR', formerAlpha2: 'BY', successors: ['BY'] },
  { code: 'DHBJ', name: 'Dahomey', formerAlpha2: 'DY', successors: ['BJ'] },
  { code: 'HVBF', name: 'Upper Volta', formerAlpha2: 'HV', successors: ['BF'] },
  { code: 'TPTL', name: 'East Timor', formerAlpha2: 'TP', successors: ['TL'] },
  { code: 'ANHH', name: 'Netherlands Antilles', formerAlpha2: 'AN', successors: ['BQ', 'CW', 'SX'] },
];

export function isHistoricCountryCode(code: string): boolean {
  return HISTORIC_COUNTRIES.some((h) => h.code === code);
}

/** A country as it may appear on a marking: a current alpha-2 or an ISO 3166-3 former name. */
export function isMarkingCountryCode(code: string): boolean {
  return isCountryCode(code) || isHistoricCountryCode(code);
}

function countryTags(code: string): string[] {
  const tags: string[] = [];
  if (isWassenaarParticipant(code)) tags.push('wassenaar');
  if (isEuMemberState(code)) tags.push('eu');
  return tags;
}

function countryEntries(locale: Locale): PickerEntry[] {
  const current: PickerEntry[] = allCountryCodes()
    .map((code) => ({
      code,
      label: countries.getName(code, locale) ?? code,
      description: `${countries.alpha2ToAlpha3(code)} ${countries.alpha2ToNumeric(code)}`,
      parent: null,
      tags: countryTags(code),
    }))
    .sort((a, b) => a.label.localeCompare(b.label, locale));
  const historic: PickerEntry[] = HISTORIC_COUNTRIES.map((h) => ({
    code: h.code,
    label: h.name,
    description: `ISO 3166-3, former ${h.formerAlpha2}; now ${h.successors.join(', ')}`,
    parent: null,
    tags: ['historic'],
  }));
  return [...current, ...historic];
}

const entryCache = new Map<Locale, PickerEntry[]>();
function cachedEntries(locale: Locale): PickerEntry[] {
  let e = entryCache.get(locale);
  if (!e) entryCache.set(locale, (e = countryEntries(locale)));
  return e;
}

/**
 * Searches names in the user's language and also the English name, official aliases and alpha-3, so a
 * French user typing "Ivory" or "CIV" still finds Côte d'Ivoire.
 */
function searchTexts(entry: PickerEntry, locale: Locale): string[] {
  if (entry.tags.includes('historic')) return [entry.label];
  const texts = [entry.label, entry.description ?? ''];
  for (const lang of new Set<Locale>([locale, 'en'])) {
    const all = countries.getName(entry.code, lang, { select: 'all' });
    if (all) texts.push(...all);
  }
  return texts;
}

export const countriesTable: ReferenceTable = staticTable({
  name: 'countries',
  title: 'Countries (ISO 3166-1, with ISO 3166-3 former names for markings)',
  source: COUNTRIES_SOURCE,
  entries: cachedEntries,
  canonical: (code) => {
    const c = code.trim().toUpperCase();
    return c.length === 4 ? c : toAlpha2(c);
  },
  searchTexts,
});
