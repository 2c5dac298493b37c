import type { BirthDate } from './types.ts';

const MONTHS: Record<string, string> = {
  jan: '01', feb: '02', mar: '03', apr: '04', may: '05', jun: '06', jul: '07', aug: '08', sep: '09', oct: '10', nov: '11', dec: '12',
};

/** OFAC writes dates of birth as "30 Jul 1957", "Jul 1957", "1957", "circa 1960", "1958 to 1960". */
export function parseOfacDate(raw: string): BirthDate | null {
  const text = raw.trim().replace(/\.$/, '');
  if (!text) return null;
  const approximate = /circa|approx/i.test(text);
  const clean = text.replace(/circa|approximately|approx\.?/gi, '').trim();
  let m = /^(\d{4})\s*(?:to|-)\s*(\d{4})$/.exec(clean);
  if (m) return { date: null, fromYear: Number(m[1]), toYear: Number(m[2]), approximate, raw };
  m = /^(\d{1,2}) ([A-Za-z]{3})[a-z]* (\d{4})$/.exec(clean);
  if (m && MONTHS[m[2].toLowerCase()]) return { date: `${m[3]}-${MONTHS[m[2].toLowerCase()]}-${m[1].padStart(2, '0')}`, fromYear: null, toYear: null, approximate, raw };
  m = /^([A-Za-z]{3})[a-z]* (\d{4})$/.exec(clean);
  if (m && MONTHS[m[1].toLowerCase()]) return { date: `${m[2]}-${MONTHS[m[1].toLowerCase()]}`, fromYear: null, toYear: null, approximate, raw };
  m = /^(\d{4})$/.exec(clean);
  if (m) return { date: m[1], fromYear: null, toYear: null, approximate, raw };
  m = /^(\d{4})-(\d{2})-(\d{2})/.exec(clean);
  if (m) return { date: `${m[1]}-${m[2]}-${m[3]}`, fromYear: null, toYear: null, approximate, raw };
  return { date: null, fromYear: null, toYear: null, approximate, raw };
}
