import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

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
