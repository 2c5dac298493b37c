import countries from 'i18n-iso-countries';
import { parse } from 'csv-parse/sync';
import { isCountryCode } from '../reference/countries.ts';

/**
 * Historical transfers (issue 15): the State's past exports and imports read from two published registers,
 * so reports and charts have years of data the node never recorded itself.
 *
 * - **SIPRI Arms Transfers Database, trade register** (CSV, 11 lines of notes, then a header and one deal per
 *   line): major conventional arms only, in numbers of items, with the year of order and the years of
 *   delivery. Data © SIPRI, used with attribution.
 * - **EU COARM annual reports** as scraped by Open Knowledge Austria (`;`-separated): per year, exporting
 *   Member State, importing country and EU Common Military List category (ML1–ML22, or `Total`), the number
 *   of licences, their value and the value of arms exported, in euros. No numbers of items.
 *
 * Pure functions: parsing with file line numbers, the documented category mappings, country names. The
 * use case (use-cases/import-history.ts) writes the rows in one transaction.
 */

export const HISTORY_SOURCES = ['sipri', 'eu_coarm'] as const;
export type HistorySource = (typeof HISTORY_SOURCES)[number];

export const HISTORY_ATTRIBUTION: Record<HistorySource, string> = {
  // SIPRI's user rules ask for this credit line, and that calculations on the data (here: the categories)
  // are not attributed to SIPRI.
  sipri: 'Information from the SIPRI Arms Transfers Database, URL <https://www.sipri.org/databases/armstransfers> (Data © SIPRI). Categories are Custodia’s mapping, not SIPRI’s.',
  eu_coarm:
    'Source: EU Annual Reports on arms exports (COARM), Official Journal of the European Union, as compiled by Open Knowledge Austria (OKFNat/data, CC-BY 4.0 / PDDL)',
};

export type HistoryMapping = 'mapped' | 'not_reportable' | 'unmapped' | 'aggregate';

export interface HistoricalRow {
  sourceLine: number;
  direction: 'export' | 'import';
  supplier: string;
  recipient: string;
  partnerCode: string | null;
  partnerName: string;
  yearActual: number | null;
  yearAuthorised: number | null;
  mapping: HistoryMapping;
  category: string | null;
  rule: string;
  controlEntry: string | null;
  designation: string;
  description: string;
  quantityActual: number | null;
  quantityAuthorised: number | null;
  licences: number | null;
  valueAuthorisedMinor: number | null;
  valueActualMinor: number | null;
  currency: string | null;
  deliveryYears: string;
  tiv: string | null;
  comments: string;
}

export interface HistoryProblem {
  line: number;
  field: string;
  code: string;
  message: string;
}

export interface ParsedHistory {
  source: HistorySource;
  rows: HistoricalRow[];
  /** Data rows in the file (not counting notes and the header). */
  read: number;
  /** Rows naming neither the State as supplier nor as recipient: not the State's transfers. */
  otherStates: number;
  problems: HistoryProblem[];
}

// ---------------------------------------------------------------------------------------------
// Category mappings. Documented in docs/reporting.md ("Historical transfers"); the first rule that
// matches decides. A row no rule covers is unmapped: imported, and listed in every report of its year.

export interface HistoryRule {
  /** What the rule matches: SIPRI's weapon description (whole, lower case) or an EU ML category. */
  match: string;
  mapping: Exclude<HistoryMapping, 'unmapped'>;
  category: string | null;
  why: string;
}

const r = (mapping: HistoryRule['mapping'], category: string | null, why: string, ...match: string[]): HistoryRule[] => match.map((m) => ({ match: m, mapping, category, why }));

/**
 * SIPRI weapon description → UNROCA/ATT category (STANDARDS.md §5.1). Only descriptions whose items all
 * fall in one category are mapped; a description that spans categories or whose category depends on
 * facts SIPRI does not give (a "reconnaissance aircraft" may or may not be armed) stays unmapped.
 */
export const SIPRI_RULES: readonly HistoryRule[] = [
  ...r('mapped', 'I', 'battle tank', 'tank'),
  ...r('mapped', 'II', 'armoured combat vehicle (transports a squad or carries a weapon of 12.5 mm or more)',
    'armoured personnel carrier', 'infantry fighting vehicle', 'armoured reconnaissance vehicle', 'armoured reconnaissance/fire-support vehicle',
    'fire-support vehicle', 'tank destroyer', 'light tank', 'armoured personnel carrier/armoured supply vehicle', 'armed ugv'),
  ...r('mapped', 'III', 'artillery of 75 mm and above (SIPRI lists artillery of 100 mm and above)',
    'towed gun', 'self-propelled gun', 'multiple rocket launcher', 'mortar', 'self-propelled mortar', 'coastal defence gun'),
  ...r('mapped', 'IV', 'combat aircraft or unmanned combat aerial vehicle',
    'fighter aircraft', 'fighter/ground-attack aircraft', 'ground-attack aircraft', 'bomber aircraft', 'trainer/combat aircraft',
    '(armed) trainer aircraft', 'armed drone', 'armed reconnaissance drone', '(armed) reconnaissance drone', 'anti-submarine aircraft',
    'fighter/ground-attack/electronic warfare aircraft', '(armed) maritime patrol aircraft'),
  ...r('mapped', 'V', 'military or attack helicopter (armed)',
    'combat helicopter', 'anti-submarine helicopter', '(armed) light helicopter', '(armed) transport helicopter', 'anti-ship helicopter'),
  ...r('mapped', 'VI', 'warship (500 t and above, or armed with missiles or torpedoes of 25 km range)',
    'frigate', 'destroyer', 'corvette', 'cruiser', 'submarine', 'nuclear submarine', 'aircraft carrier', 'missile boat', 'amphibious assault ship/frigate'),
  ...r('mapped', 'VII.a', 'missile or launcher of 25 km range or more',
    'anti-ship missile', 'surface-to-surface missile', 'land-attack missile', 'anti-ship/land-attack missile', 'long-range air-to-air missile',
    'surface-to-surface missile launcher', 'submarine-launched ballistic missile', 'anti-ship/surface-to-surface missile',
    'air-to-surface/surface-to-surface missile', 'air-to-surface/anti-ship missile', 'anti-radar missile'),
  ...r('mapped', 'VII.b', 'man-portable air-defence system (MANPADS)', 'portable surface-to-air missile'),
  ...r('not_reportable', null, 'not an arm of UNROCA/ATT Art. 2(1): engine, sensor, component or unarmed platform',
    'aircraft engine', 'ship engine', 'vehicle engine', 'turbofan', 'turbojet', 'turboprop', 'gas turbine', 'ship nuclear reactor',
    'transport aircraft', 'light transport aircraft', 'heavy transport aircraft', 'tanker/transport aircraft', 'light aircraft', 'trainer aircraft',
    'light/trainer aircraft', 'transport/trainer aircraft', 'helicopter', 'light helicopter', 'transport helicopter', 'heavy transport helicopter',
    'tanker', 'cargo ship', 'tug', 'support ship', 'replenishment ship', 'replenishment tanker', 'survey ship', 'training ship', 'transport ship',
    'salvage ship', 'icebreaker', 'cargo craft', 'support craft', 'transport craft', 'air refuel system', 'armoured recovery vehicle',
    'armoured bridgelayer', 'armoured engineer vehicle', 'armoured supply vehicle', 'armoured engineer/recovery vehicle', 'reconnaissance drone',
    'surveillance satellite', 'reconnaissance satellite', 'infantry fighting vehicle turret', 'tank turret', 'tank chassis'),
];

/** Descriptions that name a sensor (radar, sonar, electro-optical system) are components, not arms. */
const SENSOR = /(radar|sonar|electro-optical|signals intelligence system|air-search system)/;

export const EU_RULES: readonly HistoryRule[] = [
  ...r('mapped', 'SALW', 'ML1: small arms and light weapons (calibre up to 12.7 mm; the EU figure includes their accessories and components)', 'ML1'),
  ...r('not_reportable', null, 'ammunition: controlled (ATT Art. 3) but not reported under Art. 13(3) or UNROCA', 'ML3'),
  ...r('not_reportable', null, 'equipment, materials, software or technology: not an arm of UNROCA/ATT Art. 2(1)',
    'ML5', 'ML7', 'ML8', 'ML11', 'ML12', 'ML13', 'ML14', 'ML15', 'ML16', 'ML17', 'ML18', 'ML19', 'ML20', 'ML21', 'ML22'),
  ...r('aggregate', null, "the report's total for the supplier and recipient: it sums the ML rows, so it is kept but never added to them", 'TOTAL'),
  // ML2 (guns of 20 mm and above: categories III or not reportable), ML4 (bombs, torpedoes, rockets,
  // missiles: VII or not), ML6 (ground vehicles: I, II or not), ML9 (vessels: VI or not) and ML10
  // (aircraft: IV, V or not) span categories and include components: left unmapped, listed.
];

export function sipriRule(description: string): HistoryRule | null {
  const d = description.trim().toLowerCase();
  const rule = SIPRI_RULES.find((x) => x.match === d);
  if (rule) return rule;
  if (SENSOR.test(d)) return { match: d, mapping: 'not_reportable', category: null, why: 'sensor or fire-control system: a component, not an arm of UNROCA/ATT Art. 2(1)' };
  return null;
}

export function euRule(category: string): HistoryRule | null {
  return EU_RULES.find((x) => x.match === category.trim().toUpperCase()) ?? null;
}

// ---------------------------------------------------------------------------------------------
// Country names as the registers write them.

// reference/countries.ts registers the English names with i18n-iso-countries.

/** Names in the two files that i18n-iso-countries does not know, or knows as another country. */
const NAME_ALIASES: Record<string, string | null> = {
  'russia': 'RU', 'turkiye': 'TR', 'turkey': 'TR', 'south korea': 'KR', 'north korea': 'KP', 'iran': 'IR', 'syria': 'SY', 'laos': 'LA',
  'viet nam': 'VN', 'vietnam': 'VN', 'bolivia': 'BO', 'venezuela': 'VE', 'tanzania': 'TZ', 'moldova': 'MD', 'republic of moldova': 'MD', 'moldavia': 'MD',
  'czech republic': 'CZ', 'czechrepublic': 'CZ', 'czechia': 'CZ', 'ivory coast': 'CI', "cote d'ivoire": 'CI', 'cabo verde': 'CV', 'cap verde': 'CV',
  'cape verde': 'CV', 'swaziland': 'SZ', 'eswatini': 'SZ', 'timor leste': 'TL', 'timor-leste': 'TL', 'east timor': 'TL', 'brunei': 'BN',
  'congo': 'CG', 'republic of the congo': 'CG', 'dr congo': 'CD', 'democratic republic of the congo': 'CD', 'bosnia-herzegovina': 'BA',
  'former yugoslav republic of macedonia': 'MK', 'macedonia': 'MK', 'north macedonia': 'MK', 'united states': 'US', 'uae': 'AE',
  'chrypre': 'CY', 'curaao': 'CW', 'macao': 'MO', 'china (hong kong)': 'HK', 'china (macao)': 'MO', 'holy see': 'VA', 'kosovo': 'XK',
  'saint vincent and grenadines': 'VC', 'saint vincent and the grenadines': 'VC', 'micronesia': 'FM', 'palestine': 'PS', 'taiwan': 'TW',
  'republic of south sudan': 'SS', 'gambia': 'GM', 'bahamas': 'BS',
  // Former States and non-State recipients have no current code: their name is printed as written.
  'soviet union': null, 'czechoslovakia': null, 'yugoslavia': null, 'east germany (gdr)': null, 'north yemen': null, 'south yemen': null,
  'na': null,
};

/** ISO 3166-1 alpha-2 of a country as the registers name it, or null (the name is then printed as written). */
export function countryCodeOfName(name: string): string | null {
  const k = name.trim().toLowerCase();
  if (k in NAME_ALIASES) return NAME_ALIASES[k];
  // SIPRI marks non-State actors and groups with asterisks ("NATO**", "Hezbollah (Lebanon)*").
  if (k.includes('*') || k.startsWith('unknown')) return null;
  const code = countries.getAlpha2Code(name.trim(), 'en') ?? null;
  return code && isCountryCode(code) ? code : null;
}

// ---------------------------------------------------------------------------------------------
// Parsing.

/** Splits decoded text into its lines (1-based), keeping the line numbers of the file. */
function lines(text: string): string[] {
  return text.replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n');
}

function parseLine(line: string, delimiter: string): string[] {
  // Most lines have no quotes: a plain split is exact there, and ten times faster than the parser.
  if (!line.includes('"')) return line.split(delimiter);
  return (parse(line, { delimiter, relax_quotes: true }) as string[][])[0] ?? [];
}

const SIPRI_HEADER = ['recipient', 'supplier', 'year of order', '', 'number ordered', '', 'weapon designation', 'weapon description', 'number delivered', '', 'year(s) of delivery', 'status', 'comments', 'sipri tiv per unit', 'sipri tiv for total order', 'sipri tiv of delivered weapons'];

const isYear = (s: string) => /^\d{4}$/.test(s) && Number(s) >= 1900 && Number(s) <= 2100;
const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * The SIPRI trade register: notes (the export has 11 lines), the header, then one deal per line. Every
 * line is checked for its shape (16 fields, a year of order); the State's rows for every field. `stateName`
 * is the State as SIPRI names it ("Spain").
 */
export function parseSipri(text: string, stateName: string): ParsedHistory {
  const all = lines(text);
  const problems: HistoryProblem[] = [];
  const headerAt = all.slice(0, 30).findIndex((l) => l.toLowerCase().startsWith('recipient,supplier,year of order'));
  if (headerAt < 0) {
    return { source: 'sipri', rows: [], read: 0, otherStates: 0, problems: [{ line: 1, field: 'header', code: 'reporting.history_sipri_header', message: 'No SIPRI trade-register header ("Recipient,Supplier,Year of order,…") in the first 30 lines.' }] };
  }
  const header = parseLine(all[headerAt], ',').map((h) => h.trim().toLowerCase());
  if (header.length !== SIPRI_HEADER.length || header.some((h, i) => h !== SIPRI_HEADER[i])) {
    problems.push({ line: headerAt + 1, field: 'header', code: 'reporting.history_sipri_header', message: `The header has ${header.length} columns; a SIPRI trade register has ${SIPRI_HEADER.length}: ${SIPRI_HEADER.filter(Boolean).join(', ')}.` });
    return { source: 'sipri', rows: [], read: 0, otherStates: 0, problems };
  }
  const rows: HistoricalRow[] = [];
  let read = 0;
  let otherStates = 0;
  for (let i = headerAt + 1; i < all.length; i++) {
    const lineNo = i + 1;
    if (!all[i].trim()) continue;
    read++;
    let f: string[];
    try {
      f = parseLine(all[i], ',');
    } catch (e) {
      problems.push({ line: lineNo, field: '', code: 'reporting.history_csv_malformed', message: (e as Error).message });
      continue;
    }
    if (f.length !== SIPRI_HEADER.length) {
      problems.push({ line: lineNo, field: '', code: 'reporting.history_field_count', message: `The line has ${f.length} fields; the header has ${SIPRI_HEADER.length}.` });
      continue;
    }
    const [recipient, supplier, ordered, , nOrdered, , designation, description, nDelivered, , deliveries, status, comments, , , tivDelivered] = f.map((x) => x.trim());
    const err = (field: string, message: string) => problems.push({ line: lineNo, field, code: 'reporting.history_invalid', message });
    if (!isYear(ordered)) err('year_of_order', `"${ordered}" is not a year.`);
    const direction = sameName(supplier, stateName) ? 'export' : sameName(recipient, stateName) ? 'import' : null;
    if (!direction) {
      otherStates++;
      continue;
    }
    const years = deliveries ? deliveries.split(';').map((y) => y.trim()) : [];
    if (years.some((y) => !isYear(y))) err('years_of_delivery', `"${deliveries}" is not a list of years separated by ';'.`);
    if (nOrdered && !/^\d+$/.test(nOrdered)) err('number_ordered', `"${nOrdered}" is not a whole number.`);
    if (!/^\d+$/.test(nDelivered || '0')) err('number_delivered', `"${nDelivered}" is not a whole number.`);
    if (!description) err('weapon_description', 'is empty.');
    if (!recipient || !supplier) err(recipient ? 'supplier' : 'recipient', 'is empty.');
    const rule = sipriRule(description);
    const partnerName = direction === 'export' ? recipient : supplier;
    const delivered = Number(nDelivered || '0');
    const firstDelivery = years.length && years.every(isYear) ? Math.min(...years.map(Number)) : null;
    const notes = [
      status,
      `ordered ${ordered}${nOrdered ? ` (${nOrdered})` : ''}`,
      firstDelivery ? `delivered ${deliveries}${years.length > 1 ? ' (SIPRI gives the number delivered over these years, not per year)' : ''}` : 'no delivery identified',
      comments,
    ].filter(Boolean);
    rows.push({
      sourceLine: lineNo,
      direction,
      supplier,
      recipient,
      partnerCode: countryCodeOfName(partnerName),
      partnerName,
      yearActual: delivered > 0 ? firstDelivery : null,
      yearAuthorised: isYear(ordered) ? Number(ordered) : null,
      mapping: rule?.mapping ?? 'unmapped',
      category: rule?.category ?? null,
      rule: rule ? `SIPRI "${rule.match}": ${rule.why}` : `SIPRI "${description}": no rule`,
      controlEntry: null,
      designation,
      description,
      quantityActual: delivered > 0 ? delivered : null,
      quantityAuthorised: nOrdered ? Number(nOrdered) : null,
      licences: null,
      valueAuthorisedMinor: null,
      valueActualMinor: null,
      currency: null,
      deliveryYears: deliveries,
      tiv: tivDelivered || null,
      comments: notes.join('; '),
    });
  }
  return { source: 'sipri', rows, read, otherStates, problems };
}

const EU_HEADER = ['unique-id', 'year', 'importing-country', 'exporting-country', 'cml-category', 'num-licenses-imported', 'val-licenses-imported', 'val-arms-imported'];

/** Whole euros as written in the reports ("1003891", "386 000": a space groups thousands) → cents. */
function euros(s: string): number | null | 'bad' {
  if (!s) return null;
  if (/^\d{1,3}( \d{3})+$/.test(s) || /^\d+$/.test(s)) return Number(s.replace(/ /g, '')) * 100;
  return 'bad';
}

/**
 * The OKFNat compilation of the EU annual reports: `;`-separated, a header, one row per year, importing
 * country, exporting Member State and ML category (or `Total`). `stateName` is the State as the reports
 * name it ("Spain"): its rows as exporter are exports, as importer imports.
 */
export function parseEuCoarm(text: string, stateName: string): ParsedHistory {
  const all = lines(text);
  const problems: HistoryProblem[] = [];
  const header = all.length ? parseLine(all[0], ';').map((h) => h.replace(/"/g, '').trim().toLowerCase()) : [];
  if (header.length !== EU_HEADER.length || header.some((h, i) => h !== EU_HEADER[i])) {
    problems.push({ line: 1, field: 'header', code: 'reporting.history_eu_header', message: `Not the EU arms-exports compilation: the header must be ${EU_HEADER.join(';')}.` });
    return { source: 'eu_coarm', rows: [], read: 0, otherStates: 0, problems };
  }
  const rows: HistoricalRow[] = [];
  let read = 0;
  let otherStates = 0;
  for (let i = 1; i < all.length; i++) {
    const lineNo = i + 1;
    if (!all[i].trim()) continue;
    read++;
    let f: string[];
    try {
      f = parseLine(all[i], ';');
    } catch (e) {
      problems.push({ line: lineNo, field: '', code: 'reporting.history_csv_malformed', message: (e as Error).message });
      continue;
    }
    if (f.length !== EU_HEADER.length) {
      problems.push({ line: lineNo, field: '', code: 'reporting.history_field_count', message: `The line has ${f.length} fields; the header has ${EU_HEADER.length}.` });
      continue;
    }
    const [, year, importer, exporter, cml, nLicences, vLicences, vArms] = f.map((x) => x.trim());
    const err = (field: string, message: string) => problems.push({ line: lineNo, field, code: 'reporting.history_invalid', message });
    if (!isYear(year)) err('year', `"${year}" is not a year.`);
    const direction = sameName(exporter, stateName) ? 'export' : sameName(importer, stateName) ? 'import' : null;
    if (!direction) {
      otherStates++;
      continue;
    }
    const rule = euRule(cml);
    if (!rule && !/^ML([1-9]|1\d|2[0-2])$/i.test(cml)) err('CML-category', `"${cml}" is neither ML1–ML22 nor Total.`);
    if (nLicences && !/^\d+$/.test(nLicences)) err('num-licenses-imported', `"${nLicences}" is not a whole number.`);
    const authorised = euros(vLicences);
    const actual = euros(vArms);
    if (authorised === 'bad') err('val-licenses-imported', `"${vLicences}" is not an amount in whole euros.`);
    if (actual === 'bad') err('val-arms-imported', `"${vArms}" is not an amount in whole euros.`);
    const partnerName = direction === 'export' ? importer : exporter;
    const entry = cml.toUpperCase() === 'TOTAL' ? null : cml.toUpperCase();
    rows.push({
      sourceLine: lineNo,
      direction,
      supplier: exporter,
      recipient: importer,
      partnerCode: countryCodeOfName(partnerName),
      partnerName,
      yearActual: isYear(year) ? Number(year) : null,
      yearAuthorised: isYear(year) ? Number(year) : null,
      mapping: rule?.mapping ?? 'unmapped',
      category: rule?.category ?? null,
      rule: rule ? `EU ${rule.match}: ${rule.why}` : `EU ${cml}: spans several categories and includes components`,
      controlEntry: entry,
      designation: '',
      description: entry ? `${entry} (EU Common Military List)` : 'Total of all ML categories',
      quantityActual: null,
      quantityAuthorised: null,
      licences: nLicences ? Number(nLicences) : null,
      valueAuthorisedMinor: typeof authorised === 'number' ? authorised : null,
      valueActualMinor: typeof actual === 'number' ? actual : null,
      currency: 'EUR',
      deliveryYears: '',
      tiv: null,
      comments: `EU annual report ${year}: ${nLicences || 'no'} licence(s)`,
    });
  }
  return { source: 'eu_coarm', rows, read, otherStates, problems };
}

/** Counts recorded with an import (and printed by the command). */
export function historyCounts(p: ParsedHistory) {
  const by = (m: HistoryMapping) => p.rows.filter((x) => x.mapping === m).length;
  return {
    read: p.read,
    imported: p.rows.length,
    exports: p.rows.filter((x) => x.direction === 'export').length,
    imports: p.rows.filter((x) => x.direction === 'import').length,
    otherStates: p.otherStates,
    mapped: by('mapped'),
    notReportable: by('not_reportable'),
    unmapped: by('unmapped'),
    aggregate: by('aggregate'),
  };
}
