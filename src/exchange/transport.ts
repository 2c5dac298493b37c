/**
 * How this node reaches a peer over HTTP: fetch its published key set, post an envelope to its inbox.
 * Injected into the service so tests can put a peer anywhere (another app on loopback, a stub).
 */
export interface PeerTransport {
  /** GET {baseUrl}/.well-known/jwks.json; throws when unreachable or not JSON. */
  fetchJwks(baseUrl: string): Promise<unknown>;
  /** POST {baseUrl}/api/v1/exchange/inbox with {message}; resolves with the status and JSON body (or null), throws on a network failure. */
  postMessage(baseUrl: string, message: string): Promise<{ status: number; body: unknown }>;
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
      let res: Response;
      try {
        res = await fetch(`${baseUrl}/api/v1/exchange/inbox`, {
          method: 'POST',
          signal: AbortSignal.timeout(timeoutMs),
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({ message }),
        });
      } catch (err) {
        const cause = (err as { cause?: { code?: string } }).cause?.code;
        throw new TransportError(`${baseUrl} unreachable: ${cause ?? (err as Error).message}`);
      }
      return { status: res.status, body: await readJson(res) };
    },
  };
}
