import en from './locales/server/en.json';
import es from './locales/server/es.json';
import fr from './locales/server/fr.json';

/**
 * The translations of the server's codes (pure: no i18next, so tests in Node read it too). Keys may hold
 * `*` for one varying part (`transit.*.no_objection`); what it matched is the parameter `{{part}}`.
 */
export const SERVER_TEXTS: Record<string, Record<string, string>> = { en, es, fr };

const patterns = new Map<string, { re: RegExp; key: string }[]>();
function patternsOf(lng: string): { re: RegExp; key: string }[] {
  let list = patterns.get(lng);
  if (!list) {
    list = Object.keys(SERVER_TEXTS[lng] ?? {})
      .filter((k) => k.includes('*'))
      .map((key) => ({ key, re: new RegExp(`^${key.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('([^.]+)')}$`) }));
    patterns.set(lng, list);
  }
  return list;
}

/**
 * The text for `code` in `lng`: the exact key, else a `*` key, else the code without its first segment
 * (`art10.import_authorization.recorded` is the checklist line's code under a prefix; a module name put
 * in front of a rule's code, `registry.marking.serial_required`, finds `marking.serial_required`).
 */
export function lookup(lng: string, code: string): { text: string; part?: string } | null {
  const table = SERVER_TEXTS[lng];
  if (!table) return null;
  for (let c = code; c.includes('.'); c = c.slice(c.indexOf('.') + 1)) {
    if (c in table) return { text: table[c] };
    for (const p of patternsOf(lng)) {
      const m = p.re.exec(c);
      if (m) return { text: table[p.key], part: m[1] };
    }
  }
  return null;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A parameter as the user reads it: instants and days in the user's calendar, numbers with their separators. */
export function formatParam(lng: string, v: unknown): string {
  if (typeof v === 'number') return new Intl.NumberFormat(lng).format(v);
  if (typeof v === 'string' && ISO_INSTANT.test(v)) {
    const d = new Date(v);
    if (!Number.isNaN(d.getTime())) return new Intl.DateTimeFormat(lng, { dateStyle: 'medium', timeStyle: 'short' }).format(d);
  }
  if (typeof v === 'string' && ISO_DAY.test(v)) return new Intl.DateTimeFormat(lng, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${v}T00:00:00Z`));
  return v === null || v === undefined ? '' : String(v);
}
