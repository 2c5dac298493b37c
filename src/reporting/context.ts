import { SYSTEM_ACTOR, type Actor } from '../platform/auth/actor.ts';
import { recordAuditBatch, type AuditInput } from '../platform/audit/record.ts';
import type { Queryable, Tx } from '../platform/db/types.ts';
import type { Deps } from '../platform/deps.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../platform/http/errors.ts';
import { uuidv7 } from '../platform/ids.ts';
import type { TracingService } from '../tracing/service.ts';
import type { z } from 'zod';
import {
  buildArmsReport,
  buildHistoricalSection,
  isParticipant,
  type HistoricalFact,
  buildIafqReport,
  buildProtocolAssessment,
  buildWassenaarReport,
  parsePeriod,
  seedMappings,
  type CategoryMapping,
  type HistoricalSource,
  type TracingRecords,
} from './model.ts';
import type { ReportContent } from './presenters.ts';
import type { reportRequestSchema } from './schemas.ts';
import * as store from './store.ts';

/**
 * What every reporting use case (use-cases/*.ts) is built from: the platform deps and the tracing
 * service (recovery figures and the records behind them); and the steps several share.
 */
export interface ReportingContext {
  deps: Deps;
  tracing: TracingService;
}

/** The other modules' services reporting is built from (the module list injects them). */
export interface ReportingCollaborators {
  tracing: TracingService;
}

export function createContext(deps: Deps, collaborators: ReportingCollaborators): ReportingContext {
  return { deps, tracing: collaborators.tracing };
}

export async function audit(ctx: ReportingContext, tx: Tx, actor: Actor, inputs: AuditInput[]): Promise<void> {
  await recordAuditBatch(tx, actor, ctx.deps.clock, inputs);
}

/**
 * A node starts with the reference crosswalk's mappings (reference/crosswalk.ts). Written once, in
 * the first transaction that needs them, audited as the system, so history begins at version 1.
 */
export async function ensureSeeded(ctx: ReportingContext, tx: Tx): Promise<void> {
  if ((await store.countMappings(tx)) > 0) return;
  await store.lockMappings(tx);
  if ((await store.countMappings(tx)) > 0) return;
  const now = ctx.deps.clock.now();
  const rows = await store.insertMappings(
    tx,
    seedMappings().map((m) => ({ ...m, id: uuidv7(), version: 1, source: 'reference' as const, createdAt: now, createdBy: SYSTEM_ACTOR.name })),
  );
  await audit(ctx, tx, SYSTEM_ACTOR, rows.map((r) => ({ action: 'reporting.mapping.seed', entity: 'reporting_category_mapping', entityId: r.id, reason: r.reason, state: store.mappingState(r) })));
}

/** The current category mappings (seeded first if the node has none). */
export async function currentMappings(ctx: ReportingContext, tx: Tx): Promise<CategoryMapping[]> {
  await ensureSeeded(ctx, tx);
  return (await store.listCurrentMappings(tx)).map(store.mappingFromRow);
}

/** The tracing module's records of a window, or null when the actor may not read recoveries. */
export async function tracingRecords(ctx: ReportingContext, actor: Actor, q: Tx, from: string, to: string): Promise<TracingRecords | null> {
  try {
    return await ctx.tracing.figureRecords(actor, { from, to }, q);
  } catch (e) {
    if (e instanceof ForbiddenError) return null;
    throw e;
  }
}

/** An import as a report names it among its sources. */
export function historicalSource(r: store.HistoryImportRow): HistoricalSource {
  return { source: r.source, sourceName: r.source_name, fileName: r.file_name, fileSha256: r.file_sha256, importedAt: r.imported_at.toISOString(), attribution: r.attribution };
}

/** A stored report by its reference, or 404. */
export async function mustFindReport(q: Queryable, reference: string): Promise<store.ReportRow> {
  const row = await store.getReport(q, reference);
  if (!row) throw new NotFoundError('Report', reference);
  return row;
}

/** Computes a report of the request's kind and period from the records, in the caller's transaction. */
export async function compute(ctx: ReportingContext, actor: Actor, q: Tx, r: z.output<typeof reportRequestSchema>): Promise<ReportContent> {
  const { deps, tracing } = ctx;
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
      tracing: await tracingRecords(ctx, actor, q, period.start, period.end),
      retention: deps.config.retention,
      auditSize: await store.auditLogSize(q),
    });
  }
  const mappings = await currentMappings(ctx, q);
  await store.refreshTransferLines(q);
  const year = (d: string) => Number(d.slice(0, 4));
  const history = async (b: 'actual' | 'authorised', keep?: (f: HistoricalFact) => boolean) => {
    const sources = await store.historicalSources(q, deps.config.state, b, year(period.start), year(period.end));
    if (!sources.length) return null;
    const facts = await store.historicalFacts(q, deps.config.state, b, year(period.start), year(period.end));
    return buildHistoricalSection(facts, sources.map(historicalSource), keep);
  };
  if (kind === 'wassenaar') {
    const historical = await history('actual', (f) => f.direction === 'export' && (f.partnerCode === null || (!isParticipant(f.partnerCode) && f.partnerCode !== deps.config.state)));
    const [deliveries, issued, refusals, overrides] = [
      await store.transferGroups(q, 'actual', period.start, period.end),
      await store.dualUseLicenceGroups(q, period.start, period.end),
      await store.refusals(q, period.start, period.end),
      await store.denialOverrides(q, period.start, period.end),
    ];
    return buildWassenaarReport({ state: deps.config.state, period, today: deps.clock.now().toISOString().slice(0, 10), deliveries, issued, refusals, overrides, mappings, historical });
  }
  const groups = await store.transferGroups(q, basis, period.start, period.end);
  return buildArmsReport({ kind, state: deps.config.state, period, basis, groups, mappings, historical: await history(basis) });
}
