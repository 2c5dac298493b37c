import { z } from 'zod';
import type { RouteContext } from '../platform/module.ts';
import { pageQuerySchema, pageSchema } from '../platform/http/pagination.ts';
import type { Api } from '../platform/http/types.ts';
import { REPORT_KINDS } from './model.ts';
import {
  chartQuerySchema,
  chartsOut,
  mappingInputSchema,
  mappingKeySchema,
  mappingOut,
  releaseInputSchema,
  reportContentOut,
  reportOut,
  reportRequestSchema,
  reportSummaryOut,
  withheldOut,
  type ChartQuery,
  type MappingInput,
  type ReleaseInput,
  type ReportRequest,
  type WithholdInput,
  withholdInputSchema,
} from './schemas.ts';
import type { ReportingService } from './service.ts';

const referenceParams = z.object({ reference: z.string().min(1).max(60) });
const downloadQuery = z.object({ format: z.enum(['csv', 'xlsx', 'pdf']) });

/** HTTP only: each handler calls one service method; the service checks permissions again and owns the rules. */
export async function reportingRoutes(api: Api, opts: RouteContext<ReportingService>): Promise<void> {
  const svc = opts.service;
  const reports = ['reporting: international reports'];
  const mappings = ['reporting: category mapping and withholding'];

  api.get(
    '/reporting/mappings',
    { config: { permission: 'reporting.mapping.read' }, schema: { tags: mappings, summary: 'Current category mappings (control entry and item type → UNROCA / ATT / Wassenaar category, dual-use tier)', response: { 200: z.object({ items: z.array(mappingOut) }) } } },
    async (request) => ({ items: await svc.listMappings(request.actor) }),
  );

  api.get(
    '/reporting/mappings/history',
    { config: { permission: 'reporting.mapping.read' }, schema: { tags: mappings, summary: 'Every version of one mapping, oldest first', querystring: mappingKeySchema, response: { 200: z.object({ items: z.array(mappingOut) }) } } },
    async (request) => ({ items: await svc.mappingHistory(request.actor, request.query) }),
  );

  api.put(
    '/reporting/mappings',
    { config: { permission: 'reporting.mapping.edit' }, schema: { tags: mappings, summary: 'Set how a control entry / item type / firearm type is counted (a new version; the old one is kept)', body: mappingInputSchema, response: { 200: mappingOut } } },
    async (request) => svc.setMapping(request.actor, request.body as MappingInput),
  );

  api.get(
    '/reporting/withheld-lines',
    { config: { permission: 'reporting.withholding.read' }, schema: { tags: mappings, summary: 'Licence lines withheld from the reports (ATT Art. 13(3))', response: { 200: z.object({ items: z.array(withheldOut) }) } } },
    async (request) => ({ items: await svc.listWithheld(request.actor) }),
  );

  api.post(
    '/reporting/withheld-lines',
    { config: { permission: 'reporting.withholding.edit' }, schema: { tags: mappings, summary: 'Withhold a licence line as commercially sensitive or national-security data (ATT Art. 13(3))', body: withholdInputSchema, response: { 200: withheldOut } } },
    async (request) => svc.withholdLine(request.actor, request.body as WithholdInput),
  );

  api.post(
    '/reporting/withheld-lines/release',
    { config: { permission: 'reporting.withholding.edit' }, schema: { tags: mappings, summary: 'Report a withheld licence line again (reason required)', body: releaseInputSchema, response: { 200: withheldOut } } },
    async (request) => svc.releaseLine(request.actor, request.body as ReleaseInput),
  );

  api.get(
    '/reporting/preview',
    {
      config: { permission: 'reporting.report.read' },
      schema: { tags: reports, summary: 'Compute a report without storing it (UNROCA or ATT for a year, Wassenaar for a half-year)', querystring: reportRequestSchema, response: { 200: reportContentOut } },
    },
    async (request) => svc.previewReport(request.actor, request.query as ReportRequest),
  );

  api.get(
    '/reporting/charts',
    {
      config: { permission: 'reporting.report.read' },
      schema: { tags: reports, summary: 'Exports by category and destination per year or month, licences issued and refused per month', querystring: chartQuerySchema, response: { 200: chartsOut } },
    },
    async (request) => svc.charts(request.actor, request.query as ChartQuery),
  );

  api.post(
    '/reporting/reports',
    {
      config: { permission: 'reporting.report.generate' },
      schema: { tags: reports, summary: 'Generate and store a report: its period, the audit-log size when computed and its content hash (audited)', body: reportRequestSchema, response: { 201: reportOut } },
    },
    async (request, reply) => reply.status(201).send(await svc.generateReport(request.actor, request.body as ReportRequest)),
  );

  api.get(
    '/reporting/reports',
    {
      config: { permission: 'reporting.report.read' },
      schema: { tags: reports, summary: 'Stored reports, newest first', querystring: pageQuerySchema.extend({ kind: z.enum(REPORT_KINDS).optional() }), response: { 200: pageSchema(reportSummaryOut) } },
    },
    async (request) => svc.listReports(request.actor, request.query),
  );

  api.get(
    '/reporting/reports/:reference',
    { config: { permission: 'reporting.report.read' }, schema: { tags: reports, summary: 'A stored report with its content', params: referenceParams, response: { 200: reportOut } } },
    async (request) => svc.getReport(request.actor, request.params.reference),
  );

  api.get(
    '/reporting/reports/:reference/download',
    {
      config: { permission: 'reporting.report.read' },
      schema: { tags: reports, summary: 'A stored report as XLSX (laid out like the official form), CSV or PDF', params: referenceParams, querystring: downloadQuery },
    },
    async (request, reply) => {
      const file = await svc.renderReport(request.actor, request.params.reference, request.query.format);
      return reply.header('content-type', file.contentType).header('content-disposition', `attachment; filename="${file.filename}"`).send(file.body);
    },
  );
}
