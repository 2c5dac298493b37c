import { z } from 'zod';
import type { RouteContext } from '../platform/module.ts';
import { TooManyRequestsError } from '../platform/http/errors.ts';
import { pageQuerySchema, pageSchema } from '../platform/http/pagination.ts';
import type { Api } from '../platform/http/types.ts';
import { APPLICATION_KINDS, APPLICATION_STATUSES, LICENCE_STATUSES } from './model.ts';
import {
  applicationInputSchema,
  applicationSummaryOut,
  assignSchema,
  brokerInputSchema,
  brokerOut,
  caseOut,
  caseScreeningOut,
  countersignSchema,
  deliveryVerificationSchema,
  denialOut,
  documentInputSchema,
  importAuthorizationInputSchema,
  issueSchema,
  licenceOut,
  reasonSchema,
  recommendSchema,
  refuseSchema,
  screeningHitDecisionSchema,
  shipmentInputSchema,
  shipmentOut,
  statusChangeSchema,
  tokenVerificationInput,
  tokenVerificationOut,
  transitNoObjectionInputSchema,
  verificationOut,
  type ApplicationInput,
  type BrokerInput,
  type ShipmentInput,
} from './schemas.ts';
import type { LicensingService } from './service.ts';

const idParams = z.object({ id: z.string().uuid() });
const numberParams = z.object({ number: z.string().min(1).max(40) });
const documentOut = z.object({ id: z.string(), applicationId: z.string().nullable(), kind: z.string(), filename: z.string(), mediaType: z.string(), sizeBytes: z.number(), sha256: z.string(), uploadedAt: z.date() });

/** HTTP only: each handler calls one service method; the service checks permissions again and owns the rules. */
export async function licensingRoutes(api: Api, opts: RouteContext<LicensingService>): Promise<void> {
  const svc = opts.service;
  const cases = ['licensing: applications'];
  const licences = ['licensing: licences'];
  const shipments = ['licensing: shipments'];
  const brokers = ['licensing: brokers and denials'];
  const pub = ['public: licence verification'];

  api.post(
    '/licensing/applications',
    {
      config: { permission: 'licensing.application.create' },
      schema: { tags: cases, summary: 'Apply for an export, import, transit, brokering or temporary (Art. 10(6)) licence', body: applicationInputSchema, response: { 201: caseOut } },
    },
    async (request, reply) => reply.status(201).send(await svc.submitApplication(request.actor, request.body as ApplicationInput)),
  );

  api.get(
    '/licensing/applications',
    {
      config: { permission: 'licensing.application.read' },
      schema: {
        tags: cases,
        summary: 'Applications, newest first (industry users: their own organisation only)',
        querystring: pageQuerySchema.extend({ status: z.enum(APPLICATION_STATUSES).optional(), kind: z.enum(APPLICATION_KINDS).optional() }),
        response: { 200: pageSchema(applicationSummaryOut) },
      },
    },
    async (request) => svc.listApplications(request.actor, request.query),
  );

  api.get(
    '/licensing/applications/:id',
    {
      config: { permission: 'licensing.application.read' },
      schema: { tags: cases, summary: 'The case: contents, decisions, documents, evidence, and which Art. 10 conditions are met or missing', params: idParams, response: { 200: caseOut } },
    },
    async (request) => svc.getCase(request.actor, request.params.id),
  );

  api.post(
    '/licensing/applications/:id/documents',
    {
      // Documents travel base64 in JSON: allow them past the API's default body limit, within the upload limit.
      bodyLimit: Math.min(opts.deps.config.uploadLimitBytes, 20 * 1024 * 1024),
      config: { permission: 'licensing.application.respond' },
      schema: { tags: cases, summary: 'Attach a document (end-user certificate, import authorization…); stored with its SHA-256', params: idParams, body: documentInputSchema, response: { 201: documentOut } },
    },
    async (request, reply) => reply.status(201).send(await svc.uploadDocument(request.actor, request.params.id, request.body)),
  );

  api.get(
    '/licensing/documents/:id',
    { config: { permission: 'licensing.application.read' }, schema: { tags: cases, summary: 'Download a case document', params: idParams } },
    async (request, reply) => {
      const d = await svc.getDocument(request.actor, request.params.id);
      return reply
        .header('content-type', d.mediaType)
        .header('content-disposition', `attachment; filename="${d.filename.replace(/["\\\r\n]/g, '_')}"`)
        .header('x-content-sha256', d.sha256)
        .send(d.content);
    },
  );

  const caseStep = <B extends z.ZodTypeAny>(
    url: string,
    permission: string,
    summary: string,
    body: B,
    run: (actor: Parameters<typeof svc.getCase>[0], id: string, body: z.output<B>) => ReturnType<typeof svc.getCase>,
  ) =>
    api.post(url, { config: { permission }, schema: { tags: cases, summary, params: idParams, body, response: { 200: caseOut } } }, async (request) =>
      run(request.actor, (request.params as { id: string }).id, request.body as z.output<B>),
    );

  caseStep('/licensing/applications/:id/assignment', 'licensing.application.review', 'Assign the case to an officer (→ under review)', assignSchema, (a, id, b) => svc.assignOfficer(a, id, b));
  caseStep('/licensing/applications/:id/information-requests', 'licensing.application.review', 'Ask the applicant for more information (the case clock pauses)', reasonSchema, (a, id, b) =>
    svc.requestInformation(a, id, b),
  );
  caseStep('/licensing/applications/:id/information', 'licensing.application.respond', 'Answer a request for information (the clock restarts)', reasonSchema, (a, id, b) => svc.provideInformation(a, id, b));
  caseStep('/licensing/applications/:id/withdrawal', 'licensing.application.respond', 'Withdraw the application', reasonSchema, (a, id, b) => svc.withdrawApplication(a, id, b));
  caseStep(
    '/licensing/applications/:id/import-authorizations',
    'licensing.application.review',
    "Record the importing State's import licence/authorization (Art. 10(2)(a)) with its document",
    importAuthorizationInputSchema,
    (a, id, b) => svc.recordImportAuthorization(a, id, b),
  );
  caseStep(
    '/licensing/applications/:id/transit-no-objections',
    'licensing.application.review',
    "Record a transit State's written no-objection (Art. 10(2)(b)) with its document",
    transitNoObjectionInputSchema,
    (a, id, b) => svc.recordTransitNoObjection(a, id, b),
  );
  caseStep('/licensing/applications/:id/recommendation', 'licensing.application.review', 'Recommend issue or refusal (the countersignature rule is applied here)', recommendSchema, (a, id, b) =>
    svc.recommend(a, id, b),
  );
  caseStep('/licensing/applications/:id/countersignature', 'licensing.application.countersign', 'Supervisor countersignature: agree, or send back to review', countersignSchema, (a, id, b) =>
    svc.countersign(a, id, b),
  );
  caseStep(
    '/licensing/applications/:id/screening-exception',
    'licensing.application.screening_exception',
    "An administrator's documented exception: the licence may be issued although no sanctions list is active (reason required, audited)",
    reasonSchema,
    (a, id, b) => svc.recordScreeningException(a, id, b),
  );
  caseStep('/licensing/applications/:id/refusal', 'licensing.application.decide', 'Refuse with coded criteria (creates a denial record)', refuseSchema, (a, id, b) => svc.refuseApplication(a, id, b));

  api.post(
    '/licensing/applications/:id/licence',
    {
      config: { permission: 'licensing.application.decide' },
      schema: { tags: cases, summary: 'Issue the licence (Art. 10(2) gate, countersignature, broker register checked; Art. 10(3) snapshot signed)', params: idParams, body: issueSchema, response: { 201: licenceOut } },
    },
    async (request, reply) => reply.status(201).send(await svc.issueLicence(request.actor, request.params.id, request.body)),
  );

  // The case's own screening routes (not the screening module's /screening/hits/{id}/decision from the
  // web): the panel needs the parties as the application names them beside their hits, and a decision
  // made from a case must concern that case's parties and be noted in its history. The decision itself is
  // the screening service's (same rule, permission and audit), so it counts wherever it was made.
  api.get(
    '/licensing/applications/:id/screening',
    {
      config: { permission: 'screening.results.read' },
      schema: {
        tags: cases,
        summary: "The case's parties beside their screening hits: the listed entries (names, date of birth, nationality, documents, programme, list version), decisions and re-screening alerts (officers and auditors)",
        params: idParams,
        response: { 200: caseScreeningOut },
      },
    },
    async (request) => svc.getCaseScreening(request.actor, request.params.id),
  );

  api.post(
    '/licensing/applications/:id/screening/hits/:hitId/decision',
    {
      config: { permission: 'screening.decision.record' },
      schema: {
        tags: cases,
        summary: "Decide a screening hit of this case's parties (true match or false positive, with a reason); a false positive is remembered for the party and the listed entry",
        params: z.object({ id: z.string().uuid(), hitId: z.string().uuid() }),
        body: screeningHitDecisionSchema,
        response: { 200: caseScreeningOut },
      },
    },
    async (request) => svc.decideScreeningHit(request.actor, request.params.id, request.params.hitId, request.body),
  );

  api.get(
    '/licensing/licences',
    {
      config: { permission: 'licensing.licence.read' },
      schema: { tags: licences, summary: 'Licences, newest first', querystring: pageQuerySchema.extend({ status: z.enum(LICENCE_STATUSES).optional() }), response: { 200: pageSchema(licenceOut) } },
    },
    async (request) => svc.listLicences(request.actor, request.query),
  );

  api.get(
    '/licensing/licences/:number',
    { config: { permission: 'licensing.licence.read' }, schema: { tags: licences, summary: 'A licence with its snapshot, usage and history', params: numberParams, response: { 200: licenceOut } } },
    async (request) => svc.getLicence(request.actor, request.params.number),
  );

  api.get(
    '/licensing/licences/:number/pdf',
    { config: { permission: 'licensing.licence.read' }, schema: { tags: licences, summary: 'The licence document (PDF, bilingual, QR with the signed token)', params: numberParams } },
    async (request, reply) => {
      const { number, pdf } = await svc.licencePdf(request.actor, request.params.number);
      return reply.header('content-type', 'application/pdf').header('content-disposition', `inline; filename="${number}.pdf"`).send(pdf);
    },
  );

  for (const [action, permission, summary] of [
    ['suspend', 'licensing.licence.suspend', 'Suspend a licence (reason required)'],
    ['reinstate', 'licensing.licence.suspend', 'Reinstate a suspended licence'],
    ['revoke', 'licensing.licence.revoke', 'Revoke a licence'],
    ['surrender', 'licensing.licence.surrender', 'Surrender a licence (the holder gives it back)'],
  ] as const) {
    api.post(
      `/licensing/licences/:number/${action}`,
      { config: { permission }, schema: { tags: licences, summary, params: numberParams, body: statusChangeSchema, response: { 200: licenceOut } } },
      async (request) => svc.changeLicenceStatus(request.actor, request.params.number, action, request.body),
    );
  }

  api.post(
    '/licensing/licences/expiry-sweep',
    {
      config: { permission: 'licensing.licence.revoke' },
      schema: { tags: licences, summary: 'Record the expiry of every active licence past its date', response: { 200: z.object({ expired: z.array(z.string()) }) } },
    },
    async (request) => svc.expireDueLicences(request.actor),
  );

  api.get(
    '/licensing/licences/:number/shipments',
    { config: { permission: 'licensing.shipment.read' }, schema: { tags: shipments, summary: 'Shipments under a licence', params: numberParams, response: { 200: z.array(shipmentOut) } } },
    async (request) => svc.listShipments(request.actor, request.params.number),
  );

  api.post(
    '/licensing/shipments',
    {
      config: { permission: 'licensing.shipment.record' },
      schema: {
        tags: shipments,
        summary: 'Record a shipment (customs or exporter); over-quantity, expired, suspended or revoked licences are refused with the reason',
        body: shipmentInputSchema,
        response: { 201: shipmentOut },
      },
    },
    async (request, reply) => reply.status(201).send(await svc.recordShipment(request.actor, request.body as ShipmentInput)),
  );

  api.get(
    '/licensing/shipments/awaiting-verification',
    {
      config: { permission: 'licensing.shipment.read' },
      schema: {
        tags: shipments,
        summary: 'Shipments without delivery verification (Art. 10(4)) after N days (default from configuration)',
        querystring: z.object({ olderThanDays: z.coerce.number().int().min(0).max(3650).optional(), limit: z.coerce.number().int().min(1).max(1000).optional() }),
        response: { 200: z.object({ olderThanDays: z.number(), items: z.array(shipmentOut.extend({ importCountry: z.string() })) }) },
      },
    },
    async (request) => svc.listAwaitingVerification(request.actor, request.query),
  );

  api.get(
    '/licensing/shipments/:id',
    { config: { permission: 'licensing.shipment.read' }, schema: { tags: shipments, summary: 'A shipment', params: idParams, response: { 200: shipmentOut } } },
    async (request) => svc.getShipment(request.actor, request.params.id),
  );

  api.post(
    '/licensing/shipments/:id/delivery-verification',
    {
      config: { permission: 'licensing.shipment.verify' },
      schema: { tags: shipments, summary: 'Record the importing State’s confirmation of receipt (Art. 10(4)); closes the shipment', params: idParams, body: deliveryVerificationSchema, response: { 200: shipmentOut } },
    },
    async (request) => svc.verifyDelivery(request.actor, request.params.id, request.body),
  );

  api.get(
    '/licensing/brokers',
    {
      config: { permission: 'licensing.broker.read' },
      schema: { tags: brokers, summary: 'Broker register (Art. 15(1)(a))', querystring: z.object({ name: z.string().max(200).optional(), limit: z.coerce.number().int().min(1).max(500).optional() }), response: { 200: z.array(brokerOut) } },
    },
    async (request) => svc.listBrokers(request.actor, request.query),
  );

  api.post(
    '/licensing/brokers',
    { config: { permission: 'licensing.broker.register' }, schema: { tags: brokers, summary: 'Register a broker with a validity period', body: brokerInputSchema, response: { 201: brokerOut } } },
    async (request, reply) => reply.status(201).send(await svc.registerBroker(request.actor, request.body as BrokerInput)),
  );

  api.post(
    '/licensing/brokers/:id/status',
    {
      config: { permission: 'licensing.broker.register' },
      schema: { tags: brokers, summary: 'Suspend, reactivate or retire a broker registration', params: idParams, body: reasonSchema.extend({ status: z.enum(['active', 'suspended', 'retired']) }), response: { 200: brokerOut } },
    },
    async (request) => svc.changeBrokerStatus(request.actor, request.params.id, request.body.status, request.body),
  );

  api.get(
    '/licensing/denials',
    {
      config: { permission: 'licensing.denial.read' },
      schema: { tags: brokers, summary: 'Denials (refused licences), newest first', querystring: z.object({ limit: z.coerce.number().int().min(1).max(1000).optional() }), response: { 200: z.array(denialOut) } },
    },
    async (request) => svc.listDenials(request.actor, request.query),
  );

  // Anyone may verify a licence, but not enumerate the sequential numbers: each route takes this many
  // requests a minute per client address, then answers 429 problem+json with Retry-After.
  const publicRateLimit = {
    max: svc.settings.publicVerificationPerMinute,
    timeWindow: 60_000,
    errorResponseBuilder: () => new TooManyRequestsError(`At most ${svc.settings.publicVerificationPerMinute} licence verifications a minute from one address; wait a minute.`),
  };

  api.get(
    '/public/licences/:number/verification',
    {
      config: { public: true, rateLimit: publicRateLimit },
      schema: {
        tags: pub,
        summary: "Anyone: does this licence number exist, and its status (with its date and public wording), validity, kind and countries. Unknown numbers answer 404; the parties and goods need the document's token",
        params: numberParams,
        response: { 200: verificationOut },
      },
    },
    async (request) => svc.verifyLicenceNumber(request.params.number),
  );

  api.post(
    '/public/licences/verify-token',
    {
      config: { public: true, rateLimit: publicRateLimit },
      schema: {
        tags: pub,
        summary: "Whoever holds the licence: verify the QR code's signed token against this node's keys (which key signed it, or forged/altered) and the contents hash; when authentic, the parties and goods as printed",
        body: tokenVerificationInput,
        response: { 200: tokenVerificationOut },
      },
    },
    async (request) => svc.verifyLicenceToken(request.body),
  );
}
