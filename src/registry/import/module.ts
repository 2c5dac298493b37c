import { defineModule } from '../../platform/module.ts';
import { registerImportCommands } from '../cli.ts';
import { registryImportRoutes } from './routes.ts';
import { createImportService } from './service.ts';
import { AUDITED_IMPORT_JOB } from './store.ts';

/**
 * Bulk import of registry items from CSV (API upload and `custodia import items`). Its permissions are
 * the registry's (registry.items.write), so it declares no policy table of its own.
 */
export const importsModule = defineModule({
  name: 'imports',
  auditedEntities: [AUDITED_IMPORT_JOB],
  createService: (deps) => createImportService(deps),
  routes: [registryImportRoutes],
  commands: registerImportCommands,
});
