/**
 * The tracing benchmark's registry (bench/tracing.ts): N pistols whose serials follow their make's format,
 * generated from a seed and written by COPY.
 *
 * Why this shape: a fair test of the ranked partial search needs serials that look like real ones. Every
 * make stamps one format (a few letter prefixes of its own, then a block of 6 or 7 digits), so two
 * obliterated characters can leave several candidates: items of the same make whose digits differ only
 * there, and items of other makes whose prefix differs only there. The digit blocks are drawn at random per
 * item (no counter shared across makes, unlike the demo data, where GL123456 and BER123456 both exist), and
 * a make's prefixes are sized so the registry holds about 1 in 1,000 of the make's serial space (a national
 * registry holds a small share of what a maker stamped). Makes are unequally common; each model has its
 * calibre, so make + calibre narrow the candidates but do not always single one out (the benchmark counts
 * the samples where another item of the same make and calibre fits the pattern too: no ranking can tell
 * those apart). Serials are unique.
 */
import type { Db } from '../../src/platform/db/types.ts';

interface MakeSpec {
  make: string;
  /** Share of the registry's pistols (weights sum to 100). */
  weight: number;
  letters: 2 | 3;
  digits: 6 | 7;
  models: { model: string; calibre: string; weight: number }[];
}

export const MAKES: readonly MakeSpec[] = [
  { make: 'Glock', weight: 18, letters: 3, digits: 6, models: [{ model: '17', calibre: '9x19mm', weight: 45 }, { model: '22', calibre: '.40 S&W', weight: 20 }, { model: '21', calibre: '.45 ACP', weight: 15 }, { model: '44', calibre: '.22 LR', weight: 20 }] },
  { make: 'Beretta', weight: 12, letters: 2, digits: 7, models: [{ model: '92FS', calibre: '9x19mm', weight: 50 }, { model: '96', calibre: '.40 S&W', weight: 20 }, { model: '84', calibre: '.380 ACP', weight: 30 }] },
  { make: 'CZ', weight: 10, letters: 2, digits: 7, models: [{ model: '75 B', calibre: '9x19mm', weight: 50 }, { model: '83', calibre: '.380 ACP', weight: 25 }, { model: '97 B', calibre: '.45 ACP', weight: 25 }] },
  { make: 'SIG Sauer', weight: 10, letters: 3, digits: 6, models: [{ model: 'P226', calibre: '9x19mm', weight: 40 }, { model: 'P229', calibre: '.357 SIG', weight: 25 }, { model: 'P220', calibre: '.45 ACP', weight: 35 }] },
  { make: 'Smith & Wesson', weight: 10, letters: 3, digits: 7, models: [{ model: 'M&P9', calibre: '9x19mm', weight: 40 }, { model: 'M&P40', calibre: '.40 S&W', weight: 30 }, { model: 'SW22', calibre: '.22 LR', weight: 30 }] },
  { make: 'Walther', weight: 8, letters: 2, digits: 6, models: [{ model: 'P99', calibre: '9x19mm', weight: 40 }, { model: 'PPK', calibre: '7.65mm Browning', weight: 35 }, { model: 'P22', calibre: '.22 LR', weight: 25 }] },
  { make: 'Heckler & Koch', weight: 7, letters: 2, digits: 7, models: [{ model: 'USP', calibre: '9x19mm', weight: 45 }, { model: 'USP45', calibre: '.45 ACP', weight: 30 }, { model: 'P7', calibre: '.380 ACP', weight: 25 }] },
  { make: 'Taurus', weight: 7, letters: 3, digits: 6, models: [{ model: 'PT92', calibre: '9x19mm', weight: 50 }, { model: 'PT100', calibre: '.40 S&W', weight: 25 }, { model: 'PT22', calibre: '.22 LR', weight: 25 }] },
  { make: 'Ruger', weight: 6, letters: 2, digits: 7, models: [{ model: 'SR9', calibre: '9x19mm', weight: 35 }, { model: 'Mark IV', calibre: '.22 LR', weight: 45 }, { model: 'SR45', calibre: '.45 ACP', weight: 20 }] },
  { make: 'FN Herstal', weight: 5, letters: 2, digits: 7, models: [{ model: 'Five-seveN', calibre: '5.7x28mm', weight: 40 }, { model: 'FNX-45', calibre: '.45 ACP', weight: 30 }, { model: 'Hi-Power', calibre: '9x19mm', weight: 30 }] },
  { make: 'Makarov', weight: 4, letters: 2, digits: 6, models: [{ model: 'PM', calibre: '9x18mm Makarov', weight: 100 }] },
  { make: 'Tokarev', weight: 3, letters: 2, digits: 6, models: [{ model: 'TT-33', calibre: '7.62x25mm Tokarev', weight: 100 }] },
];

export const CALIBRES = [...new Set(MAKES.flatMap((m) => m.models.map((x) => x.calibre)))];
const LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ'; // no I, O, Q: most makers avoid them

/** The registry holds about this share of each make's serial space (sets how many prefixes a make uses). */
export const SERIAL_SPACE_SHARE = 0.001;

/** Item i's id: fixed, so a sample can be fetched by index. */
export const itemId = (i: number) => `01938000-0000-7000-8000-${i.toString(16).padStart(12, '0')}`;
const markingId = (i: number) => `01938000-0001-7000-8000-${i.toString(16).padStart(12, '0')}`;

/** A seeded generator (mulberry32): the same samples on every run. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function weighted<T extends { weight: number }>(list: readonly T[], x: number): T {
  const total = list.reduce((s, e) => s + e.weight, 0);
  let v = x * total;
  for (const e of list) if ((v -= e.weight) < 0) return e;
  return list[list.length - 1];
}

/**
 * Each make's letter prefixes for a registry of n items: distinct across makes (drawn from one shuffled
 * pool, so makes share letters and a hole in a prefix reaches other makes' serials), as many as keep the
 * make's share of its serial space near SERIAL_SPACE_SHARE.
 */
export function makePrefixes(n: number): string[][] {
  const pick = rng(1303);
  const two = new Set<string>();
  const three = new Set<string>();
  const draw = (len: 2 | 3) => {
    for (let attempt = 0; attempt < 1_000_000; attempt++) {
      let p = '';
      for (let k = 0; k < len; k++) p += LETTERS[Math.floor(pick() * LETTERS.length)];
      // No prefix is the start of another (a serial reads as one make's format only).
      if (len === 2 ? two.has(p) || [...three].some((t) => t.startsWith(p)) : three.has(p) || two.has(p.slice(0, 2))) continue;
      (len === 2 ? two : three).add(p);
      return p;
    }
    throw new Error(`no ${len}-letter prefix left: lower --items or raise SERIAL_SPACE_SHARE`);
  };
  const totalWeight = MAKES.reduce((s, m) => s + m.weight, 0);
  const count = (m: MakeSpec) => Math.max(2, Math.ceil((n * m.weight) / totalWeight / (SERIAL_SPACE_SHARE * 10 ** m.digits)));
  // Two-letter prefixes first: each one rules out 23 three-letter ones.
  const out: string[][] = MAKES.map(() => []);
  for (const len of [2, 3] as const) MAKES.forEach((m, i) => m.letters === len && out[i].push(...Array.from({ length: count(m) }, () => draw(len))));
  return out;
}

export interface GeneratedItem {
  make: string;
  model: string;
  calibre: string;
  serial: string;
}

/** The n items, index by index (deterministic). */
export function* generateItems(n: number): Generator<GeneratedItem> {
  const prefixes = makePrefixes(n);
  const pick = rng(4242);
  const seen = new Set<string>();
  for (let i = 0; i < n; i++) {
    const m = weighted(MAKES, pick());
    const mi = MAKES.indexOf(m);
    const model = weighted(m.models, pick());
    let serial: string;
    do {
      const prefix = prefixes[mi][Math.floor(pick() * prefixes[mi].length)];
      serial = prefix + String(Math.floor(pick() * 10 ** m.digits)).padStart(m.digits, '0');
    } while (seen.has(serial));
    seen.add(serial);
    yield { make: m.make, model: model.model, calibre: model.calibre, serial };
  }
}

/**
 * The registry of N items, by COPY in chunks. The indexes the checks search (serials, trigram, make) are
 * dropped for the load and rebuilt from their own definitions after it (one build is much faster than N
 * updates).
 */
export async function loadRegistry(db: Db, n: number, log: (s: string) => void): Promise<void> {
  const indexes = await db.query<{ indexname: string; indexdef: string }>(
    `SELECT indexname, indexdef FROM pg_indexes
      WHERE tablename IN ('registry_items', 'registry_markings') AND indexname NOT LIKE '%pkey' AND indexdef NOT LIKE 'CREATE UNIQUE%'`,
  );
  for (const ix of indexes) await db.query(`DROP INDEX ${ix.indexname}`);
  const chunk = 50_000;
  const now = new Date();
  let items: unknown[][] = [];
  let markings: unknown[][] = [];
  const flush = async () => {
    await db.copyFrom!(
      'registry_items',
      ['id', 'kind', 'firearm_type', 'make', 'model', 'calibre', 'year_of_manufacture', 'country_of_manufacture', 'serial_number', 'serial_norm', 'status', 'event_count', 'created_at'],
      items as never,
    );
    await db.copyFrom!(
      'registry_markings',
      ['id', 'item_id', 'seq', 'kind', 'manufacturer_name', 'country_of_manufacture', 'serial_number', 'serial_norm', 'model', 'calibre', 'location', 'recorded_at'],
      markings as never,
    );
    items = [];
    markings = [];
  };
  let i = 0;
  for (const it of generateItems(n)) {
    const id = itemId(i);
    items.push([id, 'firearm', 'self_loading_pistol', it.make, it.model, it.calibre, 2000 + (i % 25), 'BE', it.serial, it.serial, 'active', 0, now]);
    markings.push([markingId(i), id, 1, 'manufacture', it.make, 'BE', it.serial, it.serial, it.model, it.calibre, 'frame', now]);
    i++;
    if (items.length === chunk) {
      await flush();
      if ((i / chunk) % 4 === 0) log(`  ${i.toLocaleString('en')} items`);
    }
  }
  if (items.length > 0) await flush();
  await db.query("SET maintenance_work_mem = '256MB'").catch(() => undefined);
  for (const ix of indexes) await db.query(ix.indexdef);
  await db.query('ANALYZE registry_items');
  await db.query('ANALYZE registry_markings');
}
