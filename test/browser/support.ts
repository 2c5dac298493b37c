import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/**
 * Browser tests drive Debian's Chromium (no browser download is possible here) against a real
 * Custodia server started by the test on the embedded database in a temporary data directory.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const ARTIFACTS = path.join(ROOT, 'test-artifacts');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function ensureWebBuilt(): Promise<void> {
  const { ensureWebBuilt: build } = (await import(path.join(ROOT, 'web', 'build.mjs'))) as { ensureWebBuilt: (o?: object) => boolean };
  if (!build({ log: () => {} })) throw new Error('web/dist could not be built (run `npm run build:web` to see why)');
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface Server {
  url: string;
  adminPassword: string;
  dataDir: string;
  output(): string;
  stop(): Promise<void>;
}

export async function startServer(env: Record<string, string> = {}, args: string[] = []): Promise<Server> {
  const port = await freePort();
  // CUSTODIA_BENCH_DATA_DIR reuses a data directory (the benchmark's demo State takes long to load).
  const reuse = process.env.CUSTODIA_BENCH_DATA_DIR;
  const dataDir = reuse ?? fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-browser-'));
  let out = '';
  const child: ChildProcess = spawn(process.execPath, [path.join(ROOT, 'bin', 'custodia.mjs'), 'start', ...args], {
    cwd: ROOT,
    env: { ...process.env, CUSTODIA_STATE: 'UY', PORT: String(port), CUSTODIA_HOST: '127.0.0.1', CUSTODIA_DATA_DIR: dataDir, LOG_LEVEL: 'warn', CUSTODIA_SKIP_WEB_BUILD: 'true', DATABASE_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  // The demonstration State takes minutes to load; a plain start well under one.
  const deadline = Date.now() + (args.includes('--demo') ? 1_800_000 : 420_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`custodia start exited with ${child.exitCode}:\n${out}`);
    try {
      const r = await fetch(`${url}/healthz`);
      if (r.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`custodia start did not answer in time:\n${out}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  // Standard output is a pipe here, not a terminal: the server writes the password to an owner-only file
  // in the data directory and prints the file's path (never the password itself).
  const file = /one-time password is in (\S+) \(/.exec(out)?.[1];
  const match = file ? /One-time password: (\S+)/.exec(fs.readFileSync(file, 'utf8')) : null;
  if (!match && !reuse) throw new Error(`no initial administrator password file named in the server output:\n${out}`);
  // A server that stops while its journey runs leaves only "connection refused" in the failures: say when
  // and how it stopped, with what it wrote (warnings, errors, a crash's stack), so the cause can be read.
  let stopping = false;
  child.once('exit', (code, signal) => {
    if (!stopping) process.stderr.write(`\ncustodia start on ${url} stopped on its own (exit code ${code}, signal ${signal}); its output:\n${out.slice(-20_000)}\n`);
  });
  return {
    url,
    adminPassword: match?.[1] ?? '',
    dataDir,
    output: () => out,
    async stop() {
      stopping = true;
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            child.kill('SIGKILL');
            resolve();
          }, 15_000);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      if (!reuse) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A signed-in API client (cookie + CSRF header), for setting up what a journey starts from. */
export class ApiClient {
  private cookie = '';
  private csrf = '';
  constructor(readonly base: string) {}

  async login(username: string, password: string): Promise<{ mustChangePassword: boolean }> {
    const r = await fetch(`${this.base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
    if (!r.ok) throw new Error(`login ${username}: ${r.status} ${await r.text()}`);
    this.cookie = (r.headers.getSetCookie?.() ?? [r.headers.get('set-cookie') ?? '']).map((c) => c.split(';')[0]).join('; ');
    const body = (await r.json()) as { csrfToken: string; user: { mustChangePassword: boolean } };
    this.csrf = body.csrfToken;
    return { mustChangePassword: body.user.mustChangePassword };
  }

  async call<T = unknown>(method: string, p: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { cookie: this.cookie, 'x-csrf-token': this.csrf };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const r = await fetch(`${this.base}/api/v1${p}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await r.text();
    if (!r.ok) throw new Error(`${method} ${p}: ${r.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** Posts a file as it is (a sanctions list import: XML or CSV, not JSON). */
  async upload<T = unknown>(p: string, content: string | Buffer, contentType: string): Promise<T> {
    const r = await fetch(`${this.base}/api/v1${p}`, { method: 'POST', headers: { cookie: this.cookie, 'x-csrf-token': this.csrf, 'content-type': contentType }, body: content });
    const text = await r.text();
    if (!r.ok) throw new Error(`POST ${p}: ${r.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }
}

export const STRONG = 'Correct-Horse-Battery-9';

/** Signs the first administrator in over the API and replaces its one-time password. */
export async function adminClient(server: Server, newPassword = STRONG): Promise<ApiClient> {
  const c = new ApiClient(server.url);
  // A reused data directory already has the administrator's own password.
  if (!server.adminPassword) {
    await c.login('admin', newPassword);
    return c;
  }
  await c.login('admin', server.adminPassword);
  await c.call('POST', '/auth/password', { currentPassword: server.adminPassword, newPassword });
  await c.login('admin', newPassword);
  return c;
}

/**
 * Creates a user with `role` and a password already changed, ready to sign in through the browser; an officer
 * may be created naming the State agency (registry party) it works for.
 */
export async function createUser(admin: ApiClient, server: Server, username: string, role: string, organisationId: string | null = null, agencyPartyId: string | null = null): Promise<string> {
  const created = await admin.call<{ oneTimePassword: string }>('POST', '/accounts/users', { username, displayName: username.replace(/[._]/g, ' '), role, organisationId, ...(agencyPartyId ? { agencyPartyId } : {}) });
  const c = new ApiClient(server.url);
  await c.login(username, created.oneTimePassword);
  await c.call('POST', '/auth/password', { currentPassword: created.oneTimePassword, newPassword: STRONG });
  return STRONG;
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<Browser> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1366, height: 900 },
    locale: 'en-GB',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-dev-shm-usage'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  // A step waits for the page's state, never a fixed time; the bound is only how long a loaded machine (a
  // whole suite beside other work) may take to get there: 15 s failed first page loads at load ~25.
  page.setDefaultTimeout(45_000);
  page.setDefaultNavigationTimeout(45_000);
  return {
    context,
    page,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

const AXE_SOURCE = fs.readFileSync(path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** Runs axe-core in the page; returns the serious and critical violations (WCAG 2.x A/AA rules). */
export async function axeSerious(page: Page): Promise<AxeViolation[]> {
  // These callbacks run in the page; the server's tsconfig has no DOM types, hence globalThis.
  const has = await page.evaluate(() => typeof (globalThis as unknown as { axe?: unknown }).axe !== 'undefined');
  // Evaluated through the DevTools protocol: the application's CSP (script-src 'self') stays in force.
  if (!has) await page.evaluate(AXE_SOURCE);
  // A dialog or dropdown still fading in or out is half transparent: axe would measure its text's contrast
  // mid-transition. Check the page at rest (on a loaded machine a 200-ms transition can take seconds).
  // A loader's endless animation is not a transition: only finite ones are waited for.
  type Animation = { playState: string; effect: { getTiming(): { iterations?: number } } | null };
  await page.waitForFunction(() =>
    (globalThis as unknown as { document: { getAnimations(): Animation[] } }).document
      .getAnimations()
      .every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
  );
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const r = await axe.run((globalThis as unknown as { document: unknown }).document, { resultTypes: ['violations'], runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Signs in through the login screen. */
export async function signIn(page: Page, base: string, username: string, password: string): Promise<void> {
  await page.goto(`${base}/login`);
  await page.locator('input[name="username"]').fill(username);
  await page.locator('input[name="password"]').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Picks an option in a Mantine Select: types into it and clicks the option whose name matches. */
export async function choose(scope: Page | import('playwright-core').Locator, label: string | RegExp, type: string, option: RegExp): Promise<void> {
  // Required fields' accessible names end with Mantine's " *": match the label's start.
  const byLabel = typeof label === 'string' ? new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) : label;
  const input = scope.getByLabel(byLabel).first();
  const page = 'page' in scope ? scope.page() : scope;
  // Only a visible option: a closed dropdown can keep its options in the page. On a loaded machine the
  // list may re-filter or close between finding the option and clicking it, so open it again and retry.
  const visibleOption = page.getByRole('option', { name: option }).filter({ visible: true }).first();
  for (let attempt = 1; ; attempt++) {
    await input.click();
    await input.fill(type);
    try {
      await visibleOption.click({ timeout: 10_000 });
      return;
    } catch (err) {
      if (attempt === 3) throw err;
    }
  }
}

export function isoDay(offsetDays = 0): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

function localeTexts(obj: Record<string, unknown>): string[] {
  return Object.values(obj).flatMap((v) => (v && typeof v === 'object' ? localeTexts(v as Record<string, unknown>) : [String(v)]));
}
function readLocale(name: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(ROOT, 'web/src/locales', name), 'utf8')) as Record<string, unknown>;
}

/**
 * English phrases of the web's texts that must not survive on a screen shown in `lang`: those with a
 * space (single words like "Custodia" are the same in every language), without placeholders or markup,
 * and not also a text of that language (web or server).
 */
export function englishOnlyPhrases(lang: 'es' | 'fr'): string[] {
  const theirs = new Set([...localeTexts(readLocale(`${lang}.json`)), ...localeTexts(readLocale(`server/${lang}.json`))]);
  return localeTexts(readLocale('en.json')).filter((s) => /\s/.test(s) && !s.includes('{{') && !s.includes('<') && !theirs.has(s));
}
