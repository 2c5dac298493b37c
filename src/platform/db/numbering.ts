import type { Tx } from './types.ts';

/**
 * Serialises the taking of a yearly number ("REC-2026-000042") to the end of the caller's transaction:
 * whoever reads the year's last number after this sees every number taken before it, committed, so two
 * writers at the same moment never pick the same one (the unique constraint would refuse the second, and a
 * user's work with it). A transaction-scoped advisory lock rather than a table lock: it stops only the
 * writers of that series and year, not the readers or other updates of the table, and it is released with
 * the transaction (also through a transaction-mode connection pooler). PGlite has one connection, so there
 * it never waits. Take it before the transaction's first audited write: every writer also holds the audit
 * log's head to its commit, and two locks always taken in one order cannot deadlock.
 */
export async function lockYearlyNumber(tx: Tx, series: string, year: number): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1), $2)', [series, year]);
}
