import { z } from 'zod';
import type { Api } from '../platform/http/types.ts';
import type { RouteContext } from '../platform/module.ts';
import { importCheckInput, transitNotificationInput, type LicensingExchangeVerbs } from './exchange-bridge.ts';

const tags = ['licensing', 'exchange'];
const idParams = z.object({ id: z.string() });
const sentSchema = z.object({ id: z.string(), to: z.string(), type: z.string(), sha256: z.string(), createdAt: z.string(), expiresAt: z.string() });

/** The exporting State's requests to other States' nodes, from a licensing case or shipment. */
export async function licensingExchangeRoutes(api: Api, opts: RouteContext<LicensingExchangeVerbs>) {
  const verbs = opts.service;

  api.post('/licensing/applications/:id/exchange/import-check', {
    config: { permission: 'licensing.application.review' },
    schema: {
      tags,
      summary: "Ask the importing State's node whether its import licence covers this case (Art. 10(2)(a)); its signed answer is recorded on the case as evidence",
      params: idParams,
      body: importCheckInput,
      response: { 201: sentSchema },
    },
  }, async (request, reply) => {
    reply.code(201);
    return verbs.requestImportCheck(request.actor, request.params.id, request.body);
  });

  api.post('/licensing/applications/:id/exchange/transit-notifications', {
    config: { permission: 'licensing.application.review' },
    schema: {
      tags,
      summary: "Notify each transit State's node and ask for its no-objection (Art. 10(2)(b)); a no-objection is recorded on the case as evidence",
      params: idParams,
      body: transitNotificationInput,
      response: { 201: z.object({ items: z.array(sentSchema) }) },
    },
  }, async (request, reply) => {
    reply.code(201);
    return verbs.notifyTransitStates(request.actor, request.params.id, request.body);
  });

  api.post('/licensing/shipments/:id/exchange/delivery-request', {
    config: { permission: 'licensing.shipment.verify' },
    schema: {
      tags,
      summary: "Ask the importing State's node to confirm receipt of this shipment (Art. 10(4)); its confirmation marks the shipment delivered",
      params: idParams,
      response: { 201: sentSchema },
    },
  }, async (request, reply) => {
    reply.code(201);
    return verbs.requestDeliveryConfirmation(request.actor, request.params.id);
  });
}
