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

/** The ammolytics cartridge list, shipped with the demo (source and licence: data/README.md beside it). */
export const CARTRIDGES_CSV = fileURLToPath(new URL('./data/ammolytics_cartridges.csv', import.meta.url));

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
  const { cartridges, skipped } = parseCartridges(fs.readFileSync(file, 'utf8'));
  return { cartridges, source: path.basename(file), skipped };
}
