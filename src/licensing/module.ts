import { defineModule } from '../platform/module.ts';
import { registerLicensingCommands } from './cli.ts';
import type { LicensingCollaborators } from './context.ts';
import { LICENSING_AUDITED_ENTITIES } from './entities.ts';
import { licensingPolicy } from './policy.ts';
import { licensingRoutes } from './routes.ts';
import { createLicensingService } from './service.ts';

/** Applications, cases, licences, shipments, delivery verification, brokers (Protocol Arts 10 and 15). */
export const licensingModule = defineModule({
  name: 'licensing',
  policy: licensingPolicy,
  auditedEntities: LICENSING_AUDITED_ENTITIES,
  needs: ['screening', 'registry'],
  createService: (deps, needs: LicensingCollaborators) => createLicensingService(deps, needs),
  routes: [licensingRoutes],
  commands: registerLicensingCommands,
});
