import { z } from 'zod';
import type { RouteContext } from '../platform/module.ts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, PROBLEM_BASE, problemBody, TooManyRequestsError } from '../platform/http/errors.ts';
import { isDatabaseUnavailable } from '../platform/db/unavailable.ts';
import type { Api } from '../platform/http/types.ts';
import {
  answerInput, caseMessagesSchema, enrolmentCandidateSchema, outboxCountsSchema, sentEntrySchema, inboxAnswer, inboxBatchAnswer, inboxBatchInput, inboxEntrySchema, inboxInput, inboxQuery, outboxEntrySchema, outboxQuery, peerAddInput, peerPreviewInput,
  peerReactivateInput, peerRepinInput, peerSchema, peerSuspendInput, peerUpdateInput, sendInput,
} from './schemas.ts';
import type { ExchangeService } from './service.ts';
import type { ReceiveResult } from './inbox.ts';
import { PeerAddresses } from './peer-addresses.ts';
import type { Relayed } from './relay.ts';
import { BATCH_BYTES_HEADER, BATCH_HEADER } from './transport.ts';

const tags = ['exchange'];
const stateParams = z.object({ state: z.string() });
const idParams = z.object({ id: z.string() });
const page = <T extends z.ZodTypeAny>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });
const sentSchema = z.object({ id: z.string(), to: z.string(), type: z.string(), sha256: z.string(), createdAt: z.string(), expiresAt: z.string() });

/** One message's failure in a batch, as the problem handler would have rendered it alone. */
function asProblem(err: unknown, request: FastifyRequest): AppError {
  if (err instanceof AppError) return err;
  if (isDatabaseUnavailable(err)) {
    request.log.warn({ err }, 'database unavailable');
    return new AppError(503, `${PROBLEM_BASE}unavailable`, 'Service unavailable', 'The database cannot be reached at the moment; try again shortly.');
  }
  request.log.error({ err }, 'unhandled error in a batch delivery');
  return new AppError(500, `${PROBLEM_BASE}internal`, 'Internal error', 'An unexpected error occurred; it has been logged.');
}

/** State-to-State exchange under /api/v1/exchange: the inbox peers post to, the peer register, the traffic, the officers' queue. */
export async function exchangeRoutes(api: Api, opts: RouteContext<ExchangeService>) {
  const svc = opts.service;

  // Inbox rate limit per client address: the anonymous limit, or the peer limit for an address whose
  // envelopes verified lately (a State's node sending or relaying a burst); docs/exchange.md §13.12.
  const peerAddresses = new PeerAddresses(svc.settings.peerAddressTtlMs);
  const limitFor = (ip: string) => (peerAddresses.isPeer(ip, Date.now()) ? svc.settings.peerInboxPerMinute : svc.settings.inboxPerMinute);
  const inboxRateLimit = {
    max: async (request: FastifyRequest) => limitFor(request.ip),
    timeWindow: 60_000,
    errorResponseBuilder: (request: FastifyRequest) => new TooManyRequestsError(`At most ${limitFor(request.ip)} inbox requests a minute from one address; resend later.`),
  };
  const batchMax = svc.settings.inboxBatchMax > 1 ? svc.settings.inboxBatchMax : 0;
  // Every inbox answer announces batch delivery (or not), so a sender learns it from its first delivery.
  const announce = async (_request: FastifyRequest, reply: FastifyReply) => {
    if (batchMax > 0) reply.header(BATCH_HEADER, String(batchMax)).header(BATCH_BYTES_HEADER, String(opts.deps.config.bodyLimitBytes));
  };
  /** An envelope of ours answered (not carried for another State): its sender's address is a peer's. */
  const authentic = (r: ReceiveResult | Relayed) => !('relayed' in r);

  api.post('/exchange/inbox', {
    onRequest: announce,
    config: { public: true, rateLimit: inboxRateLimit },
    schema: {
      tags,
      summary: 'Peers only: deliver one signed envelope (compact JWS) or one encrypted for this node (compact JWE)',
      description:
        'No account: the envelope\'s signature by a key pinned for the sending State is the credential (docs/exchange.md). 200 with a signed ack ' +
        '(`accepted` the first time, `duplicate` for a byte-identical redelivery, which has no second effect). A refusal is problem+json with the ' +
        'refusal `code` (docs/exchange.md §6), its `params` and `retryable`. The answer\'s Custodia-Inbox-Batch header, when present, says this ' +
        'node takes that many envelopes per POST to /exchange/inbox/batch.',
      body: inboxInput,
      response: { 200: inboxAnswer },
    },
  }, async (request, reply) => {
    const r = await svc.receive(request.body);
    if ('relayed' in r) {
      // Carried for another State: its node's answer goes back to the sender as it came.
      // (The status is the recipient's; the route's schema names only 200, the shape of its ack.)
      reply.code(r.status as 200);
      if (r.status !== 200) reply.type('application/problem+json');
      return r.body as never;
    }
    if (authentic(r)) peerAddresses.mark(request.ip, Date.now());
    return { status: r.status, ack: r.ack };
  });

  if (batchMax > 0) {
    api.post('/exchange/inbox/batch', {
      onRequest: announce,
      config: { public: true, rateLimit: inboxRateLimit },
      schema: {
        tags,
        summary: `Peers only: deliver up to ${batchMax} envelopes in one request (batch delivery, docs/exchange.md §13.11)`,
        description:
          'Each message is handled exactly as if it had been posted alone to /exchange/inbox (verified, checked for replay, kept, its effect, ' +
          'audited, acknowledged or refused on its own); `results` holds, in the order posted, the HTTP status and body each would have had. ' +
          `At most ${batchMax} messages (Custodia-Inbox-Batch) and the request body at most Custodia-Inbox-Batch-Bytes bytes.`,
        body: inboxBatchInput.extend({ messages: inboxBatchInput.shape.messages.max(batchMax) }),
        response: { 200: inboxBatchAnswer },
      },
    }, async (request) => {
      const results = await Promise.all(
        request.body.messages.map((message) =>
          svc.receive({ message }).then(
            (r) => {
              if ('relayed' in r) return { status: r.status, body: (r.body ?? {}) as Record<string, unknown> };
              if (authentic(r)) peerAddresses.mark(request.ip, Date.now());
              return { status: 200, body: { status: r.status, ack: r.ack } as Record<string, unknown> };
            },
            (err: unknown) => {
              const problem = asProblem(err, request);
              return { status: problem.status, body: problemBody(problem) };
            },
          ),
        ),
      );
      return { results };
    });
  }

  api.post('/exchange/keys/rotate', {
    config: { permission: 'exchange.peers.manage' },
    schema: {
      tags,
      summary: "Replace this node's signing and X25519 keys, announcing the new ones to every active peer in a key_rotation envelope signed by the old key",
      description: 'What `custodia keys rotate` does, for a node whose embedded database the running server holds. The announcements go through the outbox ahead of anything signed with the new key.',
      response: { 200: z.object({ retiredKid: z.string(), kid: z.string(), fingerprint: z.string(), encryptionKid: z.string(), announcedTo: z.array(z.string()) }) },
    },
  }, async (request) => svc.rotateKeys(request.actor));

  api.get('/exchange/peers', {
    config: { permission: 'exchange.peers.read' },
    schema: { tags, summary: 'Enrolled peers (other States\' nodes), their pinned keys and status', response: { 200: z.object({ items: z.array(peerSchema) }) } },
  }, async (request) => ({ items: await svc.listPeers(request.actor) }));

  api.post('/exchange/peers/preview', {
    config: { permission: 'exchange.peers.manage' },
    schema: {
      tags,
      summary: "Fetch a node's published key set and show each signing key's fingerprint, to compare with the one its administrator reads out",
      body: peerPreviewInput,
      response: { 200: z.object({ baseUrl: z.string(), candidates: z.array(enrolmentCandidateSchema), encryptionKey: z.boolean() }) },
    },
  }, async (request) => svc.previewPeer(request.actor, request.body));

  api.post('/exchange/peers', {
    config: { permission: 'exchange.peers.manage' },
    schema: {
      tags,
      summary: 'Enrol a peer: its key set is fetched from its base URL and the signing key with the confirmed fingerprint is pinned',
      body: peerAddInput,
      response: { 201: peerSchema },
    },
  }, async (request, reply) => {
    reply.code(201);
    return svc.addPeer(request.actor, request.body);
  });

  api.get('/exchange/peers/:state', {
    config: { permission: 'exchange.peers.read' },
    schema: { tags, summary: 'One peer', params: stateParams, response: { 200: peerSchema } },
  }, async (request) => svc.getPeer(request.actor, request.params.state));

  api.patch('/exchange/peers/:state', {
    config: { permission: 'exchange.peers.manage' },
    schema: { tags, summary: "Change a peer's base URL or the message types it may send", params: stateParams, body: peerUpdateInput, response: { 200: peerSchema } },
  }, async (request) => svc.updatePeer(request.actor, request.params.state, request.body));

  api.post('/exchange/peers/:state/suspend', {
    config: { permission: 'exchange.peers.manage' },
    schema: { tags, summary: 'Suspend a peer: its envelopes are refused and nothing is sent to it until reactivated', params: stateParams, body: peerSuspendInput, response: { 200: peerSchema } },
  }, async (request) => svc.suspendPeer(request.actor, request.params.state, request.body));

  api.post('/exchange/peers/:state/reactivate', {
    config: { permission: 'exchange.peers.manage' },
    schema: { tags, summary: 'Reactivate a suspended peer', params: stateParams, body: peerReactivateInput, response: { 200: peerSchema } },
  }, async (request) => svc.reactivatePeer(request.actor, request.params.state, request.body));

  api.post('/exchange/peers/:state/repin', {
    config: { permission: 'exchange.peers.manage' },
    schema: {
      tags,
      summary: "Re-pin a peer's signing key by hand (its old key was lost or leaked), after comparing the new fingerprint out of band",
      params: stateParams,
      body: peerRepinInput,
      response: { 200: peerSchema },
    },
  }, async (request) => svc.repinPeer(request.actor, request.params.state, request.body));

  api.post('/exchange/envelopes', {
    config: { permission: 'exchange.outbox.manage' },
    schema: { tags, summary: 'Sign an envelope to a peer and put it in the outbox', body: sendInput, response: { 201: sentSchema } },
  }, async (request, reply) => {
    reply.code(201);
    return svc.send(request.actor, request.body);
  });

  api.get('/exchange/outbox', {
    config: { permission: 'exchange.traffic.read' },
    schema: { tags, summary: 'Envelopes sent or waiting to be (pending, delivered, dead letters), newest first', querystring: outboxQuery, response: { 200: page(outboxEntrySchema) } },
  }, async (request) => svc.listOutbox(request.actor, request.query));

  api.get('/exchange/inbox', {
    config: { permission: 'exchange.traffic.read' },
    schema: { tags, summary: 'Envelopes received, as signed, with their effect, newest first', querystring: inboxQuery, response: { 200: page(inboxEntrySchema) } },
  }, async (request) => svc.listInbox(request.actor, request.query));

  api.get('/exchange/requests', {
    config: { permission: 'exchange.requests.read' },
    schema: { tags, summary: "Requests from other States waiting for this State's answer (the officers' queue)", querystring: inboxQuery, response: { 200: page(inboxEntrySchema) } },
  }, async (request) => svc.listRequests(request.actor, request.query));

  api.post('/exchange/requests/:id/answer', {
    config: { permission: 'exchange.requests.answer' },
    schema: {
      tags,
      summary: 'Answer a request: the signed answer goes to the requesting State through the outbox',
      params: idParams,
      body: answerInput,
      response: { 200: z.object({ inboxId: z.string(), answerId: z.string(), effect: z.string() }) },
    },
  }, async (request) => svc.answerRequest(request.actor, request.params.id, request.body));

  // ---------------------------------------------------------------------------------------------
  // Screens (issue 14, web): reads the queue, the traffic and the case page show.

  api.get('/exchange/inbox/:id', {
    config: { permission: 'exchange.messages.read' },
    schema: { tags, summary: 'One received envelope, as signed, with its effect (what the queue and the case page link to)', params: idParams, response: { 200: inboxEntrySchema } },
  }, async (request) => svc.getReceived(request.actor, request.params.id));

  api.get('/exchange/outbox/counts', {
    config: { permission: 'exchange.traffic.read' },
    schema: { tags, summary: 'How many envelopes are pending, delivered and dead-lettered (the dead-letter alert)', response: { 200: outboxCountsSchema } },
  }, async (request) => svc.outboxCounts(request.actor));

  api.get('/exchange/outbox/:id', {
    config: { permission: 'exchange.messages.read' },
    schema: { tags, summary: 'One sent envelope, as signed, with its delivery attempts', params: idParams, response: { 200: sentEntrySchema } },
  }, async (request) => svc.getSent(request.actor, request.params.id));

  api.get('/exchange/cases/:reference/messages', {
    config: { permission: 'exchange.messages.read' },
    schema: {
      tags,
      summary: "A licensing case's import authorisation checks and transit notifications, and the signed answers received to them (Art. 10(2) evidence as it arrives)",
      params: z.object({ reference: z.string() }),
      response: { 200: caseMessagesSchema },
    },
  }, async (request) => svc.caseMessages(request.actor, request.params.reference));
}
