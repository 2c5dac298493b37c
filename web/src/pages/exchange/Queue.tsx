import { Button, Group, Select, Skeleton, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { listRequests, type Received } from '../../api/exchange.ts';
import { AnchorLink } from '../../components/links.tsx';
import { ErrorAlert, PageHeader } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';
import { Caveats, useTypeText } from './EnvelopeView.tsx';

const REQUEST_TYPES = ['import_authorisation_check', 'transit_notification', 'delivery_confirmation_request', 'tracing_request', 'lost_stolen_notice'];

/** What the request is about, in one line: its case, licence or trace reference. */
export function subjectOf(m: Pick<Received, 'envelope'>): string {
  const b = ((m.envelope as { body?: Record<string, unknown> }).body ?? {}) as Record<string, unknown>;
  const ref = (b.caseReference ?? b.exportLicenceNumber ?? b.requestReference ?? b.reportReference ?? b.reference) as string | undefined;
  const imp = (b.importLicence as { reference?: string } | undefined)?.reference;
  return [ref, imp].filter(Boolean).join(' · ');
}

/**
 * The officers' queue: other States' requests waiting for this State's answer, oldest first, each with the
 * conditions on use its sender set; the answer (drafted from this State's records) is on the message page.
 */
export default function Queue() {
  const { t } = useTranslation();
  const f = useFormat();
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
          <Table striped className="dense" data-testid="queue" aria-label={t('exchange.queue.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('exchange.receivedAt')}</Table.Th>
                <Table.Th>{t('exchange.from')}</Table.Th>
                <Table.Th>{t('exchange.messageType')}</Table.Th>
                <Table.Th>{t('exchange.subject')}</Table.Th>
                <Table.Th>{t('exchange.caveatsShort')}</Table.Th>
                <Table.Th>{t('exchange.draft')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((m) => (
                <Table.Tr key={m.id} data-type={m.type}>
                  <Table.Td className="timeline-time">{f.dateTime(m.receivedAt)}</Table.Td>
                  <Table.Td>{f.country(m.from)}</Table.Td>
                  <Table.Td>
                    <AnchorLink to="/exchange/messages/$id" params={{ id: m.id }}>
                      {typeText(m.type)}
                    </AnchorLink>
                  </Table.Td>
                  <Table.Td>{subjectOf(m)}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'normal' }}>
                    <Caveats caveats={(m.envelope as { caveats?: [] }).caveats} compact />
                  </Table.Td>
                  <Table.Td>{m.effectDetail && 'draft' in m.effectDetail ? t('exchange.queue.drafted') : t('exchange.queue.notDrafted')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : null}
      </Stack>
    </>
  );
}
