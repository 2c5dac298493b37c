import { defineModule } from '../platform/module.ts';
import type { ScreeningService } from '../screening/service.ts';
import type { TracingService } from '../tracing/service.ts';
import { screeningExchangeEffects, tracingExchangeEffects } from './bridge.ts';
import { exchangeBridgeRoutes } from './bridge-routes.ts';
import type { ExchangeService } from './service.ts';

/**
 * The effects of tracing and denial envelopes (bridge.ts), given to the exchange once tracing and screening
 * are built; and the read of hits other States notify. Its permissions are tracing's.
 */
export const exchangeBridgeModule = defineModule({
  name: 'exchangeBridge',
  needs: ['exchange', 'tracing', 'screening'],
  createService: (_deps, needs: { exchange: ExchangeService; tracing: TracingService; screening: ScreeningService }) => {
    needs.exchange.handle({ ...tracingExchangeEffects(needs.tracing), ...screeningExchangeEffects(needs.screening) });
    return { listHitsAbroad: needs.tracing.listHitsAbroad };
  },
  routes: [exchangeBridgeRoutes],
});
