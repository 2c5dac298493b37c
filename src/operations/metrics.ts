import client from 'prom-client';
import type { AuditService } from '../audit/service.ts';
import { SYSTEM_ACTOR } from '../platform/auth/actor.ts';
import type { Deps } from '../platform/deps.ts';
import type { Metrics } from '../platform/metrics.ts';
import type { ImportService } from '../registry/import/service.ts';
import type { ScreeningService } from '../screening/service.ts';

/**
 * Gauges read from the database at scrape time, so every server process reports the same node-wide
 * values: audit-log size, entries since and age of the latest signed checkpoint, import jobs by status,
 * screening runs by purpose. prom-client collects every gauge of a scrape at once, so they share one read
 * (as do scrapes that arrive while it runs); a read that takes longer than `timeoutMs` (the embedded database is busy with a long transaction, e.g. an
 * import) leaves the previous values and sets custodia_metrics_database_read_ok to 0.
 */
interface Snapshot {
  auditEntries: number;
  entriesSinceCheckpoint: number;
  checkpointAgeSeconds: number | null;
  importJobs: Record<string, number>;
  screeningRuns: Record<string, number>;
}

/** The services the gauges read, as the module list built them. */
export interface GaugeSources {
  audit: AuditService;
  imports: ImportService;
  screening: ScreeningService;
}

export function registerOperationalGauges(metrics: Metrics, deps: Deps, { audit, imports, screening }: GaugeSources, timeoutMs = 2_000): void {
  let last: Snapshot | undefined;
  let ok = 0;
  let pending: Promise<void> | undefined;

  async function read(): Promise<Snapshot> {
    const head = await audit.head(SYSTEM_ACTOR);
    const latest = head.latestCheckpoint;
    return {
      auditEntries: head.treeSize,
      entriesSinceCheckpoint: head.treeSize - (latest?.treeSize ?? 0),
      checkpointAgeSeconds: latest ? (deps.clock.now().getTime() - Date.parse(latest.at)) / 1000 : null,
      importJobs: await imports.jobCounts(SYSTEM_ACTOR),
      screeningRuns: await screening.runCounts(SYSTEM_ACTOR),
    };
  }

  function refresh(): Promise<void> {
    if (pending) return pending;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('database read timed out')), timeoutMs);
    });
    pending = Promise.race([read(), timeout])
      .then((s) => {
        last = s;
        ok = 1;
      })
      .catch((err: unknown) => {
        ok = 0;
        deps.log.warn({ err }, 'metrics: database-derived gauges not refreshed');
      })
      .finally(() => {
        clearTimeout(timer);
        pending = undefined;
      });
    return pending;
  }

  const gauge = (name: string, help: string, labelNames: string[], set: (g: client.Gauge<string>, s: Snapshot) => void) =>
    new client.Gauge({
      name,
      help,
      labelNames,
      registers: [metrics.registry],
      // With CUSTODIA_WORKERS every worker reads the same database: the cluster's value is one worker's.
      aggregator: 'first',
      async collect() {
        await refresh();
        if (last) set(this, last);
      },
    });

  new client.Gauge({
    name: 'custodia_metrics_database_read_ok',
    help: '1 when the database-derived gauges were read at this scrape, 0 when the read failed or timed out',
    registers: [metrics.registry],
    aggregator: 'min',
    async collect() {
      await refresh();
      this.set(ok);
    },
  });
  gauge('custodia_audit_log_entries', 'Entries in the audit log (its Merkle tree size)', [], (g, s) => g.set(s.auditEntries));
  gauge('custodia_audit_entries_since_checkpoint', 'Audit entries not yet covered by a signed checkpoint', [], (g, s) => g.set(s.entriesSinceCheckpoint));
  gauge('custodia_audit_checkpoint_age_seconds', 'Age of the latest signed checkpoint (absent before the first)', [], (g, s) => {
    if (s.checkpointAgeSeconds !== null) g.set(s.checkpointAgeSeconds);
  });
  gauge('custodia_import_jobs', 'Bulk import jobs by status (running jobs are in progress or were interrupted)', ['status'], (g, s) => {
    for (const status of ['running', 'completed', 'rejected', 'failed']) g.set({ status }, s.importJobs[status] ?? 0);
  });
  gauge('custodia_screening_runs', 'Screening runs recorded, by purpose', ['purpose'], (g, s) => {
    for (const [purpose, n] of Object.entries(s.screeningRuns)) g.set({ purpose }, n);
  });
}
