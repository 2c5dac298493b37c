import { useMemo } from 'react';
import { Checkbox, Group, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import type { ColumnDef } from '@tanstack/react-table';
import { useTranslation } from 'react-i18next';
import { REQUEST_STATUSES, requestsApi, type RequestStatus, type TracingRequest } from '../../api/tracing-requests.ts';
import { useSession } from '../../auth/session.tsx';
import { CaveatsBadge } from '../../components/Caveats.tsx';
import { DataTable, useCursorPager } from '../../components/DataTable.tsx';
import { AnchorLink, ButtonLink } from '../../components/links.tsx';
import { ErrorAlert, PageHeader } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';
import { ReminderBadge, RequestStatusBadge } from './request-parts.tsx';

/**
 * International tracing requests (ITI paras 14–24), outgoing and incoming: filters in the page URL
 * (shareable), the late ones marked; every row with conditions on use (Art. 12(5)) carries them.
 */
export default function Requests() {
  const { t } = useTranslation();
  const f = useFormat();
  const { can } = useSession();
  const navigate = useNavigate();
  const search = useSearch({ strict: false }) as { direction?: string; status?: string; overdue?: string; reminder?: string; from?: string; to?: string };
  const direction = search.direction === 'outgoing' || search.direction === 'incoming' ? search.direction : undefined;
  const status = (REQUEST_STATUSES as readonly string[]).includes(search.status ?? '') ? (search.status as RequestStatus) : undefined;
  const overdue = search.overdue === 'true';
  const reminder = search.reminder === 'true';
  const pager = useCursorPager();
  const cursor = pager.cursor;
  const q = useQuery({
    queryKey: ['tracing', 'requests', direction, status, overdue, reminder, search.from, search.to, cursor],
    queryFn: () => requestsApi.list({ direction, status, overdue: overdue ? 'true' : undefined, reminder: reminder ? 'true' : undefined, from: search.from, to: search.to, cursor, limit: 50 }),
    placeholderData: keepPreviousData,
  });
  const setFilter = (patch: Record<string, string | undefined>) => {
    pager.reset();
    void navigate({ to: '/tracing/requests', search: { ...search, ...patch } });
  };

  const columns = useMemo<ColumnDef<TracingRequest, unknown>[]>(
    () => [
      {
        id: 'reference',
        header: t('tracingRequest.reference'),
        accessorFn: (r) => r.reference,
        cell: (c) => (
          <AnchorLink to="/tracing/requests/$id" params={{ id: c.row.original.id }} ff="monospace">
            {c.getValue() as string}
          </AnchorLink>
        ),
      },
      { id: 'direction', header: t('tracingRequest.direction'), accessorFn: (r) => t(`tracingRequest.directionValue.${r.direction}`) },
      { id: 'counterpart', header: t('tracingRequest.counterpartState'), accessorFn: (r) => f.country(r.counterpartState) },
      { id: 'counterpartReference', header: t('tracingRequest.counterpartReference'), accessorFn: (r) => r.counterpartReference ?? '—' },
      {
        id: 'status',
        header: t('tracingRequest.status'),
        accessorFn: (r) => r.status,
        cell: (c) => (
          <Group gap={4} wrap="nowrap">
            <RequestStatusBadge status={c.row.original.status} />
            <ReminderBadge r={c.row.original} />
          </Group>
        ),
      },
      { id: 'priority', header: t('tracingRequest.priority'), accessorFn: (r) => t(`tracingRequest.priorityValue.${r.priority}`) },
      { id: 'due', header: t('tracingRequest.dueOn'), accessorFn: (r) => r.responseDueOn ?? '', cell: (c) => f.date(c.getValue() as string) },
      { id: 'caveats', header: t('caveats.column'), accessorFn: (r) => r.caveats.length, cell: (c) => <CaveatsBadge caveats={c.row.original.caveats} /> },
      { id: 'created', header: t('common.created'), accessorFn: (r) => r.createdAt, cell: (c) => f.date(c.getValue() as string) },
    ],
    [t, f],
  );

  return (
    <>
      <PageHeader
        title={t('tracingRequest.title')}
        subtitle={t('tracingRequest.subtitle')}
        actions={
          can('tracing.requests.write') ? (
            <>
              <ButtonLink to="/tracing/requests/new">{t('tracingRequest.draftAction')}</ButtonLink>
              <ButtonLink to="/tracing/requests/import" variant="default">
                {t('tracingRequest.importAction')}
              </ButtonLink>
            </>
          ) : null
        }
      />
      <Stack gap="xs" mb="md">
        <Group align="flex-end" wrap="wrap">
          <Stack gap={2}>
            <Text size="sm" fw={500} id="direction-label">
              {t('tracingRequest.direction')}
            </Text>
            <SegmentedControl
              aria-labelledby="direction-label"
              value={direction ?? 'all'}
              onChange={(v) => setFilter({ direction: v === 'all' ? undefined : v })}
              data={[
                { value: 'all', label: t('tracingRequest.directionValue.all') },
                { value: 'outgoing', label: t('tracingRequest.directionValue.outgoing') },
                { value: 'incoming', label: t('tracingRequest.directionValue.incoming') },
              ]}
            />
          </Stack>
          <Select
            label={t('tracingRequest.status')}
            clearable
            value={status ?? null}
            onChange={(v) => setFilter({ status: v ?? undefined })}
            data={REQUEST_STATUSES.map((s) => ({ value: s, label: t(`tracingRequest.statusValue.${s}`) }))}
          />
          <Checkbox label={t('tracingRequest.onlyOverdue')} checked={overdue} onChange={(e) => setFilter({ overdue: e.currentTarget.checked ? 'true' : undefined })} mb={8} />
          <Checkbox
            label={t('tracingRequest.onlyReminders')}
            checked={reminder}
            onChange={(e) => setFilter({ reminder: e.currentTarget.checked ? 'true' : undefined })}
            mb={8}
            data-testid="only-reminders"
          />
        </Group>
        {search.from || search.to ? (
          <Text size="sm" data-testid="period-filter">
            {t('tracingRequest.createdInPeriod', { from: f.date(search.from), to: f.date(search.to) })}{' '}
            <AnchorLink to="/tracing/requests" search={{ ...search, from: undefined, to: undefined }}>
              {t('tracingRequest.anyPeriod')}
            </AnchorLink>
          </Text>
        ) : null}
      </Stack>
      <ErrorAlert error={q.error} />
      {q.data ? (
        <DataTable
          testId="tracing-requests"
          caption={t('tracingRequest.title')}
          data={q.data.items}
          columns={columns}
          {...pager.paging(q.data.nextCursor)}
        />
      ) : null}
    </>
  );
}
