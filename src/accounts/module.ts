import { defineModule } from '../platform/module.ts';
import type { RegistryService } from '../registry/service.ts';
import { registerAccountsCommands } from './cli.ts';
import { accountsPolicy } from './policy.ts';
import { accountsRoutes, authRoutes } from './routes.ts';
import { sessionEntity, tokenEntity, userEntity } from './entities.ts';
import { createAccountsService } from './service.ts';

/** Users, roles, sessions, API tokens and lockout. An industry user's organisation is a registry party. */
export const accountsModule = defineModule({
  name: 'accounts',
  policy: accountsPolicy,
  auditedEntities: [userEntity, sessionEntity, tokenEntity],
  needs: ['registry'],
  createService: (deps, needs: { registry: RegistryService }) => createAccountsService(deps, needs),
  routes: [accountsRoutes, authRoutes],
  commands: registerAccountsCommands,
});
