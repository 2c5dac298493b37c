import { useMemo } from 'react';
import { Button, Group, Paper, Select, SimpleGrid, TextInput } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import type { ColumnDef } from '@tanstack/react-table';
import { useTranslation } from 'react-i18next';
import { RECOVERY_TYPES, tracingApi, type RecoveryFilters, type RecoverySummary } from '../../api/tracing.ts';
import { useSession } from '../../auth/session.tsx';
import { DataTable, useCursorPager } from '../../components/DataTable.tsx';
import { AnchorLink, ButtonLink } from '../../components/links.tsx';
import { PartyPicker } from '../../components/PartyPicker.tsx';
import { ErrorAlert, PageHeader } from '../../components/ui.tsx';
import { isCalendarDate } from '../../dates.ts';
import { useFormat } from '../../format.ts';
import { partyText, placeText } from './shared.tsx';

const FILTER_KEYS: (keyof RecoveryFilters)[] = ['recoveryType', 'agencyPartyId', 'from', 'to'];

/**
 * Recoveries, newest first, filtered by type, recovering agency and period. The filters live in the page
 * URL, so the figures screen can link each number to the records behind it.
 */
export default function Recoveries() {
  const { t } = useTranslation();
  const f = useFormat();
  const { can } = useSession();
  const navigate = useNavigate();
  const search = useSearch({ strict: false }) as Record<string, string | undefined>;
  const filters: RecoveryFilters = useMemo(
    // A half-typed date in the URL is not sent: the server would refuse the whole list for it.
    () => Object.fromEntries(FILTER_KEYS.filter((k) => search[k] && (k === 'from' || k === 'to' ? isCalendarDate(search[k]!) : true)).map((k) => [k, search[k]])),
    [search],
  );
  const pager = useCursorPager();
  const cursor = pager.cursor;
  const q = useQuery({
    queryKey: ['tracing', 'recoveries', filters, cursor],
    queryFn: () => tracingApi.listRecoveries(filters, cursor),
    placeholderData: keepPreviousData,
  });

  const setFilter = (key: keyof RecoveryFilters, value: string | null) => {
    pager.reset();
    const next = { ...filters, [key]: value || undefined };
    void navigate({ to: '/tracing/recoveries', search: Object.fromEntries(Object.entries(next).filter(([, v]) => v)) });
  };

  const columns = useMemo<ColumnDef<RecoverySummary, unknown>[]>(
    () => [
      {
        id: 'reference',
        header: t('recoveries.reference'),
        accessorFn: (r) => r.reference,
        cell: (c) => (
          <AnchorLink to="/tracing/recoveries/$id" params={{ id: c.row.original.id }} ff="monospace">
            {c.getValue() as string}
          </AnchorLink>
        ),
      },
      { id: 'recoveredOn', header: t('recoveries.recoveredOn'), accessorFn: (r) => r.recoveredOn, cell: (c) => f.date(c.getValue() as string) },
      { id: 'type', header: t('recoveries.recoveryType'), accessorFn: (r) => t(`recoveries.type.${r.recoveryType}`) },
      { id: 'place', header: t('recoveries.place'), accessorFn: (r) => placeText(r) },
      { id: 'agency', header: t('recoveries.agency'), accessorFn: (r) => partyText(t, r.agency) },
      { id: 'context', header: t('recoveries.criminalContext'), accessorFn: (r) => t(`recoveries.context.${r.criminalContext}`) },
      { id: 'items', header: t('recoveries.items'), accessorFn: (r) => r.itemCount, cell: (c) => f.number(c.getValue() as number) },
    ],
    [t, f],
  );

  return (
    <>
      <PageHeader
        title={t('recoveries.title')}
        subtitle={t('recoveries.subtitle')}
        actions={
          can('tracing.recoveries.write') ? (
            <>
              <ButtonLink to="/tracing/recoveries/new">{t('recoveries.nav.record')}</ButtonLink>
              <ButtonLink to="/tracing/recoveries/import" variant="default">
                {t('recoveries.nav.import')}
              </ButtonLink>
            </>
          ) : null
        }
      />
      <Paper withBorder p="md" mb="md" component="section" aria-label={t('recoveries.filters')}>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
          <Select
            label={t('recoveries.recoveryType')}
            clearable
            value={filters.recoveryType ?? null}
            onChange={(v) => setFilter('recoveryType', v)}
            data={RECOVERY_TYPES.map((s) => ({ value: s, label: t(`recoveries.type.${s}`) }))}
          />
          <PartyPicker label={t('recoveries.agency')} value={filters.agencyPartyId ?? null} onChange={(v) => setFilter('agencyPartyId', v)} />
          <TextInput type="date" label={t('recoveries.from')} value={search.from ?? ''} onChange={(e) => setFilter('from', e.currentTarget.value)} />
          <TextInput type="date" label={t('recoveries.to')} value={search.to ?? ''} onChange={(e) => setFilter('to', e.currentTarget.value)} />
        </SimpleGrid>
        {Object.keys(filters).length ? (
          <Group mt="sm">
            <Button variant="default" size="xs" onClick={() => { pager.reset(); void navigate({ to: '/tracing/recoveries', search: {} }); }}>
              {t('recoveries.clearFilters')}
            </Button>
          </Group>
        ) : null}
      </Paper>
      <ErrorAlert error={q.error} />
      {q.data ? (
        <DataTable
          testId="recoveries"
          caption={t('recoveries.title')}
          data={q.data.items}
          columns={columns}
          {...pager.paging(q.data.nextCursor)}
        />
      ) : null}
    </>
  );
}
