import { Writable } from 'node:stream';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { contextLogger, currentRequest, installRequestContext, OneLinePerRequest, requestIdFor } from './request-context.ts';

describe('request context', () => {
  it('puts the request id on every log line written while serving it, including lines from services through deps.log', async () => {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const l of chunk.toString().split('\n')) if (l) lines.push(JSON.parse(l));
        done();
      },
    });
    const base = pino({ level: 'info' }, sink);
    const log = contextLogger(base); // what serve() hands the services as deps.log
    const app = Fastify({ loggerInstance: base as FastifyBaseLogger, genReqId: requestIdFor });
    installRequestContext(app);
    app.get('/work', async () => {
      log.info({ step: 1 }, 'service line before an await');
      await new Promise((r) => setTimeout(r, 5));
      log.warn({ step: 2 }, 'service line after an await');
      return { id: currentRequest()?.requestId };
    });
    log.info('a line outside any request');

    const res = await app.inject({ method: 'GET', url: '/work', headers: { 'x-request-id': 'edge-123' } });
    expect(res.json()).toEqual({ id: 'edge-123' });
    expect(res.headers['x-request-id']).toBe('edge-123');
    await app.close();

    const during = lines.filter((l) => l.msg !== 'a line outside any request');
    expect(during.map((l) => l.msg)).toEqual(expect.arrayContaining(['incoming request', 'service line before an await', 'service line after an await', 'request completed']));
    for (const l of during) expect(l.reqId, String(l.msg)).toBe('edge-123');
    expect(lines.find((l) => l.msg === 'a line outside any request')?.reqId).toBeUndefined();
  });

  it('writes one line per answered request, with its method, URL, status and id (the server\'s log controller)', async () => {
    interface Line {
      reqId?: string;
      msg?: string;
      level?: number;
      responseTime?: unknown;
      err?: { message?: string };
    }
    const lines: Line[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const l of chunk.toString().split('\n')) if (l) lines.push(JSON.parse(l) as Line);
        done();
      },
    });
    const app = Fastify({ loggerInstance: pino({ level: 'info' }, sink) as FastifyBaseLogger, genReqId: requestIdFor, logController: new OneLinePerRequest() });
    app.get('/ok', async () => ({ ok: true }));
    app.get('/boom', async () => {
      throw new Error('boom');
    });
    await app.inject({ method: 'GET', url: '/ok?x=1', headers: { 'x-request-id': 'one-1' } });
    await app.inject({ method: 'GET', url: '/boom', headers: { 'x-request-id': 'two-2' } });
    await app.close();
    const first = lines.filter((l) => l.reqId === 'one-1');
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ msg: 'request completed', req: { method: 'GET', url: '/ok?x=1' }, res: { statusCode: 200 } });
    expect(typeof first[0].responseTime).toBe('number');
    // A failing request is still logged as an error, with the error.
    const second = lines.filter((l) => l.reqId === 'two-2');
    expect(second.some((l) => l.level === 50 && l.err?.message === 'boom')).toBe(true);
    expect(lines.some((l) => l.msg === 'incoming request')).toBe(false);
  });

  it('keeps only well-formed request ids from the client', () => {
    expect(requestIdFor({ headers: { 'x-request-id': 'a1:b2.c3_d-4' } })).toBe('a1:b2.c3_d-4');
    for (const bad of ['', 'has space', 'x'.repeat(129), 'new\nline', '{"json":1}']) expect(requestIdFor({ headers: { 'x-request-id': bad } })).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdFor({ headers: { 'x-request-id': ['a', 'b'] } })).toMatch(/^[0-9a-f-]{36}$/);
  });
});
