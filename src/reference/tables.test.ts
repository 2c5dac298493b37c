import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { EU_MEMBER_STATES, euMembersOn, isEuMemberState, isWassenaarParticipant, WASSENAAR_PARTICIPANTS } from './country-groups.ts';
import {
  allCountryCodes, countriesTable, countryAlpha3, countryName, countryNumeric, isCountryCode, isMarkingCountryCode, toAlpha2,
} from './countries.ts';
import { currenciesTable, currency, currencyName, isCurrencyCode, isMoneyCurrency, minorUnits, toMinorUnits } from './currencies.ts';
import { DUAL_USE_CATEGORIES, dualUseTable, isDualUseCode, parseDualUseCode } from './dual-use.ts';
import { formatHsCode, HS_CHAPTER_93, hsCode, hsSubheadingOf, hsTable, isChapter93Code, normalizeHsCode } from './hs.ts';
import { formatLocode, isLocodeFormat, parseLocode } from './locode.ts';
import { foldText, matchRank } from './lookup.ts';
import { describeMlCode, isMlCode, MUNITIONS_LIST, munitionsListTable, parseMlCode } from './munitions.ts';
import { ITI_SALW_TYPES, isLightWeapon, isSmallArm, unrocaCategoryForMortar } from './salw.ts';
import { SOURCES } from './sources.ts';
import { REFERENCE_TABLES, referenceTable } from './tables.ts';
import { UNROCA_CATEGORIES, UNROCA_MAJOR_CATEGORIES, unrocaCategory } from './unroca.ts';

describe('Wassenaar Munitions List', () => {
  it('has the 22 headings ML1 to ML22 in order', () => {
    expect(MUNITIONS_LIST).toHaveLength(22);
    expect(MUNITIONS_LIST.map((e) => e.code)).toEqual(Array.from({ length: 22 }, (_, i) => `ML${i + 1}`));
  });

  it('carries exactly the headings of the EU Common Military List file', () => {
    const csv = readFileSync(new URL('../../test/fixtures/control-lists/eu_common_military_list_ML_headings.csv', import.meta.url), 'utf8');
    const rows = parse(csv, { columns: true }) as { ml_category: string; heading: string }[];
    expect(rows).toHaveLength(22);
    for (const row of rows) {
      expect(MUNITIONS_LIST.find((e) => e.code === row.ml_category)?.heading).toBe(row.heading);
    }
  });

  it('flags the firearms headings ML1, ML2, ML3, ML18, ML22 and no others', () => {
    expect(MUNITIONS_LIST.filter((e) => e.firearmsRelevant).map((e) => e.code)).toEqual(['ML1', 'ML2', 'ML3', 'ML18', 'ML22']);
  });

  it('parses entries with sub-items into a canonical form', () => {
    expect(parseMlCode('ml1.A')?.code).toBe('ML1.a');
    expect(parseMlCode('ML 3.b.1')?.subItems).toEqual(['b', '1']);
    expect(parseMlCode('ML22')?.heading.number).toBe(22);
  });

  it('refuses headings that do not exist and malformed entries', () => {
    for (const bad of ['ML0', 'ML23', 'ML', 'ML1.', 'ML1..a', 'WA-ML1', '1A001', '']) expect(isMlCode(bad), bad).toBe(false);
  });

  it('describes a deep sub-item by the nearest level it knows', () => {
    expect(describeMlCode('ML1.d.3')).toMatch(/^ML1\.d\.3: Accessories/);
    expect(describeMlCode('ML4.a')).toBe('ML4.a: Bombs, torpedoes, rockets, missiles and other explosive devices');
    expect(munitionsListTable.describe('ml1.d.3')?.parent).toBe('ML1.d');
    expect(munitionsListTable.isValid('ML23')).toBe(false);
  });
});

describe('dual-use categories', () => {
  it('has categories 1 to 9 (5 in two parts) for Wassenaar and Category 0 for the EU only', () => {
    expect(DUAL_USE_CATEGORIES.filter((c) => c.lists.includes('wassenaar')).map((c) => c.code)).toEqual(['1', '2', '3', '4', '5.1', '5.2', '6', '7', '8', '9']);
    expect(DUAL_USE_CATEGORIES.find((c) => c.code === '0')?.lists).toEqual(['eu']);
  });

  it('parses entry codes and refuses Category 0 in the Wassenaar list', () => {
    expect(parseDualUseCode('5a002.A.1')).toEqual({ code: '5A002.a.1', category: 5, group: 'A', entry: '002', subItems: ['a', '1'] });
    expect(isDualUseCode('0A001')).toBe(false);
    expect(isDualUseCode('0A001', 'eu')).toBe(true);
    for (const bad of ['5F002', '5A02', '5A0021', 'ML1', 'A5002']) expect(isDualUseCode(bad), bad).toBe(false);
  });

  it('lists product groups A to E under each category', () => {
    const groups = dualUseTable.entries().filter((e) => e.parent === '1').map((e) => e.code);
    expect(groups).toEqual(['1A', '1B', '1C', '1D', '1E']);
    expect(dualUseTable.describe('1c010')?.label).toBe('Category 1 Special materials and related equipment, Materials');
  });
});

describe('UNROCA categories and ITI SALW types', () => {
  it('has the seven categories of major conventional arms in order', () => {
    expect(UNROCA_MAJOR_CATEGORIES.map((c) => c.code)).toEqual(['I', 'II', 'III', 'IV', 'V', 'VI', 'VII']);
  });

  it('has six small arms and seven light weapons sub-categories', () => {
    expect(UNROCA_CATEGORIES.filter((c) => c.kind === 'small_arm')).toHaveLength(6);
    expect(UNROCA_CATEGORIES.filter((c) => c.kind === 'light_weapon')).toHaveLength(7);
  });

  it('reads VII(b) and vii.b as the MANPADS sub-category', () => {
    expect(unrocaCategory('VII(b)')?.code).toBe('VII.b');
    expect(unrocaCategory('vii.b')?.title).toMatch(/MANPADS/);
    expect(unrocaCategory('VIII')).toBeNull();
  });

  it('classes the 13 ITI types as 5 small arms and 8 light weapons', () => {
    expect(ITI_SALW_TYPES).toHaveLength(13);
    expect(ITI_SALW_TYPES.filter((t) => t.class === 'small_arm')).toHaveLength(5);
    expect(isSmallArm('assault_rifles')).toBe(true);
    expect(isLightWeapon('assault_rifles')).toBe(false);
    expect(isLightWeapon('manpads')).toBe(true);
  });

  it('maps every ITI type to a UNROCA category that exists', () => {
    for (const t of ITI_SALW_TYPES) expect(unrocaCategory(t.unrocaCategory), t.code).not.toBeNull();
  });

  it('puts an 81 mm mortar in Category III for the Register although the ITI calls it a light weapon', () => {
    expect(unrocaCategoryForMortar(81)).toBe('III');
    expect(unrocaCategoryForMortar(60)).toBe('LW6');
  });
});

describe('HS chapter 93', () => {
  it('has the seven headings 9301 to 9307', () => {
    expect(HS_CHAPTER_93.filter((h) => h.level === 'heading').map((h) => h.code)).toEqual(['9301', '9302', '9303', '9304', '9305', '9306', '9307']);
  });

  it('gives every subheading a heading as parent', () => {
    const headings = new Set(HS_CHAPTER_93.filter((h) => h.level === 'heading').map((h) => h.code));
    for (const s of HS_CHAPTER_93.filter((h) => h.level === 'subheading')) expect(headings.has(s.parent!), s.code).toBe(true);
  });

  it('accepts the ways codes are written and refuses other lengths', () => {
    expect(normalizeHsCode('9302.00')).toBe('930200');
    expect(normalizeHsCode('93.02')).toBe('9302');
    expect(normalizeHsCode('93021')).toBeNull();
    expect(hsSubheadingOf('93033000')).toBe('930330');
    expect(hsSubheadingOf('9303300')).toBeNull();
    expect(formatHsCode('930591')).toBe('9305.91');
  });

  it('knows which codes are chapter 93 lines', () => {
    expect(isChapter93Code('9305.10')).toBe(true);
    expect(isChapter93Code('8710.00')).toBe(false);
    expect(isChapter93Code('93')).toBe(false);
    expect(hsCode('930120')?.verified).toBe(false);
  });
});

describe('countries', () => {
  it('has the 250 ISO 3166-1 codes with alpha-3 and numeric', () => {
    expect(allCountryCodes()).toHaveLength(250);
    expect(countryAlpha3('MX')).toBe('MEX');
    expect(countryNumeric('CI')).toBe('384');
    expect(toAlpha2('mex')).toBe('MX');
    expect(toAlpha2('484')).toBe('MX');
    expect(toAlpha2('XX')).toBeNull();
  });

  it('names countries in English, Spanish and French', () => {
    expect(countryName('DE', 'en')).toBe('Germany');
    expect(countryName('DE', 'es')).toBe('Alemania');
    expect(countryName('DE', 'fr')).toBe('Allemagne');
  });

  it('is strict about case for stored codes but accepts historic ones on markings', () => {
    expect(isCountryCode('mx')).toBe(false);
    expect(isMarkingCountryCode('SUHH')).toBe(true);
    expect(isMarkingCountryCode('SUXX')).toBe(false);
    expect(countryName('CSHH')).toBe('Czechoslovakia');
  });

  it("accepts the node's own user-assigned State code (default XC) and no other user-assigned code", () => {
    expect(process.env.CUSTODIA_STATE ?? 'XC').toBe('XC');
    expect(isCountryCode('XC')).toBe(true);
    expect(countryName('XC', 'es')).toBe('Estado de demostración (XC)');
    expect(isCountryCode('XQ')).toBe(false);
    expect(isCountryCode('ZZ')).toBe(false);
  });

  it('finds a country by its name in the user language, its English name or its alpha-3, ignoring accents', () => {
    expect(countriesTable.search({ query: 'cote', locale: 'fr' })[0].code).toBe('CI');
    expect(countriesTable.search({ query: 'Ivory', locale: 'fr' })[0].code).toBe('CI');
    expect(countriesTable.search({ query: 'alemania', locale: 'es' })[0]).toMatchObject({ code: 'DE', label: 'Alemania' });
    expect(countriesTable.search({ query: 'MEX', locale: 'en' })[0].code).toBe('MX');
    expect(countriesTable.search({ query: 'mx', locale: 'en' })[0].code).toBe('MX');
  });

  it('filters by group tags', () => {
    expect(countriesTable.search({ tags: ['wassenaar'] })).toHaveLength(42);
    expect(countriesTable.search({ tags: ['eu'] })).toHaveLength(27);
    expect(countriesTable.search({ tags: ['historic'] }).map((e) => e.code)).toContain('YUCS');
  });
});

describe('Wassenaar participating States and EU member States', () => {
  it('lists 42 distinct valid participants', () => {
    expect(new Set(WASSENAAR_PARTICIPANTS).size).toBe(42);
    for (const c of WASSENAAR_PARTICIPANTS) expect(isCountryCode(c), c).toBe(true);
    expect(isWassenaarParticipant('IN')).toBe(true);
    expect(isWassenaarParticipant('CN')).toBe(false);
  });

  it('lists 27 member States today and follows accession and withdrawal dates', () => {
    expect(EU_MEMBER_STATES).toHaveLength(27);
    expect(isEuMemberState('GB')).toBe(false);
    expect(isEuMemberState('GB', '2020-01-31')).toBe(true);
    expect(isEuMemberState('GB', '2020-02-01')).toBe(false);
    expect(isEuMemberState('HR', '2013-06-30')).toBe(false);
    expect(euMembersOn('2013-07-01')).toHaveLength(28);
    expect(euMembersOn('1995-01-01')).toHaveLength(15);
  });
});

describe('currencies', () => {
  it('holds the ISO 4217 list with minor units', () => {
    expect(currency('EUR')).toMatchObject({ numeric: '978', minorUnits: 2 });
    expect(minorUnits('JPY')).toBe(0);
    expect(minorUnits('KWD')).toBe(3);
    expect(minorUnits('XAU')).toBeNull();
    expect(isCurrencyCode('usd')).toBe(false);
    expect(isCurrencyCode('USD')).toBe(true);
    expect(isMoneyCurrency('XDR')).toBe(false);
    expect(currenciesTable.entries().length).toBeGreaterThan(170);
  });

  it('converts amounts to integer minor units and refuses excess decimals', () => {
    expect(toMinorUnits('12.5', 'EUR')).toBe(1250);
    expect(toMinorUnits('1000', 'JPY')).toBe(1000);
    expect(toMinorUnits('1.005', 'KWD')).toBe(1005);
    expect(toMinorUnits('1.5', 'JPY')).toBeNull();
    expect(toMinorUnits('1.001', 'EUR')).toBeNull();
  });

  it('names currencies in the user language and finds them by it', () => {
    expect(currencyName('MXN', 'fr')).toBe('Peso mexicain');
    expect(currencyName('MXN', 'en')).toBe('Mexican Peso');
    expect(currenciesTable.search({ query: 'peso mexicain', locale: 'fr' })[0].code).toBe('MXN');
    expect(currenciesTable.search({ query: 'eur' })[0].code).toBe('EUR');
  });
});

describe('UN/LOCODE format', () => {
  it('accepts the country code plus three characters, with or without the space', () => {
    expect(parseLocode('MX VER')).toEqual({ code: 'MXVER', country: 'MX', location: 'VER' });
    expect(parseLocode('deham')?.code).toBe('DEHAM');
    expect(formatLocode('GB2LO')).toBe('GB 2LO');
  });

  it('validates codes through the table interface without holding a list', () => {
    expect(referenceTable('locodes')!.describe('mx ver', 'es')).toMatchObject({ code: 'MXVER', label: 'MX VER', parent: 'MX', description: expect.stringMatching(/^México;/) });
    expect(referenceTable('locodes')!.isValid('XX VER')).toBe(false);
    expect(referenceTable('locodes')!.search({ query: 'MX' })).toEqual([]);
  });

  it('refuses unknown countries, digits 0 and 1, and other lengths', () => {
    for (const bad of ['XX VER', 'MX V1R', 'MX VE', 'MX VERA', 'MXX VER', '']) expect(isLocodeFormat(bad), bad).toBe(false);
  });
});

describe('picker search', () => {
  it('folds accents and punctuation', () => {
    expect(foldText("Côte d'Ivoire")).toBe('cote divoire');
  });

  it('ranks an exact code above a code prefix above a word match above a substring', () => {
    expect(matchRank('ML1', 'ML1', [])).toBe(0);
    expect(matchRank('ML1', 'ML12', [])).toBe(1);
    expect(matchRank('ammunition', 'ML3', ['Ammunition and fuze-setting devices'])).toBe(2 + 1);
    expect(matchRank('munition', 'ML3', ['Ammunition'])).toBe(4);
    expect(matchRank('tank', 'ML3', ['Ammunition'])).toBeNull();
  });

  it('puts ML1 first for "ML1" and keeps list order among equals', () => {
    const found = munitionsListTable.search({ query: 'ML1' }).map((e) => e.code);
    expect(found[0]).toBe('ML1');
    expect(found.slice(1, 4)).toEqual(['ML10', 'ML11', 'ML12']);
  });

  it('finds HS lines by dotted code and by words', () => {
    expect(hsTable.search({ query: '9305.9' }).map((e) => e.code)).toEqual(['930591', '930599']);
    expect(hsTable.search({ query: 'shotgun' }).map((e) => e.code)).toContain('930621');
  });

  it('names a source for every table and says where it is partial', () => {
    expect(REFERENCE_TABLES.map((t) => t.name)).toEqual(['countries', 'currencies', 'munitions-list', 'dual-use', 'unroca-categories', 'salw-types', 'hs-codes', 'locodes']);
    for (const t of REFERENCE_TABLES) {
      expect(t.source.citation.length, t.name).toBeGreaterThan(10);
      if (t.source.verification !== 'verified') expect(t.source.partialNote, t.name).not.toBeNull();
    }
    expect(SOURCES.unLocode.partialNote).toMatch(/not available/);
    expect(referenceTable('nope')).toBeNull();
  });
});

describe('labels in Spanish and French', () => {
  it('labels control-list and category entries in the user language', () => {
    expect(munitionsListTable.describe('ML3', 'fr')?.label).toBe('Munitions et dispositifs de réglage de fusées');
    expect(referenceTable('unroca-categories')!.describe('I', 'es')?.label).toBe('Carros de combate');
    expect(referenceTable('salw-types')!.describe('assault_rifles', 'fr')?.label).toBe("Fusils d'assaut");
    expect(dualUseTable.describe('5A002', 'es')?.label).toBe('Categoría 5 Telecomunicaciones y «seguridad de la información», Sistemas, equipos y componentes');
  });

  it('finds entries by the translated term and still by the English one', () => {
    expect(referenceTable('salw-types')!.search({ query: 'mitrailleuses lourdes', locale: 'fr' })[0].code).toBe('heavy_machine_guns');
    expect(referenceTable('salw-types')!.search({ query: 'heavy machine', locale: 'fr' })[0]).toMatchObject({ code: 'heavy_machine_guns', label: 'Mitrailleuses lourdes' });
  });

  it('has a translation for every entry of the translated tables', () => {
    for (const name of ['munitions-list', 'unroca-categories', 'salw-types', 'dual-use']) {
      const en = referenceTable(name)!.entries('en');
      for (const locale of ['es', 'fr'] as const) {
        const other = referenceTable(name)!.entries(locale);
        // Words that are the same in the other language ("Marine" in French, "Software" in Spanish).
        const same = new Set(['Marine', 'Software']);
        en.forEach((e, i) => {
          // ML1 sub-items have no translation yet: the label stays English.
          if (e.parent === 'ML1' || e.parent === 'ML1.d') return;
          if (!same.has(other[i].label) && !/: (Software|Marine)$/.test(other[i].label)) {
            expect(other[i].label, `${name} ${e.code} ${locale}`).not.toBe(e.label);
          }
        });
      }
    }
  });
});
