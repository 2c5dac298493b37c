import { defineModule } from '../platform/module.ts';
import { registerExchangeCommands } from './cli.ts';
import { INBOX, OUTBOX, PEER, RELAYED } from './entities.ts';
import { exchangePolicy } from './policy.ts';
import { exchangeRoutes } from './routes.ts';
import { createExchangeService } from './service.ts';

/**
 * State-to-State exchange: peers, the outbox and its sender, the inbox and the officers' queue. It needs no
 * other module: the modules whose records a message changes give their effects to its service
 * (`handle`) from their own descriptors, later in the list.
 */
export const exchangeModule = defineModule({
  name: 'exchange',
  policy: exchangePolicy,
  auditedEntities: [PEER, OUTBOX, INBOX, RELAYED],
  createService: (deps) => createExchangeService(deps),
  routes: [exchangeRoutes],
  commands: registerExchangeCommands,
});
