import { Readable } from 'node:stream';
import type { Db } from '../../src/platform/db/types.ts';
import type { ImportSource } from '../../src/registry/import/service.ts';

/**
 * A CSV file as the import reads it; with `cuts`, in pieces ending at those byte offsets, as a file is
 * read (rows then cross from one piece to the next).
 */
export function csvSource(text: string, cuts: readonly number[] = [], fileName = 'items.csv'): ImportSource {
  const buf = Buffer.from(text, 'utf8');
  const pieces = [0, ...cuts, buf.length].slice(1).map((end, k, ends) => buf.subarray(k === 0 ? 0 : ends[k - 1], end));
  return { fileName, bytes: buf.length, open: () => Readable.from(pieces) };
}

/** What an import wrote, without the ids and times that differ between two runs. */
export async function importWritten(db: Db) {
  const items = await db.query(
    `SELECT kind, firearm_type, make, model, calibre, year_of_manufacture, country_of_manufacture, serial_number, serial_norm, lot_number,
            quantity_rounds, is_antique, is_replica, description, import_key, status, event_count
       FROM registry_items ORDER BY import_key`,
  );
  const markings = await db.query(
    `SELECT i.import_key, m.seq, m.kind, m.manufacturer_name, m.country_of_manufacture, m.serial_number, m.serial_norm, m.import_country, m.import_year,
            m.location, m.recorded_at = i.created_at AS same_time
       FROM registry_markings m JOIN registry_items i ON i.id = m.item_id ORDER BY i.import_key, m.seq`,
  );
  const audit = await db.query<{ action: string; entity: string; n: number }>('SELECT action, entity, count(*)::int8 AS n FROM audit_log GROUP BY action, entity ORDER BY action, entity');
  // Each item's audit entry names it.
  const [unaudited] = await db.query<{ n: number }>(
    "SELECT count(*)::int8 AS n FROM registry_items i WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.entity = 'item' AND a.entity_id = i.id::text)",
  );
  return { items, markings, audit, unaudited: unaudited.n };
}
