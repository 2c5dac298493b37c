import { SOURCES } from './sources.ts';
import { localized, staticTable, type Locale, type PickerEntry, type ReferenceTable, type Translations } from './lookup.ts';

export const DUAL_USE_SOURCE = SOURCES.wassenaarDualUse;

export interface DualUseCategory {
  /** `0` … `9`; `5.1` / `5.2` for the two parts of Category 5. */
  code: string;
  title: string;
  /** Category 0 is in the EU list only (Reg. (EU) 2021/821 Annex I), not in the Wassenaar list. */
  lists: readonly ('wassenaar' | 'eu')[];
}

export const DUAL_USE_CATEGORIES: readonly DualUseCategory[] = [
  { code: '0', title: 'Nuclear materials, facilities and equipment', lists: ['eu'] },
  { code: '1', title: 'Special materials and related equipment', lists: ['wassenaar', 'eu'] },
  { code: '2', title: 'Materials processing', lists: ['wassenaar', 'eu'] },
  { code: '3', title: 'Electronics', lists: ['wassenaar', 'eu'] },
  { code: '4', title: 'Computers', lists: ['wassenaar', 'eu'] },
  { code: '5.1', title: 'Telecommunications (Category 5 Part 1)', lists: ['wassenaar', 'eu'] },
  { code: '5.2', title: '"Information security" (Category 5 Part 2)', lists: ['wassenaar', 'eu'] },
  { code: '6', title: 'Sensors and "lasers"', lists: ['wassenaar', 'eu'] },
  { code: '7', title: 'Navigation and avionics', lists: ['wassenaar', 'eu'] },
  { code: '8', title: 'Marine', lists: ['wassenaar', 'eu'] },
  { code: '9', title: 'Aerospace and propulsion', lists: ['wassenaar', 'eu'] },
];

export const DUAL_USE_PRODUCT_GROUPS: readonly { code: 'A' | 'B' | 'C' | 'D' | 'E'; title: string }[] = [
  { code: 'A', title: 'Systems, equipment and components' },
  { code: 'B', title: 'Test, inspection and production equipment' },
  { code: 'C', title: 'Materials' },
  { code: 'D', title: 'Software' },
  { code: 'E', title: 'Technology' },
];

/** Working translations (check against the official EU Regulation 2021/821 Annex I texts in Spanish and French); keyed by category or group code. */
const TITLE_TRANSLATIONS: Record<string, Translations> = {
  "0": { es: "Materiales, instalaciones y equipos nucleares", fr: "Matières, installations et équipements nucléaires" },
  "1": { es: "Materiales especiales y equipos relacionados", fr: "Matériaux spéciaux et équipements connexes" },
  "2": { es: "Tratamiento de los materiales", fr: "Traitement des matériaux" },
  "3": { es: "Electrónica", fr: "Électronique" },
  "4": { es: "Ordenadores", fr: "Calculateurs" },
  "5": { es: "Telecomunicaciones y «seguridad de la información»", fr: "Télécommunications et « sécurité de l'information »" },
  "5.1": { es: "Telecomunicaciones (categoría 5, parte 1)", fr: "Télécommunications (catégorie 5, partie 1)" },
  "5.2": { es: "«Seguridad de la información» (categoría 5, parte 2)", fr: "« Sécurité de l'information » (catégorie 5, partie 2)" },
  "6": { es: "Sensores y «láseres»", fr: "Capteurs et « lasers »" },
  "7": { es: "Navegación y aviónica", fr: "Navigation et aéroélectronique" },
  "8": { es: "Marina", fr: "Marine" },
  "9": { es: "Aeroespacial y propulsión", fr: "Aérospatiale et propulsion" },
  "A": { es: "Sistemas, equipos y componentes", fr: "Systèmes, équipements et composants" },
  "B": { es: "Equipos de ensayo, inspección y producción", fr: "Équipements d'essai, d'inspection et de production" },
  "C": { es: "Materiales", fr: "Matières" },
  "D": { es: "Software", fr: "Logiciels" },
  "E": { es: "Tecnología", fr: "Technologie" },
};

export type DualUseList = 'wassenaar' | 'eu';

export interface ParsedDualUseCode {
  /** Canonical form, e.g. `5A002.a.1`. */
  code: string;
  category: number;
  group: 'A' | 'B' | 'C' | 'D' | 'E';
  /** The three-digit entry number within the group. */
  entry: string;
  subItems: string[];
}

// STANDARDS.md §4.2: `<category><group><3 digits>` plus dotted sub-items.
const DUAL_USE_RE = /^([0-9])([A-Ea-e])([0-9]{3})((?:\.[a-zA-Z0-9]+)*)$/;

/**
 * Parses a dual-use entry code such as `5A002.a`. The table has no entry list, so a well-formed code
 * is accepted without proof that the entry exists. Category 0 is refused for the Wassenaar list.
 */
export function parseDualUseCode(input: string, list: DualUseList = 'wassenaar'): ParsedDualUseCode | null {
  const m = DUAL_USE_RE.exec(input.trim());
  if (!m) return null;
  const category = Number(m[1]);
  if (category === 0 && list === 'wassenaar') return null;
  const group = m[2].toUpperCase() as ParsedDualUseCode['group'];
  const subItems = m[4] ? m[4].slice(1).split('.').map((s) => s.toLowerCase()) : [];
  return { code: [`${category}${group}${m[3]}`, ...subItems].join('.'), category, group, entry: m[3], subItems };
}

export function isDualUseCode(input: string, list: DualUseList = 'wassenaar'): boolean {
  return parseDualUseCode(input, list) !== null;
}

/** Category 5's two parts split by subject, not by entry number, so an entry names the whole category. */
function categoryTitle(category: number, locale: Locale): string {
  const code = String(category);
  if (category === 5) return localized('Telecommunications and "information security"', TITLE_TRANSLATIONS['5'], locale);
  return localized(DUAL_USE_CATEGORIES.find((c) => c.code === code)!.title, TITLE_TRANSLATIONS[code], locale);
}

function groupTitle(group: string, locale: Locale): string {
  return localized(DUAL_USE_PRODUCT_GROUPS.find((g) => g.code === group)!.title, TITLE_TRANSLATIONS[group], locale);
}

const CATEGORY_WORD: Record<Locale, string> = { en: 'Category', es: 'Categoría', fr: 'Catégorie' };

function describeOpen(code: string, locale: Locale = 'en'): PickerEntry | null {
  const parsed = parseDualUseCode(code, 'eu');
  if (!parsed) return null;
  return {
    code: parsed.code,
    label: `${CATEGORY_WORD[locale]} ${parsed.category} ${categoryTitle(parsed.category, locale)}, ${groupTitle(parsed.group, locale)}`,
    description: 'Entry validated by form only; the entry list is not held (see the source note).',
    parent: `${parsed.category}${parsed.group}`,
    tags: parsed.category === 0 ? ['eu'] : ['wassenaar', 'eu'],
  };
}

export function dualUsePickerEntries(locale: Locale = 'en'): PickerEntry[] {
  const out: PickerEntry[] = [];
  for (const c of DUAL_USE_CATEGORIES) {
    out.push({ code: c.code, label: localized(c.title, TITLE_TRANSLATIONS[c.code], locale), description: null, parent: null, tags: [...c.lists] });
  }
  for (const c of DUAL_USE_CATEGORIES) {
    if (c.code === '5.2') continue;
    const n = c.code === '5.1' ? '5' : c.code;
    for (const g of DUAL_USE_PRODUCT_GROUPS) {
      out.push({
        code: `${n}${g.code}`,
        label: `${categoryTitle(Number(n), locale)}: ${groupTitle(g.code, locale)}`,
        description: null,
        parent: c.code,
        tags: [...c.lists],
      });
    }
  }
  return out;
}

export const dualUseTable: ReferenceTable = staticTable({
  name: 'dual-use',
  title: 'Dual-use list: categories 0–9 and product groups A–E',
  source: DUAL_USE_SOURCE,
  entries: dualUsePickerEntries,
  canonical: (code) => code.toUpperCase(),
  describeOpen,
});
