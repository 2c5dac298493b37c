import type { ReactNode } from 'react';
import { Alert, Badge, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';

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

/** A problem+json error in words: its title, detail and any field errors not shown beside a field. */
export function ErrorAlert({ error, shownFields = [] }: { error: unknown; shownFields?: string[] }) {
  const { t } = useTranslation();
  if (!error) return null;
  const api = error instanceof ApiError ? error : null;
  const title = api ? (api.problem.title ?? t('errors.generic')) : t('errors.network');
  const detail = api ? api.problem.detail : (error as Error)?.message;
  const others = api ? (api.problem.errors ?? []).filter((e) => !shownFields.includes(e.field)) : [];
  return (
    <Alert color={TONE.red} variant="outline" title={title} role="alert" data-testid="error-alert">
      {detail ? <Text size="sm">{detail}</Text> : null}
      {others.length ? (
        <ul>
          {others.map((e, i) => (
            <li key={i}>
              <Text size="sm">
                {e.line ? `${t('errors.line', { line: e.line })} · ` : ''}
                <strong>{e.field}</strong>: {e.message}
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
    <Badge color={STATUS_COLORS[status] ?? TONE.gray} data-status={status}>
      {label ?? t(`status.${status}`, { defaultValue: status.replaceAll('_', ' ') })}
    </Badge>
  );
}

export function NotAvailable({ what }: { what: string }) {
  const { t } = useTranslation();
  return <Text c="dimmed">{t('common.notAvailable', { what })}</Text>;
}
