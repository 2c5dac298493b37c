import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

export type CartridgeCategory = 'pistol' | 'rifle' | 'rimfire' | 'shotshell';
export interface Cartridge {
  name: string;
  category: CartridgeCategory;
  standard: string;
}

const CATEGORIES = new Set<string>(['pistol', 'rifle', 'rimfire', 'shotshell']);

/** Project root (two levels above src/registry/demo). */
const PROJECT_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** The shared data set sits beside the project (../shared/data), not inside it. */
export const CARTRIDGES_CSV = path.join(PROJECT_ROOT, '..', 'shared', 'data', 'firearms', 'ammolytics_cartridges.csv');

/**
 * Used when ../shared/data is absent (a fresh clone elsewhere): the calibres the demo weights most,
 * so the demonstration State still looks like a real registry.
 */
export const FALLBACK_CARTRIDGES: readonly Cartridge[] = [
  { name: '9mm Luger', category: 'pistol', standard: 'CIP' },
  { name: '380 Automatic', category: 'pistol', standard: 'SAAMI' },
  { name: '45 Automatic', category: 'pistol', standard: 'SAAMI' },
  { name: '40 Smith & Wesson', category: 'pistol', standard: 'SAAMI' },
  { name: '38 Special', category: 'pistol', standard: 'CIP' },
  { name: '357 Magnum', category: 'pistol', standard: 'CIP' },
  { name: '7.62 x 25 Tokarev', category: 'pistol', standard: 'CIP' },
  { name: '9mm Makarov', category: 'pistol', standard: 'CIP' },
  { name: '223 Remington', category: 'rifle', standard: 'SAAMI' },
  { name: '7.62 x 39', category: 'rifle', standard: 'SAAMI' },
  { name: '308 Winchester', category: 'rifle', standard: 'SAAMI' },
  { name: '30-06 Springfield', category: 'rifle', standard: 'SAAMI' },
  { name: '5.45 x 39', category: 'rifle', standard: 'CIP' },
  { name: '7.62 x 54 R', category: 'rifle', standard: 'CIP' },
  { name: '50 Browning', category: 'rifle', standard: 'CIP' },
  { name: '6.5 Creedmoor', category: 'rifle', standard: 'SAAMI' },
  { name: '22 Long Rifle', category: 'rimfire', standard: 'CIP' },
  { name: '22 Winchester Magnum Rimfire', category: 'rimfire', standard: 'SAAMI' },
  { name: '12/70', category: 'shotshell', standard: 'CIP' },
  { name: '12/76', category: 'shotshell', standard: 'CIP' },
  { name: '20/70', category: 'shotshell', standard: 'CIP' },
];

/**
 * Parses the ammolytics cartridge list. Rows whose category is not one of the four known ones are
 * skipped: the file has one malformed row (`"500 Nitro Express 3"",rifle""",SAAMI,`) where a stray
 * inch mark swallowed the category into the name. Names are de-duplicated (SAAMI and CIP list many
 * of the same cartridges).
 */
export function parseCartridges(csvText: string): { cartridges: Cartridge[]; skipped: number } {
  const records = parse(csvText, { columns: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, trim: true }) as Record<string, string>[];
  const seen = new Set<string>();
  const cartridges: Cartridge[] = [];
  let skipped = 0;
  for (const r of records) {
    const name = (r.name ?? '').replace(/"+$/, '').trim();
    const category = (r.category ?? '').trim();
    if (!name || !CATEGORIES.has(category) || name.includes(',')) {
      skipped++;
      continue;
    }
    if (seen.has(name)) continue;
    seen.add(name);
    cartridges.push({ name, category: category as CartridgeCategory, standard: (r.standard ?? '').trim() });
  }
  return { cartridges, skipped };
}

export function loadCartridges(file = CARTRIDGES_CSV): { cartridges: Cartridge[]; source: string; skipped: number } {
  try {
    const text = fs.readFileSync(file, 'utf8');
    const { cartridges, skipped } = parseCartridges(text);
    if (cartridges.length > 0) return { cartridges, source: file, skipped };
  } catch {
    /* absent outside this workspace: fall back below */
  }
  return { cartridges: [...FALLBACK_CARTRIDGES], source: 'built-in list', skipped: 0 };
}
