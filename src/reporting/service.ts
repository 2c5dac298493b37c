import { SYSTEM_ACTOR, type Actor } from '../platform/auth/actor.ts';
import { recordAuditBatch, type AuditInput } from '../platform/audit/record.ts';
import { stateHash } from '../platform/crypto/canonical.ts';
import type { Queryable, Tx } from '../platform/db/types.ts';
import type { Deps } from '../platform/deps.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../platform/http/errors.ts';
import type { TracingService } from '../tracing/service.ts';
import { parseInput as parseWith } from '../platform/validation.ts';
import { uuidv7 } from '../platform/ids.ts';
import { inTransaction } from '../platform/tx.ts';
import { decodeCursor, toPage, type Page } from '../platform/http/pagination.ts';
import { z } from 'zod';
import {
  buildArmsReport,
  buildIafqReport,
  buildProtocolAssessment,
  buildWassenaarReport,
  mappingProblems,
  parsePeriod,
  recoveryChart,
  seedMappings,
  tracingOutcomeChart,
  transferCharts,
  type ArmsReport,
  type CategoryMapping,
  type IafqReport,
  type ProtocolAssessment,
  type ReportKind,
  type TracingRecords,
  type WassenaarReport,
} from './model.ts';
import { reportingPolicy } from './policy.ts';
import { chartQuerySchema, mappingInputSchema, mappingKeySchema, releaseInputSchema, reportRequestSchema, withholdInputSchema, type ChartQuery, type MappingInput, type ReleaseInput, type ReportRequest, type WithholdInput } from './schemas.ts';
import * as store from './store.ts';
import { toCsv, toPdf, toXlsx } from './documents.ts';
import { reportDocument } from './presenters.ts';
import type { ReportFormat } from './schemas.ts';

export type ReportContent = ArmsReport | WassenaarReport | IafqReport | ProtocolAssessment;

export interface StoredReport {
  reference: string;
  kind: ReportKind;
  periodStart: string;
  periodEnd: string;
  options: Record<string, unknown>;
  auditSize: number;
  contentHash: string;
  generatedAt: string;
  generatedBy: string;
  content: ReportContent;
}

function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  return parseWith('reporting', schema, input);
}

function presentReport(r: store.ReportRow): StoredReport {
  return { ...store.reportState(r), content: r.content as ReportContent };
}

const reportCursor = z.object({ at: z.string(), id: z.string() });

const KIND_CODES: Record<ReportKind, string> = { unroca: 'UNROCA', att: 'ATT', wassenaar: 'WA', iafq: 'IAFQ', protocol: 'FP' };

/**
 * The international returns (issue 15): category mapping with history, ATT Art. 13(3) withholding,
 * and reports computed from licensing's records, stored with their period, the audit-log size when
 * computed and their own hash, and audited.
 */
export function createReportingService(deps: Deps, needs: { tracing: TracingService }) {
  const { db } = deps;
  const { tracing } = needs;

  async function audit(tx: Tx, actor: Actor, inputs: AuditInput[]) {
    await recordAuditBatch(tx, actor, deps.clock, inputs);
  }

  /**
   * A node starts with the reference crosswalk's mappings (reference/crosswalk.ts). Written once, in
   * the first transaction that needs them, audited as the system, so history begins at version 1.
   */
  async function ensureSeeded(tx: Tx): Promise<void> {
    if ((await store.countMappings(tx)) > 0) return;
    await tx.exec('LOCK TABLE reporting_category_mappings IN SHARE ROW EXCLUSIVE MODE');
    if ((await store.countMappings(tx)) > 0) return;
    const now = deps.clock.now();
    const rows = await store.insertMappings(
      tx,
      seedMappings().map((m) => ({ ...m, id: uuidv7(), version: 1, source: 'reference' as const, createdAt: now, createdBy: SYSTEM_ACTOR.name })),
    );
    await audit(tx, SYSTEM_ACTOR, rows.map((r) => ({ action: 'reporting.mapping.seed', entity: 'reporting_category_mapping', entityId: r.id, reason: r.reason, state: store.mappingState(r) })));
  }

  async function currentMappings(tx: Tx): Promise<CategoryMapping[]> {
    await ensureSeeded(tx);
    return (await store.listCurrentMappings(tx)).map(store.mappingFromRow);
  }

  /** The tracing module's records of a window, or null when the actor may not read recoveries. */
  async function tracingRecords(actor: Actor, q: Tx, from: string, to: string): Promise<TracingRecords | null> {
    try {
      return await tracing.figureRecords(actor, { from, to }, q);
    } catch (e) {
      if (e instanceof ForbiddenError) return null;
      throw e;
    }
  }

  async function compute(actor: Actor, q: Tx, r: z.output<typeof reportRequestSchema>): Promise<ReportContent> {
    const { kind, basis } = r;
    const period = parsePeriod(kind, r.period);
    if (!period) {
      throw new ValidationError([{ field: 'period', code: 'reporting.bad_period', message: kind === 'wassenaar' ? 'must be a half-year such as 2026-H1' : 'must be a calendar year such as 2026' }]);
    }
    if (kind === 'iafq') {
      // Both reads in the caller's transaction, so the records are those the figures counted; an actor
      // who may not read recoveries is refused by the tracing service (403), as on GET /tracing/figures.
      const window = { from: period.start, to: period.end };
      const figures = await tracing.tracingFigures(actor, window, q);
      const records = await tracing.figureRecords(actor, window, q);
      return buildIafqReport({ state: deps.config.state, period, figures, records, threshold: { firearms: r.significantFirearms, rounds: r.significantRounds } });
    }
    if (kind === 'protocol') {
      return buildProtocolAssessment({
        state: deps.config.state,
        period,
        licences: await store.licenceEvidence(q, period.start, period.end),
        items: await store.itemEvidence(q, period.start, period.end),
        brokers: await store.brokerEvidence(q, period.start, period.end),
        tracing: await tracingRecords(actor, q, period.start, period.end),
        retention: deps.config.retention,
        auditSize: await store.auditLogSize(q),
      });
    }
    const mappings = await currentMappings(q);
    await store.refreshTransferLines(q);
    if (kind === 'wassenaar') {
      const [deliveries, issued, refusals, overrides] = [
        await store.transferGroups(q, 'actual', period.start, period.end),
        await store.dualUseLicenceGroups(q, period.start, period.end),
        await store.refusals(q, period.start, period.end),
        await store.denialOverrides(q, period.start, period.end),
      ];
      return buildWassenaarReport({ state: deps.config.state, period, today: deps.clock.now().toISOString().slice(0, 10), deliveries, issued, refusals, overrides, mappings });
    }
    const groups = await store.transferGroups(q, basis, period.start, period.end);
    return buildArmsReport({ kind, state: deps.config.state, period, basis, groups, mappings });
  }

  return {
    async listMappings(actor: Actor): Promise<CategoryMapping[]> {
      reportingPolicy.require(actor, 'reporting.mapping.read');
      return db.transaction(currentMappings);
    },

    /** Every version of one mapping key, oldest first (nothing is deleted). */
    async mappingHistory(actor: Actor, key: unknown): Promise<CategoryMapping[]> {
      reportingPolicy.require(actor, 'reporting.mapping.read');
      const k = parseInput(mappingKeySchema, key);
      return db.transaction(async (tx) => {
        await ensureSeeded(tx);
        return (await store.listMappingHistory(tx, k)).map(store.mappingFromRow);
      });
    },

    /**
     * Sets how a control entry / item type / firearm type is counted: supersedes the current version
     * and writes the next one, both audited. Setting what is already there writes nothing.
     */
    async setMapping(actor: Actor, input: MappingInput, tx?: Tx): Promise<CategoryMapping> {
      reportingPolicy.require(actor, 'reporting.mapping.edit');
      const m = parseInput(mappingInputSchema, input);
      const problems = mappingProblems(m);
      if (problems.length) throw new ValidationError(problems);
      return inTransaction(db, tx, async (t) => {
        await ensureSeeded(t);
        const current = await store.currentMappingForUpdate(t, m);
        if (
          current &&
          current.unroca_category === m.unrocaCategory &&
          current.wassenaar_category === m.wassenaarCategory &&
          current.dual_use_tier === m.dualUseTier &&
          current.reportable === m.reportable
        ) {
          return store.mappingFromRow(current);
        }
        const now = deps.clock.now();
        const id = uuidv7();
        const inputs: AuditInput[] = [];
        if (current) {
          const old = await store.supersedeMapping(t, current.id, now, id);
          inputs.push({ action: 'reporting.mapping.supersede', entity: 'reporting_category_mapping', entityId: old.id, reason: m.reason, state: store.mappingState(old) });
        }
        const [row] = await store.insertMappings(t, [{ ...m, id, version: (current ? Number(current.version) : 0) + 1, source: 'officer', createdAt: now, createdBy: actor.name }]);
        inputs.push({ action: 'reporting.mapping.set', entity: 'reporting_category_mapping', entityId: row.id, reason: m.reason, state: store.mappingState(row) });
        await audit(t, actor, inputs);
        return store.mappingFromRow(row);
      });
    },

    /** ATT Art. 13(3): marks a licence line as commercially sensitive or national-security data. */
    async withholdLine(actor: Actor, input: WithholdInput, tx?: Tx) {
      reportingPolicy.require(actor, 'reporting.withholding.edit');
      const w = parseInput(withholdInputSchema, input);
      return inTransaction(db, tx, async (t) => {
        const lines = await store.licenceLines(t, w.licenceNumber);
        if (!lines.length) throw new NotFoundError('Licence', w.licenceNumber);
        const line = lines.find((l) => Number(l.line_no) === w.lineNo);
        if (!line) throw new ValidationError([{ field: 'lineNo', code: 'reporting.unknown_line', message: `Licence ${w.licenceNumber} has no line ${w.lineNo}` }]);
        const current = await store.currentWithheldForUpdate(t, line.licence_id, w.lineNo);
        if (current && current.reason === w.reason && current.note === w.note) return { ...store.withheldState(current), licenceNumber: w.licenceNumber };
        const now = deps.clock.now();
        const inputs: AuditInput[] = [];
        if (current) {
          const old = await store.releaseWithheld(t, current.id, now, actor.name, `Replaced: ${w.reason}`);
          inputs.push({ action: 'reporting.withholding.release', entity: 'reporting_withheld_line', entityId: old.id, reason: `Replaced: ${w.reason}`, state: store.withheldState(old) });
        }
        const row = await store.insertWithheld(t, { id: uuidv7(), licenceId: line.licence_id, lineNo: w.lineNo, reason: w.reason, note: w.note, markedAt: now, markedBy: actor.name });
        inputs.push({ action: 'reporting.withholding.mark', entity: 'reporting_withheld_line', entityId: row.id, reason: w.note ?? w.reason, state: store.withheldState(row) });
        await audit(t, actor, inputs);
        return { ...store.withheldState(row), licenceNumber: w.licenceNumber };
      });
    },

    async releaseLine(actor: Actor, input: ReleaseInput, tx?: Tx) {
      reportingPolicy.require(actor, 'reporting.withholding.edit');
      const r = parseInput(releaseInputSchema, input);
      return inTransaction(db, tx, async (t) => {
        const lines = await store.licenceLines(t, r.licenceNumber);
        const line = lines.find((l) => Number(l.line_no) === r.lineNo);
        const current = line && (await store.currentWithheldForUpdate(t, line.licence_id, r.lineNo));
        if (!current) throw new NotFoundError('Withheld licence line', `${r.licenceNumber}/${r.lineNo}`);
        const row = await store.releaseWithheld(t, current.id, deps.clock.now(), actor.name, r.reason);
        await audit(t, actor, [{ action: 'reporting.withholding.release', entity: 'reporting_withheld_line', entityId: row.id, reason: r.reason, state: store.withheldState(row) }]);
        return { ...store.withheldState(row), licenceNumber: r.licenceNumber };
      });
    },

    async listWithheld(actor: Actor) {
      reportingPolicy.require(actor, 'reporting.withholding.read');
      return (await store.listWithheld(db)).map((r) => ({ ...store.withheldState(r), licenceNumber: r.licence_number }));
    },

    /** Computes a report without storing it (the screen's preview). */
    async previewReport(actor: Actor, request: ReportRequest): Promise<ReportContent> {
      reportingPolicy.require(actor, 'reporting.report.read');
      const r = parseInput(reportRequestSchema, request);
      return db.transaction((tx) => compute(actor, tx, r));
    },

    /**
     * Computes and stores a report: its period and options, the audit-log size it was computed at, its
     * content and the content's hash, in one transaction with its audit entry.
     */
    async generateReport(actor: Actor, request: ReportRequest, tx?: Tx): Promise<StoredReport> {
      reportingPolicy.require(actor, 'reporting.report.generate');
      const r = parseInput(reportRequestSchema, request);
      return inTransaction(db, tx, async (t) => {
        const content = await compute(actor, t, r);
        const auditSize = await store.auditLogSize(t);
        await t.exec('LOCK TABLE reporting_reports IN SHARE ROW EXCLUSIVE MODE');
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
        await audit(t, actor, [{ action: 'reporting.report.generate', entity: 'reporting_report', entityId: row.id, reason: null, state: store.reportState(row) }]);
        return presentReport(row);
      });
    },

    async getReport(actor: Actor, reference: string, q: Queryable = db): Promise<StoredReport> {
      reportingPolicy.require(actor, 'reporting.report.read');
      const row = await store.getReport(q, reference);
      if (!row) throw new NotFoundError('Report', reference);
      return presentReport(row);
    },

    /** What the charts screen draws: exports by category and by destination over time, licences issued and refused by month, firearms recovered by type and tracing outcomes. */
    async charts(actor: Actor, query: ChartQuery) {
      reportingPolicy.require(actor, 'reporting.report.read');
      const q = parseInput(chartQuerySchema, query);
      return db.transaction(async (tx) => {
        const mappings = await currentMappings(tx);
        await store.refreshTransferLines(tx);
        const transfers = transferCharts(await store.chartLines(tx, q.basis, q.from, q.to, q.granularity), mappings);
        const licencesByMonth = await store.licenceDecisionsByMonth(tx, q.from, q.to);
        const records = await tracingRecords(actor, tx, q.from, q.to);
        return {
          ...q,
          transfersByCategory: transfers.byCategory,
          transfersByDestination: transfers.byDestination,
          licencesByMonth,
          recoveriesByType: records ? recoveryChart(records.items, q.granularity) : null,
          tracingOutcomes: records ? tracingOutcomeChart(records) : null,
        };
      });
    },

    /** Stored reports, newest first, one cursor page at a time. */
    async listReports(actor: Actor, options: { kind?: ReportKind; limit?: number; cursor?: string } = {}): Promise<Page<ReturnType<typeof store.reportState>>> {
      reportingPolicy.require(actor, 'reporting.report.read');
      const limit = Math.min(Math.max(options.limit ?? 50, 1), 500);
      const after = decodeCursor(options.cursor, reportCursor);
      const rows = await store.listReports(db, { limit: limit + 1, kind: options.kind, after });
      return toPage(rows, limit, (r) => ({ at: r.generated_at.toISOString(), id: r.id }), store.reportState);
    },

    /** The stored report as a file laid out like the official form (the figures are the stored ones). */
    async renderReport(actor: Actor, reference: string, format: Exclude<ReportFormat, 'json'>): Promise<{ filename: string; contentType: string; body: Buffer }> {
      const report = await this.getReport(actor, reference);
      const doc = reportDocument(report);
      if (format === 'csv') return { filename: `${report.reference}.csv`, contentType: 'text/csv; charset=utf-8', body: toCsv(doc) };
      if (format === 'xlsx') return { filename: `${report.reference}.xlsx`, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', body: await toXlsx(doc) };
      return { filename: `${report.reference}.pdf`, contentType: 'application/pdf', body: await toPdf(doc) };
    },
  };
}

export type ReportingService = ReturnType<typeof createReportingService>;
