import type { Api } from '../platform/http/types.ts';
import { referenceTable } from './tables.ts';
import * as s from './schemas.ts';
import type { RouteContext } from '../platform/module.ts';
import type { ReferenceService } from './service.ts';

const TAGS = ['reference'];

/** Reference tables for pickers and the embargo register. HTTP only: the service decides. */
export async function referenceRoutes(api: Api, opts: RouteContext<ReferenceService>): Promise<void> {
  const { service } = opts;

  api.get(
    '/reference/tables',
    { config: { permission: 'reference.read' }, schema: { tags: TAGS, summary: 'Reference tables with their sources and completeness', response: { 200: s.tablesResponse } } },
    async (request) => ({ tables: service.listTables(request.actor) }),
  );

  api.get(
    '/reference/tables/:table',
    {
      config: { permission: 'reference.read' },
      schema: {
        tags: TAGS,
        summary: 'Search a reference table for a picker (code or text, in the given locale)',
        params: s.tableParams,
        querystring: s.tableSearchQuery,
        response: { 200: s.tableSearchResponse },
      },
    },
    async (request, reply) => {
      const { table } = request.params;
      const items = service.searchTable(request.actor, table, {
        query: request.query.q,
        locale: request.query.locale,
        tags: request.query.tags,
        limit: request.query.limit,
      });
      reply.header('cache-control', 'private, max-age=300');
      return { table, source: referenceTable(table)!.source, items };
    },
  );

  api.get(
    '/reference/tables/:table/:code',
    {
      config: { permission: 'reference.read' },
      schema: {
        tags: TAGS,
        summary: 'Validate and describe one code (404 when it is not valid in the table)',
        params: s.tableCodeParams,
        querystring: s.localeQuery,
        response: { 200: s.pickerEntrySchema },
      },
    },
    async (request) => service.describeCode(request.actor, request.params.table, request.params.code, request.query.locale),
  );

  api.get(
    '/reference/crosswalk/firearm-types',
    {
      config: { permission: 'reference.read' },
      schema: { tags: TAGS, summary: 'Indicative firearm type → ITI class, UNROCA category, ML entry and HS subheading', response: { 200: s.crosswalkResponse } },
    },
    async (request) => service.firearmTypeCrosswalk(request.actor),
  );

  api.get(
    '/reference/embargoes',
    {
      config: { permission: 'reference.read' },
      schema: { tags: TAGS, summary: 'UN, regional and national arms embargoes, optionally by State and date', querystring: s.embargoListQuery, response: { 200: s.embargoListResponse } },
    },
    async (request) => ({
      items: await service.listEmbargoes(request.actor, {
        countryCode: request.query.country,
        activeOn: request.query.activeOn,
        authority: request.query.authority,
      }),
    }),
  );

  api.get(
    '/reference/embargoes/check/:country',
    {
      config: { permission: 'reference.read' },
      schema: {
        tags: TAGS,
        summary: 'Arms embargoes in force on a State on a date, strictest scope first',
        params: s.embargoCheckParams,
        querystring: s.embargoCheckQuery,
        response: { 200: s.embargoCheckResponse },
      },
    },
    async (request) => service.embargoesFor(request.actor, { countryCode: request.params.country, date: request.query.date }),
  );

  api.get(
    '/reference/embargoes/:id',
    { config: { permission: 'reference.read' }, schema: { tags: TAGS, summary: 'One embargo', params: s.embargoIdParams, response: { 200: s.embargoSchema } } },
    async (request) => service.getEmbargo(request.actor, request.params.id),
  );

  api.post(
    '/reference/embargoes',
    {
      config: { permission: 'reference.embargo.manage' },
      schema: { tags: TAGS, summary: 'Record a national or regional arms embargo (audited)', body: s.newEmbargoBody, response: { 201: s.storedEmbargoSchema } },
    },
    async (request, reply) => {
      const created = await service.addEmbargo(request.actor, request.body);
      reply.code(201);
      return created;
    },
  );

  api.post(
    '/reference/embargoes/:id/lift',
    {
      config: { permission: 'reference.embargo.manage' },
      schema: { tags: TAGS, summary: 'Lift a national or regional embargo from a date, with the reason (audited; never deleted)', params: s.embargoIdParams, body: s.liftEmbargoBody, response: { 200: s.storedEmbargoSchema } },
    },
    async (request) => service.liftEmbargo(request.actor, request.params.id, request.body),
  );
}
