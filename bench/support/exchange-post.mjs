/**
 * The exchange benchmark's sending peer (bench/exchange.ts), run in a worker thread so the posts have their
 * own event loop and do not take the receiving node's (plain JavaScript: a worker does not inherit the
 * TypeScript loader). workerData: { url, tokens, inFlight }: posts the pre-signed envelopes to
 * {url}/api/v1/exchange/inbox, one per request, with `inFlight` requests open at once; posts back how many
 * were accepted, the refusals seen by code and each request's latency (ms).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';

const { url, tokens, inFlight } = workerData;
let next = 0;
let accepted = 0;
const refused = {};
const latencies = [];
const t0 = performance.now();
await Promise.all(
  Array.from({ length: inFlight }, async () => {
    while (next < tokens.length) {
      const message = tokens[next++];
      const t = performance.now();
      const res = await fetch(`${url}/api/v1/exchange/inbox`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message }) });
      const answer = await res.json().catch(() => null);
      latencies.push(performance.now() - t);
      if (res.status === 200) accepted++;
      else {
        const code = answer?.code ?? `HTTP ${res.status}`;
        refused[code] = (refused[code] ?? 0) + 1;
      }
    }
  }),
);
parentPort.postMessage({ accepted, refused, latencies, seconds: (performance.now() - t0) / 1000 });
