import { defineModule } from '../platform/module.ts';
import { registerReportingCommands } from './cli.ts';
import { REPORTING_AUDITED_ENTITIES } from './entities.ts';
import { reportingPolicy } from './policy.ts';
import { reportingRoutes } from './routes.ts';
import { createReportingService } from './service.ts';

/**
 * International returns computed from the records (UNROCA, ATT annual report, Wassenaar six-monthly):
 * the category mapping, ATT Art. 13(3) withholding, stored reports and charts. Reads licensing's
 * records through the views of its own migration, so it needs no other module's service.
 */
export const reportingModule = defineModule({
  name: 'reporting',
  policy: reportingPolicy,
  auditedEntities: REPORTING_AUDITED_ENTITIES,
  createService: (deps) => createReportingService(deps),
  routes: [reportingRoutes],
  commands: registerReportingCommands,
});
