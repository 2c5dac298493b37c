// Builds web/dist with Vite when it is missing or older than the application's sources, so
// `npm ci && npm start` on a fresh clone serves the officer application without a separate step.
// Used by `custodia start` and by the browser tests; concurrent callers wait on one build.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const webDir = path.dirname(fileURLToPath(import.meta.url));
export const distDir = path.join(webDir, 'dist');
const sources = [path.join(webDir, 'src'), path.join(webDir, 'index.html'), path.join(webDir, 'vite.config.ts'), path.join(webDir, 'public')];

function newestMtime(p) {
  let st;
  try {
    st = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, name)));
  return newest;
}

export function webBuildIsStale() {
  let built;
  try {
    built = fs.statSync(path.join(distDir, 'index.html')).mtimeMs;
  } catch {
    return true;
  }
  return Math.max(...sources.map(newestMtime)) > built;
}

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Returns true when web/dist is usable afterwards. Never throws: the API works without the UI. */
export function ensureWebBuilt({ log = (m) => process.stderr.write(`${m}\n`), force = false } = {}) {
  if (!force && !webBuildIsStale()) return true;
  // mkdir is atomic: one process builds, the others wait for it (browser test files run in parallel).
  const lock = path.join(os.tmpdir(), `custodia-web-build-${Buffer.from(webDir).toString('hex').slice(-32)}.lock`);
  const deadline = Date.now() + 300_000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      // A lock left by a crashed build is older than any real build takes.
      try {
        if (Date.now() - fs.statSync(lock).mtimeMs > 300_000) fs.rmSync(lock, { recursive: true, force: true });
      } catch {
        /* gone already */
      }
      if (Date.now() > deadline) break;
      sleep(250);
    }
  }
  try {
    if (!force && !webBuildIsStale()) return true;
    log('custodia: building the web application (web/dist)…');
    const viteBin = path.join(webDir, '..', 'node_modules', 'vite', 'bin', 'vite.js');
    const r = spawnSync(process.execPath, [viteBin, 'build', '--config', path.join(webDir, 'vite.config.ts'), '--logLevel', 'warn'], {
      cwd: path.join(webDir, '..'),
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    if (r.status !== 0) {
      log('custodia: the web application failed to build; the API still runs (see the errors above).');
      return false;
    }
    return true;
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exit(ensureWebBuilt({ force: process.argv.includes('--force') }) ? 0 : 1);
}
