/**
 * The HTTP load generator in C (`wrk`, /usr/bin/wrk) instead of autocannon: the same paths in turn, the
 * same headers, one wrk thread. On this 2-core machine the load generator shares the CPU with the server
 * and PostgreSQL; wrk costs far less per request than autocannon's JavaScript, so the server gets more of
 * it. wrk's Lua `done()` prints the summary and wrk's own CPU time (from /proc/self/stat, every thread of
 * the process) as one JSON line.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LoadResult } from './registry-data.ts';

export const WRK = '/usr/bin/wrk';

const SCRIPT = `
local paths = {}
for line in io.lines(os.getenv("WRK_PATHS")) do paths[#paths + 1] = line end
local k = 0
request = function()
  k = k + 1
  return wrk.format("GET", paths[(k % #paths) + 1])
end
done = function(summary, latency, requests)
  local f = io.open("/proc/self/stat"); local stat = f:read("*a"); f:close()
  local fields = {}
  for w in stat:gsub("^.*%) ", ""):gmatch("%S+") do fields[#fields + 1] = w end
  local e = summary.errors
  io.write(string.format('WRK {"total":%d,"durationUs":%d,"p50Us":%d,"p99Us":%d,"non2xx":%d,"errors":%d,"cpuTicks":%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), e.status,
    e.connect + e.read + e.write + e.timeout, tonumber(fields[12]) + tonumber(fields[13])))
end
`;

export interface WrkResult extends LoadResult {
  /** CPU seconds wrk itself used (user + system, all its threads). */
  clientCpu: number;
}

/** Runs wrk against `url` with `paths` in turn for `duration` seconds; p50/p99 in ms (wrk: µs, rounded to 0.1 ms). */
export async function wrkLoad(data: { url: string; paths: string[]; headers: Record<string, string>; connections: number; duration: number }): Promise<WrkResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-wrk-'));
  try {
    fs.writeFileSync(path.join(dir, 'paths.txt'), `${data.paths.join('\n')}\n`);
    fs.writeFileSync(path.join(dir, 'load.lua'), SCRIPT);
    const headerArgs = Object.entries(data.headers).flatMap(([k, v]) => ['-H', `${k}: ${v}`]);
    const args = ['-t1', `-c${data.connections}`, `-d${data.duration}s`, ...headerArgs, '-s', path.join(dir, 'load.lua'), data.url];
    const child = spawn(WRK, args, { env: { ...process.env, WRK_PATHS: path.join(dir, 'paths.txt') }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (b) => (out += b));
    child.stderr.on('data', (b) => (out += b));
    const code = await new Promise<number | null>((r) => child.once('exit', r));
    const line = /^WRK (.*)$/m.exec(out);
    if (code !== 0 || !line) throw new Error(`wrk failed (${code}): ${out.slice(-1000)}`);
    const w = JSON.parse(line[1]) as { total: number; durationUs: number; p50Us: number; p99Us: number; non2xx: number; errors: number; cpuTicks: number };
    const ms = (us: number) => Math.round(us / 100) / 10;
    return { requests: w.total / (w.durationUs / 1e6), total: w.total, p50: ms(w.p50Us), p99: ms(w.p99Us), non2xx: w.non2xx, errors: w.errors, clientCpu: w.cpuTicks / 100 }; // USER_HZ: 100 ticks per second on Linux
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
