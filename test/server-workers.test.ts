import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { testConfig } from '../src/platform/config.ts';
import { openScratchPostgres, type ScratchDb } from '../src/platform/db/scratch.ts';
import { serverProcesses } from '../src/workers.ts';
import { freePort, killStartedServers, startCustodia, until } from './support/processes.ts';

/**
 * CUSTODIA_WORKERS=N (docs/scaling.md): N server processes on one port on PostgreSQL, the embedded
 * database staying one process. The PostgreSQL part starts the real `custodia start`.
 */
const cleanups: (() => Promise<void>)[] = [];

afterAll(async () => {
  killStartedServers();
  for (const c of cleanups) await c();
});

describe('CUSTODIA_WORKERS', () => {
  it('is ignored, with a warning naming the setting, on the embedded database and with a read replica', () => {
    const lines: { level: number; msg: string }[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const l of chunk.toString().split('\n')) if (l) lines.push(JSON.parse(l));
        done();
      },
    });
    const log = pino({ level: 'info' }, sink);
    expect(serverProcesses(testConfig({ workers: 3, databaseUrl: undefined }), log)).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0].level).toBe(40);
    expect(lines[0].msg).toContain('CUSTODIA_WORKERS=3 ignored: the embedded database is served by one process');
    expect(serverProcesses(testConfig({ workers: 3, databaseUrl: 'postgres://x@127.0.0.1/y' }), log)).toBe(3);
    expect(serverProcesses(testConfig({ workers: 1 }), log)).toBe(1);
    expect(lines).toHaveLength(1);
    // A replica's read-your-writes needs one process per user: refused the same way.
    expect(serverProcesses(testConfig({ workers: 2, databaseUrl: 'postgres://x@127.0.0.1/y', databaseReadUrl: 'postgres://x@replica/y' }), log)).toBe(1);
    expect(lines).toHaveLength(2);
    expect(lines[1].msg).toContain('CUSTODIA_WORKERS=2 ignored: with DATABASE_READ_URL');
  });

  it.runIf(process.env.TEST_DATABASE_URL)(
    'on PostgreSQL, N workers answer on one port, the metrics listener sums them, a killed worker is replaced, SIGTERM stops all',
    async () => {
      const scratch: ScratchDb = await openScratchPostgres(process.env.TEST_DATABASE_URL!, 'custodia_workers', 2);
      cleanups.push(() => scratch.close());
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-workers-'));
      cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
      const [port, metricsPort] = [await freePort(), await freePort()];
      const env = { ...process.env, DATABASE_URL: scratch.url, CUSTODIA_WORKERS: '2', PORT: String(port), CUSTODIA_METRICS_PORT: String(metricsPort), CUSTODIA_DATA_DIR: dir, CUSTODIA_SKIP_WEB_BUILD: 'true', LOG_LEVEL: 'info' };
      const server = await startCustodia(env, { label: 'the server' });
      const lines = server.lines;
      expect(server.running.workers).toBe(2);

      // One request per connection, so the primary hands connections to both workers.
      const N = 40;
      for (let i = 0; i < N; i++) {
        const res = await fetch(`http://127.0.0.1:${port}/api/v1/registry/items`, { headers: { connection: 'close' } });
        expect(res.status).toBe(401); // access control works the same in every worker
        await res.arrayBuffer();
      }
      const served = await until('the request log lines', () => {
        const l = lines.filter((x) => x.msg === 'request completed' && (x.req as { url?: string })?.url === '/api/v1/registry/items');
        return l.length === N ? l : undefined;
      });
      expect(new Set(served.map((l) => l.worker))).toEqual(new Set([1, 2]));

      // One scrape of the metrics listener counts the requests of both workers.
      const metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
      const count = /^custodia_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/registry\/items",status_code="401"\} (\d+)$/m.exec(metrics);
      expect(Number(count?.[1])).toBe(N);
      expect(metrics).toMatch(/^custodia_metrics_database_read_ok 1$/m);

      // A worker that dies is replaced; the port keeps answering meanwhile.
      const workerPid = served[0].pid as number;
      process.kill(workerPid, 'SIGKILL');
      await until('the replacement', () => lines.find((l) => l.msg === 'server worker exited; starting another'));
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`, { headers: { connection: 'close' } });
      expect(ready.status).toBe(200);
      await until('a third worker listening', () => lines.filter((l) => typeof l.msg === 'string' && l.msg.startsWith('Server listening')).length >= 3 || undefined);

      const pids = new Set(lines.filter((l) => typeof l.msg === 'string' && l.msg.startsWith('Server listening')).map((l) => l.pid as number));
      expect(await server.stop('SIGTERM')).toBe(0);
      for (const pid of pids) {
        const alive = (() => {
          try {
            process.kill(pid, 0);
            return true;
          } catch {
            return false;
          }
        })();
        expect(alive, `worker ${pid} still running`).toBe(false);
      }
    },
    180_000,
  );
});
