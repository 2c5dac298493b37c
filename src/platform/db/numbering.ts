import type { Tx } from './types.ts';

/**
 * Serialises the taking of a yearly number ("REC-2026-000042") to the end of the caller's transaction:
 * whoever reads the year's last number after this sees every number taken before it, committed, so two
 * writers at the same moment never pick the same one (the unique constraint would refuse the second, and a
 * user's work with it). The lock is the row of the series and year in number_series_locks (migration 0030),
 * created by the first writer and locked by the upsert (ON CONFLICT … DO UPDATE locks the row it finds; two
 * first writers wait on each other's insert): it stops only the writers of that series and year, not the
 * readers or other updates of the numbered table, it is released with the transaction, and, unlike an
 * advisory lock, every engine has it. PGlite has one connection, so there it never waits. Take it before
 * the transaction's first audited write: every writer also holds the audit log's head to its commit, and
 * two locks always taken in one order cannot deadlock.
 */
export async function lockYearlyNumber(tx: Tx, series: string, year: number): Promise<void> {
  await tx.query(
    'INSERT INTO number_series_locks (series, year) VALUES ($1, $2) ON CONFLICT (series, year) DO UPDATE SET year = EXCLUDED.year',
    [series, year],
  );
}
