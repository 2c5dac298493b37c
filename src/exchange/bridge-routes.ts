import { z } from 'zod';
import type { Api } from '../platform/http/types.ts';
import type { RouteContext } from '../platform/module.ts';
import type { TracingService } from '../tracing/service.ts';
import { hitsAbroadQuerySchema } from '../tracing/foreign-schemas.ts';

const json = z.record(z.string(), z.unknown());
const hitAbroadSchema = z.object({
  id: z.string(),
  notifyingState: z.string(),
  reportReference: z.string(),
  weapon: json,
  matchedOn: z.array(z.string()),
  recoveryType: z.string(),
  recoveredOn: z.string(),
  place: json,
  holdingAuthority: json,
  caseReference: z.string().nullable(),
  envelopeId: z.string(),
  alertStatus: z.enum(['open', 'acknowledged']),
  receivedAt: z.string().nullable(),
  /** The agency that took this State's report (the registry event's recipient), when there is one. */
  reportingAgencyPartyId: z.string().optional(),
});

/** Hits other States' nodes notified on this State's lost/stolen reports (the signed envelopes: GET /exchange/inbox?type=hit_notification). */
export async function exchangeBridgeRoutes(api: Api, opts: RouteContext<{ listHitsAbroad: TracingService['listHitsAbroad']; acknowledgeHitAbroad: TracingService['acknowledgeHitAbroad'] }>) {
  api.get('/tracing/hits-abroad', {
    config: { permission: 'tracing.hits.read' },
    schema: {
      tags: ['tracing: hits', 'exchange'],
      summary: "Items this State reported lost or stolen that another State's node notified as recovered there (open alerts first to act on), newest first",
      querystring: hitsAbroadQuerySchema,
      response: { 200: z.object({ items: z.array(hitAbroadSchema) }) },
    },
  }, async (request) => opts.service.listHitsAbroad(request.actor, request.query));

  api.post('/tracing/hits-abroad/:id/acknowledge', {
    config: { permission: 'tracing.hits.acknowledge' },
    schema: {
      tags: ['tracing: hits', 'exchange'],
      summary: 'An officer has seen a hit notified from abroad: it leaves the open alerts (nothing is sent to the other State)',
      params: z.object({ id: z.string().uuid() }),
      response: { 200: hitAbroadSchema },
    },
  }, async (request) => opts.service.acknowledgeHitAbroad(request.actor, request.params.id));
}
