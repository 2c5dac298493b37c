import { SOURCES } from './sources.ts';
import { localized, staticTable, type Locale, type PickerEntry, type ReferenceTable, type Translations } from './lookup.ts';

export const UNROCA_SOURCE = SOURCES.unroca;

export interface UnrocaCategory {
  /** `I` … `VII`, `VII.a`/`VII.b`, `SALW`, `SA1`…`SA6`, `LW1`…`LW7`. */
  code: string;
  title: string;
  definition: string | null;
  parent: string | null;
  /** Small arms, light weapons, or one of the seven categories of major conventional arms. */
  kind: 'major' | 'salw' | 'small_arm' | 'light_weapon';
}

// STANDARDS.md §5.1. Cat. I definition verified; II–VII and the VII(a)/(b) split partly from memory.
export const UNROCA_CATEGORIES: readonly UnrocaCategory[] = [
  { code: 'I', title: 'Battle tanks', kind: 'major', parent: null, definition: 'Tracked or wheeled self-propelled armoured fighting vehicles with high cross-country mobility and a high level of self-protection, weighing at least 16.5 metric tonnes unladen, with a high-muzzle-velocity direct-fire main gun of at least 75 mm calibre.' },
  { code: 'II', title: 'Armoured combat vehicles', kind: 'major', parent: null, definition: 'Tracked, semi-tracked or wheeled self-propelled vehicles with armoured protection and cross-country capability, designed to transport a squad of four or more infantrymen, or armed with an integral or organic weapon of at least 12.5 mm calibre or a missile launcher.' },
  { code: 'III', title: 'Large-calibre artillery systems', kind: 'major', parent: null, definition: 'Guns, howitzers, artillery pieces combining their characteristics, mortars and multiple-launch rocket systems of calibre 75 mm and above (lowered from 100 mm in 2003).' },
  { code: 'IV', title: 'Combat aircraft and unmanned combat aerial vehicles', kind: 'major', parent: null, definition: 'Fixed-wing or variable-geometry wing aircraft designed, equipped or modified to engage targets by guided missiles, unguided rockets, bombs, guns or other weapons, including versions for electronic warfare, suppression of air defence or reconnaissance; and unmanned combat aerial vehicles.' },
  { code: 'V', title: 'Attack helicopters', kind: 'major', parent: null, definition: 'Rotary-wing aircraft designed, equipped or modified to engage targets by guided or unguided weapons (later wording: military and attack helicopters).' },
  { code: 'VI', title: 'Warships', kind: 'major', parent: null, definition: 'Vessels or submarines armed and equipped for military use with a standard displacement of 500 metric tonnes or above, and smaller ones equipped to launch missiles with a range of at least 25 km or torpedoes with similar range.' },
  { code: 'VII', title: 'Missiles and missile launchers', kind: 'major', parent: null, definition: 'Guided or unguided rockets, ballistic or cruise missiles capable of delivering a warhead or weapon of destruction to a range of at least 25 km, and vehicles, apparatus or devices designed or modified to launch them; plus man-portable air-defence systems (MANPADS).' },
  { code: 'VII.a', title: 'Missiles and missile launchers (range ≥ 25 km)', kind: 'major', parent: 'VII', definition: null },
  { code: 'VII.b', title: 'Man-portable air-defence systems (MANPADS)', kind: 'major', parent: 'VII', definition: null },
  { code: 'SALW', title: 'Small arms and light weapons (the "+1" background information, standardized form since 2006)', kind: 'salw', parent: null, definition: null },
  { code: 'SA1', title: 'Revolvers and self-loading pistols', kind: 'small_arm', parent: 'SALW', definition: null },
  { code: 'SA2', title: 'Rifles and carbines', kind: 'small_arm', parent: 'SALW', definition: null },
  { code: 'SA3', title: 'Sub-machine guns', kind: 'small_arm', parent: 'SALW', definition: null },
  { code: 'SA4', title: 'Assault rifles', kind: 'small_arm', parent: 'SALW', definition: null },
  { code: 'SA5', title: 'Light machine guns', kind: 'small_arm', parent: 'SALW', definition: null },
  { code: 'SA6', title: 'Other small arms', kind: 'small_arm', parent: 'SALW', definition: null },
  { code: 'LW1', title: 'Heavy machine guns', kind: 'light_weapon', parent: 'SALW', definition: null },
  { code: 'LW2', title: 'Hand-held under-barrel and mounted grenade launchers', kind: 'light_weapon', parent: 'SALW', definition: null },
  { code: 'LW3', title: 'Portable anti-tank guns', kind: 'light_weapon', parent: 'SALW', definition: null },
  { code: 'LW4', title: 'Recoilless rifles', kind: 'light_weapon', parent: 'SALW', definition: null },
  { code: 'LW5', title: 'Portable anti-tank missile launchers and rocket systems', kind: 'light_weapon', parent: 'SALW', definition: null },
  { code: 'LW6', title: 'Mortars of calibres less than 75 mm', kind: 'light_weapon', parent: 'SALW', definition: null },
  { code: 'LW7', title: 'Other light weapons', kind: 'light_weapon', parent: 'SALW', definition: null },
];

/** Working translations of the titles (check against the official UN texts in Spanish and French). */
const TITLE_TRANSLATIONS: Record<string, Translations> = {
  "I": { es: "Carros de combate", fr: "Chars de combat" },
  "II": { es: "Vehículos blindados de combate", fr: "Véhicules blindés de combat" },
  "III": { es: "Sistemas de artillería de gran calibre", fr: "Systèmes d'artillerie de gros calibre" },
  "IV": { es: "Aviones de combate y vehículos aéreos de combate no tripulados", fr: "Avions de combat et véhicules aériens de combat sans équipage" },
  "V": { es: "Helicópteros de ataque", fr: "Hélicoptères d'attaque" },
  "VI": { es: "Buques de guerra", fr: "Navires de guerre" },
  "VII": { es: "Misiles y lanzamisiles", fr: "Missiles et lanceurs de missiles" },
  "VII.a": { es: "Misiles y lanzamisiles (alcance ≥ 25 km)", fr: "Missiles et lanceurs de missiles (portée ≥ 25 km)" },
  "VII.b": { es: "Sistemas portátiles de defensa antiaérea (MANPADS)", fr: "Systèmes portatifs de défense antiaérienne (MANPADS)" },
  "SALW": { es: "Armas pequeñas y armas ligeras", fr: "Armes légères et de petit calibre" },
  "SA1": { es: "Revólveres y pistolas automáticas", fr: "Revolvers et pistolets à chargement automatique" },
  "SA2": { es: "Fusiles y carabinas", fr: "Fusils et carabines" },
  "SA3": { es: "Subametralladoras", fr: "Mitraillettes" },
  "SA4": { es: "Fusiles de asalto", fr: "Fusils d'assaut" },
  "SA5": { es: "Ametralladoras ligeras", fr: "Mitrailleuses légères" },
  "SA6": { es: "Otras armas pequeñas", fr: "Autres armes de petit calibre" },
  "LW1": { es: "Ametralladoras pesadas", fr: "Mitrailleuses lourdes" },
  "LW2": { es: "Lanzagranadas portátiles con y sin soporte", fr: "Lance-grenades portatifs, amovibles ou montés" },
  "LW3": { es: "Cañones antitanque portátiles", fr: "Canons antichars portatifs" },
  "LW4": { es: "Fusiles sin retroceso", fr: "Fusils sans recul" },
  "LW5": { es: "Lanzadores portátiles de misiles antitanque y sistemas de cohetes", fr: "Lance-missiles antichars et lance-roquettes portatifs" },
  "LW6": { es: "Morteros de calibre inferior a 75 mm", fr: "Mortiers de calibre inférieur à 75 mm" },
  "LW7": { es: "Otras armas ligeras", fr: "Autres armes légères" },
};

/** The seven categories of major conventional arms, in order (ATT Art. 2(1)(a)–(g)). */
export const UNROCA_MAJOR_CATEGORIES = UNROCA_CATEGORIES.filter((c) => c.kind === 'major' && c.parent === null);

export function unrocaCategory(code: string): UnrocaCategory | null {
  const c = code.trim().toUpperCase().replace(/\((A|B)\)$/, '.$1').replace(/\.(A|B)$/, (_, x: string) => `.${x.toLowerCase()}`);
  return UNROCA_CATEGORIES.find((e) => e.code === c) ?? null;
}

export function unrocaPickerEntries(locale: Locale = 'en'): PickerEntry[] {
  return UNROCA_CATEGORIES.map((c) => ({
    code: c.code,
    label: localized(c.title, TITLE_TRANSLATIONS[c.code], locale),
    description: c.definition,
    parent: c.parent,
    tags: [c.kind],
  }));
}

export const unrocaTable: ReferenceTable = staticTable({
  name: 'unroca-categories',
  title: 'UN Register of Conventional Arms categories (I–VII and small arms / light weapons)',
  source: UNROCA_SOURCE,
  entries: unrocaPickerEntries,
  canonical: (code) => unrocaCategory(code)?.code ?? null,
});
