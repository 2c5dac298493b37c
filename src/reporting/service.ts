import type { Deps } from '../platform/deps.ts';
import { bindUseCases } from '../platform/module.ts';
import { createContext, type ReportingCollaborators } from './context.ts';
import { charts } from './use-cases/charts.ts';
import { generateReport } from './use-cases/generate-report.ts';
import { getReport } from './use-cases/get-report.ts';
import { importHistory } from './use-cases/import-history.ts';
import { listMappings } from './use-cases/list-mappings.ts';
import { listReports } from './use-cases/list-reports.ts';
import { listWithheld } from './use-cases/list-withheld.ts';
import { mappingHistory } from './use-cases/mapping-history.ts';
import { previewReport } from './use-cases/preview-report.ts';
import { releaseLine } from './use-cases/release-line.ts';
import { renderReport } from './use-cases/render-report.ts';
import { setMapping } from './use-cases/set-mapping.ts';
import { withholdLine } from './use-cases/withhold-line.ts';

// What other files import from the reporting service stays importable from here.
export type { ReportContent, StoredReport } from './presenters.ts';

/**
 * The international returns (issue 15): category mapping with history, ATT Art. 13(3) withholding,
 * and reports computed from licensing's records, stored with their period, the audit-log size when
 * computed and their own hash, and audited. One use case per file in use-cases/ (input schema, access
 * check, transaction, audit entry), assembled here with their context. `tracing`: recovery figures and
 * the records behind them.
 */
export function createReportingService(deps: Deps, collaborators: ReportingCollaborators) {
  const ctx = createContext(deps, collaborators);
  return bindUseCases(ctx, {
    listMappings,
    mappingHistory,
    setMapping,
    withholdLine,
    releaseLine,
    listWithheld,
    previewReport,
    generateReport,
    getReport,
    charts,
    listReports,
    renderReport,
    importHistory,
  });
}

export type ReportingService = ReturnType<typeof createReportingService>;
