import { SOURCES } from './sources.ts';
import { localized, staticTable, type Locale, type PickerEntry, type ReferenceTable, type Translations } from './lookup.ts';

export const ITI_SALW_SOURCE = SOURCES.itiSalw;

export type SalwClass = 'small_arm' | 'light_weapon';

export interface SalwType {
  code: string;
  title: string;
  class: SalwClass;
  /**
   * Where UNROCA reports it: a SALW sub-category, or a major category (MANPADS are VII(b)). The ITI
   * counts mortars below 100 mm as light weapons; UNROCA and Wassenaar below 75 mm, so 75–99 mm
   * mortars are light weapons for tracing but Category III artillery for the Register.
   */
  unrocaCategory: string;
  note: string | null;
}

// ITI para. 4 (A/60/88 annex), the same list as the 1997 UN Panel of Governmental Experts report.
export const ITI_SALW_TYPES: readonly SalwType[] = [
  { code: 'revolvers_pistols', title: 'Revolvers and self-loading pistols', class: 'small_arm', unrocaCategory: 'SA1', note: null },
  { code: 'rifles_carbines', title: 'Rifles and carbines', class: 'small_arm', unrocaCategory: 'SA2', note: null },
  { code: 'sub_machine_guns', title: 'Sub-machine guns', class: 'small_arm', unrocaCategory: 'SA3', note: null },
  { code: 'assault_rifles', title: 'Assault rifles', class: 'small_arm', unrocaCategory: 'SA4', note: null },
  { code: 'light_machine_guns', title: 'Light machine guns', class: 'small_arm', unrocaCategory: 'SA5', note: null },
  { code: 'heavy_machine_guns', title: 'Heavy machine guns', class: 'light_weapon', unrocaCategory: 'LW1', note: null },
  { code: 'grenade_launchers', title: 'Hand-held under-barrel and mounted grenade launchers', class: 'light_weapon', unrocaCategory: 'LW2', note: null },
  { code: 'portable_anti_aircraft_guns', title: 'Portable anti-aircraft guns', class: 'light_weapon', unrocaCategory: 'LW7', note: 'No UNROCA SALW sub-category of its own: reported as "others".' },
  { code: 'portable_anti_tank_guns', title: 'Portable anti-tank guns', class: 'light_weapon', unrocaCategory: 'LW3', note: null },
  { code: 'recoilless_rifles', title: 'Recoilless rifles', class: 'light_weapon', unrocaCategory: 'LW4', note: null },
  { code: 'portable_anti_tank_launchers', title: 'Portable launchers of anti-tank missile and rocket systems', class: 'light_weapon', unrocaCategory: 'LW5', note: null },
  { code: 'manpads', title: 'Portable launchers of anti-aircraft missile systems (MANPADS)', class: 'light_weapon', unrocaCategory: 'VII.b', note: 'UNROCA reports MANPADS in Category VII(b), not as SALW.' },
  { code: 'mortars_under_100mm', title: 'Mortars of calibres of less than 100 mm', class: 'light_weapon', unrocaCategory: 'LW6', note: 'UNROCA LW6 covers mortars below 75 mm only; 75–99 mm mortars are Category III there.' },
];

/** Working translations of the titles (check against the official ITI texts in Spanish and French). */
const TITLE_TRANSLATIONS: Record<string, Translations> = {
  "revolvers_pistols": { es: "Revólveres y pistolas automáticas", fr: "Revolvers et pistolets à chargement automatique" },
  "rifles_carbines": { es: "Fusiles y carabinas", fr: "Fusils et carabines" },
  "sub_machine_guns": { es: "Subametralladoras", fr: "Mitraillettes" },
  "assault_rifles": { es: "Fusiles de asalto", fr: "Fusils d'assaut" },
  "light_machine_guns": { es: "Ametralladoras ligeras", fr: "Mitrailleuses légères" },
  "heavy_machine_guns": { es: "Ametralladoras pesadas", fr: "Mitrailleuses lourdes" },
  "grenade_launchers": { es: "Lanzagranadas portátiles con y sin soporte", fr: "Lance-grenades portatifs, amovibles ou montés" },
  "portable_anti_aircraft_guns": { es: "Cañones antiaéreos portátiles", fr: "Canons antiaériens portatifs" },
  "portable_anti_tank_guns": { es: "Cañones antitanque portátiles", fr: "Canons antichars portatifs" },
  "recoilless_rifles": { es: "Fusiles sin retroceso", fr: "Fusils sans recul" },
  "portable_anti_tank_launchers": { es: "Lanzadores portátiles de sistemas de misiles y cohetes antitanque", fr: "Lanceurs portatifs de missiles et de roquettes antichars" },
  "manpads": { es: "Lanzadores portátiles de sistemas de misiles antiaéreos (MANPADS)", fr: "Lanceurs portatifs de missiles antiaériens (MANPADS)" },
  "mortars_under_100mm": { es: "Morteros de calibre inferior a 100 mm", fr: "Mortiers de calibre inférieur à 100 mm" },
};

export function salwType(code: string): SalwType | null {
  return ITI_SALW_TYPES.find((t) => t.code === code.trim().toLowerCase()) ?? null;
}

export function isSmallArm(code: string): boolean {
  return salwType(code)?.class === 'small_arm';
}

export function isLightWeapon(code: string): boolean {
  return salwType(code)?.class === 'light_weapon';
}

/**
 * UNROCA category for a mortar by calibre: the Register's 75 mm line, not the ITI's 100 mm one.
 */
export function unrocaCategoryForMortar(calibreMm: number): 'LW6' | 'III' {
  return calibreMm < 75 ? 'LW6' : 'III';
}

export function salwPickerEntries(locale: Locale = 'en'): PickerEntry[] {
  return ITI_SALW_TYPES.map((t) => ({
    code: t.code,
    label: localized(t.title, TITLE_TRANSLATIONS[t.code], locale),
    description: t.note,
    parent: t.class,
    tags: [t.class, `unroca:${t.unrocaCategory}`],
  }));
}

export const salwTable: ReferenceTable = staticTable({
  name: 'salw-types',
  title: 'Small arms and light weapons (International Tracing Instrument para. 4)',
  source: ITI_SALW_SOURCE,
  entries: salwPickerEntries,
  canonical: (code) => code.toLowerCase(),
});
