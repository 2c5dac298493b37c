import type { ExchangeService } from '../exchange/service.ts';
import { defineModule } from '../platform/module.ts';
import { licensingExchangeEffects, licensingExchangeVerbs } from './exchange-bridge.ts';
import { licensingExchangeRoutes } from './exchange-routes.ts';
import type { LicensingService } from './service.ts';

/**
 * Licensing over the exchange (Protocol Art. 10(2), 10(4)): the case's requests to other States' nodes,
 * and the effects of their answers on cases and shipments, given to the exchange when the list is built.
 * Its permissions are licensing's.
 */
export const licensingExchangeModule = defineModule({
  name: 'licensingExchange',
  needs: ['licensing', 'exchange'],
  createService: (deps, needs: { licensing: LicensingService; exchange: ExchangeService }) => {
    needs.exchange.handle(licensingExchangeEffects(deps, needs.licensing));
    return licensingExchangeVerbs(deps, needs.exchange);
  },
  routes: [licensingExchangeRoutes],
});
