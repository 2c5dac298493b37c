/**
 * How this node reaches a peer over HTTP: fetch its published key set, post an envelope to its inbox (or
 * several in one request, to a node that announced batch delivery: docs/exchange.md §13.11).
 * Injected into the service so tests can put a peer anywhere (another app on loopback, a stub).
 */
export interface PeerTransport {
  /** GET {baseUrl}/.well-known/jwks.json; throws when unreachable or not JSON. */
  fetchJwks(baseUrl: string): Promise<unknown>;
  /** POST {baseUrl}/api/v1/exchange/inbox with {message}; resolves with the status and JSON body (or null), throws on a network failure. */
  postMessage(baseUrl: string, message: string): Promise<PostAnswer>;
  /**
   * POST {baseUrl}/api/v1/exchange/inbox/batch with {messages}; resolves with the request's status and, on
   * 200, each message's own {status, body} in order. A transport without it never batches.
   */
  postMessages?(baseUrl: string, messages: readonly string[]): Promise<PostAnswer & { results?: { status: number; body: unknown }[] }>;
}

/** An inbox's answer, with the batch delivery it announced (none: one envelope per POST). */
export interface PostAnswer {
  status: number;
  body: unknown;
  batch?: BatchAnnouncement | null;
}

/** What a node's Custodia-Inbox-Batch and Custodia-Inbox-Batch-Bytes headers say. */
export interface BatchAnnouncement {
  /** Most messages in one POST to /inbox/batch. */
  messages: number;
  /** Most bytes of one such request's JSON body. */
  bytes: number;
}

export const BATCH_HEADER = 'custodia-inbox-batch';
export const BATCH_BYTES_HEADER = 'custodia-inbox-batch-bytes';

/** Reads the announcement; anything absent or not a sane whole number means no batch delivery. */
export function batchAnnouncement(get: (name: string) => string | null | undefined): BatchAnnouncement | null {
  const messages = Number(get(BATCH_HEADER));
  const bytes = Number(get(BATCH_BYTES_HEADER));
  if (!Number.isInteger(messages) || messages < 2 || !Number.isInteger(bytes) || bytes < 1024) return null;
  return { messages: Math.min(messages, 1000), bytes };
}

export class TransportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TransportError';
  }
}

async function readJson(res: Response): Promise<unknown> {
  const text = await res.text();
  if (text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The real transport: fetch with a timeout. */
export function httpTransport(timeoutMs: number): PeerTransport {
  /** POSTs JSON to a peer's inbox; a network failure (refused, reset, timed out) is a TransportError, retried by the outbox. */
  async function postJson(baseUrl: string, route: string, payload: unknown): Promise<Response> {
    try {
      return await fetch(`${baseUrl}${route}`, {
        method: 'POST',
        signal: AbortSignal.timeout(timeoutMs),
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(payload),
      });
    } catch (err) {
      const cause = (err as { cause?: { code?: string } }).cause?.code;
      throw new TransportError(`${baseUrl} unreachable: ${cause ?? (err as Error).message}`);
    }
  }
  return {
    async fetchJwks(baseUrl) {
      let res: Response;
      try {
        res = await fetch(`${baseUrl}/.well-known/jwks.json`, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/json' } });
      } catch (err) {
        throw new TransportError(`${baseUrl}/.well-known/jwks.json could not be fetched: ${(err as Error).message}`);
      }
      if (!res.ok) throw new TransportError(`${baseUrl}/.well-known/jwks.json answered HTTP ${res.status}`);
      const body = await readJson(res);
      if (body === null) throw new TransportError(`${baseUrl}/.well-known/jwks.json is not JSON`);
      return body;
    },
    async postMessage(baseUrl, message) {
      const res = await postJson(baseUrl, '/api/v1/exchange/inbox', { message });
      return { status: res.status, body: await readJson(res), batch: batchAnnouncement((n) => res.headers.get(n)) };
    },
    async postMessages(baseUrl, messages) {
      const res = await postJson(baseUrl, '/api/v1/exchange/inbox/batch', { messages });
      const body = await readJson(res);
      const results = (body as { results?: unknown } | null)?.results;
      const valid = res.status === 200 && Array.isArray(results) && results.length === messages.length && results.every((r) => r !== null && typeof r === 'object' && Number.isInteger((r as { status?: unknown }).status));
      return { status: res.status, body, batch: batchAnnouncement((n) => res.headers.get(n)), ...(valid ? { results: results as { status: number; body: unknown }[] } : {}) };
    },
  };
}
