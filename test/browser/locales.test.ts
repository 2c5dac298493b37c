import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatParam, lookup, SERVER_TEXTS } from '../../web/src/server-texts.ts';

const WEB = fileURLToPath(new URL('../../web/src', import.meta.url));
const load = (lng: string) => JSON.parse(fs.readFileSync(path.join(WEB, 'locales', `${lng}.json`), 'utf8')) as Record<string, unknown>;

function flatten(obj: Record<string, unknown>, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object') for (const [kk, vv] of flatten(v as Record<string, unknown>, key)) out.set(kk, vv);
    else out.set(key, String(v));
  }
  return out;
}

const vars = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : /\.(tsx?|ts)$/.test(e.name) ? [p] : [];
  });
}

describe('web translations (en, es, fr)', () => {
  const en = flatten(load('en'));
  const es = flatten(load('es'));
  const fr = flatten(load('fr'));

  it('have exactly the same keys in the three languages', () => {
    const keys = [...en.keys()].sort();
    expect([...es.keys()].sort()).toEqual(keys);
    expect([...fr.keys()].sort()).toEqual(keys);
    expect(keys.length).toBeGreaterThan(200);
  });

  it('have no empty text and the same {{variables}} in every language', () => {
    for (const [key, text] of en) {
      for (const other of [es, fr]) {
        const t = other.get(key)!;
        expect(t.trim(), key).not.toBe('');
        expect(vars(t), key).toEqual(vars(text));
      }
    }
  });

  it('cover every literal key the application asks for', () => {
    const missing: string[] = [];
    for (const file of sourceFiles(WEB)) {
      const src = fs.readFileSync(file, 'utf8');
      for (const m of src.matchAll(/\bt\(\s*'([a-zA-Z]+\.[a-zA-Z0-9_.]+)'/g)) if (!en.has(m[1])) missing.push(`${path.basename(file)}: ${m[1]}`);
      for (const m of src.matchAll(/label: '([a-zA-Z]+\.[a-zA-Z0-9_]+)'/g)) if (!en.has(m[1])) missing.push(`${path.basename(file)}: ${m[1]}`);
    }
    expect(missing).toEqual([]);
  });

  it('translate the Spanish and French screens rather than copy the English', () => {
    const same = (other: Map<string, string>) => [...en].filter(([k, v]) => other.get(k) === v && /\s/.test(v.replace(/\{\{\s*\w+\s*\}\}/g, '').trim())).map(([k]) => k);
    // An identical phrase would mean an untranslated screen; single words (Administration, Calibre) may be cognates.
    expect(same(es)).toEqual([]);
    expect(same(fr)).toEqual([]);
  });
});

/**
 * Every code the server can put on a message reaching a user (field errors, rule refusals, Art. 10
 * checklist lines, screening explanation features, case history kinds) is read out of the server's
 * source, and each must have its Spanish and French text; English shows the server's own message.
 */
describe('server texts in Spanish and French (web/src/locales/server)', () => {
  const SRC = fileURLToPath(new URL('../../src', import.meta.url));
  // The exchange's refusals (src/exchange) are read here too: they answer another State's software, but its
  // screens show them to people (enrolment and re-pin errors, an officer's answer errors, a peer's or a relay's
  // refusal as the outbox's last error).
  const serverFiles = sourceFiles(SRC).filter((f) => !f.endsWith('.test.ts'));
  const source = new Map(serverFiles.map((f) => [f, fs.readFileSync(f, 'utf8')]));
  const all = [...source.values()].join('\n');
  const ZOD_ISSUE_CODES = [...new Set([...fs.readFileSync(fileURLToPath(new URL('../../node_modules/zod/v4/core/errors.d.ts', import.meta.url)), 'utf8').matchAll(/readonly code: "([a-z_]+)"/g)].map((m) => m[1]))];
  /** Codes made from reference data (LOCODEs, list entries), not messages. */
  const NOT_MESSAGES = new Set(['${m[1]}${m[2]}', '${n}${g.code}', 'ML${number}']);
  const gateCodes = [
    ...[...all.matchAll(/conditions\.push\(\{\s*code: '([a-z_.]+)'/g)].map((m) => m[1]),
    ...[...all.matchAll(/const code = `(transit\.\$\{[^}]+\}\.[a-z_]+)`/g)].map((m) => m[1].replace(/\$\{[^}]+\}/g, 'XX')),
  ];

  /** Every code, with `${…}` parts filled with the values they take. */
  function serverCodes(): string[] {
    const codes = new Set<string>([...all.matchAll(/code: '([a-z_]+(?:\.[a-z0-9_]+)+)'/g)].map((m) => m[1]));
    // Rule helpers take the code then the message: need(ok, field, 'event.recipient_required', 'Name …').
    // Route files are left out: there a dotted name before a string is a permission, not a code. A code's
    // module is a word, never one letter: `'i.serial_norm', '…'` is a SQL column of alias i, not a code.
    for (const [file, src] of source) {
      if (file.endsWith('routes.ts')) continue;
      for (const m of src.matchAll(/'([a-z_]{2,}\.[a-z0-9_]+(?:\.[a-z0-9_]+)*)',\s*['`"]/g)) codes.add(m[1]);
    }
    for (const [, template] of all.matchAll(/code: `([^`]+)`/g)) {
      if (NOT_MESSAGES.has(template)) continue;
      if (/\.\$\{(v\.keyword|i\.code|issue\.code|named)\}$/.test(template)) ZOD_ISSUE_CODES.forEach((z) => codes.add(template.replace(/\$\{[^}]+\}/g, 'body').replace(/body$/, z)));
      else if (template === 'art10.${c.code}') gateCodes.forEach((g) => codes.add(`art10.${g}`));
      else codes.add(template.replace(/\$\{[^}]+\}/g, 'x'));
    }
    gateCodes.forEach((g) => codes.add(g).add(`${g}.met`));
    gateCodes.filter((g) => g.startsWith('transit.')).forEach((g) => codes.add(`${g}.exempt`));
    for (const [, f] of all.matchAll(/feature: '([a-z_]+)'/g)) codes.add(`screening.feature.${f}`);
    return [...codes].sort();
  }

  it('find the codes in the server source (the extraction works)', () => {
    const codes = serverCodes();
    expect(codes.length).toBeGreaterThan(150);
    expect(codes).toContain('marking.serial_required');
    expect(codes).toContain('event.recipient_required');
    expect(codes).toContain('body.too_small');
    expect(codes).toContain('import_authorization.recorded.met');
    expect(codes).toContain('screening.feature.dob_match');
    // The exchange's, found like every other module's.
    expect(codes).toContain('envelope.replay');
    expect(codes).toContain('enrolment.fingerprint_mismatch');
    expect(codes).toContain('relay.unreachable');
    expect(codes).toContain('exchange.too_small');
  });

  it('translate every server code into Spanish and French', () => {
    for (const lng of ['es', 'fr']) {
      const missing = serverCodes().filter((c) => !lookup(lng, c));
      expect(missing, `codes without a ${lng} text in web/src/locales/server/${lng}.json`).toEqual([]);
    }
  });

  it('have the same keys and {{variables}} in Spanish and French, and every English problem text in both', () => {
    const es = SERVER_TEXTS.es;
    const fr = SERVER_TEXTS.fr;
    expect(Object.keys(fr).sort()).toEqual(Object.keys(es).sort());
    for (const k of Object.keys(es)) expect(vars(fr[k]), k).toEqual(vars(es[k]));
    for (const k of Object.keys(SERVER_TEXTS.en)) {
      expect(es[k], k).toBeTruthy();
      expect(vars(es[k]), k).toEqual(vars(SERVER_TEXTS.en[k]));
    }
    const same = Object.keys(es).filter((k) => es[k] === fr[k] && /\s/.test(es[k]));
    expect(same).toEqual([]);
  });

  it('title and explain every kind of problem the server answers with, in the three languages', () => {
    const slugs = new Set([...all.matchAll(/PROBLEM_BASE\}([a-z-]+)/g)].map((m) => m[1]));
    for (const [, s] of (source.get(path.join(SRC, 'platform/http/problem-handler.ts')) ?? '').matchAll(/slug = ([^;]+)/g)) for (const [, q] of s.matchAll(/'([a-z-]+)'/g)) slugs.add(q);
    expect(slugs).toContain('account-locked');
    for (const lng of ['en', 'es', 'fr']) {
      const missing = [...slugs].flatMap((s) => [`problem.${s}.title`, `problem.${s}.detail`]).filter((k) => !SERVER_TEXTS[lng][k]);
      expect(missing, lng).toEqual([]);
    }
  });

  it('name every case history entry the licensing module writes', () => {
    const kinds = new Set<string>();
    for (const [, call] of all.matchAll(/appendDecision\(([^{;]{0,400})/g)) for (const [, k] of call.matchAll(/'([a-z_]+)'/g)) kinds.add(k);
    expect(kinds).toContain('recommendation');
    const en = flatten(load('en'));
    const missing = [...kinds].filter((k) => !en.has(`decision.${k}`));
    expect(missing).toEqual([]);
  });

  it('show a locked account until a time in the reader\'s own format, not a raw UTC timestamp', () => {
    const at = '2026-12-05T03:15:00.000Z';
    expect(formatParam('es', at)).not.toContain('T03:15');
    expect(formatParam('fr', '2026-12-05')).toBe(new Intl.DateTimeFormat('fr', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date('2026-12-05T00:00:00Z')));
    expect(formatParam('fr', 1234567)).toBe(new Intl.NumberFormat('fr').format(1234567));
  });

  it('name every audit action the dashboard’s recent activity can show, instead of its raw code', () => {
    const en = flatten(load('en'));
    const actions = [...new Set([...all.matchAll(/action: '([a-z_]+\.[a-z_.]+)'/g)].map((m) => m[1]))];
    expect(actions).toContain('registry.item.create');
    expect(actions.filter((a) => !en.has(`audit.${a.replaceAll('.', '_')}`))).toEqual([]);
  });
});
