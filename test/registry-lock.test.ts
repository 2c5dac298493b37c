import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it, describe } from 'vitest';
import { acquireDataDirLock, DataDirLockedError } from '../src/platform/db/lock.ts';

/**
 * Two processes on one embedded data directory: PGlite would silently lose data, so a writing CLI
 * command refuses while another process (here: one that opened the database exactly as `custodia start`
 * does) holds the data-directory lock, and succeeds once it is gone. The owner is whoever listens on the
 * directory's socket: the kernel ends that with the process, so a crash leaves nothing that blocks the
 * next start, whatever process ids say.
 */
const ROOT = path.resolve(import.meta.dirname, '..');
const dirs: string[] = [];
const children: ChildProcess[] = [];

afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/custodia.mjs'), ...args], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

describe('data-directory lock across processes', () => {
  it(
    'a writing CLI command refuses while another process holds the embedded database, then works once it exits',
    async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-lock-'));
      dirs.push(dir);
      const csv = path.join(dir, 'one.csv');
      fs.writeFileSync(csv, 'kind,type,make,serial_number,country_of_manufacture\nfirearm,rifle,CZ,LOCK-1,CZ\n');
      const env: NodeJS.ProcessEnv = { ...process.env, CUSTODIA_DATA_DIR: dir, LOG_LEVEL: 'warn' };
      delete env.DATABASE_URL;

      const holderScript = `
        import { loadConfig } from './src/platform/config.ts';
        import { openDatabase } from './src/platform/db/open.ts';
        const opened = await openDatabase(loadConfig(), 'custodia start');
        process.stdout.write('ready\\n');
        process.on('SIGTERM', async () => { await opened.close(); process.exit(0); });
        setInterval(() => {}, 1000);
      `;
      const holder = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', holderScript], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] });
      children.push(holder);
      await new Promise<void>((resolve, reject) => {
        holder.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
        holder.on('exit', (code) => reject(new Error(`holder exited with ${code}`)));
      });

      const refused = await run(['import', 'items', csv], env);
      expect(refused.code).toBe(3);
      expect(refused.stderr).toContain('is in use by another Custodia process');
      expect(refused.stderr).toContain(`pid ${holder.pid}`);
      expect(refused.stderr).toContain('custodia start');
      expect(fs.existsSync(`${csv}.errors.csv`)).toBe(false);

      const demo = await run(['demo', '--firearms', '10'], env);
      expect(demo.code).toBe(3);
      expect(demo.stderr).toContain('is in use by another Custodia process');

      holder.kill('SIGTERM');
      await new Promise((r) => holder.on('exit', r));
      const ok = await run(['import', 'items', csv], env);
      expect(ok.stderr).toContain('completed');
      expect(ok.code).toBe(0);

      // The same command's --encoding (here, where the database is already made: a fresh one costs seconds).
      const latin1 = path.join(dir, 'latin1.csv');
      fs.writeFileSync(latin1, Buffer.from('kind,type,make,serial_number,country_of_manufacture\r\nfirearm,shotgun,Armería Hércules,ENC-CLI-1,ES\r\n', 'latin1'));
      const undecodable = await run(['import', 'items', latin1], env);
      expect(undecodable.code).toBe(2);
      expect(undecodable.stderr).toContain('line 2, file: Line 2 is not valid UTF-8');
      const decoded = await run(['import', 'items', latin1, '--encoding', 'windows-1252'], env);
      expect(decoded.stderr).toContain('completed');
      expect(decoded.code).toBe(0);
    },
    300_000,
  );
});

function tempDir(name = 'custodia-dirlock-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), name));
  dirs.push(dir);
  return dir;
}

/** A process that takes the lock as `custodia start` would and prints a line: `owner` or `locked <pid>`. */
function contender(dir: string, command: string): { child: ChildProcess; said: Promise<string> } {
  const script = `
    import { acquireDataDirLock } from './src/platform/db/lock.ts';
    try {
      await acquireDataDirLock(process.argv[1], process.argv[2]);
      process.stdout.write('owner\\n');
      setInterval(() => {}, 1000);
    } catch (err) {
      process.stdout.write(err.name === 'DataDirLockedError' ? 'locked ' + err.ownerPid + '\\n' : 'error ' + err.message + '\\n');
      process.exit(0);
    }
  `;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, dir, command], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  const said = new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve(out.trim());
    });
    child.on('exit', (code, signal) => reject(new Error(`contender exited (${code ?? signal}) before answering: ${out}`)));
  });
  return { child, said };
}

const exited = (c: ChildProcess) => new Promise((r) => (c.exitCode !== null || c.signalCode !== null ? r(null) : c.on('exit', r)));

describe('data-directory lock', () => {
  it('refuses a second owner with the live owner\'s own description, and is free again once the owner is killed', async () => {
    const dir = tempDir();
    const holder = contender(dir, 'custodia start');
    expect(await holder.said).toBe('owner');
    const refused = await acquireDataDirLock(dir, 'custodia import items x.csv').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DataDirLockedError);
    expect(refused).toMatchObject({ ownerPid: holder.child.pid, ownerCommand: 'custodia start' });

    holder.child.kill('SIGKILL');
    await exited(holder.child);
    // kill -9 left its socket files and custodia.lock behind; they decide nothing.
    expect(fs.readdirSync(dir)).toEqual(expect.arrayContaining(['custodia.sock', 'custodia.lock']));
    const lock = await acquireDataDirLock(dir, 'custodia start');
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'custodia.lock'), 'utf8'))).toMatchObject({ pid: process.pid });
    // The dead owner's own socket file was swept.
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.sock')).length).toBe(2);
    lock.release();
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('custodia.'))).toEqual([]);
  }, 120_000);

  it('does not trust a process id: a stale lock naming a live, unrelated process (a reused pid) does not block a start', async () => {
    const dir = tempDir();
    const dead = contender(dir, 'custodia import items big.csv');
    expect(await dead.said).toBe('owner');
    dead.child.kill('SIGKILL');
    await exited(dead.child);
    // The pid the dead owner wrote now belongs to an unrelated live process, as after a reboot or within seconds.
    const unrelated = spawn('sleep', ['300']);
    children.push(unrelated);
    const stale = { pid: unrelated.pid, host: os.hostname(), command: 'custodia import items big.csv', since: '2026-01-01T00:00:00.000Z' };
    fs.writeFileSync(path.join(dir, 'custodia.lock'), JSON.stringify(stale));
    const lock = await acquireDataDirLock(dir, 'custodia start');
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'custodia.lock'), 'utf8')).pid).toBe(process.pid);
    lock.release();

    // The lock file of the earlier, pid-only scheme with a live pid and no socket: no owner either.
    fs.writeFileSync(path.join(dir, 'custodia.lock'), JSON.stringify({ ...stale, since: undefined }));
    (await acquireDataDirLock(dir, 'custodia start')).release();
  }, 120_000);

  it('lets exactly one of several processes starting at once take over a stale lock', async () => {
    const dir = tempDir();
    const dead = contender(dir, 'custodia start');
    expect(await dead.said).toBe('owner');
    dead.child.kill('SIGKILL');
    await exited(dead.child);
    const racers = Array.from({ length: 4 }, (_, i) => contender(dir, `racer ${i}`));
    const answers = await Promise.all(racers.map((r) => r.said));
    const owners = racers.filter((_, i) => answers[i] === 'owner');
    expect(owners).toHaveLength(1);
    for (const a of answers) if (a !== 'owner') expect(a).toBe(`locked ${owners[0].child.pid}`);
  }, 180_000);

  it('works in a data directory whose path is too long for a socket address', async () => {
    const deep = path.join(tempDir(), 'a-rather-long-directory-name-for-a-data-directory', 'and-another-level-to-pass-the-limit', 'data');
    const lock = await acquireDataDirLock(deep, 'custodia start');
    await expect(acquireDataDirLock(deep, 'second')).rejects.toBeInstanceOf(DataDirLockedError);
    lock.release();
    (await acquireDataDirLock(deep, 'third')).release();
  });
});
