import { useMemo } from 'react';
import { Badge, Paper, Select, SimpleGrid, Stack, Switch, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import type { ColumnDef } from '@tanstack/react-table';
import { useTranslation } from 'react-i18next';
import { tracingApi, type HitListItem } from '../../api/tracing.ts';
import { useSession } from '../../auth/session.tsx';
import { DataTable, useCursorPager } from '../../components/DataTable.tsx';
import { AnchorLink } from '../../components/links.tsx';
import { PartyPicker } from '../../components/PartyPicker.tsx';
import { ErrorAlert, PageHeader, TONE } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';
import { AcknowledgeAbroadButton, AcknowledgeButton, AlertBadge, partyText, recoveredTypeText } from './shared.tsx';

/**
 * Lost/stolen hits: recovered items that are registry items reported lost or stolen, an alert to the reporting
 * agency; those recovered here and those other States' nodes notified on this State's reports (marked, with the
 * State and when the notification arrived), as the dashboard counts them.
 */
export default function Hits() {
  const { t } = useTranslation();
  const f = useFormat();
  const { can, user } = useSession();
  const navigate = useNavigate();
  const search = useSearch({ strict: false }) as Record<string, string | undefined>;
  // mine=true: the agency the signed-in officer's account names (set by an administrator).
  const mine = search.mine === 'true' && Boolean(user?.agencyPartyId);
  const filters = useMemo(
    () => ({ alertStatus: search.alertStatus, origin: search.origin, ...(mine ? { mine: 'true' } : { agencyPartyId: search.agencyPartyId }) }),
    [search.alertStatus, search.origin, search.agencyPartyId, mine],
  );
  const pager = useCursorPager();
  const cursor = pager.cursor;
  const q = useQuery({
    queryKey: ['tracing', 'hits', filters, cursor],
    queryFn: () => tracingApi.listHits(filters, cursor),
    placeholderData: keepPreviousData,
  });
  const setFilter = (key: 'alertStatus' | 'origin' | 'agencyPartyId' | 'mine', value: string | null) => {
    pager.reset();
    const next = { alertStatus: search.alertStatus, origin: search.origin, agencyPartyId: search.agencyPartyId, mine: search.mine, [key]: value || undefined };
    void navigate({ to: '/tracing/hits', search: Object.fromEntries(Object.entries(next).filter(([, v]) => v)) as Record<string, string> });
  };
  const acknowledging = can('tracing.hits.acknowledge');
  const columns = useMemo<ColumnDef<HitListItem, unknown>[]>(
    () => [
      {
        id: 'origin',
        header: t('hits.origin'),
        accessorFn: (r) => r.origin,
        // From abroad: which State's node notified it, and when the notification arrived.
        cell: (c) => {
          const r = c.row.original;
          return r.origin === 'abroad' ? (
            <Stack gap={2} align="flex-start" data-origin="abroad">
              <Badge color={TONE.orange} style={{ minWidth: 'max-content' }}>
                {t('hits.fromAbroad')}
              </Badge>
              <Text size="sm">{f.country(r.notifyingState)}</Text>
              <Text size="xs" c="dimmed">
                {t('hits.receivedOn', { at: f.dateTime(r.receivedAt) })}
              </Text>
            </Stack>
          ) : (
            <Text size="sm" data-origin="here">
              {t('hits.originHere')}
            </Text>
          );
        },
      },
      {
        id: 'recovery',
        header: t('hits.recovery'),
        // From abroad: the other State's case reference and its authority that holds the item (no page here).
        accessorFn: (r) => (r.origin === 'here' ? r.recoveryReference : [r.caseReference, r.holdingAuthority.name].filter(Boolean).join(' · ')),
        cell: (c) => {
          const r = c.row.original;
          return r.origin === 'here' && can('tracing.recoveries.read') ? (
            <AnchorLink to="/tracing/recoveries/$id" params={{ id: r.caseId }} ff="monospace">
              {c.getValue() as string}
            </AnchorLink>
          ) : (
            (c.getValue() as string)
          );
        },
      },
      { id: 'recoveredOn', header: t('recoveries.recoveredOn'), accessorFn: (r) => r.recoveredOn, cell: (c) => f.date(c.getValue() as string) },
      {
        id: 'item',
        header: t('hits.item'),
        accessorFn: (r) => [recoveredTypeText(t, r.item), r.item.make, r.item.model, r.item.calibre, r.origin === 'abroad' ? r.item.serialNumber : null].filter(Boolean).join(' · '),
      },
      {
        id: 'registry',
        header: t('hits.registryItem'),
        accessorFn: (r) => (r.origin === 'here' ? r.registryStatus : null),
        cell: (c) => {
          const r = c.row.original;
          return r.origin === 'here' ? (
            <AnchorLink to="/registry/items/$id" params={{ id: r.registryItemId }}>
              {t(`status.${r.registryStatus}`, { defaultValue: r.registryStatus })}
            </AnchorLink>
          ) : (
            '—'
          );
        },
      },
      { id: 'report', header: t('hits.report'), accessorFn: (r) => r.reportReference ?? '—' },
      { id: 'agency', header: t('hits.reportingAgency'), accessorFn: (r) => partyText(t, r.reportingAgency) },
      { id: 'status', header: t('hits.alert'), accessorFn: (r) => r.alertStatus, cell: (c) => <AlertBadge status={c.row.original.alertStatus} /> },
      ...(acknowledging
        ? [
            {
              id: 'action',
              header: t('hits.action'),
              cell: (c: { row: { original: HitListItem } }) => {
                const r = c.row.original;
                if (r.alertStatus !== 'open') return r.origin === 'here' ? f.dateTime(r.acknowledgedAt) : '—';
                return r.origin === 'here' ? <AcknowledgeButton hit={r} /> : <AcknowledgeAbroadButton hit={r} />;
              },
            } as ColumnDef<HitListItem, unknown>,
          ]
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
          <Select
            label={t('hits.origin')}
            clearable
            value={filters.origin ?? null}
            onChange={(v) => setFilter('origin', v)}
            data={[
              { value: 'here', label: t('hits.originHere') },
              { value: 'abroad', label: t('hits.fromAbroad') },
            ]}
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
