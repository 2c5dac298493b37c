/** The tracing benchmark's registry (bench/tracing.ts): N items with random serials, loaded by set-based SQL. */
import type { Db, Queryable } from '../../src/platform/db/types.ts';

export const MAKES = ['Glock', 'Beretta', 'CZ', 'Remington', 'Ruger', 'Smith & Wesson', 'Tikka', 'Benelli', 'Taurus', 'SIG Sauer', 'Walther', 'Heckler & Koch'];
export const CALIBRES = ['9x19mm', '.45 ACP', '12/76', '.22 LR', '.357 Magnum', '.308 Win', '7.62x39mm', '5.56x45mm'];
export const ALPHABET = '0123456789ABCDEFGHJKLMNPRSTUVWXYZ'; // 33 characters

/** Item i's id: fixed, so a sample can be fetched by index. */
export const itemId = (i: number) => `01938000-0000-7000-8000-${i.toString(16).padStart(12, '0')}`;

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

/**
 * Registry items [from, to) with their manufacture markings, in one statement. Each item's make, calibre
 * and first six serial characters come from an MD5 of its index (make and calibre drawn independently of the
 * serial); the last four characters are the index in base 33, so every serial is unique.
 */
async function insertRegistryRange(q: Queryable, from: number, to: number): Promise<void> {
  const ch = (expr: string) => `substr('${ALPHABET}', (${expr}) % 33 + 1, 1)`;
  const hashChars = [0, 1, 2, 3, 4, 5].map((k) => ch(`get_byte(h, ${k})`)).join(' || ');
  const indexChars = [33 ** 3, 33 ** 2, 33, 1].map((d) => ch(`i / ${d}`)).join(' || ');
  await q.query(
    `WITH g AS (SELECT i, decode(md5('custodia-bench-' || i), 'hex') AS h FROM generate_series($1::int, $2::int - 1) AS i),
          s AS (SELECT i, h, ${hashChars} || ${indexChars} AS serial FROM g),
          items AS (
            INSERT INTO registry_items (id, kind, firearm_type, make, calibre, year_of_manufacture, country_of_manufacture,
                                        serial_number, serial_norm, status, event_count, created_at)
            SELECT ('01938000-0000-7000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, 'firearm', 'self_loading_pistol',
                   ($3::text[])[get_byte(h, 6) % ${MAKES.length} + 1], ($4::text[])[get_byte(h, 7) % ${CALIBRES.length} + 1],
                   2000 + i % 25, 'BE', serial, serial, 'active', 0, now()
              FROM s
            RETURNING id, make, serial_number, serial_norm)
     INSERT INTO registry_markings (id, item_id, seq, kind, manufacturer_name, country_of_manufacture, serial_number, serial_norm, location, recorded_at)
     SELECT ('01938000-0001-7000-8000-' || right(id::text, 12))::uuid, id, 1, 'manufacture', make, 'BE', serial_number, serial_norm, 'frame', now()
       FROM items`,
    [from, to, MAKES, CALIBRES],
  );
}

/**
 * The registry of N items, set-based. The indexes the checks search (serials, trigram, make) are dropped
 * for the load and rebuilt from their own definitions after it (one build is much faster than N updates).
 */
export async function loadRegistry(db: Db, n: number, log: (s: string) => void): Promise<void> {
  const indexes = await db.query<{ indexname: string; indexdef: string }>(
    `SELECT indexname, indexdef FROM pg_indexes
      WHERE tablename IN ('registry_items', 'registry_markings') AND indexname NOT LIKE '%pkey' AND indexdef NOT LIKE 'CREATE UNIQUE%'`,
  );
  for (const ix of indexes) await db.query(`DROP INDEX ${ix.indexname}`);
  const chunk = 50_000;
  for (let from = 0; from < n; from += chunk) {
    await insertRegistryRange(db, from, Math.min(n, from + chunk));
    if ((from / chunk) % 4 === 3) log(`  ${Math.min(n, from + chunk).toLocaleString('en')} items`);
  }
  await db.query("SET maintenance_work_mem = '256MB'").catch(() => undefined);
  for (const ix of indexes) await db.query(ix.indexdef);
  await db.query('ANALYZE registry_items');
  await db.query('ANALYZE registry_markings');
}

