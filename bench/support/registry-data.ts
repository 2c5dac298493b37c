/** The registry benchmarks' data set and load generator (bench/registry.ts, bench/lookup.ts). */
import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import { uuidv7 } from '../../src/platform/ids.ts';
import { naturalKey } from '../../src/registry/import/model.ts';
import { normaliseSerial } from '../../src/registry/model.ts';
import type { ItemRow } from '../../src/registry/store.ts';

export interface LoadResult {
  requests: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  total: number;
}

/** Runs autocannon in a worker thread (bench/support/http-load.mjs) and returns its summary. */
export function httpLoad(data: { url: string; paths: string[]; headers: Record<string, string>; connections: number; duration: number }): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./http-load.mjs', import.meta.url), { workerData: data });
    worker.once('message', (m: LoadResult) => resolve(m));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`load generator exited with code ${code}`));
    });
  });
}

export const MAKES: [string, string, string, string][] = [
  ['Glock', '17', 'self_loading_pistol', 'AT'],
  ['Beretta', '92FS', 'self_loading_pistol', 'IT'],
  ['CZ', '75 B', 'self_loading_pistol', 'CZ'],
  ['Remington', '870', 'shotgun', 'US'],
  ['Ruger', '10/22', 'rifle', 'US'],
  ['Smith & Wesson', 'Model 686', 'revolver', 'US'],
  ['Tikka', 'T3x', 'rifle', 'FI'],
  ['Benelli', 'M4', 'shotgun', 'IT'],
];
export const CALIBRES = ['9mm Luger', '9mm Luger', '9mm Luger', '12/76', '22 Long Rifle', '357 Magnum', '308 Winchester', '12/76'];

/** Row i of the benchmark data set: deterministic, unique serials with letters and digits. */
export function row(i: number) {
  const m = i % MAKES.length;
  const [make, model, type, country] = MAKES[m];
  const serial = `${make.slice(0, 2).toUpperCase()}-${(i * 2654435761 % 4294967291).toString(36).toUpperCase().padStart(7, '0')}${(i % 97).toString().padStart(2, '0')}`;
  return { make, model, type, country, calibre: CALIBRES[m], serial, year: 1990 + (i % 35) };
}

export function itemRow(i: number, now: Date): ItemRow {
  const r = row(i);
  const serialNorm = normaliseSerial(r.serial);
  return {
    id: uuidv7(),
    kind: 'firearm',
    firearm_type: r.type,
    part_type: null,
    ammunition_component: null,
    make: r.make,
    model: r.model,
    calibre: r.calibre,
    year_of_manufacture: r.year,
    country_of_manufacture: r.country,
    place_of_manufacture: null,
    manufacturer_party_id: null,
    serial_number: r.serial,
    serial_norm: serialNorm,
    lot_number: null,
    quantity_rounds: null,
    is_antique: false,
    is_replica: false,
    temporary_import_purpose: null,
    description: null,
    import_key: naturalKey({ kind: 'firearm', firearmType: r.type as never, make: r.make }, r.make, serialNorm),
    status: 'registered',
    holder_party_id: null,
    keeper_party_id: null,
    event_count: 0,
    last_event_at: null,
    manufactured_at: null,
    destroyed_at: null,
    created_at: now,
  };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** The same rows as `row(i)`, as an import CSV (docs/import-csv.md) of n items. */
export function writeCsv(file: string, n: number): void {
  const fd = fs.openSync(file, 'w');
  fs.writeSync(fd, 'kind,type,make,model,calibre,serial_number,country_of_manufacture,year_of_manufacture\n');
  let buf: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = row(i);
    buf.push(`firearm,${r.type},${r.make},${r.model},${r.calibre},${r.serial},${r.country},${r.year}`);
    if (buf.length === 10_000) {
      fs.writeSync(fd, `${buf.join('\n')}\n`);
      buf = [];
    }
  }
  if (buf.length) fs.writeSync(fd, `${buf.join('\n')}\n`);
  fs.closeSync(fd);
}
