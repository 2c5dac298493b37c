import { defineModule } from '../platform/module.ts';
import { referencePolicy } from './policy.ts';
import { referenceRoutes } from './routes.ts';
import { createReferenceService } from './service.ts';
import { AUDITED_EMBARGO } from './store.ts';

/** Control lists, countries, embargoes, calibres: data and look-ups the other modules read. */
export const referenceModule = defineModule({
  name: 'reference',
  policy: referencePolicy,
  auditedEntities: [AUDITED_EMBARGO],
  createService: (deps) => createReferenceService(deps),
  routes: [referenceRoutes],
});
