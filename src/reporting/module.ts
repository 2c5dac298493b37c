import { defineModule } from '../platform/module.ts';
import { registerReportingCommands } from './cli.ts';
import { REPORTING_AUDITED_ENTITIES } from './entities.ts';
import { reportingPolicy } from './policy.ts';
import { reportingRoutes } from './routes.ts';
import { createReportingService } from './service.ts';
import type { TracingService } from '../tracing/service.ts';

/**
 * International returns computed from the records (UNROCA, ATT annual report, Wassenaar six-monthly,
 * UNODC IAFQ / SDG 16.4.2, Firearms Protocol self-assessment): the category mapping, ATT Art. 13(3)
 * withholding, stored reports and charts. Reads licensing's and the registry's records through the
 * views of its own migrations; asks the tracing service for recovery figures and the records behind them.
 */
export const reportingModule = defineModule({
  name: 'reporting',
  policy: reportingPolicy,
  auditedEntities: REPORTING_AUDITED_ENTITIES,
  needs: ['tracing'],
  createService: (deps, needs: { tracing: TracingService }) => createReportingService(deps, needs),
  routes: [reportingRoutes],
  commands: registerReportingCommands,
});
