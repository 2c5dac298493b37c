import { SOURCES } from './sources.ts';
import { staticTable, type PickerEntry, type ReferenceTable } from './lookup.ts';

export const HS_SOURCE = SOURCES.hsChapter93;

export interface HsCode {
  /** `93`, a heading `9301`, or a subheading `930110` (digits only; displayed `9301.10`). */
  code: string;
  level: 'chapter' | 'heading' | 'subheading';
  title: string;
  parent: string | null;
  /** False where STANDARDS.md §8.2 marks the subheading as from memory. */
  verified: boolean;
}

const rows: [string, string, boolean][] = [
  ['93', 'Arms and ammunition; parts and accessories thereof', true],
  ['9301', 'Military weapons, other than revolvers, pistols and the arms of heading 93.07', true],
  ['930110', 'Artillery weapons (for example, guns, howitzers and mortars)', true],
  ['930120', 'Rocket launchers; flame-throwers; grenade launchers; torpedo tubes and similar projectors', false],
  ['930190', 'Other military weapons', false],
  ['9302', 'Revolvers and pistols, other than those of heading 93.03 or 93.04', true],
  ['930200', 'Revolvers and pistols, other than those of heading 93.03 or 93.04', true],
  ['9303', 'Other firearms and similar devices operated by the firing of an explosive charge (sporting shotguns and rifles, muzzle-loading firearms, Very pistols and other signal-flare devices, blank-firing pistols and revolvers, captive-bolt humane killers, line-throwing guns)', true],
  ['930310', 'Muzzle-loading firearms', false],
  ['930320', 'Other sporting, hunting or target-shooting shotguns, including combination shotgun-rifles', false],
  ['930330', 'Other sporting, hunting or target-shooting rifles', false],
  ['930390', 'Other firearms and similar devices operated by the firing of an explosive charge', false],
  ['9304', 'Other arms (for example, spring, air or gas guns and pistols, truncheons), excluding those of heading 93.07', true],
  ['930400', 'Other arms (for example, spring, air or gas guns and pistols, truncheons), excluding those of heading 93.07', true],
  ['9305', 'Parts and accessories of articles of headings 93.01 to 93.04', true],
  ['930510', 'Parts and accessories of revolvers or pistols', true],
  ['930520', 'Parts and accessories of shotguns or rifles of heading 93.03', true],
  ['930591', 'Parts and accessories of military weapons of heading 93.01', true],
  ['930599', 'Other parts and accessories of articles of headings 93.01 to 93.04', false],
  ['9306', 'Bombs, grenades, torpedoes, mines, missiles and similar munitions of war and parts thereof; cartridges and other ammunition and projectiles and parts thereof, including shot and cartridge wads', true],
  ['930621', 'Cartridges for shotguns', false],
  ['930629', 'Other parts of shotgun cartridges; air gun pellets', false],
  ['930630', 'Other cartridges and parts thereof', false],
  ['930690', 'Other munitions, ammunition and projectiles and parts thereof', false],
  ['9307', 'Swords, cutlasses, bayonets, lances and similar arms and parts thereof and scabbards and sheaths therefor', true],
  ['930700', 'Swords, cutlasses, bayonets, lances and similar arms and parts thereof and scabbards and sheaths therefor', true],
];

export const HS_CHAPTER_93: readonly HsCode[] = rows.map(([code, title, verified]) => ({
  code,
  level: code.length === 2 ? 'chapter' : code.length === 4 ? 'heading' : 'subheading',
  title,
  parent: code.length === 2 ? null : code.length === 4 ? '93' : code.slice(0, 4),
  verified,
}));

/** Chapter 93 exclusions (Chapter Note 1): where such goods go instead. A classifier's reminder. */
export const HS_CHAPTER_93_EXCLUSIONS: readonly string[] = [
  'Goods of Chapter 36 (percussion caps, detonators, signalling flares)',
  'Parts of general use (Section XV) and similar goods of plastics (Chapter 39)',
  'Armoured fighting vehicles (heading 87.10)',
  'Telescopic sights and other optical devices, unless mounted on or presented with the firearm (Chapter 90)',
  'Bows, arrows, fencing foils and toys (Chapter 95)',
  "Collectors' pieces and antiques (headings 97.05, 97.06)",
];

/**
 * Digits of an HS code as written in declarations: `9302.00`, `93.02`, `9302 00` → `930200`, `9302`.
 * Returns null for anything that is not 2, 4 or 6 digits (national 8- and 10-digit lines are cut to 6
 * by `hsSubheadingOf`, not here, so a typo is not silently shortened).
 */
export function normalizeHsCode(input: string): string | null {
  const digits = input.trim().replace(/[\s.]/g, '');
  return /^(\d{2}|\d{4}|\d{6})$/.test(digits) ? digits : null;
}

/** The 6-digit HS subheading of a national 8- or 10-digit tariff line (CN, HTS…). */
export function hsSubheadingOf(nationalCode: string): string | null {
  const digits = nationalCode.trim().replace(/[\s.]/g, '');
  return /^\d{6}(\d{2}){0,2}$/.test(digits) ? digits.slice(0, 6) : null;
}

export function formatHsCode(code: string): string {
  if (code.length === 4) return `${code.slice(0, 2)}.${code.slice(2)}`;
  if (code.length === 6) return `${code.slice(0, 4)}.${code.slice(4)}`;
  return code;
}

export function hsCode(input: string): HsCode | null {
  const code = normalizeHsCode(input);
  return code ? (HS_CHAPTER_93.find((h) => h.code === code) ?? null) : null;
}

/** True for a listed chapter 93 heading or subheading (firearm lines must be in chapter 93). */
export function isChapter93Code(input: string): boolean {
  const h = hsCode(input);
  return h !== null && h.level !== 'chapter';
}

export function hsPickerEntries(): PickerEntry[] {
  return HS_CHAPTER_93.map((h) => ({
    code: h.code,
    label: h.title,
    description: `${formatHsCode(h.code)}${h.verified ? '' : ' (subheading from memory, check the national tariff)'}`,
    parent: h.parent,
    tags: [h.level, ...(h.verified ? [] : ['unverified'])],
  }));
}

export const hsTable: ReferenceTable = staticTable({
  name: 'hs-codes',
  title: 'Harmonized System 2022, chapter 93',
  source: HS_SOURCE,
  entries: hsPickerEntries,
  canonical: normalizeHsCode,
  searchTexts: (e) => [e.label, formatHsCode(e.code)],
});
