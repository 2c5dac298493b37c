import type { Api } from '../platform/http/types.ts';
import {
  candidateListSchema,
  candidateQuerySchema,
  eventInputSchema,
  idParamSchema,
  itemDetailSchema,
  itemPageSchema,
  itemStatsSchema,
  itemSearchQuerySchema,
  markingInputSchema,
  partyDetailSchema,
  partyInputSchema,
  partyListQuerySchema,
  partyPageSchema,
  partyRegistrationParamSchema,
  partyUpdateSchema,
  partyVersionListSchema,
  registerItemSchema,
  registrationInputSchema,
  registrationSchema,
  retireSchema,
} from './schemas.ts';
import type { RouteContext } from '../platform/module.ts';
import type { RegistryService } from './service.ts';

/** HTTP only: each handler calls one service method; permissions are declared here and enforced in the service. */
export async function registryRoutes(api: Api, opts: RouteContext<RegistryService>): Promise<void> {
  const registry = opts.service;
  const items = ['registry: items'];
  const parties = ['registry: parties'];

  api.post(
    '/registry/items',
    {
      config: { permission: 'registry.items.write' },
      schema: { tags: items, summary: 'Register a firearm, part or ammunition lot with its markings (and its first custody event)', body: registerItemSchema, response: { 201: itemDetailSchema } },
    },
    async (request, reply) => reply.status(201).send(await registry.registerItem(request.actor, request.body)),
  );

  api.get(
    '/registry/items',
    {
      config: { permission: 'registry.items.read' },
      schema: {
        tags: items,
        summary: 'Search items: exact serial (normalised), partial serial (`?` one unknown character, `*` many), filters; cursor pages',
        querystring: itemSearchQuerySchema,
        response: { 200: itemPageSchema },
      },
    },
    async (request) => registry.searchItems(request.actor, request.query),
  );

  api.get(
    '/registry/items/candidates',
    {
      config: { permission: 'registry.items.read' },
      schema: {
        tags: items,
        summary: 'Ranked candidates for an obliterated or altered serial (`?` one unreadable character, `*` many), scored on the readable characters, make, model and calibre, with the count of every match',
        querystring: candidateQuerySchema,
        response: { 200: candidateListSchema },
      },
    },
    async (request) => registry.rankPartialSerial(request.actor, request.query),
  );

  api.get(
    '/registry/stats',
    {
      config: { permission: 'registry.items.read' },
      schema: { tags: items, summary: 'Counts of items by status and kind (industry: its own items only)', response: { 200: itemStatsSchema } },
    },
    async (request) => registry.itemStats(request.actor),
  );

  api.get(
    '/registry/items/:id',
    {
      config: { permission: 'registry.items.read' },
      schema: { tags: items, summary: 'Item page: markings, full chain of custody, derived status and holder, retention date', params: idParamSchema, response: { 200: itemDetailSchema } },
    },
    async (request) => registry.getItem(request.actor, request.params.id),
  );

  api.post(
    '/registry/items/:id/markings',
    {
      config: { permission: 'registry.items.write' },
      schema: { tags: items, summary: 'Add a marking (markings are appended, never overwritten)', params: idParamSchema, body: markingInputSchema, response: { 201: itemDetailSchema } },
    },
    async (request, reply) => reply.status(201).send(await registry.addMarking(request.actor, request.params.id, request.body)),
  );

  api.post(
    '/registry/items/:id/events',
    {
      config: { permission: 'registry.events.write' },
      schema: { tags: items, summary: 'Record a custody event; impossible sequences are refused with a reason code', params: idParamSchema, body: eventInputSchema, response: { 201: itemDetailSchema } },
    },
    async (request, reply) => reply.status(201).send(await registry.recordEvent(request.actor, request.params.id, request.body)),
  );

  api.post(
    '/registry/parties',
    {
      config: { permission: 'registry.parties.write' },
      schema: { tags: parties, summary: 'Create a party (person or organisation)', body: partyInputSchema, response: { 201: partyDetailSchema } },
    },
    async (request, reply) => reply.status(201).send(await registry.createParty(request.actor, request.body)),
  );

  api.get(
    '/registry/parties',
    {
      config: { permission: 'registry.parties.read' },
      schema: { tags: parties, summary: 'List parties (never personal data)', querystring: partyListQuerySchema, response: { 200: partyPageSchema } },
    },
    async (request) => registry.listParties(request.actor, request.query),
  );

  api.get(
    '/registry/parties/:id',
    {
      config: { permission: 'registry.parties.read' },
      schema: { tags: parties, summary: 'Party page with registrations; personal data only for permitted roles (the read is audited)', params: idParamSchema, response: { 200: partyDetailSchema } },
    },
    async (request) => registry.getParty(request.actor, request.params.id),
  );

  api.get(
    '/registry/parties/:id/versions',
    {
      config: { permission: 'registry.parties.read' },
      schema: { tags: parties, summary: 'Every version of a party, oldest first (never personal data)', params: idParamSchema, response: { 200: partyVersionListSchema } },
    },
    async (request) => registry.listPartyVersions(request.actor, request.params.id),
  );

  api.put(
    '/registry/parties/:id',
    {
      config: { permission: 'registry.parties.write' },
      schema: { tags: parties, summary: 'Update a party (a new version; earlier versions are kept)', params: idParamSchema, body: partyUpdateSchema, response: { 200: partyDetailSchema } },
    },
    async (request) => registry.updateParty(request.actor, request.params.id, request.body),
  );

  api.post(
    '/registry/parties/:id/retire',
    {
      config: { permission: 'registry.parties.write' },
      schema: { tags: parties, summary: 'Retire a party with a reason (nothing is deleted)', params: idParamSchema, body: retireSchema, response: { 200: partyDetailSchema } },
    },
    async (request) => registry.retireParty(request.actor, request.params.id, request.body),
  );

  api.post(
    '/registry/parties/:id/registrations',
    {
      config: { permission: 'registry.parties.write' },
      schema: { tags: parties, summary: 'Add a registration or licence with its validity period', params: idParamSchema, body: registrationInputSchema, response: { 201: registrationSchema } },
    },
    async (request, reply) => reply.status(201).send(await registry.addRegistration(request.actor, request.params.id, request.body)),
  );

  api.post(
    '/registry/parties/:id/registrations/:registrationId/revoke',
    {
      config: { permission: 'registry.parties.write' },
      schema: { tags: parties, summary: 'Revoke a registration with a reason', params: partyRegistrationParamSchema, body: retireSchema, response: { 200: registrationSchema } },
    },
    async (request) => registry.revokeRegistration(request.actor, request.params.id, request.params.registrationId, request.body),
  );
}
