import { z } from 'zod';
import type { RouteContext } from '../platform/module.ts';
import { TEXT_ENCODINGS } from '../platform/encoding.ts';
import type { Api } from '../platform/http/types.ts';
import {
  alertSchema, decisionInput, embargoFlagsSchema, decisionSchema, denialCheckInput, denialCheckResponse, denialInput, denialSchema, diffResponse,
  importResponse, listVersionSchema, screenNameInput, screenPartiesInput, screenPartiesResponse, screeningResultSchema,
} from './schemas.ts';
import type { ScreeningService } from './service.ts';

const tags = ['screening'];
const idParams = z.object({ id: z.string() });
/** List files are large (OFAC's advanced XML is over 100 MB). */
const UPLOAD_LIMIT = 256 * 1024 * 1024;

/** Sanctions lists, screening, decisions, alerts and denials under /api/v1/screening. */
export async function screeningRoutes(api: Api, opts: RouteContext<ScreeningService>) {
  const svc = opts.service;
  // The list file is the request body as published (XML or CSV), not a JSON document.
  api.addContentTypeParser(['application/xml', 'text/xml', 'text/csv', 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: UPLOAD_LIMIT }, (_req, body, done) =>
    done(null, body),
  );

  api.get('/screening/lists', {
    config: { permission: 'screening.lists.read' },
    schema: { tags, summary: 'List versions (active and superseded)', response: { 200: z.object({ items: z.array(listVersionSchema) }) } },
  }, async (request) => ({ items: await svc.listVersions(request.actor) }));

  api.post('/screening/lists', {
    config: { permission: 'screening.lists.import' },
    bodyLimit: UPLOAD_LIMIT,
    schema: {
      tags,
      summary: 'Import a list file as a new version',
      description:
        'Body: the file as published (UN Consolidated List XML, OFAC sdnList XML or OFAC SDN.CSV), sent as application/xml, text/csv or ' +
        'application/octet-stream; the format is detected from its content. The previous version stays active until the new one is loaded. ' +
        'A malformed file is rejected (400) and nothing changes. Known parties are re-screened and new hits raise alerts.',
      querystring: z.object({
        fileName: z.string().max(300).optional(),
        publishedOn: z.string().optional(),
        encoding: z.enum(TEXT_ENCODINGS).optional().describe('The file\'s encoding when not the format\'s own (UTF-8 XML, Latin-1 SDN.CSV) and without a byte-order mark'),
      }),
      response: { 201: importResponse },
    },
  }, async (request, reply) => {
    const content = Buffer.isBuffer(request.body) ? request.body : Buffer.from(typeof request.body === 'string' ? request.body : '');
    const result = await svc.importList(request.actor, { content, fileName: request.query.fileName, publishedOn: request.query.publishedOn, encoding: request.query.encoding });
    reply.code(201);
    return result;
  });

  api.get('/screening/lists/:from/diff/:to', {
    config: { permission: 'screening.lists.read' },
    schema: { tags, summary: 'Entries added, removed and changed between two versions of a list', params: z.object({ from: z.string(), to: z.string() }), response: { 200: diffResponse } },
  }, async (request) => svc.diff(request.actor, request.params.from, request.params.to));

  api.post('/screening/screen', {
    config: { permission: 'screening.screen.run' },
    schema: { tags, summary: 'Screen one name against the active lists', body: screenNameInput, response: { 200: screeningResultSchema } },
  }, async (request) => svc.screenName(request.actor, request.body));

  api.post('/screening/parties/screen', {
    config: { permission: 'screening.screen.run' },
    schema: { tags, summary: 'Screen a batch of parties and remember them for re-screening', body: screenPartiesInput, response: { 200: screenPartiesResponse } },
  }, async (request) => svc.screenParties(request.actor, request.body));

  api.get('/screening/destinations/:countryCode', {
    config: { permission: 'screening.screen.run' },
    schema: {
      tags,
      summary: 'Arms embargoes on a destination State, flagged by scope',
      params: z.object({ countryCode: z.string() }),
      querystring: z.object({ date: z.string().optional() }),
      response: { 200: embargoFlagsSchema },
    },
  }, async (request) => svc.checkDestination(request.actor, { countryCode: request.params.countryCode, date: request.query.date }));

  api.post('/screening/registry/screen', {
    config: { permission: 'screening.screen.run' },
    schema: {
      tags,
      summary: 'Screen every current party of the registry',
      response: { 200: z.object({ parties: z.number(), withOpenHits: z.number(), listVersions: z.array(z.object({ id: z.string(), source: z.string(), publishedOn: z.string().nullable() })) }) },
    },
  }, async (request) => svc.screenRegistryParties(request.actor));

  api.post('/screening/rescreen', {
    config: { permission: 'screening.screen.run' },
    schema: { tags, summary: 'Re-screen every known party now; new hits raise alerts', response: { 200: z.object({ subjects: z.number(), newAlerts: z.number() }) } },
  }, async (request) => svc.rescreenAll(request.actor));

  api.get('/screening/runs/:id', {
    config: { permission: 'screening.results.read' },
    schema: { tags, summary: 'A recorded screening run with its hits and list versions', params: idParams },
  }, async (request) => svc.getRun(request.actor, request.params.id));

  api.post('/screening/hits/:id/decision', {
    config: { permission: 'screening.decision.record' },
    schema: { tags, summary: "Record the officer's decision on a hit (true match / false positive)", params: idParams, body: decisionInput, response: { 201: decisionSchema } },
  }, async (request, reply) => {
    const d = await svc.decide(request.actor, request.params.id, request.body);
    reply.code(201);
    return d;
  });

  api.get('/screening/alerts', {
    config: { permission: 'screening.alerts.read' },
    schema: {
      tags,
      summary: 'Alerts raised by re-screening after a list update',
      querystring: z.object({ status: z.enum(['open', 'acknowledged']).optional(), limit: z.coerce.number().int().min(1).max(500).optional() }),
      response: { 200: z.object({ items: z.array(alertSchema) }) },
    },
  }, async (request) => ({ items: await svc.listAlerts(request.actor, request.query) }));

  api.post('/screening/alerts/:id/acknowledge', {
    config: { permission: 'screening.alerts.manage' },
    schema: { tags, summary: 'Acknowledge an alert', params: idParams, response: { 200: alertSchema } },
  }, async (request) => svc.acknowledgeAlert(request.actor, request.params.id));

  api.get('/screening/denials', {
    config: { permission: 'screening.denials.read' },
    schema: { tags, summary: 'Denials received from other States', response: { 200: z.object({ items: z.array(denialSchema) }) } },
  }, async (request) => ({ items: await svc.listDenials(request.actor) }));

  api.post('/screening/denials', {
    config: { permission: 'screening.denials.manage' },
    schema: { tags, summary: 'Record a denial notified by another State', body: denialInput, response: { 201: denialSchema } },
  }, async (request, reply) => {
    const d = await svc.recordReceivedDenial(request.actor, request.body);
    reply.code(201);
    return d;
  });

  api.post('/screening/denials/check', {
    config: { permission: 'screening.screen.run' },
    schema: { tags, summary: 'Is an application essentially identical to a denied one (destination, end user, control category)?', body: denialCheckInput, response: { 200: denialCheckResponse } },
  }, async (request) => svc.checkDenials(request.actor, request.body));
}
