import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

/**
 * Real `custodia` processes for tests that run the command as an operator does: a free loopback port, a
 * wait for a condition, one command run to its end, and `custodia start` waited on until it says it is
 * running. Every started server is remembered so a test file's afterAll can kill what a failure left running.
 */
export const ROOT = path.resolve(import.meta.dirname, '../..');
const CLI = path.join(ROOT, 'bin/custodia.mjs');
const started = new Set<ChildProcess>();

/** A port free on 127.0.0.1 at the time of asking. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** Polls `probe` until it gives something other than undefined/false; throws naming `what` after `seconds`. */
export async function until<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, seconds = 120): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** One `custodia <args>` run to its end; killed (code null, said in stderr) if it outlives `timeoutMs`. */
export function runCustodia(env: NodeJS.ProcessEnv, args: string[], timeoutMs = 300_000): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      stderr += `\n[test] custodia ${args.join(' ')} killed after ${timeoutMs} ms`;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

export interface CustodiaServer {
  child: ChildProcess;
  /** The JSON log lines printed on stdout so far (pino), in order. */
  lines: Record<string, unknown>[];
  /** The `Custodia is running` line. */
  running: Record<string, unknown>;
  /** Sends `signal` (if still running) and resolves with the exit code (null when killed by a signal). */
  stop(signal: NodeJS.Signals): Promise<number | null>;
}

/**
 * `custodia start` in a process of its own; resolves once it logs `Custodia is running`, rejects with its
 * output if it exits first or is not running after `seconds`.
 */
export async function startCustodia(env: NodeJS.ProcessEnv, options: { label?: string; seconds?: number } = {}): Promise<CustodiaServer> {
  const label = options.label ?? env.CUSTODIA_STATE ?? 'custodia start';
  const child = spawn(process.execPath, [CLI, 'start'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  started.add(child);
  const lines: Record<string, unknown>[] = [];
  let partial = '';
  let raw = '';
  child.stdout!.on('data', (d: Buffer) => {
    const text = d.toString();
    raw = (raw + text).slice(-4000);
    const parts = (partial + text).split('\n');
    partial = parts.pop()!;
    for (const l of parts) {
      if (!l.startsWith('{')) continue;
      try {
        lines.push(JSON.parse(l));
      } catch {
        /* not a log line */
      }
    }
  });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-4000)));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const exitedEarly = exited.then((code): never => {
    throw new Error(`${label} exited (${code}) before it was running: ${err}${raw}`);
  });
  exitedEarly.catch(() => undefined); // only the race below reports it
  let running: Record<string, unknown>;
  try {
    running = await Promise.race([until(`${label} to start`, () => lines.find((l) => l.msg === 'Custodia is running'), options.seconds ?? 180), exitedEarly]);
  } catch (e) {
    child.kill('SIGKILL');
    throw e;
  }
  return {
    child,
    lines,
    running,
    async stop(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const code = await exited;
      started.delete(child);
      return code;
    },
  };
}

/** Kills (SIGKILL) every server started here that is still running: for afterAll after a failure. */
export function killStartedServers(): void {
  for (const c of started) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  started.clear();
}

/** Waits until GET `url` answers 200 (e.g. a node's published key set before enrolling it). */
export function untilServed(url: string, seconds = 120): Promise<true> {
  return until(`${url} to be served`, async () => {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
      await res.arrayBuffer();
      return res.status === 200;
    } catch {
      return false;
    }
  }, seconds);
}
