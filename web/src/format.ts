import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** Dates, numbers and country names in the user's language, from the browser's own Intl data. */
export function useFormat() {
  const { i18n } = useTranslation();
  const lng = i18n.language;
  return useMemo(() => {
    const dateFmt = new Intl.DateTimeFormat(lng, { dateStyle: 'medium' });
    const dateTimeFmt = new Intl.DateTimeFormat(lng, { dateStyle: 'medium', timeStyle: 'short' });
    const numberFmt = new Intl.NumberFormat(lng);
    let regions: Intl.DisplayNames | null = null;
    try {
      regions = new Intl.DisplayNames([lng], { type: 'region' });
    } catch {
      regions = null;
    }
    const toDate = (v: string | number | Date) => (v instanceof Date ? v : new Date(typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T00:00:00Z` : v));
    return {
      language: lng,
      date(v: string | number | Date | null | undefined): string {
        if (v === null || v === undefined || v === '') return '—';
        const d = toDate(v);
        return Number.isNaN(d.getTime()) ? String(v) : dateFmt.format(d);
      },
      dateTime(v: string | number | Date | null | undefined): string {
        if (v === null || v === undefined || v === '') return '—';
        const d = toDate(v);
        return Number.isNaN(d.getTime()) ? String(v) : dateTimeFmt.format(d);
      },
      number(v: number | null | undefined): string {
        return v === null || v === undefined ? '—' : numberFmt.format(v);
      },
      country(code: string | null | undefined): string {
        if (!code) return '—';
        try {
          return regions?.of(code.toUpperCase()) ?? code;
        } catch {
          return code;
        }
      },
    };
  }, [lng]);
}

/** ISO 3166-1 alpha-2 codes (current), for country pickers; names come from Intl in the user's language. */
export const COUNTRY_CODES = (
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
  'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR ' +
  'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO ' +
  'JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR ' +
  'MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO ' +
  'RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV ' +
  'TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'
).split(' ');

export function useCountryOptions(): { value: string; label: string }[] {
  const f = useFormat();
  return useMemo(
    () => COUNTRY_CODES.map((c) => ({ value: c, label: `${f.country(c)} (${c})` })).sort((a, b) => a.label.localeCompare(b.label, f.language)),
    [f],
  );
}
