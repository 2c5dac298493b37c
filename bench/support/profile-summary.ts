/**
 * Summarises a V8 CPU profile (`.cpuprofile`, from `node --cpu-prof` or the benches' `--profile`):
 * self time by package or source folder and by function, optionally only the profile's last S seconds
 * (the load, not the start-up). `npx tsx bench/support/profile-summary.ts FILE [--last S] [--top N] [--inclusive N]`
 */
import fs from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const argv = process.argv.slice(2);
const opt = (name: string, dflt: number) => {
  const i = argv.indexOf(name);
  return i >= 0 ? Number(argv[i + 1]) : dflt;
};
const file = argv[0];
if (!file) throw new Error('usage: profile-summary.ts FILE [--last S] [--top N] [--inclusive N]');
const p = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
const last = opt('--last', 0) * 1e6;
const top = opt('--top', 40);
const inclusive = opt('--inclusive', 0);

const byId = new Map(p.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const SPECIAL = new Set(['(idle)', '(garbage collector)', '(program)']);
const where = (url: string): string => {
  if (!url) return '(native)';
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1];
  if (url.startsWith('node:')) return url.split('/')[0];
  const s = /\/(src\/[^/]+(?:\/[^/.]+(?=\/))?)/.exec(url);
  return s ? s[1] : url.slice(-40);
};
const label = (n: ProfileNode) => {
  const { functionName, url, lineNumber } = n.callFrame;
  return `${functionName || '(anonymous)'} ${url.replace(/.*node_modules\//, '').replace(/^file:\/\/.*?\/(src|bench|test)\//, '$1/')}:${lineNumber + 1}`;
};

const self = new Map<string, number>();
const byWhere = new Map<string, number>();
const incl = new Map<string, number>();
const add = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
let t = p.startTime;
let count = 0;
for (let i = 0; i < p.samples.length; i++) {
  t += p.timeDeltas[i] ?? 0;
  if (last && t < p.endTime - last) continue;
  count++;
  const n = byId.get(p.samples[i])!;
  add(self, label(n));
  add(byWhere, SPECIAL.has(n.callFrame.functionName) ? n.callFrame.functionName : where(n.callFrame.url));
  if (inclusive) {
    const seen = new Set<string>();
    for (let id: number | undefined = n.id; id !== undefined; id = parent.get(id)) seen.add(label(byId.get(id)!));
    for (const k of seen) add(incl, k);
  }
}
const pct = (v: number) => `${((100 * v) / count).toFixed(1).padStart(5)}%`;
const show = (title: string, m: Map<string, number>, n: number) => {
  console.log(`--- ${title}`);
  for (const [k, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, n)) console.log(pct(v), k);
};
console.log(`${file}: ${count} samples${last ? ` in the last ${last / 1e6} s` : ''}`);
show('self time by package / source folder', byWhere, 25);
show('self time by function', self, top);
if (inclusive) show('inclusive time by function', incl, inclusive);
