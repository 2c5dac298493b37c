import { defineModule } from '../platform/module.ts';
import { registerAuditCommands } from './cli.ts';
import { auditPolicy } from './policy.ts';
import { auditRoutes } from './routes.ts';
import { createAuditService } from './service.ts';

/**
 * The audit log's API: entries, proofs, checkpoints, verification. Verification re-reads every entity
 * the module list declares (the catalog), so it is built from the catalog, not from the other services.
 */
export const auditModule = defineModule({
  name: 'audit',
  policy: auditPolicy,
  createService: (deps, _needs, catalog) => createAuditService(deps, catalog),
  routes: [auditRoutes],
  commands: registerAuditCommands,
});
