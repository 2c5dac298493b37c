/**
 * The address bar's search params as plain text. TanStack Router's default reads every value as JSON and
 * writes JSON-looking strings quoted, so a link to the hits list for "my agency" read `?mine=%22true%22`,
 * `?mine=true` (the API's own spelling, or a bookmark) arrived as the boolean `true`, and a serial search
 * for 12345678901234567890 as a number rounded on the way. Every route keeps its search as strings
 * (router.tsx, stringSearch), so values are written and read as they are.
 */
export function parseSearch(searchStr: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(searchStr.startsWith('?') ? searchStr.slice(1) : searchStr)) out[k] = v;
  return out;
}

export function stringifySearch(search: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(search)) {
    if (v === undefined || v === null) continue;
    // No screen puts an object in its search; should one, it stays readable rather than "[object Object]".
    params.set(k, typeof v === 'object' ? JSON.stringify(v) : String(v));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}
