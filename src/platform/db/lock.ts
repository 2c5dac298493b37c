import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * PGlite silently loses data when two processes open one data directory, so the embedded data directory
 * has one owner, and the operating system says who: the owner listens on a Unix-domain socket in the
 * directory (`custodia.sock`). The kernel closes a dead process's socket, so ownership ends with the
 * process however it ends (crash, kill -9, reboot); no process id is trusted (ids are reused within
 * seconds, and at every boot). A starter that finds the socket connects to it: a live owner answers with
 * its description (pid, command, since); a refused connection means the owner is dead and the starter
 * takes over.
 *
 * Node has no flock(2) and the project installs no native addon, hence a socket. Names change atomically:
 * each process binds its own socket (`custodia.<nonce>.sock`) and hard-links it to the well-known name,
 * which fails if the name exists (link(2) never replaces); a stale name is first renamed aside and
 * removed only if it is the very file found dead (same inode), so two starters taking over at once
 * cannot remove each other's fresh name. `custodia.lock` is a copy of the owner's description for people
 * reading the directory; it decides nothing.
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

interface Owner {
  pid: number;
  host: string;
  command: string;
  since: string;
}

const SOCKET = 'custodia.sock';
const DESCRIPTION = 'custodia.lock';
/** A live owner answers at once; one that does not within this long is treated as live (never taken over). */
const ANSWER_MS = 5_000;

/**
 * The directory path sockets are named through: Unix socket paths are limited to ~104 bytes, so a deep
 * data directory is reached through a short symbolic link in the temporary directory (the socket files
 * still live in the data directory itself).
 */
function socketDir(dataDir: string): string {
  const real = fs.realpathSync(dataDir);
  if (path.join(real, 'custodia.0123456789abcdef.stale').length < 100) return real;
  const link = path.join(os.tmpdir(), `custodia-${createHash('sha256').update(real).digest('hex').slice(0, 16)}`);
  for (;;) {
    try {
      fs.symlinkSync(real, link, 'dir');
      return link;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      if (fs.readlinkSync(link) === real) return link;
      fs.rmSync(link, { force: true });
    }
  }
}

/** Asks whoever listens at `socket` who it is; null when nobody does (the owner is dead or gone). */
function ask(socket: string): Promise<Owner | null> {
  return new Promise((resolve) => {
    let text = '';
    const c = net.connect(socket);
    const timer = setTimeout(() => {
      c.destroy();
      resolve({ pid: 0, host: os.hostname(), command: 'a process that does not answer', since: '' });
    }, ANSWER_MS);
    c.on('data', (d) => (text += d.toString()));
    c.on('end', () => {
      clearTimeout(timer);
      try {
        resolve(JSON.parse(text) as Owner);
      } catch {
        resolve({ pid: 0, host: os.hostname(), command: 'unknown (unreadable answer)', since: '' });
      }
    });
    c.on('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      // Refused: a socket file nobody listens on any more. Absent: removed meanwhile.
      if (err.code === 'ECONNREFUSED' || err.code === 'ENOENT') resolve(null);
      else resolve({ pid: 0, host: os.hostname(), command: `unknown (${err.code})`, since: '' });
    });
  });
}

const sameFile = (a: fs.Stats | undefined, b: fs.Stats | undefined) => a !== undefined && b !== undefined && a.ino === b.ino && a.dev === b.dev;
const statOf = (p: string) => fs.statSync(p, { throwIfNoEntry: false });

function listen(server: net.Server, socket: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(socket, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** Removes the sockets of dead processes (a crash leaves its files behind; they decide nothing). */
async function sweep(dir: string, mine: string): Promise<void> {
  for (const name of fs.readdirSync(dir)) {
    if (!/^custodia\.[0-9a-f]{16}\.(sock|stale)$/.test(name) || name === mine) continue;
    const p = path.join(dir, name);
    if ((await ask(p)) === null) fs.rmSync(p, { force: true });
  }
}

export async function acquireDataDirLock(dataDir: string, command: string): Promise<DataDirLock> {
  fs.mkdirSync(dataDir, { recursive: true });
  const dir = socketDir(dataDir);
  const nonce = randomBytes(8).toString('hex');
  const me: Owner = { pid: process.pid, host: os.hostname(), command, since: new Date().toISOString() };
  const own = path.join(dir, `custodia.${nonce}.sock`);
  const wellKnown = path.join(dir, SOCKET);
  const server = net.createServer((c) => c.end(JSON.stringify(me)));
  try {
    await listen(server, own);
  } catch (err) {
    throw new Error(`Cannot create the lock socket in ${dataDir} (${(err as Error).message}); keep CUSTODIA_DATA_DIR on a local file system.`);
  }
  // The socket must not keep the process alive, nor a client of it wait.
  server.unref();
  server.on('connection', (c) => c.unref());
  try {
    for (;;) {
      try {
        fs.linkSync(own, wellKnown);
        break;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      const found = statOf(wellKnown);
      const owner = await ask(wellKnown);
      if (owner) throw new DataDirLockedError(dataDir, owner.pid, owner.host === os.hostname() ? owner.command : `${owner.command} on host ${owner.host}`);
      const grave = path.join(dir, `custodia.${nonce}.stale`);
      try {
        fs.renameSync(wellKnown, grave);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue; // another starter moved it first
        throw err;
      }
      // A name created between our look and the rename is a live owner's: put it back and look again.
      if (!sameFile(statOf(grave), found)) {
        try {
          fs.linkSync(grave, wellKnown);
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        }
      }
      fs.rmSync(grave, { force: true });
    }
  } catch (err) {
    server.close();
    throw err;
  }
  const mine = statOf(own);
  fs.writeFileSync(path.join(dataDir, DESCRIPTION), `${JSON.stringify(me)}\n`, { mode: 0o600 });
  await sweep(dir, path.basename(own));

  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off('exit', release);
    // Only names that are still ours: a process that took over after us keeps its own.
    if (sameFile(statOf(wellKnown), mine)) fs.rmSync(wellKnown, { force: true });
    try {
      const described = JSON.parse(fs.readFileSync(path.join(dataDir, DESCRIPTION), 'utf8')) as Owner;
      if (described.pid === me.pid && described.since === me.since) fs.rmSync(path.join(dataDir, DESCRIPTION), { force: true });
    } catch {
      /* already gone */
    }
    server.close(); // unlinks our own socket file
  };
  process.on('exit', release);
  return { path: wellKnown, release };
}
