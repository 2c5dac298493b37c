import { describe, expect, it } from 'vitest';
import { formatLogLine, terminalLogStream } from './log-format.ts';

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
