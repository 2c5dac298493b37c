import { defineModule } from '../platform/module.ts';
import type { ExchangeService } from '../exchange/service.ts';
import type { RegistryService } from '../registry/service.ts';
import { registerTracingCommands } from './cli.ts';
import { tracingPolicy } from './policy.ts';
import { tracingRoutes } from './routes.ts';
import { tracingPhotographRoutes } from './photograph-routes.ts';
import { createTracingService } from './service.ts';
import {
  AUDITED_DISPOSAL,
  AUDITED_DOMESTIC_TRACE,
  AUDITED_RECOVERED_ITEM,
  AUDITED_RECOVERY_CASE,
  AUDITED_RECOVERY_MATCH,
  AUDITED_TRACING_REQUEST,
} from './store.ts';
import { AUDITED_PHOTOGRAPH } from './store-photographs.ts';
import { AUDITED_FOREIGN_HIT, AUDITED_FOREIGN_REPORT, AUDITED_HIT_ABROAD } from './store-foreign.ts';

/**
 * Recovered firearms (Protocol Arts 6, 9, 11, 12; ITI; ISACS 05.31): recoveries and the registry check,
 * lost/stolen hits, domestic traces, international tracing requests as signed documents, disposal with
 * public certificates, SDG 16.4.2 figures (docs/tracing.md).
 */
export const tracingModule = defineModule({
  name: 'tracing',
  policy: tracingPolicy,
  auditedEntities: [AUDITED_RECOVERY_CASE, AUDITED_RECOVERED_ITEM, AUDITED_RECOVERY_MATCH, AUDITED_DOMESTIC_TRACE, AUDITED_TRACING_REQUEST, AUDITED_DISPOSAL, AUDITED_FOREIGN_REPORT, AUDITED_FOREIGN_HIT, AUDITED_HIT_ABROAD, AUDITED_PHOTOGRAPH],
  // The exchange carries signed tracing documents and hit notifications to States whose nodes are enrolled.
  needs: ['registry', 'exchange'],
  createService: (deps, needs: { registry: RegistryService; exchange: ExchangeService }) => createTracingService(deps, needs),
  routes: [tracingRoutes, tracingPhotographRoutes],
  commands: registerTracingCommands,
});
