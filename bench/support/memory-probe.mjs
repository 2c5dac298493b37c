// Preloaded into the server by bench/memory.ts (`node --import …/memory-probe.mjs`): writes the process's
// memory every CUSTODIA_MEMORY_PROBE_MS (default 2,000) as one JSON line to the file CUSTODIA_MEMORY_PROBE,
// without any database query (the node's /metrics reads the database, which a running embedded import holds).
// `wasm` is external memory less array buffers: V8 counts a WebAssembly memory (PGlite's Postgres runs in
// one) as external, so this is the database's heap.
import fs from 'node:fs';

const file = process.env.CUSTODIA_MEMORY_PROBE;
if (file) {
  const every = Number(process.env.CUSTODIA_MEMORY_PROBE_MS || 2000);
  const mib = (b) => Math.round(b / 2 ** 20);
  const hwm = () => Math.round(Number(/VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) / 1024);
  const t0 = Date.now();
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    const line = { t: Math.round((Date.now() - t0) / 1000), rss: mib(m.rss), hwm: hwm(), heapUsed: mib(m.heapUsed), heapTotal: mib(m.heapTotal), external: mib(m.external), arrayBuffers: mib(m.arrayBuffers), wasm: mib(m.external - m.arrayBuffers) };
    fs.appendFileSync(file, `${JSON.stringify(line)}\n`);
  }, every);
  timer.unref();
}
