import { Writable } from 'node:stream';
import pino from 'pino';
import { expect, it } from 'vitest';
import { createTestDeps } from '../../../test/support/deps.ts';
import { buildApp } from '../../app.ts';

it('writes no server log line for a health check that succeeds, and still one for every other request', async () => {
  const lines: { msg?: string; req?: { url?: string } }[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString().split('\n')) if (l) lines.push(JSON.parse(l));
      done();
    },
  });
  const deps = await createTestDeps('pglite');
  const app = await buildApp({ deps, loggerInstance: pino({ level: 'info' }, sink) });
  try {
    for (let i = 0; i < 3; i++) expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    await app.inject({ method: 'GET', url: '/api/v1/web/permissions' });
  } finally {
    await app.close();
    await deps.close();
  }
  const urls = lines.filter((l) => l.msg === 'request completed').map((l) => l.req?.url);
  expect(urls).toEqual(['/api/v1/web/permissions']);
});
