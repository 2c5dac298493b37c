import { Card, Skeleton, Stack, Table, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { getSent } from '../../api/exchange.ts';
import { ErrorAlert, PageHeader } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';
import { DeliveryBadge, LastError } from './Traffic.tsx';
import { EnvelopeView, useTypeText } from './EnvelopeView.tsx';

/** One message this node signed for another State: the envelope as sent, and how its delivery went. */
export default function SentPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const typeText = useTypeText();
  const { id } = useParams({ strict: false }) as { id: string };
  const q = useQuery({ queryKey: ['exchange', 'sent', id], queryFn: () => getSent(id), refetchInterval: (query) => (query.state.data?.status === 'pending' ? 5_000 : false) });
  if (q.isPending) return <Skeleton height={300} />;
  if (q.error) return <ErrorAlert error={q.error} />;
  const m = q.data;
  const rows: [string, React.ReactNode][] = [
    [t('exchange.outbox.attempts'), f.number(m.attempts)],
    [t('exchange.outbox.lastAttempt'), f.dateTime(m.lastAttemptAt)],
    [m.status === 'pending' ? t('exchange.outbox.nextAttempt') : m.status === 'delivered' ? t('exchange.outbox.deliveredAt') : t('exchange.outbox.deadAt'), f.dateTime(m.status === 'pending' ? m.nextAttemptAt : m.status === 'delivered' ? m.deliveredAt : m.deadAt)],
    [t('exchange.outbox.lastError'), <LastError key="e" text={m.status === 'dead' ? (m.deadReason ?? m.lastError) : m.lastError} />],
  ];
  return (
    <>
      <PageHeader title={`${typeText(m.type)} → ${f.country(m.to)}`} subtitle={t('exchange.sentOn', { date: f.dateTime(m.createdAt) })} actions={<DeliveryBadge e={m} />} />
      <Stack>
        <Card withBorder component="section" aria-label={t('exchange.outbox.delivery')}>
          <Title order={2} size="h4" mb="xs">{t('exchange.outbox.delivery')}</Title>
          <Table className="dense" withRowBorders={false}>
            <Table.Tbody>
              {rows.map(([k, v]) => (
                <Table.Tr key={k}>
                  <Table.Th scope="row" w={220}>{k}</Table.Th>
                  <Table.Td style={{ whiteSpace: 'normal' }}>{v}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
        <EnvelopeView m={{ envelope: m.envelope, token: m.token, sha256: m.sha256 }} />
      </Stack>
    </>
  );
}
