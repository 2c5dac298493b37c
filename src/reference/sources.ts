/**
 * Where each reference table comes from. Every table names its source so an auditor can check it,
 * and says how far it was verified (the tags of the project's STANDARDS.md):
 * - `verified`: seen in the cited source (often a mirror or translation of the primary text);
 * - `partial`: the source confirms part, the rest is from memory of the primary text;
 * - `memory`: not seen in any source; check against the official text before relying on it.
 */
export type Verification = 'verified' | 'partial' | 'memory';

export interface Source {
  id: string;
  title: string;
  /** The document, article or page (as STANDARDS.md names it). */
  citation: string;
  url: string | null;
  verification: Verification;
  /** What the table lacks compared with the official source, if anything. */
  partialNote: string | null;
}

export const SOURCES = {
  wassenaarMl: {
    id: 'wassenaarMl',
    title: 'Wassenaar Arrangement Munitions List ML1–ML22 (headings as in the EU Common Military List)',
    citation:
      'EU Common Military List headings (test/fixtures/control-lists/eu_common_military_list_ML_headings.csv); ' +
      'WA numbering equals EU CML numbering (STANDARDS.md §4.1); ML1 sub-items from the UK mirror of the list',
    url: 'https://govuk.cln.exportcontroldigital.dev/entries/ML1/',
    verification: 'partial',
    partialNote:
      'Headings only. Sub-items (ML1.a … ) are known for ML1 alone; the full entries, notes and decontrol notes of the ' +
      'current WA-LIST are not in this table. ML19–ML21 short titles are from memory (STANDARDS.md §4.1). ' +
      'Spanish and French labels are Custodia working translations, not the official texts.',
  },
  wassenaarDualUse: {
    id: 'wassenaarDualUse',
    title: 'Wassenaar List of Dual-Use Goods and Technologies (Basic List): categories 1–9 and product groups A–E',
    citation: 'STANDARDS.md §4.2 (WA Secretariat slides; liquisearch); Category 0 only in the EU list, Reg. (EU) 2021/821 Annex I',
    url: 'https://www.wassenaar.org/control-lists/',
    verification: 'partial',
    partialNote:
      'Categories and product groups only; the individual entries (e.g. 5A002) are validated by format, not looked up. ' +
      'Product group titles and the EU Category 0 are from memory. Sensitive / Very Sensitive List membership is not modelled. ' +
      'Spanish and French labels are Custodia working translations, not the official texts.',
  },
  wassenaarParticipants: {
    id: 'wassenaarParticipants',
    title: 'Wassenaar Arrangement participating States (42)',
    citation: 'wassenaar.org "About us" page, as read for STANDARDS.md §4 (late 2025)',
    url: 'https://www.wassenaar.org/about-us/',
    verification: 'verified',
    partialNote: 'Current membership only; dates of joining are not recorded.',
  },
  euMembers: {
    id: 'euMembers',
    title: 'European Union member States (27) with accession and withdrawal dates',
    citation: 'Treaties of accession; United Kingdom withdrawal effective 2020-02-01 (Withdrawal Agreement)',
    url: 'https://european-union.europa.eu/principles-countries-history/eu-countries_en',
    verification: 'memory',
    partialNote: 'Dates from memory of the accession treaties; not in STANDARDS.md.',
  },
  unroca: {
    id: 'unroca',
    title: 'UN Register of Conventional Arms categories I–VII and the small arms / light weapons sub-categories',
    citation: 'GA res. 46/36 L; UNODA UNROCA page; STANDARDS.md §5.1 (Cat. I verified, others partly from memory)',
    url: 'https://disarmament.unoda.org/en/node/87394',
    verification: 'partial',
    partialNote:
      'Short definitions only. VII(a)/(b) split and the SALW "others" sub-categories are from memory; the current ' +
      'standardized-form wording may differ. ' +
      'Spanish and French labels are Custodia working translations, not the official texts.',
  },
  itiSalw: {
    id: 'itiSalw',
    title: 'International Tracing Instrument (A/60/88 annex) para. 4: small arms and light weapons',
    citation: 'ITI para. 4; the same list is in the 1997 UN Panel of Governmental Experts report (gunpolicy Q174)',
    url: 'https://disarmament.unoda.org/convarms/small-arms-tracing/',
    verification: 'partial',
    partialNote: 'The list matches the 1997 Panel report [V]; the ITI text itself was not seen (STANDARDS.md §2.1). ' +
      'Spanish and French labels are Custodia working translations, not the official texts.',
  },
  hsChapter93: {
    id: 'hsChapter93',
    title: 'Harmonized System 2022, Chapter 93 "Arms and ammunition; parts and accessories thereof"',
    citation: 'Canada Border Services Agency customs tariff ch. 93; 121-export.com HS 9305 (STANDARDS.md §8.2)',
    url: 'https://cbsa-asfc.gc.ca/trade-commerce/tariff-tarif/2021/html/00/ch93-eng.html',
    verification: 'partial',
    partialNote:
      'Headings 93.01–93.07 verified; subheadings 9301.20, 9301.90, 9303.10–9303.90, 9305.99 and 9306.21–9306.90 from ' +
      'memory. National 8-digit (CN / tariff) lines are not included.',
  },
  iso3166: {
    id: 'iso3166',
    title: 'ISO 3166-1 country codes (alpha-2, alpha-3, numeric) with English, Spanish and French names',
    citation: 'npm package i18n-iso-countries 7.14 (follows the ISO 3166 Maintenance Agency)',
    url: 'https://www.iso.org/iso-3166-country-codes.html',
    verification: 'verified',
    partialNote: null,
  },
  iso3166part3: {
    id: 'iso3166part3',
    title: 'ISO 3166-3 codes for formerly used country names (for old markings)',
    citation: 'ISO 3166-3; STANDARDS.md §8.1 names SUHH, CSHH, YUCS',
    url: 'https://www.iso.org/iso-3166-country-codes.html',
    verification: 'memory',
    partialNote: 'A selection of the formerly used names most likely on firearms markings, not the full ISO 3166-3 list.',
  },
  iso4217: {
    id: 'iso4217',
    title: 'ISO 4217 currency codes, numeric codes and minor units (list one)',
    citation: 'npm package currency-codes 2.2.0, built from the ISO 4217 maintenance agency list one published 2024-06-25',
    url: 'https://www.six-group.com/en/products-services/financial-information/data-standards.html',
    verification: 'verified',
    partialNote: 'Codes whose minor unit ISO gives as "N.A." (metals, SDR, test and no-currency codes) carry minorUnits null.',
  },
  unLocode: {
    id: 'unLocode',
    title: 'UN/LOCODE (UNECE Recommendation No. 16): code format',
    citation: 'STANDARDS.md §8.3 (unlocodeR, RstoxFDA, UN/CEFACT vocabulary)',
    url: 'https://unece.org/trade/cefact/unlocode-code-list-country-and-territory',
    verification: 'verified',
    partialNote:
      'Format validation only (ISO country + 3 characters). The code list itself (about 100,000 locations) is not ' +
      'available on this network and is not vendored: a well-formed code may not exist.',
  },
  unEmbargoes: {
    id: 'unEmbargoes',
    title: 'UN Security Council arms embargoes',
    citation: 'STANDARDS.md §7.1 (status up to late 2025) and the resolutions named on each entry',
    url: 'https://main.un.org/securitycouncil/en/sanctions/information',
    verification: 'partial',
    partialNote:
      'Time-sensitive: 2025 renewals (CAR, South Sudan, Haiti, DRC, Libya, Yemen) were not checked, and several ' +
      'start dates are from memory. Historic embargoes are a selection. Re-check against the Security Council page.',
  },
} as const satisfies Record<string, Source>;

export type SourceId = keyof typeof SOURCES;
