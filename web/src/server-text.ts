import i18n from './i18n.ts';
import { formatParam, lookup } from './server-texts.ts';

/**
 * Texts the server produces (errors, rule messages, checklist lines, screening explanations) in the
 * user's language. The server sends a stable code with an English message; the web looks the code up
 * (server-texts.ts) and falls back to the server's message, so English reads exactly what the server
 * says and a code added without a translation still shows something (test/browser/locales.test.ts
 * fails on such a code).
 */
type Params = Record<string, unknown>;

function interpolate(lng: string, text: string, params: Params): string {
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => formatParam(lng, params[name]));
}

/** `code`'s text in the current language, or `fallback` (the server's English message) when there is none. */
export function serverText(code: string | null | undefined, fallback: string, params: Params = {}, lng: string = i18n.language): string {
  if (!code) return fallback;
  const found = lookup(lng, code);
  if (!found) return fallback;
  return interpolate(lng, found.text, { ...params, part: found.part });
}

/** Whether the current language has its own text for `code` (else the server's English is shown). */
export function hasServerText(code: string, lng: string = i18n.language): boolean {
  return lookup(lng, code) !== null;
}

/** An Art. 10 checklist line (a gate condition): its code names the condition, `.met` / `.exempt` its outcome. */
export function gateLineText(g: { code: string; met: boolean; exempt?: boolean; detail: string }, lng: string = i18n.language): string {
  const code = g.exempt ? `${g.code}.exempt` : g.met ? `${g.code}.met` : g.code;
  return serverText(code, g.detail, {}, lng);
}
