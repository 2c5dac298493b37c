/**
 * Load generator for the HTTP benchmarks, run in a worker thread so autocannon has its own event loop
 * and does not take the server's (plain JavaScript: a worker does not inherit the TypeScript loader).
 * workerData: { url, paths, headers, connections, duration }; posts back autocannon's summary.
 */
import { parentPort, workerData } from 'node:worker_threads';
import autocannon from 'autocannon';

const { url, paths, headers, connections, duration } = workerData;
let k = 0;
const opts = { url, connections, duration, headers };
const raw = await autocannon({
  ...opts,
  requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: paths[k++ % paths.length] }) }],
});
// Outside the main thread autocannon returns its raw histograms; aggregate them as it would.
const result = autocannon.aggregateResult([raw], opts);
parentPort.postMessage({
  // Per-second samples are not carried out of a worker: the rate is the completed requests over the run.
  requests: result.requests.total / result.duration,
  duration: result.duration,
  p50: result.latency.p50,
  p99: result.latency.p99,
  non2xx: result.non2xx,
  errors: result.errors,
  total: result.requests.total,
});
