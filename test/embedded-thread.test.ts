import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/platform/config.ts';
import { freePort, killStartedServers, startCustodia } from './support/processes.ts';

const dirs: string[] = [];
afterAll(() => {
  killStartedServers();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('CUSTODIA_EMBEDDED_THREAD', () => {
  it('is on unless set to 0 or false, and a value it does not know is refused naming the setting', () => {
    expect(loadConfig({}).embeddedThread).toBe(true);
    expect(loadConfig({ CUSTODIA_EMBEDDED_THREAD: '' }).embeddedThread).toBe(true);
    expect(loadConfig({ CUSTODIA_EMBEDDED_THREAD: '1' }).embeddedThread).toBe(true);
    expect(loadConfig({ CUSTODIA_EMBEDDED_THREAD: 'true' }).embeddedThread).toBe(true);
    expect(loadConfig({ CUSTODIA_EMBEDDED_THREAD: '0' }).embeddedThread).toBe(false);
    expect(loadConfig({ CUSTODIA_EMBEDDED_THREAD: 'false' }).embeddedThread).toBe(false);
    expect(() => loadConfig({ CUSTODIA_EMBEDDED_THREAD: 'yes' })).toThrow(/CUSTODIA_EMBEDDED_THREAD must be 1 or 0/);
  });

  it("has custodia start run the embedded database in a thread of its own, or in the server's own with 0, and stop cleanly either way", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-thread-start-'));
    dirs.push(dir);
    for (const [value, database] of [
      [undefined, `pglite:${path.join(dir, 'pgdata')} (thread)`],
      ['0', `pglite:${path.join(dir, 'pgdata')}`],
    ] as const) {
      const port = await freePort();
      const env: NodeJS.ProcessEnv = { ...process.env, CUSTODIA_DATA_DIR: dir, PORT: String(port), CUSTODIA_HOST: '127.0.0.1', CUSTODIA_SKIP_WEB_BUILD: 'true', DATABASE_URL: '' };
      if (value === undefined) delete env.CUSTODIA_EMBEDDED_THREAD;
      else env.CUSTODIA_EMBEDDED_THREAD = value;
      const server = await startCustodia(env, { label: `custodia start (CUSTODIA_EMBEDDED_THREAD=${value ?? 'unset'})` });
      expect(server.running.database).toBe(database);
      // A request that reads the database, answered.
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ status: 'ok', engine: 'pglite' });
      // SIGTERM closes the database (the thread's too) and the process ends by itself.
      expect(await server.stop('SIGTERM')).toBe(0);
    }
  }, 300_000);
});
