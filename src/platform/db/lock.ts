import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * PGlite silently loses data when two processes open one data directory, so the embedded data
 * directory is guarded by a lock file holding the owner's pid. A lock left by a process that no
 * longer exists (crash, kill -9) is taken over; a live owner makes the second opener refuse.
 */
export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly ownerPid: number,
    readonly ownerCommand: string,
  ) {
    super(
      `The data directory ${dataDir} is in use by another Custodia process (pid ${ownerPid}: ${ownerCommand}). ` +
        'The embedded database allows only one process at a time. Stop that process, or send this work ' +
        'through the running server (its API), or point CUSTODIA_DATA_DIR at another directory.',
    );
    this.name = 'DataDirLockedError';
  }
}

export interface DataDirLock {
  readonly path: string;
  release(): void;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function acquireDataDirLock(dataDir: string, command: string): DataDirLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, 'custodia.lock');
  const body = JSON.stringify({ pid: process.pid, host: os.hostname(), command, since: new Date().toISOString() });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, body, { flag: 'wx', mode: 0o600 });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          const current = JSON.parse(fs.readFileSync(lockPath, 'utf8')) as { pid: number };
          if (current.pid === process.pid) fs.unlinkSync(lockPath);
        } catch {
          /* already gone */
        }
      };
      process.once('exit', release);
      return { path: lockPath, release };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      let owner: { pid: number; host?: string; command?: string } | undefined;
      try {
        owner = JSON.parse(fs.readFileSync(lockPath, 'utf8'));
      } catch {
        owner = undefined; // half-written by a process that died while writing it
      }
      if (owner && owner.host === os.hostname() && owner.pid !== process.pid && isAlive(owner.pid)) {
        throw new DataDirLockedError(dataDir, owner.pid, owner.command ?? 'unknown');
      }
      if (owner && owner.host && owner.host !== os.hostname()) {
        throw new DataDirLockedError(dataDir, owner.pid, `${owner.command ?? 'unknown'} on host ${owner.host}`);
      }
      fs.rmSync(lockPath, { force: true }); // stale: its owner is gone
    }
  }
  throw new Error(`Could not take the lock ${lockPath}`);
}
