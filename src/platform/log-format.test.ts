import fs from 'node:fs';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { batchedJsonLogger, formatLogLine, terminalLogStream } from './log-format.ts';

describe('the server log on a terminal', () => {
  const at = Date.UTC(2026, 11, 5, 12, 4, 31);
  it('reads as one line: time, level, message, then the fields', () => {
    const line = JSON.stringify({ level: 30, time: at, pid: 1, hostname: 'h', msg: 'Custodia is running', url: 'http://127.0.0.1:8080', state: 'XC', workers: 2 });
    expect(formatLogLine(line)).toBe('12:04:31 INFO  Custodia is running url=http://127.0.0.1:8080 state=XC workers=2\n');
  });
  it('quotes values with spaces, shows objects as JSON, and puts an error’s stack on the lines after', () => {
    const line = JSON.stringify({ level: 50, time: at, msg: 'failed', reason: 'two words', req: { method: 'GET' }, err: { message: 'boom', stack: 'Error: boom\n    at x' } });
    expect(formatLogLine(line)).toBe('12:04:31 ERROR failed reason="two words" req={"method":"GET"}\nError: boom\n    at x\n');
  });
  it('colours the level only when asked, and leaves a line that is not JSON as it is', () => {
    expect(formatLogLine(JSON.stringify({ level: 40, time: at, msg: 'm' }), true)).toBe('12:04:31 \x1b[33mWARN \x1b[0m m\n');
    expect(formatLogLine('plain text')).toBe('plain text\n');
  });
  it('writes through the stream pino is given', () => {
    const out: string[] = [];
    terminalLogStream({ write: (s: string) => out.push(s) > 0 }).write(`${JSON.stringify({ level: 30, time: at, msg: 'hello' })}\n`);
    expect(out).toEqual(['12:04:31 INFO  hello\n']);
  });
});

describe('the server log anywhere else (JSON, in batches)', () => {
  const tmp = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-log-')), 'out.log');
  const lines = (file: string) => fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { msg: string; level: number; reqId?: string });
  // A destination given as a path opens asynchronously: wait for it (created just before, so not yet open).
  const opened = (stream: ReturnType<typeof batchedJsonLogger>['stream']) => once(stream, 'ready');

  it('holds request lines and writes them together, none lost, in order', async () => {
    const file = tmp();
    const { logger, stream } = batchedJsonLogger('info', { dest: file, flushMs: 20 });
    await opened(stream);
    const request = logger.child({ reqId: 'r1' });
    for (let i = 0; i < 3; i++) request.info({ i }, `line ${i}`);
    while (lines(file).length < 3) await once(stream, 'write');
    expect(lines(file).map((l) => [l.msg, l.reqId])).toEqual([['line 0', 'r1'], ['line 1', 'r1'], ['line 2', 'r1']]);
    stream.flushSync();
    stream.end();
  });

  it('sends a warning at once, with the lines held before it (a child logger’s too), without waiting for the timer', async () => {
    const file = tmp();
    const { logger, stream } = batchedJsonLogger('info', { dest: file, flushMs: 3_600_000 });
    await opened(stream);
    logger.info('held');
    logger.child({ reqId: 'r2' }).warn('refused');
    while (lines(file).length < 2) await once(stream, 'write');
    expect(lines(file).map((l) => [l.msg, l.level])).toEqual([['held', 30], ['refused', 40]]);
    stream.flushSync();
    stream.end();
  });
});
