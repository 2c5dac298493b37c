import type { ReactNode } from 'react';
import { Alert, Badge, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError, fieldErrorText, type Problem } from '../api/client.ts';
import { hasServerText, serverText } from '../server-text.ts';

export function PageHeader({ title, subtitle, actions }: { title: ReactNode; subtitle?: ReactNode; actions?: ReactNode }) {
  return (
    <Group justify="space-between" align="flex-start" mb="md" wrap="wrap">
      <Stack gap={2}>
        <Title order={1} size="h2">
          {title}
        </Title>
        {subtitle ? <Text c="dimmed">{subtitle}</Text> : null}
      </Stack>
      {actions ? <Group gap="xs">{actions}</Group> : null}
    </Group>
  );
}

/** The problem's title and detail in the user's language (from its type), the server's own words as fallback. */
export function problemText(p: Problem, lng: string): { title: string | undefined; detail: string | undefined; original: string | undefined } {
  const slug = (p.type ?? '').split('/').pop() ?? '';
  const params = { ...p } as Record<string, unknown>;
  const title = slug ? serverText(`problem.${slug}.title`, p.title ?? '', params, lng) || undefined : p.title;
  // English shows the server's own (more specific) detail, except where a value needs the user's locale.
  const localDetail = slug && (lng !== 'en' || LOCALISED_DETAILS.has(slug)) && hasServerText(`problem.${slug}.detail`, lng);
  const detail = localDetail ? serverText(`problem.${slug}.detail`, p.detail ?? '', params, lng) : p.detail;
  // With no field errors the server's detail may be the only specific reason: kept, marked as English.
  const original = localDetail && SPECIFIC_DETAILS.has(slug) && !(p.errors ?? []).length && p.detail && p.detail !== detail ? p.detail : undefined;
  return { title, detail, original };
}

/** Problem types whose server detail says something specific the generic translation does not (what conflicts, which rule). */
const SPECIFIC_DETAILS = new Set(['bad-request', 'conflict', 'not-found', 'rule-violation', 'validation']);

/** Problem types whose detail carries a value (an instant) the web formats in the user's locale. */
const LOCALISED_DETAILS = new Set(['account-locked']);

/** A problem+json error in words: its title, detail and any field errors not shown beside a field. */
export function ErrorAlert({ error, shownFields = [] }: { error: unknown; shownFields?: string[] }) {
  const { t, i18n } = useTranslation();
  if (!error) return null;
  const api = error instanceof ApiError ? error : null;
  const text = api ? problemText(api.problem, i18n.language) : null;
  const title = api ? (text?.title ?? t('errors.generic')) : t('errors.network');
  const detail = api ? text?.detail : (error as Error)?.message;
  const others = api ? (api.problem.errors ?? []).filter((e) => !shownFields.includes(e.field)) : [];
  return (
    <Alert color={TONE.red} variant="outline" title={title} role="alert" data-testid="error-alert">
      {detail ? <Text size="sm">{detail}</Text> : null}
      {text?.original ? <Text size="xs" c="dimmed" lang="en">{text.original}</Text> : null}
      {others.length ? (
        <ul>
          {others.map((e, i) => (
            <li key={i}>
              <Text size="sm">
                {e.line ? `${t('errors.line', { line: e.line })} · ` : ''}
                <strong>{e.field}</strong>: {fieldErrorText(e)}
              </Text>
            </li>
          ))}
        </ul>
      ) : null}
    </Alert>
  );
}

/**
 * Dark tones only: each keeps white text at ≥ 4.5:1 (WCAG AA for the small bold text of badges), which
 * Mantine's green.9 and orange.9 do not.
 */
export const TONE = {
  green: '#1b5e20',
  orange: '#9a4400',
  red: '#b02525',
  gray: '#495057',
  grape: '#6a1b9a',
  cyan: '#0b5e6b',
  blue: '#1864ab',
  indigo: '#364fc7',
} as const;

const STATUS_COLORS: Record<string, string> = {
  active: TONE.green,
  valid: TONE.green,
  issued: TONE.green,
  approved: TONE.green,
  countersigned: TONE.green,
  registered: TONE.blue,
  partly_used: TONE.cyan,
  used: TONE.gray,
  lost: TONE.orange,
  stolen: TONE.red,
  revoked: TONE.red,
  refused: TONE.red,
  unknown: TONE.red,
  suspended: TONE.orange,
  information_requested: TONE.orange,
  expired: TONE.gray,
  withdrawn: TONE.gray,
  surrendered: TONE.gray,
  destroyed: TONE.gray,
  deactivated: TONE.gray,
  seized: TONE.grape,
  confiscated: TONE.grape,
  exported: TONE.cyan,
  in_transit: TONE.cyan,
  loaned: TONE.cyan,
  submitted: TONE.blue,
  under_review: TONE.indigo,
  recommended: TONE.indigo,
};

export function StatusBadge({ status, label }: { status: string; label?: string }) {
  const { t } = useTranslation();
  return (
    // Never narrower than its word: a squeezed table cell made "COUNTERSIGNED" read "COU…".
    <Badge color={STATUS_COLORS[status] ?? TONE.gray} data-status={status} style={{ minWidth: 'max-content', flexShrink: 0 }}>
      {label ?? t(`status.${status}`, { defaultValue: status.replaceAll('_', ' ') })}
    </Badge>
  );
}

/** Who did something, as a history line names them: the server's own automatic steps are not a person with a role. */
export function actorText(t: (k: string, o?: Record<string, unknown>) => string, name: string, role?: string | null): string {
  if (name === 'system') return t('common.systemActor');
  return role ? `${name} (${t(`roles.${role}`, { defaultValue: role })})` : name;
}

export function NotAvailable({ what }: { what: string }) {
  const { t } = useTranslation();
  return <Text c="dimmed">{t('common.notAvailable', { what })}</Text>;
}
