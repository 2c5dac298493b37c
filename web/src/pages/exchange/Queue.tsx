import { Button, Group, Select, Skeleton, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { listRequests } from '../../api/exchange.ts';
import { ErrorAlert, PageHeader } from '../../components/ui.tsx';
import { Caveats, useTypeText } from './EnvelopeView.tsx';
import { ReceivedTable } from './ReceivedTable.tsx';

const REQUEST_TYPES = ['import_authorisation_check', 'transit_notification', 'delivery_confirmation_request', 'tracing_request', 'lost_stolen_notice'];

/**
 * The officers' queue: other States' requests waiting for this State's answer, oldest first, each with the
 * conditions on use its sender set; the answer (drafted from this State's records) is on the message page.
 */
export default function Queue() {
  const { t } = useTranslation();
  const typeText = useTypeText();
  const search = useSearch({ strict: false }) as { type?: string };
  const navigate = useNavigate();
  const q = useQuery({ queryKey: ['exchange', 'requests', search.type ?? ''], queryFn: () => listRequests({ type: search.type, limit: 200 }), refetchInterval: 15_000 });
  // The server lists newest first; a queue is worked oldest first.
  const items = [...(q.data?.items ?? [])].reverse();
  return (
    <>
      <PageHeader title={t('exchange.queue.title')} subtitle={t('exchange.queue.subtitle')} />
      <Stack>
        <Group align="flex-end">
          <Select
            label={t('exchange.messageType')}
            clearable
            value={search.type ?? null}
            onChange={(v) => void navigate({ to: '/exchange', search: v ? { type: v } : {} })}
            data={REQUEST_TYPES.map((v) => ({ value: v, label: typeText(v) }))}
            w={320}
          />
          <Button variant="default" onClick={() => void q.refetch()}>
            {t('common.refresh')}
          </Button>
        </Group>
        <ErrorAlert error={q.error} />
        {q.isPending ? <Skeleton height={120} /> : null}
        {q.data && !items.length ? <Text c="dimmed">{t('exchange.queue.empty')}</Text> : null}
        {items.length ? (
          <ReceivedTable
            items={items}
            testId="queue"
            label={t('exchange.queue.title')}
            rowType
            columns={[
              { header: t('exchange.caveatsShort'), wrap: true, cell: (m) => <Caveats caveats={(m.envelope as { caveats?: [] }).caveats} compact /> },
              { header: t('exchange.draft'), cell: (m) => (m.effectDetail && 'draft' in m.effectDetail ? t('exchange.queue.drafted') : t('exchange.queue.notDrafted')) },
            ]}
          />
        ) : null}
      </Stack>
    </>
  );
}
