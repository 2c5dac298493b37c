import countries from 'i18n-iso-countries';
import en from 'i18n-iso-countries/langs/en.json' with { type: 'json' };
import es from 'i18n-iso-countries/langs/es.json' with { type: 'json' };
import fr from 'i18n-iso-countries/langs/fr.json' with { type: 'json' };

countries.registerLocale(en);
countries.registerLocale(es);
countries.registerLocale(fr);

/** ISO 3166-1 alpha-2 (source: the i18n-iso-countries package, which follows the ISO 3166 Maintenance Agency). */
export function isCountryCode(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && countries.isValid(code);
}

export function countryName(code: string, lang: 'en' | 'es' | 'fr' = 'en'): string {
  return countries.getName(code, lang) ?? code;
}

export function allCountryCodes(): string[] {
  return Object.keys(countries.getAlpha2Codes());
}
