import type { Actor } from '../../platform/auth/actor.ts';
import { parseInput } from '../../platform/validation.ts';
import { currentMappings, tracingRecords, type ReportingContext } from '../context.ts';
import { historicalCharts, recoveryChart, tracingOutcomeChart, transferCharts } from '../model.ts';
import { reportingPolicy } from '../policy.ts';
import { chartQuerySchema, type ChartQuery } from '../schemas.ts';
import * as store from '../store.ts';

/** What the charts screen draws: exports by category and by destination over time, licences issued and refused by month, firearms recovered by type and tracing outcomes. */
export async function charts(ctx: ReportingContext, actor: Actor, query: ChartQuery) {
  reportingPolicy.require(actor, 'reporting.report.read');
  const q = parseInput('reporting', chartQuerySchema, query);
  return ctx.deps.db.transaction(async (tx) => {
    const mappings = await currentMappings(ctx, tx);
    await store.refreshTransferLines(tx);
    const transfers = transferCharts(await store.chartLines(tx, q.basis, q.from, q.to, q.granularity), mappings);
    // Imported history has years only: its series are per year whatever the granularity.
    const history = historicalCharts(await store.historicalChartLines(tx, ctx.deps.config.state, q.basis, Number(q.from.slice(0, 4)), Number(q.to.slice(0, 4))));
    const licencesByMonth = await store.licenceDecisionsByMonth(tx, q.from, q.to);
    const records = await tracingRecords(ctx, actor, tx, q.from, q.to);
    return {
      ...q,
      transfersByCategory: transfers.byCategory,
      transfersByDestination: transfers.byDestination,
      historicalByCategory: history.byCategory,
      historicalByDestination: history.byDestination,
      licencesByMonth,
      recoveriesByType: records ? recoveryChart(records.items, q.granularity) : null,
      tracingOutcomes: records ? tracingOutcomeChart(records) : null,
    };
  });
}
