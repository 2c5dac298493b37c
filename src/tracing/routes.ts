import type { RouteContext } from '../platform/module.ts';
import { TooManyRequestsError, ValidationError } from '../platform/http/errors.ts';
import type { Api } from '../platform/http/types.ts';
import { loadLicensingSettings } from '../licensing/settings.ts';
import {
  confirmCandidateSchema,
  hitListQuerySchema,
  hitPageSchema,
  hitSummarySchema,
  idParamSchema,
  importQuerySchema,
  importResultSchema,
  itemParamSchema,
  matchSchema,
  recoveryDetailSchema,
  recoveryInputSchema,
  recoveryListQuerySchema,
  recoveryPageSchema,
  traceSchema,
  documentQuerySchema,
  draftRequestSchema,
  receiveDocumentSchema,
  requestListQuerySchema,
  requestUpdateSchema,
  responseEditSchema,
  signedDocumentSchema,
  tracingRequestPageSchema,
  tracingRequestSchema,
  certificateParamSchema,
  disposalInputSchema,
  disposalSchema,
  publicDisposalSchema,
  figuresQuerySchema,
  figuresSchema,
  disposalListQuerySchema,
  disposalPageSchema,
  deadlineInputSchema,
  remindersQuerySchema,
  remindersSchema,
} from './schemas.ts';
import type { TracingService } from './service.ts';

/** HTTP only: each handler calls one use case; permissions are declared here and enforced in the use case. */
export async function tracingRoutes(api: Api, opts: RouteContext<TracingService>): Promise<void> {
  const tracing = opts.service;
  const recoveries = ['tracing: recoveries'];
  const hits = ['tracing: hits'];
  api.addContentTypeParser(['text/csv', 'application/csv'], { parseAs: 'buffer', bodyLimit: opts.deps.config.uploadLimitBytes }, (_req, body, done) => done(null, body));

  api.post(
    '/tracing/recoveries',
    {
      config: { permission: 'tracing.recoveries.write' },
      schema: {
        tags: recoveries,
        summary: 'Record a seizure, find or surrender with its items and marks as read; every item is checked against the registry at once',
        body: recoveryInputSchema,
        response: { 201: recoveryDetailSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await tracing.recordRecovery(request.actor, request.body)),
  );

  api.post(
    '/tracing/recoveries/import',
    {
      config: { permission: 'tracing.recoveries.write' },
      schema: {
        tags: recoveries,
        summary: 'Record a police seizure list (text/csv body, one row per item, rows grouped by the "case" column): the whole file or nothing, errors name line and column',
        querystring: importQuerySchema,
        response: { 201: importResultSchema },
      },
    },
    async (request, reply) => {
      if (!Buffer.isBuffer(request.body)) {
        throw new ValidationError([{ field: 'body', code: 'upload.csv_required', message: 'Send the seizure list as a text/csv body.' }]);
      }
      return reply.status(201).send(await tracing.importSeizureList(request.actor, request.body, request.query.encoding));
    },
  );

  api.get(
    '/tracing/recoveries',
    {
      config: { permission: 'tracing.recoveries.read' },
      schema: { tags: recoveries, summary: 'Recoveries, newest first, by type, agency and period', querystring: recoveryListQuerySchema, response: { 200: recoveryPageSchema } },
    },
    async (request) => tracing.listRecoveries(request.actor, request.query),
  );

  api.get(
    '/tracing/recoveries/:id',
    {
      config: { permission: 'tracing.recoveries.read' },
      schema: { tags: recoveries, summary: 'A recovery: items, marks as read with their state, ranked candidates, hits and links', params: idParamSchema, response: { 200: recoveryDetailSchema } },
    },
    async (request) => tracing.getRecovery(request.actor, request.params.id),
  );

  api.post(
    '/tracing/recoveries/:id/items/:itemId/confirm',
    {
      config: { permission: 'tracing.candidates.decide' },
      schema: {
        tags: recoveries,
        summary: 'Identify a recovered item with one of its ranked candidates (a hit if it was reported lost or stolen, else a link)',
        params: itemParamSchema,
        body: confirmCandidateSchema,
        response: { 200: recoveryDetailSchema },
      },
    },
    async (request) => tracing.confirmCandidate(request.actor, request.params.id, request.params.itemId, request.body),
  );

  api.post(
    '/tracing/recoveries/:id/items/:itemId/register',
    {
      config: { permission: 'tracing.candidates.decide' },
      schema: {
        tags: recoveries,
        summary: 'None of the candidates is the item: register it as seized, with the State confiscation mark',
        params: itemParamSchema,
        response: { 200: recoveryDetailSchema },
      },
    },
    async (request) => tracing.registerRecoveredItem(request.actor, request.params.id, request.params.itemId),
  );

  api.post(
    '/tracing/recoveries/:id/items/:itemId/trace',
    {
      config: { permission: 'tracing.traces.run' },
      schema: {
        tags: recoveries,
        summary: 'Run the domestic trace of an identified recovered item: origin, lawful chain, last legal holder, authorizations, window of diversion (recorded)',
        params: itemParamSchema,
        response: { 201: traceSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await tracing.traceRecoveredItem(request.actor, request.params.id, request.params.itemId)),
  );

  api.get(
    '/tracing/traces/:id',
    {
      config: { permission: 'tracing.recoveries.read' },
      schema: { tags: recoveries, summary: 'A recorded domestic trace with the registry events it cites', params: idParamSchema, response: { 200: traceSchema } },
    },
    async (request) => tracing.getTrace(request.actor, request.params.id),
  );

  api.get(
    '/tracing/traces/:id/pdf',
    {
      config: { permission: 'tracing.recoveries.read' },
      schema: { tags: recoveries, summary: 'The domestic trace report (PDF)', params: idParamSchema, produces: ['application/pdf'] },
    },
    async (request, reply) => {
      const { reference, pdf } = await tracing.traceReport(request.actor, request.params.id);
      return reply.header('content-type', 'application/pdf').header('content-disposition', `inline; filename="${reference}.pdf"`).send(pdf);
    },
  );

  api.get(
    '/tracing/figures',
    {
      config: { permission: 'tracing.recoveries.read' },
      schema: {
        tags: recoveries,
        summary: 'SDG 16.4.2 / UNODC IAFQ figures for a period: firearms recovered, those whose illicit origin tracing established, breakdowns, tracing requests',
        querystring: figuresQuerySchema,
        response: { 200: figuresSchema },
      },
    },
    async (request) => tracing.tracingFigures(request.actor, request.query),
  );

  api.get(
    '/tracing/hits',
    {
      config: { permission: 'tracing.hits.read' },
      schema: { tags: hits, summary: 'Lost/stolen hits (alerts to the agency that took the report), made here and notified from abroad (`origin`), newest first', querystring: hitListQuerySchema, response: { 200: hitPageSchema } },
    },
    async (request) => tracing.listHits(request.actor, request.query),
  );

  api.get(
    '/tracing/hits/summary',
    {
      config: { permission: 'tracing.hits.read' },
      schema: { tags: hits, summary: 'Open and acknowledged hits, in all and per reporting agency (the dashboard)', response: { 200: hitSummarySchema } },
    },
    async (request) => tracing.hitSummary(request.actor),
  );

  api.post(
    '/tracing/hits/:id/acknowledge',
    {
      config: { permission: 'tracing.hits.acknowledge' },
      schema: { tags: hits, summary: 'The reporting agency has seen the hit (it leaves the open count)', params: idParamSchema, response: { 200: matchSchema } },
    },
    async (request) => tracing.acknowledgeHit(request.actor, request.params.id),
  );

  const requests = ['tracing: international requests'];

  api.post(
    '/tracing/requests',
    {
      config: { permission: 'tracing.requests.write' },
      schema: { tags: requests, summary: 'Draft an outgoing international tracing request (ISACS 05.31) for a recovered item', body: draftRequestSchema, response: { 201: tracingRequestSchema } },
    },
    async (request, reply) => reply.status(201).send(await tracing.draftTracingRequest(request.actor, request.body)),
  );

  api.get(
    '/tracing/requests',
    {
      config: { permission: 'tracing.requests.read' },
      schema: { tags: requests, summary: 'Tracing requests, outgoing and incoming; overdue=true for late answers, reminder=true for deadlines near or passed', querystring: requestListQuerySchema, response: { 200: tracingRequestPageSchema } },
    },
    async (request) => tracing.listTracingRequests(request.actor, request.query),
  );

  api.get(
    '/tracing/requests/reminders',
    {
      config: { permission: 'tracing.requests.read' },
      schema: {
        tags: requests,
        summary: 'Requests awaiting an answer whose deadline is near (the reminder days), due today or passed, earliest first, with counts (nothing is sent)',
        querystring: remindersQuerySchema,
        response: { 200: remindersSchema },
      },
    },
    async (request) => tracing.tracingReminders(request.actor, request.query),
  );

  api.get(
    '/tracing/requests/:id',
    {
      config: { permission: 'tracing.requests.read' },
      schema: { tags: requests, summary: 'A tracing request with its caveats, deadline and response', params: idParamSchema, response: { 200: tracingRequestSchema } },
    },
    async (request) => tracing.getTracingRequest(request.actor, request.params.id),
  );

  api.post(
    '/tracing/requests/:id/send',
    {
      config: { permission: 'tracing.requests.write' },
      schema: { tags: requests, summary: 'Sign a drafted request with the node key (the document to send) and start its response deadline', params: idParamSchema, response: { 200: tracingRequestSchema } },
    },
    async (request) => tracing.sendTracingRequest(request.actor, request.params.id),
  );

  api.post(
    '/tracing/requests/:id/deadline',
    {
      config: { permission: 'tracing.requests.write' },
      schema: { tags: requests, summary: "Set or move a request's response deadline, with the reason (audited)", params: idParamSchema, body: deadlineInputSchema, response: { 200: tracingRequestSchema } },
    },
    async (request) => tracing.setTracingDeadline(request.actor, request.params.id, request.body),
  );

  api.post(
    '/tracing/requests/:id/status',
    {
      config: { permission: 'tracing.requests.write' },
      schema: { tags: requests, summary: 'Record a status learnt by other means (acknowledged, in progress, delayed or refused with the reason, closed)', params: idParamSchema, body: requestUpdateSchema, response: { 200: tracingRequestSchema } },
    },
    async (request) => tracing.updateTracingRequest(request.actor, request.params.id, request.body),
  );

  api.get(
    '/tracing/requests/:id/document',
    {
      config: { permission: 'tracing.requests.read' },
      schema: { tags: requests, summary: 'The signed request or response as a document for the other State', params: idParamSchema, querystring: documentQuerySchema, response: { 200: signedDocumentSchema } },
    },
    async (request) => tracing.tracingDocument(request.actor, request.params.id, request.query.part),
  );

  api.get(
    '/tracing/requests/:id/pdf',
    {
      config: { permission: 'tracing.requests.read' },
      schema: { tags: requests, summary: 'The signed request or response rendered as a PDF (the JSON document stays authoritative)', params: idParamSchema, querystring: documentQuerySchema, produces: ['application/pdf'] },
    },
    async (request, reply) => {
      const { filename, pdf } = await tracing.tracingDocumentPdf(request.actor, request.params.id, request.query.part);
      return reply.header('content-type', 'application/pdf').header('content-disposition', `inline; filename="${filename}"`).send(pdf);
    },
  );

  api.post(
    '/tracing/documents',
    {
      config: { permission: 'tracing.requests.write' },
      schema: {
        tags: requests,
        summary: "Import another State's signed tracing request, acknowledgement or response (verified with its key set and the fingerprint confirmed out of band)",
        body: receiveDocumentSchema,
        response: { 201: tracingRequestSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await tracing.receiveTracingDocument(request.actor, request.body)),
  );

  api.post(
    '/tracing/requests/:id/response',
    {
      config: { permission: 'tracing.requests.write' },
      // An empty POST reaches the handler with a null body (a browser's fetch without one): that is "draft it".
      schema: { tags: requests, summary: 'Draft the response to an incoming request from the registry (no body), or save the edited response', params: idParamSchema, body: responseEditSchema.nullish(), response: { 200: tracingRequestSchema } },
    },
    async (request) => tracing.draftTracingResponse(request.actor, request.params.id, request.body),
  );

  api.post(
    '/tracing/requests/:id/response/approve',
    {
      config: { permission: 'tracing.requests.approve' },
      schema: { tags: requests, summary: 'Approve and sign the response to an incoming request', params: idParamSchema, response: { 200: tracingRequestSchema } },
    },
    async (request) => tracing.approveTracingResponse(request.actor, request.params.id),
  );

  const disposals = ['tracing: disposal'];

  api.post(
    '/tracing/disposals',
    {
      config: { permission: 'tracing.disposals.write' },
      schema: {
        tags: disposals,
        summary: 'Destroy, deactivate or otherwise dispose of (with its authorisation) a registry item; a signed certificate is issued',
        body: disposalInputSchema,
        response: { 201: disposalSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await tracing.recordDisposal(request.actor, request.body)),
  );

  api.get(
    '/tracing/disposals',
    {
      config: { permission: 'tracing.disposals.read' },
      schema: { tags: disposals, summary: 'Disposal certificates issued, newest first, by kind and day of disposal', querystring: disposalListQuerySchema, response: { 200: disposalPageSchema } },
    },
    async (request) => tracing.listDisposals(request.actor, request.query),
  );

  api.get(
    '/tracing/disposals/:id',
    {
      config: { permission: 'tracing.disposals.read' },
      schema: { tags: disposals, summary: 'A disposal record', params: idParamSchema, response: { 200: disposalSchema } },
    },
    async (request) => (await tracing.disposalCertificate(request.actor, request.params.id)).disposal,
  );

  api.get(
    '/tracing/disposals/:id/pdf',
    {
      config: { permission: 'tracing.disposals.read' },
      schema: { tags: disposals, summary: 'The disposal certificate (PDF, with the QR code of its public check)', params: idParamSchema, produces: ['application/pdf'] },
    },
    async (request, reply) => {
      const { disposal, pdf } = await tracing.disposalCertificate(request.actor, request.params.id);
      return reply.header('content-type', 'application/pdf').header('content-disposition', `inline; filename="${disposal.certificateNumber}.pdf"`).send(await pdf());
    },
  );

  // Anyone may check a certificate, but not enumerate the sequential numbers: the licences' limit, per address.
  const perMinute = loadLicensingSettings(process.env, opts.deps.config.state).publicVerificationPerMinute;
  api.get(
    '/public/disposals/:number/verification',
    {
      config: {
        public: true,
        rateLimit: { max: perMinute, timeWindow: 60_000, errorResponseBuilder: () => new TooManyRequestsError(`At most ${perMinute} certificate checks a minute from one address; wait a minute.`) },
      },
      schema: {
        tags: ['public: certificate verification'],
        summary: 'Anyone: is this destruction, deactivation or disposal certificate real, and what it certifies. Unknown numbers answer 404',
        params: certificateParamSchema,
        response: { 200: publicDisposalSchema },
      },
    },
    async (request) => tracing.verifyDisposal(request.params.number),
  );
}
