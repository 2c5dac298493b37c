import { defineModule } from '../platform/module.ts';
import { registerRegistryCommands } from './cli.ts';
import { AUDITED_DEMO_LOAD } from './demo/load.ts';
import { registryPolicy } from './policy.ts';
import { registryRoutes } from './routes.ts';
import { createRegistryService } from './service.ts';
import { AUDITED_EVENT, AUDITED_ITEM, AUDITED_MARKING, AUDITED_PARTY, AUDITED_REGISTRATION } from './store.ts';

/** Items, markings, parties and custody events (Protocol Arts 7–8); `custodia demo`. */
export const registryModule = defineModule({
  name: 'registry',
  policy: registryPolicy,
  auditedEntities: [AUDITED_ITEM, AUDITED_MARKING, AUDITED_EVENT, AUDITED_PARTY, AUDITED_REGISTRATION, AUDITED_DEMO_LOAD],
  createService: (deps) => createRegistryService(deps),
  routes: [registryRoutes],
  commands: registerRegistryCommands,
});
