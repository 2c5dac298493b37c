/**
 * The exchange benchmark's sending peer (bench/exchange.ts), run in a worker thread so the posts have their
 * own event loop and do not take the receiving node's (plain JavaScript: a worker does not inherit the
 * TypeScript loader). workerData: { url, tokens, inFlight, batch }: posts the pre-signed envelopes to
 * {url}/api/v1/exchange/inbox, one per request (batch 1), or `batch` per request to {url}/api/v1/exchange/inbox/batch
 * (batch delivery, docs/exchange.md §13.11), with `inFlight` requests open at once; posts back how many were
 * accepted, the refusals seen by code and each request's latency (ms).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';

const { url, tokens, inFlight, batch = 1 } = workerData;
let next = 0;
let accepted = 0;
const refused = {};
const latencies = [];
const count = (status, answer) => {
  if (status === 200) accepted++;
  else {
    const code = answer?.code ?? `HTTP ${status}`;
    refused[code] = (refused[code] ?? 0) + 1;
  }
};
const t0 = performance.now();
await Promise.all(
  Array.from({ length: inFlight }, async () => {
    while (next < tokens.length) {
      const messages = tokens.slice(next, next + batch);
      next += messages.length;
      const t = performance.now();
      const single = batch === 1;
      const res = await fetch(`${url}/api/v1/exchange/inbox${single ? '' : '/batch'}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(single ? { message: messages[0] } : { messages }),
      });
      const answer = await res.json().catch(() => null);
      latencies.push(performance.now() - t);
      if (single || res.status !== 200) for (const _ of messages) count(res.status, answer);
      else for (const r of answer.results) count(r.status, r.body);
    }
  }),
);
parentPort.postMessage({ accepted, refused, latencies, seconds: (performance.now() - t0) / 1000 });
