/**
 * Peak memory of one embedded node (`custodia start` on PGlite, the database inside the server process)
 * through a bulk import and an exact-lookup load: `npx tsx bench/memory.ts [--items N] [--duration S]`.
 *
 * A fresh data directory is migrated and given a registry clerk with a real API token (the only step
 * outside the node, before it starts); then the real `custodia start` serves it, and over HTTP: the CSV of
 * N items (bench/support/registry-data.ts) is uploaded to `POST /api/v1/registry/imports` and followed to
 * its end, then `GET /api/v1/registry/items?serial=…` runs under autocannon (10 connections) for 2 + S seconds.
 * The server's VmRSS and VmHWM (peak resident set, /proc/<pid>/status) are read after start-up, after the
 * import and after the lookups, with the JavaScript heap from the node's metrics listener. Through the whole
 * run the server writes its own memory every 2 s (bench/support/memory-probe.mjs, preloaded with --import:
 * RSS, JS heap, external memory, WebAssembly), and the job is polled once a second with the clerk's token,
 * each poll's answer time kept (a client following its import must be answered while the import runs).
 * The server gets the V8 heap ceiling `npm start` sets (package.json's start script); `--max-old-space-size
 * MiB` gives another (0: none). Figures are printed as a Markdown row for BENCHMARKS.md.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import nodeHttp from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { migrate } from '../src/platform/db/migrate.ts';
import { openPglite } from '../src/platform/db/pglite.ts';
import { insertMachineToken } from '../test/support/tokens.ts';
import { httpLoad, row, writeCsv } from './support/registry-data.ts';

const PORT = 18130;
const METRICS_PORT = 18131;
const log = (s: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${s}\n`);

/** The V8 flags `npm start` gives the node (package.json's start script): the bench runs the server as it runs. */
function npmStartNodeFlags(): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.resolve('package.json'), 'utf8')) as { scripts: Record<string, string> };
  return pkg.scripts.start.split(/\s+/).filter((w) => w.startsWith('--max-old-space-size='));
}

function parseArgs(argv: string[]) {
  const a = { items: 200_000, duration: 20, maxOldSpace: undefined as number | undefined };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--items') a.items = Number(argv[++i]);
    else if (argv[i] === '--duration') a.duration = Number(argv[++i]);
    else if (argv[i] === '--max-old-space-size') a.maxOldSpace = Number(argv[++i]);
  }
  if (!Number.isInteger(a.items) || a.items < 1000) throw new Error('--items must be an integer ≥ 1000');
  return a;
}

/** VmRSS and VmHWM of a process, MiB. */
function memory(pid: number): { rss: number; hwm: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) / 1024;
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}

/** The server's JavaScript heap (used / total) and external memory (buffers, WebAssembly), MiB, from its metrics listener. */
async function heap(): Promise<string> {
  const text = await (await fetch(`http://127.0.0.1:${METRICS_PORT}/metrics`)).text();
  const v = (name: string) => Number(new RegExp(`^custodia_nodejs_${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN) / 2 ** 20;
  return `JS heap ${v('heap_size_used_bytes').toFixed(0)}/${v('heap_size_total_bytes').toFixed(0)} MiB, external ${v('external_memory_bytes').toFixed(0)} MiB`;
}

/** One request without a client-side timeout (fetch gives up on headers after 5 minutes). */
function request(method: string, url: string, headers: Record<string, string>, body?: Buffer): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = nodeHttp.request(url, { method, headers }, (res: nodeHttp.IncomingMessage) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The probe's last line (bench/support/memory-probe.mjs), MiB. */
function probeLine(file: string): string {
  try {
    const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
    const m = JSON.parse(lines[lines.length - 1]) as Record<string, number>;
    return `RSS ${m.rss} MiB (peak ${m.hwm}), JS heap ${m.heapUsed}/${m.heapTotal}, external ${m.external} (array buffers ${m.arrayBuffers}), WebAssembly (external less array buffers) ${m.wasm}`;
  } catch {
    return '(no probe yet)';
  }
}

/** The probe's line with the highest RSS so far. */
function peakProbe(file: string): Record<string, number> | undefined {
  let best: Record<string, number> | undefined;
  for (const l of fs.readFileSync(file, 'utf8').trim().split('\n')) {
    const m = JSON.parse(l) as Record<string, number>;
    if (!best || m.rss > best.rss) best = m;
  }
  return best;
}

function du(dir: string): number {
  let bytes = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    bytes += e.isDirectory() ? du(p) : fs.statSync(p).size;
  }
  return bytes;
}

async function waitReady(child: ChildProcess, logFile: string): Promise<void> {
  for (let i = 0; i < 1200; i++) {
    if (child.exitCode !== null) throw new Error(`server exited: ${fs.readFileSync(logFile, 'utf8').slice(-2000)}`);
    try {
      if ((await fetch(`http://127.0.0.1:${PORT}/readyz`)).ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('server did not become ready');
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-memory-'));
  const csv = path.join(dir, 'items.csv');
  let child: ChildProcess | undefined;
  try {
    writeCsv(csv, args.items);
    const db = await openPglite(path.join(dir, 'pgdata'));
    await migrate(db);
    const now = new Date();
    const { headers } = await insertMachineToken(db, { role: 'registry_clerk', username: 'bench-clerk', tokenName: 'bench', now, expiresAt: new Date(now.getTime() + 86_400_000) });
    await db.close();

    const logFile = path.join(dir, 'server.log');
    const out = fs.openSync(logFile, 'w');
    const probeFile = path.join(dir, 'memory.jsonl');
    // The heap ceiling `npm start` sets, unless given (`--max-old-space-size 0`: none, V8's default).
    const heapFlags = args.maxOldSpace === undefined ? npmStartNodeFlags() : args.maxOldSpace > 0 ? [`--max-old-space-size=${args.maxOldSpace}`] : [];
    log(`server node flags: ${heapFlags.join(' ') || '(none: V8 default heap limit)'}`);
    const nodeArgs = ['--import', pathToFileURL(path.resolve('bench/support/memory-probe.mjs')).href, ...heapFlags];
    child = spawn(process.execPath, [...nodeArgs, path.resolve('bin/custodia.mjs'), 'start'], {
      env: { ...process.env, DATABASE_URL: '', CUSTODIA_DATA_DIR: dir, PORT: String(PORT), CUSTODIA_SKIP_WEB_BUILD: 'true', CUSTODIA_METRICS_PORT: String(METRICS_PORT), CUSTODIA_MEMORY_PROBE: probeFile },
      stdio: ['ignore', out, out],
    });
    await waitReady(child, logFile);
    const pid = child.pid!;
    const started = memory(pid);
    log(`started: RSS ${started.rss.toFixed(0)} MiB, ${await heap()}`);

    // The import, over HTTP, as an officer would upload it.
    const t0 = performance.now();
    // node:http rather than fetch: on a loaded machine the answer can take longer than fetch's 5-minute header timeout.
    const upload = await request('POST', `http://127.0.0.1:${PORT}/api/v1/registry/imports`, { ...headers, 'content-type': 'text/csv', 'x-file-name': 'items.csv' }, fs.readFileSync(csv));
    const job = JSON.parse(upload.body) as { id: string; status: string };
    if (upload.status !== 202) throw new Error(`upload refused: ${upload.status} ${upload.body.slice(0, 300)}`);
    let status = job.status;
    // Every poll's answer time: a client following its own import must be answered while the import holds the database.
    const pollMs: number[] = [];
    let lastProbe = 0;
    while (status === 'running') {
      await new Promise((r) => setTimeout(r, 1000));
      const tp = performance.now();
      const res = await request('GET', `http://127.0.0.1:${PORT}/api/v1/registry/imports/${job.id}`, headers);
      const body = JSON.parse(res.body) as { status: string; itemsCreated: number };
      pollMs.push(performance.now() - tp);
      if (res.status !== 200) throw new Error(`poll answered ${res.status}: ${res.body.slice(0, 300)}`);
      status = body.status;
      if (performance.now() - lastProbe > 15_000) {
        lastProbe = performance.now();
        log(`  import running: ${body.itemsCreated} items written, server ${probeLine(probeFile)}`);
      }
      if (status !== 'running' && body.itemsCreated !== args.items) throw new Error(`import ended ${status} with ${body.itemsCreated} items`);
    }
    if (status !== 'completed') throw new Error(`import ended ${status}`);
    const importSeconds = (performance.now() - t0) / 1000;
    const imported = memory(pid);
    pollMs.sort((x, y) => x - y);
    const pollP = (p: number) => (pollMs.length ? pollMs[Math.min(pollMs.length - 1, Math.floor((p / 100) * pollMs.length))].toFixed(0) : 'n/a');
    log(`job polls during the import: ${pollMs.length}, answer p50 ${pollP(50)} ms, max ${pollP(100)} ms`);
    const peakLine = peakProbe(probeFile);
    log(`probe at the highest RSS during start + import: ${JSON.stringify(peakLine)}`);
    log(`import: ${args.items} items in ${importSeconds.toFixed(0)} s (${Math.round(args.items / importSeconds)} items/s), RSS ${imported.rss.toFixed(0)} MiB, peak ${imported.hwm.toFixed(0)} MiB, ${await heap()}`);

    // The exact lookup under load.
    const serialAt = (k: number) => row((k * 7919) % args.items).serial;
    const paths = Array.from({ length: 20_000 }, (_, i) => `/api/v1/registry/items?serial=${encodeURIComponent(serialAt(i))}`);
    await httpLoad({ url: `http://127.0.0.1:${PORT}`, paths, headers, connections: 10, duration: 2 }); // warm-up, counted in the peak
    const http = await httpLoad({ url: `http://127.0.0.1:${PORT}`, paths, headers, connections: 10, duration: args.duration });
    const looked = memory(pid);
    log(`lookups: ${Math.round(http.requests)} req/s p99 ${http.p99} ms (${http.non2xx} non-2xx), RSS ${looked.rss.toFixed(0)} MiB, peak ${looked.hwm.toFixed(0)} MiB, ${await heap()}`);
    log(`probe at the highest RSS of the whole run: ${JSON.stringify(peakProbe(probeFile))}`);
    const dbMiB = du(path.join(dir, 'pgdata')) / 2 ** 20;
    const load = os.loadavg().map((l) => l.toFixed(1)).join(' ');
    console.log(`\nEmbedded node memory, ${new Date().toISOString().slice(0, 16)} UTC, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, server ${heapFlags.join(' ') || 'without a heap ceiling'}\n`);
    console.log('| items | RSS after start MiB | import s (items/s) | RSS after import MiB | peak RSS through import MiB | lookups req/s (p99 ms) | peak RSS through import + lookups MiB | database on disk MiB | load average after |');
    console.log('|---|---|---|---|---|---|---|---|---|');
    console.log(
      `| ${args.items.toLocaleString('en')} | ${started.rss.toFixed(0)} | ${importSeconds.toFixed(0)} (${Math.round(args.items / importSeconds).toLocaleString('en')}) | ${imported.rss.toFixed(0)} | ${imported.hwm.toFixed(0)} | ${Math.round(http.requests).toLocaleString('en')} (${http.p99}) | ${looked.hwm.toFixed(0)} | ${dbMiB.toFixed(0)} | ${load} |`,
    );
  } catch (err) {
    // The data directory goes below: keep what the server said.
    const logFile = path.join(dir, 'server.log');
    if (fs.existsSync(logFile)) process.stderr.write(`server log (last 4,000 characters):\n${fs.readFileSync(logFile, 'utf8').slice(-4000)}\n`);
    throw err;
  } finally {
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child!.once('exit', r));
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
