import { countriesTable } from './countries.ts';
import { currenciesTable } from './currencies.ts';
import { dualUseTable } from './dual-use.ts';
import { hsTable } from './hs.ts';
import { locodeTable } from './locode.ts';
import type { ReferenceTable } from './lookup.ts';
import { munitionsListTable } from './munitions.ts';
import { salwTable } from './salw.ts';
import { unrocaTable } from './unroca.ts';

/** Every picker table by its URL name (`/api/v1/reference/tables/{name}`). */
export const REFERENCE_TABLES: readonly ReferenceTable[] = [
  countriesTable,
  currenciesTable,
  munitionsListTable,
  dualUseTable,
  unrocaTable,
  salwTable,
  hsTable,
  locodeTable,
];

export const TABLE_NAMES = REFERENCE_TABLES.map((t) => t.name) as [string, ...string[]];

export function referenceTable(name: string): ReferenceTable | null {
  return REFERENCE_TABLES.find((t) => t.name === name) ?? null;
}
