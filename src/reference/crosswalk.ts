import { SOURCES, type Source } from './sources.ts';
import type { SalwClass } from './salw.ts';

/**
 * An indicative crosswalk from the registry's firearm types to the ITI SALW class, the UNROCA / ATT
 * reporting category, and a suggested Munitions List entry and HS subheading. No official HS ↔ ML ↔
 * UNROCA crosswalk exists (STANDARDS.md §8.2): this is Custodia's own starting point for pickers and
 * report defaults. Classification stays a decision of the licensing and customs officers.
 */
export const CROSSWALK_SOURCE: Source = {
  id: 'crosswalk',
  title: 'Indicative crosswalk: firearm type → ITI class, UNROCA category, ML entry, HS subheading',
  citation: `Derived by Custodia from ${SOURCES.itiSalw.citation}; ${SOURCES.unroca.citation}; ${SOURCES.wassenaarMl.citation}; ${SOURCES.hsChapter93.citation}`,
  url: null,
  verification: 'memory',
  partialNote:
    'Suggestions only. ML and HS depend on facts the type alone does not give (military vs sporting design, calibre ' +
    'above or below 12.7 mm, full-automatic fire): each suggestion lists the alternatives and the deciding fact.',
};

export interface FirearmTypeCrosswalk {
  /** The registry's `firearmType` (src/registry/model.ts FIREARM_TYPES). */
  firearmType: string;
  /** ITI para. 4 type (salw.ts), or null for types the ITI does not name (shotguns, other). */
  itiType: string | null;
  salwClass: SalwClass | null;
  /** UNROCA / ATT category used by the annual reports. */
  unrocaCategory: string;
  /** Suggested ML entries, most likely first; empty when the item is usually outside the ML. */
  mlSuggested: string[];
  /** Suggested HS 2022 subheadings, most likely first. */
  hsSuggested: string[];
  /** The fact that decides between the suggestions. */
  decidingFact: string | null;
}

export const FIREARM_TYPE_CROSSWALK: readonly FirearmTypeCrosswalk[] = [
  { firearmType: 'revolver', itiType: 'revolvers_pistols', salwClass: 'small_arm', unrocaCategory: 'SA1', mlSuggested: ['ML1.a'], hsSuggested: ['930200'], decidingFact: null },
  { firearmType: 'self_loading_pistol', itiType: 'revolvers_pistols', salwClass: 'small_arm', unrocaCategory: 'SA1', mlSuggested: ['ML1.a'], hsSuggested: ['930200'], decidingFact: null },
  { firearmType: 'pistol', itiType: 'revolvers_pistols', salwClass: 'small_arm', unrocaCategory: 'SA1', mlSuggested: ['ML1.a'], hsSuggested: ['930200', '930390'], decidingFact: 'Signal, blank-firing and captive-bolt pistols are 9303.90, not 9302.' },
  { firearmType: 'rifle', itiType: 'rifles_carbines', salwClass: 'small_arm', unrocaCategory: 'SA2', mlSuggested: ['ML1.a'], hsSuggested: ['930330', '930190'], decidingFact: 'Sporting, hunting or target rifles are 9303.30; rifles of military design 9301.90.' },
  { firearmType: 'carbine', itiType: 'rifles_carbines', salwClass: 'small_arm', unrocaCategory: 'SA2', mlSuggested: ['ML1.a'], hsSuggested: ['930330', '930190'], decidingFact: 'Sporting, hunting or target carbines are 9303.30; carbines of military design 9301.90.' },
  { firearmType: 'shotgun', itiType: null, salwClass: null, unrocaCategory: 'SA6', mlSuggested: ['ML1.b'], hsSuggested: ['930320', '930190'], decidingFact: 'Hunting and sporting smooth-bore guns are outside ML1 (EU: Reg. 258/2012 Annex I) and 9303.20; military or fully automatic ones are ML1.b and 9301.90.' },
  { firearmType: 'sub_machine_gun', itiType: 'sub_machine_guns', salwClass: 'small_arm', unrocaCategory: 'SA3', mlSuggested: ['ML1.a'], hsSuggested: ['930190'], decidingFact: null },
  { firearmType: 'assault_rifle', itiType: 'assault_rifles', salwClass: 'small_arm', unrocaCategory: 'SA4', mlSuggested: ['ML1.a'], hsSuggested: ['930190'], decidingFact: null },
  { firearmType: 'light_machine_gun', itiType: 'light_machine_guns', salwClass: 'small_arm', unrocaCategory: 'SA5', mlSuggested: ['ML1.a'], hsSuggested: ['930190'], decidingFact: null },
  { firearmType: 'heavy_machine_gun', itiType: 'heavy_machine_guns', salwClass: 'light_weapon', unrocaCategory: 'LW1', mlSuggested: ['ML1.a', 'ML2'], hsSuggested: ['930190'], decidingFact: 'Calibre 12.7 mm or less is ML1; above 12.7 mm ML2.' },
  { firearmType: 'grenade_launcher', itiType: 'grenade_launchers', salwClass: 'light_weapon', unrocaCategory: 'LW2', mlSuggested: ['ML2'], hsSuggested: ['930120'], decidingFact: null },
  { firearmType: 'portable_anti_aircraft_gun', itiType: 'portable_anti_aircraft_guns', salwClass: 'light_weapon', unrocaCategory: 'LW7', mlSuggested: ['ML2'], hsSuggested: ['930110'], decidingFact: null },
  { firearmType: 'portable_anti_tank_gun', itiType: 'portable_anti_tank_guns', salwClass: 'light_weapon', unrocaCategory: 'LW3', mlSuggested: ['ML2'], hsSuggested: ['930110'], decidingFact: null },
  { firearmType: 'recoilless_rifle', itiType: 'recoilless_rifles', salwClass: 'light_weapon', unrocaCategory: 'LW4', mlSuggested: ['ML2'], hsSuggested: ['930110', '930120'], decidingFact: null },
  { firearmType: 'portable_anti_tank_launcher', itiType: 'portable_anti_tank_launchers', salwClass: 'light_weapon', unrocaCategory: 'LW5', mlSuggested: ['ML4', 'ML2'], hsSuggested: ['930120'], decidingFact: 'Missile launchers are ML4; rocket projectors may be ML2.' },
  { firearmType: 'portable_anti_aircraft_launcher', itiType: 'manpads', salwClass: 'light_weapon', unrocaCategory: 'VII.b', mlSuggested: ['ML4'], hsSuggested: ['930120'], decidingFact: null },
  { firearmType: 'mortar_under_100mm', itiType: 'mortars_under_100mm', salwClass: 'light_weapon', unrocaCategory: 'LW6', mlSuggested: ['ML2'], hsSuggested: ['930110'], decidingFact: 'Below 75 mm UNROCA LW6; 75–99 mm UNROCA Category III (see unrocaCategoryForMortar).' },
  { firearmType: 'other', itiType: null, salwClass: null, unrocaCategory: 'SA6', mlSuggested: [], hsSuggested: [], decidingFact: 'Classify by hand.' },
];

export function crosswalkFor(firearmType: string): FirearmTypeCrosswalk | null {
  return FIREARM_TYPE_CROSSWALK.find((c) => c.firearmType === firearmType) ?? null;
}

/**
 * UNROCA / ATT category of a firearm for the annual reports; mortars by calibre (the Register's 75 mm
 * line), everything else by type.
 */
export function unrocaCategoryOfFirearm(firearmType: string, calibreMm?: number | null): string | null {
  if (firearmType === 'mortar_under_100mm' && calibreMm != null && calibreMm >= 75) return 'III';
  return crosswalkFor(firearmType)?.unrocaCategory ?? null;
}
