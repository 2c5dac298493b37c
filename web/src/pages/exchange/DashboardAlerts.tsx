import { Alert, Group, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { listRequests, outboxCounts } from '../../api/exchange.ts';
import { AnchorLink } from '../../components/links.tsx';
import { TONE } from '../../components/ui.tsx';

/**
 * The exchange's alerts on the dashboard: envelopes that could not be delivered to another State (dead
 * letters, for those who read the traffic) and requests from other States waiting for this State's answer
 * (for those who answer them). Nothing is shown when there is nothing to do.
 */
export function ExchangeAlerts({ can }: { can: (permission: string) => boolean }) {
  const { t } = useTranslation();
  const counts = useQuery({ queryKey: ['dashboard', 'exchange-counts'], queryFn: outboxCounts, enabled: can('exchange.traffic.read'), refetchInterval: 60_000 });
  const queue = useQuery({ queryKey: ['dashboard', 'exchange-queue'], queryFn: () => listRequests({ limit: 100 }), enabled: can('exchange.requests.answer'), refetchInterval: 60_000 });
  const dead = counts.data?.dead ?? 0;
  const waiting = queue.data?.items.length ?? 0;
  if (!dead && !waiting) return null;
  return (
    <Stack mb="md" gap="xs">
      {dead ? (
        <Alert color={TONE.red} variant="outline" title={t('exchange.dashboard.deadLettersTitle')} role="alert" data-testid="dead-letters">
          <Group gap="xs">
            <Text size="sm">{t('exchange.dashboard.deadLetters', { count: dead })}</Text>
            <AnchorLink to="/exchange/traffic" search={{ tab: 'outbox', status: 'dead' }} size="sm">
              {t('exchange.dashboard.seeDeadLetters')}
            </AnchorLink>
          </Group>
        </Alert>
      ) : null}
      {waiting ? (
        <Alert color={TONE.blue} variant="outline" title={t('exchange.dashboard.deadLettersTitle')} data-testid="exchange-queue-alert">
          <Group gap="xs">
            <Text size="sm">{t('exchange.dashboard.queue', { count: waiting })}</Text>
            <AnchorLink to="/exchange" size="sm">
              {t('exchange.dashboard.seeQueue')}
            </AnchorLink>
          </Group>
        </Alert>
      ) : null}
    </Stack>
  );
}
