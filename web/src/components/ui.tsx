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
    <Alert color="red.9" variant="outline" title={title} role="alert" data-testid="error-alert">
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

const STATUS_COLORS: Record<string, string> = {
  active: 'green.9',
  valid: 'green.9',
  issued: 'green.9',
  approved: 'green.9',
  in_stock: 'green.9',
  held: 'green.9',
  lost: 'orange.9',
  stolen: 'red.9',
  revoked: 'red.9',
  refused: 'red.9',
  suspended: 'orange.9',
  expired: 'gray.8',
  destroyed: 'gray.8',
  deactivated: 'gray.8',
  seized: 'grape.9',
  confiscated: 'grape.9',
  exported: 'cyan.9',
  submitted: 'blue.9',
  under_review: 'indigo.9',
};

export function StatusBadge({ status, label }: { status: string; label?: string }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLORS[status] ?? 'gray.8'} data-status={status}>
      {label ?? t(`status.${status}`, { defaultValue: status.replaceAll('_', ' ') })}
    </Badge>
  );
}

export function NotAvailable({ what }: { what: string }) {
  const { t } = useTranslation();
  return <Text c="dimmed">{t('common.notAvailable', { what })}</Text>;
}
