import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * The server's log as people read it on a terminal: `12:04:31 INFO  Custodia is running url=http://…`.
 * Only when standard output is a terminal; anywhere else (journald, a container, a file) the lines stay
 * pino's JSON, one object a line, for machines to parse. Written here rather than taken from a package:
 * ten lines, no dependency.
 */
const LEVELS: Record<number, [string, string]> = {
  10: ['TRACE', '\x1b[90m'],
  20: ['DEBUG', '\x1b[36m'],
  30: ['INFO ', '\x1b[32m'],
  40: ['WARN ', '\x1b[33m'],
  50: ['ERROR', '\x1b[31m'],
  60: ['FATAL', '\x1b[35m'],
};
const OMIT = new Set(['level', 'time', 'msg', 'pid', 'hostname', 'v']);

function value(v: unknown): string {
  if (typeof v === 'string') return /[\s"=]/.test(v) || v === '' ? JSON.stringify(v) : v;
  return JSON.stringify(v) ?? String(v);
}

/** One JSON log line (pino's) as one readable line; a line that is not JSON is returned as it is. */
export function formatLogLine(line: string, color = false): string {
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line.endsWith('\n') ? line : `${line}\n`;
  }
  const [name, tint] = LEVELS[o.level as number] ?? [String(o.level).toUpperCase().padEnd(5), ''];
  const time = typeof o.time === 'number' ? new Date(o.time).toISOString().slice(11, 19) : '';
  const err = o.err as { stack?: string } | undefined;
  const fields = Object.entries(o)
    .filter(([k, v]) => !OMIT.has(k) && v !== undefined && !(k === 'err' && err?.stack))
    .map(([k, v]) => `${k}=${value(v)}`);
  const level = color ? `${tint}${name}\x1b[0m` : name;
  const text = [time, level, String(o.msg ?? ''), ...fields].filter(Boolean).join(' ');
  return `${text}\n${err?.stack ? `${err.stack}\n` : ''}`;
}

/** A pino destination that writes each line formatted for a terminal (`out` defaults to stdout). */
export function terminalLogStream(out: Pick<NodeJS.WriteStream, 'write'> & { hasColors?: () => boolean } = process.stdout): DestinationStream {
  const color = typeof out.hasColors === 'function' ? out.hasColors() : false;
  return { write: (line: string) => void out.write(formatLogLine(line.trimEnd(), color)) };
}

/**
 * The server's JSON log, written in batches: lines are held until 4 KiB have gathered (about fifteen request
 * lines) or `flushMs` has passed, and a warning or an error is sent at once with the lines before it (or as
 * soon as a write in progress ends). Lines are written asynchronously and flushed when the process exits.
 * Writing each request's line with its own system call cost ~4% of the server's CPU under the exact-lookup
 * benchmark (BENCHMARKS.md); the lines themselves are the same. `dest` is standard output by default.
 */
export function batchedJsonLogger(level: string, options: { dest?: number | string; flushMs?: number } = {}): { logger: Logger; stream: ReturnType<typeof pino.destination> } {
  const stream = pino.destination({ dest: options.dest ?? 1, sync: false, minLength: 4096 });
  let pending = false;
  const flush = () => {
    if (!pending) return;
    pending = false;
    try {
      stream.flush();
    } catch {
      // Closed (the process is ending): its exit handler has written what was held.
    }
  };
  setInterval(flush, options.flushMs ?? 250).unref();
  const logger = pino(
    {
      level,
      hooks: {
        // Children (every request's logger) inherit the hook.
        logMethod(args, method, lineLevel) {
          method.apply(this, args);
          pending = true;
          if (lineLevel >= 40) flush();
        },
      },
    },
    stream,
  );
  return { logger, stream };
}
