/**
 * `npm run bench:screening`: quality of the name matcher on the labelled nomenklatura pairs (side by
 * side with OpenSanctions logic-v2 on the same cases), the Watchman cross-script pairs, and speed of
 * screening against the real lists loaded into a database. `--quality-only` skips the speed part.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { compareNames } from '../src/screening/match/score.ts';
import { MATCH_THRESHOLD, kindOfSchema } from '../src/screening/match/model.ts';

/** The full public files (../shared/data beside the checkout; CUSTODIA_BENCH_DATA when the checkout lives elsewhere, e.g. a git worktree). */
const DATA = resolve(process.env.CUSTODIA_BENCH_DATA ?? resolve(import.meta.dirname, '../../shared/data'));

interface Case {
  case_group: string;
  schema: string;
  name1: string;
  name2: string;
  is_match: string;
}

function f1(tp: number, fp: number, fn: number) {
  const p = tp + fp ? tp / (tp + fp) : 0;
  const r = tp + fn ? tp / (tp + fn) : 0;
  return { precision: p, recall: r, f1: p + r ? (2 * p * r) / (p + r) : 0 };
}

export function qualityBench(verbose = false) {
  const cases = parse(readFileSync(resolve(DATA, 'name_matching/nomenklatura_name_bench_cases.csv')), { columns: true }) as Case[];
  const logic = parse(readFileSync(resolve(DATA, 'name_matching/nomenklatura_name_bench_logicv2_frozen_results.csv')), { columns: true }) as Array<
    Case & { outcome: string }
  >;
  let tp = 0, fp = 0, fn = 0, tn = 0;
  const groups = new Map<string, { tp: number; fp: number; fn: number; tn: number }>();
  const errors: string[] = [];
  for (const c of cases) {
    const score = compareNames(c.name1, c.name2, kindOfSchema(c.schema)).score;
    const predicted = score >= MATCH_THRESHOLD;
    const actual = c.is_match === 'true';
    const g = groups.get(c.case_group) ?? { tp: 0, fp: 0, fn: 0, tn: 0 };
    if (predicted && actual) (tp++, g.tp++);
    else if (predicted && !actual) (fp++, g.fp++, errors.push(`FP ${score.toFixed(3)} ${c.schema} ${c.name1} | ${c.name2}`));
    else if (!predicted && actual) (fn++, g.fn++, errors.push(`FN ${score.toFixed(3)} ${c.schema} ${c.name1} | ${c.name2}`));
    else (tn++, g.tn++);
    groups.set(c.case_group, g);
  }
  const l = { TP: 0, FP: 0, FN: 0, TN: 0 } as Record<string, number>;
  for (const r of logic) l[r.outcome] = (l[r.outcome] ?? 0) + 1;
  const ours = f1(tp, fp, fn);
  const theirs = f1(l.TP, l.FP, l.FN);
  const lines: string[] = [];
  lines.push(`cases: ${cases.length} (logic-v2 frozen results: ${logic.length})`);
  lines.push(`custodia  threshold ${MATCH_THRESHOLD}: TP ${tp} FP ${fp} FN ${fn} TN ${tn}  precision ${ours.precision.toFixed(3)} recall ${ours.recall.toFixed(3)} F1 ${ours.f1.toFixed(3)}`);
  lines.push(`logic-v2  (frozen):      TP ${l.TP} FP ${l.FP} FN ${l.FN} TN ${l.TN}  precision ${theirs.precision.toFixed(3)} recall ${theirs.recall.toFixed(3)} F1 ${theirs.f1.toFixed(3)}`);
  for (const [name, g] of groups) {
    const m = f1(g.tp, g.fp, g.fn);
    lines.push(`  ${name.padEnd(16)} TP ${g.tp} FP ${g.fp} FN ${g.fn} TN ${g.tn} F1 ${m.f1.toFixed(3)}`);
  }
  // The same pairs with their kinds withheld, as the CLI, API and web screen by default: scored as both
  // a person and an organisation, the better counting (model.ts queryForms), beside the one 'unknown'
  // comparison used before.
  for (const [label, score] of [
    ['without kinds, as both (the better)', (c: Case) => Math.max(compareNames(c.name1, c.name2, 'person').score, compareNames(c.name1, c.name2, 'organisation').score)],
    ["without kinds, as 'unknown' (before)", (c: Case) => compareNames(c.name1, c.name2, 'unknown').score],
  ] as const) {
    let t = 0, f = 0, n = 0;
    for (const c of cases) {
      const predicted = score(c) >= MATCH_THRESHOLD;
      const actual = c.is_match === 'true';
      if (predicted && actual) t++;
      else if (predicted) f++;
      else if (actual) n++;
    }
    const m = f1(t, f, n);
    lines.push(`custodia  ${label}: TP ${t} FP ${f} FN ${n}  precision ${m.precision.toFixed(3)} recall ${m.recall.toFixed(3)} F1 ${m.f1.toFixed(3)}`);
  }
  // Cross-script pairs: positives only, each with its own minimum score.
  const cross = readFileSync(resolve(DATA, 'name_matching/watchman_cross_script_pairs.csv'), 'utf8')
    .split('\n')
    .filter((x) => x.trim() && !x.startsWith('#'))
    .map((x) => x.split(','));
  let reached = 0;
  const crossLines: string[] = [];
  for (const [q, e, min, desc] of cross) {
    const s = compareNames(q, e, 'person').score;
    const ok = s >= Number(min);
    if (ok) reached++;
    crossLines.push(`  ${ok ? 'ok  ' : 'MISS'} ${s.toFixed(3)} ≥ ${min}  ${q} → ${e} (${desc})`);
  }
  lines.push(`cross-script pairs reaching their minimum score: ${reached} / ${cross.length}`);
  if (verbose) lines.push(...crossLines, ...errors.sort());
  return { lines, ours, theirs, reached, total: cross.length };
}

const isMain = process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename);
if (isMain) {
  const verbose = process.argv.includes('--verbose');
  const q = qualityBench(verbose);
  console.log(q.lines.join('\n'));
  const { ordinaryNamesBench, speedBench } = await import('./screening-speed.ts');
  console.log((await ordinaryNamesBench()).join('\n'));
  if (!process.argv.includes('--quality-only')) {
    await speedBench();
  }
}
