import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from './auth/session.tsx';
import { countryOptions } from './countries.ts';
import { intlLocale } from './dates.ts';


/** Dates, numbers and country names in the user's language, from the browser's own Intl data. */
export function useFormat() {
  const { i18n } = useTranslation();
  const lng = i18n.language;
  return useMemo(() => {
    const locale = intlLocale(lng, typeof navigator === 'undefined' ? undefined : navigator.language);
    const dateFmt = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
    const dateTimeFmt = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    const numberFmt = new Intl.NumberFormat(locale);
    const percentFmt = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 });
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
      /** A proportion (0.3333) as a percentage in the reader's locale. */
      percent(v: number | null | undefined): string {
        return v === null || v === undefined ? '—' : percentFmt.format(v);
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

/**
 * Country picker options in the user's language, with the State this node serves among them even when
 * its code is user-assigned (XC by default), so an officer can record "imported into" their own State.
 */
export function useCountryOptions(): { value: string; label: string }[] {
  const f = useFormat();
  const { t } = useTranslation();
  const { stateCode } = useSession();
  return useMemo(() => countryOptions(f, stateCode, t('common.ownState')), [f, stateCode, t]);
}
