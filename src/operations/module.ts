import type { AuditService } from '../audit/service.ts';
import { defineModule } from '../platform/module.ts';
import { createBackupService } from './backup.ts';
import { registerOperationsCommands } from './cli.ts';
import { RUN } from './entities.ts';
import { operationsPolicy } from './policy.ts';
import { operationsRoutes } from './routes.ts';

/** Backups, restores and the move to PostgreSQL. A backup records the audit log's head. */
export const operationsModule = defineModule({
  name: 'operations',
  policy: operationsPolicy,
  auditedEntities: [RUN],
  needs: ['audit'],
  createService: (deps, needs: { audit: AuditService }) => createBackupService(deps, needs),
  routes: [operationsRoutes],
  commands: registerOperationsCommands,
});
