import { SOURCES } from './sources.ts';
import { foldCode, localized, staticTable, type Locale, type PickerEntry, type ReferenceTable, type Translations } from './lookup.ts';

/** Source and completeness of this table: see SOURCES.wassenaarMl. */
export const MUNITIONS_LIST_SOURCE = SOURCES.wassenaarMl;

export interface MunitionsListEntry {
  /** `ML1` … `ML22` (Wassenaar numbering, identical to the EU Common Military List). */
  code: string;
  number: number;
  shortTitle: string;
  /** Full heading as in the EU Common Military List. */
  heading: string;
  /** Headings that cover firearms, their ammunition and what makes them (STANDARDS.md §4.1). */
  firearmsRelevant: boolean;
}

const FIREARMS_RELEVANT = new Set([1, 2, 3, 18, 22]);

// Short titles: STANDARDS.md §4.1. Headings: EU CML, test/fixtures/control-lists/eu_common_military_list_ML_headings.csv.
const ROWS: readonly [number, string, string][] = [
  [1, 'Smooth-bore weapons < 20 mm, other arms and automatic weapons ≤ 12.7 mm', 'Smooth-bore weapons with a calibre of less than 20 mm, other arms and automatic weapons with a calibre of 12,7 mm (calibre 0,50 inches) or less and accessories, and specially designed components therefor'],
  [2, 'Smooth-bore weapons ≥ 20 mm, other weapons > 12.7 mm, projectors', 'Smooth-bore weapons with a calibre of 20 mm or more, other weapons or armament with a calibre greater than 12,7 mm (calibre 0,50 inches), projectors and accessories, and specially designed components therefor'],
  [3, 'Ammunition and fuze-setting devices', 'Ammunition and fuse setting devices, and specially designed components therefor'],
  [4, 'Bombs, torpedoes, rockets, missiles and other explosive devices', 'Bombs, torpedoes, rockets, missiles, other explosive devices and charges and related equipment and accessories, and specially designed components therefor'],
  [5, 'Fire control, surveillance and warning equipment', 'Fire control, and related alerting and warning equipment, and related systems, test and alignment and countermeasure equipment, specially designed for military use, and specially designed components and accessories therefor'],
  [6, 'Ground vehicles and components', 'Ground vehicles and components'],
  [7, 'Chemical or biological toxic agents, riot control agents, radioactive materials', 'Chemical or biological toxic agents, ‘riot control agents’, radioactive materials, related equipment, components and materials'],
  [8, 'Energetic materials and related substances', '‘Energetic materials’, and related substances'],
  [9, 'Vessels of war, special naval equipment', 'Vessels of war, (surface or underwater) special naval equipment, accessories, components and other surface vessels'],
  [10, 'Aircraft, lighter-than-air vehicles, UAVs, aero-engines', '‘Aircraft’, ‘lighter than air vehicles’, unmanned aerial vehicles, aero-engines and ‘aircraft’ equipment, related equipment and components, specially designed or modified for military use'],
  [11, 'Electronic equipment not specified elsewhere', 'Electronic equipment, not specified elsewhere on the EU Common Military List, and specially designed components therefor'],
  [12, 'High-velocity kinetic energy weapon systems', 'High velocity kinetic energy weapon systems and related equipment, and specially designed components therefor'],
  [13, 'Armoured or protective equipment', 'Armoured or protective equipment, constructions and components'],
  [14, 'Military training and simulation equipment', 'Specialised equipment for military training or for simulating military scenarios, simulators specially designed for training in the use of any firearm or weapon specified by ML1 or ML2, and specially designed components and accessories therefor'],
  [15, 'Imaging or countermeasure equipment', 'Imaging or countermeasure equipment, specially designed for military use, and specially designed components and accessories therefor'],
  [16, 'Forgings, castings and other unfinished products', 'Forgings, castings and other unfinished products the use of which in a specified product is identifiable by material composition, geometry or function, and which are specially designed for any products specified by ML1 to ML4, ML6, ML9, ML10, ML12 or ML19'],
  [17, 'Miscellaneous equipment, materials and libraries', 'Miscellaneous equipment, materials and ‘libraries’, and specially designed components therefor'],
  [18, 'Production equipment', 'Production equipment and components of products referred to in the EU Common Military List'],
  [19, 'Directed energy weapon (DEW) systems', 'Directed energy weapon systems (DEW), related or countermeasure equipment and test models, and specially designed components therefor'],
  [20, 'Cryogenic and superconductive equipment', 'Cryogenic and ‘superconductive’ equipment, and specially designed components and accessories therefor'],
  [21, 'Software', '‘Software’ specially designed or modified for the ‘development’, ‘production’‘use’ of equipment or materials controlled by the EU Common Military List'],
  [22, 'Technology', "'Technology’ for the ‘development’, ‘production’ or ‘use’ of items controlled in the EU Common Military List"],
];

/** Working translations of the short titles (not the official EU CML texts in Spanish and French). */
const SHORT_TITLE_TRANSLATIONS: Record<number, Translations> = {
  1: { es: "Armas de ánima lisa de calibre < 20 mm, otras armas y armas automáticas de calibre ≤ 12,7 mm", fr: "Armes à canon lisse de calibre < 20 mm, autres armes et armes automatiques de calibre ≤ 12,7 mm" },
  2: { es: "Armas de ánima lisa de calibre ≥ 20 mm, otras armas de calibre > 12,7 mm, proyectores", fr: "Armes à canon lisse de calibre ≥ 20 mm, autres armes de calibre > 12,7 mm, projecteurs" },
  3: { es: "Municiones y dispositivos de graduación de espoletas", fr: "Munitions et dispositifs de réglage de fusées" },
  4: { es: "Bombas, torpedos, cohetes, misiles y otros artefactos explosivos", fr: "Bombes, torpilles, roquettes, missiles et autres dispositifs explosifs" },
  5: { es: "Equipos de dirección de tiro, vigilancia y alerta", fr: "Matériel de conduite de tir, de surveillance et d'alerte" },
  6: { es: "Vehículos terrestres y sus componentes", fr: "Véhicules terrestres et leurs composants" },
  7: { es: "Agentes químicos o biológicos tóxicos, agentes antidisturbios, materiales radiactivos", fr: "Agents chimiques ou biologiques toxiques, agents antiémeutes, matières radioactives" },
  8: { es: "Materiales energéticos y sustancias relacionadas", fr: "Matières énergétiques et substances connexes" },
  9: { es: "Buques de guerra y equipo naval especial", fr: "Navires de guerre et matériel naval spécial" },
  10: { es: "Aeronaves, vehículos más ligeros que el aire, vehículos aéreos no tripulados, motores aeronáuticos", fr: "Aéronefs, véhicules plus légers que l'air, véhicules aériens sans équipage, moteurs aéronautiques" },
  11: { es: "Equipos electrónicos no incluidos en otros apartados", fr: "Équipements électroniques non visés ailleurs" },
  12: { es: "Sistemas de armas de energía cinética de alta velocidad", fr: "Systèmes d'armes à énergie cinétique à grande vitesse" },
  13: { es: "Equipos blindados o de protección", fr: "Matériel blindé ou de protection" },
  14: { es: "Equipos para entrenamiento militar y simuladores", fr: "Matériel d'entraînement militaire et simulateurs" },
  15: { es: "Equipos de formación de imagen o de contramedida", fr: "Matériel d'imagerie ou de contre-mesure" },
  16: { es: "Piezas de forja, piezas de fundición y otros productos sin acabar", fr: "Pièces forgées, pièces coulées et autres produits non finis" },
  17: { es: "Equipos, materiales y bibliotecas diversos", fr: "Matériels, matières et bibliothèques divers" },
  18: { es: "Equipos de producción", fr: "Équipements de production" },
  19: { es: "Sistemas de armas de energía dirigida (DEW)", fr: "Systèmes d'armes à énergie dirigée (DEW)" },
  20: { es: "Equipos criogénicos y superconductores", fr: "Matériel cryogénique et supraconducteur" },
  21: { es: "Software", fr: "Logiciels" },
  22: { es: "Tecnología", fr: "Technologie" },
};

export const MUNITIONS_LIST: readonly MunitionsListEntry[] = ROWS.map(([number, shortTitle, heading]) => ({
  code: `ML${number}`,
  number,
  shortTitle,
  heading,
  firearmsRelevant: FIREARMS_RELEVANT.has(number),
}));

/** ML1 sub-items, the only ones this table knows (UK mirror of the list, STANDARDS.md §4.1 [V]). */
export const ML1_SUB_ITEMS: readonly { code: string; title: string }[] = [
  { code: 'ML1.a', title: 'Rifles and combination guns, handguns, machine, sub-machine and volley guns' },
  { code: 'ML1.b', title: 'Smooth-bore weapons specially designed for military use, or fully automatic' },
  { code: 'ML1.c', title: 'Weapons using caseless ammunition' },
  { code: 'ML1.d', title: 'Accessories: detachable cartridge magazines, sound suppressors or moderators, special gun-mountings, flash suppressors, optical weapon sights with electronic image processing, optical sights specially designed for military use' },
];

export interface ParsedMlCode {
  /** Canonical form: `ML1`, `ML1.a`, `ML1.d.2`. */
  code: string;
  heading: MunitionsListEntry;
  subItems: string[];
}

const ML_RE = /^ML\s*(\d{1,2})((?:\.[a-z0-9]+)*)$/i;

/**
 * Parses a control-list entry such as `ML1`, `ml1.a` or `ML3.b.1`. Sub-items are checked for
 * form only (letters and digits joined by dots), because the table holds headings, not the full list.
 */
export function parseMlCode(input: string): ParsedMlCode | null {
  const m = ML_RE.exec(input.trim());
  if (!m) return null;
  const heading = MUNITIONS_LIST.find((e) => e.number === Number(m[1]));
  if (!heading) return null;
  const subItems = m[2] ? m[2].slice(1).split('.').map((s) => s.toLowerCase()) : [];
  return { code: [heading.code, ...subItems].join('.'), heading, subItems };
}

export function isMlCode(input: string): boolean {
  return parseMlCode(input) !== null;
}

function ml1SubItem(code: string) {
  return ML1_SUB_ITEMS.find((s) => foldCode(s.code) === foldCode(code)) ?? null;
}

export function munitionsPickerEntries(locale: Locale = 'en'): PickerEntry[] {
  return [
    ...MUNITIONS_LIST.map((e) => ({
      code: e.code,
      label: localized(e.shortTitle, SHORT_TITLE_TRANSLATIONS[e.number], locale),
      description: e.heading,
      parent: null,
      tags: e.firearmsRelevant ? ['firearms'] : [],
    })),
    ...ML1_SUB_ITEMS.map((s) => ({ code: s.code, label: s.title, description: null, parent: 'ML1', tags: ['firearms'] })),
  ];
}

/** Describes any well-formed entry: deeper sub-items fall back to the nearest known level. */
function describeOpen(code: string, locale: Locale = 'en'): PickerEntry | null {
  const parsed = parseMlCode(code);
  if (!parsed) return null;
  const sub = parsed.subItems.length ? ml1SubItem(`${parsed.heading.code}.${parsed.subItems[0]}`) : null;
  const parent = parsed.subItems.length ? (sub ? sub.code : parsed.heading.code) : null;
  return {
    code: parsed.code,
    label: sub?.title ?? localized(parsed.heading.shortTitle, SHORT_TITLE_TRANSLATIONS[parsed.heading.number], locale),
    description: parsed.heading.heading,
    parent,
    tags: parsed.heading.firearmsRelevant ? ['firearms'] : [],
  };
}

export function describeMlCode(input: string): string | null {
  const d = describeOpen(input);
  return d ? `${d.code}: ${d.label}` : null;
}

export const munitionsListTable: ReferenceTable = staticTable({
  name: 'munitions-list',
  title: 'Wassenaar Munitions List (ML1–ML22)',
  source: MUNITIONS_LIST_SOURCE,
  entries: munitionsPickerEntries,
  canonical: (code) => parseMlCode(code)?.code ?? null,
  describeOpen,
});
