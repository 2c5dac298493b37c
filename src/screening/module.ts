import { defineModule } from '../platform/module.ts';
import type { ReferenceService } from '../reference/service.ts';
import type { RegistryService } from '../registry/service.ts';
import { registerScreeningCommands } from './cli.ts';
import { ALERT, DECISION, DENIAL, HIT, LIST_VERSION, RUN, SUBJECT } from './entities.ts';
import { screeningPolicy } from './policy.ts';
import { screeningRoutes } from './routes.ts';
import { createScreeningService } from './service.ts';

/** Sanctions lists, screening of names and parties, denials. Reads embargoes (reference) and parties (registry). */
export const screeningModule = defineModule({
  name: 'screening',
  policy: screeningPolicy,
  auditedEntities: [LIST_VERSION, SUBJECT, RUN, HIT, DECISION, ALERT, DENIAL],
  needs: ['reference', 'registry'],
  createService: (deps, needs: { reference: ReferenceService; registry: RegistryService }) => createScreeningService(deps, needs),
  routes: [screeningRoutes],
  commands: registerScreeningCommands,
});
