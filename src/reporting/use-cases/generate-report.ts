import type { Actor } from '../../platform/auth/actor.ts';
import { stateHash } from '../../platform/crypto/canonical.ts';
import type { Tx } from '../../platform/db/types.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { inTransaction } from '../../platform/tx.ts';
import { parseInput } from '../../platform/validation.ts';
import { audit, compute, type ReportingContext } from '../context.ts';
import type { ReportKind } from '../model.ts';
import { reportingPolicy } from '../policy.ts';
import { presentReport, type StoredReport } from '../presenters.ts';
import { reportRequestSchema, type ReportRequest } from '../schemas.ts';
import * as store from '../store.ts';

const KIND_CODES: Record<ReportKind, string> = { unroca: 'UNROCA', att: 'ATT', wassenaar: 'WA', iafq: 'IAFQ', protocol: 'FP' };

/**
 * Computes and stores a report: its period and options, the audit-log size it was computed at, its
 * content and the content's hash, in one transaction with its audit entry.
 */
export async function generateReport(ctx: ReportingContext, actor: Actor, request: ReportRequest, tx?: Tx): Promise<StoredReport> {
  const { deps } = ctx;
  reportingPolicy.require(actor, 'reporting.report.generate');
  const r = parseInput('reporting', reportRequestSchema, request);
  return inTransaction(deps.db, tx, async (t) => {
    const content = await compute(ctx, actor, t, r);
    const auditSize = await store.auditLogSize(t);
    await store.lockReports(t);
    const prefix = `${deps.config.state}-${KIND_CODES[r.kind]}-${r.period}-`;
    const reference = `${prefix}${await store.nextReportNumber(t, prefix)}`;
    const options =
      r.kind === 'wassenaar' || r.kind === 'protocol'
        ? { period: r.period }
        : r.kind === 'iafq'
          ? { period: r.period, significantFirearms: r.significantFirearms, significantRounds: r.significantRounds }
          : { period: r.period, basis: r.basis };
    const row = await store.insertReport(t, {
      id: uuidv7(),
      reference,
      kind: r.kind,
      periodStart: content.period.start,
      periodEnd: content.period.end,
      options,
      auditSize,
      content,
      contentHash: stateHash(content),
      generatedAt: deps.clock.now(),
      generatedBy: actor.name,
    });
    await audit(ctx, t, actor, [{ action: 'reporting.report.generate', entity: 'reporting_report', entityId: row.id, reason: null, state: store.reportState(row) }]);
    return presentReport(row);
  });
}
