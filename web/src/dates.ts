/** Calendar dates as the user means them: in the browser's own time zone, never in UTC by accident. */

const pad = (n: number) => String(n).padStart(2, '0');

/** Today's date where the user is (what a date input should start at), as YYYY-MM-DD. */
export function localToday(now: Date = new Date()): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * The instant recorded for an event the user dated `date` (YYYY-MM-DD): noon UTC that day, so the date
 * reads the same in every time zone, except for an event dated today, which is recorded as now. Noon
 * of today is still in the future every morning (UTC), and the server rightly refuses future events.
 */
export function eventInstant(date: string, now: Date = new Date()): string {
  const noon = new Date(`${date}T12:00:00Z`);
  return date === localToday(now) && noon.getTime() > now.getTime() ? now.toISOString() : noon.toISOString();
}

/**
 * Whether an event instant stands for a calendar date only: the register and event forms record a date
 * the user picked as noon UTC (eventInstant), so showing its "12:00" would invent a time.
 */
export function isDateOnly(instant: string): boolean {
  return /T12:00:00(\.000)?Z$/.test(instant);
}

/** Whether `s` is a YYYY-MM-DD date that exists (1965-13-45 and 2023-02-29 do not). */
export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/**
 * The Intl locale for the interface language: the browser's own variant of it when it has one (en-GB,
 * es-UY, fr-CA), else the language's international convention (day before month for English: en-GB,
 * not the US order a bare "en" gives).
 */
export function intlLocale(lng: string, browser: string | undefined): string {
  if (browser && browser.toLowerCase().startsWith(`${lng}-`)) return browser;
  return lng === 'en' ? 'en-GB' : lng;
}
