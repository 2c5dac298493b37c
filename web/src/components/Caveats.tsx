import { Alert, Badge, Group, List, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Caveat } from '../api/tracing-requests.ts';
import { TONE } from './ui.tsx';

/**
 * Firearms Protocol Art. 12(5): the conditions the providing State put on the use of the information.
 * They travel with the data and are shown wherever it is: in full above a request or response, and as a
 * badge on every list row that shows one.
 */
export function CaveatsNotice({ caveats, testId = 'caveats' }: { caveats: readonly Caveat[]; testId?: string }) {
  const { t } = useTranslation();
  if (!caveats.length) {
    return (
      <Text size="sm" c="dimmed" data-testid={testId} data-count={0}>
        {t('caveats.none')}
      </Text>
    );
  }
  return (
    <Alert color={TONE.orange} variant="outline" title={t('caveats.title')} data-testid={testId} data-count={caveats.length} role="note">
      <Text size="sm" mb={4}>
        {t('caveats.explain')}
      </Text>
      <List size="sm" spacing={2}>
        {caveats.map((c, i) => (
          <List.Item key={i} data-caveat={c.code}>
            <strong>{t(`caveats.code.${c.code}`, { defaultValue: c.code })}</strong>
            {c.text ? `: ${c.text}` : ''}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}

/** A compact mark for list rows: how many conditions apply, their names on hover and for screen readers. */
export function CaveatsBadge({ caveats }: { caveats: readonly Caveat[] }) {
  const { t } = useTranslation();
  if (!caveats.length) return null;
  const names = caveats.map((c) => t(`caveats.code.${c.code}`, { defaultValue: c.code })).join(', ');
  return (
    <Group gap={4} wrap="nowrap">
      <Tooltip label={names}>
        <Badge color={TONE.orange} variant="filled" aria-label={`${t('caveats.title')}: ${names}`} data-testid="caveats-badge">
          {t('caveats.badge', { count: caveats.length })}
        </Badge>
      </Tooltip>
    </Group>
  );
}
