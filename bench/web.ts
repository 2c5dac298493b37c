/**
 * Web figures for BENCHMARKS.md: gzipped JavaScript the sign-in + dashboard route loads, and the time
 * the dashboard takes to render with every panel loaded, on loopback with the demonstration State.
 * `npx tsx bench/web.ts [--no-demo]`. Not part of `npm test`.
 */
import zlib from 'node:zlib';
import { adminClient, ensureWebBuilt, launchBrowser, signIn, startServer } from '../test/browser/support.ts';

/** The little of the DOM these in-page callbacks use (the server's tsconfig has no DOM types). */
interface Doc {
  querySelector(s: string): unknown;
  querySelectorAll(s: string): { length: number };
}

const demo = !process.argv.includes('--no-demo');
await ensureWebBuilt();
const t0 = Date.now();
const server = await startServer({}, demo ? ['--demo'] : []);
console.log(`server ready in ${((Date.now() - t0) / 1000).toFixed(0)} s${demo ? ' (with the demo State)' : ''}`);
const admin = await adminClient(server);
const browser = await launchBrowser();
const { page } = browser;

const scripts = new Map<string, number>();
page.on('response', async (res) => {
  if (res.request().resourceType() !== 'script' || !res.ok()) return;
  try {
    const body = await res.body();
    scripts.set(res.url(), zlib.gzipSync(body, { level: 9 }).length);
  } catch {
    /* navigation raced the body */
  }
});

await signIn(page, server.url, 'admin', 'Correct-Horse-Battery-9');
await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
await page.waitForFunction(() => (globalThis as unknown as { document: Doc }).document.querySelectorAll('.mantine-Skeleton-root').length === 0, undefined, { timeout: 120_000 });
await page.waitForLoadState('networkidle');
const jsGz = [...scripts.values()].reduce((a, b) => a + b, 0);
console.log(`sign-in + dashboard: ${scripts.size} JS files, ${(jsGz / 1024).toFixed(1)} KiB gzipped`);

const panels = await page.locator('[data-testid^="panel-"]').count();
const times: number[] = [];
for (let i = 0; i < 7; i++) {
  await page.goto(`${server.url}/`);
  // A string, not a function: tsx would wrap a function's inner helpers in its own __name() calls.
  const ms = (await page.evaluate(`(async () => {
    const ready = () => document.querySelector('h1') && document.querySelectorAll('[data-testid^="panel-"]').length > 0 && document.querySelectorAll('.mantine-Skeleton-root').length === 0;
    while (!ready()) await new Promise((r) => setTimeout(r, 10));
    return performance.now();
  })()`)) as number;
  times.push(ms);
}
times.sort((a, b) => a - b);
console.log(`dashboard render (navigation start → all ${panels} panels filled), 7 loads: median ${times[3].toFixed(0)} ms, min ${times[0].toFixed(0)} ms, max ${times[6].toFixed(0)} ms`);
void admin;
await browser.close();
await server.stop();
