/**
 * Input and output shapes of the exchange's HTTP API and service (the wire shapes of envelopes are in
 * messages.ts).
 */
import { z } from 'zod';
import { MESSAGE_TYPES, PEER_STATUSES, PIN_SOURCES } from './model.ts';
import { caveatSchema } from './messages.ts';

const stateCode = z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code in upper case');
/** A peer's base URL: where its /.well-known/jwks.json and /api/v1/exchange/inbox are. */
const baseUrl = z
  .string()
  .max(500)
  .url('must be an http(s) URL')
  .refine((s) => /^https?:\/\//i.test(s), 'must be an http(s) URL')
  .transform((s) => s.replace(/\/+$/, ''));
const fingerprint = z.string().min(16).max(200).regex(/^[0-9A-Fa-f\s:.-]+$/, 'must be the hexadecimal fingerprint the peer read out');
/** Business message types a peer may be allowed to send (control types are always allowed). */
const businessType = z.enum(MESSAGE_TYPES.filter((t) => t !== 'ack' && t !== 'error' && t !== 'key_rotation') as [string, ...string[]]);

export const peerAddInput = z.object({
  state: stateCode,
  baseUrl,
  fingerprint,
  allowedTypes: z.array(businessType).max(MESSAGE_TYPES.length).default([]),
});
export type PeerAddInput = z.input<typeof peerAddInput>;

export const peerUpdateInput = z.object({
  baseUrl: baseUrl.optional(),
  allowedTypes: z.array(businessType).max(MESSAGE_TYPES.length).optional(),
  /** Deliver to this peer through another enrolled peer's node (relaying); null: directly again. */
  relayVia: stateCode.nullable().optional(),
  /** Whether this peer may hand this node envelopes for other peers to carry. */
  relayAllowed: z.boolean().optional(),
});

export const peerSuspendInput = z.object({ reason: z.string().min(1).max(2000) });
export const peerReactivateInput = z.object({ reason: z.string().min(1).max(2000).optional() });

export const peerRepinInput = z.object({
  fingerprint,
  /** Hours the previous keys stay accepted for envelopes in flight (0: stop at once). */
  graceHours: z.number().int().min(0).max(24 * 90).default(0),
  reason: z.string().min(1).max(2000),
});

export const peerPreviewInput = z.object({ baseUrl });

export const pinSchema = z.object({
  kid: z.string(),
  x: z.string(),
  pinnedAt: z.string(),
  source: z.enum(PIN_SOURCES),
  acceptUntil: z.string().nullable(),
});

export const peerSchema = z.object({
  state: z.string(),
  baseUrl: z.string(),
  status: z.enum(PEER_STATUSES),
  statusReason: z.string().nullable(),
  pins: z.array(pinSchema),
  allowedTypes: z.array(z.string()),
  encryptionKey: z.object({ kid: z.string(), x: z.string() }).nullable(),
  enrolledFingerprint: z.string(),
  enrolledAt: z.string(),
  updatedAt: z.string(),
  relayVia: z.string().optional(),
  relayAllowed: z.boolean().optional(),
});

export const enrolmentCandidateSchema = z.object({ kid: z.string(), x: z.string(), fingerprint: z.string() });

/** What a peer posts to this node's inbox: one compact JWS (direct) or compact JWE (through a relay). */
export const inboxInput = z.object({ message: z.string().min(1).max(12 * 1024 * 1024) });
export const inboxAnswer = z.object({
  status: z.enum(['accepted', 'duplicate']),
  /** A signed `ack` envelope from this node (inReplyTo the received envelope's id). */
  ack: z.string(),
});
/** Batch delivery (docs/exchange.md §13.11): several messages in one POST, each handled as if posted alone. */
export const inboxBatchInput = z.object({ messages: z.array(z.string().min(1).max(12 * 1024 * 1024)).min(1) });
/** One answer per message, in the order posted: the HTTP status and body a POST of that message alone would have had. */
export const inboxBatchAnswer = z.object({
  results: z.array(z.object({ status: z.number().int(), body: z.record(z.string(), z.unknown()) })),
});

export const sendInput = z.object({
  to: stateCode,
  type: z.enum(MESSAGE_TYPES),
  body: z.record(z.string(), z.unknown()),
  inReplyTo: z.string().uuid().nullish(),
  caveats: z.array(caveatSchema).max(20).default([]),
});
export type SendInput = z.input<typeof sendInput>;

export const outboxEntrySchema = z.object({
  id: z.string(),
  to: z.string(),
  type: z.string(),
  inReplyTo: z.string().nullable(),
  sha256: z.string(),
  createdAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  status: z.enum(['pending', 'delivered', 'dead']),
  deliveredAt: z.string().nullable(),
  deadAt: z.string().nullable(),
  deadReason: z.string().nullable(),
  ordered: z.boolean(),
  attempts: z.number(),
  nextAttemptAt: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
  lastError: z.string().nullable(),
});

export const outboxQuery = z.object({
  status: z.enum(['pending', 'delivered', 'dead']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(2000).optional(),
});

export const inboxEntrySchema = z.object({
  id: z.string(),
  from: z.string(),
  envelopeId: z.string(),
  type: z.string(),
  inReplyTo: z.string().nullable(),
  kid: z.string(),
  sha256: z.string(),
  relayed: z.boolean(),
  receivedAt: z.string().nullable(),
  effect: z.enum(['none', 'applied', 'queued', 'answered']),
  effectDetail: z.record(z.string(), z.unknown()).nullable(),
  answerId: z.string().nullable(),
  /** The envelope as signed: caveats travel with the data wherever it is shown (Art. 12(5)). */
  envelope: z.record(z.string(), z.unknown()),
  /** The compact JWS exactly as received, so anyone can check the sender's signature. */
  token: z.string(),
});

export const inboxQuery = z.object({
  effect: z.enum(['none', 'applied', 'queued', 'answered']).optional(),
  type: z.enum(MESSAGE_TYPES).optional(),
  from: stateCode.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(2000).optional(),
});

export const answerInput = z.object({
  /** The answering type, when the request has several (a tracing_request: tracing_acknowledgement or tracing_response). */
  type: z.enum(MESSAGE_TYPES).optional(),
  /** The answer's body, of the type that answers the request (import_authorisation_answer, transit_answer…); absent: the drafted answer. */
  body: z.record(z.string(), z.unknown()).optional(),
  caveats: z.array(caveatSchema).max(20).default([]),
});


// ---------------------------------------------------------------------------------------------
// Screens (issue 14, web)

/** A sent envelope with its signed bytes and the envelope they carry (caveats included). */
export const sentEntrySchema = outboxEntrySchema.extend({
  envelope: z.record(z.string(), z.unknown()),
  /** The compact JWS as this node signed it and sends it. */
  token: z.string(),
});

export const caseMessagesSchema = z.object({
  /** Import authorisation checks and transit notifications sent for the case. */
  sent: z.array(sentEntrySchema),
  /** The answers received to them, as signed by the answering State. */
  received: z.array(inboxEntrySchema),
});

export const outboxCountsSchema = z.object({ pending: z.number(), delivered: z.number(), dead: z.number() });
