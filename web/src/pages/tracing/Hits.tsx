import { useMemo } from 'react';
import { Paper, Select, SimpleGrid, Switch } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import type { ColumnDef } from '@tanstack/react-table';
import { useTranslation } from 'react-i18next';
import { tracingApi, type Hit } from '../../api/tracing.ts';
import { useSession } from '../../auth/session.tsx';
import { DataTable, useCursorPager } from '../../components/DataTable.tsx';
import { AnchorLink } from '../../components/links.tsx';
import { PartyPicker } from '../../components/PartyPicker.tsx';
import { ErrorAlert, PageHeader } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';
import { AcknowledgeButton, AlertBadge, partyText, recoveredTypeText } from './shared.tsx';

/** Lost/stolen hits: recovered items that are registry items reported lost or stolen, an alert to the reporting agency. */
export default function Hits() {
  const { t } = useTranslation();
  const f = useFormat();
  const { can, user } = useSession();
  const navigate = useNavigate();
  const search = useSearch({ strict: false }) as Record<string, string | undefined>;
  // mine=true: the agency the signed-in officer's account names (set by an administrator).
  const mine = search.mine === 'true' && Boolean(user?.agencyPartyId);
  const filters = useMemo(
    () => ({ alertStatus: search.alertStatus, ...(mine ? { mine: 'true' } : { agencyPartyId: search.agencyPartyId }) }),
    [search.alertStatus, search.agencyPartyId, mine],
  );
  const pager = useCursorPager();
  const cursor = pager.cursor;
  const q = useQuery({
    queryKey: ['tracing', 'hits', filters, cursor],
    queryFn: () => tracingApi.listHits(filters, cursor),
    placeholderData: keepPreviousData,
  });
  const setFilter = (key: 'alertStatus' | 'agencyPartyId' | 'mine', value: string | null) => {
    pager.reset();
    const next = { alertStatus: search.alertStatus, agencyPartyId: search.agencyPartyId, mine: search.mine, [key]: value || undefined };
    void navigate({ to: '/tracing/hits', search: Object.fromEntries(Object.entries(next).filter(([, v]) => v)) as Record<string, string> });
  };
  const acknowledging = can('tracing.hits.acknowledge');
  const columns = useMemo<ColumnDef<Hit, unknown>[]>(
    () => [
      {
        id: 'recovery',
        header: t('hits.recovery'),
        accessorFn: (r) => r.recoveryReference,
        cell: (c) =>
          can('tracing.recoveries.read') ? (
            <AnchorLink to="/tracing/recoveries/$id" params={{ id: c.row.original.caseId }} ff="monospace">
              {c.getValue() as string}
            </AnchorLink>
          ) : (
            (c.getValue() as string)
          ),
      },
      { id: 'recoveredOn', header: t('recoveries.recoveredOn'), accessorFn: (r) => r.recoveredOn, cell: (c) => f.date(c.getValue() as string) },
      { id: 'item', header: t('hits.item'), accessorFn: (r) => [recoveredTypeText(t, r.item), r.item.make, r.item.model, r.item.calibre].filter(Boolean).join(' · ') },
      {
        id: 'registry',
        header: t('hits.registryItem'),
        accessorFn: (r) => r.registryStatus,
        cell: (c) => (
          <AnchorLink to="/registry/items/$id" params={{ id: c.row.original.registryItemId }}>
            {t(`status.${c.row.original.registryStatus}`, { defaultValue: c.row.original.registryStatus })}
          </AnchorLink>
        ),
      },
      { id: 'report', header: t('hits.report'), accessorFn: (r) => r.reportReference ?? '—' },
      { id: 'agency', header: t('hits.reportingAgency'), accessorFn: (r) => partyText(t, r.reportingAgency) },
      { id: 'status', header: t('hits.alert'), accessorFn: (r) => r.alertStatus, cell: (c) => <AlertBadge status={c.row.original.alertStatus} /> },
      ...(acknowledging
        ? [{ id: 'action', header: t('hits.action'), cell: (c: { row: { original: Hit } }) => (c.row.original.alertStatus === 'open' ? <AcknowledgeButton hit={c.row.original} /> : f.dateTime(c.row.original.acknowledgedAt)) } as ColumnDef<Hit, unknown>]
        : []),
    ],
    [t, f, can, acknowledging],
  );
  return (
    <>
      <PageHeader title={t('hits.title')} subtitle={t('hits.subtitle')} />
      <Paper withBorder p="md" mb="md" component="section" aria-label={t('recoveries.filters')}>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
          <Select
            label={t('hits.alert')}
            clearable
            value={filters.alertStatus ?? null}
            onChange={(v) => setFilter('alertStatus', v)}
            data={(['open', 'acknowledged'] as const).map((s) => ({ value: s, label: t(`recoveries.alert.${s}`) }))}
          />
          {mine ? null : <PartyPicker label={t('hits.reportingAgency')} value={search.agencyPartyId ?? null} onChange={(v) => setFilter('agencyPartyId', v)} />}
          {user?.agencyPartyId ? (
            <Switch mt={{ sm: 'xl' }} label={t('hits.mine')} checked={mine} onChange={(e) => setFilter('mine', e.currentTarget.checked ? 'true' : null)} data-testid="hits-mine" />
          ) : null}
        </SimpleGrid>
      </Paper>
      <ErrorAlert error={q.error} />
      {q.data ? (
        <DataTable
          testId="hits"
          caption={t('hits.title')}
          data={q.data.items}
          columns={columns}
          {...pager.paging(q.data.nextCursor)}
        />
      ) : null}
    </>
  );
}
