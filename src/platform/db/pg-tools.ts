import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * PostgreSQL's own client programs (pg_dump, pg_restore) for backups of a PostgreSQL node. pg_dump
 * refuses a server newer than itself, so the tool is taken from the directory of the server's major
 * version when Debian's layout has it (/usr/lib/postgresql/N/bin), else the newest installed one, else
 * PATH. CUSTODIA_PG_BIN names the directory explicitly.
 */
export type PgTool = 'pg_dump' | 'pg_restore';

export class PgToolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PgToolError';
  }
}

const DEBIAN_ROOT = '/usr/lib/postgresql';

export function findPgTool(tool: PgTool, serverMajor: number, env: NodeJS.ProcessEnv = process.env): string {
  if (env.CUSTODIA_PG_BIN) {
    const p = path.join(env.CUSTODIA_PG_BIN, tool);
    if (!fs.existsSync(p)) throw new PgToolError(`${p} does not exist (CUSTODIA_PG_BIN)`);
    return p;
  }
  let versions: number[] = [];
  try {
    versions = fs
      .readdirSync(DEBIAN_ROOT)
      .map(Number)
      .filter((v) => Number.isInteger(v) && fs.existsSync(path.join(DEBIAN_ROOT, String(v), 'bin', tool)));
  } catch {
    versions = [];
  }
  const exact = versions.find((v) => v === serverMajor);
  const newest = versions.filter((v) => v >= serverMajor).sort((a, b) => b - a)[0];
  const chosen = exact ?? newest;
  if (chosen !== undefined) return path.join(DEBIAN_ROOT, String(chosen), 'bin', tool);
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    const p = path.join(dir, tool);
    if (dir && fs.existsSync(p)) return p;
  }
  throw new PgToolError(
    `${tool} was not found. Install PostgreSQL ${serverMajor}'s client programs (Debian: postgresql-client-${serverMajor}) or set CUSTODIA_PG_BIN to their directory.`,
  );
}

/**
 * The connection string without its password (which goes in PGPASSWORD), so it never appears in the
 * process list.
 */
export function connectionForTool(url: string): { dbname: string; env: Record<string, string> } {
  const u = new URL(url);
  const env: Record<string, string> = {};
  if (u.password) env.PGPASSWORD = decodeURIComponent(u.password);
  u.password = '';
  return { dbname: u.toString(), env };
}

/** Runs a PostgreSQL client program against `url`; rejects with its error output when it fails. */
export async function runPgTool(tool: PgTool, serverMajor: number, url: string, args: readonly string[]): Promise<void> {
  const bin = findPgTool(tool, serverMajor);
  const { dbname, env } = connectionForTool(url);
  await new Promise<void>((resolve, reject) => {
    const child = spawn(bin, [`--dbname=${dbname}`, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      if (stderr.length < 20_000) stderr += d.toString();
    });
    child.on('error', (err) => reject(new PgToolError(`${bin}: ${err.message}`)));
    child.on('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new PgToolError(`${path.basename(bin)} failed (${signal ?? `exit ${code}`}): ${stderr.trim() || 'no message'}`));
    });
  });
}
