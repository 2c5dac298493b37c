import { defineModule } from '../platform/module.ts';
import type { RegistryService } from '../registry/service.ts';
import type { ScreeningService } from '../screening/service.ts';
import type { TracingService } from '../tracing/service.ts';
import { screeningExchangeEffects, tracingBeforeEffects, tracingExchangeEffects } from './bridge.ts';
import { lostStolenNotices } from './bridge-registry.ts';
import { exchangeBridgeRoutes } from './bridge-routes.ts';
import type { ExchangeService } from './service.ts';

/**
 * The effects of tracing and denial envelopes (bridge.ts), given to the exchange once tracing and screening
 * are built; the lost/stolen notices sent when the registry records a loss, a theft or a recovery
 * (bridge-registry.ts), given to the registry as a listener; and the read and acknowledgement of hits other
 * States notify. Its permissions are tracing's.
 */
export const exchangeBridgeModule = defineModule({
  name: 'exchangeBridge',
  needs: ['exchange', 'tracing', 'screening', 'registry'],
  createService: (deps, needs: { exchange: ExchangeService; tracing: TracingService; screening: ScreeningService; registry: RegistryService }) => {
    needs.exchange.handle({ ...tracingExchangeEffects(needs.tracing), ...screeningExchangeEffects(needs.screening) }, tracingBeforeEffects(needs.tracing));
    needs.registry.onCustodyEvents(lostStolenNotices(deps, needs.exchange, needs.registry));
    return { listHitsAbroad: needs.tracing.listHitsAbroad, acknowledgeHitAbroad: needs.tracing.acknowledgeHitAbroad };
  },
  routes: [exchangeBridgeRoutes],
});
