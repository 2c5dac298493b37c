import { Button, Group, SegmentedControl, Skeleton, Stack, Table, Tabs, Text } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { errorCode, listInbox, listOutbox, type OutboxEntry } from '../../api/exchange.ts';
import { AnchorLink } from '../../components/links.tsx';
import { ErrorAlert, PageHeader, StatusBadge } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';
import { serverText } from '../../server-text.ts';
import { EffectBadge, useTypeText } from './EnvelopeView.tsx';
import { ReceivedTable } from './ReceivedTable.tsx';

/** Pending envelopes that already failed once are retrying: the operator's word for them. */
export function DeliveryBadge({ e }: { e: Pick<OutboxEntry, 'status' | 'attempts'> }) {
  const { t } = useTranslation();
  const key = e.status === 'pending' && e.attempts > 0 ? 'retrying' : e.status;
  const tone = key === 'delivered' ? 'valid' : key === 'dead' ? 'refused' : key === 'retrying' ? 'suspended' : 'submitted';
  return <StatusBadge status={tone} label={t(`exchange.outbox.status.${key}`)} />;
}

/** The sender loop's last error; a peer's refusal code is translated, its English detail kept beside it. */
export function LastError({ text }: { text: string | null | undefined }) {
  if (!text) return <>—</>;
  const code = errorCode(text);
  if (!code) return <Text size="sm" lang="en" style={{ wordBreak: 'break-word' }}>{text}</Text>;
  const translated = serverText(code, '');
  return (
    <Text size="sm" style={{ wordBreak: 'break-word' }}>
      {translated ? <strong>{translated} </strong> : null}
      <Text span size="xs" c="dimmed" lang="en">{text}</Text>
    </Text>
  );
}

function Outbox() {
  const { t } = useTranslation();
  const f = useFormat();
  const typeText = useTypeText();
  const search = useSearch({ strict: false }) as { status?: string };
  const navigate = useNavigate();
  const status = search.status ?? 'pending';
  const q = useInfiniteQuery({
    queryKey: ['exchange', 'outbox', status],
    queryFn: ({ pageParam }) => listOutbox({ status: status === 'all' ? undefined : status, cursor: pageParam, limit: 50 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (p) => p.nextCursor ?? undefined,
    refetchInterval: 10_000,
  });
  const items = q.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Stack>
      <SegmentedControl
        aria-label={t('registry.status')}
        value={status}
        onChange={(v) => void navigate({ to: '/exchange/traffic', search: { tab: 'outbox', status: v } })}
        data={['pending', 'dead', 'delivered', 'all'].map((s) => ({ value: s, label: t(`exchange.outbox.filter.${s}`) }))}
        w="fit-content"
      />
      <ErrorAlert error={q.error} />
      {q.isPending ? <Skeleton height={120} /> : null}
      {q.data && !items.length ? <Text c="dimmed">{t('exchange.outbox.empty')}</Text> : null}
      {items.length ? (
        <Table striped className="dense" data-testid="outbox" aria-label={t('exchange.outbox.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('exchange.createdAt')}</Table.Th>
              <Table.Th>{t('exchange.to')}</Table.Th>
              <Table.Th>{t('exchange.messageType')}</Table.Th>
              <Table.Th>{t('registry.status')}</Table.Th>
              <Table.Th>{t('exchange.outbox.attempts')}</Table.Th>
              <Table.Th>{t('exchange.outbox.lastAttempt')}</Table.Th>
              <Table.Th>{t('exchange.outbox.nextAttempt')}</Table.Th>
              <Table.Th>{t('exchange.outbox.lastError')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((e) => (
              <Table.Tr key={e.id} data-status={e.status}>
                <Table.Td className="timeline-time">{f.dateTime(e.createdAt)}</Table.Td>
                <Table.Td>{f.country(e.to)}</Table.Td>
                <Table.Td>
                  <AnchorLink to="/exchange/sent/$id" params={{ id: e.id }}>{typeText(e.type)}</AnchorLink>
                </Table.Td>
                <Table.Td><DeliveryBadge e={e} /></Table.Td>
                <Table.Td>{f.number(e.attempts)}</Table.Td>
                <Table.Td className="timeline-time">{f.dateTime(e.lastAttemptAt)}</Table.Td>
                <Table.Td className="timeline-time">{e.status === 'pending' ? f.dateTime(e.nextAttemptAt) : '—'}</Table.Td>
                <Table.Td style={{ whiteSpace: 'normal', maxWidth: 420 }}><LastError text={e.status === 'dead' ? (e.deadReason ?? e.lastError) : e.lastError} /></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
      {q.hasNextPage ? <Button variant="default" w="fit-content" loading={q.isFetchingNextPage} onClick={() => void q.fetchNextPage()}>{t('exchange.more')}</Button> : null}
    </Stack>
  );
}

function Inbox() {
  const { t } = useTranslation();
  const q = useInfiniteQuery({
    queryKey: ['exchange', 'inbox'],
    queryFn: ({ pageParam }) => listInbox({ cursor: pageParam, limit: 50 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (p) => p.nextCursor ?? undefined,
    refetchInterval: 15_000,
  });
  const items = (q.data?.pages.flatMap((p) => p.items) ?? []).filter((m) => m.type !== 'ack');
  return (
    <Stack>
      <ErrorAlert error={q.error} />
      {q.isPending ? <Skeleton height={120} /> : null}
      {q.data && !items.length ? <Text c="dimmed">{t('exchange.inbox.empty')}</Text> : null}
      {items.length ? (
        <ReceivedTable
          items={items}
          testId="inbox"
          label={t('exchange.inbox.title')}
          columns={[{ header: t('exchange.effectTitle'), cell: (m) => <EffectBadge effect={m.effect} detail={m.effectDetail} /> }]}
        />
      ) : null}
      {q.hasNextPage ? <Button variant="default" w="fit-content" loading={q.isFetchingNextPage} onClick={() => void q.fetchNextPage()}>{t('exchange.more')}</Button> : null}
    </Stack>
  );
}

/** The exchange's traffic for operators: the outbox (pending, retrying, dead letters, delivered) and what was received. */
export default function Traffic() {
  const { t } = useTranslation();
  const search = useSearch({ strict: false }) as { tab?: string };
  const navigate = useNavigate();
  return (
    <>
      <PageHeader title={t('exchange.traffic.title')} subtitle={t('exchange.traffic.subtitle')} />
      <Tabs value={search.tab === 'inbox' ? 'inbox' : 'outbox'} onChange={(v) => void navigate({ to: '/exchange/traffic', search: { tab: v ?? 'outbox' } })} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="outbox">{t('exchange.outbox.title')}</Tabs.Tab>
          <Tabs.Tab value="inbox">{t('exchange.inbox.title')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="outbox" pt="md"><Outbox /></Tabs.Panel>
        <Tabs.Panel value="inbox" pt="md"><Inbox /></Tabs.Panel>
      </Tabs>
      <Group />
    </>
  );
}
