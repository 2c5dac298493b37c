import { DEFAULT_LIMITS, DEFAULT_ROTATION_GRACE_MS, isMessageType, type MessageType } from './model.ts';
import { MESSAGE_CATALOGUE } from './messages.ts';

/**
 * Exchange settings a State decides (environment variables, safe defaults), kept beside the code that
 * applies them as licensing does with its own.
 */
export interface ExchangeSettings {
  /** Tolerated difference between a peer's clock and ours (docs/exchange.md §5). */
  clockSkewMs: number;
  /** Longest accepted expiresAt − createdAt. */
  maxLifetimeMs: number;
  /** Largest accepted message, bytes of the compact serialisation. */
  maxBytes: number;
  /** How long an envelope this node sends lives (expiresAt − createdAt). */
  envelopeLifetimeMs: number;
  /** How long a peer's rotated-out key still verifies envelopes in flight. */
  rotationGraceMs: number;
  /** First retry delay of the outbox; doubles at each failure up to retryMaxMs, with jitter. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** An envelope not delivered this long after it was made is dead-lettered (and an alert raised). */
  deadLetterAfterMs: number;
  /** How often the sender loop looks for due envelopes. */
  pollMs: number;
  /** Timeout of one delivery attempt (HTTP request to the peer). */
  requestTimeoutMs: number;
  /** Envelopes of unordered types in flight at once to one peer (ordered types go one at a time). */
  sendConcurrency: number;
  /** Incoming message types this node answers without an officer (only types the catalogue marks auto-answerable). */
  autoAnswer: MessageType[];
  /**
   * Group commit of the inbox: under concurrent deliveries (the last transaction held more than one
   * envelope), how long the writer waits for more envelopes before its next transaction (0: never waits).
   */
  inboxCoalesceMs: number;
  /**
   * Inbox requests (POST /api/v1/exchange/inbox and …/inbox/batch) a minute from a client address that has
   * not delivered an authentic envelope lately: anyone on the network, before any signature is checked.
   */
  inboxPerMinute: number;
  /**
   * Inbox requests a minute from an address whose last delivery held an envelope that verified against an
   * enrolled peer's pinned key (within the last `peerAddressTtlMs`): a State's node sending or relaying a
   * burst, which the anonymous limit would hold to inboxPerMinute / 60 envelopes a second one per POST.
   */
  peerInboxPerMinute: number;
  /** How long an address stays a peer's after its last authentic envelope. */
  peerAddressTtlMs: number;
  /**
   * Most envelopes one POST /api/v1/exchange/inbox/batch takes, announced in every inbox answer's
   * Custodia-Inbox-Batch header (docs/exchange.md §13.11); 0 or 1: no batch delivery (the route answers 404).
   */
  inboxBatchMax: number;
  /**
   * Which peers get a lost/stolen notice when the registry records a loss or theft (and its withdrawal when
   * the item is found again): `all` eligible peers, `none`, or only the States listed (still only eligible ones).
   */
  lostStolenNotices: 'all' | 'none' | string[];
}

function int(v: string | undefined, fallback: number, name: string): number {
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${v}"`);
  return n;
}

function types(v: string | undefined, fallback: MessageType[], name: string): MessageType[] {
  if (v === undefined) return fallback;
  const list = v.split(',').map((s) => s.trim()).filter((s) => s !== '');
  for (const t of list) {
    if (!isMessageType(t) || !MESSAGE_CATALOGUE[t].autoAnswerable) {
      throw new Error(`${name}: "${t}" is not a message type this node may answer automatically (${Object.keys(MESSAGE_CATALOGUE).filter((k) => MESSAGE_CATALOGUE[k as MessageType].autoAnswerable).join(', ')})`);
    }
  }
  return list as MessageType[];
}

function noticePeers(v: string | undefined, name: string): ExchangeSettings['lostStolenNotices'] {
  const value = (v ?? '').trim();
  if (value === '' || ['all', 'on'].includes(value.toLowerCase())) return 'all';
  if (['none', 'off'].includes(value.toLowerCase())) return 'none';
  const list = value.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const bad = list.find((s) => !/^[A-Z]{2}$/.test(s));
  if (bad !== undefined) throw new Error(`${name} must be all, none, or ISO 3166-1 alpha-2 State codes separated by commas, got "${bad}"`);
  return list;
}

export function loadExchangeSettings(env: NodeJS.ProcessEnv = process.env): ExchangeSettings {
  return {
    clockSkewMs: int(env.CUSTODIA_EXCHANGE_CLOCK_SKEW_SECONDS, DEFAULT_LIMITS.clockSkewMs / 1000, 'CUSTODIA_EXCHANGE_CLOCK_SKEW_SECONDS') * 1000,
    maxLifetimeMs: DEFAULT_LIMITS.maxLifetimeMs,
    maxBytes: int(env.CUSTODIA_EXCHANGE_MAX_BYTES, DEFAULT_LIMITS.maxBytes, 'CUSTODIA_EXCHANGE_MAX_BYTES'),
    envelopeLifetimeMs: int(env.CUSTODIA_EXCHANGE_ENVELOPE_LIFETIME_HOURS, 7 * 24, 'CUSTODIA_EXCHANGE_ENVELOPE_LIFETIME_HOURS') * 3_600_000,
    rotationGraceMs: int(env.CUSTODIA_EXCHANGE_ROTATION_GRACE_HOURS, DEFAULT_ROTATION_GRACE_MS / 3_600_000, 'CUSTODIA_EXCHANGE_ROTATION_GRACE_HOURS') * 3_600_000,
    retryBaseMs: int(env.CUSTODIA_EXCHANGE_RETRY_BASE_MS, 1_000, 'CUSTODIA_EXCHANGE_RETRY_BASE_MS'),
    retryMaxMs: int(env.CUSTODIA_EXCHANGE_RETRY_MAX_MS, 10 * 60_000, 'CUSTODIA_EXCHANGE_RETRY_MAX_MS'),
    deadLetterAfterMs: int(env.CUSTODIA_EXCHANGE_DEAD_LETTER_AFTER_HOURS, 48, 'CUSTODIA_EXCHANGE_DEAD_LETTER_AFTER_HOURS') * 3_600_000,
    pollMs: int(env.CUSTODIA_EXCHANGE_POLL_MS, 1_000, 'CUSTODIA_EXCHANGE_POLL_MS'),
    requestTimeoutMs: int(env.CUSTODIA_EXCHANGE_REQUEST_TIMEOUT_MS, 15_000, 'CUSTODIA_EXCHANGE_REQUEST_TIMEOUT_MS'),
    sendConcurrency: Math.max(1, int(env.CUSTODIA_EXCHANGE_SEND_CONCURRENCY, 8, 'CUSTODIA_EXCHANGE_SEND_CONCURRENCY')),
    autoAnswer: types(env.CUSTODIA_EXCHANGE_AUTO_ANSWER, [], 'CUSTODIA_EXCHANGE_AUTO_ANSWER'),
    inboxCoalesceMs: int(env.CUSTODIA_EXCHANGE_INBOX_COALESCE_MS, 2, 'CUSTODIA_EXCHANGE_INBOX_COALESCE_MS'),
    inboxPerMinute: int(env.CUSTODIA_EXCHANGE_INBOX_RATE_LIMIT, 6_000, 'CUSTODIA_EXCHANGE_INBOX_RATE_LIMIT'),
    peerInboxPerMinute: int(env.CUSTODIA_EXCHANGE_PEER_RATE_LIMIT, 120_000, 'CUSTODIA_EXCHANGE_PEER_RATE_LIMIT'),
    peerAddressTtlMs: 10 * 60_000,
    inboxBatchMax: int(env.CUSTODIA_EXCHANGE_INBOX_BATCH, 64, 'CUSTODIA_EXCHANGE_INBOX_BATCH'),
    lostStolenNotices: noticePeers(env.CUSTODIA_EXCHANGE_LOST_STOLEN_NOTICES, 'CUSTODIA_EXCHANGE_LOST_STOLEN_NOTICES'),
  };
}
